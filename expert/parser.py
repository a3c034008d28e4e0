"""Reading condition text: a real grammar, positioned errors, and a cache.

The grammar (``conditions.lark``) is parsed by lark's LALR parser. Loading a knowledge base
parses every condition, and importing lark and building its parser is most of the start-up
time of a command, so parsed trees are also kept in a small cache (JSON, one file per
grammar version, in the user's cache folder). The cache only ever returns what the grammar
itself produced for the same text; a missing, unreadable or stale cache simply means
parsing again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from .conditions import (
    KINDS,
    And,
    Compare,
    Condition,
    Has,
    InList,
    Known,
    Literal,
    Not,
    Or,
    Pos,
    Ref,
    Truth,
    from_data,
    to_data,
)
from .errors import InputError, Location

log = logging.getLogger(__name__)
GRAMMAR = Path(__file__).with_name("conditions.lark")
CACHE_LIMIT = 5000  # entries kept across runs


class ConditionSyntaxError(InputError):
    """A condition does not parse. ``pos`` is inside the condition text."""

    def __init__(self, message: str, pos: Pos, hint: str | None = None) -> None:
        super().__init__(message, Location(None, pos.line, pos.column), hint, code="syntax")
        self.pos = pos


_TERMINAL_NAMES = {
    "NAME": "a question or conclusion id",
    "COMPARATOR": "a comparison (==, !=, <, <=, >, >=)",
    "NUMBER": "a number",
    "PERCENT": "a percentage",
    "STRING": "a quoted text",
    "LPAR": "'('",
    "RPAR": "')'",
    "LSQB": "'['",
    "RSQB": "']'",
    "COMMA": "','",
    "DOT": "'.'",
    "AND": "'and'",
    "OR": "'or'",
    "NOT": "'not'",
    "IN": "'in'",
    "HAS": "'has'",
    "IS": "'is'",
    "UNKNOWN": "'unknown'",
    "KNOWN": "'known'",
    "TRUE": "'true'",
    "FALSE": "'false'",
    "$END": "the end of the condition",
}


@functools.lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    # lark is imported here, not at module level: a cached knowledge base never needs it.
    import lark

    grammar = (Path(__file__).with_name("conditions.lark")).read_text(encoding="utf-8")
    return lark.Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=False)


def parse_text(text: str) -> Condition:
    """Parse with the grammar itself, bypassing the cache."""
    import lark

    if not isinstance(text, str) or not text.strip():
        raise ConditionSyntaxError(
            "the condition is empty", Pos(), "write a condition such as 'deep_distribution'"
        )
    try:
        tree = _parser().parse(text)
    except lark.exceptions.UnexpectedCharacters as error:
        char = text[error.pos_in_stream] if error.pos_in_stream < len(text) else ""
        raise ConditionSyntaxError(
            f"unexpected character {char!r}",
            Pos(error.line, error.column),
            _expected_hint(error.allowed),
        ) from None
    except lark.exceptions.UnexpectedEOF as error:
        line, column = _end_position(text)
        raise ConditionSyntaxError(
            "the condition ends too early", Pos(line, column), _expected_hint(error.expected)
        ) from None
    except lark.exceptions.UnexpectedToken as error:
        token = error.token
        if token.type == "$END":
            line, column = _end_position(text)
            message = "the condition ends too early"
        else:
            line, column = token.line, token.column
            message = f"unexpected {token.value!r}"
        raise ConditionSyntaxError(
            message, Pos(line or 1, column or 1), _expected_hint(error.expected)
        ) from None
    return _Builder().build(tree)


def _expected_hint(expected: set[str] | frozenset[str] | None) -> str | None:
    if not expected:
        return None
    names = sorted({_TERMINAL_NAMES.get(name, name.lower()) for name in expected})
    if len(names) > 6:
        names = [*names[:6], "..."]
    return "expected " + ", ".join(names)


def _end_position(text: str) -> tuple[int, int]:
    lines = text.rstrip().split("\n")
    return len(lines), len(lines[-1]) + 1


class _Builder:
    """Turns lark's parse tree into the frozen condition tree."""

    def build(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        import lark

        if isinstance(tree, lark.Token):  # pragma: no cover - grammar always wraps tokens
            raise ConditionSyntaxError("unexpected token", Pos())
        method = getattr(self, "_" + tree.data)
        return method(tree)

    @staticmethod
    def _pos(item) -> Pos:  # type: ignore[no-untyped-def]
        meta = getattr(item, "meta", None)
        if meta is not None and not getattr(meta, "empty", True):
            return Pos(meta.line, meta.column)
        return Pos(getattr(item, "line", 1) or 1, getattr(item, "column", 1) or 1)

    def _or_expr(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        return Or(tuple(self.build(child) for child in tree.children), self._pos(tree))

    def _and_expr(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        return And(tuple(self.build(child) for child in tree.children), self._pos(tree))

    def _negation(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        return Not(self.build(tree.children[0]), self._pos(tree))

    def _comparison(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        name, op, value = tree.children
        op = "==" if op == "=" else str(op)
        return Compare(str(name), op, self._value(value), self._pos(name))

    def _membership(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        name, values = tree.children
        return InList(str(name), self._list(values), self._pos(name))

    def _non_membership(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        name, values = tree.children
        return Not(InList(str(name), self._list(values), self._pos(name)), self._pos(name))

    def _has(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        name, value = tree.children
        return Has(str(name), self._value(value), self._pos(name))

    def _is_unknown(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        name = tree.children[0]
        return Known(str(name), False, self._pos(name))

    def _is_known(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        name = tree.children[0]
        return Known(str(name), True, self._pos(name))

    def _truth(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        name = tree.children[0]
        return Truth(str(name), self._pos(name))

    def _reference(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        kind, conclusion = tree.children
        if str(kind) not in KINDS:
            raise ConditionSyntaxError(
                f"{kind}.{conclusion}: {kind!s} is not a kind of conclusion",
                self._pos(kind),
                "write finding.<id>, risk.<id> or measure.<id>",
            )
        return Ref(str(kind), str(conclusion), self._pos(kind))

    def _list(self, tree) -> tuple[Literal, ...]:  # type: ignore[no-untyped-def]
        return tuple(self._value(child) for child in tree.children)

    def _value(self, tree) -> Literal:  # type: ignore[no-untyped-def]
        pos = self._pos(tree)
        kind = tree.data
        if kind in ("true", "false"):
            return Literal(kind == "true", "bool", pos)
        token = str(tree.children[0])
        if kind == "number":
            return Literal(_to_number(token), "number", pos)
        if kind == "percent":
            return Literal(_to_number(token[:-1]), "percent", pos)
        if kind == "string":
            return Literal(token[1:-1], "string", pos)
        return Literal(token, "name", pos)


def _to_number(token: str) -> int | float:
    value = float(token)
    return int(value) if value.is_integer() and "." not in token else value




class _Cache:
    """Condition text -> parsed tree (as data), persisted between runs."""

    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        self.path = self._location()
        if self.path is not None:
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.entries = loaded
            except (OSError, ValueError):
                pass  # no cache yet, or an unreadable one: parse again

    @staticmethod
    def _location() -> Path | None:
        if os.environ.get("EXPERT_NO_CACHE"):
            return None
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        digest = hashlib.sha256(GRAMMAR.read_bytes() + _BUILDER_VERSION.encode()).hexdigest()
        return Path(base) / "garantias-expert" / f"conditions-{digest[:16]}.json"

    def get(self, text: str) -> Condition | None:
        data = self.entries.get(text)
        if data is None:
            return None
        try:
            tree = from_data(data)
        except (ValueError, TypeError, IndexError):
            return None
        self.used.add(text)
        return tree

    def put(self, text: str, tree: Condition) -> None:
        self.entries[text] = to_data(tree)
        self.used.add(text)
        self.dirty = True

    def flush(self) -> None:
        if not self.dirty or self.path is None:
            return
        keep = {t: d for t, d in self.entries.items() if t in self.used}
        for text, data in self.entries.items():
            if len(keep) >= CACHE_LIMIT:
                break
            keep.setdefault(text, data)
        try:
            from .writer import write_atomic

            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(keep, ensure_ascii=False))
            self.dirty = False
        except OSError as error:  # a read-only home: fine, just slower next time
            log.debug("condition cache not written: %s", error)


_BUILDER_VERSION = "1"  # bump when the tree built from the grammar changes


@functools.lru_cache(maxsize=1)
def _cache() -> _Cache:
    return _Cache()


def parse(text: str) -> Condition:
    """Parse a condition; raise ``ConditionSyntaxError`` with the position of the fault."""
    if isinstance(text, str) and text.strip():
        cached = _cache().get(text)
        if cached is not None:
            return cached
    tree = parse_text(text)
    _cache().put(text, tree)
    return tree


def flush_cache() -> None:
    """Persist what this run parsed (called once a knowledge base is loaded)."""
    _cache().flush()
