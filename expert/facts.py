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
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import MAX_TEXT, AnswerError, coerce
from .document import Document
from .errors import Diagnostic, FactsError, Location
from .fields import describe
from .i18n import Msg
from .model import KnowledgeBase, Question
from .text import fold_id
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

    def full(self) -> bool:
        """True (and the fault counted) once the list is full: the caller then skips
        building a message, since suggestions and positions for 150,000 faults would cost
        minutes for lines nobody reads."""
        if len(self.diagnostics) < MAX_DIAGNOSTICS:
            return False
        self.dropped += 1
        return True

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
        if key not in _TOP_KEYS and not error.full():
            close = _close(key, _TOP_KEYS)
            error(Msg("facts.unknown_part", key=key[:80]), document.where_key(key),
                  Msg("hint.did_you_mean", name=close) if close else
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
            if error.full():
                continue
            close = _close(qid, ids)
            error(Msg("facts.unknown_question", id=qid[:80]),
                  document.where_key("answers", qid),
                  Msg("hint.did_you_mean", name=close) if close else
                  Msg("hint.question_ids", kb=kb.name), "unknown-question")
            continue
        question = kb.question(qid)
        if question.type == "text":
            raw = as_written(document, ("answers", qid), raw)
        elif isinstance(raw, float):
            raw = thousands_as_written(document, ("answers", qid), raw)
        try:
            value = coerce(question, raw)
        except AnswerError as problem:
            if error.full():
                continue
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
        meant = _meant_meta(key)
        if meant is not None and meant not in raw:
            # Other keys are the consultant's own (``industry:``), but a slip on one of ours
            # would silently leave the report without a client's name or a date.
            error(Msg("facts.meta_misspelt", key=key[:80], name=meant),
                  document.where_key("meta", key), Msg("hint.did_you_mean", name=meant),
                  "unknown-field")
            continue
        if isinstance(value, (dict, list)):
            error(Msg("facts.meta_single", key=key[:80]), document.where("meta", key), None,
                  "type")
            continue
        text = "" if value is None else as_written(document, ("meta", key), value)
        if not isinstance(text, str):
            text = str(text)
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
            if not lenient and not error.full():
                error(Msg("facts.note_unknown_question", id=key[:80]),
                      document.where_key("notes", key), None, "unknown-question")
        elif not isinstance(value, str) or len(value) > MAX_TEXT:
            error(Msg("facts.note_too_long", id=key, limit=MAX_TEXT),
                  document.where("notes", key), Msg("hint.shorten"), "type")
        else:
            notes[key] = value
    return notes


_META_WORDS = {"cliente": "client", "fecha": "date", "consultor": "consultant",
               "consultora": "consultant", "nota": "note"}


def _meant_meta(key: str) -> str | None:
    """The meta field a key that is not one was surely meant to be, or None."""
    if key in META_KEYS:
        return None
    folded = fold_id(key)
    if folded in _META_WORDS:
        return _META_WORDS[folded]
    close = difflib.get_close_matches(folded, META_KEYS, n=1, cutoff=0.85)
    return close[0] if close else None


def _close(name: str, known: Sequence[str]) -> str | None:
    """The id meant, compared as a reader sees it: case, accents, widths and invisible
    characters aside (``PLAN_DEEP``, ``plan\u200b_deep``)."""
    folded = {fold_id(k): k for k in known}
    exact = folded.get(fold_id(name))
    if exact is not None:
        return exact
    close = difflib.get_close_matches(fold_id(name), list(folded), n=1)
    return folded[close[0]] if close else None


def as_written(document: Document, path: tuple[object, ...], value: Any) -> Any:
    """A scalar that is text by meaning (a client's name, a text answer) as it was written
    (``007``, ``1.10``, ``true``), not as YAML or JSON typed it."""
    if isinstance(value, (str, dict, list)) or value is None:
        return value
    info = document.scalar(*path)
    return info.text if info is not None and info.text is not None else value


_THOUSANDS = re.compile(r"[-+]?\d{1,3}\.\d{3}\Z")


def thousands_as_written(document: Document, path: tuple[object, ...], value: float) -> Any:
    """``1.500`` unquoted is the number 1.5 to YAML and JSON, but a Spanish writer means
    1500: returned as the text it was, it is refused as ambiguous, like ``"1.500"``."""
    info = document.scalar(*path)
    if info is not None and info.style is None and info.text is not None and \
            _THOUSANDS.match(info.text):
        return info.text
    return value


def to_yaml_value(question: Question, value: Any) -> Any:
    """The value as written back to a fact file."""
    if isinstance(value, frozenset):
        return [c.id for c in question.choices if c.id in value]
    return value
