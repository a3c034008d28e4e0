"""The rule-authoring toolkit end to end: check, schema, explain, whatif, test."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
import yaml

from expert.schema import SCHEMAS

from helpers import EXAMPLES, KB_DIR, REPO, run_expert

DEEP = str(EXAMPLES / "bebidas-distribucion.yaml")
BROKEN_BASE = REPO / "tests" / "broken_kbs" / "_base"


def test_check_passes_on_the_bundled_knowledge_base():
    done = run_expert("check", "--kb", str(KB_DIR))
    assert done.returncode == 0
    assert "0 error(s), 0 warning(s)" in done.stdout


def test_check_lists_every_problem_with_a_caret_and_exits_1(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(BROKEN_BASE, root)
    family = root / "family.yaml"
    text = family.read_text(encoding="utf-8")
    family.write_text(text.replace("when: flag and count < 3", "when: flag and cuont < 3")
                      .replace("basis == sales", "basis == revenue"), encoding="utf-8")
    done = run_expert("check", "--kb", str(root))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == (f"{family}:45:20: error: unknown question 'cuont' "
                        "(did you mean 'count'?)")
    assert lines[1].strip() == "when: flag and cuont < 3"
    assert lines[2] == " " * 23 + "^"
    assert f"{family}:49:26: error: revenue is not a choice of 'basis'" in done.stdout
    assert "2 error(s), 0 warning(s)" in done.stderr
    report = json.loads(run_expert("check", "--kb", str(root), "--format", "json").stdout)
    assert report["errors"] == 2
    assert {p["line"] for p in report["problems"]} == {45, 49}


def test_warnings_do_not_fail_the_check(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(BROKEN_BASE, root)
    family = root / "family.yaml"
    family.write_text(family.read_text(encoding="utf-8").replace(
        "when: flag and count < 3", "when: count < 3 and count > 5"), encoding="utf-8")
    done = run_expert("check", "--kb", str(root))
    assert done.returncode == 0
    assert "warning: rule 'r_gap' can never fire" in done.stdout


@pytest.mark.parametrize("kind", ["family", "sources", "kb"])
def test_schema_is_printed_and_shipped_with_the_knowledge_base(kind):
    done = run_expert("schema", "--file", kind)
    assert done.returncode == 0
    printed = json.loads(done.stdout)
    shipped = json.loads((KB_DIR / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    assert printed == shipped == SCHEMAS[kind]
    jsonschema.Draft202012Validator.check_schema(printed)


def test_the_bundled_files_validate_against_their_schemas():
    validators = {k: jsonschema.Draft202012Validator(v) for k, v in SCHEMAS.items()}
    for path in KB_DIR.glob("*.yaml"):
        kind = {"kb.yaml": "kb", "sources.yaml": "sources"}.get(path.name, "family")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = list(validators[kind].iter_errors(data))
        assert not errors, (path.name, [e.message for e in errors])
        assert f"$schema=schema/{kind}.schema.json" in path.read_text(encoding="utf-8")


def test_the_schema_catches_a_misspelt_field():
    data = yaml.safe_load((BROKEN_BASE / "family.yaml").read_text(encoding="utf-8"))
    data["questions"][0]["tilte"] = data["questions"][0].pop("text")
    errors = list(jsonschema.Draft202012Validator(SCHEMAS["family"]).iter_errors(data))
    assert errors


def test_explain_goes_down_a_chain_of_four_rules_to_the_answers_and_the_paragraph():
    done = run_expert("explain", DEEP, "--conclusion", "measure.staff_deep_distribution")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for rule_id in ("key_measure_staffing", "key_deep_distribution_infeasible",
                    "key_distributor_dependent", "key_deep_distribution_unstaffed"):
        assert f"regla {rule_id} — RES.KEY_PROJECTS" in out
    assert "condición: plan_deep_distribution and staff_per_province <= 3" in out
    assert '→ "1 personas por provincia" [staff_per_province]' in out
    assert "nota: \"Un vendedor por provincia" in out  # the consultant's own words
    assert "«2. Garantía de recursos para proyectos clave…»" in out
    # Deeper steps are nested under the ones that used them.
    assert out.index("key_measure_staffing") < out.index("key_deep_distribution_unstaffed")


def test_explain_all_risks_and_an_open_one(tmp_path):
    done = run_expert("explain", DEEP, "--lang", "en")
    assert done.stdout.count("\nRISK ") + done.stdout.startswith("RISK ") == 4
    plan = tmp_path / "open.yaml"
    plan.write_text("answers:\n  plan_deep_distribution: true\n", encoding="utf-8")
    done = run_expert("explain", str(plan), "--conclusion", "deep_distribution_infeasible",
                      "--lang", "en")
    assert "open: these still unknown answers would decide it" in done.stdout
    assert "[staff_per_province]" in done.stdout
    done = run_expert("explain", DEEP, "--conclusion", "no_such_thing")
    assert done.returncode == 2 and "unknown conclusion 'no_such_thing'" in done.stderr


def test_whatif_set_shows_what_appears_and_disappears():
    done = run_expert("whatif", DEEP, "--set", "staff_per_province=8")
    assert done.returncode == 0, done.stderr
    assert "- risk.deep_distribution_infeasible:" in done.stdout
    assert "- measure.staff_deep_distribution:" in done.stdout
    done = run_expert("whatif", DEEP, "--set", "evaluation_basis=plan_objectives",
                      "--set", "plan_key_accounts=yes")
    assert "- risk.staff_not_steered:" in done.stdout
    assert "? + risk.terminal_development_blocked:" in done.stdout  # now open: fees unknown


def test_whatif_clear_finds_the_smallest_changes():
    done = run_expert("whatif", DEEP, "--clear", "deep_distribution_infeasible", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "  plan_deep_distribution = no" in lines
    assert "  staff_per_province = 4 people per province" in lines
    assert all(";" not in line for line in lines[1:])  # one change suffices: none of two
    assert "combinations tried" in done.stderr


def test_whatif_refuses_a_bad_value():
    done = run_expert("whatif", DEEP, "--set", "staff_per_province=many")
    assert done.returncode == 2
    assert "--set staff_per_province: expected a number" in done.stderr


def test_expert_test_passes_on_the_bundled_cases():
    done = run_expert("test", "--kb", str(KB_DIR), "--coverage")
    assert done.returncode == 0, done.stdout
    assert "0 failed" in done.stdout
    assert "rules no case fires (0/" in done.stdout


def test_expert_test_fails_on_a_wrong_expectation_with_a_diff(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(KB_DIR, root)
    case = root / "tests" / "distribucion-una-persona.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "    - measure.staff_deep_distribution\n",
        "    - measure.staff_deep_distribution\n    - risk.staff_not_steered\n"),
        encoding="utf-8")
    done = run_expert("test", "--kb", str(root))
    assert done.returncode == 1
    assert "FAIL distribucion-una-persona" in done.stdout
    assert "expected risk.staff_not_steered established; it is not" in done.stdout
    assert "-risk.staff_not_steered" in done.stdout  # the diff line
    assert "1 failed" in done.stdout


def test_expert_test_record_writes_a_passing_case(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(KB_DIR, root)
    session = tmp_path / "sesion-cliente.yaml"
    session.write_text((EXAMPLES / "cosmetica-promociones.yaml").read_text("utf-8"), "utf-8")
    done = run_expert("test", "--kb", str(root), "--record", str(session))
    assert done.returncode == 0, done.stderr
    recorded = yaml.safe_load((root / "tests" / "sesion-cliente.yaml").read_text("utf-8"))
    assert "risk.plan_abandoned_for_rebates" in recorded["expect"]["established"]
    assert recorded["answers"]["sales_drop_response"] == "rebate_promotions"
    done = run_expert("test", "--kb", str(root))
    assert done.returncode == 0 and "PASS sesion-cliente" in done.stdout
    again = run_expert("test", "--kb", str(root), "--record", str(session))
    assert again.returncode == 2 and "exists already" in again.stderr


@pytest.mark.parametrize("command", ["evaluate", "check", "schema", "explain", "whatif",
                                     "test", "coverage", "interview", "compare"])
def test_every_command_has_help(command):
    done = run_expert(command, "--help")
    assert done.returncode == 0
    assert "Usage: expert " + command in done.stdout
    assert len(done.stdout.splitlines()) > 4
