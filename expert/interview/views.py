"""What the interview shows, as data both front ends render: the review of answers, the
status, why a question is asked, and the end summary. Everything is in words of the
interview's language: no ids.

The counts agree wherever they appear (toolbar, status, summary): *pending questions* are
the questions that can still change a conclusion; *open points* are the risks those
questions would decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import wording
from ..i18n import t
from ..model import LEVELS, Question
from .flow import META_FIELDS, Interview


@dataclass(frozen=True)
class ReviewItem:
    number: int
    family: str
    question: Question
    text: str
    answer: str
    note: str | None


@dataclass(frozen=True)
class Status:
    family: str
    answered: int
    pending: int
    open_risks: int
    risks: dict[str, int]  # level -> count


@dataclass(frozen=True)
class Why:
    sentence: str  # «Preguntamos esto porque…»
    passages: list[str]  # the document's passages
    details: list[str]  # the conclusions it can decide, with their rules (on request)


def review(interview: Interview) -> list[ReviewItem]:
    """Every answered question, numbered in knowledge-base order."""
    lang, kb, state = interview.lang, interview.kb, interview.state
    items: list[ReviewItem] = []
    for question in kb.questions:
        if question.id in state.answers:
            items.append(ReviewItem(
                len(items) + 1, kb.family_title(question.family).get(lang), question,
                question.text.get(lang),
                wording.show_value(question, state.answers[question.id], lang),
                state.notes.get(question.id)))
    return items


def meta_lines(interview: Interview) -> list[tuple[str, str]]:
    """(label, value) of the client details, in order."""
    lang = interview.lang
    return [(t(f"iv.meta.{name}", lang), interview.state.meta.get(name, "—"))
            for name in META_FIELDS]


def status(interview: Interview, current: Question | None = None) -> Status:
    lang, result = interview.lang, interview.result
    family = interview.kb.family_title(current.family).get(lang) if current else ""
    risks = {level: 0 for level in LEVELS}
    for risk in result.established("risk"):
        risks[result.severity(risk.id)] += 1
    return Status(family, interview.answered, len(interview.relevant()),
                  len(result.open_of("risk")), risks)


def why(interview: Interview, question: Question) -> Why:
    """Why a question is asked: one plain sentence, the document's passages, and the
    conclusions it can decide (the details come only on request)."""
    lang, kb, result = interview.lang, interview.kb, interview.result
    decides = [p.conclusion_id for p in result.open if question.id in p.questions]
    risks = [cid for cid in decides if kb.conclusion(cid).kind == "risk"]
    if not decides:
        return Why(t("iv.why.none", lang), [], [])
    shown = risks or decides
    titles = [wording.title(result, kb.conclusion(cid), lang) for cid in shown[:3]]
    sentence = t("iv.why.sentence", lang, count=len(shown), titles=titles)
    passages: list[str] = []
    for cid in shown:
        for passage in wording.provenance(kb.conclusion(cid), kb, lang)["passages"]:
            line = f"«{passage['quote']}…» ({passage['section']} {passage['title']})"
            if line not in passages:
                passages.append(line)
    details = []
    for cid in decides:
        conclusion = kb.conclusion(cid)
        rules = [r.id for r in kb.rules_deriving(cid)]
        details.append(t("iv.why.detail", lang, kind=t("kind." + conclusion.kind, lang),
                         title=wording.title(result, conclusion, lang), rules=rules))
    return Why(sentence, passages[:3], details)


@dataclass(frozen=True)
class Summary:
    risks: list[tuple[str, list[str]]]  # (level word, titles), highest first
    measures: list[tuple[str, str]]  # (title, priority word)
    open_points: list[tuple[str, list[str]]]  # (risk title, questions that decide it)
    counts: Status
    warnings: list[str]


def summary(interview: Interview) -> Summary:
    lang, kb, result = interview.lang, interview.kb, interview.result
    risks = []
    for level in LEVELS:
        titles = [wording.title(result, r, lang) for r in result.established("risk")
                  if result.severity(r.id) == level]
        if titles:
            risks.append((t("level." + level, lang), titles))
    measures = [(wording.title(result, m, lang), t("level." + (m.priority or "low"), lang))
                for m in result.established("measure")]
    open_points = [(wording.title(result, kb.conclusion(p.conclusion_id), lang),
                    [kb.question(q).text.get(lang) for q in p.questions])
                   for p in result.open_of("risk")]
    from ..report.data import contradiction_messages

    return Summary(risks, measures, open_points, status(interview),
                   contradiction_messages(result, lang))


def answer_hint(question: Question, lang: str) -> str:
    """What kind of answer the question takes, in words."""
    from ..i18n import number

    kind = "number" if question.type == "percent" else question.type
    hint = t(f"iv.hint.{kind}", lang)
    low, high = question.bounds
    if question.type in ("number", "percent") and (low is not None or high is not None):
        hint += " " + t("iv.hint.range", lang, low=_shown(low, number, lang),
                        high=_shown(high, number, lang))
        if question.unit is not None:
            hint += f" ({wording.unit_name(question.unit.get(lang))})"
        elif question.type == "percent":
            hint += " (%)"
    return hint


def _shown(value: float | None, number: Any, lang: str) -> str:
    if value is None:
        return "∞"
    return number(int(value) if float(value).is_integer() else value, lang)
