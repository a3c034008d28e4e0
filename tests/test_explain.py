"""``explain`` in-process, line by line: what each node says, in which order, and what it
leaves out (rule ids without ``detail``, unknown answers, conclusions already explained
above on a positive cycle). The command-line tests only look for a few lines."""

from __future__ import annotations

import pytest

from expert.errors import InputError
from expert.explain import explain, render_tree
from expert.facts import FactSet, load_facts
from expert.infer import Expert
from expert.loader import load_knowledge_base

from helpers import TEST_KB, TEST_PLANS, conclusion, family, question, rule, write_kb

CHAIN = family(
    [question("a"), question("c"), question("d"), question("e")],
    [conclusion("f"), conclusion("g"), conclusion("x", "risk"), conclusion("p"),
     conclusion("q"), conclusion("h")],
    [rule("r_f", "a", "finding.f"), rule("r_g", "d", "finding.g"),
     rule("r_x", "finding.f and not finding.g and c", "risk.x"),
     rule("r_qp", "finding.p", "finding.q"), rule("r_pq", "finding.q", "finding.p"),
     rule("r_p", "a", "finding.p"), rule("r_h", "e is unknown", "finding.h")],
)
PASSAGE_ES = "lo dice el documento, SYS.A Sección A: «A. Primera…»"
PASSAGE_EN = "the document says so, SYS.A Section A: «A. Primera…»"


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    return Expert(load_knowledge_base(write_kb(tmp_path_factory.mktemp("kb"), CHAIN)))


@pytest.fixture(scope="module")
def done(chain):
    facts = FactSet("p", {"a": True, "c": True, "d": False},
                    notes={"a": "dicho\nen la reunión"})
    return chain.evaluate(facts)


def tree(result, cid, lang, detail=False):
    return render_tree(explain(result, cid, lang, detail=detail)).split("\n")


def test_a_risk_goes_down_to_the_answers_with_their_notes_and_says_what_did_not_hold(done):
    assert tree(done, "x", "es") == [
        "RIESGO: T x (gravedad alta)",
        "├─ porque",
        "│  ├─ ¿c? → «sí»",
        "│  ├─ HALLAZGO: T f",
        "│  │  ├─ porque",
        "│  │  │  └─ ¿a? → «sí» — nota: «dicho\\x0aen la reunión»",
        f"│  │  └─ {PASSAGE_ES}",
        "│  └─ no se da: T g",
        f"└─ {PASSAGE_ES}",
    ]


def test_detail_gives_each_rule_with_its_condition_and_each_conclusion_its_reference(done):
    assert tree(done, "x", "en", detail=True) == [
        "RISK: T x (high severity) [risk.x]",
        "├─ rule r_x: finding.f and not finding.g and c",
        "│  ├─ c? → 'yes'",
        "│  ├─ FINDING: T f [finding.f]",
        "│  │  ├─ rule r_f: a",
        "│  │  │  └─ a? → 'yes' — note: «dicho\\x0aen la reunión»",
        f"│  │  └─ {PASSAGE_EN}",
        "│  └─ does not hold: T g",
        f"└─ {PASSAGE_EN}",
    ]


def test_a_positive_cycle_is_explained_once_and_then_only_named(done):
    assert tree(done, "p", "en") == [
        "FINDING: T p",
        "├─ because",
        "│  └─ a? → 'yes' — note: «dicho\\x0aen la reunión»",
        "├─ because",
        "│  └─ FINDING: T q",
        "│     ├─ because",
        "│     │  └─ FINDING: T p",
        f"│     └─ {PASSAGE_EN}",
        f"└─ {PASSAGE_EN}",
    ]


def test_an_unknown_answer_a_rule_read_is_not_listed(done):
    assert tree(done, "h", "en") == ["FINDING: T h", "├─ because", f"└─ {PASSAGE_EN}"]


def test_a_conclusion_not_reached_lists_its_rules_only_in_detail(done):
    assert tree(done, "g", "en") == [
        "FINDING: T g", "└─ not established, and these answers cannot establish it"]
    assert tree(done, "g", "es", detail=True) == [
        "HALLAZGO: T g [finding.g]",
        "├─ no establecido y no puede establecerse con estas respuestas",
        "└─ regla r_g: d",
    ]
    assert tree(done, "g", "en", detail=True)[-1] == "└─ rule r_g: d"


def test_an_open_conclusion_lists_the_questions_that_would_decide_it(chain):
    result = chain.evaluate(FactSet("p", {"a": True, "d": False}))
    assert tree(result, "x", "en", detail=True) == [
        "RISK: T x [risk.x]",
        "└─ open: these still unknown answers would decide it",
        "   └─ c?",
    ]


def test_an_unknown_conclusion_is_a_usage_error_with_a_suggestion(done):
    with pytest.raises(InputError) as caught:
        explain(done, "xx", "en")
    assert caught.value.code == "usage"
    assert "«xx»" in str(caught.value) and "«x»" in str(caught.value)


def test_graded_severity_its_basis_and_consulting_practice():
    expert = Expert(load_knowledge_base(TEST_KB))
    result = expert.evaluate(load_facts(TEST_PLANS / "capilar.yaml", expert.kb))
    assert tree(result, "understaffed", "es", detail=True) == [
        "RIESGO: El personal previsto no cubre las visitas (40 personas de 250 personas) "
        "(gravedad alta) [risk.understaffed]",
        "├─ Gravedad: el personal cubre el 16 % de las visitas, menos de la mitad.",
        "├─ regla r_under_high: plan_deep and coverage < 50",
        "│  ├─ Cobertura de la carga de visitas → «16 %»",
        "│  └─ ¿El plan prevé distribución capilar? → «sí»",
        "├─ regla r_under: plan_deep and coverage < 80",
        "│  ├─ Cobertura de la carga de visitas → «16 %»",
        "│  └─ ¿El plan prevé distribución capilar? → «sí»",
        "└─ lo dice el documento, RES.A Recursos clave: «C. Recursos…»",
    ]
    assert tree(result, "tie_evaluation", "es") == [
        "MEDIDA: Rehacer la evaluación en torno al plan",
        "├─ porque",
        "│  └─ HALLAZGO: La evaluación no recoge el plan",
        "│     ├─ porque",
        "│     │  └─ ¿Sobre qué se evalúa al personal de ventas? → «Solo volumen de ventas»",
        "│     └─ lo dice el documento, SYS.A Evaluación: «A. Evaluación…»",
        "└─ Práctica de consultoría (no lo dice el documento)",
    ]
