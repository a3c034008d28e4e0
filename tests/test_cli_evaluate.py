"""``expert evaluate`` end to end: the installed command on real files."""

from __future__ import annotations

import json

import yaml

from helpers import EXAMPLES, run_expert

DEEP = str(EXAMPLES / "bebidas-distribucion.yaml")
SHOPS = str(EXAMPLES / "alimentacion-grandes-superficies.yaml")


def test_text_output_lists_risks_measures_and_citations():
    done = run_expert("evaluate", DEEP)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "RIESGOS" in out and "MEDIDAS RECOMENDADAS" in out and "PUNTOS ABIERTOS" in out
    assert "[ALTA] La distribución en profundidad es imposible con el personal previsto" in out
    assert "(RES.KEY_PROJECTS Recursos para proyectos clave)" in out
    assert "Dimensionar el equipo de campo por provincia" in out
    # Risks are grouped by family: the management-system family comes before resources.
    assert out.index("Garantía del sistema de gestión") < out.index("Garantía de recursos")


def test_english_output():
    done = run_expert("evaluate", "--lang", "en", DEEP)
    assert done.returncode == 0
    assert "RISKS" in done.stdout
    assert "Deep distribution is impossible with the planned staff" in done.stdout


def test_json_output_has_the_documented_shape():
    done = run_expert("evaluate", "--format", "json", "--lang", "en", DEEP, SHOPS)
    assert done.returncode == 0, done.stderr
    plans = json.loads(done.stdout)
    assert [p["source"] for p in plans] == [DEEP, SHOPS]
    first = plans[0]
    risk = next(c for c in first["conclusions"] if c["id"] == "deep_distribution_infeasible")
    assert risk == {
        "id": "deep_distribution_infeasible", "kind": "risk", "severity": "high",
        "sections": ["RES.KEY_PROJECTS"],
        "title": "Deep distribution is impossible with the planned staff",
        "rules": ["key_deep_distribution_infeasible"],
    }
    measure = next(c for c in first["conclusions"] if c["kind"] == "measure")
    assert "priority" in measure and "severity" not in measure
    assert first["kb"]["version"] == "1.0.0" and len(first["kb"]["hash"]) == 12
    assert first["answers"]["staff_per_province"] == 1


def test_open_points_in_json_name_the_questions(tmp_path):
    plan = tmp_path / "partial.yaml"
    plan.write_text("answers:\n  plan_deep_distribution: true\n", encoding="utf-8")
    done = run_expert("evaluate", "--format", "json", str(plan))
    result = json.loads(done.stdout)[0]
    point = next(p for p in result["open"] if p["id"] == "deep_distribution_infeasible")
    assert point == {"id": "deep_distribution_infeasible", "kind": "risk",
                     "sections": ["RES.KEY_PROJECTS"], "questions": ["staff_per_province"]}
    assert result["conclusions"] == []  # nothing fires on missing information


def test_yaml_and_markdown_formats():
    done = run_expert("evaluate", "--format", "yaml", DEEP)
    assert yaml.safe_load(done.stdout)[0]["meta"]["client"] == "Bebidas del Norte S.A."
    done = run_expert("evaluate", "--format", "markdown", DEEP)
    assert done.returncode == 0
    assert done.stdout.startswith("# Bebidas del Norte S.A. — Plan comercial 2027")
    assert "## Riesgos" in done.stdout


def test_a_broken_file_costs_only_itself(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers:\n  staff_per_province: many\n", encoding="utf-8")
    done = run_expert("evaluate", "--format", "json", DEEP, str(broken), SHOPS)
    assert done.returncode == 2
    assert [p["source"] for p in json.loads(done.stdout)] == [DEEP, SHOPS]
    assert f"{broken}:2:23: error: answer to 'staff_per_province'" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_file_and_folder_given_as_file(tmp_path):
    done = run_expert("evaluate", str(tmp_path / "nope.yaml"))
    assert done.returncode == 2
    assert "file not found" in done.stderr
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    done = run_expert("evaluate", str(folder))
    assert done.returncode == 0  # a folder is searched for fact files; this one is empty


def test_usage_errors_exit_2_with_click_message():
    done = run_expert("evaluate", "--format", "pdf", DEEP)
    assert done.returncode == 2
    assert "Invalid value for '--format'" in done.stderr


def test_version_and_help():
    done = run_expert("--version")
    assert done.returncode == 0 and done.stdout.startswith("expert, version ")
    done = run_expert("evaluate", "--help")
    assert done.returncode == 0 and "--format" in done.stdout and "--lang" in done.stdout
