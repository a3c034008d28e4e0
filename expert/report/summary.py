"""The portfolio summary: one row per plan, and how many plans show each risk."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..infer import Result
from ..model import LEVELS
from .data import section_status

COLUMNS = ("source", "client", "plan", "date", "risks_high", "risks_medium", "risks_low",
           "measures", "open", "top_risks", "sections")


def summary_row(result: Result, lang: str) -> dict[str, Any]:
    risks = result.established("risk")
    meta = result.facts.meta
    sections = sorted({s for r in risks for s in r.sections})
    return {
        "source": result.facts.source,
        "label": result.facts.label(),
        "client": meta.get("client", ""),
        "plan": meta.get("plan", ""),
        "date": meta.get("date", ""),
        **{f"risks_{level}": sum(1 for r in risks if r.severity == level) for level in LEVELS},
        "measures": len(result.established("measure")),
        "open": len(result.open_of("risk")),
        "top_risks": "; ".join(r.title.get(lang) for r in risks[:3]),
        "risk_ids": [r.id for r in risks],
        "sections": sections,
        "section_status": section_status(result),
        "kb": f"{result.kb.version} ({result.kb.content_hash})",
    }


def summary_csv(rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    writer.writerow([])
    writer.writerow(("risk", "plans"))
    for risk, count in risk_counts(rows):
        writer.writerow((risk, count))
    writer.writerow([])
    writer.writerow(("section", "plans"))
    for section, count in section_counts(rows):
        writer.writerow((section, count))
    return buffer.getvalue()


def risk_counts(rows: Sequence[dict[str, Any]]) -> list[tuple[str, int]]:
    counts = Counter(r for row in rows for r in row["risk_ids"])
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def section_counts(rows: Sequence[dict[str, Any]]) -> list[tuple[str, int]]:
    counts = Counter(s for row in rows for s in row["sections"])
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _cell(value: Any) -> str:
    text = "; ".join(value) if isinstance(value, list) else str(value)
    # A cell that starts with = + - @ is a formula to spreadsheet programs: defuse it.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def summary_markdown(rows: Sequence[dict[str, Any]], lang: str) -> str:
    from ..i18n import t

    def cell(value: Any) -> str:
        text = "; ".join(value) if isinstance(value, list) else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(row[c]) for c in COLUMNS) + " |" for row in rows]
    lines += ["", f"| {t('kind.risk', lang)} | n |", "|---|---|"]
    lines += [f"| {risk} | {count} |" for risk, count in risk_counts(rows)]
    lines += ["", f"| {t('report.sections', lang)} | n |", "|---|---|"]
    lines += [f"| {section} | {count} |" for section, count in section_counts(rows)]
    return "\n".join(lines) + "\n"
