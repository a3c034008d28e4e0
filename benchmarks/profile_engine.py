"""Where this project's inference time goes, per plan: ``python benchmarks/profile_engine.py``.

Runs ``Expert.evaluate_many`` (batch) and ``Expert.evaluate`` (one plan per call) on the
bundled knowledge base and on a generated one of 1,000 rules, then converts every trace to
the benchmark's common form, with a timer around each step of the path (by wrapping the
functions, not by sampling; nothing under ``expert/`` changes):

- encode answers: ``Compiled.fragments`` (answers under engine keys and values, as JSON
  members, each (question, value) formatted once);
- build facts: ``_Batch.facts`` (one fact per plan and rule group, per stratum, written as
  one JSON text);
- C assert: ``durable_rules_engine.assert_facts`` (the engine parses the JSON, matches it
  through its Rete network, and queues the actions);
- C collect actions: ``collect_actions`` (every ready action's name and matched fact ids in
  one text);
- Python actions: the rest of ``_Ruleset.run_actions`` (splitting that text, calling the
  rule actions, which record firings in the traces);
- C delete session: ``delete_state``;
- results and open points: ``Expert._result`` (ordering the trace, the three-valued
  analysis behind open points and the questions that settle them);
- common form: the benchmark's trace -> {conclusion: frozenset(rules)} conversion;
- the rest: what is left of the total (``Engine.run``'s loops and session bookkeeping,
  ``_Batch`` set-up, the timers themselves).

The benchmark's "expert" rows time everything but "results and open points".
``--cprofile`` also prints the top functions by own time under cProfile.

Inside the C engine, sampling shows what the C time is made of: ``--loop KB:MODE`` only
runs the path (no timers) for ``perf record``, and ``--perf-report FILE`` groups a
``perf.data`` file's samples by library and, inside durable-rules, by kind of work::

    perf record --call-graph dwarf -o /tmp/perf.data \\
        python benchmarks/profile_engine.py --loop bundled:batch
    python benchmarks/profile_engine.py --perf-report /tmp/perf.data

With call chains, each sample taken inside one of the engine's entry points
(``assert_facts``, the action calls, ``delete_state``) is charged to that entry point and
to the kind of work of the function it was in (its own code, or libc's malloc/memset, or
the kernel's page faults).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import expert.engine  # noqa: E402
import expert.engine_batch  # noqa: E402
from expert import compiler, durable_host, infer  # noqa: E402
from expert._vendor.durable import durable_rules_engine  # noqa: E402
from expert.engine import gc_paused  # noqa: E402
from expert.facts import FactSet  # noqa: E402
from expert.infer import Expert  # noqa: E402
from expert.loader import load_knowledge_base  # noqa: E402

from generate import generate_kb, generate_plans  # noqa: E402
from peers import trace_converter  # noqa: E402

ROWS = ["encode answers", "build facts", "C assert (parse + match)",
        "C collect actions", "Python actions", "C delete session",
        "results and open points", "common form", "the rest"]


class Timers:
    def __init__(self) -> None:
        self.spent: dict[str, float] = dict.fromkeys(ROWS, 0.0)
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, name: str, row: str) -> None:
        original = getattr(owner, name)
        spent = self.spent
        clock = time.perf_counter

        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = clock()
            try:
                return original(*args, **kwargs)
            finally:
                spent[row] += clock() - start

        setattr(owner, name, timed)
        self._undo.append(lambda: setattr(owner, name, original))

    def replace(self, owner: Any, name: str, value: Any) -> None:
        original = getattr(owner, name)
        setattr(owner, name, value)
        self._undo.append(lambda: setattr(owner, name, original))

    def restore(self) -> None:
        while self._undo:
            self._undo.pop()()


@contextlib.contextmanager
def instrumented() -> Iterator[Timers]:
    timers = Timers()
    timers.wrap(compiler.Compiled, "fragments", "encode answers")
    timers.wrap(expert.engine_batch.Batch, "facts", "build facts")
    timers.wrap(durable_rules_engine, "assert_facts", "C assert (parse + match)")
    timers.wrap(durable_rules_engine, "collect_actions", "C collect actions")
    timers.wrap(durable_host._Ruleset, "run_actions", "Python actions")
    timers.wrap(durable_rules_engine, "delete_state", "C delete session")
    timers.wrap(infer.Expert, "_result", "results and open points")
    try:
        yield timers
    finally:
        timers.restore()
    # run_actions' timer holds the C collect call too: keep only the Python part.
    timers.spent["Python actions"] -= timers.spent["C collect actions"]


def profile(expert: Expert, plans: list[dict[str, Any]], batch: int) -> dict[str, Any]:
    facts = [FactSet("profile", answers) for answers in plans]
    convert = trace_converter(expert.kb)
    evaluate = (lambda chunk: [expert.evaluate(chunk[0])]) if batch == 1 \
        else expert.evaluate_many
    evaluate(facts[:8])  # warm up
    with instrumented() as timers, gc_paused():
        start = time.perf_counter()
        for index in range(0, len(facts), batch):
            results = evaluate(facts[index:index + batch])
            begin = time.perf_counter()
            for result in results:
                convert(result.trace)
            timers.spent["common form"] += time.perf_counter() - begin
        total = time.perf_counter() - start
    spent = timers.spent
    spent["the rest"] = total - sum(v for k, v in spent.items() if k != "the rest")
    return {"plans": len(plans), "batch": batch,
            "us_per_plan": {row: round(spent[row] / len(plans) * 1e6, 1) for row in ROWS},
            "total_us_per_plan": round(total / len(plans) * 1e6, 1)}


def _table(columns: dict[str, dict[str, Any]]) -> str:
    """µs per plan and share of the total, one column per mode."""
    lines = [f"  {'':26}" + "".join(f"{name:>22}" for name in columns)]
    for row in ROWS:
        cells = []
        for figures in columns.values():
            value = figures["us_per_plan"][row]
            cells.append(f"{value:9.1f} µs {value / figures['total_us_per_plan']:6.1%}")
        lines.append(f"  {row:26}" + "".join(f"{cell:>22}" for cell in cells))
    lines.append(f"  {'total':26}" + "".join(
        f"{figures['total_us_per_plan']:9.1f} µs {'':6}".rjust(22) for figures in columns.values()))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=2048, help="plans per knowledge base")
    parser.add_argument("--cprofile", action="store_true", help="also the top functions")
    parser.add_argument("--out", type=Path, default=None, help="figures as JSON")
    parser.add_argument("--loop", metavar="KB:MODE", default=None,
                        help="only run the path, for perf: bundled|1000 : batch|single")
    parser.add_argument("--perf-report", metavar="FILE", type=Path, default=None,
                        help="group a perf.data file's samples by kind of work")
    args = parser.parse_args()
    if args.perf_report:
        print(perf_report(args.perf_report))
        return 0
    with contextlib.suppress(AttributeError, OSError):  # one core, as in the benchmark
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        kbs = {"bundled": HERE.parent / "knowledge_base",
               "1,000 rules": generate_kb(Path(tmp) / "g1000", 1000)}
        if args.loop:
            which, mode = args.loop.split(":")
            expert = Expert(load_knowledge_base(kbs["bundled" if which == "bundled"
                                                    else "1,000 rules"]))
            _loop(expert, args.plans if which == "bundled" else args.plans // 4, mode)
            return 0
        for name, root in kbs.items():
            expert = Expert(load_knowledge_base(root))
            count = args.plans if name == "bundled" else max(1, args.plans // 4)
            plans = generate_plans(expert.kb, count)
            columns = {"batch of 256": profile(expert, plans, 256),
                       "one plan per call": profile(expert, plans, 1)}
            figures[name] = columns
            print(f"\n{name} ({count} plans)\n" + _table(columns))
            if args.cprofile:
                _cprofile(expert, plans)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2), "utf-8")
    return 0


def _loop(expert: Expert, count: int, mode: str) -> None:
    """What the benchmark times for this project: ``Engine.run`` and the common form."""
    convert, run = trace_converter(expert.kb), expert.engine.run
    plans = [expert.logic.derive(p) for p in generate_plans(expert.kb, count)]
    with gc_paused():
        for _ in range(3):
            traces = run(plans) if mode == "batch" else [run([plan])[0] for plan in plans]
            for trace in traces:
                convert(trace)


# durable-rules' C functions by the kind of work they do (its src/rules/*.c).
KINDS = {
    "JSON parsing (facts in)": (
        "readNext", "getObjectProperty", "constructObject", "setObjectProperty",
        "insertSortProperties", "radixSortProperties", "getValue", "getString",
        "getStringAndHash", "utf8ToUnicode", "readEscapedSymbol", "calculateId", "fnv1Hash32",
        "getNumber", "getObject", "getArray"),
    "Rete matching": (
        "handleAlpha", "walkAlpha", "pushAlpha", "isAlphaMatch", "isBetaMatch", "handleBeta",
        "handleMatchFrames", "handleFilterFrames", "compareValue", "reduce", "getFrameHash",
        "handleMessage", "isNextMatch", "isArrayMatch", "isDistinct", "isSubset", "evaluateRegex"),
    "frames, messages and state": (
        "Frame", "Message", "storeMessage", "getMessage", "copyMessage", "FrameLocation",
        "getLocationHash", "ensureState", "getStateNode", "createStateNode", "getState",
        "deleteState", "initStatePool", "allocateNext", "getHash", "getIndex", "setIndex"),
    "actions out": (
        "serialize", "startAction", "completeAndStartAction", "handleAction",
        "getNextResult", "freeActionContext", "deleteCurrentAction", "startQueuedActions",
        "collectActions", "appendText", "appendMessageId"),
}


ENTRIES = {"pyAssertFacts": "assert_facts", "pyCollectActions": "collect_actions",
           "pyDeleteState": "delete_state"}


def perf_report(data: Path) -> str:
    """Samples inside the engine's entry points, by kind of work; then flat shares."""
    script = subprocess.run(["perf", "script", "-i", str(data)], capture_output=True,
                            text=True, check=True).stdout
    inside: collections.Counter[tuple[str, str]] = collections.Counter()
    total = 0
    for sample in script.split("\n\n"):
        frames = [line.split()[1].split("+")[0] for line in sample.splitlines()[1:]
                  if len(line.split()) >= 2]
        if not frames:
            continue
        total += 1
        entry = next((ENTRIES[f] for f in frames if f in ENTRIES), None)
        if entry is None:
            continue
        leaf, where = frames[0], sample.splitlines()[1]
        kind = next((k for k, names in KINDS.items() if any(n in leaf for n in names)), None)
        if kind is None:
            kind = ("kernel (page faults, ...)" if "kernel" in where
                    else "libc (malloc, free, memset, ...)" if "libc" in where
                    else "Python objects (arguments, results)" if "libpython" in where
                    else "other durable-rules" if "durable_rules" in where else "other")
        inside[(entry, kind)] += 1
    lines = []
    if inside:
        lines.append(f"samples inside the C engine's entry points ({total} samples in all):")
        for entry in dict.fromkeys(ENTRIES.values()):
            count = sum(n for (e, _), n in inside.items() if e == entry)
            lines.append(f"  {entry:34} {count / total:6.1%} of all samples")
            for (e, kind), n in inside.most_common():
                if e == entry:
                    lines.append(f"    {kind:32} {n / max(1, count):6.1%} of {entry}")
    return "\n".join([*lines, _flat_report(data)])


def _flat_report(data: Path) -> str:
    output = subprocess.run(["perf", "report", "-i", str(data), "--stdio", "--no-children",
                             "--sort", "dso,sym", "-q"], capture_output=True, text=True,
                            check=True).stdout
    by_dso: collections.Counter[str] = collections.Counter()
    by_kind: collections.Counter[str] = collections.Counter()
    for line in output.splitlines():
        parts = line.split()
        if len(parts) < 4 or not parts[0].endswith("%"):
            continue
        share, dso, symbol = float(parts[0][:-1]), parts[1], parts[-1]
        library = ("durable-rules (C)" if "durable_rules_engine" in dso
                   else "Python interpreter" if "libpython" in dso or dso.startswith("python")
                   else "libc (malloc, memcpy, ...)" if dso.startswith("libc")
                   else dso)
        by_dso[library] += share
        if library == "durable-rules (C)":
            kind = next((k for k, names in KINDS.items()
                         if any(name in symbol for name in names)), "other")
            by_kind[kind] += share
    lines = ["samples by library:"]
    lines += [f"  {name:40} {share:5.1f}%" for name, share in by_dso.most_common(8)]
    lines.append("durable-rules (C) samples by kind of work (share of all samples):")
    lines += [f"  {name:40} {share:5.1f}%" for name, share in by_kind.most_common()]
    return "\n".join(lines)


def _cprofile(expert: Expert, plans: list[dict[str, Any]]) -> None:
    facts = [FactSet("profile", answers) for answers in plans]
    for label, call in (("batch", lambda: expert.evaluate_many(facts)),
                        ("one plan per call", lambda: [expert.evaluate(f) for f in facts])):
        profiler = cProfile.Profile()
        profiler.runcall(call)
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
        body = text.getvalue()
        print(f"\ncProfile, {label}, top functions by own time:\n"
              + body[body.index("   ncalls"):].rstrip())


if __name__ == "__main__":
    sys.exit(main())
