"""The portfolio summary: one row per plan, and how many plans show each risk."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..i18n import t
from ..infer import Result
from ..model import LEVELS
from ..text import printable
from .data import section_status

COLUMNS = ("source", "client", "plan", "date", "risks_high", "risks_medium", "risks_low",
           "measures", "open", "top_risks", "sections")


def summary_row(result: Result, lang: str) -> dict[str, Any]:
    from .. import wording

    kb = result.kb
    risks = result.established("risk")
    meta = result.facts.meta
    sections = sorted({s for r in risks for s in r.sections})
    return {
        "source": result.facts.source,
        "label": result.facts.label(),
        "client": meta.get("client", ""),
        "plan": meta.get("plan", ""),
        "date": meta.get("date", ""),  # ISO in CSV: a spreadsheet reads it as a date
        **{f"risks_{level}": sum(1 for r in risks if result.severity(r.id) == level)
           for level in LEVELS},
        "measures": len(result.established("measure")),
        "open": len(result.open_of("risk")),
        "top_risks": "; ".join(wording.title(result, r, lang) for r in risks[:3]),
        "risk_ids": [r.id for r in risks],
        # What a reader sees for each risk and section: the title in the output language
        # (a risk's title without this plan's values: the count covers every plan).
        "risk_titles": {r.id: wording.generic_title(r, kb, lang) for r in risks},
        "sections": [section_name(kb, s, lang) for s in sections],
        "section_ids": sections,
        "section_status": section_status(result),
        "kb": f"{result.kb.version} ({result.kb.content_hash})",
    }


def summary_csv(rows: Sequence[dict[str, Any]], lang: str = "es") -> str:
    """One row per plan, then how many plans show each risk and each section. Every field
    is quoted, and any cell a spreadsheet would take for a formula is defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([_cell(t(f"summary.{c}", lang)) for c in COLUMNS])
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    writer.writerow([])
    writer.writerow((_cell(t("summary.risk", lang)), _cell(t("summary.plans", lang))))
    for risk, count in risk_counts(rows):
        writer.writerow((_cell(risk), count))
    writer.writerow([])
    writer.writerow((_cell(t("summary.section", lang)), _cell(t("summary.plans", lang))))
    for section, count in section_counts(rows):
        writer.writerow((_cell(section), count))
    return buffer.getvalue()


def section_name(kb: Any, section: str, lang: str) -> str:
    """«SYS.FUNC Sistema de gestión funcional»: the code readers find in the document, and
    its title."""
    return f"{section} {kb.section(section).title.get(lang)}" if kb.has_section(section) \
        else section


def risk_counts(rows: Sequence[dict[str, Any]]) -> list[tuple[str, int]]:
    """How many plans show each risk, by the risk's title (ids stay in JSON output)."""
    counts = Counter(r for row in rows for r in row["risk_ids"])
    titles = {rid: title for row in rows for rid, title in row["risk_titles"].items()}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], titles[item[0]], item[0]))
    return [(titles[rid], count) for rid, count in ranked]


def section_counts(rows: Sequence[dict[str, Any]]) -> list[tuple[str, int]]:
    counts = Counter(s for row in rows for s in row["sections"])
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: Any) -> str:
    """A cell that starts like a formula is prefixed with an apostrophe: spreadsheets then
    show it as text instead of running it. What counts is the first character a
    spreadsheet may read past blanks and invisible marks, in any width or compatibility
    form (``＝``, ``﹦``). Control characters are shown as escapes (the CSV may be printed
    on a terminal)."""
    raw = "; ".join(value) if isinstance(value, list) else str(value)
    text = printable(raw, multiline=True)
    lead = raw.lstrip(" \u00a0\u3000\u2000\u2001\u2002\u2003\u2009\u200a\u202f\u205f")
    lead = "".join(c for c in lead[:8] if unicodedata.category(c) != "Cf")[:1]
    if lead and (lead in FORMULA_LEADS or unicodedata.normalize("NFKC", lead) in "=+-@"):
        return "'" + text
    return text


def summary_markdown(rows: Sequence[dict[str, Any]], lang: str) -> str:
    from ..wording import show_date
    from .documents import markdown_escape

    def cell(value: Any) -> str:
        return markdown_escape("; ".join(value) if isinstance(value, list) else str(value))

    def shown(row: dict[str, Any], column: str) -> str:
        if column == "date" and row["date"]:
            return cell(show_date(row["date"], lang))
        return cell(row[column])

    lines = ["| " + " | ".join(t(f"summary.{c}", lang) for c in COLUMNS) + " |",
             "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(shown(row, c) for c in COLUMNS) + " |" for row in rows]
    lines += ["", f"| {t('summary.risk', lang)} | {t('summary.plans', lang)} |", "|---|---|"]
    lines += [f"| {cell(risk)} | {count} |" for risk, count in risk_counts(rows)]
    lines += ["", f"| {t('summary.section', lang)} | {t('summary.plans', lang)} |",
              "|---|---|"]
    lines += [f"| {cell(section)} | {count} |" for section, count in section_counts(rows)]
    return "\n".join(lines) + "\n"
