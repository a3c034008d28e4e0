"""Fact files: the answers a client gave for one plan.

A fact file is YAML or JSON::

    meta:      {client: ..., plan: ..., date: ..., consultant: ...}   # all optional
    answers:   {question_id: value, ...}    # missing or 'unknown' = unknown
    notes:     {question_id: "the consultant's own note", ...}      # optional
    interview: {...}                        # written by the interview, to resume

Every value is checked against its question: unknown ids, wrong types, out-of-range
numbers and choices that do not exist are reported together, each with file:line and the
valid values.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Diagnostic, FactsError, Location
from .fields import describe
from .model import KnowledgeBase, Question
from .yamlio import Document, load_document, parse_document

MAX_TEXT = 10_000
MAX_FACT_FILE_BYTES = 2 * 1024 * 1024
UNKNOWN_WORDS = {"unknown", "desconocido", "?", "n/a", "ns/nc"}
_TRUE = {"yes", "y", "true", "si", "sí", "s"}
_FALSE = {"no", "n", "false"}
_TOP_KEYS = ("meta", "answers", "notes", "interview")
META_KEYS = ("client", "plan", "date", "consultant")


@dataclass(frozen=True)
class FactSet:
    """One plan's answers, validated. ``answers`` holds known answers only."""

    source: str
    answers: Mapping[str, Any]
    meta: Mapping[str, str] = field(default_factory=dict)
    unknown: frozenset[str] = frozenset()  # explicitly answered "unknown"
    notes: Mapping[str, str] = field(default_factory=dict)
    interview: Mapping[str, Any] | None = None

    def label(self) -> str:
        client = self.meta.get("client")
        plan = self.meta.get("plan")
        if client and plan:
            return f"{client} — {plan}"
        return client or plan or Path(self.source).stem


def load_facts(path: Path | str, kb: KnowledgeBase) -> FactSet:
    document = load_document(path, max_bytes=MAX_FACT_FILE_BYTES)
    return facts_from_document(document, kb)


def parse_facts(text: str, source: str, kb: KnowledgeBase, *, is_json: bool = False) -> FactSet:
    return facts_from_document(parse_document(text, source, is_json=is_json), kb)


def facts_from_document(document: Document, kb: KnowledgeBase, *, source: str | None = None
                        ) -> FactSet:
    """Validate parsed data; ``source`` names the plan when it is not the document's path."""
    diagnostics: list[Diagnostic] = []
    data = document.data
    source = source or document.path
    if data is None:
        raise FactsError(
            "the fact file is empty",
            document.where(),
            "write 'answers:' followed by one 'question_id: value' line per answer",
            code="empty",
        )
    if not isinstance(data, dict):
        raise FactsError(
            f"a fact file must be a mapping with 'answers:', not {describe(data)}",
            document.where(),
            "start the file with 'meta:' and 'answers:'",
            code="type",
        )

    def error(message: str, location: Location, hint: str | None = None, code: str = "facts"
              ) -> None:
        diagnostics.append(Diagnostic("error", message, location, hint, code))

    for key in data:
        if key not in _TOP_KEYS:
            close = difflib.get_close_matches(key, _TOP_KEYS, n=1)
            error(f"unknown section '{key}'", document.where_key(key),
                  f"did you mean '{close[0]}'?" if close else "use meta, answers and notes",
                  "unknown-field")
    meta = _meta(data.get("meta"), document, error)
    raw_answers = data.get("answers")
    answers: dict[str, Any] = {}
    unknown: set[str] = set()
    if "answers" not in data:
        error("the fact file has no 'answers:'", document.where(),
              "add 'answers:' with one 'question_id: value' line per answer", "missing-field")
    elif raw_answers is not None and not isinstance(raw_answers, dict):
        error(f"'answers' must be a mapping, not {describe(raw_answers)}",
              document.where("answers"), "write 'question_id: value' lines", "type")
    else:
        for qid, raw in (raw_answers or {}).items():
            if not kb.has_question(qid):
                close = difflib.get_close_matches(qid, [q.id for q in kb.questions], n=1)
                error(f"unknown question '{qid}'", document.where_key("answers", qid),
                      f"did you mean '{close[0]}'?" if close else
                      "see the question ids in the knowledge base (expert check lists them)",
                      "unknown-question")
                continue
            question = kb.question(qid)
            try:
                value = coerce(question, raw)
            except ValueError as problem:
                error(f"answer to '{qid}': {problem.args[0]}", document.where("answers", qid),
                      problem.args[1] if len(problem.args) > 1 else None, "bad-answer")
                continue
            if value is None:
                unknown.add(qid)
            else:
                answers[qid] = value
    notes = _notes(data.get("notes"), document, kb, error)
    interview = data.get("interview")
    if interview is not None and not isinstance(interview, dict):
        error("'interview' must be a mapping", document.where("interview"), code="type")
        interview = None
    if diagnostics:
        raise FactsError(diagnostics[0].message, diagnostics=diagnostics)
    return FactSet(source, answers, meta, frozenset(unknown), notes, interview)


def _meta(raw: Any, document: Document, error) -> dict[str, str]:  # type: ignore[no-untyped-def]
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        error(f"'meta' must be a mapping, not {describe(raw)}", document.where("meta"),
              "write 'client: ...', 'plan: ...', 'date: ...' lines", "type")
        return {}
    meta: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, (dict, list)):
            error(f"meta '{key}' must be a single value", document.where("meta", key), code="type")
            continue
        text = "" if value is None else str(value)
        if len(text) > 500:
            error(f"meta '{key}' is too long ({len(text):,} characters; at most 500)",
                  document.where("meta", key), code="too-long")
            continue
        meta[key] = text
    return meta


def _notes(raw: Any, document: Document, kb: KnowledgeBase, error) -> dict[str, str]:  # type: ignore[no-untyped-def]
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        error(f"'notes' must be a mapping, not {describe(raw)}", document.where("notes"),
              "write 'question_id: note' lines", "type")
        return {}
    notes: dict[str, str] = {}
    for key, value in raw.items():
        if not kb.has_question(key):
            error(f"note for unknown question '{key}'", document.where_key("notes", key),
                  code="unknown-question")
        elif not isinstance(value, str) or len(value) > MAX_TEXT:
            error(f"note for '{key}' must be a text of at most {MAX_TEXT:,} characters",
                  document.where("notes", key), code="type")
        else:
            notes[key] = value
    return notes


def coerce(question: Question, raw: Any) -> Any:
    """The typed value of an answer, ``None`` for unknown; ``ValueError(message, hint)``."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in UNKNOWN_WORDS):
        return None
    kind = question.type
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE
        raise ValueError(f"expected yes or no, not {describe(raw)}", "write true, false or unknown")
    if kind in ("number", "percent"):
        return _number(question, raw)
    if kind == "choice":
        if isinstance(raw, str) and question.choice(raw.strip()) is not None:
            return raw.strip()
        raise ValueError(f"{describe(raw)} is not one of the choices", _valid(question))
    if kind == "multichoice":
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise ValueError(f"expected a list of choices, not {describe(raw)}", _valid(question))
        chosen: set[str] = set()
        for item in items:
            if not isinstance(item, str) or question.choice(item.strip()) is None:
                raise ValueError(f"{describe(item)} is not one of the choices", _valid(question))
            chosen.add(item.strip())
        return frozenset(chosen)
    if isinstance(raw, (dict, list)):
        raise ValueError(f"expected a text, not {describe(raw)}")
    text = str(raw)
    if len(text) > MAX_TEXT:
        raise ValueError(f"the text is too long ({len(text):,} characters; at most {MAX_TEXT:,})",
                         "shorten it, or keep long material outside the fact file")
    return text


def _number(question: Question, raw: Any) -> int | float:
    value: Any = raw
    if isinstance(raw, str):
        text = raw.strip().replace(",", ".")
        if question.type == "percent" and text.endswith("%"):
            text = text[:-1].strip()
        try:
            value = float(text)
        except ValueError:
            value = raw
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, not {describe(raw)}",
                         "write digits only, for example 3 or 12.5")
    if not math.isfinite(value):
        raise ValueError(f"{raw} is not a usable number", "write a finite number")
    low, high = question.bounds
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{_plain(value)} is out of range", f"give a number from "
                         f"{_plain(low) if low is not None else '-∞'} to "
                         f"{_plain(high) if high is not None else '∞'}")
    return normalise_number(value)


def normalise_number(value: int | float) -> int | float:
    """3.0 and 3 are the same answer; the engine must see the same JSON for both."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _plain(value: float | None) -> str:
    if value is None:
        return ""
    return str(normalise_number(value))


def _valid(question: Question) -> str:
    return "valid values: " + ", ".join(c.id for c in question.choices) + ", unknown"


def to_yaml_value(question: Question, value: Any) -> Any:
    """The value as written back to a fact file."""
    if isinstance(value, frozenset):
        return [c.id for c in question.choices if c.id in value]
    return value
