"""The portfolio summary in Markdown and CSV, whole: header, one row per plan, then risks
and sections by how many plans show them (most first, ties by id)."""

from __future__ import annotations

import csv
import io

import pytest

from expert.facts import load_facts
from expert.infer import Expert
from expert.loader import load_knowledge_base
from expert.report.summary import summary_csv, summary_markdown, summary_row

from helpers import TEST_KB, TEST_PLANS

HEADER = ("| source | client | plan | date | high risks | medium risks | low risks | measures "
          "| open points | top risks | sections |")


TITLES = {"fees_unfunded": "Entering chains without budget"}  # as summary_row gives it


def plain(source, risks, sections, **meta):
    return {"source": source, "client": meta.get("client", ""), "plan": "P", "date": "",
            "risks_high": len(risks), "risks_medium": 0, "risks_low": 0, "measures": 0,
            "open": 1, "top_risks": "", "risk_ids": risks,
            "risk_titles": {r: TITLES.get(r, r) for r in risks}, "sections": sections}


@pytest.fixture(scope="module")
def capilar():
    expert = Expert(load_knowledge_base(TEST_KB))
    return summary_row(expert.evaluate(load_facts(TEST_PLANS / "capilar.yaml", expert.kb)), "en")


def test_the_markdown_summary_whole(capilar):
    capilar = {**capilar, "source": "capilar.yaml"}
    rows = [capilar, plain("b.yaml", ["zeta", "fees_unfunded"], ["SYS.A Evaluation", "SYS.B"]),
            plain("c.yaml", ["zeta"], ["SYS.B"], client="x | y")]
    assert summary_markdown(rows, "en").split("\n") == [
        HEADER,
        "|---|---|---|---|---|---|---|---|---|---|---|",
        "| capilar.yaml | Bebidas del Norte S.A. | Plan comercial 2027 | November 20, 2026 "
        "| 2 | 2 | 0 | 2 | 0 | Staff are not steered toward the plan; "
        "The planned staff cannot cover the visits \\(40 people of 250 people\\); "
        "Nobody pushes the distribution rate "
        "| RES.A Key resources; SYS.A Evaluation |",
        "| b.yaml |  | P |  | 2 | 0 | 0 | 0 | 1 |  | SYS.A Evaluation; SYS.B |",
        "| c.yaml | x \\| y | P |  | 1 | 0 | 0 | 0 | 1 |  | SYS.B |",
        "",
        "| risk | plans |",
        "|---|---|",
        "| Entering chains without budget | 2 |",
        "| zeta | 2 |",
        "| Nobody pushes the distribution rate | 1 |",
        "| Staff are not steered toward the plan | 1 |",
        "| The planned staff cannot cover the visits | 1 |",
        "",
        "| section | plans |",
        "|---|---|",
        "| SYS.A Evaluation | 2 |",
        "| SYS.B | 2 |",
        "| RES.A Key resources | 1 |",
        "",
    ]


def test_the_csv_summary_whole(capilar):
    rows = [plain("b.yaml", ["zeta", "alpha"], ["SYS.B"]), plain("c.yaml", ["zeta"], ["SYS.A"])]
    table = list(csv.reader(io.StringIO(summary_csv(rows, "es"))))
    assert table[1:] == [
        ["b.yaml", "", "P", "", "2", "0", "0", "0", "1", "", "SYS.B"],
        ["c.yaml", "", "P", "", "1", "0", "0", "0", "1", "", "SYS.A"],
        [], [table[4][0], table[4][1]], ["zeta", "2"], ["alpha", "1"],
        [], [table[8][0], table[8][1]], ["SYS.A", "1"], ["SYS.B", "1"],
    ]
    assert table[4] == ["riesgo", "planes"] and table[8] == ["sección", "planes"]
    assert len(table[0]) == 11


def test_a_row_counts_each_level_and_names_at_most_three_risks(capilar):
    assert {k: capilar[k] for k in ("risks_high", "risks_medium", "risks_low", "measures",
                                    "open", "sections", "client", "plan", "date")} == {
        "risks_high": 2, "risks_medium": 2, "risks_low": 0, "measures": 2, "open": 0,
        "sections": ["RES.A Key resources", "SYS.A Evaluation"], "client": "Bebidas del Norte S.A.",
        "plan": "Plan comercial 2027", "date": "2026-11-20"}
    assert capilar["top_risks"].count("; ") == 2
    assert sorted(capilar["risk_ids"]) == ["fees_unfunded", "rate_neglected",
                                          "staff_not_steered", "understaffed"]
