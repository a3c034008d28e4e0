"""The condition language's syntax tree, and what can be asked of it.

Conditions are data: ``parser`` reads their text with a real grammar
(``conditions.lark``) into the frozen tree below, and nothing is ever evaluated with
``eval``. Positions (1-based line and column inside the condition text) travel with every
node so that later checks can point at the offending word.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Union

KINDS = ("finding", "risk", "measure")
COMPARATORS = ("==", "!=", "<", "<=", ">", ">=")


@dataclass(frozen=True)
class Pos:
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Literal:
    value: bool | int | float | str
    kind: str  # "number", "percent", "string", "name", "bool"
    pos: Pos = field(default=Pos(), compare=False)

    def __str__(self) -> str:
        if self.kind == "bool":
            return "true" if self.value else "false"
        if self.kind == "percent":
            return f"{_number(self.value)}%"
        if self.kind == "number":
            return _number(self.value)
        if self.kind == "string":
            return '"' + str(self.value) + '"'
        return str(self.value)


@dataclass(frozen=True)
class Truth:
    """A bare boolean question: ``deep_distribution``."""

    question: str
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Compare:
    question: str
    op: str
    value: Literal
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class InList:
    """``kpi_basis in [sales_volume, revenue]``: the answer is one of the values
    (for a multi-choice question: at least one of them is selected)."""

    question: str
    values: tuple[Literal, ...]
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Has:
    """``channels has hypermarkets``: a multi-choice answer includes the value."""

    question: str
    value: Literal
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Known:
    """``x is unknown`` (known=False) or ``x is known`` (known=True). Never unknown itself."""

    question: str
    known: bool
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Ref:
    """A conclusion derived by rules: ``finding.deep_distribution_unstaffed``."""

    kind: str
    conclusion: str
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Not:
    item: Condition
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class And:
    items: tuple[Condition, ...]
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Or:
    items: tuple[Condition, ...]
    pos: Pos = field(default=Pos(), compare=False)


Atom = Union[Truth, Compare, InList, Has, Known]  # noqa: UP007 - a runtime alias on 3.10
Condition = Union[Truth, Compare, InList, Has, Known, Ref, Not, And, Or]  # noqa: UP007


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_text(condition: Condition) -> str:
    """Canonical text of a condition (used to compare rules and in explanations)."""
    if isinstance(condition, Truth):
        return condition.question
    if isinstance(condition, Compare):
        return f"{condition.question} {condition.op} {condition.value}"
    if isinstance(condition, InList):
        return f"{condition.question} in [{', '.join(map(str, condition.values))}]"
    if isinstance(condition, Has):
        return f"{condition.question} has {condition.value}"
    if isinstance(condition, Known):
        return f"{condition.question} is {'known' if condition.known else 'unknown'}"
    if isinstance(condition, Ref):
        return f"{condition.kind}.{condition.conclusion}"
    if isinstance(condition, Not):
        inner = to_text(condition.item)
        if isinstance(condition.item, (And, Or)):
            inner = f"({inner})"
        return f"not {inner}"
    if isinstance(condition, And):
        return " and ".join(
            f"({to_text(item)})" if isinstance(item, Or) else to_text(item)
            for item in condition.items
        )
    if isinstance(condition, Or):
        return " or ".join(to_text(item) for item in condition.items)
    raise TypeError(condition)  # pragma: no cover


def walk(condition: Condition):  # type: ignore[no-untyped-def]
    """Every node of a condition, depth first."""
    yield condition
    if isinstance(condition, Not):
        yield from walk(condition.item)
    elif isinstance(condition, (And, Or)):
        for item in condition.items:
            yield from walk(item)


def questions_of(condition: Condition) -> set[str]:
    return {node.question for node in walk(condition) if hasattr(node, "question")}


def conclusions_of(condition: Condition) -> set[str]:
    return {node.conclusion for node in walk(condition) if isinstance(node, Ref)}


def negated_conclusions_of(condition: Condition) -> set[str]:
    """Conclusions that the condition tests for *absence* (an odd number of ``not``)."""
    found: set[str] = set()

    def visit(node: Condition, negative: bool) -> None:
        if isinstance(node, Ref):
            if negative:
                found.add(node.conclusion)
        elif isinstance(node, Not):
            visit(node.item, not negative)
        elif isinstance(node, (And, Or)):
            for item in node.items:
                visit(item, negative)

    visit(condition, False)
    return found


# --- as plain data (the parse cache) --------------------------------------------------------

def to_data(node: Condition) -> Any:
    """The tree as JSON-able lists, positions included."""
    pos = [node.pos.line, node.pos.column]
    if isinstance(node, Truth):
        return ["truth", node.question, pos]
    if isinstance(node, Compare):
        return ["cmp", node.question, node.op, _literal_data(node.value), pos]
    if isinstance(node, InList):
        return ["in", node.question, [_literal_data(v) for v in node.values], pos]
    if isinstance(node, Has):
        return ["has", node.question, _literal_data(node.value), pos]
    if isinstance(node, Known):
        return ["known", node.question, node.known, pos]
    if isinstance(node, Ref):
        return ["ref", node.kind, node.conclusion, pos]
    if isinstance(node, Not):
        return ["not", to_data(node.item), pos]
    word = "and" if isinstance(node, And) else "or"
    return [word, [to_data(item) for item in node.items], pos]


MAX_TREE_DEPTH = 128  # far beyond what the parser's nesting limit lets a condition reach
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def from_data(data: Any, depth: int = 0) -> Condition:
    """The tree back from ``to_data``; ``ValueError`` on anything the parser could not
    have built (the data comes from a cache file, which may be damaged or tampered with)."""
    if depth > MAX_TREE_DEPTH or not isinstance(data, list) or len(data) < 2:
        raise ValueError("not a condition")
    tag, *rest = data
    pos = position(rest[-1])
    if tag == "truth" and len(rest) == 2:
        return Truth(name(rest[0]), pos)
    if tag == "cmp" and len(rest) == 4 and rest[1] in COMPARATORS:
        return Compare(name(rest[0]), rest[1], _literal(rest[2]), pos)
    if tag == "in" and len(rest) == 3 and isinstance(rest[1], list) and rest[1]:
        return InList(name(rest[0]), tuple(_literal(v) for v in rest[1]), pos)
    if tag == "has" and len(rest) == 3:
        return Has(name(rest[0]), _literal(rest[1]), pos)
    if tag == "known" and len(rest) == 3 and isinstance(rest[1], bool):
        return Known(name(rest[0]), rest[1], pos)
    if tag == "ref" and len(rest) == 3 and rest[0] in KINDS:
        return Ref(rest[0], name(rest[1]), pos)
    if tag == "not" and len(rest) == 2:
        return Not(from_data(rest[0], depth + 1), pos)
    if tag in ("and", "or") and len(rest) == 2 and isinstance(rest[0], list) and \
            len(rest[0]) >= 2:
        items = tuple(from_data(item, depth + 1) for item in rest[0])
        return And(items, pos) if tag == "and" else Or(items, pos)
    raise ValueError(f"not a condition: {tag!r}")


def position(data: Any) -> Pos:
    """A position from the cache: two counts from 1."""
    if isinstance(data, list) and len(data) == 2 and all(
            type(n) is int and n >= 1 for n in data):
        return Pos(data[0], data[1])
    raise ValueError("not a position")


def name(data: Any) -> str:
    if isinstance(data, str) and _NAME.match(data):
        return data
    raise ValueError("not a name")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isfinite(value)


def _literal_data(literal: Literal) -> list[Any]:
    return [literal.value, literal.kind, literal.pos.line, literal.pos.column]


def _literal(data: Any) -> Literal:
    if not isinstance(data, list) or len(data) != 4:
        raise ValueError("not a literal")
    value, kind, line, column = data
    valid = {"number": is_number, "percent": is_number, "bool": lambda v: isinstance(v, bool),
             "string": lambda v: isinstance(v, str), "name": lambda v: _NAME.match(v)
             if isinstance(v, str) else False}
    if kind not in valid or not valid[kind](value):
        raise ValueError(f"not a literal: {kind!r}")
    return Literal(value, kind, position([line, column]))
