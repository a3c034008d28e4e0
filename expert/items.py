"""One question, derived value, conclusion, rule or consistency check from its YAML mapping,
every field checked.

Each reader returns the model object, or ``None`` after recording what is wrong with it
(the loader goes on, so that ``expert check`` lists every problem at once). When an
element is rejected its id is still returned through ``rejected`` so that references to it
are not reported again as unknown: one mistake, one message.
"""

from __future__ import annotations

from typing import Any

from .conditions import Condition
from .errors import Location
from .expressions import Expression
from .fields import FieldReader
from .i18n import Msg
from .model import (
    DERIVED_TYPES,
    KINDS,
    LEVELS,
    PROVENANCES,
    QUESTION_TYPES,
    Choice,
    Conclusion,
    Consistency,
    Derived,
    Question,
    Rule,
)
from .parser import ConditionSyntaxError, parse, parse_expression

_QUESTION_KEYS = ("id", "type", "text", "help", "sections", "choices", "min", "max", "unit",
                  "ask_if", "plausible", "history")
_DERIVED_KEYS = ("id", "type", "text", "value", "sections", "unit")
_CONCLUSION_KEYS = ("id", "kind", "title", "explanation", "sections", "severity", "priority",
                    "provenance", "points")
_RULE_KEYS = ("id", "sections", "when", "then", "severity", "basis", "points")
_CONSISTENCY_KEYS = ("id", "when", "message")
LEVEL_WORDS = {"alta": "high", "alto": "high", "media": "medium", "medio": "medium",
               "baja": "low", "bajo": "low"}

WHAT = {"question": Msg("what.question"), "choice": Msg("what.choice"),
        "derived": Msg("what.derived"), "conclusion": Msg("what.conclusion"),
        "rule": Msg("what.rule"), "consistency": Msg("what.consistency")}


def read_question(reader: FieldReader, family: str, path: tuple, item: Any,
                  rejected: set[str]) -> Question | None:
    what = WHAT["question"]
    item = reader.entry(item, path, _QUESTION_KEYS, what)
    if item is None:
        return None
    qid = reader.identifier(item, path, what)
    qtype = reader.one_of(item, "type", path, QUESTION_TYPES, what)
    text = reader.text(item, "text", path, what)
    help_text = reader.text(item, "help", path, what)
    sections = reader.string_list(item, "sections", path, what)
    choices = _choices(reader, item, path, qtype)
    bounds = [reader.get(item, key, path, (int, float), what, required=False)
              for key in ("min", "max")]
    plausible = _plausible(reader, item, path)
    unit = reader.text(item, "unit", path, what, required=False)
    ask_if, ask_if_text, ask_if_location = _condition(reader, item, "ask_if", path,
                                                      required=False)
    history = reader.get(item, "history", path, bool, what, required=False)
    if None in (qid, qtype, text, help_text, sections, choices, plausible) or \
            ("ask_if" in item and ask_if is None) or ("history" in item and history is None):
        _reject(rejected, qid)
        return None
    return Question(qid, qtype, text, help_text, family, sections, choices, bounds[0],
                    bounds[1], unit, ask_if, ask_if_text, plausible, reader.doc.where(*path),
                    ask_if_location, bool(history))


def _plausible(reader: FieldReader, item: dict, path: tuple
               ) -> tuple[float | None, float | None] | None:
    raw = item.get("plausible")
    if raw is None:
        return None, None
    entry = reader.entry(raw, (*path, "plausible"), ("min", "max"), Msg("what.plausible"))
    if entry is None:
        return None
    low, high = (reader.get(entry, key, (*path, "plausible"), (int, float),
                            Msg("what.plausible"), required=False) for key in ("min", "max"))
    return low, high


def _choices(reader: FieldReader, item: dict, path: tuple, qtype: str | None):  # type: ignore[no-untyped-def]
    raw = item.get("choices")
    if qtype not in ("choice", "multichoice"):
        if raw is not None:
            reader.error(Msg("item.choices_not_allowed"), reader.doc.where_key(*path, "choices"),
                         Msg("hint.remove_field", key="choices"), "field")
        return ()
    raw = reader.get(item, "choices", path, list, WHAT["question"])
    if raw is None:
        return None
    choices: list[Choice] = []
    for index, entry in enumerate(raw):
        c_path = (*path, "choices", index)
        entry = reader.entry(entry, c_path, ("id", "label", "exclusive"), WHAT["choice"])
        if entry is None:
            return None
        cid = reader.identifier(entry, c_path, WHAT["choice"])
        label = reader.text(entry, "label", c_path, WHAT["choice"])
        exclusive = reader.get(entry, "exclusive", c_path, bool, WHAT["choice"],
                               required=False)
        if cid is None or label is None:
            return None
        if any(c.id == cid for c in choices):
            reader.error(Msg("item.choice_twice", id=cid), reader.doc.where(*c_path, "id"),
                         Msg("hint.own_id"), "duplicate-id")
            return None
        choices.append(Choice(cid, label, bool(exclusive)))
    if len(choices) < 2:
        reader.error(Msg("item.two_choices"), reader.doc.where(*path, "choices"), None, "field")
        return None
    return tuple(choices)


def read_derived(reader: FieldReader, family: str, path: tuple, item: Any,
                 rejected: set[str]) -> Derived | None:
    what = WHAT["derived"]
    item = reader.entry(item, path, _DERIVED_KEYS, what)
    if item is None:
        return None
    did = reader.identifier(item, path, what)
    dtype = reader.one_of(item, "type", path, DERIVED_TYPES, what)
    text = reader.text(item, "text", path, what)
    sections = reader.string_list(item, "sections", path, what)
    unit = reader.text(item, "unit", path, what, required=False)
    expression, expression_text, location = _expression(reader, item, path)
    if None in (did, dtype, text, sections, expression):
        _reject(rejected, did)
        return None
    return Derived(did, dtype, text, expression, expression_text, family, sections, (), unit,
                   reader.doc.where(*path), location)


def read_conclusion(reader: FieldReader, family: str, path: tuple, item: Any,
                    rejected: set[str]) -> Conclusion | None:
    what = WHAT["conclusion"]
    item = reader.entry(item, path, _CONCLUSION_KEYS, what)
    if item is None:
        return None
    cid = reader.identifier(item, path, what)
    kind = reader.one_of(item, "kind", path, KINDS, what)
    title = reader.text(item, "title", path, what)
    explanation = reader.text(item, "explanation", path, what)
    sections = reader.string_list(item, "sections", path, what)
    provenance = reader.one_of(item, "provenance", path, PROVENANCES, what)
    points = _points(reader, item, path) if "points" in item else ()
    levels: dict[str, str | None] = {}
    for key, owner in (("severity", "risk"), ("priority", "measure")):
        value = _level(reader, item, key, path, required=kind == owner)
        if value is not None and kind != owner:
            reader.error(Msg("item.level_owner", owner=Msg(f"kind.{owner}"), key=key),
                         reader.doc.where_key(*path, key), Msg("hint.remove_field", key=key),
                         "field")
            value = None
        levels[key] = value
    if None in (cid, kind, title, explanation, sections, provenance, points) or (
            kind == "risk" and levels["severity"] is None) or (
            kind == "measure" and levels["priority"] is None):
        _reject(rejected, cid)
        return None
    return Conclusion(cid, kind, title, explanation, family, sections, levels["severity"],
                      levels["priority"], provenance, points, reader.doc.where(*path))


def _level(reader: FieldReader, item: dict, key: str, path: tuple, *, required: bool
           ) -> str | None:
    value = item.get(key)
    hint = None
    if isinstance(value, str) and value.strip().lower() in LEVEL_WORDS:
        hint = Msg("hint.level_word", word=value, level=LEVEL_WORDS[value.strip().lower()])
    return reader.one_of(item, key, path, LEVELS, Msg("what.entry"), required=required,
                         hint=hint)


def _points(reader: FieldReader, item: dict, path: tuple) -> tuple[str, ...] | None:
    return reader.string_list(item, "points", path, Msg("what.entry"))


def read_rule(reader: FieldReader, family: str, path: tuple, item: Any,
              rejected: set[str]) -> Rule | None:
    what = WHAT["rule"]
    item = reader.entry(item, path, _RULE_KEYS, what)
    if item is None:
        return None
    rid = reader.identifier(item, path, what)
    sections = reader.string_list(item, "sections", path, what)
    when, when_text, when_location = _condition(reader, item, "when", path, required=True)
    then = reader.string_list(item, "then", path, what)
    severity = _level(reader, item, "severity", path, required=False)
    basis = reader.text(item, "basis", path, what, required=severity is not None)
    points = _points(reader, item, path) if "points" in item else ()
    targets: list[str] = []
    kinds: list[str] = []
    for index, ref in enumerate(then or ()):
        kind, _, cid = ref.partition(".")
        if kind not in KINDS or not cid:
            reader.error(Msg("item.bad_then", ref=ref), reader.doc.where(*path, "then", index),
                         Msg("hint.reference"), "bad-ref")
            then = None
            break
        targets.append(cid)
        kinds.append(kind)
    if None in (rid, sections, when, then, points) or (severity is not None and basis is None) \
            or ("severity" in item and severity is None):
        _reject(rejected, rid)
        return None
    return Rule(rid, family, sections, when, when_text, tuple(targets), tuple(kinds), severity,
                basis, points, reader.doc.where(*path), when_location)


def read_consistency(reader: FieldReader, family: str, path: tuple, item: Any,
                     rejected: set[str]) -> Consistency | None:
    what = WHAT["consistency"]
    item = reader.entry(item, path, _CONSISTENCY_KEYS, what)
    if item is None:
        return None
    xid = reader.identifier(item, path, what)
    when, when_text, when_location = _condition(reader, item, "when", path, required=True)
    message = reader.text(item, "message", path, what)
    if None in (xid, when, message):
        _reject(rejected, xid)
        return None
    return Consistency(xid, when, when_text, message, family, reader.doc.where(*path),
                       when_location)


def _reject(rejected: set[str], element_id: str | None) -> None:
    if element_id is not None:
        rejected.add(element_id)


def _condition(reader: FieldReader, item: dict, key: str, path: tuple, *, required: bool
               ) -> tuple[Condition | None, str | None, Location]:
    text = reader.get(item, key, path, str, Msg("what.entry"), required=required)
    location = reader.doc.where(*path, key)
    if text is None:
        return None, None, location
    try:
        return parse(text), text, location
    except ConditionSyntaxError as error:
        where = condition_location(reader, (*path, key), error.pos.line, error.pos.column)
        reader.error(Msg("syntax.in_condition", problem=error.message), where, error.hint,
                     "syntax")
        return None, text, location


def _expression(reader: FieldReader, item: dict, path: tuple
                ) -> tuple[Expression | None, str, Location]:
    text = reader.get(item, "value", path, (str, int, float), Msg("what.entry"))
    location = reader.doc.where(*path, "value")
    if text is None:
        return None, "", location
    text = str(text)
    try:
        return parse_expression(text), text, location
    except ConditionSyntaxError as error:
        where = condition_location(reader, (*path, "value"), error.pos.line, error.pos.column)
        reader.error(Msg("syntax.in_expression", problem=error.message), where, error.hint,
                     "syntax")
        return None, text, location


def condition_location(reader: FieldReader, path: tuple, line: int, column: int) -> Location:
    """Map a position inside a condition text to the file (exact for one-line scalars)."""
    doc = reader.doc
    info = doc.scalar(*path)
    if info is None:
        return doc.where(*path)
    if info.style in (None, "'", '"'):
        quote = 1 if info.style in ("'", '"') else 0
        if line == 1:
            return Location(doc.path, info.line, info.column + quote + column - 1)
        return Location(doc.path, info.line + line - 1, column)
    # Block scalar ('|' or '>'): the text starts on the next line, indented.
    return Location(doc.path, info.line + line, None)
