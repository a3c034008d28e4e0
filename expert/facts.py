"""Fact files: the answers a client gave for one plan.

A fact file is YAML or JSON::

    meta:      {client: ..., plan: ..., date: ..., consultant: ..., note: ...}  # optional
    answers:   {question_id: value, ...}    # missing or 'unknown' = unknown
    notes:     {question_id: "the consultant's own note", ...}      # optional
    interview: {...}                        # written by the interview, to resume

Every value is checked against its question (``answers.coerce``): unknown ids, wrong types,
out-of-range numbers and choices that do not exist are reported together, each with
file:line and the valid values; past ``MAX_DIAGNOSTICS`` only their number is given.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import MAX_TEXT, AnswerError, coerce
from .document import Document
from .errors import Diagnostic, FactsError, Location
from .fields import describe
from .i18n import Msg
from .model import KnowledgeBase, Question
from .yamlio import load_document, parse_document

MAX_FACT_FILE_BYTES = 2 * 1024 * 1024
MAX_META = 500
MAX_DIAGNOSTICS = 50
_TOP_KEYS = ("meta", "answers", "notes", "interview")
META_KEYS = ("client", "plan", "date", "consultant", "note")


@dataclass(frozen=True)
class FactSet:
    """One plan's answers, validated. ``answers`` holds known answers only."""

    source: str
    answers: Mapping[str, Any]
    meta: Mapping[str, str] = field(default_factory=dict)
    unknown: frozenset[str] = frozenset()  # explicitly answered "unknown"
    notes: Mapping[str, str] = field(default_factory=dict)
    interview: Mapping[str, Any] | None = None
    ignored: tuple[str, ...] = ()  # answers to questions this knowledge base does not have

    def label(self) -> str:
        client = self.meta.get("client")
        plan = self.meta.get("plan")
        if client and plan:
            return f"{client} — {plan}"
        return client or plan or Path(self.source).stem


class _Problems:
    """Diagnostics of one file: the first ``MAX_DIAGNOSTICS``, then only a count."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.dropped = 0

    def __call__(self, message: Msg, location: Location, hint: Msg | None = None,
                 code: str = "facts") -> None:
        if len(self.diagnostics) < MAX_DIAGNOSTICS:
            self.diagnostics.append(Diagnostic("error", message, location, hint, code))
        else:
            self.dropped += 1

    def raise_any(self, where: Location) -> None:
        if not self.diagnostics:
            return
        found = list(self.diagnostics)
        if self.dropped:
            found.append(Diagnostic("error", Msg("facts.more", count=self.dropped), where,
                                    None, "more"))
        raise FactsError(found[0].message, diagnostics=found)


def load_facts(path: Path | str, kb: KnowledgeBase, *, lenient: bool = False) -> FactSet:
    document = load_document(path, max_bytes=MAX_FACT_FILE_BYTES)
    return facts_from_document(document, kb, lenient=lenient)


def parse_facts(text: str, source: str, kb: KnowledgeBase, *, is_json: bool = False) -> FactSet:
    return facts_from_document(parse_document(text, source, is_json=is_json), kb)


def facts_from_document(document: Document, kb: KnowledgeBase, *, source: str | None = None,
                        lenient: bool = False) -> FactSet:
    """Validate parsed data; ``source`` names the plan when it is not the document's path.
    With ``lenient``, answers to questions the knowledge base does not have are set aside
    in ``ignored`` instead of being errors (``expert compare`` reads one file with two
    versions of the knowledge base)."""
    error = _Problems()
    data = document.data
    source = source or document.path
    if data is None:
        raise FactsError(Msg("facts.empty"), document.where(), Msg("hint.facts_start"),
                         code="empty")
    if not isinstance(data, dict):
        raise FactsError(Msg("facts.not_mapping", actual=describe(data)), document.where(),
                         Msg("hint.facts_start"), code="type")
    for key in data:
        if key not in _TOP_KEYS:
            close = difflib.get_close_matches(key, _TOP_KEYS, n=1)
            error(Msg("facts.unknown_part", key=key[:80]), document.where_key(key),
                  Msg("hint.did_you_mean", name=close[0]) if close else
                  Msg("hint.allowed", names=list(_TOP_KEYS)), "unknown-field")
    meta = _meta(data.get("meta"), document, error)
    answers, unknown, ignored = _answers(data, document, kb, error, lenient)
    notes = _notes(data.get("notes"), document, kb, error, lenient)
    interview = data.get("interview")
    if interview is not None and not isinstance(interview, dict):
        error(Msg("facts.interview_not_mapping"), document.where("interview"), None, "type")
        interview = None
    error.raise_any(document.where())
    return FactSet(source, answers, meta, frozenset(unknown), notes, interview,
                   tuple(ignored))


def _answers(data: dict, document: Document, kb: KnowledgeBase, error: _Problems,
             lenient: bool) -> tuple[dict[str, Any], set[str], list[str]]:
    answers: dict[str, Any] = {}
    unknown: set[str] = set()
    ignored: list[str] = []
    raw_answers = data.get("answers")
    if "answers" not in data:
        error(Msg("facts.no_answers"), document.where(), Msg("hint.facts_start"),
              "missing-field")
        return answers, unknown, ignored
    if raw_answers is not None and not isinstance(raw_answers, dict):
        error(Msg("facts.answers_not_mapping", actual=describe(raw_answers)),
              document.where("answers"), Msg("hint.answer_lines"), "type")
        return answers, unknown, ignored
    ids = [q.id for q in kb.questions]
    for qid, raw in (raw_answers or {}).items():
        if not kb.has_question(qid):
            if lenient:
                ignored.append(qid)
                continue
            close = difflib.get_close_matches(qid, ids, n=1)
            error(Msg("facts.unknown_question", id=qid[:80]),
                  document.where_key("answers", qid),
                  Msg("hint.did_you_mean", name=close[0]) if close else
                  Msg("hint.question_ids", kb=kb.name), "unknown-question")
            continue
        question = kb.question(qid)
        try:
            value = coerce(question, raw)
        except AnswerError as problem:
            error(Msg("facts.bad_answer", id=qid, problem=problem.message),
                  document.where("answers", qid), problem.hint, "bad-answer")
            continue
        if value is None:
            unknown.add(qid)
        else:
            answers[qid] = value
    return answers, unknown, ignored


def _meta(raw: Any, document: Document, error: _Problems) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        error(Msg("facts.meta_not_mapping", actual=describe(raw)), document.where("meta"),
              Msg("hint.meta_lines"), "type")
        return {}
    meta: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, (dict, list)):
            error(Msg("facts.meta_single", key=key[:80]), document.where("meta", key), None,
                  "type")
            continue
        text = "" if value is None else str(value)
        limit = MAX_TEXT if key == "note" else MAX_META
        if len(text) > limit:
            error(Msg("facts.meta_too_long", key=key[:80], length=len(text), limit=limit),
                  document.where("meta", key), Msg("hint.shorten"), "too-long")
            continue
        meta[key] = text
    return meta


def _notes(raw: Any, document: Document, kb: KnowledgeBase, error: _Problems,
           lenient: bool) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        error(Msg("facts.notes_not_mapping", actual=describe(raw)), document.where("notes"),
              Msg("hint.note_lines"), "type")
        return {}
    notes: dict[str, str] = {}
    for key, value in raw.items():
        if not kb.has_question(key):
            if not lenient:
                error(Msg("facts.note_unknown_question", id=key[:80]),
                      document.where_key("notes", key), None, "unknown-question")
        elif not isinstance(value, str) or len(value) > MAX_TEXT:
            error(Msg("facts.note_too_long", id=key, limit=MAX_TEXT),
                  document.where("notes", key), Msg("hint.shorten"), "type")
        else:
            notes[key] = value
    return notes


def to_yaml_value(question: Question, value: Any) -> Any:
    """The value as written back to a fact file."""
    if isinstance(value, frozenset):
        return [c.id for c in question.choices if c.id in value]
    return value
