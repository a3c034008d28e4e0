"""Plain-text output of ``expert evaluate``: warnings about contradictory answers, risks by
family and severity (with the basis of the severity, the answers that led to each, and
whether the document states it), the measures, then the open points with the questions
that would settle them."""

from __future__ import annotations

import textwrap

from .. import wording
from ..i18n import t
from ..infer import Result
from ..model import LEVELS
from ..text import printable
from .data import cite, family_of, warning_messages

WIDTH = 88


def render_text(result: Result, lang: str) -> str:
    kb = result.kb
    facts = result.facts
    lines: list[str] = [f"== {printable(facts.label())} =="]
    for key in ("client", "plan", "date", "consultant"):
        if facts.meta.get(key):
            shown = wording.show_meta(key, facts.meta[key], lang)
            lines.append(f"{t('eval.' + key, lang)}: {printable(shown)}")
    lines.append(f"{t('eval.kb', lang)}: {kb.name.get(lang)} v{kb.version} ({kb.content_hash})"
                 f" — {t('eval.source', lang)}: {printable(facts.source)}")
    lines.append("")
    warnings = warning_messages(result, lang)
    if warnings:
        lines.append(t("eval.warnings", lang).upper())
        lines += [line for message in warnings for line in _wrap("! " + message, 2)]
        lines.append("")

    risks = result.established("risk")
    lines.append(t("kinds.risk", lang).upper())
    still_open = len(result.open_of("risk"))
    if not risks:  # «no risk» must not read as «all is well» while risks are still open
        lines += _wrap(t("eval.no_risks_yet", lang, count=still_open) if still_open
                       else t("eval.no_risks", lang), 2)
    for family in kb.families:
        in_family = [r for r in risks if family_of(kb, r.sections) == family.id]
        if not in_family:
            continue
        lines.append(f"  {family.title.get(lang)}")
        for level in LEVELS:
            for risk in (r for r in in_family if result.severity(r.id) == level):
                label = t("eval.severity_level", lang, level=t("level." + level, lang))
                lines.append(f"    [{label.upper()}] "
                             f"{wording.title(result, risk, lang, printable)}")
                basis = wording.severity_basis(result, risk.id, lang, printable)
                if basis:
                    lines += _wrap(t("eval.basis", lang, text=basis), 8)
                lines += _wrap(wording.explanation(result, risk, lang, printable), 8)
                for reason in wording.because(result, risk.id, lang):
                    lines += _wrap("· " + printable(reason), 8)
                lines += _wrap(_source(result, risk, lang), 8)
    lines.append("")

    measures = result.established("measure")
    lines.append(t("kinds.measure", lang).upper())
    if not measures:
        lines += _wrap(t("eval.no_measures_yet" if still_open else "eval.no_measures", lang), 2)
    for index, measure in enumerate(measures, start=1):
        level = t("level." + (measure.priority or "low"), lang)
        lines.append(f"  {index}. {wording.title(result, measure, lang, printable)} "
                     f"[{t('eval.priority_level', lang, level=level)}]")
        lines += _wrap(wording.explanation(result, measure, lang, printable), 8)
        lines += _wrap(_source(result, measure, lang), 8)
    lines.append("")

    open_risks = result.open_of("risk")
    lines.append(t("eval.open", lang).upper())
    if not open_risks:
        lines.append("  " + t("eval.no_open", lang))
    for point in open_risks:
        conclusion = kb.conclusion(point.conclusion_id)
        lines.append(f"  - {wording.title(result, conclusion, lang, printable)}")
        for qid in point.questions:
            lines.append(f"      {t('eval.ask', lang)}: {kb.question(qid).text.get(lang)}")
    note = facts.meta.get("note")
    if note:
        lines += ["", t("eval.meeting_note", lang).upper(),
                  *(row for part in printable(note, multiline=True).splitlines()
                    for row in _wrap(part, 2))]
    return "\n".join(lines) + "\n"


def _source(result: Result, conclusion, lang: str) -> str:  # type: ignore[no-untyped-def]
    origin = wording.provenance(conclusion, result.kb, lang)
    where = cite(result.kb, conclusion.sections, lang)
    if origin["kind"] == "document":
        quotes = "; ".join(f"«{p['quote']}…»" for p in origin["passages"])
        return t("eval.document_says", lang, sections=where, quotes=quotes)
    return t("eval.practice", lang, sections=where)


def _wrap(text: str, indent: int) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=" " * indent,
                         subsequent_indent=" " * indent, break_long_words=False,
                         break_on_hyphens=False)
