"""``python -m expert`` and the ``expert`` console script: start quietly.

The command line is imported inside ``main``, so Ctrl-C while the program is still
starting (importing, loading the knowledge base) ends with one line, not a traceback.
"""

from __future__ import annotations

import sys


def main() -> int:
    from .signals import remember_ctrl_c

    remember_ctrl_c()  # first: a Ctrl-C from here on is known to be one, whatever it breaks
    try:
        from .edge import main as run

        return run()
    except KeyboardInterrupt:  # before edge.main's own handler is in place
        sys.stderr.write("interrumpido\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
