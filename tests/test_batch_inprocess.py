"""The batch evaluator in this process (so that mutation testing sees it): several engine
sessions, several units of work across two workers, broken files among good ones; the
outcomes come back one per source, in input order, errors included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from expert.batch import run as batch
from expert.batch.sources import Source
from expert.infer import Expert

from helpers import TEST_KB, TEST_PLANS

PLANS = sorted(TEST_PLANS.glob("*.yaml"))
# More than two units of work and more than one engine session (CHUNK): every worker gets
# work, and the last unit is a partial one.
COUNT = 2 * batch.WORK_UNIT + 45
BROKEN_EVERY = 37


@pytest.fixture(scope="module")
def expert() -> Expert:
    return Expert.open(TEST_KB)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> list[Source]:
    root = tmp_path_factory.mktemp("many")
    sources = []
    for index in range(COUNT):
        path = root / f"plan-{index:04}.yaml"
        if index % BROKEN_EVERY == BROKEN_EVERY - 1:
            path.write_text("answers:\n  plan_deep: perhaps\n", "utf-8")
        else:
            shutil.copy(PLANS[index % len(PLANS)], path)
        sources.append(Source(str(path)))
    return sources


def run(expert: Expert, sources: list[Source], jobs: int) -> list[batch.Outcome]:
    return list(batch.evaluate_sources(str(TEST_KB), sources, fmt="jsonl", lang="es",
                                       jobs=jobs, expert=expert))


def test_the_sizes_make_the_test_span_units_and_sessions():
    assert COUNT > 2 * batch.WORK_UNIT and COUNT > batch.CHUNK
    assert COUNT >= batch.PARALLEL_THRESHOLD


@pytest.mark.parametrize("jobs", [1, 2])
def test_outcomes_come_back_in_input_order_with_every_error(expert, folder, jobs):
    outcomes = run(expert, folder, jobs)
    assert [o.source for o in outcomes] == [s.name for s in folder]
    broken = [i for i, o in enumerate(outcomes) if o.error is not None]
    assert broken == list(range(BROKEN_EVERY - 1, COUNT, BROKEN_EVERY))
    for index, outcome in enumerate(outcomes):
        if outcome.error is None:
            record = json.loads(outcome.output)
            assert record["source"] == folder[index].name
            assert outcome.row is not None and outcome.row["source"] == folder[index].name
        else:
            assert outcome.output is None and outcome.error.diagnostics[0].location.line == 2


def test_two_workers_render_exactly_what_one_process_renders(expert, folder):
    one = run(expert, folder, 1)
    two = run(expert, folder, 2)
    assert [(o.source, o.output, o.name) for o in one] == [
        (o.source, o.output, o.name) for o in two]
    assert [str(o.error) for o in one] == [str(o.error) for o in two]
    # Each plan's result is its own: the same file gives the same record wherever it runs.
    by_file: dict[str, set[str]] = {}
    for source, outcome in zip(folder, one, strict=True):
        if outcome.error is None:
            original = PLANS[int(Path(source.name).stem.split("-")[1]) % len(PLANS)]
            record = json.loads(outcome.output)
            record.pop("source")
            by_file.setdefault(original.name, set()).add(json.dumps(record, sort_keys=True))
    assert all(len(records) == 1 for records in by_file.values())
    assert len(by_file) == len(PLANS)


def test_many_small_units_are_merged_in_input_order_not_in_completion_order(
        expert, folder, monkeypatch):
    # With units of four plans the two workers finish them in an interleaved order; a merge
    # that took results as they complete (imap_unordered) would show it. The assertion is on
    # order only, never on timing.
    monkeypatch.setattr(batch, "WORK_UNIT", 4)
    outcomes = run(expert, folder, 2)
    assert [o.source for o in outcomes] == [s.name for s in folder]
    assert [o.error is not None for o in outcomes] == [
        i % BROKEN_EVERY == BROKEN_EVERY - 1 for i in range(COUNT)]
