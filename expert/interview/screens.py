"""The terminal's text for the status, the review of answers and the end summary: the
data of ``views`` as lines wrapped to the terminal interview's width."""

from __future__ import annotations

import textwrap

from ..i18n import t
from ..model import Question
from . import views
from .flow import Interview

WIDTH = 78


def wrap(text: str, indent: int = 0) -> list[str]:
    """Lines of at most ``WIDTH`` columns, never breaking a word."""
    return textwrap.wrap(text, WIDTH, initial_indent=" " * indent,
                         subsequent_indent=" " * indent, break_long_words=False,
                         break_on_hyphens=False) or [""]


def status_lines(interview: Interview, current: Question | None = None) -> list[str]:
    lang = interview.lang
    found = views.status(interview, current)
    lines = [t("iv.status.answered", lang, count=found.answered, pending=found.pending,
               open=found.open_risks)]
    total = sum(found.risks.values())
    if total == 0:
        lines.append("  " + t("iv.status.none", lang))
    for level, count in found.risks.items():
        if count:
            lines.append("  " + t("iv.status.risks", lang, count=count,
                                   level=t("level." + level, lang)))
    return lines


def review_lines(interview: Interview) -> list[str]:
    lang = interview.lang
    lines = [t("iv.review.header", lang)]
    lines += [f"  {label}: {value}" for label, value in views.meta_lines(interview)]
    family = None
    for item in views.review(interview):
        if item.family != family:
            family = item.family
            lines.append(f"  {family}")
        lines += wrap(f"{item.number}. {item.text} → {item.answer}", 4)
        if item.note:
            lines += wrap(t("iv.review.note", lang, note=item.note), 8)
    if interview.state.meta.get("note"):
        lines += wrap(t("iv.review.meeting_note", lang, note=interview.state.meta["note"]), 2)
    lines.append(t("iv.review.hint", lang))
    return lines


def summary_lines(interview: Interview) -> list[str]:
    lang = interview.lang
    found = views.summary(interview)
    lines = [t("iv.end", lang, answered=found.counts.answered), ""]
    for message in found.warnings:
        lines += wrap("! " + message)
    total = sum(len(titles) for _, titles in found.risks)
    lines.append(t("iv.summary.risks", lang, count=total))
    for level, titles in found.risks:
        lines.append("  " + t("iv.summary.level", lang, level=level, count=len(titles)))
        lines += [line for title in titles for line in wrap("- " + title, 4)]
    if found.measures:
        lines.append(t("kinds.measure", lang) + ":")
        lines += [line for title, priority in found.measures
                  for line in wrap(f"- {title} ({t('eval.priority_level', lang, level=priority)})",
                                   2)]
    if found.open_points:
        lines.append(t("iv.summary.open", lang, count=len(found.open_points),
                       pending=found.counts.pending))
        for title, questions in found.open_points:
            lines += wrap("- " + title, 2)
            lines += [line for q in questions
                      for line in wrap(t("eval.ask", lang) + ": " + q, 6)]
    return lines
