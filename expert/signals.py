"""Ctrl-C, remembered from the very start of the process.

The interview saves and leaves on Ctrl-C, and an import that a Ctrl-C cuts short can fail
later, on the way out, as a ModuleNotFoundError that carries no trace of the Ctrl-C. The
command line's edge asks ``interrupted()`` before it calls any error an internal one.
"""

from __future__ import annotations

import signal
from typing import Any

_SEEN: list[bool] = []


def _ctrl_c(signum: int, frame: Any) -> None:
    _SEEN.append(True)
    raise KeyboardInterrupt


def remember_ctrl_c() -> None:
    """Install the handler, only where Python's own default would run."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _ctrl_c)


def interrupted() -> bool:
    return bool(_SEEN)
