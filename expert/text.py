"""Text that came from a user, made safe to show.

A fact file, a file name or a typed answer can hold control characters. Printed raw on a
terminal, ESC sequences clear the screen, retitle the window or plant OSC 8 hyperlinks,
and bidirectional overrides make a line read differently from what it holds. ``printable``
shows every such character as a visible escape (``\\x1b``), keeping newlines and tabs
only where the caller allows them.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, bidirectional overrides and isolates,
# and lone surrogates (which cannot even be encoded for output).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every character that could drive a terminal shown as an escape.

    With ``multiline`` newlines and tabs are kept; otherwise they are escaped too, so a
    value stays on its one line.
    """
    pattern = _UNSAFE if multiline else _UNSAFE_LINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def is_printable(text: str) -> bool:
    return _UNSAFE_LINE.search(text) is None


_UNSAFE_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_json(text: str) -> str:
    """JSON text whose strings cannot drive a terminal: ``json.dumps`` already escapes C0
    controls; C1 controls, line separators and bidirectional overrides are escaped here
    too (``\\u009b``), which leaves the data exactly as it was."""
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
