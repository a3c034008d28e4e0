"""One command for every performance figure: ``python benchmarks/run.py``.

Prints a table and writes the same figures as JSON (``--out``, default
``benchmarks/results/latest.json``). ``--smoke`` runs tiny sizes in seconds, to keep the
benchmark working in CI; its figures mean nothing. Needs the bench extra:
``pip install '.[bench]'`` (clipspy, experta, psutil).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from expert.loader import load_knowledge_base  # noqa: E402

from generate import generate_kb, generate_plans  # noqa: E402
from inference import BATCH, SINGLE, Disagreement, measure  # noqa: E402

ROOT = HERE.parent
BUNDLED = ROOT / "knowledge_base"
EXAMPLE = BUNDLED / "examples" / "bebidas-distribucion.yaml"

FULL = {"plans": 4096, "plans_1000": 1024, "experta": 256, "experta_1000": 64,
        "calibration": 512, "repeats": 5, "files": 5000, "interviews": 5, "startup": 5,
        "memory": 100_000}
SMOKE = {"plans": 64, "plans_1000": 16, "experta": 8, "experta_1000": 4, "calibration": 32,
         "repeats": 1, "files": 40, "interviews": 1, "startup": 1, "memory": 2000}

# Inference targets, on every knowledge base: ratio name -> at least.
TARGETS = {f"vs CLIPS, {BATCH}": 1.0, f"vs CLIPS, {SINGLE}": 1.0, f"vs experta, {BATCH}": 20.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, seconds")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--only", choices=["inference", "system"], default=None)
    parser.add_argument("--repeats", type=int, default=None,
                        help="rounds of inference timing (median of them; default 5, smoke 1)")
    args = parser.parse_args()
    size = dict(SMOKE if args.smoke else FULL)
    if args.repeats:
        size["repeats"] = args.repeats
    with contextlib.suppress(AttributeError, OSError):  # one core, as the targets are stated
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    report: dict[str, Any] = {"machine": _machine(), "smoke": args.smoke, "when": time.strftime(
        "%Y-%m-%d %H:%M:%S")}
    with tempfile.TemporaryDirectory() as tmp:
        kbs = {"bundled": BUNDLED,
               "generated 200 rules": generate_kb(Path(tmp) / "g200", 200),
               "generated 1,000 rules": generate_kb(Path(tmp) / "g1000", 1000)}
        if args.only in (None, "inference"):
            report["inference"] = {}
            for name, root in kbs.items():
                kb = load_knowledge_base(root)
                big = "1,000" in name
                plans = generate_plans(kb, size["plans_1000" if big else "plans"])
                print(f"\nInference, {name}: calibrating batch sizes, then {size['repeats']} "
                      "rounds", file=sys.stderr, flush=True)
                try:
                    report["inference"][name] = measure(
                        kb, plans, experta_plans=size["experta_1000" if big else "experta"],
                        repeats=size["repeats"], calibration_plans=size["calibration"],
                        progress=lambda line: print(line, file=sys.stderr, flush=True))
                except Disagreement as problem:
                    print(f"FAIL: engines disagree on {name}: {problem}", file=sys.stderr)
                    return 1
                _print_inference(name, report["inference"][name])
            report["inference_targets"] = _targets(report["inference"])
            _print_targets(report["inference"], report["inference_targets"])
        if args.only in (None, "system"):
            with contextlib.suppress(AttributeError, OSError):
                os.sched_setaffinity(0, os.sched_getaffinity(0) | set(range(os.cpu_count() or 1)))
            report["system"] = _system(kbs, size)
            _print_system(report["system"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


def _system(kbs: dict[str, Path], size: dict[str, int]) -> dict[str, Any]:
    import system

    result: dict[str, Any] = {
        "load_and_compile": {name: system.load_and_compile(root) for name, root in kbs.items()},
        "batch": system.batch(BUNDLED, size["files"], size["repeats"]),
        "interview": {
            "bundled": system.interview_latency(BUNDLED, size["interviews"]),
            "generated 1,000 rules": system.interview_latency(
                kbs["generated 1,000 rules"], 1, plans=2 if size is SMOKE else 5),
        },
        "startup": system.startup(BUNDLED, EXAMPLE, size["startup"]),
        "memory": system.memory(BUNDLED, size["memory"]),
    }
    return result


def _print_inference(name: str, figures: dict[str, Any]) -> None:
    print(f"\nInference, {name} ({figures['conclusions_per_plan']} conclusions per plan; "
          "plans per CPU-second of this process on one core, median of rounds)")
    print(f"  {'engine, mode':52} {'batch':>5} {'plans/s':>10} {'plans':>6}  agreement")
    for engine, row in figures["engines"].items():
        note = "  (information)" if row["info"] else ""
        print(f"  {engine:52} {row['batch_size']:>5} {row['plans_per_second']:>10,.1f} "
              f"{row['plans']:>6}  {row['agreement']}{note}")
    print("  ratios (this project / peer, median of per-round ratios): " + "; ".join(
        f"{key} {value}x" for key, value in figures["ratios"].items()))


def _targets(inference: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: {key: {"ratio": figures["ratios"][key], "target": least,
                         "met": figures["ratios"][key] >= least}
                   for key, least in TARGETS.items()}
            for name, figures in inference.items()}


def _print_targets(inference: dict[str, Any], targets: dict[str, Any]) -> None:
    print("\nInference targets (this project / peer; each engine at its own best batch size)")
    print(f"  {'knowledge base':24} " + " ".join(f"{key + ' >= ' + str(least):>30}"
                                                for key, least in TARGETS.items()))
    for name, row in targets.items():
        cells = [f"{row[key]['ratio']}x {'met' if row[key]['met'] else 'NOT met'}"
                 for key in TARGETS]
        print(f"  {name:24} " + " ".join(f"{cell:>30}" for cell in cells))
    batch = {name: figures["engines"] for name, figures in inference.items()}
    print("  best batch sizes: " + "; ".join(
        f"{name}: " + ", ".join(f"{engine.split(',')[0]} {row['batch_size']}"
                                for engine, row in engines.items()
                                if engine.endswith(BATCH) and not row["info"])
        for name, engines in batch.items()))
    met = all(cell["met"] for row in targets.values() for cell in row.values())
    print(f"  all targets met: {'yes' if met else 'NO'}")


def _print_system(figures: dict[str, Any]) -> None:
    print("\nLoad and compile")
    for name, row in figures["load_and_compile"].items():
        print(f"  {name:24} load {row['load_s']} s, compile {row['compile_s']} s "
              f"({row['rules']} rules)")
    batch = figures["batch"]
    print(f"\nBatch end to end, {batch['files']} fact files to JSON Lines (median of runs)")
    for kind in ("interview", "random"):
        row = batch[kind]
        print(f"  {kind + ' files':16} --jobs 1, one core: "
              f"{row['jobs_1_files_per_second']} files per CPU-second, parse-only floor "
              f"{row['parse_only_floor_files_per_cpu_second']} ({row['jobs_1_vs_floor']}x; "
              f"target >= 0.5); --jobs 2: {row['jobs_2_files_per_second']} files/s, floor "
              f"{row['parse_only_floor_files_per_second']} files/s ({row['jobs_2_vs_floor']}x)")
    print("\nInterview: answer -> next question")
    for name, row in figures["interview"].items():
        print(f"  {name:24} median {row['median_ms']} ms, p99 {row['p99_ms']} ms "
              f"over {row['answers']} answers")
    start = figures["startup"]
    print(f"\nStart-up: expert --version {start['version_ms']} ms; evaluate one file "
          f"{start['evaluate_one_file_ms']} ms; first interview question "
          f"{start['interview_first_question_ms']} ms (target <= 300 ms)")
    memory = figures["memory"]
    print(f"\nMemory: peak RSS (MB) after n evaluations {memory['peak_rss_mb_at']}; "
          f"growth {memory['growth_mb']} MB")


def _machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "platform": platform.platform()}


if __name__ == "__main__":
    sys.exit(main())
