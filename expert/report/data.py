"""Results as plain data (for JSON, YAML, JSON Lines) and the section statuses reports
share."""

from __future__ import annotations

import datetime
from typing import Any

from .. import wording
from ..answers import implausible
from ..facts import to_yaml_value
from ..i18n import t
from ..infer import Result
from ..model import KnowledgeBase, Question


def result_data(result: Result, lang: str) -> dict[str, Any]:
    kb = result.kb
    conclusions = []
    for cid, firings in result.trace.items():  # already in knowledge-base order
        conclusion = kb.conclusion(cid)
        item: dict[str, Any] = {"id": cid, "kind": conclusion.kind}
        if conclusion.kind == "risk":
            item["severity"] = result.severity(cid)
            basis = result.basis(cid)
            if basis:
                item["basis"] = [wording.fill(b.get(lang), kb, result.values, lang)
                                 for b in basis]
        if conclusion.priority:
            item["priority"] = conclusion.priority
        item["sections"] = list(conclusion.sections)
        item["provenance"] = conclusion.provenance
        item["points"] = list(conclusion.points)
        item["title"] = wording.title(result, conclusion, lang)
        item["rules"] = [firing.rule_id for firing in firings]
        conclusions.append(item)
    open_points = []
    for point in result.open:
        conclusion = kb.conclusion(point.conclusion_id)
        open_points.append({
            "id": conclusion.id,
            "kind": conclusion.kind,
            "sections": list(conclusion.sections),
            "questions": list(point.questions),
        })
    data: dict[str, Any] = {
        "source": result.facts.source,
        "meta": dict(result.facts.meta),
        "kb": kb_data(kb, lang),
        "conclusions": conclusions,
        "open": open_points,
        "answers": answers_data(kb, result.facts.answers, result.facts.unknown),
        "notes": dict(result.facts.notes),
    }
    if result.severity_open:
        data["severity_open"] = [{"id": p.conclusion_id, "questions": list(p.questions)}
                                 for p in result.severity_open]
    warnings = [{"id": cid, "message": _consistency(kb, cid).message.get(lang)}
                for cid in result.contradictions]
    warnings += [{"question": q.id, "message": message}
                 for q, message in _implausible(result, lang)]
    if warnings:
        data["warnings"] = warnings
    return data


def _consistency(kb: KnowledgeBase, cid: str):  # type: ignore[no-untyped-def]
    return next(c for c in kb.consistency if c.id == cid)


def contradiction_messages(result: Result, lang: str) -> list[str]:
    return [_consistency(result.kb, cid).message.get(lang) for cid in result.contradictions]


def warning_messages(result: Result, lang: str) -> list[str]:
    """What the consultant should look at twice before the report goes out: answers that
    contradict each other, and numbers far outside what the question usually gets (in a
    file, ``1.5`` where ``1500`` was meant is not an error, but it changes everything)."""
    return [*contradiction_messages(result, lang),
            *(message for _, message in _implausible(result, lang))]


def _implausible(result: Result, lang: str) -> list[tuple[Question, str]]:
    found = []
    for question in result.kb.questions:
        value = result.facts.answers.get(question.id)
        doubt = implausible(question, value) if value is not None else None
        if doubt is not None:
            found.append((question, t("eval.implausible", lang, question=question.text.get(lang),
                                      problem=doubt)))
    return found


def section_status(result: Result) -> dict[str, str]:
    """Each outline section's guarantee in this plan: 'missing' (a risk citing it is
    established), 'open' (one is open), or 'in_place' (none is, or none applies)."""
    kb = result.kb
    open_ids = {p.conclusion_id for p in result.open}
    status: dict[str, str] = {}
    for family in kb.families:
        for section in family.sections:
            cited = [c.id for c in kb.conclusions if c.kind == "risk" and section.id in c.sections]
            if any(c in result.trace for c in cited):
                status[section.id] = "missing"
            elif any(c in open_ids for c in cited):
                status[section.id] = "open"
            else:
                status[section.id] = "in_place"
    return status


def kb_data(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    return {"name": kb.name.get(lang), "version": kb.version, "hash": kb.content_hash}


def answers_data(kb: KnowledgeBase, answers: Any, unknown: Any = ()) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for question in kb.questions:
        if question.id in answers:
            data[question.id] = to_yaml_value(question, answers[question.id])
        elif question.id in unknown:
            data[question.id] = "unknown"
    return data


def json_default(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def family_of(kb: KnowledgeBase, sections: tuple[str, ...]) -> str:
    for section in sections:
        if kb.has_section(section):
            return kb.section_family(section)
    return "?"


def cite(kb: KnowledgeBase, sections: tuple[str, ...], lang: str) -> str:
    return "; ".join(
        f"{s} {kb.section(s).title.get(lang)}" if kb.has_section(s) else s for s in sections
    )


def unknown_label(lang: str) -> str:
    return t("unknown", lang)
