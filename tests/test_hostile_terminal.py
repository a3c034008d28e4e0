"""What is shown, attacked: terminal escapes in every command and output format, terminals
that cannot show UTF-8, file names that are not UTF-8, spreadsheets that run formulas,
and a pipeline that must see each result while its input is still open.

``run_bounded`` fails any run that puts a raw control character, a bidirectional override
or invalid UTF-8 on stdout or stderr; these tests give every command something to leak."""

from __future__ import annotations

import csv
import io
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from helpers import TEST_KB, TEST_PLANS, expert_command
from hostile import run_bounded

KB = ("--kb", str(TEST_KB))
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202eRTL\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"


@pytest.fixture
def hostile_plan(tmp_path) -> Path:
    data = {"meta": {"client": "C" + ESCAPES, "plan": "P" + ESCAPES, "consultant": "K" + ESCAPES,
                     "date": "D" + ESCAPES, "note": "N" + ESCAPES},
            "answers": {"remark": "R" + ESCAPES, "systems": ["sales"], "basis": "sales_only",
                        "plan_deep": True, "kpi": False},
            "notes": {"remark": "n" + ESCAPES}}
    path = tmp_path / "p\x1b[2J\u202e.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def hostile_kb(tmp_path) -> Path:
    kb = tmp_path / "kb\x1b[2J"
    shutil.copytree(TEST_KB, kb)
    family = kb / "sistema.yaml"
    text = family.read_text(encoding="utf-8")
    text = text.replace("title: {es: La evaluación no recoge el plan,",
                        'title: {es: "La evaluación \\e]0;PWN\\a\\x9b \\u202e{remark}",')
    family.write_text(text, encoding="utf-8")
    (kb / "zz\x1b]0;T\x07.yaml").write_text("family: SYS\nquestions: []\n", encoding="utf-8")
    (kb / "tests").mkdir()
    (kb / "tests" / "c\x1b[2J.yaml").write_text(
        "answers: {basis: sales_only, remark: \"\\e[2J\"}\nexpect: {established: []}\n", "utf-8")
    return kb


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "yaml", "markdown"])
def test_evaluate_shows_nothing_that_drives_the_terminal(hostile_plan, fmt):
    run = run_bounded("evaluate", *KB, "--format", fmt, str(hostile_plan))
    assert run.returncode == 0, run.stderr
    if fmt in ("json", "yaml"):  # the data itself is intact: only its writing is escaped
        data = json.loads(run.stdout) if fmt == "json" else yaml.safe_load(run.stdout)
        assert data[0]["meta"]["client"] == "C" + ESCAPES
        assert data[0]["source"] == str(hostile_plan)


@pytest.mark.parametrize("command", [
    ["explain"], ["explain", "--detail"], ["whatif", "--set", "remark=x"],
    ["whatif", "--clear", "risk.staff_not_steered"], ["whatif", "--set", "basis=objectives"],
])
def test_authoring_commands_show_nothing_that_drives_the_terminal(hostile_plan, hostile_kb,
                                                                   command):
    for kb in (TEST_KB, hostile_kb):
        run = run_bounded(*command, "--kb", str(kb), str(hostile_plan))
        assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("command", [
    ["check"], ["check", "--format", "json"], ["test"], ["coverage"],
    ["coverage", "--format", "json"],
])
def test_checking_commands_show_nothing_that_drives_the_terminal(hostile_kb, command):
    run = run_bounded(*command, "--kb", str(hostile_kb))
    assert run.returncode in (0, 1), run.stderr
    if command == ["check"]:
        assert "carácter de control (\\x1b)" in run.stdout  # the author is told, visibly


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_compare_shows_nothing_that_drives_the_terminal(hostile_plan, hostile_kb, fmt):
    run = run_bounded("compare", "--kb", str(TEST_KB), "--kb", str(hostile_kb), "--format",
                      fmt, str(hostile_plan))
    assert run.returncode == 0, run.stderr


def test_the_interview_line_by_line_shows_nothing_that_drives_the_terminal(hostile_plan,
                                                                            tmp_path):
    # Piped, the interview writes its own lines (the full-screen application's widgets
    # escape control characters themselves): client details, answers and notes in review.
    session = tmp_path / "s.yaml"
    session.write_text(yaml.safe_dump(json.loads(hostile_plan.read_text("utf-8")),
                                      allow_unicode=True), encoding="utf-8")
    run = run_bounded("interview", *KB, "--resume", str(session),
                      stdin=b"revisar\nestado\nsalir\n")
    assert run.returncode == 0, run.stderr
    assert "C\\x1b]0;PWNED" in run.stdout  # shown, visibly


def test_error_messages_show_hostile_names_and_keys_escaped(tmp_path):
    bad = tmp_path / "x\x1b]0;T\x07.yaml"
    bad.write_text('answers:\n  "k\\e[2J": 1\n  "\\u202eplan": 2\nnotes:\n  "q\\x9b": x\n',
                   encoding="utf-8")
    for args in (["evaluate", *KB, str(bad)], ["explain", *KB, str(bad)],
                 ["evaluate", *KB, str(tmp_path / "\x1b[2Jmissing.yaml")],
                 ["\x1b[2J"],
                 ["whatif", *KB, "--set", "\x1b[2J=1", str(TEST_PLANS / "capilar.yaml")]):
        run = run_bounded(*args)
        assert run.returncode == 2 and "\\x1b" in run.stderr, run.stderr


def test_a_file_name_that_is_not_utf8_never_reaches_the_output_as_raw_bytes(tmp_path):
    name = os.fsdecode(b"\xff\xfe-plan.yaml")
    (tmp_path / name).write_text("answers: {plan_deep: true}\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("answers: {plan_deep: maybe}\n", encoding="utf-8")
    for fmt in ("jsonl", "json", "yaml", "text"):
        run = run_bounded("evaluate", *KB, "--format", fmt, str(tmp_path))
        assert run.returncode == 2, run.stderr
    run = run_bounded("evaluate", *KB, "--format", "jsonl", str(tmp_path))
    sources = [json.loads(line)["source"] for line in run.stdout.splitlines()]
    assert os.fsencode(str(tmp_path / name)) in map(os.fsencode, sources)  # found again


def same_results(text: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "source"} for r in json.loads(text)]


@pytest.mark.parametrize("env", [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
])
def test_a_terminal_that_cannot_show_utf8(tmp_path, env):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"meta": {"client": "Compañía 中文 😀 \u202e"},
                                "answers": {"plan_deep": True, "remark": "ñ"}}), "utf-8")
    expected = same_results(run_bounded("evaluate", *KB, "--format", "json", str(plan)).stdout)
    for fmt in ("json", "jsonl", "yaml", "text", "markdown"):
        done = subprocess.run([*expert_command(), "evaluate", *KB, "--format", fmt, str(plan)],
                              capture_output=True, env={**os.environ, **env}, timeout=60)
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr and b"interno" not in done.stderr
        text = done.stdout.decode("latin-1" if "latin" in str(env) else "ascii")
        if fmt == "json":
            assert same_results(text) == expected  # still correct data
        elif fmt == "jsonl":
            assert same_results("[" + text + "]") == expected
        elif fmt == "yaml":
            assert yaml.safe_load(text)[0]["meta"] == expected[0]["meta"]


def test_standard_input_under_an_ascii_locale():
    records = (b'{"meta": {"client": "Compa\xc3\xb1\xc3\xada \xe4\xb8\xad"}, "answers": {}}\n'
               b'{"meta": {"client": "\xff"}, "answers": {}}\n{"answers": {"x": 1}}\n')
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0",
           "PYTHONUTF8": "0"}
    done = subprocess.run([*expert_command(), "evaluate", *KB, "--format", "jsonl", "-"],
                          input=records, capture_output=True, env=env, timeout=60)
    assert done.returncode == 2 and b"Traceback" not in done.stderr, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("ascii").splitlines()]
    assert lines[0]["meta"]["client"] == "Compañía 中"
    assert [line.get("error", {}).get("line") for line in lines] == [None, 2, 3]


def test_csv_summary_defuses_every_formula_lead_and_cannot_gain_rows(tmp_path):
    leads = ["\r=cmd|' /C calc'!A0", "\t=1+1", "＝1+1", "﹦1", "-2+3", "+2", "@SUM(A1)",
             "   =1", "\u00a0=1", "\u3000=1", "\u200b=1", "\n=1", "=HYPERLINK(\"http://x\")"]
    kb = tmp_path / "kb"
    shutil.copytree(TEST_KB, kb)
    family = kb / "sistema.yaml"  # a risk whose title starts with the client's own text
    family.write_text(family.read_text("utf-8").replace(
        "title: {es: El personal no se orienta al plan,", 'title: {es: "{remark}",'), "utf-8")
    folder = tmp_path / "plans"
    folder.mkdir()
    for index, lead in enumerate(leads):
        (folder / f"p{index:02}.json").write_text(json.dumps({
            "meta": {"client": lead, "plan": lead, "date": lead},
            "answers": {"remark": lead, "basis": "sales_only"}}), encoding="utf-8")
    out = tmp_path / "out"
    run = run_bounded("evaluate", "--kb", str(kb), "--summary", "csv", "--out", str(out),
                      str(folder))
    assert run.returncode == 0, run.stderr
    text = (out / "summary.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    plans = rows[1:1 + len(leads)]
    assert len(plans) == len(leads) and all(len(r) == len(rows[0]) for r in plans)
    assert rows[1 + len(leads)] == []  # then the risk table: no row was injected
    for row in plans:
        for cell in [*row[1:4], row[9]]:
            assert cell.lstrip(" \u00a0\u3000\u200b")[:1] not in "=+-@\t\r\n＝﹦", row


def test_markdown_summary_and_tables_stay_tables(tmp_path):
    plan = tmp_path / "p.json"
    plan.write_text(json.dumps({"meta": {"client": "a | b\n| c", "plan": "# h"},
                                "answers": {"basis": "sales_only"}}), "utf-8")
    run = run_bounded("evaluate", *KB, "--summary", "markdown", "--format", "json", str(plan))
    header, _, row = [line for line in run.stdout.splitlines() if line.startswith("|")][:3]
    assert row.count(" | ") == header.count(" | "), (header, row)


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_the_first_result_comes_out_while_the_input_is_still_open(fmt):
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONUNBUFFERED", None)  # as on a user's machine: output to a pipe is buffered
    pipeline = subprocess.Popen([*expert_command(), "evaluate", *KB, "--format", fmt, "-"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
    try:
        pipeline.stdin.write(b'{"meta": {"client": "A"}, "answers": {"plan_deep": true}}\n')
        pipeline.stdin.flush()
        deadline = time.monotonic() + 30
        ready = select.select([pipeline.stdout], [], [], deadline - time.monotonic())[0]
        assert ready, "no result while the input is open"
        first = pipeline.stdout.readline().decode("utf-8")
        assert ("<stdin>:1" in first) if fmt == "jsonl" else first.startswith("== A")
    finally:
        pipeline.communicate(timeout=30)
    assert pipeline.returncode == 0
