"""Client-ready reports (Markdown and HTML) from Jinja2 templates.

Both formats share one view of the result (``report_view``). HTML is autoescaped: client
answers, notes and meta are untrusted text. Markdown is not HTML, so its own escaping
(``md``) neutralises the characters that would change the document's structure.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .. import __version__, wording
from ..i18n import t
from ..infer import Result
from ..model import LEVELS
from ..text import printable
from ..wording import Escape, show_value
from .data import family_of, section_status, warning_messages

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>])")


def report_view(result: Result, lang: str, escape: Escape = str) -> dict[str, Any]:
    """What a report shows, in ``lang``; ``escape`` is applied to the plan's values that
    conclusions quote (HTML autoescapes everything anyway; Markdown needs it)."""
    kb, facts = result.kb, result.facts
    risks = result.established("risk")
    statuses = section_status(result)
    families = []
    for family in kb.families:
        sections = [{"id": s.id, "title": s.title.get(lang), "status": statuses[s.id]}
                    for s in family.sections]
        counts = {state: sum(1 for x in sections if x["status"] == state)
                  for state in ("in_place", "missing", "open")}
        families.append({"id": family.id, "title": family.title.get(lang),
                         "sections": sections, "counts": counts})

    def conclusion_view(conclusion) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        return {
            "id": conclusion.id,
            "title": wording.title(result, conclusion, lang, escape),
            "explanation": wording.explanation(result, conclusion, lang, escape),
            "severity": result.severity(conclusion.id) if conclusion.kind == "risk" else None,
            "basis": wording.severity_basis(result, conclusion.id, lang, escape)
            if conclusion.kind == "risk" else "",
            "because": wording.because(result, conclusion.id, lang),
            "priority": conclusion.priority,
            "provenance": wording.provenance(conclusion, kb, lang),
            "family": kb.family_title(family_of(kb, conclusion.sections)).get(lang),
            "citations": [{"id": s, "title": kb.section(s).title.get(lang)}
                          for s in conclusion.sections if kb.has_section(s)],
        }

    answers = []
    for question in kb.questions:
        if question.id in facts.answers or question.id in facts.unknown:
            answers.append({
                "family": kb.family_title(question.family).get(lang),
                "text": question.text.get(lang),
                "value": show_value(question, facts.answers.get(question.id), lang),
                "note": facts.notes.get(question.id),
            })
    open_points = []
    for point in result.open_of("risk"):
        conclusion = kb.conclusion(point.conclusion_id)
        open_points.append({
            "title": wording.title(result, conclusion, lang, escape),
            "family": kb.family_title(family_of(kb, conclusion.sections)).get(lang),
            "questions": [kb.question(q).text.get(lang) for q in point.questions],
        })
    return {
        "lang": lang,
        "label": facts.label(),
        "meta": {k: wording.show_meta(k, facts.meta[k], lang) if facts.meta.get(k) else
                 facts.meta.get(k) for k in ("client", "plan", "date", "consultant")},
        "meeting_note": facts.meta.get("note"),
        "kb": {"name": kb.name.get(lang), "version": kb.version, "hash": kb.content_hash},
        "document_title": kb.document_title.get(lang),
        "families": families,
        "warnings": warning_messages(result, lang),
        "risks_by_level": [
            {"level": level,
             "risks": [conclusion_view(r) for r in risks if result.severity(r.id) == level]}
            for level in LEVELS
        ],
        "risk_count": len(risks),
        "measures": [conclusion_view(m) for m in result.established("measure")],
        "open_points": open_points,
        "answers": answers,
        "source": facts.source,
        "version": __version__,
    }


@functools.lru_cache(maxsize=2)
def _environment(autoescape: bool):  # type: ignore[no-untyped-def]
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("expert.report", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Control characters from client text would break HTML and drive terminals.
        finalize=lambda value: printable(value, multiline=True) if isinstance(value, str)
        else value,
    )
    env.filters["md"] = markdown_escape
    env.globals["t"] = t
    return env


def markdown_escape(value: object) -> str:
    """Client text inside Markdown: no headings, links, tables or raw HTML from it, and on
    one line (a newline would split a table row)."""
    text = printable(" ".join(str(value).split()))
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_document(result: Result, fmt: str, lang: str) -> str:
    if fmt == "html":
        view = report_view(result, lang)
        return _environment(True).get_template("report.html.j2").render(**view)
    view = report_view(result, lang, markdown_escape)
    return _environment(False).get_template("report.md.j2").render(**view)


def render_portfolio(rows: list[dict[str, Any]], kb: Any, lang: str) -> str:
    """A heat map of plans against the document's sections."""
    sections = [{"id": s.id, "title": s.title.get(lang),
                 "missing": sum(1 for r in rows if r["section_status"][s.id] == "missing")}
                for f in kb.families for s in f.sections]
    view_rows = [{"label": r["label"], "section_status": r["section_status"],
                  "risks": r["risks_high"] + r["risks_medium"] + r["risks_low"]} for r in rows]
    return _environment(True).get_template("portfolio.html.j2").render(
        lang=lang, rows=view_rows, sections=sections,
        kb={"name": kb.name.get(lang), "version": kb.version, "hash": kb.content_hash})
