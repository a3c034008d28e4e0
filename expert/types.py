"""Whether a test or an expression makes sense for the types of the answers it reads.

A yes/no question is tested alone (``flag``, ``not flag``), a choice with ``==`` or ``in``,
a multi-choice list with ``has``, a number with comparisons within its range; derived
values combine numbers with numbers and lists of one question's choices with each other.
Each problem comes with a hint that shows the right way to write it.
"""

from __future__ import annotations

from .conditions import Compare, Condition, Has, InList, Known, Literal, Truth
from .expressions import Call, Expression, Num, Var
from .i18n import Msg
from .model import Variable

MAX_LITERAL = 1e15  # the engine compares 64-bit numbers; no answer comes near this


def type_problem(node: Condition, variable: Variable) -> tuple[Msg, Msg] | None:
    """Why a test cannot hold for the variable's type, with a hint; None if it can."""
    q, kind = variable.id, variable.type
    if isinstance(node, Truth):
        if kind != "boolean":
            return Msg("type.not_boolean", id=q, kind=Msg(f"qtype.{kind}")), usage(variable)
        return None
    if isinstance(node, Known):
        return None
    if isinstance(node, Has):
        if kind != "multichoice":
            return Msg("type.has_needs_multi", id=q, kind=Msg(f"qtype.{kind}")), usage(variable)
        return _choice_value(variable, node.value)
    if isinstance(node, InList):
        if kind in ("choice", "multichoice"):
            for value in node.values:
                problem = _choice_value(variable, value)
                if problem:
                    return problem
            return None
        if kind in ("number", "percent"):
            for value in node.values:
                if value.kind not in ("number", "percent"):
                    return Msg("type.not_a_number_literal", id=q, value=str(value)), \
                        Msg("hint.list_numbers")
                if abs(value.value) > MAX_LITERAL:
                    return _too_large(value)
            return None
        return Msg("type.in_not_for", id=q, kind=Msg(f"qtype.{kind}")), usage(variable)
    if not isinstance(node, Compare):
        return None
    literal, op = node.value, node.op
    if kind == "boolean":
        if literal.kind != "bool" or op not in ("==", "!="):
            spanish = literal.kind == "name" and str(literal.value).lower() in ("si", "sí", "no")
            return Msg("type.boolean_compare", id=q, value=str(literal)), \
                Msg("hint.yes_no_condition") if spanish else Msg("hint.boolean_usage", id=q)
        return None
    if kind == "choice":
        if op not in ("==", "!="):
            return Msg("type.choice_order", id=q), Msg("hint.choice_ops")
        return _choice_value(variable, literal)
    if kind == "multichoice":
        return Msg("type.multichoice_compare", id=q), Msg("hint.has_usage", id=q)
    if kind == "text":
        if literal.kind != "string" or op not in ("==", "!="):
            return Msg("type.text_compare", id=q), Msg("hint.text_usage", id=q)
        return None
    if literal.kind not in ("number", "percent"):
        hint = Msg("hint.compare_two_values", a=q, b=str(literal.value)) \
            if literal.kind == "name" else Msg("hint.compare_number")
        return Msg("type.number_compare", id=q, value=str(literal)), hint
    if abs(literal.value) > MAX_LITERAL:
        return _too_large(literal)
    low, high = variable.bounds
    value = literal.value
    impossible = (
        (op == "==" and ((low is not None and value < low) or (high is not None and value > high)))
        or (op in (">", ">=") and high is not None
            and (value > high or (op == ">" and value == high)))
        or (op in ("<", "<=") and low is not None
            and (value < low or (op == "<" and value == low)))
    )
    if impossible:
        return Msg("type.cannot_hold", test=f"{q} {op} {literal}", low=_bound(low),
                   high=_bound(high)), Msg("hint.check_range")
    return None


def _too_large(literal: Literal) -> tuple[Msg, Msg]:
    return Msg("type.literal_too_large", value=str(literal)), Msg("hint.number_usable")


def _choice_value(variable: Variable, literal: Literal) -> tuple[Msg, Msg] | None:
    choices = [c.id for c in variable.choices]
    if literal.kind in ("name", "string") and literal.value in choices:
        return None
    return Msg("type.not_a_choice", value=str(literal), id=variable.id), \
        Msg("hint.allowed", names=choices)


def usage(variable: Variable) -> Msg:
    return Msg(f"hint.usage.{variable.type}", id=variable.id)


def _bound(value: float | None) -> object:
    if value is None:
        return Msg("word.any")
    return int(value) if float(value).is_integer() else value


# --- expressions of derived values ---------------------------------------------------------

def expression_type(expression: Expression, variables: dict[str, Variable]
                    ) -> tuple[str | None, list[tuple[Msg, Msg | None, Expression]]]:
    """('number' | 'list:<question>' | None, problems): the type of a derived value's
    expression and what is wrong in it, each problem at the node it concerns."""
    problems: list[tuple[Msg, Msg | None, Expression]] = []

    def visit(node: Expression) -> str | None:
        if isinstance(node, Num):
            if abs(node.value) > MAX_LITERAL:
                problems.append((Msg("type.literal_too_large", value=node.value),
                                 Msg("hint.number_usable"), node))
            return "number"
        if isinstance(node, Var):
            variable = variables.get(node.name)
            if variable is None:
                return None  # reported as an unknown name by the reference check
            if variable.type in ("number", "percent"):
                return "number"
            if variable.type == "multichoice":
                return "list:" + ",".join(c.id for c in variable.choices)
            problems.append((Msg("type.not_in_expression", id=node.name,
                                 kind=Msg(f"qtype.{variable.type}")),
                             Msg("hint.expression_types"), node))
            return None
        if isinstance(node, Call):
            kinds = [visit(arg) for arg in node.args]
            if node.function == "count":
                if len(kinds) != 1 or (kinds[0] is not None and not kinds[0].startswith("list")):
                    problems.append((Msg("type.count_needs_list"), None, node))
                return "number"
            if node.function in ("ceil", "floor", "round"):
                if len(kinds) != 1 or (kinds[0] is not None and kinds[0] != "number"):
                    problems.append((Msg("type.round_one_number", name=node.function), None,
                                     node))
                return "number"
            if any(k is not None and k != "number" for k in kinds) or len(kinds) < 2:
                problems.append((Msg("type.minmax_numbers", name=node.function), None, node))
            return "number"
        left, right = visit(node.left), visit(node.right)
        if left is None or right is None:
            return None
        if left != right:
            key = "type.mixed_lists" if left.startswith("list") and right.startswith("list") \
                else "type.mixed_operands"
            problems.append((Msg(key, op=node.op), Msg("hint.expression_types"), node))
            return None
        if node.op == "/" and isinstance(node.right, Num) and node.right.value == 0:
            problems.append((Msg("type.divide_by_zero"), Msg("hint.divide_by_zero"), node))
        if left == "number" and node.op == "&":
            problems.append((Msg("type.intersection_numbers"), None, node))
        if left.startswith("list") and node.op in "*/":
            problems.append((Msg("type.list_arithmetic", op=node.op), None, node))
        return left

    return visit(expression), problems

