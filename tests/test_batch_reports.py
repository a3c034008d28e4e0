"""Batch evaluation and client-ready reports, through the real CLI on real files."""

from __future__ import annotations

import csv
import html
import io
import json
import shutil

import html5lib
import pytest

from helpers import EXAMPLES, KB_DIR, run_expert


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "clients"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.yaml"))[:4]:
        shutil.copy(path, folder / path.name)
    (folder / "zz-broken.yaml").write_text("answers:\n  plan_branches: maybe\n", "utf-8")
    (folder / "aa-not-yaml.yaml").write_text("answers: [unclosed\n", "utf-8")
    (folder / "notes.txt").write_text("not a fact file", "utf-8")  # ignored: not .yaml
    return folder


def parse_html(text: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)  # raises on any parse error


def test_a_folder_with_broken_files_costs_only_those_files(mixed_folder):
    done = run_expert("evaluate", "--format", "jsonl", str(mixed_folder))
    assert done.returncode == 2
    records = [json.loads(line) for line in done.stdout.splitlines()]
    good = [r for r in records if "error" not in r]
    bad = [r for r in records if "error" in r]
    assert len(good) == 4 and len(bad) == 2
    assert [r["error"]["line"] for r in bad] == [2, 2]
    assert f"{mixed_folder / 'zz-broken.yaml'}:2:18: error:" in done.stderr
    assert f"{mixed_folder / 'aa-not-yaml.yaml'}:2:1: error: invalid YAML" in done.stderr
    assert [r["source"] for r in records] == sorted(r["source"] for r in records)  # in order


def test_jobs_2_gives_the_same_results_as_jobs_1(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.yaml"))
    for index in range(80):  # above the threshold where workers start
        shutil.copy(examples[index % len(examples)], folder / f"plan-{index:03}.yaml")
    one = run_expert("evaluate", "--format", "jsonl", "--jobs", "1", str(folder))
    two = run_expert("evaluate", "--format", "jsonl", "--jobs", "2", str(folder))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 80


def test_json_lines_round_trip_through_stdin_and_stdout():
    first = run_expert("evaluate", "--format", "jsonl", str(EXAMPLES))
    again = run_expert("evaluate", "--format", "jsonl", "-", input=first.stdout)
    assert again.returncode == 0, again.stderr
    before = [json.loads(line) for line in first.stdout.splitlines()]
    after = [json.loads(line) for line in again.stdout.splitlines()]
    assert [r["source"] for r in after] == [f"<stdin>:{i}" for i in range(1, len(before) + 1)]
    for old, new in zip(before, after, strict=True):
        assert (old["conclusions"], old["open"], old["meta"]) == (
            new["conclusions"], new["open"], new["meta"])


def test_a_bad_stdin_line_is_reported_with_its_line_number():
    lines = ['{"answers": {"plan_branches": true}}', '{"answers": {"plan_branches": }',
             '{"answers": {"nope": 1}}']
    done = run_expert("evaluate", "--format", "jsonl", "-", input="\n".join(lines) + "\n")
    assert done.returncode == 2
    assert "<stdin>:2:31: error: invalid JSON" in done.stderr
    assert "<stdin>:3: error: unknown question 'nope'" in done.stderr
    assert len([r for r in map(json.loads, done.stdout.splitlines()) if "error" not in r]) == 1


def test_html_reports_portfolio_and_csv_summary_in_one_command(mixed_folder, tmp_path):
    out = tmp_path / "reports"
    done = run_expert("evaluate", str(mixed_folder), "--format", "html", "--out", str(out),
                      "--summary", "csv")
    assert done.returncode == 2  # two broken files: reported, the rest go on
    reports = sorted(out.glob("*.html"))
    assert len(reports) == 5  # four plans and the portfolio
    portfolio = (out / "portfolio.html").read_text(encoding="utf-8")
    parse_html(portfolio)
    assert portfolio.count('<tr><td class="plan">') == 4 + 1  # plans + the totals row
    assert "RES.KEY_PROJECTS" in portfolio
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["source", "client", "plan", "date"]
    assert len([r for r in rows[1:] if r and r[0].endswith(".yaml")]) == 4
    assert ["risk", "plans"] in rows and ["section", "plans"] in rows


@pytest.mark.parametrize("lang, heading", [("es", "Riesgos"), ("en", "Risks")])
def test_html_report_is_valid_and_holds_every_risk_and_citation(expert, kb, tmp_path, lang,
                                                                 heading):
    from expert.facts import load_facts

    source = EXAMPLES / "maquinaria-sin-garantias.yaml"
    out = tmp_path / lang
    done = run_expert("evaluate", str(source), "--format", "html", "--out", str(out),
                      "--lang", lang)
    assert done.returncode == 0, done.stderr
    (report,) = out.glob("*.html")
    raw = report.read_text(encoding="utf-8")
    parse_html(raw)
    text = html.unescape(raw)
    assert f"<h2>{heading} (10)</h2>" in text
    result = expert.evaluate(load_facts(source, kb))
    for risk in result.established("risk"):
        assert risk.title.get(lang) in text
        for section in risk.sections:
            assert f"{section} {kb.section(section).title.get(lang)}" in text
            assert kb.section(section).starts_with in text
    for measure in result.established("measure"):
        assert measure.title.get(lang) in text
    assert f"v{kb.version} ({kb.content_hash})" in text
    assert "<script" not in raw and "http://" not in raw.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")  # self-contained: nothing fetched


def test_client_text_is_escaped_in_html_and_markdown(tmp_path):
    plan = tmp_path / "hostile.yaml"
    plan.write_text(
        'meta:\n  client: "<script>alert(1)</script>"\n  plan: "# [x](javascript:alert(1))"\n'
        "answers:\n  plan_branches: true\n"
        'notes:\n  plan_branches: "<img src=x onerror=alert(2)> | pipe"\n', "utf-8")
    out = tmp_path / "out"
    run_expert("evaluate", str(plan), "--format", "html", "--out", str(out))
    (report,) = out.glob("*.html")
    text = report.read_text(encoding="utf-8")
    parse_html(text)
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img" not in text and "&lt;img src=x onerror=alert(2)&gt;" in text
    done = run_expert("evaluate", str(plan), "--format", "markdown")
    assert "<script>" not in done.stdout and "\\<script\\>" in done.stdout
    assert "\\| pipe" in done.stdout  # cannot break the answers table
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in done.stdout


def test_report_file_names_cannot_leave_the_output_folder(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text('meta:\n  client: "../../../etc/passwd"\n  plan: "/tmp/evil"\n'
                    "answers: {}\n", "utf-8")
    out = tmp_path / "out"
    done = run_expert("evaluate", str(plan), "--format", "markdown", "--out", str(out))
    assert done.returncode == 0, done.stderr
    written = list(out.iterdir())
    assert len(written) == 1 and written[0].parent == out
    assert written[0].name == "etc-passwd-tmp-evil--p.md"


def test_markdown_summary_to_stdout():
    done = run_expert("evaluate", str(EXAMPLES), "--format", "jsonl", "--summary", "markdown")
    assert done.returncode == 0
    assert "| source | label | client |" not in done.stdout  # label is internal
    assert "| source | client | plan | date |" in done.stdout


def test_compare_lists_what_a_rule_change_does_to_each_plan(tmp_path):
    new = tmp_path / "new"
    shutil.copytree(KB_DIR, new)
    rules = new / "recursos.yaml"
    rules.write_text(rules.read_text("utf-8").replace(
        "when: plan_deep_distribution and staff_per_province <= 3",
        "when: plan_deep_distribution and staff_per_province <= 5"), "utf-8")
    plan = tmp_path / "four.yaml"
    plan.write_text("answers:\n  plan_deep_distribution: true\n  staff_per_province: 4\n",
                    "utf-8")
    done = run_expert("compare", "--kb", str(KB_DIR), "--kb", str(new), str(plan),
                      str(EXAMPLES / "plan-bien-preparado.yaml"), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["old"]["hash"] != report["new"]["hash"]
    first, second = report["plans"]
    assert "deep_distribution_infeasible" in first["appeared"]
    assert "staff_deep_distribution" in first["appeared"]
    assert second["appeared"] == second["disappeared"] == []
    text = run_expert("compare", "--kb", str(KB_DIR), "--kb", str(new), str(plan)).stdout
    assert "+ risk.deep_distribution_infeasible" in text
    assert "1 of 1 plans change" in text
