"""``expert evaluate`` end to end: the installed command on real files, with the test
knowledge base (tests/data/kb) so that these tests follow the machinery, not the bundled
knowledge base's wording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers import TEST_KB, TEST_PLANS, run_expert

DEEP = str(TEST_PLANS / "capilar.yaml")
GOOD = str(TEST_PLANS / "bien-llevado.yaml")
KB = ("--kb", str(TEST_KB))


def test_text_output_lists_risks_measures_open_points_and_provenance():
    done = run_expert("evaluate", *KB, DEEP)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "RIESGOS" in out and "MEDIDAS RECOMENDADAS" in out and "PUNTOS ABIERTOS" in out
    # Severity graded by the size of the gap, with its basis, and the values in words.
    assert "[GRAVEDAD ALTA] El personal previsto no cubre las visitas (40 personas de 250 " \
        "personas)" in out
    assert "Gravedad: el personal cubre el 16 % de las visitas, menos de la mitad" in out
    assert "La cobertura es del 16 %." in out
    # Which answers led to it, in words; and whether the document says so.
    assert "¿Sobre qué se evalúa al personal de ventas? → «Solo volumen de ventas»" in out
    assert "Lo dice el documento (RES.A Recursos clave): «C. Recursos…»" in out
    assert "Práctica de consultoría, no lo dice el documento" in out
    # Measures name only what is missing for this client.
    assert "Presupuestar Cuota de referenciación, Aportaciones promocionales" in out
    assert out.index("Sistema de gestión") < out.index("Recursos\n")


def test_english_output():
    done = run_expert("evaluate", "--lang", "en", *KB, DEEP)
    assert done.returncode == 0
    assert "RISKS" in done.stdout
    assert "[HIGH SEVERITY] The planned staff cannot cover the visits (40 people of 250 " \
        "people)" in done.stdout
    assert "Budget Listing fee, Promotional contributions" in done.stdout


def test_json_output_has_the_documented_shape():
    done = run_expert("evaluate", "--format", "json", "--lang", "en", *KB, DEEP, GOOD)
    assert done.returncode == 0, done.stderr
    plans = json.loads(done.stdout)
    assert [p["source"] for p in plans] == [DEEP, GOOD]
    first = plans[0]
    risk = next(c for c in first["conclusions"] if c["id"] == "understaffed")
    assert risk == {
        "id": "understaffed", "kind": "risk", "severity": "high",
        "basis": ["staff cover 16% of the visits, less than half"],
        "sections": ["RES.A"], "provenance": "document", "points": ["RES.A/staff"],
        "title": "The planned staff cannot cover the visits (40 people of 250 people)",
        "rules": ["r_under_high", "r_under"],
    }
    measure = next(c for c in first["conclusions"] if c["kind"] == "measure")
    assert "priority" in measure and "severity" not in measure
    assert first["kb"]["version"] == "1.0" and len(first["kb"]["hash"]) == 12
    assert first["kb"]["name"] == "Test knowledge base"
    assert first["answers"]["staff"] == 40
    assert plans[1]["conclusions"] == []


def test_json_in_spanish_names_the_knowledge_base_in_spanish():
    done = run_expert("evaluate", "--format", "json", *KB, GOOD)
    assert json.loads(done.stdout)[0]["kb"]["name"] == "Base de pruebas"


def test_contradictory_answers_are_warnings(tmp_path):
    plan = tmp_path / "odd.yaml"
    plan.write_text("answers: {plan_deep: true, basis: sales_only, kpi: true}\n",
                    encoding="utf-8")
    done = run_expert("evaluate", *KB, str(plan))
    assert done.returncode == 0
    assert "RESPUESTAS QUE CONVIENE REVISAR" in done.stdout
    assert "Se evalúa solo por ventas, pero la evaluación incluye la tasa" in done.stdout
    data = json.loads(run_expert("evaluate", "--format", "json", *KB, str(plan)).stdout)
    assert data[0]["warnings"][0]["id"] == "sales_only_with_kpi"


def test_a_number_far_outside_the_usual_is_a_warning_not_an_error(tmp_path):
    # 12.5 outlets is a valid answer, but surely a slip for 12,500: the consultant must see
    # it before the report goes to the client.
    plan = tmp_path / "slip.yaml"
    plan.write_text("answers: {plan_deep: true, outlets: 12.5}\n", encoding="utf-8")
    done = run_expert("evaluate", *KB, str(plan))
    assert done.returncode == 0, done.stderr
    assert "RESPUESTAS QUE CONVIENE REVISAR" in done.stdout
    assert "12,5 es poco habitual: lo normal va de 50 a 200.000" in " ".join(done.stdout.split())
    data = json.loads(run_expert("evaluate", "--format", "json", *KB, str(plan)).stdout)
    assert [w.get("question") for w in data[0]["warnings"]] == ["outlets"]
    plan.write_text("answers: {plan_deep: true, outlets: 1250}\n", encoding="utf-8")
    usual = json.loads(run_expert("evaluate", "--format", "json", *KB, str(plan)).stdout)
    assert "warnings" not in usual[0]


def test_open_points_in_json_name_the_questions(tmp_path):
    plan = tmp_path / "partial.yaml"
    plan.write_text("answers:\n  plan_deep: true\n  outlets: 1000\n", encoding="utf-8")
    done = run_expert("evaluate", "--format", "json", *KB, str(plan))
    result = json.loads(done.stdout)[0]
    point = next(p for p in result["open"] if p["id"] == "understaffed")
    # A derived value is decided by the unknown answers it is computed from.
    assert point == {"id": "understaffed", "kind": "risk", "sections": ["RES.A"],
                     "questions": ["visits", "capacity", "staff", "turnover"]}
    assert result["conclusions"] == []  # nothing fires on missing information


def test_yaml_and_markdown_formats():
    done = run_expert("evaluate", "--format", "yaml", *KB, DEEP)
    assert yaml.safe_load(done.stdout)[0]["meta"]["client"] == "Bebidas del Norte S.A."
    done = run_expert("evaluate", "--format", "markdown", *KB, DEEP)
    assert done.returncode == 0
    assert done.stdout.startswith("# Bebidas del Norte S.A. — Plan comercial 2027")
    assert "## Riesgos" in done.stdout and "### Gravedad alta" in done.stdout
    assert "_Lo dice el documento: RES.A «C. Recursos…»_" in done.stdout


def test_a_broken_file_costs_only_itself(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers:\n  staff: many\n", encoding="utf-8")
    done = run_expert("evaluate", "--format", "json", *KB, DEEP, str(broken), GOOD)
    assert done.returncode == 2
    assert [p["source"] for p in json.loads(done.stdout)] == [DEEP, GOOD]
    assert f"{broken}:2:10: error: respuesta a «staff»: «many» no es un número" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_file_empty_folder_and_nothing_to_do(tmp_path):
    done = run_expert("evaluate", *KB, str(tmp_path / "nope.yaml"))
    assert done.returncode == 2
    assert "no se encuentra el archivo" in done.stderr
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    done = run_expert("evaluate", *KB, str(folder))
    assert done.returncode == 2
    assert "no se ha encontrado ningún archivo de respuestas" in done.stderr


def test_usage_errors_exit_2_in_the_users_language():
    done = run_expert("evaluate", "--format", "pdf", DEEP)
    assert done.returncode == 2
    assert done.stderr.startswith("error: --format debe ser uno de estos: text, json, yaml")
    assert "expert evaluate --help" in done.stderr
    done = run_expert("evaluate", "--format", "pdf", "--lang", "en", DEEP)
    assert done.stderr.startswith("error: --format must be one of: text, json")
    done = run_expert("evalute", DEEP)
    assert done.returncode == 2
    assert "no existe la orden «evalute» (¿quería decir «evaluate»?)" in done.stderr
    done = run_expert("evaluate", "--fromat", "json", DEEP)
    assert "no existe la opción «--fromat» (¿quería decir «--format»?)" in done.stderr
    # The program's own mistakes point at «expert --help», never «expert expert --help».
    done = run_expert()
    assert done.returncode == 2 and done.stderr.startswith("Uso: expert [OPCIONES] ORDEN")
    done = run_expert("--lang", "es")
    assert done.returncode == 2
    assert done.stderr == ("error: falta la orden (evaluate, interview, explain…) "
                           "(vea «expert --help»)\n")
    done = run_expert("--foo")
    assert done.stderr == "error: no existe la opción «--foo» (vea «expert --help»)\n"


def test_version_and_help_in_both_languages():
    done = run_expert("--version")
    assert done.returncode == 0 and done.stdout.startswith("expert ")
    done = run_expert("evaluate", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Uso: expert evaluate [OPCIONES] ARCHIVOS...")
    assert "Opciones" in done.stdout and "--format [text|json|yaml|jsonl|markdown|html]" in \
        done.stdout and "Muestra esta ayuda y termina." in done.stdout
    assert "Options" not in done.stdout and "Show this" not in done.stdout
    done = run_expert("evaluate", "--help", "--lang", "en")
    assert done.stdout.startswith("Usage: expert evaluate [OPTIONS] FILES...")
    done = run_expert("--help", env={"EXPERT_LANG": "en"})
    assert "Commands" in done.stdout and "evaluate" in done.stdout


def test_derived_values_round_up_and_units_agree_with_the_number(tmp_path):
    plan = tmp_path / "one.yaml"
    plan.write_text("answers: {plan_deep: true, outlets: 10, visits: 1, capacity: 200, "
                    "staff: 1, turnover: false}\n", "utf-8")
    done = run_expert("evaluate", "--format", "json", *KB, str(plan))
    result = json.loads(done.stdout)[0]
    assert result["conclusions"] == []  # 1 person for a need of ceil(0.05) = 1: covered
    plan.write_text("answers: {plan_deep: true, outlets: 1000, visits: 2, capacity: 200, "
                    "staff: 6}\n", "utf-8")
    done = run_expert("evaluate", *KB, str(plan))
    assert "(6 personas de 10 personas)" in done.stdout
    # The turnover answer could still raise the severity: JSON says which question decides.
    data = json.loads(run_expert("evaluate", "--format", "json", *KB, str(plan)).stdout)[0]
    assert data["severity_open"] == [{"id": "understaffed", "questions": ["turnover"]}]


def test_whatif_shows_a_change_of_severity(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text("answers: {plan_deep: true, outlets: 1000, visits: 2, capacity: 200, "
                    "staff: 6, turnover: false}\n", "utf-8")
    done = run_expert("whatif", *KB, str(plan), "--set", "turnover=true")
    assert "~ cambia de gravedad media a alta: El personal previsto no cubre las visitas" in \
        done.stdout
    cleared = run_expert("whatif", *KB, str(plan), "--clear", "understaffed")
    # A derived value is changed through the answers it is computed from.
    assert "¿Cuántas personas de campo prevé el plan?" in cleared.stdout


def test_an_open_points_title_drops_an_aside_of_values_not_known_yet():
    done = run_expert("evaluate", *KB, str(TEST_PLANS / "incognitas.yaml"))
    assert "  - El personal previsto no cubre las visitas\n" in done.stdout
    assert "(… de …)" not in done.stdout and "…" not in done.stdout.split("PUNTOS ABIERTOS")[1]


def test_the_plans_date_is_written_the_languages_way():
    for fmt, lang, shown in (("text", "es", "Fecha: 20 de noviembre de 2026"),
                             ("markdown", "es", "**Fecha:** 20 de noviembre de 2026"),
                             ("html", "es", "<strong>Fecha:</strong> 20 de noviembre de 2026"),
                             ("text", "en", "Date: November 20, 2026")):
        done = run_expert("evaluate", *KB, DEEP, "--format", fmt, "--lang", lang)
        assert shown in done.stdout, done.stdout[:400]
        assert "2026-11-20" not in done.stdout
    # The data formats keep the date as written (ISO).
    data = json.loads(run_expert("evaluate", *KB, DEEP, "--format", "json").stdout)[0]
    assert str(data["meta"]["date"]) == "2026-11-20"


def test_an_empty_multiple_choice_reads_the_same_whatever_the_gender(tmp_path):
    # «ninguno» would not agree with «aportaciones»: a neutral wording in both languages.
    plan = tmp_path / "empty.yaml"
    plan.write_text("answers: {plan_chains: true, fees_required: [listing], "
                    "fees_budgeted: []}\n", "utf-8")
    done = run_expert("evaluate", *KB, str(plan), "--format", "markdown")
    assert "| ¿Cuáles están presupuestadas? | ninguna opción |" in done.stdout
    done = run_expert("evaluate", *KB, str(plan), "--format", "markdown", "--lang", "en")
    assert "| Which are budgeted? | none |" in done.stdout


def test_a_yes_no_answer_that_is_neither_gets_a_spanish_hint_it_can_follow(tmp_path):
    plan = tmp_path / "bad.yaml"
    plan.write_text("answers:\n  plan_deep: quizás\n", "utf-8")
    done = run_expert("evaluate", *KB, str(plan))
    assert done.returncode == 2
    assert "(escriba sí o no, o «no lo sé» si no se sabe)" in done.stderr
    assert not any(word in done.stderr for word in ("true", "false", "unknown"))
    # What the hint offers is what a fact file takes.
    plan.write_text("answers:\n  plan_deep: no lo sé\n  plan_chains: sí\n", "utf-8")
    data = json.loads(run_expert("evaluate", *KB, str(plan), "--format", "json").stdout)[0]
    assert data["answers"] == {"plan_deep": "unknown", "plan_chains": True}


def test_a_number_too_large_in_a_file_says_which_numbers_are_taken(tmp_path):
    plan = tmp_path / "big.yaml"
    plan.write_text("answers:\n  visits: 1e400\n  staff: 99999999999999999999999\n", "utf-8")
    done = run_expert("evaluate", *KB, str(plan))
    assert "«visits»: ese número no se puede usar (dé un número de 0 a 60)" in done.stderr
    assert "«staff»: ese número no se puede usar (dé un número de 0 a 100.000)" in \
        done.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_risk_yet_is_not_all_is_well_while_risks_are_open(fmt):
    # Every answer unknown: nothing is established, but nothing is cleared either.
    done = run_expert("evaluate", "--kb", str(TEST_KB), "--format", fmt,
                      str(TEST_PLANS / "incognitas.yaml"))
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())  # the text report wraps its lines
    assert "pero no se puede concluir: 5 riesgos siguen abiertos" in said
    assert "Todavía ninguna medida: dependen de las respuestas que faltan." in said
    assert "No hace falta ninguna medida" not in said
    well_run = run_expert("evaluate", "--kb", str(TEST_KB), "--format", fmt,
                          str(TEST_PLANS / "bien-llevado.yaml"))
    assert "No hace falta ninguna medida." in well_run.stdout


def test_explain_shows_what_each_open_risk_waits_for_when_none_is_established():
    done = run_expert("explain", "--kb", str(TEST_KB), str(TEST_PLANS / "incognitas.yaml"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Todavía no se ha establecido ningún riesgo, pero no se "
                                  "puede concluir: 5 riesgos")
    assert done.stdout.count("abierto: se establecería según estas respuestas") == 5


def test_a_tiny_share_python_writes_with_an_exponent_is_evaluated_like_any_other(tmp_path):
    # 0.00002 reaches the engine as 2e-05: durable-rules 2.0.28 could not parse that, and
    # the whole batch was dropped or the process crashed (see test_engine_pitfalls.py).
    plans = []
    for share in ("0.00002", "2.0"):
        plan = tmp_path / f"share-{share}.yaml"
        text = Path(GOOD).read_text("utf-8")
        assert "  share: 90\n" in text
        plan.write_text(text.replace("  share: 90\n", f"  share: {share}\n"), "utf-8")
        plans.append(str(plan))
    done = run_expert("evaluate", "--format", "json", *KB, *plans)
    assert done.returncode == 0, done.stderr
    tiny, small = json.loads(done.stdout)
    assert tiny["answers"]["share"] == 0.00002
    fired = [[(c["id"], c["rules"]) for c in plan["conclusions"]] for plan in (tiny, small)]
    assert fired[0] == fired[1] == [("budget_uncommitted", ["r_uncommitted"])]
