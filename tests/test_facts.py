"""Fact files: typed answers, unknowns, and errors that say where and how to fix."""

from __future__ import annotations

import sys

import pytest

from expert.errors import FactsError, InputError
from expert.facts import load_facts, parse_facts


def facts(text: str, kb):
    return parse_facts(text, "plan.yaml", kb)


def errors_of(text: str, kb) -> list:
    with pytest.raises(FactsError) as raised:
        facts(text, kb)
    return raised.value.diagnostics


def test_answers_are_typed_and_unknown_is_absent(kb):
    loaded = facts("""
meta: {client: ACME, plan: "2027", date: 2026-11-28}
answers:
  plan_deep_distribution: yes
  staff_per_province: 2.0
  evaluation_basis: sales_only
  functional_systems: [sales, channel]
  key_projects_funded: unknown
  budget_covers_projects: ~
  plan_key_accounts: "sí"
notes:
  staff_per_province: "Two in the north, none in the south"
""", kb)
    assert loaded.answers == {
        "plan_deep_distribution": True,
        "staff_per_province": 2,
        "evaluation_basis": "sales_only",
        "functional_systems": frozenset({"sales", "channel"}),
        "plan_key_accounts": True,
    }
    assert loaded.unknown == {"key_projects_funded", "budget_covers_projects"}
    assert loaded.meta["client"] == "ACME"
    assert loaded.meta["date"] == "2026-11-28"
    assert loaded.notes == {"staff_per_province": "Two in the north, none in the south"}
    assert isinstance(loaded.answers["staff_per_province"], int)  # 2.0 is the answer 2


def test_every_error_of_a_file_is_reported_with_its_line(kb):
    diagnostics = errors_of("""answers:
  plan_deep_distributon: true
  staff_per_province: lots
  evaluation_basis: revenue
  staff_per_province_x: 1
  plan_key_accounts: 3
  functional_systems: [sales, phone]
""", kb)
    rendered = [d.render(source=False) for d in diagnostics]
    assert rendered[0] == ("plan.yaml:2:3: error: unknown question 'plan_deep_distributon' "
                           "(did you mean 'plan_deep_distribution'?)")
    assert rendered[1].startswith("plan.yaml:3:23: error: answer to 'staff_per_province': "
                                  "expected a number, not the text 'lots'")
    assert rendered[2] == ("plan.yaml:4:21: error: answer to 'evaluation_basis': the text "
                           "'revenue' is not one of the choices (valid values: plan_objectives, "
                           "mixed, sales_only, none, unknown)")
    assert "plan.yaml:6:22:" in rendered[4] and "expected yes or no" in rendered[4]
    assert "'phone' is not one of the choices" in rendered[5]
    assert len(diagnostics) == 6


@pytest.mark.parametrize("value, message", [
    ("-1", "-1 is out of range"),
    ("5001", "5001 is out of range"),
    (".nan", "is not a usable number"),
    (".inf", "is not a usable number"),
    ("true", "expected a number, not the boolean true"),
    ("[1, 2]", "expected a number, not a list"),
])
def test_numbers_must_be_finite_and_in_range(kb, value, message):
    diagnostics = errors_of(f"answers:\n  staff_per_province: {value}\n", kb)
    assert message in diagnostics[0].message
    assert diagnostics[0].location.line == 2


def test_out_of_range_says_the_range(kb):
    diagnostics = errors_of("answers:\n  staff_per_province: 9999\n", kb)
    assert diagnostics[0].hint == "give a number from 0 to 5000"


@pytest.mark.parametrize("text, message", [
    ("", "the fact file is empty"),
    ("- a\n- b\n", "must be a mapping with 'answers:', not a list"),
    ("meta: {client: x}\n", "the fact file has no 'answers:'"),
    ("answers: [1, 2]\n", "'answers' must be a mapping"),
    ("answer:\n  plan_branches: true\n", "unknown section 'answer'"),
])
def test_malformed_files_say_what_is_wrong(kb, text, message):
    with pytest.raises(FactsError) as raised:
        facts(text, kb)
    assert message in raised.value.render()


def test_yaml_and_json_syntax_errors_point_at_the_place(kb, tmp_path):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("answers:\n  plan_branches: [true\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_facts(bad_yaml, kb)
    assert raised.value.location.line == 3
    assert "invalid YAML" in raised.value.message
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"answers": {"plan_branches": true,}}', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_facts(bad_json, kb)
    # Python's json module places this error: 3.13 at the trailing comma itself (column
    # 35), earlier versions at the brace after it.
    column = 35 if sys.version_info >= (3, 13) else 36
    assert (raised.value.location.line, raised.value.location.column) == (1, column)


def test_json_fact_files_load_like_yaml(kb, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{"meta": {"client": "J"}, "answers": {"plan_branches": false}}',
                    encoding="utf-8")
    assert load_facts(path, kb).answers == {"plan_branches": False}


def test_text_answers_have_a_length_limit(kb):
    long_note = "x" * 10_001
    diagnostics = errors_of(f"answers: {{}}\nnotes:\n  plan_branches: {long_note}\n", kb)
    assert "at most 10,000 characters" in diagnostics[0].message
