"""Per-module mutation scores from mutmut's cache (mutants/): run after tools/mutation.sh.

killed counts mutants a test failed on (a timeout, or a crash the tests caught, counts
as killed too, as mutmut does); survived are those no selected test failed on; no tests
are mutants in code no in-process test reaches. Score = killed / (killed + survived +
no tests), over the mutants checked so far; "not checked" are left out and shown."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict

MODULES = ["compiler", "engine", "logic", "facts", "report", "explain", "whatif", "check",
           "kbtest", "graph", "infer", "conditions", "parser"]
KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def main() -> int:
    mutmut = sys.argv[1] if len(sys.argv) > 1 else ".venv/bin/mutmut"
    out = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True,
                         text=True, check=True).stdout
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        module = name.split(".")[1] if name.startswith("expert.") else None
        if module in MODULES:
            counts[module]["killed" if status in KILLED else status] += 1
    print("| module | killed | survived | no tests | not checked | score |")
    print("|---|---|---|---|---|---|")
    for module in MODULES:
        c = counts[module]
        done = c["killed"] + c["survived"] + c["no tests"]
        score = f"{100 * c['killed'] / done:.1f} %" if done else "—"
        print(f"| {module} | {c['killed']} | {c['survived']} | {c['no tests']} "
              f"| {c['not checked']} | {score} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
