"""Step definitions in Spanish for the consultants' scenarios.

Every step goes through the real product: answers are written as a fact file and read by
the real loader, plans are evaluated by the real engine (``infer.Expert``).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Keep the parse cache of this test run (and of the commands it starts) out of the home
# folder.
if "XDG_CACHE_HOME" not in os.environ:
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="expert-test-cache-")
    atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)
from pytest_bdd import given, parsers, then, when

from expert.facts import load_facts, parse_facts
from expert.infer import Expert
from expert.loader import load_knowledge_base

KB_DIR = Path(__file__).resolve().parent.parent / "knowledge_base"
LEVELS = {"alta": "high", "media": "medium", "baja": "low"}


@pytest.fixture(scope="session")
def experto() -> Expert:
    return Expert(load_knowledge_base(KB_DIR))


@pytest.fixture
def caso() -> dict:
    return {}


def _answers_yaml(rows: list[list[str]]) -> str:
    header, *body = rows
    assert [c.strip().lower() for c in header] == ["pregunta", "respuesta"], header
    lines = ["answers:"] + [f"  {q.strip()}: {a.strip()}" for q, a in body]
    return "\n".join(lines) + "\n"


@given("un plan con estas respuestas:")
def plan_con_respuestas(caso, experto, datatable):
    caso["facts"] = parse_facts(_answers_yaml(datatable), "escenario.yaml", experto.kb)


@given(parsers.parse('un plan con las respuestas "{respuestas}"'))
def plan_con_respuestas_en_linea(caso, experto, respuestas):
    rows = [["pregunta", "respuesta"]]
    rows += [part.split("=", 1) for part in respuestas.split(";") if part.strip()]
    caso["facts"] = parse_facts(_answers_yaml(rows), "escenario.yaml", experto.kb)


@given(parsers.parse('el caso de ejemplo "{nombre}"'))
def caso_de_ejemplo(caso, experto, nombre):
    caso["facts"] = load_facts(KB_DIR / "examples" / f"{nombre}.yaml", experto.kb)


@when("evalúo el plan")
def evaluo(caso, experto):
    caso["result"] = experto.evaluate(caso["facts"])


def _established(caso, kind: str, cid: str):
    result = caso["result"]
    assert cid in result.trace, (
        f"{kind} {cid} no establecido; establecidos: {sorted(result.trace)}")
    conclusion = result.kb.conclusion(cid)
    assert conclusion.kind == kind
    return conclusion


@then(parsers.parse('se establece el riesgo "{cid}" de gravedad "{nivel}"'))
def riesgo_con_gravedad(caso, cid, nivel):
    _established(caso, "risk", cid)
    # The level the plan gets: the highest among the rules that fired (graded severity).
    actual = caso["result"].severity(cid)
    assert actual == LEVELS[nivel], f"{cid}: gravedad {actual}, esperada {LEVELS[nivel]}"


@then(parsers.parse('se establece el riesgo "{cid}"'))
def riesgo(caso, cid):
    _established(caso, "risk", cid)


@then(parsers.parse('se establece el hallazgo "{cid}"'))
def hallazgo(caso, cid):
    _established(caso, "finding", cid)


@then(parsers.parse('se recomienda la medida "{cid}"'))
def medida(caso, cid):
    _established(caso, "measure", cid)


@then(parsers.parse('se recomienda la medida "{cid}" con el título "{titulo}"'))
def medida_con_titulo(caso, cid, titulo):
    from expert.wording import title

    conclusion = _established(caso, "measure", cid)
    shown = title(caso["result"], conclusion, "es")
    assert shown == titulo, shown


@then(parsers.parse('no se recomienda la medida "{cid}"'))
def sin_medida(caso, cid):
    assert cid not in caso["result"].trace


@then(parsers.parse('el valor calculado "{vid}" es {valor:g}'))
def valor_calculado(caso, vid, valor):
    actual = caso["result"].values.get(vid)
    assert actual is not None and abs(actual - valor) < 0.01, f"{vid} = {actual}"


@then(parsers.parse('se avisa de la incoherencia "{cid}"'))
def incoherencia(caso, cid):
    assert cid in caso["result"].contradictions, caso["result"].contradictions


@then("no se avisa de ninguna incoherencia")
def sin_incoherencias(caso):
    assert caso["result"].contradictions == ()


@then(parsers.parse('el riesgo "{cid}" cita la sección "{seccion}"'))
def cita(caso, cid, seccion):
    assert seccion in caso["result"].kb.conclusion(cid).sections


@then(parsers.parse('la regla "{regla}" explica el riesgo "{cid}"'))
def regla_explica(caso, regla, cid):
    assert regla in caso["result"].rules_for(cid)


@then(parsers.parse('no se establece el riesgo "{cid}"'))
def sin_riesgo(caso, cid):
    assert cid not in caso["result"].trace


@then("no se establece ningún riesgo")
def ningun_riesgo(caso):
    assert caso["result"].established("risk") == []


def _high_risks(result) -> list[str]:
    return sorted(c.id for c in result.established("risk") if result.severity(c.id) == "high")


@then("no se establece ningún riesgo de gravedad alta")
def ningun_riesgo_alto(caso):
    assert _high_risks(caso["result"]) == []


@then(parsers.parse('los riesgos de gravedad alta son "{lista}"'))
def riesgos_altos(caso, lista):
    wanted = [] if lista.strip() == "ninguno" else sorted(x.strip() for x in lista.split(","))
    assert _high_risks(caso["result"]) == wanted, _high_risks(caso["result"])


# --- the acceptance corpus (knowledge_base/tests) ----------------------------------------------

@given(parsers.parse('el caso de aceptación "{nombre}"'))
def caso_de_aceptacion(caso, experto, nombre):
    from expert.facts import facts_from_document
    from expert.yamlio import load_document

    path = KB_DIR / "tests" / f"{nombre}.yaml"
    document = load_document(path)
    data = document.data
    if isinstance(data.get("facts"), str):
        caso["facts"] = load_facts(path.parent / data["facts"], experto.kb)
    else:
        caso["facts"] = facts_from_document(document.sub(
            {k: v for k, v in data.items() if k in ("meta", "answers", "notes")}), experto.kb)
    caso["path"] = path


@then("el caso cumple todas sus expectativas")
def cumple_expectativas(caso, experto):
    from expert.kbtest import run_case

    outcome = run_case(experto, caso["path"])
    assert outcome.error is None, outcome.error
    assert outcome.passed, [p.render("es") if hasattr(p, "render") else str(p)
                            for p in outcome.problems]


@then(parsers.parse('el riesgo "{cid}" está "{estado}"'))
def riesgo_en_estado(caso, cid, estado):
    result = caso["result"]
    assert result.kb.conclusion(cid).kind == "risk"
    opened = {p.conclusion_id for p in result.open}
    actual = ("establecido" if cid in result.trace else
              "abierto" if cid in opened else "ausente")
    assert actual == estado, f"{cid}: {actual}, esperado {estado}"


@then(parsers.parse('el riesgo "{cid}" queda abierto'))
def abierto(caso, cid):
    result = caso["result"]
    assert cid not in result.trace
    assert cid in {p.conclusion_id for p in result.open}, [p.conclusion_id for p in result.open]


@then(parsers.parse('para decidir el riesgo "{cid}" se pregunta "{pregunta}"'))
def se_pregunta(caso, cid, pregunta):
    point = next(p for p in caso["result"].open if p.conclusion_id == cid)
    assert pregunta in point.questions, point.questions


# --- the interview, from the consultant's side ------------------------------------------------
# The interview's behaviour does not depend on the knowledge base's content: these scenarios
# use the test knowledge base (tests/data/kb) and name questions by their Spanish text.

TEST_KB = Path(__file__).resolve().parent.parent / "tests" / "data" / "kb"


@pytest.fixture(scope="session")
def experto_de_prueba() -> Expert:
    return Expert(load_knowledge_base(TEST_KB))


@given("que empiezo una entrevista nueva con la base de prueba", target_fixture="entrevista")
def entrevista_nueva(experto_de_prueba, tmp_path):
    from expert.interview.flow import Interview
    from expert.interview.session import SessionState, save_session

    path = tmp_path / "sesion.yaml"
    state = SessionState(meta={"client": "ACME"}, meta_asked=["client", "plan", "consultant"])
    interview = Interview(experto_de_prueba, state, "es", save=lambda current: save_session(
        path, current, experto_de_prueba.kb, "es"))
    interview.path = path
    return interview


def _escribir(entrevista, caso, texto: str) -> None:
    from expert.interview.dialogue import handle, step_lines

    step = entrevista.step()
    caso.setdefault("pantalla", []).extend(step_lines(entrevista, step))
    reply = handle(entrevista, step, texto)
    caso["pantalla"] += reply.lines + ([f"✗ {reply.problem}"] if reply.problem else [])


@when(parsers.parse('respondo «{texto}» a «{pregunta}»'))
def respondo(entrevista, caso, pregunta, texto):
    step = entrevista.step()
    assert step.question is not None and step.question.text.es == pregunta, (
        f"se pregunta {step.question.text.es if step.question else step.kind}")
    _escribir(entrevista, caso, texto)


@when(parsers.parse('escribo «{orden}»'))
def escribo(entrevista, caso, orden):
    _escribir(entrevista, caso, orden)


@when("pulso Intro sin escribir nada")
def pulso_intro(entrevista, caso):
    _escribir(entrevista, caso, "")


@then(parsers.parse('la siguiente pregunta es «{pregunta}»'))
def siguiente(entrevista, pregunta):
    step = entrevista.step()
    assert step.question is not None and step.question.text.es == pregunta, step


@then(parsers.parse('nunca se pregunta «{pregunta}»'))
def nunca(entrevista, pregunta):
    # Answer everything else as unknown until the end: the question never comes up.
    while (step := entrevista.step()).kind == "question":
        assert step.question.text.es != pregunta
        entrevista.answer(step.question, None)


@then(parsers.parse('en pantalla se lee «{texto}»'))
def se_lee(caso, texto):
    pantalla = " ".join(" ".join(caso.get("pantalla", [])).split())
    assert texto in pantalla, caso.get("pantalla")


@then(parsers.parse('la sesión guardada responde «{valor}» a «{pregunta}»'))
def sesion_guardada(entrevista, experto_de_prueba, pregunta, valor):
    from expert.wording import show_value

    kb = experto_de_prueba.kb
    question = next(q for q in kb.questions if q.text.es == pregunta)
    saved = load_facts(entrevista.path, kb)
    value = saved.answers.get(question.id)
    assert show_value(question, value, "es") == valor, value
