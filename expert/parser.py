"""Reading condition and expression text: a real grammar, positioned errors, and a cache.

The grammar (``conditions.lark``) is parsed by lark's LALR parser. Importing lark and
building its parser is most of the start-up time of a command, so parsed trees are also
kept in a cache (``parse_cache``); a warm start never imports lark. Nothing is ever
evaluated with ``eval``.

Errors say where (line and column inside the text) and how to fix the slip a Spanish
speaker makes most: ``y``/``o``/``no`` for ``and``/``or``/``not``, ``== sí`` for a yes/no
question, a conclusion named without ``finding.``.
"""

from __future__ import annotations

import functools
import math
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
)
from .errors import InputError, Location
from .expressions import FUNCTIONS, BinOp, Call, Expression, Num, Var
from .i18n import Msg

GRAMMAR = Path(__file__).with_name("conditions.lark")
SPANISH_KEYWORDS = {"y": "and", "o": "or", "no": "not", "tiene": "has", "en": "in",
                    "es": "is", "desconocido": "unknown", "conocido": "known",
                    "verdadero": "true", "falso": "false", "si": "true", "sí": "true"}
_TERMINALS = {
    "NAME": "syntax.t.name", "COMPARATOR": "syntax.t.comparator", "NUMBER": "syntax.t.number",
    "PERCENT": "syntax.t.percent", "STRING": "syntax.t.string", "$END": "syntax.t.end",
    "ADDOP": "syntax.t.operator", "MULOP": "syntax.t.operator",
}
_LITERAL_TERMINALS = {"COMMA": ",", "LPAR": "(", "RPAR": ")", "LSQB": "[", "RSQB": "]",
                      "DOT": "."}


class ConditionSyntaxError(InputError):
    """A condition or expression does not parse. ``pos`` is inside its text."""

    def __init__(self, message: Msg, pos: Pos, hint: Msg | None = None) -> None:
        super().__init__(message, Location(None, pos.line, pos.column), hint, code="syntax")
        self.pos = pos


@functools.lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    # lark is imported here, not at module level: a cached knowledge base never needs it.
    import lark

    return lark.Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr",
                     start=["start", "expression"], propagate_positions=True,
                     maybe_placeholders=False)


def parse_text(text: str, *, start: str = "start") -> Any:
    """Parse with the grammar itself, bypassing the cache."""
    import lark

    if not isinstance(text, str) or not text.strip():
        raise ConditionSyntaxError(Msg("syntax.empty"), Pos(), Msg("hint.syntax_example"))
    _check_nesting(text)
    try:
        tree = _parser().parse(text, start=start)
    except lark.exceptions.UnexpectedCharacters as error:
        char = text[error.pos_in_stream] if error.pos_in_stream < len(text) else ""
        raise ConditionSyntaxError(Msg("syntax.character", char=char),
                                   Pos(error.line, error.column),
                                   _hint(text, error.pos_in_stream, error.allowed)) from None
    except lark.exceptions.UnexpectedEOF as error:
        line, column = _end_position(text)
        raise ConditionSyntaxError(Msg("syntax.ends_early"), Pos(line, column),
                                   _expected(error.expected)) from None
    except lark.exceptions.UnexpectedToken as error:
        token = error.token
        if token.type == "$END":
            line, column = _end_position(text)
            raise ConditionSyntaxError(Msg("syntax.ends_early"), Pos(line, column),
                                       _expected(error.expected)) from None
        word = str(token.value)
        spanish = SPANISH_KEYWORDS.get(word.lower())
        if spanish is None:  # «no flag»: the slip is the word before the unexpected one
            before = text[:getattr(token, "start_pos", 0) or 0].split()
            word = before[-1] if before else ""
            spanish = SPANISH_KEYWORDS.get(word.lower())
        hint = Msg("hint.english_keyword", word=word, keyword=spanish) \
            if spanish else _expected(error.expected)
        raise ConditionSyntaxError(Msg("syntax.unexpected", token=str(token.value)),
                                   Pos(token.line or 1, token.column or 1), hint) from None
    builder = _Builder()
    return builder.expression(tree) if start == "expression" else builder.build(tree)


MAX_NESTING = 40  # far beyond any readable condition, far below Python's recursion limit


def _check_nesting(text: str) -> None:
    """Refuse what would nest deeper than the trees can be walked (before lark sees it)."""
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
            if depth > MAX_NESTING:
                line, column = _position(text, index)
                raise ConditionSyntaxError(Msg("syntax.too_deep", limit=MAX_NESTING),
                                           Pos(line, column), Msg("hint.split_condition"))
        elif char == ")":
            depth -= 1
    words = text.split()
    if sum(1 for word in words if word.lstrip("(") == "not") > MAX_NESTING:
        raise ConditionSyntaxError(Msg("syntax.too_deep", limit=MAX_NESTING), Pos(),
                                   Msg("hint.split_condition"))


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _hint(text: str, index: int, allowed: Any) -> Msg | None:
    """A hint for an unexpected character: accented Spanish words first."""
    begin = index
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "_"):
        begin -= 1
    end = index
    while end < len(text) and (text[end].isalpha() or text[end] == "_"):
        end += 1
    word = text[begin:end]
    if word.lower() in ("sí", "si"):
        return Msg("hint.yes_no_condition")
    if any(not c.isascii() for c in word):
        return Msg("hint.ascii_ids", word=word)
    return _expected(allowed)


def _expected(expected: Any) -> Msg | None:
    if not expected:
        return None
    words: list[Any] = []
    for name in sorted(expected):
        key = _TERMINALS.get(name)
        item: Any = Msg(key) if key else f"«{_LITERAL_TERMINALS.get(name, name.lower())}»"
        if item not in words:
            words.append(item)
    if len(words) > 6:
        words = [*words[:6], "…"]
    return Msg("hint.expected", words=words)


def _end_position(text: str) -> tuple[int, int]:
    lines = text.rstrip().split("\n")
    return len(lines), len(lines[-1]) + 1


class _Builder:
    """Turns lark's parse tree into the frozen condition and expression trees."""

    def build(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        return getattr(self, "_" + tree.data)(tree)

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
        return Known(str(tree.children[0]), False, self._pos(tree.children[0]))

    def _is_known(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        return Known(str(tree.children[0]), True, self._pos(tree.children[0]))

    def _truth(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        return Truth(str(tree.children[0]), self._pos(tree.children[0]))

    def _reference(self, tree) -> Condition:  # type: ignore[no-untyped-def]
        kind, conclusion = tree.children
        if str(kind) not in KINDS:
            raise ConditionSyntaxError(Msg("syntax.bad_kind", kind=str(kind)),
                                       self._pos(kind), Msg("hint.reference"))
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
            return Literal(_to_number(token, pos), "number", pos)
        if kind == "percent":
            return Literal(_to_number(token[:-1], pos), "percent", pos)
        if kind == "string":
            return Literal(token[1:-1], "string", pos)
        return Literal(token, "name", pos)

    # --- expressions ---------------------------------------------------------------------
    def expression(self, tree) -> Expression:  # type: ignore[no-untyped-def]
        import lark

        if isinstance(tree, lark.Token):  # pragma: no cover - the grammar wraps tokens
            raise ConditionSyntaxError(Msg("syntax.unexpected", token=str(tree)), Pos())
        kind = tree.data
        if kind == "num":
            pos = self._pos(tree.children[0])
            return Num(_to_number(str(tree.children[0]), pos), pos)
        if kind == "var":
            return Var(str(tree.children[0]), self._pos(tree.children[0]))
        if kind == "call":
            name, *args = tree.children
            if str(name) not in FUNCTIONS:
                raise ConditionSyntaxError(Msg("syntax.function", name=str(name)),
                                           self._pos(name), Msg("hint.functions",
                                                                names=list(FUNCTIONS)))
            return Call(str(name), tuple(self.expression(a) for a in args), self._pos(name))
        items = tree.children  # sum / product: operand (OP operand)*, left to right
        result = self.expression(items[0])
        for index in range(1, len(items), 2):
            op = items[index]
            result = BinOp(str(op), result, self.expression(items[index + 1]), self._pos(op))
        return result


MAX_DIGITS = 300  # the engine compares 64-bit numbers; Python's int() stops at 4,300


def _to_number(token: str, pos: Pos) -> int | float:
    """A literal's value. One too long to be a number the engine can compare is refused
    here, with its place: ``int()`` would fail on it, ``float()`` would make it infinite."""
    if len(token.lstrip("-").split(".")[0]) > MAX_DIGITS or \
            not math.isfinite(float(token)):
        raise ConditionSyntaxError(Msg("syntax.number_too_long", start=token[:12],
                                       digits=len(token.lstrip("-").split(".")[0])),
                                   pos, Msg("hint.number_usable"))
    return int(token) if "." not in token else float(token)


def parse(text: str) -> Condition:
    """Parse a condition; raise ``ConditionSyntaxError`` with the position of the fault."""
    from .parse_cache import cached

    return cached("c", text, lambda: parse_text(text))


def parse_expression(text: str) -> Expression:
    """Parse a derived value's expression."""
    from .parse_cache import cached

    return cached("e", text, lambda: parse_text(text, start="expression"))


def flush_cache() -> None:
    """Persist what this run parsed (called once a knowledge base is loaded)."""
    from .parse_cache import flush

    flush()
