"""Text that came from a user, made safe to show.

A fact file, a file name or a typed answer can hold control characters. Printed raw on a
terminal, ESC sequences clear the screen, retitle the window or plant OSC 8 hyperlinks,
and bidirectional overrides make a line read differently from what it holds. ``printable``
shows every such character as a visible escape (``\\x1b``), keeping newlines and tabs
only where the caller allows them.
"""

from __future__ import annotations

import re
import unicodedata

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


def first_unsafe(text: str, *, multiline: bool = True) -> str | None:
    """The first character ``printable`` would escape, as its escape, or None."""
    found = (_UNSAFE if multiline else _UNSAFE_LINE).search(text)
    return None if found is None else _escape(found)


def is_printable(text: str) -> bool:
    return _UNSAFE_LINE.search(text) is None


_UNSAFE_JSON = re.compile(
    "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON writes astral characters as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def safe_json(text: str, *, ascii_only: bool = False) -> str:
    """JSON text whose strings cannot drive a terminal: ``json.dumps`` already escapes C0
    controls; C1 controls, line separators, bidirectional overrides and lone surrogates
    (a file name that is not UTF-8) are escaped here too (``\\u009b``), which leaves the
    data exactly as it was and never puts invalid UTF-8 in the output. ``ascii_only``
    escapes every other character too, for an output that cannot encode them."""
    return (_NOT_ASCII if ascii_only else _UNSAFE_JSON).sub(_json_escape, text)


def unicode_output(stream: object) -> bool:
    """Can ``stream`` take any character (it writes UTF-8 or another Unicode encoding)?"""
    import codecs

    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
    except LookupError:
        return False
    return name.startswith(("utf-8", "utf-16", "utf-32")) or name == "gb18030"


def fold_id(text: str) -> str:
    """An id as a reader compares it: compatibility forms, case and invisible format
    characters (zero-width spaces, direction marks) aside."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in normal if unicodedata.category(c) != "Cf")
