"""Values the knowledge base derives from answers: a small arithmetic over answers.

``value: target_outlets * visits_per_outlet / visits_per_person`` or
``required_fees - budgeted_fees``: numbers combine with ``+ - * /``, ``min``/``max`` and
``ceil``/``floor``/``round`` (to whole numbers: a need for 208.3 people is 209);
lists of choices (multi-choice answers) combine with ``-`` (difference), ``&``
(intersection) and ``+`` (union), and ``count(...)`` is their size. Expressions are parsed
by the same grammar as conditions (``parser``) and evaluated here, by plain functions.

Unknowns propagate: if any answer an expression needs is unknown, the value is unknown
(``None``), and so is a division by zero. Conditions then test the value in three-valued
logic like any answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from .conditions import MAX_TREE_DEPTH, Pos, is_number, name, position

FUNCTIONS = ("count", "min", "max", "ceil", "floor", "round")


@dataclass(frozen=True)
class Num:
    value: int | float
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Var:
    name: str
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class BinOp:
    op: str  # + - * / &
    left: Expression
    right: Expression
    pos: Pos = field(default=Pos(), compare=False)


@dataclass(frozen=True)
class Call:
    function: str  # count | min | max
    args: tuple[Expression, ...]
    pos: Pos = field(default=Pos(), compare=False)


Expression = Union[Num, Var, BinOp, Call]  # noqa: UP007 - a runtime alias on 3.10
Value = int | float | frozenset[str] | None


def names(expression: Expression) -> set[str]:
    return {node.name for node in walk(expression) if isinstance(node, Var)}


def walk(expression: Expression) -> Iterator[Expression]:
    pending = [expression]
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, BinOp):
            pending += [node.right, node.left]
        elif isinstance(node, Call):
            pending += reversed(node.args)


def to_text(expression: Expression) -> str:
    if isinstance(expression, Num):
        value = expression.value
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(expression, Var):
        return expression.name
    if isinstance(expression, Call):
        return f"{expression.function}({', '.join(to_text(a) for a in expression.args)})"
    left, right = to_text(expression.left), to_text(expression.right)
    if isinstance(expression.right, BinOp) and expression.op in "-/":
        right = f"({right})"
    if expression.op in "*/&":
        left = f"({left})" if isinstance(expression.left, BinOp) and \
            expression.left.op in "+-" else left
        right = f"({right})" if isinstance(expression.right, BinOp) and \
            expression.right.op in "+-" else right
    return f"{left} {expression.op} {right}"


def evaluate(expression: Expression, values: Mapping[str, Any]) -> Value:
    """The value of ``expression`` given ``values`` (answers and earlier derived values)."""
    return compile_expression(expression)(values)


Evaluator = Callable[[Mapping[str, Any]], Value]


def compile_expression(expression: Expression) -> Evaluator:
    """A closure that computes the expression (plain functions, no ``eval``)."""
    if isinstance(expression, Num):
        constant = expression.value
        return lambda values: constant
    if isinstance(expression, Var):
        name = expression.name
        return lambda values: values.get(name)
    if isinstance(expression, Call):
        args = tuple(compile_expression(a) for a in expression.args)
        function = expression.function
        return lambda values: _call(function, [arg(values) for arg in args])
    left, right, op = compile_expression(expression.left), \
        compile_expression(expression.right), expression.op
    return lambda values: _apply(op, left(values), right(values))


def _call(function: str, args: list[Value]) -> Value:
    if any(a is None for a in args):
        return None
    if function == "count":
        return len(args[0])  # type: ignore[arg-type]
    if function in ("ceil", "floor", "round"):
        # round() rounds halves up, as people do (Python's own rounds them to even).
        number = float(args[0])  # type: ignore[arg-type]
        rounded = {"ceil": math.ceil, "floor": math.floor}.get(
            function, lambda x: math.floor(x + 0.5))(number)
        return int(rounded)
    return (min if function == "min" else max)(args)  # type: ignore[type-var]


def _apply(op: str, left: Value, right: Value) -> Value:
    if left is None or right is None:
        return None
    if isinstance(left, frozenset) and isinstance(right, frozenset):
        if op == "-":
            return left - right
        return left & right if op == "&" else left | right
    a, b = left, right  # numbers, checked at load time
    if op == "+":
        result = a + b  # type: ignore[operator]
    elif op == "-":
        result = a - b  # type: ignore[operator]
    elif op == "*":
        result = a * b  # type: ignore[operator]
    else:
        if b == 0:
            return None
        result = a / b  # type: ignore[operator]
    if not math.isfinite(result):  # type: ignore[arg-type]
        return None
    if isinstance(result, float) and result.is_integer() and abs(result) < 2**53:
        return int(result)
    return result


# --- as plain data (the parse cache) --------------------------------------------------------

def to_data(node: Expression) -> Any:
    pos = [node.pos.line, node.pos.column]
    if isinstance(node, Num):
        return ["num", node.value, pos]
    if isinstance(node, Var):
        return ["var", node.name, pos]
    if isinstance(node, Call):
        return ["call", node.function, [to_data(a) for a in node.args], pos]
    return ["op", node.op, to_data(node.left), to_data(node.right), pos]


def from_data(data: Any, depth: int = 0) -> Expression:
    """The tree back from ``to_data``; ``ValueError`` on anything the parser could not
    have built (see ``conditions.from_data``)."""
    if depth > MAX_TREE_DEPTH or not isinstance(data, list) or len(data) < 2:
        raise ValueError("not an expression")
    tag, *rest = data
    pos = position(rest[-1])
    if tag == "num" and len(rest) == 2 and is_number(rest[0]):
        return Num(rest[0], pos)
    if tag == "var" and len(rest) == 2:
        return Var(name(rest[0]), pos)
    if tag == "call" and len(rest) == 3 and rest[0] in FUNCTIONS and \
            isinstance(rest[1], list) and rest[1]:
        return Call(rest[0], tuple(from_data(a, depth + 1) for a in rest[1]), pos)
    if tag == "op" and len(rest) == 4 and rest[0] in ("+", "-", "*", "/", "&"):
        return BinOp(rest[0], from_data(rest[1], depth + 1), from_data(rest[2], depth + 1),
                     pos)
    raise ValueError(f"not an expression: {tag!r}")
