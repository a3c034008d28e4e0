"""The condition language: syntax tree and parser.

Conditions are data. They are parsed once, at load time, by a real grammar
(``conditions.lark``, LALR) into the frozen tree below; nothing is ever evaluated with
``eval``. Positions (1-based line and column inside the condition text) travel with every
node so that later checks can point at the offending word.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from .errors import InputError, Location

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


def parse(text: str) -> Condition:
    """Parse a condition; raise ``ConditionSyntaxError`` with the position of the fault."""
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
