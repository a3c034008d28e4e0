"""The guided interview: the real prompt-toolkit application through its pipe input, the
plain line mode, and the real CLI."""

from __future__ import annotations

import yaml

from expert.facts import load_facts
from expert.interview.run import run_interview
from expert.interview.session import SessionLock

from helpers import EXAMPLES, run_expert
from interview_helpers import PromptConsultant, plain_consultant


def example(kb, name: str) -> dict:
    facts = load_facts(EXAMPLES / f"{name}.yaml", kb)
    answers = dict(facts.answers)
    answers.update({q: None for q in facts.unknown})
    return answers


def interview_with(expert, consultant, path, *, resume=False, lang="es") -> int:
    return run_interview(expert, consultant, lang, session=path, resume=resume)


def test_full_interview_in_the_terminal_application(expert, kb, tmp_path):
    answers = example(kb, "bebidas-distribucion")
    driver = PromptConsultant(answers, extra=["Bebidas del Norte", "Plan 2027", "Laura", "sí"])
    session = tmp_path / "bebidas.yaml"
    with driver:
        assert interview_with(expert, driver.consultant, session) == 0
    saved = load_facts(session, kb)
    assert saved.meta["client"] == "Bebidas del Norte"
    assert saved.interview["finished"] is True
    # The interview reaches the same conclusions as the example file it was fed from.
    reference = expert.evaluate(load_facts(EXAMPLES / "bebidas-distribucion.yaml", kb))
    assert set(expert.evaluate(saved).trace) == set(reference.trace)
    assert len(driver.consultant.asked) < len(kb.questions)  # only what still mattered
    screen = driver.screen.getvalue()
    assert "Nuevo riesgo (alta): La distribución en profundidad es imposible" in screen
    assert (tmp_path / "bebidas.md").read_text(encoding="utf-8").startswith("# Bebidas del Norte")


def test_an_irrelevant_question_is_never_asked(expert, kb, tmp_path):
    answers = example(kb, "bebidas-distribucion")  # no key accounts, no branches
    consultant, _ = plain_consultant(answers, extra=["", "", "", "no"])
    interview_with(expert, consultant, tmp_path / "s.yaml")
    assert "plan_key_accounts" in consultant.asked
    for never in ("key_account_fees_budgeted", "hq_professional_authority",
                  "branch_execution_authority", "structure_adjusted", "npd_lead_department"):
        assert never not in consultant.asked


def test_invalid_numbers_are_refused_at_the_prompt(expert, kb, tmp_path):
    answers = {"plan_deep_distribution": True, "staff_per_province": 2}

    def mistakes(question):
        if question.id == "staff_per_province":
            return [("muchos", "\x15", "-3", "\x15", "99999", "\x15", "2")]
        return []

    driver = PromptConsultant(answers, before=mistakes, extra=["", "", "", "no"])
    session = tmp_path / "n.yaml"
    with driver:
        interview_with(expert, driver.consultant, session)
    screen = driver.screen.getvalue()
    assert "escriba un número, por ejemplo 3 o 12,5" in screen
    assert "-3 está fuera de rango: 0 a 5000" in screen
    assert "99999 está fuera de rango" in screen
    assert load_facts(session, kb).answers["staff_per_province"] == 2


def test_back_changes_a_conclusion_and_skip_leaves_it_open(expert, kb, tmp_path):
    plan = example(kb, "bebidas-distribucion")
    plan["staff_per_province"] = 9
    plan["distribution_rate_kpi"] = None  # skipped: unknown
    state = {"staff_done": False, "backed": False}

    def before(question):
        if question.id == "staff_per_province" and not state["staff_done"]:
            state["staff_done"] = True
            return ["1"]  # first: 1 person per province
        if state["staff_done"] and not state["backed"]:
            state["backed"] = True
            return ["estado", "atrás"]  # on the next question: the status, then go back
        return []

    consultant, output = plain_consultant(plan, before=before, extra=["", "", "", "no"])
    session = tmp_path / "b.yaml"
    interview_with(expert, consultant, session)
    text = output.getvalue()
    # With 1 person per province the risk was established and shown in the status...
    announced = "Nuevo riesgo (alta): La distribución en profundidad es imposible"
    assert announced in text
    undone = text.index("Se deshace la respuesta a: ¿Cuántas personas propias")
    assert text.index(announced) < text.index("[alta] La distribución en profundidad") < undone
    # ...then 'atrás' undid it, the question came again, and 9 people clear it.
    saved = load_facts(session, kb)
    assert saved.answers["staff_per_province"] == 9
    result = expert.evaluate(saved)
    assert "deep_distribution_infeasible" not in result.trace
    # The skipped KPI question is unknown: its risk is an open point, not a risk.
    assert "distribution_rate_kpi" in saved.unknown
    assert "distribution_rate_neglected" in {p.conclusion_id for p in result.open}


def test_ctrl_c_saves_and_resume_continues_and_evaluate_accepts(expert, kb, tmp_path):
    answers = example(kb, "cosmetica-promociones")
    driver = PromptConsultant(answers, stop_after=5, extra=["Belleza", "", ""])
    session = tmp_path / "c.yaml"
    with driver:
        assert interview_with(expert, driver.consultant, session) == 0
    saved = load_facts(session, kb)
    assert len(saved.answers) + len(saved.unknown) == 5
    assert saved.interview["finished"] is False
    assert saved.interview["position"] == driver.consultant.asked[-1]
    done = run_expert("evaluate", "--format", "json", str(session))
    assert done.returncode == 0, done.stderr
    # Resume in plain mode through the real CLI and finish.
    script = _script_for(expert, kb, answers, session)
    done = run_expert("interview", "--resume", str(session), input=script)
    assert done.returncode == 0, done.stderr
    assert "Se continúa la sesión" in done.stdout
    final = load_facts(session, kb)
    assert final.interview["finished"] is True
    assert final.meta["client"] == "Belleza"
    reference = expert.evaluate(load_facts(EXAMPLES / "cosmetica-promociones.yaml", kb))
    assert set(expert.evaluate(final).trace) == set(reference.trace)


def _script_for(expert, kb, answers, session) -> str:
    """The lines a consultant types to finish a saved interview (simulated in memory)."""
    from expert.interview.flow import Interview
    from expert.interview.session import load_session

    from interview_helpers import typed

    state = load_session(session, kb)
    flow = Interview(expert, state, session, "es", autosave=False)
    lines = []
    while (question := flow.next_question()) is not None:
        value = answers.get(question.id)
        lines.append(typed(question, value))
        flow.answer(question, value)
    return "\n".join([*lines, "no"]) + "\n"


def test_commands_help_why_review_change_and_note(expert, kb, tmp_path):
    answers = {"plan_deep_distribution": True, "plan_key_accounts": False,
               "staff_per_province": 2}

    def before(question):
        if question.id == "plan_key_accounts":
            return ["ayuda", "porqué", "nota El cliente duda", "revisar",
                    "cambiar plan_deep_distribution"]
        return []

    consultant, output = plain_consultant(answers, before=before, stop_after=4,
                                          extra=["", "", ""])
    session = tmp_path / "h.yaml"
    interview_with(expert, consultant, session)
    text = output.getvalue()
    assert "Responda sí si el plan busca entrar o crecer en cadenas" in text  # help
    assert "Órdenes: ayuda (?)" in text
    assert "Esta respuesta puede decidir:" in text and "RES.KEY_PROJECTS" in text  # why
    assert "Respuestas hasta ahora:" in text and "plan_deep_distribution: sí" in text
    assert consultant.asked.count("plan_deep_distribution") == 2  # 'cambiar' asked it again
    assert load_facts(session, kb).notes == {"plan_key_accounts": "El cliente duda"}


def test_english_interview_through_the_cli(tmp_path):
    session = tmp_path / "en.yaml"
    done = run_expert("interview", "--lang", "en", "--save", str(session),
                      input="ACME\nPlan\nMe\nyes\nwhy\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "Interview: institutional guarantees of the marketing plan" in done.stdout
    assert "Does the plan include deep distribution" in done.stdout
    assert "This answer can decide:" in done.stdout
    assert "answers saved to" in done.stdout
    assert yaml.safe_load(session.read_text("utf-8"))["answers"] == {
        "plan_deep_distribution": True}


def test_a_second_interview_on_the_same_session_is_refused(tmp_path):
    session = tmp_path / "locked.yaml"
    session.write_text("answers: {}\n", encoding="utf-8")
    with SessionLock(session):
        done = run_expert("interview", "--resume", str(session), input="sí\n")
    assert done.returncode == 2
    assert "another interview is using locked.yaml right now" in done.stderr
    assert session.read_text(encoding="utf-8") == "answers: {}\n"  # untouched


def test_resume_of_a_missing_or_broken_session_says_why(tmp_path):
    done = run_expert("interview", "--resume", str(tmp_path / "none.yaml"))
    assert done.returncode == 2 and "session file not found" in done.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers:\n  staff_per_province: lots\n", encoding="utf-8")
    done = run_expert("interview", "--resume", str(broken))
    assert done.returncode == 2
    assert f"{broken}:2:23: error: answer to 'staff_per_province'" in done.stderr


def test_ctrl_d_in_the_terminal_application_saves_and_leaves(expert, kb, tmp_path):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from expert.interview.terminals import PromptTerminal

    session = tmp_path / "d.yaml"
    with create_pipe_input() as pipe:
        pipe.send_text("ACME\r\r\rsí\r\x04")  # meta, one answer, then Ctrl-D
        terminal = PromptTerminal("es", input=pipe, output=DummyOutput())
        assert run_interview(expert, terminal, "es", session=session, resume=False) == 0
    saved = load_facts(session, kb)
    assert saved.meta["client"] == "ACME"
    assert saved.answers == {"plan_deep_distribution": True}
    assert saved.interview["finished"] is False
