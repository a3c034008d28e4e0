"""Inference throughput on one core: this project's engine against CLIPS and experta (and,
for scale, the project's own three-valued evaluator), on the same rules and plans.

What is timed, per engine, is everything from a plan's typed answers (what the fact-file
loader produces, plus the knowledge base's derived values, computed once before timing
for every engine) up to the *common form*, per plan {conclusion id: frozenset of rule ids}:

- **expert (durable-rules)**: ``Engine.run(plans)`` (encoding, facts, JSON, the C engine,
  the Python actions, the trace; one durable-rules session per call) and the conversion
  of each trace to the common form. This is ``Expert.evaluate_many`` without the open-point
  analysis, which no peer does; the two rows marked "with open points" time
  ``Expert.evaluate_many`` / ``Expert.evaluate`` in full, for information.
- **CLIPS (clipspy)**: ``ClipsEngine.run(plans)``: fact text from the answers, one ``eval``
  (reset, assert, run, collection in CLIPS) and the common form (see ``peers``).
- **experta**: ``ExpertaEngine.run(plans)``: reset, declare, run, and the common form.
- **three-valued evaluator (floor)**: ``Logic.infer`` per plan and the common form.

Each engine runs in two modes: *batch*, at its own best batch size (a few sizes are timed
first on a sample of the plans, the fastest is kept and reported), and *one plan per call*
(the interview and ``whatif`` evaluate one plan at a time), where every call is one plan:
``Engine.run([plan])``, a CLIPS reset/assert/run/collect, an experta reset/declare/run.

Timing: the CPU time of this process (every engine here runs on the calling thread, none
waits for I/O), because on a shared machine wall-clock time also counts the time spent
waiting for the core, which swung rates 4-fold between rounds of one run. Every engine runs
with Python's cycle collector paused (this project's engine pauses it itself), engines
alternate within each round (the order rotates from round to round), ``repeats`` rounds;
a rate is the median over rounds, and a ratio is the median of the per-round ratios, so
that the machine's drift touches both sides of a ratio alike.
Every engine's result on every plan it ran, in every round, must equal the three-valued
evaluator's (the specification), or the benchmark fails.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from expert.engine import gc_paused
from expert.facts import FactSet
from expert.infer import Expert

from peers import ClipsEngine, ExpertaEngine, Outcome, outcome_of_trace, trace_converter

Plan = dict[str, Any]

OURS = "expert (durable-rules)"
CLIPS = "CLIPS (clipspy)"
EXPERTA = "experta"
FLOOR = "three-valued evaluator (floor)"
BATCH, SINGLE = "batch", "one plan per call"


class Disagreement(SystemExit):
    pass


@dataclass
class Runner:
    engine: str
    mode: str
    call: Callable[[Sequence[Any]], list[Outcome]]  # one call: one batch, in the common form
    sizes: tuple[int, ...]  # candidate batch sizes (one plan per call: (1,))
    plans: int  # how many of the plans it runs
    info: bool = False  # shown, but no target depends on it
    label: str = ""
    size: int = 0  # the batch size chosen
    calibration: dict[int, float] = field(default_factory=dict)
    rates: list[float] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.label or f"{self.engine}, {self.mode}"

    def run(self, inputs: Sequence[Any], size: int) -> tuple[float, list[Outcome]]:
        call, out = self.call, []
        with gc_paused():
            start = time.process_time()
            for index in range(0, len(inputs), size):
                out.extend(call(inputs[index:index + size]))
            elapsed = time.process_time() - start
        return len(inputs) / elapsed, out


def runners(kb, plans: int, experta_plans: int) -> tuple[list[Runner], Expert]:  # type: ignore[no-untyped-def]
    expert = Expert(kb)
    # Appending to a CLIPS multifield copies it: a batch spreads its firings over more
    # global multifields than one plan needs (measured with callgrind: 64 vs 16 saves
    # 3-13% in batch; 16 vs 64 saves 0-7% one plan per call).
    clips_batch, clips_single = ClipsEngine(kb, partitions=64), ClipsEngine(kb, partitions=16)

    def clips(batch: Sequence[Plan]) -> list[Outcome]:
        # A batch of one is a candidate batch size: give it the environment tuned for it.
        return (clips_single if len(batch) == 1 else clips_batch).run(batch)
    experta = ExpertaEngine(kb)
    convert = trace_converter(kb)
    engine = expert.engine
    logic = expert.logic

    def ours(batch: Sequence[Plan]) -> list[Outcome]:
        return [convert(trace) for trace in engine.run(batch)]

    def evaluate_many(batch: Sequence[FactSet]) -> list[Outcome]:
        return [convert(result.trace) for result in expert.evaluate_many(batch)]

    def evaluate(batch: Sequence[FactSet]) -> list[Outcome]:
        return [convert(expert.evaluate(facts).trace) for facts in batch]

    def floor(batch: Sequence[Plan]) -> list[Outcome]:
        return [outcome_of_trace(logic.infer(answers)) for answers in batch]

    few = tuple(s for s in (16, 64, 256) if s <= experta_plans) or (experta_plans,)
    return [
        # A batch of one is a candidate too: the best batch may be no batch.
        Runner(OURS, BATCH, ours, (1, 16, 64, 256), plans),
        Runner(OURS, SINGLE, ours, (1,), plans),
        Runner(CLIPS, BATCH, clips, (1, 4, 8, 16, 32, 64), plans),
        Runner(CLIPS, SINGLE, clips_single.run, (1,), plans),
        Runner(EXPERTA, BATCH, experta.run, few, experta_plans),
        Runner(EXPERTA, SINGLE, experta.run, (1,), experta_plans),
        Runner(OURS, BATCH, evaluate_many, (256,), plans, info=True,
               label="expert: Expert.evaluate_many, with open points"),
        Runner(OURS, SINGLE, evaluate, (1,), plans, info=True,
               label="expert: Expert.evaluate per plan, with open points"),
        Runner(FLOOR, BATCH, floor, (256,), plans, info=True),
    ], expert


def measure(kb, plans: list[Plan], *, experta_plans: int, repeats: int,  # type: ignore[no-untyped-def]
            calibration_plans: int, progress: Callable[[str], None] = lambda _: None
            ) -> dict[str, Any]:
    experta_plans = min(experta_plans, len(plans))
    engines, expert = runners(kb, len(plans), experta_plans)
    fact_sets = [FactSet("benchmark", answers) for answers in plans]
    reference = [outcome_of_trace(expert.logic.infer(answers)) for answers in plans]
    # Every engine reads the same values: the answers plus the knowledge base's derived
    # values (``derived:``), computed once here, untimed; only the "with open points" rows
    # start from the answers, as Expert.evaluate does.
    values = [expert.logic.derive(answers) for answers in plans]

    def inputs(runner: Runner) -> Sequence[Any]:
        source = fact_sets if "Expert." in runner.label else values
        return source[:runner.plans]

    for runner in engines:  # warm up: caches, id tables, lazy imports
        runner.run(inputs(runner)[:8], min(runner.sizes))
    for runner in engines:  # each engine at its own best batch size
        if len(runner.sizes) == 1:
            runner.size = runner.sizes[0]
            continue
        # experta runs few plans, all of them slowly: its sample is all of its plans.
        sample = inputs(runner)[:calibration_plans if runner.engine != EXPERTA else None]
        timings: dict[int, list[float]] = {size: [] for size in runner.sizes}
        for _ in range(3):
            for size in runner.sizes:
                timings[size].append(runner.run(sample, size)[0])
        runner.calibration = {s: round(statistics.median(r), 1) for s, r in timings.items()}
        runner.size = max(runner.calibration, key=runner.calibration.__getitem__)
        progress(f"  {runner.name}: batch size {runner.size} "
                 f"(plans/s by size: {runner.calibration})")
    for round_ in range(repeats):
        order = engines[round_ % len(engines):] + engines[:round_ % len(engines)]
        for runner in order:
            rate, outcomes = runner.run(inputs(runner), runner.size)
            _check(runner, outcomes, reference)
            runner.rates.append(rate)
        progress(f"  round {round_ + 1}/{repeats} done")
    return _figures(engines, reference, len(plans))


def _check(runner: Runner, outcomes: list[Outcome], reference: list[Outcome]) -> None:
    if outcomes == reference[:len(outcomes)]:
        return
    bad = next(i for i, (a, b) in enumerate(zip(outcomes, reference, strict=False)) if a != b)
    raise Disagreement(
        f"{runner.name} disagrees with the three-valued evaluator on plan {bad}: "
        f"{sorted(outcomes[bad].items())} != {sorted(reference[bad].items())}")


def _figures(engines: list[Runner], reference: list[Outcome], plans: int) -> dict[str, Any]:
    by_key = {(r.engine, r.mode): r for r in engines if not r.info}
    figures: dict[str, Any] = {"engines": {}}
    for runner in engines:
        figures["engines"][runner.name] = {
            "plans_per_second": round(statistics.median(runner.rates), 1),
            "rates": [round(rate, 1) for rate in runner.rates],
            "plans": runner.plans,
            "batch_size": runner.size,
            "batch_size_calibration": runner.calibration,
            "agreement": f"{runner.plans}/{runner.plans} identical, {len(runner.rates)} rounds",
            "info": runner.info,
        }

    def ratio(mode: str, peer: str) -> float:
        ours, theirs = by_key[(OURS, mode)].rates, by_key[(peer, mode)].rates
        return round(statistics.median(a / b for a, b in zip(ours, theirs, strict=True)), 2)

    figures["ratios"] = {
        f"vs CLIPS, {BATCH}": ratio(BATCH, CLIPS),
        f"vs CLIPS, {SINGLE}": ratio(SINGLE, CLIPS),
        f"vs experta, {BATCH}": ratio(BATCH, EXPERTA),
        f"vs experta, {SINGLE}": ratio(SINGLE, EXPERTA),
    }
    floor = next(r for r in engines if r.engine == FLOOR)
    figures["ratios"]["vs floor, batch"] = round(statistics.median(
        a / b for a, b in zip(by_key[(OURS, BATCH)].rates, floor.rates, strict=True)), 2)
    figures["conclusions_per_plan"] = round(sum(map(len, reference)) / max(1, plans), 1)
    return figures
