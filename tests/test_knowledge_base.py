"""The bundled knowledge base against its source document, its examples and its promises."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from expert.check import diagnose
from expert.facts import FactSet, load_facts

from helpers import EXAMPLES, KB_DIR, REFERENCE, run_expert
from strategies import answer_value

OUTLINE = REFERENCE / "outline.yaml"
SOURCE = REFERENCE / "garantias-institucionales.es.txt"


def test_sources_match_the_outline_of_the_document(kb):
    outline = yaml.safe_load(OUTLINE.read_text(encoding="utf-8"))
    expected = {s["id"]: s for f in outline["families"] for s in f["sections"]}
    ours = {s.id: s for f in kb.families for s in f.sections}
    assert list(ours) == list(expected)
    text = SOURCE.read_text(encoding="utf-8")
    for section_id, section in ours.items():
        assert section.title.es == expected[section_id]["title_es"]
        assert section.title.en == expected[section_id]["title_en"]
        assert section.starts_with == expected[section_id]["starts_with"]
        assert section.starts_with in text  # the citation leads back to the paragraph
    assert [f.id for f in kb.families] == [f["id"] for f in outline["families"]]


def test_every_point_quotes_the_document_exactly(kb):
    # A point's quote is how a reader finds the passage: it must be in the document as it
    # stands (whitespace aside), and each section has points of its own.
    text = " ".join(SOURCE.read_text(encoding="utf-8").split())
    for point in kb.points:
        assert point.quote in text, point.id
    assert {p.section for p in kb.points} == {s.id for f in kb.families for s in f.sections}


def test_the_knowledge_base_is_clean():
    assert [d.render(source=False) for d in diagnose(KB_DIR)] == []


def test_every_risk_leads_to_a_measure(kb):
    for risk in (c for c in kb.conclusions if c.kind == "risk"):
        readers = [r for r in kb.rules if risk.id in {n for n in _refs(r)}]
        deriving = kb.rules_deriving(risk.id)
        measures = [kb.conclusion(t) for r in (*readers, *deriving) for t in r.then]
        assert any(m.kind == "measure" for m in measures), risk.id


def _refs(rule):
    from expert.conditions import conclusions_of

    return conclusions_of(rule.when)


def test_the_documents_two_examples_are_encoded_as_chains(kb):
    # The distribution-rate indicator of a deep-distribution plan, and the staff a deep
    # distribution needs, computed from the workload (not a cut-off).
    kpi = [r for r in kb.rules if "SYS.BASIC.PERF/distribution_rate_kpi" in r.points]
    assert kpi and kb.conclusion("add_distribution_rate_kpi").provenance == "document"
    staffing = [d for d in kb.derived if "RES.KEY_PROJECTS" in d.sections]
    assert any("/" in d.expression_text for d in staffing)
    graded = {r.severity for r in kb.rules if any(d.id in r.when_text for d in staffing)}
    assert {"high", "medium"} <= graded


def test_what_the_knowledge_base_adds_never_raises_a_high_risk(kb):
    for risk in (c for c in kb.conclusions if c.kind == "risk" and c.provenance == "practice"):
        assert risk.severity != "high"
        assert all(r.severity != "high" for r in kb.rules_deriving(risk.id))


def test_at_least_eight_examples_each_with_meta(kb):
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 8
    industries = set()
    for path in examples:
        facts = load_facts(path, kb)
        assert {"client", "plan", "date", "consultant"} <= set(facts.meta), path.name
        industries.add(facts.meta.get("industry"))
    assert len(industries) >= 6


def test_a_well_prepared_plan_produces_no_risk(kb, expert):
    result = expert.evaluate(load_facts(EXAMPLES / "plan-bien-preparado.yaml", kb))
    assert result.established("risk") == []
    assert result.established("measure") == []
    assert result.open == ()


def test_a_plan_with_many_unknowns_has_open_points_not_risks(kb, expert):
    result = expert.evaluate(load_facts(EXAMPLES / "muchas-incognitas.yaml", kb))
    assert result.established("risk") == []
    assert len(result.open_of("risk")) >= 10
    assert all(point.questions for point in result.open_of("risk"))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_nothing_is_concluded_from_missing_information(expert, data):
    # Monotone: what partial answers establish stays established however the unknown
    # answers turn out, so no rule fired because something was missing.
    questions = expert.kb.questions
    complete = data.draw(st.fixed_dictionaries({q.id: answer_value(q) for q in questions}))
    known = data.draw(st.sets(st.sampled_from([q.id for q in questions])))
    partial = {q: v for q, v in complete.items() if q in known}
    before, after = expert.evaluate_many([FactSet("p", partial), FactSet("c", complete)])
    assert set(before.trace) <= set(after.trace)
    for point in before.open:  # and what is open can still go either way
        assert point.conclusion_id not in before.trace


def test_every_example_evaluates_without_error():
    done = run_expert("evaluate", "--format", "json", str(EXAMPLES))
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == len(list(EXAMPLES.glob("*.yaml")))


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_coverage_reports_every_section_covered(fmt):
    done = run_expert("coverage", "--kb", str(KB_DIR), "--format", fmt)
    assert done.returncode == 0, done.stdout + done.stderr
    if fmt == "json":
        report = json.loads(done.stdout)
        assert report["covered"] is True
        assert len(report["sections"]) == 11
        assert all(s["scenarios"] for s in report["sections"])
    else:
        assert "cubiertas las 11 secciones y los" in done.stdout


def test_coverage_fails_when_a_section_has_no_scenario(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "one.feature").write_text(
        "# language: es\nCaracterística: x\n  Escenario: SYS.FUNC solo\n    Dado algo\n",
        encoding="utf-8")
    done = run_expert("coverage", "--kb", str(KB_DIR), "--features", str(features))
    assert done.returncode == 1
    assert "faltan: escenarios" in done.stdout
    assert "10 de 11 secciones no están cubiertas del todo" in done.stderr


def test_numbers_with_units_agree_and_staff_is_whole_people(tmp_path):
    # One outlet, one visit: every unit singular; 9,009 outlets at 4 visits a person: a
    # need of 2,252.25 people is 2,253 whole people, and the gap to one person 2,252.
    one = tmp_path / "one.yaml"
    one.write_text("answers: {plan_deep_distribution: true, target_outlets: 1, "
                   "visits_per_outlet_month: 1, visits_per_person_month: 1, "
                   "field_staff_planned: 0}\n", "utf-8")
    many = tmp_path / "many.yaml"
    many.write_text("answers: {plan_deep_distribution: true, target_outlets: 9009, "
                    "visits_per_outlet_month: 1, visits_per_person_month: 4, "
                    "field_staff_planned: 1}\n", "utf-8")
    done = run_expert("evaluate", str(one), str(many))
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "Para visitar 1 punto de venta con 1 visita al mes por punto de venta, a razón " \
        "de 1 visita al mes por persona, el plan necesita 1 persona; prevé 0 personas" in text
    assert "el plan necesita 2.253 personas; prevé 1 persona, es decir, el 0,04 %" in text
    assert "cerrar la diferencia de 2.252 personas entre" in text
    assert not any(bad in text for bad in ("1 puntos", "1 visitas", "1 personas", "unas 1",
                                            "2.252,25"))
    english = " ".join(run_expert("evaluate", "--lang", "en", str(one)).stdout.split())
    assert "To visit 1 outlet at 1 visit a month per outlet, at a rate of 1 visit a month " \
        "per person, the plan needs 1 person; it foresees 0 people" in english



@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_two_rules_behind_one_severity_give_one_severity_line(fmt):
    # Two rules set the chains' fees risk high, each with its basis: one «Gravedad:».
    done = run_expert("evaluate", "--format", fmt,
                      str(EXAMPLES / "alimentacion-grandes-superficies.yaml"))
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert text.count("Gravedad:") == 2  # two risks, one line each
    assert "se dificulta el trabajo en el punto de venta. Dos o más de las aportaciones que " \
        "exigen las cadenas no tienen partida." in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_an_open_points_title_drops_a_final_value_not_known_yet(fmt):
    done = run_expert("evaluate", "--format", fmt, str(EXAMPLES / "muchas-incognitas.yaml"))
    assert done.returncode == 0, done.stderr
    assert ": …" not in done.stdout and ":…" not in done.stdout
    for title in ("Hay objetivos del plan que no cuentan en la evaluación",
                  "Partes del plan no tienen los recursos para ejecutarse como están escritas"):
        ends = {"text": "\n", "markdown": "**", "html": "</strong>"}[fmt]
        assert title + ends in done.stdout
