"""Reading JSON as JSON (never as YAML), with positions found by a scan of the text.

``json`` parses the data; what it accepts beyond a fact file's needs is refused here with a
position: duplicate keys, ``NaN``/``Infinity``, integers too long to be an answer, strings
with lone surrogates (they cannot even be written back out), and nesting deeper than any
fact file. Positions are found only when a message needs one, by one linear scan of the
text (``JsonLocator``) that records where every key and value of the first levels starts.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from .document import Document, ScalarInfo
from .errors import InputError, Location
from .i18n import Msg
from .yamlio import MAX_DEPTH, MAX_DIGITS


class _Refused(Exception):
    def __init__(self, message: Msg, path: tuple[object, ...] = ()) -> None:
        self.message, self.path = message, path


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(Msg("yaml.duplicate_key", key=key[:80]), (key,))
        result[key] = value
    return result


def _constant(name: str) -> Any:
    raise _Refused(Msg("json.constant", value=name))


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(Msg("data.number_too_long", digits=MAX_DIGITS))
    return int(text)


# The json module's problems, in words a consultant can act on; its own words are English.
_PROBLEMS = (
    ("Expecting value", "json.p.value"),
    ("Expecting property name", "json.p.key"),
    # Python 3.13 names a trailing comma; earlier versions say "Expecting ..." for it.
    ("Illegal trailing comma before end of object", "json.p.trailing_object"),
    ("Illegal trailing comma before end of array", "json.p.trailing_array"),
    ("Expecting ',' delimiter", "json.p.comma"),
    ("Expecting ':' delimiter", "json.p.colon"),
    ("Unterminated string", "json.p.string"),
    ("Extra data", "json.p.extra"),
    ("Invalid control character", "json.p.control"),
    ("Invalid \\escape", "json.p.escape"),
    ("Invalid \\u", "json.p.escape"),
)


def _problem(error: json.JSONDecodeError) -> tuple[Msg, int]:
    """What is wrong, and where: a trailing comma is shown at the comma, on every Python
    (3.13 names it so; before, it read as a missing key or value at the bracket)."""
    closing = error.doc[error.pos:error.pos + 1]
    before = error.doc[:error.pos].rstrip()
    if closing in ("}", "]") and before.endswith(","):
        key = "json.p.trailing_object" if closing == "}" else "json.p.trailing_array"
        return Msg(key), len(before) - 1
    return next((Msg(key) for words, key in _PROBLEMS if error.msg.startswith(words)),
                Msg("json.p.other")), error.pos


def parse_json(text: str, name: str, *, line: int | None = None) -> Document:
    """Parse one JSON document (``line``: the JSON Lines record's line, for positions)."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                          parse_int=_integer)
    except json.JSONDecodeError as error:
        problem, pos = _problem(error)
        lineno = text.count("\n", 0, pos) + 1
        where = Location(name, lineno + (line or 1) - 1, pos - text.rfind("\n", 0, pos))
        raise InputError(Msg("json.syntax", problem=problem), where,
                         Msg("hint.json_syntax"), code="json-syntax") from None
    except RecursionError:
        raise InputError(Msg("data.too_deep", depth=MAX_DEPTH), Location(name, line),
                         Msg("hint.few_levels"), code="too-deep") from None
    except _Refused as refused:
        offset = _refused_at(text, refused.message)
        where = Location(name, line) if offset is None else \
            JsonLocator(text, line).location(name, offset)
        hint = {"yaml.duplicate_key": "hint.duplicate_key", "json.constant": "hint.number_usable",
                "data.number_too_long": "hint.number_usable"}.get(refused.message.key,
                                                                  "hint.json_value")
        raise InputError(refused.message, where, Msg(hint), code="json-value") from None
    locator = JsonLocator(text, line)
    document = Document(name, data, locator, line)
    problem = _check(data)
    if problem is not None:
        message, path = problem
        raise InputError(message, document.where(*path), Msg("hint.json_value"),
                         code="json-value")
    return document


def _refused_at(text: str, message: Msg) -> int | None:
    """Where ``json`` met what ``_Refused`` names (it does not say): one scan of the
    tokens, keeping each open object's keys to find the repeated one."""
    keys: list[set[str] | None] = []
    expect_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            keys.append(set() if token == "{" else None)
            expect_key = token == "{"
        elif token in "]}":
            if keys:
                keys.pop()
        elif token == ",":
            expect_key = bool(keys) and keys[-1] is not None
        elif token != ":":
            if expect_key and keys and keys[-1] is not None:
                expect_key = False
                if message.key == "yaml.duplicate_key":
                    if token in keys[-1]:
                        return match.start()
                    keys[-1].add(token)
            elif (message.key == "json.constant" and token in ("NaN", "Infinity", "-Infinity")) \
                    or (message.key == "data.number_too_long"
                        and len(token.lstrip("-").split(".")[0]) > MAX_DIGITS):
                return match.start()
    return None


def _check(data: Any) -> tuple[Msg, tuple[object, ...]] | None:
    """Depth and strings, iteratively (the data may be as deep as the parser allowed)."""
    pending: list[tuple[Any, tuple[object, ...]]] = [(data, ())]
    while pending:
        value, path = pending.pop()
        if len(path) > MAX_DEPTH:
            return Msg("data.too_deep", depth=MAX_DEPTH), path[:4]
        if isinstance(value, str):
            if not _encodable(value):
                return Msg("json.surrogate"), path
        elif isinstance(value, dict):
            for key, item in value.items():
                if not _encodable(key):
                    return Msg("json.surrogate"), path
                pending.append((item, (*path, key)))
        elif isinstance(value, list):
            pending.extend((item, (*path, index)) for index, item in enumerate(value))
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)
INDEX_DEPTH = 4  # fact files are three levels deep; deeper positions are not needed


class JsonLocator:
    """Where keys and values start, from one scan of the text on first use."""

    def __init__(self, text: str, line: int | None) -> None:
        self.text = text
        self.first_line = line or 1
        self._values: dict[tuple[object, ...], int] | None = None
        self._keys: dict[tuple[object, ...], int] = {}
        self._starts: list[int] = []

    def _index(self) -> dict[tuple[object, ...], int]:
        if self._values is not None:
            return self._values
        values: dict[tuple[object, ...], int] = {}
        # Each open container: [is_object, path, next index or pending key, expecting key]
        stack: list[list[Any]] = []
        path: tuple[object, ...] = ()
        for match in _TOKEN.finditer(self.text):
            token, start = match.group(), match.start()
            top = stack[-1] if stack else None
            if token in "}]":
                if stack:
                    stack.pop()
                continue
            if token in ",:":
                if top is not None and top[0] and token == ",":
                    top[3] = True
                continue
            if top is not None and top[0] and top[3]:  # an object's key
                try:
                    key = json.loads(token)
                except ValueError:
                    key = token
                top[2], top[3] = key, False
                if len(top[1]) < INDEX_DEPTH:
                    self._keys.setdefault((*top[1], key), start)
                continue
            if top is None:
                path = ()
            elif top[0]:
                path = (*top[1], top[2])
            else:
                path = (*top[1], top[2])
                top[2] += 1
            if len(path) <= INDEX_DEPTH:
                values.setdefault(path, start)
            if token in "{[":
                stack.append([token == "{", path, 0, token == "{"])
        self._values = values
        return values

    def _position(self, offset: int) -> tuple[int, int]:
        if not self._starts:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        row = bisect.bisect_right(self._starts, offset) - 1
        return self.first_line + row, offset - self._starts[row] + 1

    def location(self, name: str, offset: int) -> Location:
        line, column = self._position(offset)
        return Location(name, line, column)

    def value(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        values = self._index()
        for length in range(len(path), -1, -1):
            offset = values.get(path[:length])
            if offset is not None:
                return self._position(offset)
        return None

    def key(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        self._index()
        offset = self._keys.get(path)
        return None if offset is None else self._position(offset)

    def scalar(self, path: tuple[object, ...]) -> ScalarInfo | None:
        offset = self._index().get(path)
        if offset is None:
            return None
        line, column = self._position(offset)
        if self.text[offset] == '"':
            return ScalarInfo(line, column, '"')
        token = _TOKEN.match(self.text, offset)
        return ScalarInfo(line, column, None, token.group() if token else None)

