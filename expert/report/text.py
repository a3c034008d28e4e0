"""Plain-text output of ``expert evaluate``: risks by family and severity, the measures,
then the open points with the questions that would settle them."""

from __future__ import annotations

import textwrap

from ..i18n import t
from ..infer import Result
from ..model import LEVELS
from .data import cite, family_of

WIDTH = 88


def render_text(result: Result, lang: str) -> str:
    kb = result.kb
    facts = result.facts
    lines: list[str] = []
    lines.append(f"== {facts.label()} ==")
    for key in ("client", "plan", "date", "consultant"):
        if facts.meta.get(key):
            lines.append(f"{t('eval.' + key, lang)}: {facts.meta[key]}")
    lines.append(f"{t('eval.kb', lang)}: {kb.name.get(lang)} v{kb.version} ({kb.content_hash})"
                 f" — {t('eval.source', lang)}: {facts.source}")
    lines.append("")

    risks = result.established("risk")
    lines.append(t("kinds.risk", lang).upper())
    if not risks:
        lines.append("  " + t("eval.no_risks", lang))
    for family in kb.families:
        in_family = [r for r in risks if family_of(kb, r.sections) == family.id]
        if not in_family:
            continue
        lines.append(f"  {family.title.get(lang)}")
        for level in LEVELS:
            for risk in (r for r in in_family if r.severity == level):
                lines.append(f"    [{t('level.' + level, lang).upper()}] {risk.title.get(lang)}")
                lines.append(f"        ({cite(kb, risk.sections, lang)})")
                lines.extend(_wrap(risk.explanation.get(lang), 8))
    lines.append("")

    measures = result.established("measure")
    lines.append(t("kinds.measure", lang).upper())
    if not measures:
        lines.append("  " + t("eval.no_measures", lang))
    for number, measure in enumerate(measures, start=1):
        level = t("level." + (measure.priority or "low"), lang)
        lines.append(f"  {number}. {measure.title.get(lang)} "
                     f"[{t('eval.priority', lang)} {level}]")
        lines.append(f"        ({cite(kb, measure.sections, lang)})")
        lines.extend(_wrap(measure.explanation.get(lang), 8))
    lines.append("")

    open_risks = result.open_of("risk")
    lines.append(t("eval.open", lang).upper())
    if not open_risks:
        lines.append("  " + t("eval.no_open", lang))
    for point in open_risks:
        conclusion = kb.conclusion(point.conclusion_id)
        lines.append(f"  - {conclusion.title.get(lang)} ({', '.join(conclusion.sections)})")
        for qid in point.questions:
            lines.append(f"      {t('eval.ask', lang)}: {kb.question(qid).text.get(lang)} [{qid}]")
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: int) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * indent)
