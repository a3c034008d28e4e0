"""Reports rendered in-process from a small knowledge base whose file order is not the
order of severity: risks by level, section statuses, and client text that must not change
a document's structure (HTML, the portfolio, Markdown tables, CSV formulas)."""

from __future__ import annotations

import csv
import io

import pytest

from expert.facts import FactSet
from expert.infer import Expert, Result
from expert.loader import load_knowledge_base
from expert.report.data import result_data, section_status
from expert.report.documents import markdown_escape, render_document, render_portfolio
from expert.report.summary import summary_csv, summary_markdown, summary_row
from expert.report.text import render_text

from helpers import family, question, rule, write_kb


def risk(cid: str, severity: str, section: str) -> str:
    return f"""
  - id: {cid}
    kind: risk
    severity: {severity}
    sections: [{section}]
    provenance: document
    points: [{section}/main]
    title: {{es: "Título {cid}", en: "Title {cid}"}}
    explanation: {{es: "E {cid}", en: "E {cid}"}}
"""


# File order low, medium, high: a report that forgot to sort would show them so.
REPORTS = family(
    [question("a"), question("c")],
    [risk("low_risk", "low", "SYS.A"), risk("mid_risk", "medium", "SYS.A"),
     risk("high_risk", "high", "SYS.A"), risk("open_a", "high", "SYS.A"),
     risk("open_b", "medium", "SYS.B"), risk("never", "low", "RES.A")],
    [rule("r_low", "a", "risk.low_risk"), rule("r_mid", "a", "risk.mid_risk"),
     rule("r_high", "a", "risk.high_risk"), rule("r_open_a", "c", "risk.open_a"),
     rule("r_open_b", "c", "risk.open_b"), rule("r_never", "not a", "risk.never")],
)
LEVEL_ORDER = ["high_risk", "mid_risk", "low_risk"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Expert:
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("rep"), REPORTS)))


def evaluate(expert: Expert, client: str = "ACME", note: str | None = None) -> Result:
    notes = {"a": note} if note is not None else {}
    return expert.evaluate(FactSet("plan.yaml", {"a": True}, {"client": client}, notes=notes))


def test_risks_are_listed_by_severity_not_by_file_order(reports):
    result = evaluate(reports)
    assert [c.id for c in result.established("risk")] == LEVEL_ORDER
    assert [p.conclusion_id for p in result.open_of("risk")] == ["open_a", "open_b"]
    text = render_text(result, "es")
    assert [text.index(f"Título {cid}") for cid in LEVEL_ORDER] == sorted(
        text.index(f"Título {cid}") for cid in LEVEL_ORDER)
    row = summary_row(result, "es")
    assert row["top_risks"] == "; ".join(f"Título {cid}" for cid in LEVEL_ORDER)
    assert (row["risks_high"], row["risks_medium"], row["risks_low"], row["open"]) == (1, 1, 1, 2)
    markdown = render_document(result, "markdown", "es")
    assert [markdown.index(f"Título {cid}") for cid in LEVEL_ORDER] == sorted(
        markdown.index(f"Título {cid}") for cid in LEVEL_ORDER)
    # The data formats keep the knowledge base's order, each risk with its level.
    data = result_data(result, "es")
    assert [(c["id"], c["severity"]) for c in data["conclusions"]] == [
        ("low_risk", "low"), ("mid_risk", "medium"), ("high_risk", "high")]


def test_a_section_with_an_established_risk_is_missing_even_if_another_is_open(reports):
    # SYS.A has three established risks and one open one; SYS.B only an open one.
    statuses = section_status(evaluate(reports))
    assert statuses == {"SYS.A": "missing", "SYS.B": "open", "RES.A": "in_place"}
    everything = reports.evaluate(FactSet("p", {"a": False, "c": False}))
    assert section_status(everything) == {"SYS.A": "in_place", "SYS.B": "in_place",
                                          "RES.A": "missing"}


def test_the_portfolio_escapes_each_plans_label(reports):
    hostile = '<script>alert(1)</script> & "quotes"'
    rows = [summary_row(evaluate(reports, hostile), "es"),
            summary_row(reports.evaluate(FactSet("b.yaml", {"a": False})), "es")]
    page = render_portfolio(rows, reports.kb, "es")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert page.count('<td class="missing"') == 2  # SYS.A in the first, RES.A in the second
    assert page.count('<td class="open"') == 3  # c is unknown: SYS.B in both, SYS.A in one


def test_the_html_report_escapes_client_text(reports):
    page = render_document(evaluate(reports, "<b>bold</b>", note="<img src=x>"), "html", "es")
    assert "<b>bold" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<img" not in page and "&lt;img src=x&gt;" in page


def test_markdown_keeps_client_text_on_one_line_and_out_of_the_structure():
    assert markdown_escape("one\ntwo\r\nthree | four") == "one two three \\| four"
    assert markdown_escape("# [x](javascript:1) <b>") == \
        "\\# \\[x\\]\\(javascript:1\\) \\<b\\>"


def test_a_note_with_newlines_stays_in_its_table_row(reports):
    result = evaluate(reports, "# Client\nsecond", note="line one\nline two | pipe")
    markdown = render_document(result, "markdown", "es")
    assert markdown.startswith("# \\# Client second\n")
    rows = [line for line in markdown.splitlines() if line.startswith("| ¿a?")]
    assert rows == ["| ¿a? | sí | line one line two \\| pipe |"]
    assert "line two" not in markdown.replace(rows[0], "")


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1",
            "\u00a0@x", "＝1", "\u200b=1"]


def test_csv_defuses_every_cell_that_starts_like_a_formula(reports):
    rows = [summary_row(evaluate(reports, client), "es") for client in [*FORMULAS, "Acme"]]
    table = list(csv.reader(io.StringIO(summary_csv(rows, "es"))))
    clients = [row[1] for row in table[1:1 + len(rows)]]
    assert all(cell.startswith("'") for cell in clients[:-1]), clients
    assert clients[-1] == "Acme"
    assert table[0][:4] == ["origen", "cliente", "plan", "fecha"]
    risks = table[table.index(["riesgo", "planes"]) + 1:]
    # Readers see each risk's title, never its id (ids stay in the JSON output).
    assert risks[:3] == [["Título high_risk", str(len(rows))],
                         ["Título low_risk", str(len(rows))],
                         ["Título mid_risk", str(len(rows))]]


def test_markdown_summary_escapes_cells(reports):
    rows = [summary_row(evaluate(reports, "a | b\nc"), "es")]
    table = summary_markdown(rows, "es")
    assert "| a \\| b c |" in table
    assert "| Título high\\_risk | 1 |" in table and "| SYS.A Sección A | 1 |" in table
    assert "| high\\_risk |" not in table and "| SYS.A |" not in table
