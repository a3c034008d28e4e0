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
from ..conditions import conclusions_of, negated_conclusions_of, questions_of
from ..i18n import t
from ..model import LEVELS, Question, Rule
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
    # The conclusions it can decide, each with how its rules reach it, in words (on
    # request): what each rule reads, the document's section, the severity it gives.
    details: list[tuple[str, list[str]]]


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
        head = t("iv.why.detail", lang, kind=t("kind." + conclusion.kind, lang),
                 title=wording.title(result, conclusion, lang))
        details.append((head, [rule_words(interview, rule) for rule in kb.rules_deriving(cid)]))
    return Why(sentence, passages[:3], details)


def rule_words(interview: Interview, rule: Rule) -> str:
    """A rule as a consultant reads it, never by its id: the questions and conclusions it
    reads, the document's section it applies, and the severity it gives, with its basis."""
    lang, kb, result = interview.lang, interview.kb, interview.result
    asked = questions_of(rule.when)
    reads = [t("iv.why.read", lang, text=v.text.get(lang))
             for v in (*kb.questions, *kb.derived) if v.id in asked]
    absent = negated_conclusions_of(rule.when)
    refs = conclusions_of(rule.when)
    for conclusion in (c for c in kb.conclusions if c.id in refs):
        reads.append(t("iv.why.read_absent" if conclusion.id in absent else "iv.why.read",
                       lang, text=wording.title(result, conclusion, lang)))
    sections = [kb.section(s).title.get(lang) for s in rule.sections if kb.has_section(s)]
    text = t("iv.why.rule", lang, reads=reads or "—", sections=sections)
    if rule.severity and rule.basis is not None:
        text += t("iv.why.rule_severity", lang, level=t("level." + rule.severity, lang),
                  basis=wording.fill(rule.basis.get(lang), kb, result.values, lang))
    return text


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
