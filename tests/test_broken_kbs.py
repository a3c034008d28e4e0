"""Deliberately broken knowledge bases (tests/broken_kbs/*.yaml, one fault each): each must
be reported at the right file, line and column, with its message and hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from expert.check import diagnose

from helpers import run_expert

CASES = Path(__file__).parent / "broken_kbs"
BASE = CASES / "_base"


def materialise(case: dict, target: Path) -> Path:
    shutil.copytree(BASE, target)
    for edit in case["edits"]:
        path = target / edit["file"]
        if "create" in edit:
            path.write_text(edit["create"], encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["find"]) == 1, f"edit must match once: {edit['find']!r}"
        path.write_text(text.replace(edit["find"], edit["replace"]), encoding="utf-8")
    return target


def load_cases() -> list[tuple[str, dict]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8")))
            for p in sorted(CASES.glob("*.yaml"))]


@pytest.mark.parametrize("name, case", load_cases(), ids=[n for n, _ in load_cases()])
def test_each_fault_is_reported_where_it_is(name, case, tmp_path):
    root = materialise(case, tmp_path / name)
    expect = case["expect"]
    found = [d for d in diagnose(root) if expect["message"] in d.message.render("en")]
    assert found, [d.render("en", source=False) for d in diagnose(root)]
    diagnostic = found[0]
    assert diagnostic.severity == expect["severity"]
    assert Path(diagnostic.location.file).name == expect["file"]
    assert diagnostic.location.line == expect["line"]
    if "column" in expect:
        assert diagnostic.location.column == expect["column"]
    if "hint" in expect:
        assert diagnostic.hint is not None and diagnostic.hint.render("en") == expect["hint"]
    # The same diagnostic in Spanish is a different text, with nothing left untranslated.
    assert diagnostic.text("es") != diagnostic.text("en")


def test_the_base_knowledge_base_is_clean():
    assert diagnose(BASE) == []


def test_errors_are_all_listed_at_once(tmp_path):
    case = {"edits": [
        {"file": "family.yaml", "find": "when: flag and count < 3", "replace": "when: flg and"},
        {"file": "family.yaml", "find": "basis == sales", "replace": "basis == revenue"},
        {"file": "family.yaml", "find": "    title: {es: Hueco, en: Gap}",
         "replace": "    tilte: {es: Hueco, en: Gap}"},
    ]}
    root = materialise(case, tmp_path / "many")
    errors = [d for d in diagnose(root) if d.severity == "error"]
    assert len(errors) >= 3


@pytest.mark.parametrize("name", ["condition_syntax", "unknown_question", "negative_cycle"])
def test_loading_a_broken_base_fails_with_a_one_line_error_and_exit_2(name, tmp_path):
    case = dict(load_cases())[name]
    root = materialise(case, tmp_path / name)
    example = tmp_path / "plan.yaml"
    example.write_text("answers: {}\n", encoding="utf-8")
    done = run_expert("evaluate", "--kb", str(root), str(example))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert f"family.yaml:{case['expect']['line']}" in first
    assert ": error: " in first
