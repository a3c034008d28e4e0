"""Faults that need size or state to show: a batch where some files are hostile, 150,000
faults in one file, link loops under a glob, generated knowledge bases at the engine's
limits, and a damaged or hostile parse cache. All through the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from helpers import TEST_KB, TEST_PLANS
from hostile import assert_one_clear_failure, run_bounded

KB = ("--kb", str(TEST_KB))
PLAN = TEST_PLANS / "capilar.yaml"
# The faults that once aborted a batch: each must cost only its own file.
FAULTS = {
    "impossible-date.yaml": "meta: {date: 2026-02-30}\nanswers: {plan_deep: true}\n",
    "float-tag.yaml": "answers:\n  outlets: !!float abc\n",
    "bool-tag.yaml": "answers:\n  plan_deep: !!bool maybe\n",
    "int-tag.yaml": "answers:\n  outlets: !!int abc\n",
    "digits.yaml": "answers:\n  outlets: " + "9" * 5000 + "\n",
    "timestamp-tag.yaml": "meta: {date: !!timestamp 2026-02-30}\nanswers: {}\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_hostile_files_cost_only_themselves_in_a_batch(tmp_path, jobs):
    folder = tmp_path / "plans"
    folder.mkdir()
    text = PLAN.read_text(encoding="utf-8")
    for index in range(600):
        (folder / f"p{index:03}.yaml").write_text(text, encoding="utf-8")
    for name, fault in FAULTS.items():
        (folder / name).write_text(fault, encoding="utf-8")
    run = run_bounded("evaluate", *KB, "--jobs", jobs, "--format", "jsonl", str(folder))
    assert run.returncode == 2, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == 600 + len(FAULTS)
    failed = {Path(r["source"]).name: r["error"] for r in records if "error" in r}
    assert set(failed) == set(FAULTS) - {"impossible-date.yaml"}  # a date is text
    assert all(e["line"] for e in failed.values())
    for name in failed:
        assert f"{folder / name}:" in run.stderr


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_150000_unknown_keys_are_reported_fast_and_capped(tmp_path, suffix):
    path = tmp_path / f"many{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps({"answers": {f"k{i}": 1 for i in range(150_000)}}), "utf-8")
    else:
        path.write_text("answers:\n" + "".join(f"  k{i}: 1\n" for i in range(150_000)),
                        encoding="utf-8")
    started = time.monotonic()
    run = run_bounded("evaluate", *KB, str(path))
    elapsed = time.monotonic() - started
    assert run.returncode == 2 and len(run.errors()) == 51, run.stderr[-500:]
    assert "y 149.950 errores más en este archivo" in run.stderr
    assert elapsed < 15, elapsed  # 49 s, and no end at all, before positions were indexed


def test_link_loops_under_a_glob_and_a_folder(tmp_path):
    root = tmp_path / "clients"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "up").symlink_to("..")
    (root / "a" / "b" / "top").symlink_to(root)
    (root / "a" / "self").symlink_to("self")
    shutil.copy(PLAN, root / "a" / "b" / "x.yaml")
    for argument in (f"{root}/**/*.yaml", str(root)):
        run = run_bounded("evaluate", *KB, "--format", "jsonl", argument, timeout=30)
        assert run.returncode == 0, run.stderr
        assert len(run.stdout.splitlines()) == 1  # found once, not once per loop


@pytest.mark.parametrize("place", ["empty", "/dev/", "pattern"])
def test_nothing_to_evaluate(tmp_path, place):
    (tmp_path / "empty").mkdir()
    argument = {"empty": str(tmp_path / "empty"), "/dev/": "/dev/",
                "pattern": str(tmp_path / "empty" / "**" / "*.yaml")}[place]
    run = run_bounded("evaluate", *KB, argument)
    assert run.returncode == 2, run.stderr
    assert "no se ha encontrado ningún archivo de respuestas" in run.stderr or \
        "no se encuentra el archivo" in run.stderr


def generated_kb(tmp_path: Path, family: str) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(TEST_KB, kb)
    (kb / "zz-generated.yaml").write_text(family, encoding="utf-8")
    return kb


@pytest.mark.slow
def test_a_knowledge_base_past_the_engines_action_limit(tmp_path):
    rules = "".join(f"  - {{id: rr{i}, sections: [SYS.A], points: [SYS.A/kpi_example], "
                    f"when: outlets > {i}, then: [risk.rate_neglected]}}\n" for i in range(4096))
    kb = generated_kb(tmp_path, "family: SYS\nrules:\n" + rules)
    where = f"{kb / 'zz-generated.yaml'}:"
    check = run_bounded("check", "--kb", str(kb))
    assert check.returncode == 1 and where in check.stdout, check.stdout[-2000:]
    assert "el motor admite como mucho 4.000" in check.stdout
    run = run_bounded("evaluate", "--kb", str(kb), str(PLAN))
    assert_one_clear_failure(run, where, None, "el motor admite como mucho 4.000")


def test_300_derived_values_in_a_chain(tmp_path):
    values = "".join(
        f"  - {{id: d{i}, type: number, sections: [RES.A], text: {{es: d{i}, en: d{i}}}, "
        f"value: {'outlets' if i == 0 else f'd{i - 1}'} + 1}}\n" for i in range(300))
    rule = ("rules:\n  - {id: r_chain, sections: [RES.A], points: [RES.A/staff], "
            "when: d299 > 25299, then: [risk.understaffed]}\n")
    kb = generated_kb(tmp_path, "family: RES\nderived:\n" + values + rule)
    assert run_bounded("check", "--kb", str(kb)).returncode == 0
    run = run_bounded("evaluate", "--kb", str(kb), "--format", "json", str(PLAN))
    assert run.returncode == 0, run.stderr
    conclusions = {c["id"]: c["rules"] for c in json.loads(run.stdout)[0]["conclusions"]}
    assert "r_chain" in conclusions["understaffed"]  # 25,000 + 300 > 25,299


def cache_file(cache: Path) -> Path:
    (found,) = (cache / "garantias-expert").glob("conditions-*.json")
    return found


def evaluate_with(cache: Path) -> tuple[int, str]:
    run = run_bounded("evaluate", *KB, "--format", "json", str(PLAN),
                      env={"XDG_CACHE_HOME": str(cache)}, timeout=30)
    return run.returncode, run.stdout


def checksum(kind: str, text: str, data: object) -> str:
    from expert.parse_cache import _checksum

    return _checksum(kind, text, data)


def forged(entries: dict, make) -> dict:  # type: ignore[no-untyped-def]
    """Every entry replaced by ``make(kind, text)``, with a checksum that matches it."""
    out = {}
    for key in entries:
        kind, text = key.split(":", 1)
        tree = make(kind, text)
        out[key] = [checksum(kind, text, tree), tree]
    return out


def other_tree(kind: str, text: str) -> list:
    return ["truth", "plan_deep", [1, 1]] if kind == "c" else ["num", 1, [1, 1]]


DAMAGE = {
    "nested-100000-deep": lambda entries: "[" * 100_000 + "]" * 100_000,
    "not-json": lambda entries: "\xff\xfe\0 garbage",
    "a-list": lambda entries: "[1, 2, 3]",
    "over-4-megabytes": lambda entries: json.dumps({"x": "y" * 5_000_000}),
    "right-checksums-garbage-trees": lambda entries: json.dumps(forged(entries, lambda k, t: (
        ["and", [], [1, 1]] if k == "c" else ["op", "/", ["num", 1, [1, 1]], "x", [1, 1]]))),
    "right-checksums-bad-positions": lambda entries: json.dumps(forged(
        entries, lambda k, t: ["truth", "x" * 10, ["a", "b"]])),
    "right-checksums-wrong-literals": lambda entries: json.dumps(forged(entries, lambda k, t: (
        ["cmp", "outlets", "<", ["abc", "number", 1, 1], [1, 1]] if k == "c"
        else ["num", float("inf"), [1, 1]]))),
    "right-checksums-other-trees": lambda entries: json.dumps(forged(entries, other_tree)),
    "right-checksums-deep-trees": lambda entries: json.dumps(forged(entries, lambda k, t: (
        json.loads("[\"not\", " * 500 + '["truth", "plan_deep", [1, 1]]' + ", [1, 1]]" * 500)
        if k == "c" else ["num", 1, [1, 1]]))),
    "valid-other-trees-wrong-checksums": lambda entries: json.dumps(
        {key: [value[0], other_tree(*key.split(":", 1))] for key, value in entries.items()}),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_parse_cache_never_changes_a_result(tmp_path, damage):
    cache = tmp_path / "cache"
    code, expected = evaluate_with(cache)
    assert code == 0
    entries = json.loads(cache_file(cache).read_text(encoding="utf-8"))
    cache_file(cache).write_text(DAMAGE[damage](entries), encoding="utf-8")
    assert evaluate_with(cache) == (0, expected)


@pytest.mark.parametrize("place", ["fifo", "dev-zero-link", "outside-link", "folder-a-file",
                                   "read-only-folder"])
def test_a_hostile_parse_cache_place(tmp_path, place):
    cache = tmp_path / "cache"
    code, expected = evaluate_with(cache)
    assert code == 0
    target = cache_file(cache)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    if place in ("fifo", "dev-zero-link", "outside-link"):
        target.unlink()
        if place == "fifo":
            os.mkfifo(target)
        elif place == "outside-link":
            target.symlink_to(outside)
        else:  # a private twin of /dev/zero: if it were written through, only it is lost
            zero = tmp_path / "zero"
            try:
                os.mknod(zero, stat.S_IFCHR | 0o666, os.makedev(1, 5))
            except PermissionError:
                pytest.skip("making a device node needs root")
            target.symlink_to(zero)
    elif place == "folder-a-file":
        shutil.rmtree(cache / "garantias-expert")
        (cache / "garantias-expert").write_text("x", encoding="utf-8")
    else:
        target.unlink()
        (cache / "garantias-expert").chmod(0o555)
    assert evaluate_with(cache) == (0, expected)
    assert outside.read_text(encoding="utf-8") == "keep me"  # never written through a link
    if place == "dev-zero-link":
        assert (tmp_path / "zero").is_char_device()


def test_feature_files_that_cannot_be_read_are_named_not_hung_on(tmp_path):
    features = tmp_path / "features"
    (features / "a").mkdir(parents=True)
    (features / "a" / "up").symlink_to("..")
    os.mkfifo(features / "pipe.feature")
    (features / "latin1.feature").write_bytes(b"Feature: x\n  Scenario: SYS.A \xff\n")
    (features / "ok.feature").write_text("Feature: x\n  Scenario: covers SYS.B\n", "utf-8")
    run = run_bounded("coverage", *KB, "--features", str(features), timeout=30)
    assert run.returncode == 1, run.stderr  # sections are uncovered: that is the answer
    assert f"{features / 'pipe.feature'}: aviso:" in run.stderr
    assert f"{features / 'latin1.feature'}:2:" in run.stderr
    not_a_folder = run_bounded("coverage", *KB, "--features", str(features / "ok.feature"))
    assert_one_clear_failure(not_a_folder, str(features / "ok.feature"), None,
                             "no es una carpeta de escenarios")


def test_broken_records_leave_no_garbage_for_the_cycle_collector():
    # The batch pauses the cycle collector while it works; a broken record kept with its
    # traceback made a cycle (traceback -> frame -> outcome -> error) that reference
    # counting cannot free: resident memory grew by about 4 KB per broken record.
    import gc
    import io

    from expert.batch.run import evaluate_sources
    from expert.batch.sources import stream_records
    from expert.infer import Expert

    expert = Expert.open(str(TEST_KB))
    good = json.dumps({"answers": {"plan_deep": True, "basis": "sales_only"}})
    lines = [good, '{"answers": {"plan_deep": "maybe"}}', "{not json", good] * 40

    def run() -> int:
        stream = io.BytesIO("\n".join(lines).encode() + b"\n")
        outcomes = list(evaluate_sources(str(TEST_KB), stream_records(stream), fmt="jsonl",
                                         lang="es", jobs=1, expert=expert))
        return sum(o.error is not None for o in outcomes)

    assert run() == 80  # once to warm every cache
    gc.collect()
    assert run() == 80
    assert gc.collect() == 0
