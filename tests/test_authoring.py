"""The rule-authoring toolkit end to end: check, schema, explain, whatif, test."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
import yaml

from expert.cli import cli
from expert.schema import SCHEMAS

from helpers import KB_DIR, REPO, TEST_KB, TEST_PLANS, run_expert

DEEP = str(TEST_PLANS / "capilar.yaml")
KB = ("--kb", str(TEST_KB))
BROKEN_BASE = REPO / "tests" / "broken_kbs" / "_base"


@pytest.mark.parametrize("root", [KB_DIR, TEST_KB], ids=["bundled", "test"])
def test_check_passes_with_no_warning(root):
    done = run_expert("check", "--kb", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(": 0 errores, 0 avisos\n")


def test_check_lists_every_problem_with_a_caret_and_exits_1(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(BROKEN_BASE, root)
    family = root / "family.yaml"
    text = family.read_text(encoding="utf-8")
    family.write_text(text.replace("when: flag and count < 3", "when: flag and cuont < 3")
                      .replace("basis == sales", "basis == revenue"), encoding="utf-8")
    done = run_expert("check", "--kb", str(root), "--lang", "en")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == (f"{family}:50:20: error: unknown question or value 'cuont' "
                        "(did you mean 'count'?)")
    assert lines[1].strip() == "when: flag and cuont < 3"
    assert lines[2] == " " * 23 + "^"
    assert f"{family}:54:26: error: revenue is not a choice of 'basis'" in done.stdout
    assert "2 errors, 0 warnings" in done.stderr
    report = json.loads(run_expert("check", "--kb", str(root), "--format", "json").stdout)
    assert report["errors"] == 2 and {p["line"] for p in report["problems"]} == {50, 54}


def test_warnings_do_not_fail_the_check(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(BROKEN_BASE, root)
    family = root / "family.yaml"
    family.write_text(family.read_text(encoding="utf-8").replace(
        "when: flag and count < 3", "when: count < 3 and count > 5"), encoding="utf-8")
    done = run_expert("check", "--kb", str(root))
    assert done.returncode == 0
    assert "aviso: la regla «r_gap» no puede dispararse nunca" in done.stdout


@pytest.mark.parametrize("kind", ["family", "sources", "kb"])
def test_schema_is_printed_and_shipped_with_the_knowledge_base(kind):
    done = run_expert("schema", "--file", kind)
    assert done.returncode == 0
    printed = json.loads(done.stdout)
    shipped = json.loads((KB_DIR / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    assert printed == shipped == SCHEMAS[kind]
    jsonschema.Draft202012Validator.check_schema(printed)


@pytest.mark.parametrize("root", [KB_DIR, TEST_KB], ids=["bundled", "test"])
def test_the_knowledge_base_files_validate_against_their_schemas(root):
    validators = {k: jsonschema.Draft202012Validator(v) for k, v in SCHEMAS.items()}
    from expert.yamlio import load_document

    for path in root.glob("*.yaml"):
        kind = {"kb.yaml": "kb", "sources.yaml": "sources"}.get(path.name, "family")
        data = load_document(path).data  # read as the product reads it (YAML 1.2: «No» is text)
        errors = list(validators[kind].iter_errors(data))
        assert not errors, (path.name, [e.message for e in errors])


def test_the_schema_catches_a_misspelt_field_and_a_missing_provenance():
    data = yaml.safe_load((BROKEN_BASE / "family.yaml").read_text(encoding="utf-8"))
    data["questions"][0]["tilte"] = data["questions"][0].pop("text")
    assert list(jsonschema.Draft202012Validator(SCHEMAS["family"]).iter_errors(data))
    data = yaml.safe_load((BROKEN_BASE / "family.yaml").read_text(encoding="utf-8"))
    del data["conclusions"][0]["provenance"]
    assert list(jsonschema.Draft202012Validator(SCHEMAS["family"]).iter_errors(data))


def test_explain_goes_down_the_chain_to_the_answers_in_words_and_the_passage():
    done = run_expert("explain", *KB, DEEP, "--conclusion", "measure.tie_evaluation")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("MEDIDA: Rehacer la evaluación en torno al plan")
    assert "RIESGO: El personal no se orienta al plan" not in out  # a measure's own trace
    assert "HALLAZGO: La evaluación no recoge el plan" in out
    assert "¿Sobre qué se evalúa al personal de ventas? → «Solo volumen de ventas»" in out
    assert "lo dice el documento, SYS.A Evaluación: «A. Evaluación…»" in out
    assert "r_ignores" not in out  # rule ids only on request
    detail = run_expert("explain", *KB, DEEP, "--conclusion", "understaffed", "--detail").stdout
    assert "regla r_under_high: plan_deep and coverage < 50" in detail
    assert "Gravedad: el personal cubre el 16 % de las visitas, menos de la mitad" in detail
    assert "nota: «Cinco por provincia; podrían contratar en 2027.»" not in detail
    assert "Cobertura de la carga de visitas → «16 %»" in detail


def test_explain_every_risk_and_an_open_one(tmp_path):
    done = run_expert("explain", *KB, DEEP, "--lang", "en")
    assert done.stdout.count("RISK: ") == 4
    plan = tmp_path / "open.yaml"
    plan.write_text("answers:\n  plan_deep: true\n", encoding="utf-8")
    done = run_expert("explain", *KB, str(plan), "--conclusion", "understaffed", "--lang", "en")
    assert "open: these still unknown answers would decide it" in done.stdout
    assert "How many target outlets?" in done.stdout
    done = run_expert("explain", *KB, DEEP, "--conclusion", "understafed")
    assert done.returncode == 2
    assert "conclusión desconocida «understafed» (¿quería decir «understaffed»?)" in done.stderr


def test_whatif_set_shows_what_appears_and_disappears():
    done = run_expert("whatif", *KB, DEEP, "--set", "staff=200")
    assert done.returncode == 0, done.stderr
    assert "- desaparece riesgo: El personal previsto no cubre las visitas" in done.stdout
    done = run_expert("whatif", *KB, DEEP, "--set", "basis=objectives", "--set", "kpi=unknown")
    assert "- desaparece riesgo: El personal no se orienta al plan" in done.stdout
    assert "? queda abierto riesgo: Nadie empuja la tasa de distribución" in done.stdout


def test_whatif_clear_lists_alternatives_in_words():
    done = run_expert("whatif", *KB, DEEP, "--clear", "rate_neglected", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "2 alternatives clear it; any one is enough:"
    assert "  1. 'Does the plan include deep distribution?' → 'no'" in lines
    assert "  2. 'Does the evaluation include the distribution rate?' → 'yes'" in lines
    assert "combinations tried" in done.stderr


def test_whatif_clear_on_a_risk_the_plan_does_not_have_says_so():
    done = run_expert("whatif", *KB, str(TEST_PLANS / "bien-llevado.yaml"), "--clear",
                      "understaffed")
    assert done.returncode == 0, done.stderr
    assert "Este plan no tiene este riesgo: no hay nada que eliminar." in done.stdout
    assert "alternativa" not in done.stdout


def test_whatif_refuses_a_bad_value_with_the_reader_of_fact_files():
    done = run_expert("whatif", *KB, DEEP, "--set", "staff=many")
    assert done.returncode == 2
    assert "respuesta a «staff»: «many» no es un número" in done.stderr
    done = run_expert("whatif", *KB, DEEP, "--set", "staff=!!float abc")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no es un float válido" in done.stderr


@pytest.mark.parametrize("kb, typed, example", [
    (TEST_KB, "staff", "staff=1"), (TEST_KB, "basis", "outlets=50"),
    (KB_DIR, "field_staff", "target_outlets=50")])
def test_whatif_shows_an_example_with_a_question_the_knowledge_base_has(kb, typed, example):
    plan = DEEP if kb == TEST_KB else str(KB_DIR / "examples" / "bebidas-distribucion.yaml")
    done = run_expert("whatif", "--kb", str(kb), plan, "--set", typed)
    assert done.returncode == 2
    assert f"(por ejemplo --set {example})" in done.stderr
    assert "field_staff=" not in done.stderr  # no such question in either knowledge base


def test_expert_test_passes_on_the_bundled_cases():
    done = run_expert("test", "--kb", str(KB_DIR), "--coverage")
    assert done.returncode == 0, done.stdout
    assert " 0 fallidos" in done.stdout
    assert "reglas que ningún caso dispara (0/" in done.stdout


def write_case(root, name: str, expect: str, plan: str = "capilar.yaml") -> None:
    (root / "tests").mkdir(exist_ok=True)
    answers = yaml.safe_load((TEST_PLANS / plan).read_text("utf-8"))["answers"]
    body = {"description": "x", "answers": answers}
    (root / "tests" / f"{name}.yaml").write_text(
        yaml.safe_dump(body, allow_unicode=True) + expect, "utf-8")


def test_expert_test_expectations_mean_what_they_say(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(TEST_KB, root)
    all_of_it = ("expect:\n  established: [risk.staff_not_steered, risk.rate_neglected,\n"
                 "    risk.understaffed, risk.fees_unfunded, measure.tie_evaluation,\n"
                 "    measure.budget_fees]\n  severity: {risk.understaffed: high}\n  open: []\n")
    write_case(root, "exact", all_of_it)
    write_case(root, "missing-one", all_of_it.replace(" risk.fees_unfunded,", ""))
    write_case(root, "wrong-severity", all_of_it.replace("understaffed: high", "understaffed: "
                                                         "medium"))
    write_case(root, "nothing-open", "expect:\n  established: []\n  open: []\n",
               "incognitas.yaml")
    write_case(root, "at-least", "expect:\n  established: [risk.understaffed]\n  subset: true\n")
    done = run_expert("test", "--kb", str(root), "--lang", "en")
    assert done.returncode == 1
    out = done.stdout
    assert "PASS exact" in out and "PASS at-least" in out
    assert "FAIL missing-one" in out and "FAIL wrong-severity" in out
    assert "risk.fees_unfunded is established and the case does not expect it" in out
    assert "+risk.fees_unfunded" in out  # the diff line
    assert "risk.understaffed has high severity; expected medium" in out
    assert "FAIL nothing-open" in out and "risk.understaffed is open and the case does not " \
        "expect it" in out
    assert "2 passed, 3 failed" in out
    spanish = run_expert("test", "--kb", str(root)).stdout
    assert "    --- esperado\n    +++ obtenido\n" in spanish and "expected" not in spanish


def test_expert_test_record_writes_a_short_passing_case(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(TEST_KB, root)
    session = tmp_path / "sesion-cliente.yaml"
    session.write_text((TEST_PLANS / "capilar.yaml").read_text("utf-8"), "utf-8")
    done = run_expert("test", "--kb", str(root), "--record", str(session))
    assert done.returncode == 0, done.stderr
    recorded = yaml.safe_load((root / "tests" / "sesion-cliente.yaml").read_text("utf-8"))
    assert recorded["expect"] == {
        "established": ["risk.staff_not_steered", "risk.rate_neglected", "measure.tie_evaluation",
                        "risk.understaffed", "risk.fees_unfunded", "measure.budget_fees"],
        "severity": {"risk.staff_not_steered": "high", "risk.understaffed": "high",
                     "risk.rate_neglected": "medium", "risk.fees_unfunded": "medium"},
        "open": []}
    done = run_expert("test", "--kb", str(root))
    assert done.returncode == 0 and "BIEN sesion-cliente" in done.stdout
    again = run_expert("test", "--kb", str(root), "--record", str(session))
    assert again.returncode == 2 and "ya existe" in again.stderr
    bundled = run_expert("test", "--record", str(session))
    assert bundled.returncode == 2 and "indique en qué base con --kb" in bundled.stderr


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_in_both_languages(command):
    done = run_expert(command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Uso: expert " + command)
    assert len(done.stdout.splitlines()) > 4
    for english in ("Show this", "[required]", "[default", "Options:", "Arguments:"):
        assert english not in done.stdout
    english = run_expert(command, "--help", "--lang", "en")
    assert english.stdout.startswith("Usage: expert " + command)
