"""The guided interview: the real prompt-toolkit application through its pipe input, the
plain line mode and the real CLI, with the test knowledge base (tests/data/kb). Each test
names the promise it keeps."""

from __future__ import annotations

import re

import pytest
import yaml

from expert.facts import load_facts
from expert.infer import Expert
from expert.interview.session import SessionLock, report_path

from helpers import TEST_KB, TEST_PLANS, run_expert
from interview_helpers import AppRun, plan_script, render

KB = ("--kb", str(TEST_KB))
META = "ACME\rPlan 2027\rLaura\r"


@pytest.fixture(scope="module")
def expert():
    return Expert.open(TEST_KB)


def answers_of(expert, name: str) -> dict:
    facts = load_facts(TEST_PLANS / f"{name}.yaml", expert.kb)
    return {**facts.answers, **{q: None for q in facts.unknown}}


@pytest.mark.parametrize("leave", ["\x03", "\x04", "12\x04"],
                         ids=["ctrl-c", "ctrl-d", "ctrl-d-after-a-half-typed-answer"])
def test_a_whole_interview_typed_ahead_in_one_burst_keeps_every_answer(expert, tmp_path,
                                                                        leave):
    answers = answers_of(expert, "capilar")
    steps = plan_script(expert, answers)
    session = tmp_path / "burst.yaml"
    # Every key at once, as a fast typist would, then Ctrl-C or Ctrl-D: nothing is lost or
    # echoed raw (an answer not yet entered is not an answer).
    burst = META + "".join(text + "\r" for _, text in steps[:6]) + leave
    run = AppRun(expert, session, [burst, 1.0])
    saved = load_facts(session, expert.kb)
    assert saved.meta["client"] == "ACME" and saved.meta["plan"] == "Plan 2027"
    assert {**saved.answers, **{q: None for q in saved.unknown}} == {
        qid: answers[qid] for qid, _ in steps[:6]}
    assert "6 respuestas guardadas en" in run.transcript
    assert "Para continuar: expert interview --resume" in run.transcript


def test_the_interview_reaches_the_conclusions_of_the_plan_it_was_fed(expert, tmp_path):
    answers = answers_of(expert, "capilar")
    keys = [META, *(text + "\r" for _, text in plan_script(expert, answers)), "sí\r", 1.0]
    session = tmp_path / "full.yaml"
    run = AppRun(expert, session, keys)
    saved = load_facts(session, expert.kb)
    assert saved.interview["finished"] is True
    reference = expert.evaluate(load_facts(TEST_PLANS / "capilar.yaml", expert.kb))
    assert set(expert.evaluate(saved).trace) == set(reference.trace)
    transcript = run.transcript
    assert "⚠ Nuevo riesgo (gravedad alta): El personal no se orienta al plan" in transcript
    # The end summary: risks by severity with counts, measures with priority, same counts.
    assert transcript.index("gravedad alta (2)") < transcript.index("gravedad media (2)")
    assert "Rehacer la evaluación en torno al plan (prioridad alta)" in transcript
    assert report_path(session).read_text("utf-8").startswith("# ACME — Plan 2027")
    assert "Informe escrito en" in transcript


def test_numbers_follow_the_language_and_implausible_ones_are_confirmed(expert, tmp_path):
    keys = [META, "sí\rno\r1\rsí\r1\r", "1.500\r", "2\r", "1.5\r", "15\r", "40\r", 0.5,
            "\x03"]
    run = AppRun(expert, tmp_path / "es.yaml", keys)
    saved = load_facts(tmp_path / "es.yaml", expert.kb)
    assert saved.answers["outlets"] == 1500  # not 1.5
    assert "«1.5» se puede leer de dos maneras (¿quería decir 15, 1,5?)" in run.flat
    assert saved.answers["capacity"] == 15
    keys = ["ACME\r\r\ryes\rno\r1\ryes\r1\r", "1,000\r", "30\r", "yes\r", 0.5, "\x03"]
    run = AppRun(expert, tmp_path / "en.yaml", keys, lang="en")
    saved = load_facts(tmp_path / "en.yaml", expert.kb)
    assert saved.answers["outlets"] == 1000  # not 1
    # Visits declare no plausible range: 30 is recorded as typed, with nothing to confirm
    # (the «yes» after it is refused by the next question, a number).
    assert saved.answers["visits"] == 30 and "capacity" not in saved.answers
    assert "Is that right?" not in run.transcript
    assert "✗ 'yes' is not a number" in run.transcript


IMPLAUSIBLE = "10 es poco habitual: lo normal va de 50 a 200.000."


def words(screen: list[str]) -> str:
    """A screen's words in order, without the rule above the prompt."""
    return " ".join(" ".join(line for line in screen if set(line) != {"─"}).split())


def test_an_implausible_number_is_recorded_only_after_yes_and_asked_again_after_no(
        expert, tmp_path):
    session = tmp_path / "n.yaml"
    on_disk: list[dict] = []

    def saved() -> None:  # what the session file holds at that moment
        facts = load_facts(session, expert.kb)
        on_disk.append({**facts.answers, **{q: None for q in facts.unknown}})

    # Outlets declare plausible: {min: 50, max: 200000}; 10 is valid (0 to 2.000.000).
    keys = [META, "sí\rno\r1\rsí\r1\r", "10\r", 0.6, saved, "no\r", 0.6, saved,
            "10\r", 0.6, "sí\r", 0.6, saved, "\x03"]
    run = AppRun(expert, session, keys)
    asking, again, confirming, recorded = run.snapshots
    screen = words(asking)
    assert screen.endswith(f"> 10 {IMPLAUSIBLE} ¿Es correcto? (sí / no) > "
                           "Recursos · 5 respondidas · 6 pendientes · F1 ayuda F2 porqué "
                           "F3 atrás F4 saltar"), screen
    assert "outlets" not in on_disk[0]  # neither saved nor counted before the answer
    # «no»: unanswered, the same question again.
    screen = words(again)
    assert screen.endswith("> no ¿Cuántos puntos de venta objetivo? (un número de 0 a "
                           "2.000.000 (puntos de venta)) > Recursos · 5 respondidas · "
                           "6 pendientes · F1 ayuda F2 porqué F3 atrás F4 saltar"), screen
    assert "outlets" not in on_disk[1]
    assert IMPLAUSIBLE in words(confirming)
    # «sí»: recorded as typed, and the interview goes on.
    screen = words(recorded)
    assert "¿Visitas al mes por punto de venta?" in screen
    assert "6 respondidas · 5 pendientes" in screen
    assert on_disk[2]["outlets"] == 10
    assert run.transcript.count("¿Es correcto? (sí / no)") == 2
    assert run.transcript.count("¿Cuántos puntos de venta objetivo?") == 2
    assert load_facts(session, expert.kb).answers["outlets"] == 10


def test_a_refused_answer_says_why_beside_the_prompt_and_is_cleared(expert, tmp_path):
    keys = [META, "sí\rno\r", "ventas\r", 0.6, "3\r", 0.3, "\x03"]
    run = AppRun(expert, tmp_path / "r.yaml", keys)
    screen_after_refusal = run.snapshots[0]
    assert any("✗" in line and "ventas" in line for line in screen_after_refusal)
    prompt = next(line for line in reversed(screen_after_refusal) if line.startswith(">"))
    assert prompt == ">"  # cleared: typing «3» does not become «ventas3»
    assert load_facts(tmp_path / "r.yaml", expert.kb).answers["basis"] == "sales_only"


def test_why_is_one_plain_sentence_with_the_passage_details_on_request(expert, tmp_path):
    keys = [META, "sí\rno\r", "\x1bOQ", 0.4, "porqué más\r", 0.4, "\x03"]  # F2, then more
    run = AppRun(expert, tmp_path / "w.yaml", keys)
    transcript = run.transcript
    assert "> porqué" in transcript  # F2 types the Spanish word
    assert "Preguntamos esto porque la respuesta decide si hay este riesgo: El personal no " \
        "se orienta al plan." in run.flat
    assert "«A. Evaluación…» (SYS.A Evaluación)" in transcript
    first = transcript[transcript.index("> porqué\n"):transcript.index("> porqué más")]
    assert "se deduce de" not in first  # the rules only on request...
    more = transcript[transcript.index("> porqué más"):transcript.index("respuestas guardadas")]
    flat = " ".join(more.split())  # ...which «porqué más» is, in words, never by id
    assert "- riesgo: El personal no se orienta al plan · se deduce de «La evaluación no " \
        "recoge el plan» (documento, apartado Evaluación)" in flat
    assert "- hallazgo: La evaluación no recoge el plan · se deduce de «¿Sobre qué se " \
        "evalúa al personal de ventas?» (documento, apartado Evaluación)" in flat
    assert not re.search(r"\w_\w|\b(finding|risk|measure)\.|reglas", more), more
    assert not ENGLISH.findall(more), more
    for screen in run.snapshots:
        assert not re.search(r"r_not_steered|r_ignores|finding\.", "\n".join(screen))


def test_change_alone_says_how_to_use_it(expert, tmp_path):
    keys = [META, "sí\rno\r", "cambiar\r", 0.5, "cambiar 1\r", 0.4, "\x03"]
    run = AppRun(expert, tmp_path / "c.yaml", keys)
    screen = " ".join(" ".join(run.snapshots[0]).split())
    assert "✗ indique qué respuesta cambiar: «cambiar 3» cambia la respuesta 3 de «revisar»; " \
        "también «cambiar cliente», «cambiar plan», «cambiar consultor» o «cambiar» y el " \
        "principio de la pregunta" in screen  # beside the prompt
    assert "«—»" not in run.transcript and not ENGLISH.findall(run.transcript)
    after = " ".join(" ".join(run.snapshots[1]).split())  # «cambiar 1» still works
    assert "¿El plan prevé distribución capilar? (sí / no) Respuesta actual: sí (Intro para " \
        "mantenerla)" in after
    keys = ["ACME\r\r\ryes\r", "change\r", 0.5, "\x03"]
    run = AppRun(expert, tmp_path / "e.yaml", keys, lang="en")
    assert "say which answer to change: 'change 3' changes answer 3 of 'review'" in run.flat


def test_back_skip_review_change_and_notes(expert, tmp_path):
    keys = [META, "sí\rno\r3\r", "atrás\r", "1\r", "no lo sé\r",
            "nota Duda del cliente\r", "nota Confirmar en enero\r", "nota reunión Próxima "
            "cita el lunes\r", "revisar\r", 0.4, "cambiar 3\r", "\r", "cambiar cliente\r",
            "ACME Ibérica\r", 0.4, "\x03"]
    run = AppRun(expert, tmp_path / "c.yaml", keys)
    transcript = run.transcript
    assert "Se deshace la respuesta a: ¿Sobre qué se evalúa al personal de ventas?" in transcript
    assert "✓ Riesgo retirado: El personal no se orienta al plan" in transcript
    review = transcript[transcript.index("Respuestas hasta ahora:"):]
    assert "  Cliente: ACME" in review and "  Consultor: Laura" in review
    assert "3. ¿Sobre qué se evalúa al personal de ventas? → Los objetivos del plan" in review
    assert "objectives" not in transcript and "sales_only" not in transcript  # never ids
    assert "Respuesta actual: Los objetivos del plan (Intro para mantenerla)" in transcript
    saved = load_facts(tmp_path / "c.yaml", expert.kb)
    assert saved.answers["basis"] == "objectives"  # Enter kept it
    # The notes went to the question being asked, and they add up.
    assert saved.notes["systems"] == "Duda del cliente\nConfirmar en enero"
    assert saved.meta["note"] == "Próxima cita el lunes"
    assert saved.meta["client"] == "ACME Ibérica"
    assert "kpi" in saved.unknown


def test_a_note_longer_than_the_reader_takes_is_refused(expert, tmp_path):
    keys = [META, "sí\r", "nota " + "x" * 12_000 + "\r", 0.5, "\x03"]
    run = AppRun(expert, tmp_path / "n.yaml", keys)
    assert "la nota no cabe" in run.flat
    done = run_expert("evaluate", *KB, str(tmp_path / "n.yaml"))
    assert done.returncode == 0, done.stderr  # the session always reads back


def test_the_client_details_take_no_command_literally(expert, tmp_path):
    keys = ["\r", 0.3, "ACME\r", "atrás\r", "ACME SA\r", "\r", "salir\r", 0.3]
    run = AppRun(expert, tmp_path / "m.yaml", keys)
    assert "✗ escriba el nombre del cliente" in run.transcript
    saved = yaml.safe_load((tmp_path / "m.yaml").read_text("utf-8"))
    assert saved["meta"]["client"] == "ACME SA" and "plan" not in saved["meta"]
    assert saved["interview"]["meta_asked"] == ["client", "plan"]
    # Interrupted at the consultant's name: --resume asks it again.
    again = AppRun(expert, tmp_path / "m.yaml", ["Laura\r", 0.3, "\x03"], resume=True)
    assert "Consultor (Intro para dejarlo en blanco):" in again.transcript
    assert load_facts(tmp_path / "m.yaml", expert.kb).meta["consultant"] == "Laura"


def test_skipped_questions_are_offered_again_at_the_end(expert, tmp_path):
    answers = answers_of(expert, "bien-llevado")
    steps = plan_script(expert, {**answers, "kpi": None})
    keys = [META, *(text + "\r" for _, text in steps), 0.3, "sí\r", "sí\r", 0.3, "no\r", 0.3]
    run = AppRun(expert, tmp_path / "s.yaml", keys)
    assert "Queda 1 pregunta sin respuesta que puede cambiar el resultado: ¿responderla " \
        "ahora?" in run.flat
    assert load_facts(tmp_path / "s.yaml", expert.kb).answers["kpi"] is True


def test_the_report_offer_takes_only_yes_or_no(expert, tmp_path):
    answers = answers_of(expert, "bien-llevado")
    keys = [META, *(text + "\r" for _, text in plan_script(expert, answers)), 0.3,
            "\r", "\x1bOP", "sio\r", 0.3, "no\r", 0.3]
    run = AppRun(expert, tmp_path / "o.yaml", keys)
    assert run.transcript.count("✗ responda sí o no") == 2
    assert "Responda «sí» para escribir el informe" in run.flat  # F1 at that prompt
    assert not report_path(tmp_path / "o.yaml").exists()


def test_a_finished_interview_is_corrected_through_its_review(expert, tmp_path):
    answers = answers_of(expert, "bien-llevado")
    session = tmp_path / "f.yaml"
    AppRun(expert, session, [META, *(t + "\r" for _, t in plan_script(expert, answers)),
                             0.3, "no\r", 0.3])
    assert load_facts(session, expert.kb).interview["finished"] is True
    # Evaluated on sales only, but with a distribution-rate indicator: a contradiction the
    # consultant confirms («sí»), then no report.
    keys = [0.3, "cambiar sobre qué se evalúa\r", "3\r", 0.3, "sí\r", "no\r", 0.3]
    run = AppRun(expert, session, keys, resume=True)
    assert "Se evalúa solo por ventas, pero la evaluación incluye la tasa" in run.flat
    assert "Esta entrevista ya estaba terminada: aquí están sus respuestas" in run.flat
    assert "⚠ Nuevo riesgo (gravedad alta): El personal no se orienta al plan" in run.transcript
    saved = load_facts(session, expert.kb)
    assert saved.answers["basis"] == "sales_only" and saved.interview["finished"] is True


ENGLISH = re.compile(r"\b(help|why|back|skip|status|review|change|note|save|quit|yes|"
                     r"answer|answers|question|unknown|error|risk|severity|saved|Enter)\b",
                     re.IGNORECASE)


def test_in_spanish_no_english_word_and_no_id_reaches_the_screen(expert, tmp_path):
    answers = answers_of(expert, "capilar")
    keys = [META, "\x1bOP", 0.3, *(t + "\r" for _, t in plan_script(expert, answers)[:5]),
            "\x1bOQ", "estado\r", "revisar\r", "\t", 0.5, "\x03"]
    run = AppRun(expert, tmp_path / "es.yaml", keys, columns=80)
    for screen in run.snapshots:
        text = "\n".join(screen)
        assert not ENGLISH.findall(text), ENGLISH.findall(text)
        for qid in expert.kb.questions:
            assert not re.search(rf"\b{qid.id}\b", text), qid.id
        assert all(len(line) <= 80 for line in screen)
    toolbar = run.snapshots[-1][-1]
    assert toolbar.startswith("Recursos · 5 respondidas · ")
    assert not ENGLISH.findall(run.transcript)


def test_one_answer_is_singular(expert, tmp_path):
    run = AppRun(expert, tmp_path / "g.yaml", [META, "sí\r", 0.4, "estado\r", 0.3, "\x03"])
    assert "1 respondida · " in run.transcript
    assert "1 respuesta guardada en" in run.transcript


def test_the_answer_hint_names_a_unit_in_the_plural_without_its_bar(tmp_path):
    # «persona|personas» in the knowledge base: the hint names the unit on its own.
    done = run_expert("interview", *KB, "--save", str(tmp_path / "u.yaml"),
                      input="ACME\nPlan\nLaura\nsí\nno\n1\nsí\n1\n1500\n2\n15\n")
    assert done.returncode == 0, done.stderr
    assert "(un número de 0 a 100.000 (personas))" in done.stdout
    assert "|" not in done.stdout


def test_a_number_out_of_range_or_too_large_says_which_numbers_are_taken(tmp_path):
    done = run_expert("interview", *KB, "--save", str(tmp_path / "big.yaml"),
                      input="ACME\nPlan\nLaura\nsí\nno\n1\nsí\n1\n5000000\n1e400\n"
                            "99999999999999999999999\n")
    assert "✗ 5.000.000 está fuera del rango (dé un número de 0 a 2.000.000)" in done.stdout
    assert done.stdout.count("✗ ese número no se puede usar (dé un número de 0 a "
                             "2.000.000)") == 2
    assert "finito" not in done.stdout


# --- the command line: session files are never lost ----------------------------------------

def test_save_onto_an_existing_session_is_refused_and_it_is_untouched(tmp_path):
    session = tmp_path / "acme.yaml"
    session.write_text("answers: {plan_deep: true}\n", "utf-8")
    done = run_expert("interview", *KB, "--save", str(session), input="X\n")
    assert done.returncode == 2
    assert "ya existe: no se sobrescribe una sesión" in done.stderr
    assert f"expert interview --resume {session}" in done.stderr
    assert session.read_text("utf-8") == "answers: {plan_deep: true}\n"


def test_resume_other_save_busy_takes_the_lock_first(tmp_path):
    busy, other = tmp_path / "busy.yaml", tmp_path / "other.yaml"
    busy.write_text("answers: {plan_deep: true}\n", "utf-8")
    other.write_text("answers: {plan_deep: false}\n", "utf-8")
    with SessionLock(busy):  # another interview holds it
        done = run_expert("interview", *KB, "--resume", str(other), "--save", str(busy),
                          input="X\n")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert busy.read_text("utf-8") == "answers: {plan_deep: true}\n"
    fresh = tmp_path / "fresh.yaml"
    with SessionLock(fresh):
        done = run_expert("interview", *KB, "--resume", str(other), "--save", str(fresh),
                          input="X\n")
    assert done.returncode == 2
    assert "otra entrevista está usando fresh.yaml en este momento" in done.stderr
    assert not fresh.exists()


def test_a_planted_lock_link_is_never_followed(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me", "utf-8")
    session = tmp_path / "s.yaml"
    (tmp_path / ".s.yaml.lock").symlink_to(target)
    done = run_expert("interview", *KB, "--save", str(session), input="X\n")
    assert done.returncode == 2
    assert "es un enlace simbólico: no se usa como cerrojo" in done.stderr
    assert target.read_text("utf-8") == "keep me"


def test_a_session_reached_through_a_link_keeps_the_link(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("meta: {client: X}\nanswers: {}\n", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    done = run_expert("interview", *KB, "--resume", str(link), input="P\nC\nsí\nsalir\n")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert load_facts(real, Expert.open(TEST_KB).kb).answers == {"plan_deep": True}


def test_the_report_never_replaces_its_session(tmp_path):
    session = tmp_path / "acme.md"
    assert report_path(session) == tmp_path / "acme-informe.md"
    assert report_path(tmp_path / "acme.yaml") == tmp_path / "acme.md"


def test_errors_in_spanish_with_the_path(tmp_path):
    done = run_expert("interview", *KB, "--resume", str(tmp_path / "none.yaml"))
    assert done.returncode == 2 and "no se encuentra la sesión" in done.stderr
    done = run_expert("interview", *KB, "--save", str(tmp_path / "no" / "such" / "s.yaml"),
                      input="X\n")
    assert done.returncode == 2
    assert "la carpeta" in done.stderr and "no existe" in done.stderr
    assert "error interno" not in done.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers:\n  staff: lots\n", encoding="utf-8")
    done = run_expert("interview", *KB, "--resume", str(broken))
    assert done.returncode == 2
    assert f"{broken}:2:10: error: respuesta a «staff»" in done.stderr


def test_english_interview_through_the_cli(tmp_path):
    session = tmp_path / "en.yaml"
    done = run_expert("interview", *KB, "--lang", "en", "--save", str(session),
                      input="ACME\nPlan\nMe\nyes\nwhy\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "Interview: institutional guarantees of the marketing plan" in done.stdout
    assert "Does the plan include entering large chains?" in done.stdout
    assert "1 answer saved in" in done.stdout
    assert yaml.safe_load(session.read_text("utf-8"))["answers"] == {"plan_deep": True}


def test_ctrl_c_while_the_interview_starts_prints_no_traceback(tmp_path):
    import select
    import signal
    import subprocess
    import sys
    import time

    # A launcher says «ready» once the console script's entry point is imported (a Ctrl-C
    # before that belongs to Python's own start), then runs it as the script does.
    launcher = ("import sys; from expert.__main__ import main; sys.stdout.write('ready\\n'); "
                "sys.stdout.flush(); sys.argv[0] = 'expert'; sys.exit(main())")
    # Not at once: between «ready» and entering main() the launcher itself is running.
    for delay in (0.05, 0.15, 0.4):
        # -I: the installed package, never the source tree of the current folder (whose
        # expert/ has no built engine).
        process = subprocess.Popen([sys.executable, "-I", "-c", launcher, "interview", *KB,
                                    "--save", str(tmp_path / f"s{delay}.yaml")],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready and process.stdout.readline() == b"ready\n"
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err
        assert process.returncode in (0, 130), err


def test_the_screen_holds_the_question_and_a_toolbar_within_80_columns(expert, tmp_path):
    run = AppRun(expert, tmp_path / "t.yaml", [META, "sí\rno\r", 0.5, "\x03"])
    screen = run.snapshots[0]
    assert "¿Sobre qué se evalúa al personal de ventas?" in screen
    assert "  3) Solo volumen de ventas" in screen
    assert screen[-1].startswith("Sistema de gestión · 2 respondidas")
    assert len(screen[-1]) <= 80
    assert render(run.sink.value())  # the output is a valid terminal stream


def test_a_question_that_would_only_raise_a_risks_severity_is_still_asked(expert, tmp_path):
    # 6 people for a need of 10 cover 60% of the visits: the shortage is medium; high
    # turnover would make it high, so that question matters although the risk is there.
    keys = [META, "sí\rno\r1\rsí\r1\r1000\r2\r200\r", 0.3, "6\r", 0.5, "\x03"]
    run = AppRun(expert, tmp_path / "sev.yaml", keys)
    assert "⚠ Nuevo riesgo (gravedad media): El personal previsto no cubre las visitas" in \
        run.flat
    screen = "\n".join(run.snapshots[-1])
    assert "¿La rotación del personal de campo supera el 30 % al año?" in screen


def test_a_hand_edited_interview_block_does_not_stop_a_resume(tmp_path):
    session = tmp_path / "odd.yaml"
    session.write_text("answers: {plan_deep: true}\ninterview: {position: [1, {a: 2}], "
                       "history: 7, meta_asked: {x: 1}, finished: 'yes'}\n", "utf-8")
    done = run_expert("interview", *KB, "--resume", str(session), input="ACME\n\n\nsalir\n")
    assert done.returncode == 0, done.stderr
    assert "Cliente (nombre de la empresa):" in done.stdout  # the details are asked again
    assert "1 respuesta guardada" in done.stdout


def test_cambiar_and_tab_complete_an_answered_question_from_its_words(expert, tmp_path):
    first = expert.kb.questions[0].text.es  # «¿El plan prevé una distribución capilar…»
    keys = [META, "sí\r", 0.4, "cambiar capilar", "\t", 0.3, "\r", 0.4, "\x03"]
    run = AppRun(expert, tmp_path / "c.yaml", keys)
    assert f"> cambiar {first}" in run.transcript  # Tab wrote the whole question
    screen = "\n".join(run.snapshots[-1])  # and that question is asked again
    assert "capilar" in screen and "Respuesta actual: sí (Intro para mantenerla)" in screen


def test_the_end_summary_counts_as_status_does_and_names_the_questions_of_open_points(
        expert, tmp_path):
    # A high risk, the workload known but not the staff, three questions not known.
    answers = {"plan_deep": True, "plan_chains": False, "basis": "sales_only", "kpi": None,
               "systems": None, "outlets": 3000, "visits": 2, "capacity": 200, "staff": None,
               "turnover": True, "share": None}
    steps = plan_script(expert, answers)
    assert [qid for qid, _ in steps] == list(answers)
    session = tmp_path / "end.yaml"
    # «estado» at the offer to go back to the unknown ones, then «no», and no report.
    keys = [META, *(text + "\r" for _, text in steps), 0.4, "estado\r", 0.4, "no\r", 0.4,
            "no\r", 0.4]
    run = AppRun(expert, session, keys)
    transcript = run.transcript
    status = re.search(r"^(\d+) respondidas · (\d+) preguntas pendientes · (\d+) puntos "
                       r"abiertos$", transcript, re.M)
    assert status is not None, transcript
    summary = transcript[transcript.index("Entrevista terminada"):
                         transcript.index("¿Escribir un informe")]
    answered = re.search(r"^Entrevista terminada: (\d+) respuestas\.$", summary, re.M)
    open_points = re.search(r"^(\d+) puntos abiertos \((\d+) preguntas pendientes\):$",
                            summary, re.M)
    assert answered and open_points, summary
    assert (answered[1], open_points[2], open_points[1]) == status.groups()
    # What they count: the answers known (not «no lo sé»), and the risks still open.
    assert status.groups() == ("7", "0", "3")
    saved = load_facts(session, expert.kb)
    assert len(saved.answers) == 7 and len(saved.unknown) == 4
    # Each open point with the question that decides it, by its text.
    assert summary[summary.index(open_points[0]):].splitlines() == [
        open_points[0],
        "  - Nadie empuja la tasa de distribución",
        "      preguntar: ¿La evaluación incluye la tasa de distribución?",
        "  - Sin normas escritas",
        "      preguntar: ¿Qué sistemas de gestión están escritos y en uso?",
        "  - El personal previsto no cubre las visitas (… de 30 personas)",
        "      preguntar: ¿Cuántas personas de campo prevé el plan?",
        "",
    ], summary
    assert "Riesgos (1):\n  gravedad alta (1)\n    - El personal no se orienta al plan\n" \
        in summary


def test_an_error_raised_while_a_ctrl_c_is_handled_counts_as_the_interruption():
    # A Ctrl-C that lands inside a lazy import makes it fail as ImportError: that is the
    # consultant's interruption (exit 130), not an internal error (exit 1).
    from expert.edge import _interrupted

    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise ImportError("cannot import name 'x' (partially initialized module)") \
                from None
    except ImportError as error:
        assert _interrupted(error)
    assert not _interrupted(ValueError("a defect"))


def test_piped_lines_fit_80_columns_with_the_bundled_passages(tmp_path):
    # The commands banner and «porqué»'s passages (long on the bundled knowledge base) are
    # wrapped at word boundaries like every other line, not left to the terminal to cut.
    done = run_expert("interview", "--save", str(tmp_path / "w.yaml"),
                      input="ACME\n\n\nsí\nporqué\nsalir\n")
    assert done.returncode == 0, done.stderr
    shown = [line for line in done.stdout.splitlines()  # echoes and paths cannot wrap
             if not line.startswith("> ") and str(tmp_path) not in line]
    assert "«los elementos clave deben determinarse mediante sistemas…»" in done.stdout
    assert all(len(line) <= 80 for line in shown), [ln for ln in shown if len(ln) > 80]
