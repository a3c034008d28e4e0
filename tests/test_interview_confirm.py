"""An answer that contradicts an earlier one counts only after the consultant confirms it:
before «sí» it is not saved, counted or announced, and «no», an interruption or a kill
leaves the session as it was. The terminal application, the plain line mode, a real
process killed at the prompt, and the web (one flow behind them all). Test knowledge base:
«solo volumen de ventas» contradicts «la evaluación incluye la tasa de distribución»."""

from __future__ import annotations

import io
import json

import pytest

from expert.facts import load_facts, parse_facts
from expert.infer import Expert
from expert.web.app import create_app
from expert.web.auth import create_account

from helpers import TEST_KB, run_expert
from interview_helpers import AppRun, Session
from web_helpers import PASSWORD, Web, field, step_kind, text_of

KB = ("--kb", str(TEST_KB))
META = "ACME\rPlan 2027\rLaura\r"
CONTRADICTION = "Se evalúa solo por ventas, pero la evaluación incluye la tasa"
RISK = "⚠ Nuevo riesgo (gravedad alta): El personal no se orienta al plan"


@pytest.fixture(scope="module")
def expert():
    return Expert.open(TEST_KB)


def saved_answers(expert, session) -> dict:
    facts = load_facts(session, expert.kb)
    return {**facts.answers, **{q: None for q in facts.unknown}}


@pytest.mark.parametrize("yes", [False, True])
def test_at_the_terminal_a_contradiction_counts_only_after_yes(expert, tmp_path, yes):
    session = tmp_path / "c.yaml"
    seen: dict = {}

    def at_the_prompt() -> None:  # what the session file holds while the question waits
        seen["answers"] = saved_answers(expert, session)

    # Evaluated on the plan's objectives, with the distribution rate; then corrected to
    # «sales only», which contradicts the rate and would raise a high risk.
    keys = [META, "sí\rno\r1\rsí\r", 0.4, "cambiar 3\r", "3\r", 0.6, at_the_prompt,
            "sí\r" if yes else "no\r", 0.6, "\x03"]
    run = AppRun(expert, session, keys)
    screen = "\n".join(run.snapshots[1])
    assert "¿Es correcto? (sí / no)" in screen
    before = run.transcript[:run.transcript.index("¿Es correcto?")]
    assert CONTRADICTION in " ".join(run.transcript.split())
    assert RISK not in before and "Nuevo riesgo" not in screen
    assert seen["answers"]["basis"] == "objectives"  # not saved before the answer to it
    after = run.transcript[run.transcript.index("¿Es correcto?"):]
    if yes:
        assert RISK in after
        assert saved_answers(expert, session)["basis"] == "sales_only"
    else:
        assert "Nuevo riesgo" not in after
        # Asked again, with the previous answer as it was.
        again = " ".join("\n".join(run.snapshots[2]).split())
        assert "¿Sobre qué se evalúa al personal de ventas?" in again
        assert "Respuesta actual: Los objetivos del plan (Intro para mantenerla)" in again
        assert saved_answers(expert, session)["basis"] == "objectives"
    assert "4 respuestas guardadas" in run.transcript


def test_line_by_line_an_unconfirmed_answer_is_not_saved_and_is_asked_again(expert,
                                                                            tmp_path):
    session = tmp_path / "p.yaml"
    # «sí» to the rate contradicts «sales only»; the input ends at «¿Es correcto?».
    done = run_expert("interview", *KB, "--save", str(session),
                      input="ACME\n\n\nsí\nno\n3\nsí\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.index(CONTRADICTION) < out.index("¿Es correcto? (sí / no)")
    assert "3 respuestas guardadas" in out
    assert "kpi" not in saved_answers(expert, session)
    # Resumed: the question is asked again, so «no» answers it (and not the next one).
    done = run_expert("interview", *KB, "--resume", str(session), input="no\nsalir\n")
    assert done.returncode == 0, done.stderr
    first = done.stdout.index("¿La evaluación incluye la tasa de distribución?")
    assert first < done.stdout.index("> ")
    answers = saved_answers(expert, session)
    assert answers["kpi"] is False and "systems" not in answers
    # «no» at the prompt: asked again; «sí» then records it.
    other = tmp_path / "q.yaml"
    done = run_expert("interview", *KB, "--save", str(other),
                      input="ACME\n\n\nsí\nno\n3\nsí\nno\nsí\nsí\nsalir\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("¿Es correcto? (sí / no)") == 2
    assert saved_answers(expert, other)["kpi"] is True


def test_killed_at_the_confirmation_the_answer_is_not_on_disk(expert, tmp_path):
    session = tmp_path / "k.yaml"
    child = Session("--save", str(session))
    for line in ("ACME", "", "", "sí", "no", "3", "sí"):
        child.wait_prompt()
        child.send(line)
    child.wait_prompt()
    assert "¿Es correcto? (sí / no)" in child.buffer.decode()
    child.kill()
    answers = saved_answers(expert, session)
    assert answers == {"plan_deep": True, "plan_chains": False, "basis": "sales_only"}
    done = run_expert("interview", *KB, "--resume", str(session), input="no\nsalir\n")
    assert done.returncode == 0, done.stderr
    assert saved_answers(expert, session)["kpi"] is False


# --- the web: the same flow ------------------------------------------------------------

@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("web"), TEST_KB)
    assert create_account(app.extensions["expert"].db, "laura", PASSWORD) is None
    return app


def counts(consultant: Web, iid: int) -> str:
    words = text_of(consultant.get(f"/c/{iid}"))
    return words[words.index("en curso"):][:60]


def downloaded(consultant: Web, expert, iid: int) -> dict:
    consultant.get(f"/c/{iid}/download/session")
    facts = parse_facts(consultant.page, "s.yaml", expert.kb)
    return {**facts.answers, **{q: None for q in facts.unknown}}


def test_on_the_web_nothing_is_stored_counted_or_shown_before_yes(app, expert):
    consultant = Web(app.test_client())
    consultant.login()
    iid, _ = consultant.create("ACME")
    runner = Web(app.test_client())  # the consultant runs it: risks are announced
    runner.login()
    runner.get(f"/c/{iid}/run")
    for answer in ("yes", "no", "objectives", "yes"):
        runner.act(action="answer", answer=answer)
    assert counts(consultant, iid).startswith("en curso · 4 respuestas · 0 riesgos")
    runner.post(f"/c/{iid}/run/act", {"action": "change", "target": "basis",
                                      "version": field(runner.page, "version")})
    runner.act(action="answer", answer="sales_only")
    assert runner.status == 200 and step_kind(runner.page) == "confirm"
    assert CONTRADICTION in text_of(runner.page) and "Nuevo riesgo" not in runner.page
    assert counts(consultant, iid).startswith("en curso · 4 respuestas · 0 riesgos")
    assert downloaded(consultant, expert, iid)["basis"] == "objectives"
    runner.act(yes="0")  # «No, corregirla»: the question again, the answer as it was
    assert runner.target == "basis" and "Respuesta actual: Los objetivos del plan" in \
        text_of(runner.page)
    assert "Nuevo riesgo" not in runner.page
    assert downloaded(consultant, expert, iid)["basis"] == "objectives"
    assert counts(consultant, iid).startswith("en curso · 4 respuestas · 0 riesgos")
    runner.act(action="answer", answer="sales_only")
    runner.act(yes="1")
    assert RISK in text_of(runner.page)
    assert downloaded(consultant, expert, iid)["basis"] == "sales_only"
    assert counts(consultant, iid).startswith("en curso · 4 respuestas · 1 riesgo")


def test_a_confirmation_left_by_the_previous_version_keeps_its_recorded_answer(app, expert):
    """Before this fix the answer was recorded before the question: a stored interview
    waiting at that confirmation holds it, and «sí» keeps it (not «unknown»)."""
    consultant = Web(app.test_client())
    consultant.login()
    consultant.get("/c/")
    session = (b"meta: {client: ACME}\nanswers: {plan_deep: true, plan_chains: false, "
               b"basis: sales_only, kpi: true}\n")
    consultant.post("/c/import", {"file": (io.BytesIO(session), "s.yaml"), "lang": "es"})
    db = app.extensions["expert"].db
    iid = int(db.one("SELECT max(id) FROM interviews")[0])
    state = json.loads(db.one("SELECT state FROM interviews WHERE id = ?", (iid,))[0])
    state["flow"] = {"revisit": [], "offered": False, "pending": {
        "kind": "contradiction", "question": "kpi", "value": None,
        "message": CONTRADICTION + " de distribución."}}
    db.write("UPDATE interviews SET state = ? WHERE id = ?", (json.dumps(state), iid))
    consultant.get(f"/c/{iid}/run")
    assert step_kind(consultant.page) == "confirm"
    consultant.act(yes="1")
    assert downloaded(consultant, expert, iid)["kpi"] is True
