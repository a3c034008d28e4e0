"""Pick a fixed random sample of mutmut's mutants per core module (after mutmut has
generated them), for a bounded run: tools/mutation.sh is the full run.

    python tools/mutation_sample.py 20 1 > names.txt    # 20 per module, round 1
    .venv/bin/mutmut run --max-children 1 $(cat names.txt)

Round n takes the n-th slice of a shuffle seeded by 18, so rounds never overlap."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import defaultdict

from mutation_scores import MODULES


def main() -> int:
    size, round_ = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1
    out = subprocess.run([".venv/bin/mutmut", "results", "--all", "true"], capture_output=True,
                         text=True, check=True).stdout
    names: dict[str, list[str]] = defaultdict(list)
    for line in out.splitlines():
        name = line.strip().rpartition(": ")[0]
        parts = name.split(".")
        if len(parts) > 2 and parts[0] == "expert" and parts[1] in MODULES:
            names[parts[1]].append(name)
    for module in MODULES:
        pool = sorted(names[module])
        random.Random(18).shuffle(pool)
        print("\n".join(pool[(round_ - 1) * size:round_ * size]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
