"""Batch evaluation and client-ready reports, through the real CLI on real files (with the
test knowledge base, tests/data/kb)."""

from __future__ import annotations

import csv
import html
import io
import json
import shutil

import html5lib
import pytest

from helpers import TEST_KB, TEST_PLANS, run_expert

KB = ("--kb", str(TEST_KB))
PLANS = sorted(TEST_PLANS.glob("*.yaml"))


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "clients"
    folder.mkdir()
    for path in PLANS:
        shutil.copy(path, folder / path.name)
    (folder / "zz-broken.yaml").write_text("answers:\n  plan_deep: maybe\n", "utf-8")
    (folder / "aa-not-yaml.yaml").write_text("answers: [unclosed\n", "utf-8")
    (folder / "notes.txt").write_text("not a fact file", "utf-8")  # ignored: not .yaml
    return folder


def parse_html(text: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)  # raises on any parse error


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_a_folder_with_broken_files_costs_only_those_files(mixed_folder):
    done = run_expert("evaluate", "--format", "jsonl", *KB, str(mixed_folder))
    assert done.returncode == 2
    records = jsonl(done.stdout)
    good = [r for r in records if "error" not in r]
    bad = [r for r in records if "error" in r]
    assert len(good) == len(PLANS) and len(bad) == 2
    assert [r["error"]["line"] for r in bad] == [2, 2]
    assert f"{mixed_folder / 'zz-broken.yaml'}:2:14: error:" in done.stderr
    assert f"{mixed_folder / 'aa-not-yaml.yaml'}:2:1: error: YAML no válido" in done.stderr
    assert [r["source"] for r in records] == sorted(r["source"] for r in records)  # in order


def make_many(folder, count: int, broken_every: int = 0) -> list[str]:
    """``count`` plans (every ``broken_every``-th broken); returns the expected sources."""
    folder.mkdir()
    names = []
    for index in range(count):
        path = folder / f"plan-{index:04}.yaml"
        if broken_every and index % broken_every == broken_every - 1:
            path.write_text("answers:\n  plan_deep: perhaps\n", "utf-8")
        else:
            shutil.copy(PLANS[index % len(PLANS)], path)
        names.append(str(path))
    return names


def test_workers_keep_input_order_and_every_error_record(tmp_path):
    # 700 plans: several units of work per worker, so order across workers is exercised.
    names = make_many(tmp_path / "many", 700, broken_every=37)
    one = run_expert("evaluate", "--format", "jsonl", "--jobs", "1", *KB, str(tmp_path / "many"))
    two = run_expert("evaluate", "--format", "jsonl", "--jobs", "2", *KB, str(tmp_path / "many"))
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout
    records = jsonl(two.stdout)
    assert [r["source"] for r in records] == names  # none dropped, none reordered
    assert sum(1 for r in records if "error" in r) == 700 // 37


def test_json_lines_round_trip_through_stdin_and_stdout():
    first = run_expert("evaluate", "--format", "jsonl", *KB, str(TEST_PLANS))
    again = run_expert("evaluate", "--format", "jsonl", *KB, "-", input=first.stdout)
    assert again.returncode == 0, again.stderr
    before, after = jsonl(first.stdout), jsonl(again.stdout)
    assert [r["source"] for r in after] == [f"<stdin>:{i}" for i in range(1, len(before) + 1)]
    for old, new in zip(before, after, strict=True):
        assert (old["conclusions"], old["open"], old["meta"]) == (
            new["conclusions"], new["open"], new["meta"])


def test_bad_stdin_lines_are_records_of_their_own_and_the_rest_goes_on():
    lines = [b'{"answers": {"plan_deep": true}}', b'{"answers": {"plan_deep": }',
             b'{"answers": {"nope": 1}}', b'{"answers": {"remark": "\\ud800"}}',
             b'[' * 100_000 + b']' * 100_000, b'{"answers": {"staff": ' + b"1" * 4400 + b"}}",
             b'{"answers": {"remark": "caf\xe9"}}', b'{"answers": {"plan_chains": false}}']
    done = run_expert("evaluate", "--format", "jsonl", *KB, "-", input_bytes=b"\n".join(lines))
    assert done.returncode == 2
    records = jsonl(done.stdout)
    assert [r["source"] for r in records] == [f"<stdin>:{i}" for i in range(1, 9)]
    assert ["error" in r for r in records] == [False, True, True, True, True, True, True, False]
    assert "<stdin>:2:27: error: JSON no válido" in done.stderr
    assert "<stdin>:3:14: error: pregunta desconocida «nope»" in done.stderr
    assert "<stdin>:7:" in done.stderr and "no es texto UTF-8 (byte 0xe9)" in done.stderr
    assert "\xe9" not in done.stdout and "\\ud800" not in done.stdout  # never echoed


def test_html_reports_portfolio_and_csv_summary_in_one_command(mixed_folder, tmp_path):
    out = tmp_path / "reports"
    done = run_expert("evaluate", *KB, str(mixed_folder), "--format", "html", "--out", str(out),
                      "--summary", "csv")
    assert done.returncode == 2  # two broken files: reported, the rest go on
    assert len(list(out.glob("*.html"))) == len(PLANS) + 1  # the plans and the portfolio
    portfolio = (out / "portfolio.html").read_text(encoding="utf-8")
    parse_html(portfolio)
    assert portfolio.count('<tr><td class="plan">') == len(PLANS) + 1  # plans + totals row
    # Each column names its section by code and title, not by the code alone.
    headers = [" ".join("".join(th.itertext()).split())
               for th in parse_html(portfolio).iter("th") if th.get("class") == "section"]
    assert headers == ["SYS.A Evaluación", "SYS.B Sistemas funcionales", "RES.A Recursos clave"]
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["origen", "cliente", "plan", "fecha"]
    assert len([r for r in rows[1:] if r and r[0].endswith(".yaml")]) == len(PLANS)
    assert ["riesgo", "planes"] in rows and ["sección", "planes"] in rows
    # Each risk and section by its title in the output language, never by its id alone.
    assert ["El personal previsto no cubre las visitas", "1"] in rows
    assert ["SYS.A Evaluación", "1"] in rows
    assert not any(cell in ("understaffed", "SYS.A") for row in rows for cell in row)


@pytest.mark.parametrize("lang, heading", [("es", "Riesgos"), ("en", "Risks")])
def test_html_report_is_valid_and_holds_every_risk_and_passage(tmp_path, lang, heading):
    out = tmp_path / lang
    done = run_expert("evaluate", *KB, str(TEST_PLANS / "capilar.yaml"), "--format", "html",
                      "--out", str(out), "--lang", lang)
    assert done.returncode == 0, done.stderr
    (report,) = out.glob("*.html")
    raw = report.read_text(encoding="utf-8")
    parse_html(raw)
    text = html.unescape(raw)
    assert f"<h2>{heading} (4)</h2>" in text
    assert f'<html lang="{lang}">' in raw
    for quote in ("A. Evaluación", "por ejemplo, la tasa", "C. Recursos", "tarifas de entrada"):
        assert f"«{quote}…»" in text
    assert "<script" not in raw and "http://" not in raw.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")  # self-contained: nothing fetched


def test_a_quote_that_ends_a_sentence_is_not_followed_by_a_second_mark(tmp_path):
    # «C. Recursos.» then the ellipsis would read «C. Recursos.…».
    kb = tmp_path / "kb"
    shutil.copytree(TEST_KB, kb)
    sources = kb / "sources.yaml"
    sources.write_text(sources.read_text("utf-8").replace('quote: "C. Recursos"',
                                                          'quote: "C. Recursos."'), "utf-8")
    outputs = [run_expert("evaluate", "--kb", str(kb), str(TEST_PLANS / "capilar.yaml"),
                          "--format", fmt).stdout for fmt in ("text", "markdown", "html")]
    outputs.append(run_expert("explain", "--kb", str(kb), str(TEST_PLANS / "capilar.yaml"),
                              "--conclusion", "understaffed").stdout)
    for out in outputs:
        assert "«C. Recursos…»" in out, out
        assert ".…" not in out


def test_client_text_is_escaped_in_html_markdown_and_on_the_terminal(tmp_path):
    plan = tmp_path / "hostile.yaml"
    plan.write_text(
        'meta:\n  client: "<script>alert(1)</script>"\n  plan: "# [x](javascript:alert(1))"\n'
        '  note: "line one\\nline two | pipe"\n'
        'answers:\n  systems: [channel]\n  remark: "<b>x</b>\\u001b]8;;http://evil\\u0007link"\n'
        'notes:\n  remark: "<img src=x onerror=alert(2)> | pipe\\nsecond line"\n', "utf-8")
    out = tmp_path / "out"
    run_expert("evaluate", *KB, str(plan), "--format", "html", "--out", str(out))
    (report,) = out.glob("*.html")
    text = report.read_text(encoding="utf-8")
    parse_html(text)
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img" not in text and "&lt;img src=x onerror=alert(2)&gt;" in text
    done = run_expert("evaluate", *KB, str(plan), "--format", "markdown")
    assert "<script>" not in done.stdout and "\\<script\\>" in done.stdout
    assert "\\| pipe second line |" in done.stdout  # one table row, never split
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in done.stdout
    terminal = run_expert("evaluate", *KB, str(plan))
    assert "\x1b" not in terminal.stdout and "\x07" not in terminal.stdout
    assert "\\x1b]8;;http://evil\\x07link" in terminal.stdout


def test_report_names_are_unique_readable_and_never_the_runs_own(tmp_path):
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    plans = {"a/p.yaml": "Ромашка — План", "b/p.yaml": "Ромашка — План",
             "c.yaml": "北京 — 计划", "d.yaml": "portfolio", "e.yaml": "../../etc/passwd"}
    for name, client in plans.items():
        (folder / name).write_text(f'meta: {{client: "{client}"}}\nanswers: {{}}\n', "utf-8")
    out = tmp_path / "out"
    (out).mkdir()
    (out / "passwd.md").symlink_to(tmp_path / "target")  # a planted link is not written
    done = run_expert("evaluate", *KB, str(folder), "--format", "markdown", "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir() if not p.is_symlink())
    assert names == ["etc-passwd.md", "portfolio-plan.md", "portfolio.html",
                     "ромашка-план-2.md", "ромашка-план.md", "北京-计划.md"]
    assert not (tmp_path / "target").exists()


def test_csv_cells_are_quoted_and_formulas_defused(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for index, client in enumerate(["\r=cmd|' /C calc'!A0", "\t=1+1", " @SUM(A1)", "-2+3"]):
        (folder / f"p{index}.yaml").write_text(
            f"meta: {{client: {json.dumps(client)}}}\nanswers: {{}}\n", "utf-8")
    done = run_expert("evaluate", *KB, str(folder), "--format", "jsonl", "--summary", "csv")
    table = done.stdout[done.stdout.index('"origen"'):]
    rows = list(csv.reader(io.StringIO(table)))
    clients = [row[1] for row in rows[1:5]]
    assert all(c.startswith("'") for c in clients), clients
    assert all(line.startswith('"') for line in table.strip().split("\r\n") if line)


def test_markdown_summary_to_stdout():
    done = run_expert("evaluate", *KB, str(TEST_PLANS), "--format", "jsonl", "--summary",
                      "markdown")
    assert done.returncode == 0
    assert "| origen | cliente | plan | fecha |" in done.stdout
    assert "| El personal previsto no cubre las visitas | 1 |" in done.stdout
    assert "| Nadie empuja la tasa de distribución | 1 |" in done.stdout
    assert "| RES.A Recursos clave | 1 |" in done.stdout
    assert "| understaffed |" not in done.stdout and "| RES.A |" not in done.stdout
    table = done.stdout[done.stdout.index("| origen |"):]  # JSON Lines keep ISO dates
    assert "| 20 de noviembre de 2026 |" in table and "2026-11-20" not in table


def kb_with_crm(tmp_path):
    """The test knowledge base plus a question «¿Hay CRM?» and a risk «Sin CRM» that its
    «no» raises."""
    new = tmp_path / "new"
    shutil.copytree(TEST_KB, new)
    family = new / "sistema.yaml"
    text = family.read_text("utf-8")
    text = text.replace("conclusions:\n", """  - id: crm
    type: boolean
    sections: [SYS.B]
    text: {es: "¿Hay CRM?", en: "Is there a CRM?"}
    help: {es: Ayuda, en: Help}
conclusions:
  - id: no_crm
    kind: risk
    severity: low
    provenance: practice
    sections: [SYS.B]
    title: {es: Sin CRM, en: No CRM}
    explanation: {es: x, en: x}
""", 1).replace("consistency:\n", """  - id: r_crm
    sections: [SYS.B]
    when: not crm
    then: [risk.no_crm]
consistency:
""", 1)
    family.write_text(text, "utf-8")
    return new


def test_compare_shows_what_a_new_guarantee_adds_and_reads_new_questions(tmp_path):
    new = kb_with_crm(tmp_path)
    plan = tmp_path / "uses-new-question.yaml"
    plan.write_text("answers:\n  crm: false\n  basis: objectives\n", "utf-8")
    done = run_expert("compare", "--kb", str(TEST_KB), "--kb", str(new), str(plan),
                      str(TEST_PLANS / "bien-llevado.yaml"), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    first, second = report["plans"]
    assert first["appeared"] == ["no_crm"] and first["unknown_to_old"] == ["crm"]
    assert second["appeared"] == [] and second["opened"] == ["no_crm"]
    text = run_expert("compare", "--kb", str(TEST_KB), "--kb", str(new), str(plan)).stdout
    # Titles and question texts, never ids ([risk.no_crm], crm): those are in the JSON.
    assert "+ aparece riesgo: Sin CRM\n" in text
    assert "risk.no_crm" not in text and "no_crm" not in text
    assert "la versión antigua no tiene estas preguntas (cuentan como sin respuesta): " \
        "«¿Hay CRM?»" in text
    assert "1 de 1 plan cambia" in text


def test_compare_shows_what_a_removed_guarantee_takes_away_and_closes(tmp_path):
    # The same two versions the other way round: the newer one drops the CRM guarantee.
    old = kb_with_crm(tmp_path)
    plan = tmp_path / "answered-crm.yaml"
    plan.write_text("answers:\n  crm: false\n  basis: objectives\n", "utf-8")
    plans = (str(plan), str(TEST_PLANS / "bien-llevado.yaml"))
    done = run_expert("compare", "--kb", str(old), "--kb", str(TEST_KB), *plans,
                      "--format", "json")
    assert done.returncode == 0, done.stderr
    first, second = json.loads(done.stdout)["plans"]
    assert first["disappeared"] == ["no_crm"] and first["appeared"] == []
    assert first["unknown_to_new"] == ["crm"] and first["unknown_to_old"] == []
    assert second["closed"] == ["no_crm"] and second["opened"] == []
    assert second["disappeared"] == [] and second["appeared"] == []
    done = run_expert("compare", "--kb", str(old), "--kb", str(TEST_KB), *plans)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        str(plan),
        "  - desaparece riesgo: Sin CRM",
        "  la versión nueva no tiene estas preguntas (cuentan como sin respuesta): "
        "«¿Hay CRM?»",
        str(TEST_PLANS / "bien-llevado.yaml"),
        "  ? deja de estar abierto riesgo: Sin CRM",
        done.stdout.splitlines()[-1],
    ], done.stdout
    assert done.stdout.splitlines()[-1].startswith("2 de 2 planes cambian (v")
