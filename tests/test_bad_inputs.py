"""The hostile-input corpus (tests/bad_inputs/cases.yaml), each case through the real CLI
with the test knowledge base: fact files (YAML and JSON), JSON Lines on standard input,
knowledge-base files, `whatif --set` values, `expert test` case files and session files
given to `interview --resume`. See the corpus file for what every case must keep."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from expert.text import printable

from helpers import TEST_KB, TEST_PLANS
from hostile import assert_one_clear_failure, expand, raw_bytes, run_bounded

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
KB = ("--kb", str(TEST_KB))
PLAN = str(TEST_PLANS / "capilar.yaml")


def cases(group: str) -> Any:
    return pytest.mark.parametrize("case", CASES[group], ids=[c["id"] for c in CASES[group]])


def make_input(case: dict, folder: Path) -> Path:
    """The case's input file in ``folder``, made as the case says."""
    name = case.get("name", case["id"] + ".yaml")
    if "name_bytes" in case:
        name = os.fsdecode(raw_bytes(case["name_bytes"]))
    path = folder / name
    if "file" in case:
        shutil.copy(CORPUS / "facts" / case["file"], path)
    elif "text" in case:
        path.write_bytes(expand(case["text"]).encode("utf-8"))
    elif "bytes" in case:
        path.write_bytes(raw_bytes(case["bytes"]))
    else:
        _make_special(case["make"], path, folder)
    return path


def _make_special(kind: str, path: Path, folder: Path) -> None:
    if kind == "dir":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))  # left bound: the socket file is what is read
    elif kind in ("devzero", "devnull"):
        path.symlink_to("/dev/zero" if kind == "devzero" else "/dev/null")
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere.yaml")
    elif kind != "missing":
        raise ValueError(kind)


def dotted(data: Any, path: str) -> Any:
    for step in path.split("."):
        data = data[step]
    return data


@cases("facts")
def test_fact_files(case, tmp_path):
    path = make_input(case, tmp_path)
    if "json" in case:
        run = run_bounded("evaluate", *KB, "--format", "json", str(path))
    else:
        run = run_bounded("evaluate", *KB, str(path))
    if case["rc"] != 0:
        where = printable(str(path)) if case.get("place", True) else "error:"
        assert_one_clear_failure(run, where, case.get("line"), case["message"],
                                 case.get("errors", 1))
        if "en" in case:
            english = run_bounded("evaluate", *KB, "--lang", "en", str(path))
            assert case["en"] in english.stderr, english.stderr
        return
    assert run.returncode == 0, run.stderr
    if "json" in case:
        (result,) = json.loads(run.stdout)
        for key, value in case["json"].items():
            assert dotted(result, key) == value, (key, dotted(result, key))
    for fragment in case.get("out", []):
        assert fragment in run.stdout, (fragment, run.stdout)


@cases("stdin")
def test_json_lines_on_standard_input(case):
    data = raw_bytes(case["stdin_bytes"]) if "stdin_bytes" in case else \
        expand(case["stdin"]).encode("utf-8")
    run = run_bounded("evaluate", *KB, "--format", "jsonl", "-", stdin=data)
    assert run.returncode == case["rc"], run.stderr
    if "records" not in case:
        assert case["message"] in run.stderr
        return
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == len(case["records"]), run.stdout[:2000]
    for record, expected in zip(records, case["records"], strict=True):
        if expected == "ok":
            assert "error" not in record, record
            continue
        line, fragment = expected.split(":", 1)
        assert record["source"] == f"<stdin>:{line}", record
        assert record["error"]["line"] == int(line), record
        assert fragment in record["error"]["message"], record
        assert f"<stdin>:{line}" in run.stderr


def kb_copy(case: dict, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the test knowledge base with the case's fault; and the faulty file."""
    kb = tmp_path / "kb"
    shutil.copytree(TEST_KB, kb)
    target = kb / case.get("file", "?")
    if "file" in case and "edit" not in case and "remove" not in case:
        target = kb / ("zz-" + case["file"])
        shutil.copy(CORPUS / "kb" / case["file"], target)
    if "edit" in case:
        name, old, new = case["edit"]
        text = (kb / name).read_text(encoding="utf-8")
        assert old in text, old
        (kb / name).write_text(text.replace(old, expand(new)), encoding="utf-8")
        target = kb / case.get("file", name)
    for name, text in case.get("add", {}).items():
        (kb / name).write_text(text, encoding="utf-8")
        target = kb / name
    for name in case.get("remove", []):
        (kb / name).unlink()
    return kb, target


@cases("kb")
def test_knowledge_base_faults(case, tmp_path):
    kb, faulty = kb_copy(case, tmp_path)
    where = f"{faulty}:{case['line']}:" if "line" in case else str(faulty)
    check = run_bounded("check", "--kb", str(kb))
    assert check.returncode == (0 if case.get("warning") else 1), check.stdout + check.stderr
    assert where in check.stdout and case["message"] in check.stdout, check.stdout
    if "en" in case:
        english = run_bounded("check", "--kb", str(kb), "--lang", "en")
        assert case["en"] in english.stdout, english.stdout
    run = run_bounded("evaluate", "--kb", str(kb), PLAN)
    if case.get("warning"):
        assert run.returncode == 0, run.stderr
        return
    assert_one_clear_failure(run, str(faulty), case.get("line"), case["message"],
                             case.get("errors", 1))


@cases("whatif")
def test_whatif_values(case):
    run = run_bounded("whatif", *KB, "--set", expand(case["set"]), PLAN)
    assert run.returncode == case["rc"], run.stderr
    assert len(run.errors()) == 1 and case["message"] in run.stderr, run.stderr


@cases("kbtest")
def test_knowledge_base_test_cases(case, tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(TEST_KB, kb)
    (kb / "tests").mkdir()
    (kb / "tests" / "broken.yaml").write_text(expand(case["case"]), encoding="utf-8")
    (kb / "tests" / "fine.yaml").write_text(
        "answers: {basis: sales_only}\n"
        "expect: {established: [risk.staff_not_steered, measure.tie_evaluation]}\n", "utf-8")
    run = run_bounded("test", "--kb", str(kb))
    assert run.returncode == 1, run.stdout + run.stderr
    assert case["message"] in run.stdout, run.stdout
    assert "fine" in run.stdout.split(case["message"])[-1]  # the next case still ran


@cases("resume")
def test_resuming_a_broken_session(case, tmp_path):
    session = tmp_path / "session.yaml"
    session.write_text(expand(case["session"]), encoding="utf-8")
    run = run_bounded("interview", *KB, "--resume", str(session), stdin=b"")
    assert_one_clear_failure(run, str(session), None, case["message"])


def test_corpus_size():
    # The report of the hardening issue quotes these counts: keep them honest.
    sizes = {group: len(CASES[group]) for group in CASES}
    assert sum(sizes.values()) >= 100, sizes
