"""Streaming JSON Lines through `expert evaluate -`: how soon the first result comes out
while the input is still open, how memory behaves over a long stream, and records/s.

    python benchmarks/streaming.py                 # 50,000 records (about a minute)
    python benchmarks/streaming.py --records 5000  # quicker

The real command in a subprocess with the test knowledge base (tests/data/kb), fed by a
thread while another reads the results, so input and output really overlap as in a
pipeline. Memory is the resident set of the process, read from /proc (Linux), sampled
when the 1,000th, 10,000th and 50,000th results arrive, with the peak (VmHWM) at the end:
a flat stream keeps the figures at 10k and 50k within a few MB of each other.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "tests" / "data" / "kb"
RECORDS = [  # plans of every shape: risks, open points, broken records among them
    {"meta": {"client": "Bebidas del Norte"}, "answers": {
        "plan_deep": True, "plan_chains": True, "basis": "sales_only", "kpi": False,
        "systems": ["sales"], "outlets": 25000, "visits": 2, "capacity": 200, "staff": 40,
        "share": 80, "fees_required": ["listing", "display"], "fees_budgeted": ["display"]}},
    {"meta": {"client": "Cosméticos Lumen"}, "answers": {
        "plan_deep": True, "basis": "objectives", "kpi": True, "systems": ["sales", "channel"],
        "outlets": 3000, "visits": 2, "capacity": 200, "staff": 35, "share": 90}},
    {"meta": {"client": "Maquinaria Andina"}, "answers": {"plan_deep": True,
                                                          "basis": "unknown"}},
    {"answers": {"plan_deep": "maybe"}},  # an error record
]


def _expert() -> list[str]:
    script = Path(sys.executable).with_name("expert")
    return [str(script)] if script.exists() else [sys.executable, "-m", "expert"]


def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _start() -> subprocess.Popen[bytes]:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    env.pop("PYTHONUNBUFFERED", None)  # as in a real pipeline: output to a pipe is buffered
    return subprocess.Popen([*_expert(), "evaluate", "--kb", str(KB), "--format", "jsonl", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)


def first_result_seconds() -> float:
    """One record written, the input left open: seconds until its result is read."""
    process = _start()
    started = time.perf_counter()
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps(RECORDS[0]).encode() + b"\n")
    process.stdin.flush()
    process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.stdin.close()
    process.wait(timeout=60)
    return elapsed


def stream(count: int) -> dict[str, float]:
    process = _start()
    assert process.stdin is not None and process.stdout is not None
    lines = [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in RECORDS]

    def feed() -> None:
        for line in itertools.islice(itertools.cycle(lines), count):
            process.stdin.write(line)  # type: ignore[union-attr]
        process.stdin.close()  # type: ignore[union-attr]

    feeder = threading.Thread(target=feed, daemon=True)
    started = time.perf_counter()
    feeder.start()
    marks = {1_000: 0, 10_000: 0, 50_000: 0, 100_000: 0, 200_000: 0}
    done = peak = 0
    for _ in process.stdout:
        done += 1
        if done in marks or done % 5_000 == 0:
            with contextlib.suppress(OSError):  # the process may just have ended
                peak = max(peak, _rss_kb(process.pid, "VmHWM"))
                if done in marks:
                    marks[done] = _rss_kb(process.pid)
    elapsed = time.perf_counter() - started
    process.wait(timeout=60)
    feeder.join()
    figures = {f"rss_mb_at_{n // 1000}k": kb / 1024 for n, kb in marks.items() if kb}
    figures.update(records=done, seconds=elapsed, records_per_second=done / elapsed,
                   peak_rss_mb=peak / 1024)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    first = first_result_seconds()
    figures = {"first_result_seconds_input_open": first, **stream(args.records)}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"time to first result, input still open: {first * 1000:.0f} ms")
    for key, value in figures.items():
        if key.startswith("rss_mb_at_"):
            print(f"resident memory after {key[10:]:>4} results: {value:6.1f} MB")
    print(f"peak resident memory (VmHWM):        {figures['peak_rss_mb']:6.1f} MB")
    print(f"records: {figures['records']:,.0f} in {figures['seconds']:.1f} s = "
          f"{figures['records_per_second']:,.0f} records/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
