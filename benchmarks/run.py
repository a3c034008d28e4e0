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
from inference import Disagreement, measure  # noqa: E402

ROOT = HERE.parent
BUNDLED = ROOT / "knowledge_base"
EXAMPLE = BUNDLED / "examples" / "bebidas-distribucion.yaml"

FULL = {"plans": 4096, "plans_1000": 1024, "experta": 256, "experta_1000": 64,
        "repeats": 3, "files": 5000, "interviews": 5, "startup": 5, "memory": 100_000}
SMOKE = {"plans": 64, "plans_1000": 16, "experta": 8, "experta_1000": 4, "repeats": 1,
         "files": 40, "interviews": 1, "startup": 1, "memory": 2000}

TARGETS = {"vs CLIPS": 1.0, "vs experta": 20.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, seconds")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--only", choices=["inference", "system"], default=None)
    args = parser.parse_args()
    size = SMOKE if args.smoke else FULL
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
                try:
                    report["inference"][name] = measure(
                        kb, plans, experta_plans=size["experta_1000" if big else "experta"],
                        repeats=size["repeats"])
                except Disagreement as problem:
                    print(f"FAIL: engines disagree on {name}: {problem}", file=sys.stderr)
                    return 1
                _print_inference(name, report["inference"][name])
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
          f"{figures['agreement']})")
    print(f"  {'engine':34} {'plans/s':>10} {'plans':>7}")
    for engine, row in figures.items():
        if isinstance(row, dict) and "plans_per_second" in row:
            print(f"  {engine:34} {row['plans_per_second']:>10,.1f} {row['plans']:>7}")
    ratios = figures["ratios"]
    marks = {k: ("met" if ratios[k] >= v else "NOT met") for k, v in TARGETS.items()}
    print(f"  ratio vs CLIPS {ratios['vs CLIPS']}x (target >= 1.0: {marks['vs CLIPS']}), "
          f"vs experta {ratios['vs experta']}x (target >= 20: {marks['vs experta']}), "
          f"vs floor {ratios['vs floor']}x")


def _print_system(figures: dict[str, Any]) -> None:
    print("\nLoad and compile")
    for name, row in figures["load_and_compile"].items():
        print(f"  {name:24} load {row['load_s']} s, compile {row['compile_s']} s "
              f"({row['rules']} rules)")
    batch = figures["batch"]
    print(f"\nBatch end to end, {batch['files']} fact files to JSON Lines (median of runs)")
    for kind in ("interview", "random"):
        row = batch[kind]
        print(f"  {kind + ' files':16} parse-only floor {row['parse_only_floor_files_per_second']}"
              f" files/s; --jobs 1: {row['jobs_1_files_per_second']} files/s "
              f"({row['jobs_1_vs_floor']}x); --jobs 2: {row['jobs_2_files_per_second']} files/s "
              f"({row['jobs_2_vs_floor']}x floor; target >= 0.5)")
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
