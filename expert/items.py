"""One question, conclusion or rule from its YAML mapping, every field checked.

Each reader returns the model object, or ``None`` after recording what is wrong with it
(the loader goes on, so that ``expert check`` lists every problem at once).
"""

from __future__ import annotations

from typing import Any

from .conditions import Condition
from .errors import Location
from .fields import FieldReader
from .model import KINDS, LEVELS, QUESTION_TYPES, Choice, Conclusion, Question, Rule
from .parser import ConditionSyntaxError, parse
from .yamlio import Document, ScalarInfo

_QUESTION_KEYS = ("id", "type", "text", "help", "sections", "choices", "min", "max", "unit",
                  "ask_if")
_CONCLUSION_KEYS = ("id", "kind", "title", "explanation", "sections", "severity", "priority")
_RULE_KEYS = ("id", "sections", "when", "then")


def read_question(reader: FieldReader, family: str, path: tuple, item: Any) -> Question | None:
    item = reader.entry(item, path, _QUESTION_KEYS, "a question")
    if item is None:
        return None
    qid = reader.identifier(item, path, "a question")
    qtype = reader.one_of(item, "type", path, QUESTION_TYPES, "a question")
    text = reader.text(item, "text", path, "a question")
    help_text = reader.text(item, "help", path, "a question")
    sections = reader.string_list(item, "sections", path, "a question")
    choices = _choices(reader, item, path, qtype)
    bounds = [reader.get(item, key, path, (int, float), "a question", required=False)
              for key in ("min", "max")]
    unit = reader.text(item, "unit", path, "a question", required=False)
    ask_if, ask_if_text, ask_if_location = _condition(reader, item, "ask_if", path,
                                                      required=False)
    if None in (qid, qtype, text, help_text, sections, choices):
        return None
    if "ask_if" in item and ask_if is None:
        return None
    return Question(qid, qtype, text, help_text, family, sections, choices, bounds[0],
                    bounds[1], unit, ask_if, ask_if_text, reader.doc.where(*path),
                    ask_if_location)


def _choices(reader: FieldReader, item: dict, path: tuple, qtype: str | None):  # type: ignore[no-untyped-def]
    raw = item.get("choices")
    if qtype not in ("choice", "multichoice"):
        if raw is not None:
            reader.error("only choice and multichoice questions have 'choices'",
                         reader.doc.where_key(*path, "choices"), "remove 'choices'", "field")
        return ()
    raw = reader.get(item, "choices", path, list, "a choice question")
    if raw is None:
        return None
    choices: list[Choice] = []
    for index, entry in enumerate(raw):
        c_path = (*path, "choices", index)
        entry = reader.entry(entry, c_path, ("id", "label"), "a choice")
        if entry is None:
            return None
        cid = reader.identifier(entry, c_path, "a choice")
        label = reader.text(entry, "label", c_path, "a choice")
        if cid is None or label is None:
            return None
        if any(c.id == cid for c in choices):
            reader.error(f"choice '{cid}' appears twice", reader.doc.where(*c_path, "id"),
                         "give each choice its own id", "duplicate-id")
            return None
        choices.append(Choice(cid, label))
    if len(choices) < 2:
        reader.error("a choice question needs at least two choices",
                     reader.doc.where(*path, "choices"), code="field")
        return None
    return tuple(choices)


def read_conclusion(reader: FieldReader, family: str, path: tuple, item: Any) -> Conclusion | None:
    item = reader.entry(item, path, _CONCLUSION_KEYS, "a conclusion")
    if item is None:
        return None
    cid = reader.identifier(item, path, "a conclusion")
    kind = reader.one_of(item, "kind", path, KINDS, "a conclusion")
    title = reader.text(item, "title", path, "a conclusion")
    explanation = reader.text(item, "explanation", path, "a conclusion")
    sections = reader.string_list(item, "sections", path, "a conclusion")
    levels: dict[str, str | None] = {}
    for key, owner in (("severity", "risk"), ("priority", "measure")):
        value = reader.one_of(item, key, path, LEVELS, "a conclusion", required=kind == owner)
        if value is not None and kind != owner:
            reader.error(f"only a {owner} has a {key}", reader.doc.where_key(*path, key),
                         f"remove '{key}'", "field")
            value = None
        levels[key] = value
    if None in (cid, kind, title, explanation, sections):
        return None
    if (kind == "risk" and levels["severity"] is None) or (
        kind == "measure" and levels["priority"] is None
    ):
        return None
    return Conclusion(cid, kind, title, explanation, family, sections, levels["severity"],
                      levels["priority"], reader.doc.where(*path))


def read_rule(reader: FieldReader, family: str, path: tuple, item: Any) -> Rule | None:
    item = reader.entry(item, path, _RULE_KEYS, "a rule")
    if item is None:
        return None
    rid = reader.identifier(item, path, "a rule")
    sections = reader.string_list(item, "sections", path, "a rule")
    when, when_text, when_location = _condition(reader, item, "when", path, required=True)
    then = reader.string_list(item, "then", path, "a rule")
    targets: list[str] = []
    kinds: list[str] = []
    for index, ref in enumerate(then or ()):
        kind, _, cid = ref.partition(".")
        if kind not in KINDS or not cid:
            reader.error(f"'{ref}' is not a conclusion reference",
                         reader.doc.where(*path, "then", index),
                         "write finding.<id>, risk.<id> or measure.<id>", "bad-ref")
            return None
        targets.append(cid)
        kinds.append(kind)
    if None in (rid, sections, when, then):
        return None
    return Rule(rid, family, sections, when, when_text, tuple(targets), tuple(kinds),
                reader.doc.where(*path), when_location)


def _condition(reader: FieldReader, item: dict, key: str, path: tuple, *, required: bool
               ) -> tuple[Condition | None, str | None, Location]:
    text = reader.get(item, key, path, str, "this entry", required=required)
    location = reader.doc.where(*path, key)
    if text is None:
        return None, None, location
    try:
        return parse(text), text, location
    except ConditionSyntaxError as error:
        where = condition_location(reader.doc, (*path, key), error.pos.line, error.pos.column)
        reader.error(f"condition syntax: {error.message}", where, error.hint, "syntax")
        return None, text, location


def condition_location(doc: Document, path: tuple, line: int, column: int) -> Location:
    """Map a position inside a condition text to the file (exact for one-line scalars)."""
    info: ScalarInfo | None = doc.scalar(*path)
    if info is None:
        return doc.where(*path)
    if info.style in (None, "", "'", '"'):  # plain ('' from libyaml, None in pure Python)
        quote = 1 if info.style in ("'", '"') else 0
        if line == 1:
            return Location(doc.path, info.line, info.column + quote + column - 1)
        return Location(doc.path, info.line + line - 1, column)
    # Block scalar ('|' or '>'): the text starts on the next line, indented.
    return Location(doc.path, info.line + line, None)
