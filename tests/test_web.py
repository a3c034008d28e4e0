"""The web interview in process (Flask's test client), with the test knowledge base: the
same flow as the terminal, one step a page, every answer saved at once."""

from __future__ import annotations

import re

import pytest

from expert.facts import FactSet, load_facts, parse_facts
from expert.i18n import MESSAGES
from expert.infer import Expert
from expert.web.app import create_app
from expert.web.auth import create_account

from helpers import TEST_KB, TEST_PLANS
from web_helpers import PASSWORD, Web, complete, field, step_kind, text_of


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("web"), TEST_KB)
    assert create_account(app.extensions["expert"].db, "laura", PASSWORD) is None
    return app


@pytest.fixture(scope="module")
def expert(app):
    return Expert.open(TEST_KB)  # for reference results, on the test's own thread


@pytest.fixture
def consultant(app):
    web = Web(app.test_client())
    web.login()
    return web


def answers_of(expert, name: str) -> dict:
    facts = load_facts(TEST_PLANS / f"{name}.yaml", expert.kb)
    return {**facts.answers, **{q: None for q in facts.unknown}}


def english_words(page: str) -> list[str]:
    """English texts of the web's own messages found on a page (there must be none on a
    Spanish page)."""
    # The switch names the other language in that language, marked with its lang.
    words = text_of(re.sub(r'<a [^>]*lang="en"[^>]*>English</a>', "", page))
    return [en for key, (es, en) in MESSAGES.items()
            if key.startswith("web.") and en != es and "{" not in en
            and len(en) > 4 and re.search(rf"(?<!\w){re.escape(en)}(?!\w)", words)]


def to_the_number(web: Web) -> None:
    """From the first question to «outlets», the first number."""
    web.act(action="answer", answer="yes")  # plan_deep
    web.act(action="answer", answer="no")  # plan_chains
    web.act(action="answer", answer="sales_only")  # basis
    web.act(action="answer", answer="no")  # kpi
    web.act(action="answer", choice=["sales"])  # systems
    assert web.target == "outlets", text_of(web.page)[:300]


def test_a_client_answers_everything_and_the_session_is_the_terminals(app, expert,
                                                                      consultant):
    iid, link = consultant.create("Bebidas del Norte", "Plan 2027")
    client = Web(app.test_client())
    client.get(link)
    assert client.status == 200 and step_kind(client.page) == "question"
    assert '<html lang="es">' in client.page
    answers = answers_of(expert, "capilar")
    asked = complete(client, expert.kb, answers)
    assert "Gracias" in client.page and "Riesgos" not in text_of(client.page)
    assert not english_words(client.page)
    consultant.get(f"/c/{iid}/download/session")
    session = consultant.page
    assert session.startswith("# Sesión de entrevista / interview session (expert interview)")
    facts = parse_facts(session, "web.yaml", expert.kb)
    assert facts.interview["finished"] is True and facts.meta["client"] == "Bebidas del Norte"
    assert set(facts.answers) | set(facts.unknown) == set(asked)
    reference = expert.evaluate(load_facts(TEST_PLANS / "capilar.yaml", expert.kb))
    assert set(expert.evaluate(facts).trace) == set(reference.trace)
    consultant.get("/c/")
    assert "terminada" in consultant.page and "Bebidas del Norte" in consultant.page


def test_an_invalid_number_is_refused_beside_the_field_with_the_terminals_words(app,
                                                                              consultant):
    _, link = consultant.create("ACME")
    client = Web(app.test_client())
    client.get(link)
    to_the_number(client)
    version = field(client.page, "version")
    client.act(action="answer", answer="1.5")
    assert client.status == 422
    assert re.search(r'<p id="answer-problem" class="problem" role="alert">«1.5» se puede '
                     r"leer de dos maneras", client.page)
    assert 'aria-describedby="help hint answer-problem"' in client.page
    assert 'aria-invalid="true"' in client.page and 'value="1.5"' in client.page
    assert field(client.page, "version") == version  # nothing was saved
    client.act(action="answer", answer="")
    assert "escriba una respuesta (o pulse «No lo sé» si no lo sabe)" in text_of(client.page)
    client.act(action="answer", answer="3000000")
    assert "3.000.000 está fuera del rango (dé un número de 0 a 2.000.000)" in \
        text_of(client.page)
    client.act(action="answer", answer="1.500")
    assert client.status == 200 and client.target == "visits"


def test_an_implausible_number_is_confirmed_first(app, consultant):
    _, link = consultant.create("ACME")
    client = Web(app.test_client())
    client.get(link)
    to_the_number(client)
    client.act(action="answer", answer="10")
    assert step_kind(client.page) == "confirm"
    assert "10 es poco habitual: lo normal va de 50 a 200.000." in text_of(client.page)
    client.act(yes="0")
    assert client.target == "outlets"
    client.act(action="answer", answer="10")
    client.act(yes="1")
    assert client.target == "visits"


def test_back_skip_a_note_leaving_and_coming_back_review_and_change(app, expert, consultant):
    iid, link = consultant.create("ACME")
    client = Web(app.test_client())
    client.get(link)
    client.act(action="answer", answer="yes")
    client.act(action="answer", answer="no")
    client.act(action="back")
    assert client.target == "plan_chains"
    assert "Se deshace la respuesta a: ¿El plan prevé entrar en grandes cadenas?" in \
        text_of(client.page)
    client.act(action="skip", note="Lo decide la dirección en enero")
    assert "Queda como desconocida." in text_of(client.page)
    assert "Nota guardada." in text_of(client.page)
    # Leave, and come back by the same link in another browser: the next question waits.
    later = Web(app.test_client())
    later.get(link)
    assert later.target == "basis"
    later.get(link + "/review")
    review = text_of(later.page)
    assert "¿El plan prevé entrar en grandes cadenas? desconocido" in review
    assert "Nota: Lo decide la dirección en enero" in review
    later.post(link + "/act", {"action": "change", "target": "plan_deep",
                               "version": field(later.page, "version")})
    assert later.target == "plan_deep" and "Respuesta actual: sí" in text_of(later.page)
    later.act(action="answer", answer="no")
    consultant.get(f"/c/{iid}/download/session")
    facts = parse_facts(consultant.page, "s.yaml", expert.kb)
    assert facts.answers["plan_deep"] is False and "plan_chains" in facts.unknown
    assert facts.notes["plan_chains"] == "Lo decide la dirección en enero"


def test_a_stale_page_from_another_tab_is_refused_and_nothing_is_overwritten(app,
                                                                            consultant):
    _, link = consultant.create("ACME")
    first, second = Web(app.test_client()), Web(app.test_client())
    first.get(link)
    second.get(link)
    first.act(action="answer", answer="yes")
    second.act(action="answer", answer="no")  # drawn before the first tab's answer
    assert second.status == 409
    assert "Esta página estaba desactualizada" in text_of(second.page)
    assert second.target == "plan_chains"  # the current question, with the first answer
    second.get(link + "/review")
    assert "¿El plan prevé distribución capilar? sí" in text_of(second.page)


def test_english_pages_and_the_language_switch(app, consultant):
    _, link = consultant.create("ACME", lang="en")
    client = Web(app.test_client())
    client.get(link)
    assert '<html lang="en">' in client.page and "Does the plan include" in client.page
    assert "I don&#39;t know" in client.page or "I don't know" in client.page
    client.get(link + "?lang=es")  # the switch: remembered for the next pages
    assert '<html lang="es">' in client.page and "¿El plan prevé" in client.page
    client.get(link + "/review")
    assert '<html lang="es">' in client.page
    stranger = Web(app.test_client())
    response = stranger.client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert '<html lang="en">' in response.get_data(as_text=True)
    response = stranger.client.get("/login", headers={"Accept-Language": "fr, es;q=0.5"})
    assert '<html lang="es">' in response.get_data(as_text=True)


def test_the_client_sees_the_risks_only_when_the_consultant_chose_it(app, expert,
                                                                     consultant):
    answers = answers_of(expert, "capilar")
    for shown in (False, True):
        _, link = consultant.create("ACME", show_risks=shown)
        client = Web(app.test_client())
        client.get(link)
        complete(client, expert.kb, answers)
        words = text_of(client.page)
        assert ("El personal no se orienta al plan" in words) is shown
        if not shown:  # nor announced as they appear
            assert "Nuevo riesgo" not in words and "gravedad" not in words


def test_a_terminal_session_imported_continues_on_the_web(app, expert, consultant):
    session = (TEST_PLANS / "capilar.yaml").read_bytes()
    consultant.get("/c/")
    consultant.post("/c/import", {"file": (__import__("io").BytesIO(session), "capilar.yaml"),
                                  "lang": "es"})
    assert consultant.status == 200 and "Bebidas del Norte S.A." in consultant.page
    assert "/c/" in consultant.page and 'id="link"' in consultant.page
    broken = b"answers:\n  outlets: muchos\n"
    consultant.get("/c/")
    consultant.post("/c/import", {"file": (__import__("io").BytesIO(broken), "../../x.yaml"),
                                  "lang": "es"})
    assert consultant.status == 422
    words = text_of(consultant.page)
    assert "x.yaml:2" in words and "Traceback" not in words
    assert "../" not in words  # only the file's own name, never the path a browser sent


def test_the_consultant_runs_an_interview_and_downloads_its_reports(app, expert, consultant):
    iid, _ = consultant.create("Zeta <b>&", "Plan «2027»")
    consultant.get(f"/c/{iid}/run")
    complete(consultant, expert.kb, answers_of(expert, "capilar"))
    assert "Entrevista terminada." in text_of(consultant.page)
    assert "El personal no se orienta al plan" in text_of(consultant.page)
    response = consultant.client.get(f"/c/{iid}/download/html")
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"zeta-b-plan-2027-informe.html\"; "
        "filename*=UTF-8''zeta-b-plan-2027-informe.html")
    assert "Zeta &lt;b&gt;&amp;" in response.get_data(as_text=True)
    response = consultant.client.get(f"/c/{iid}/download/markdown")
    assert response.get_data(as_text=True).startswith("# Zeta")
    assert not english_words(consultant.get(f"/c/{iid}"))


def test_the_consultants_list_writes_when_in_the_readers_language(consultant):
    import datetime

    from babel.dates import format_date

    consultant.create("Fechas S.A.")
    page = text_of(consultant.get("/c/"))
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert format_date(today, format="medium", locale="es_ES") in page, page[:3000]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page)  # never ISO on a reader's screen


def list_row(page: str, iid: int) -> list[str]:
    """The cells of one interview's row in the consultant's list, as words."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    (row,) = [r for r in rows if f'<a href="/c/{iid}">' in r]
    return [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_the_consultants_list_counts_answers_risks_and_open_points(app, expert, consultant):
    iid, link = consultant.create("Recuento S.A.", "Plan 2028")
    # With no answer every risk of the knowledge base is open.
    assert len(expert.evaluate(FactSet("fresh", {})).open_of("risk")) == 5
    # Client, plan, status, answers, risks, open points (link and date after them).
    assert list_row(consultant.get("/c/"), iid)[:6] == [
        "Recuento S.A.", "Plan 2028", "sin empezar", "0", "0", "5"]
    client = Web(app.test_client())
    client.get(link)
    client.act(action="answer", answer="yes")  # plan_deep
    client.act(action="answer", answer="no")  # plan_chains
    client.act(action="answer", answer="sales_only")  # basis: a high risk
    client.act(action="skip")  # kpi: «no lo sé», not an answer
    client.act(action="answer", choice=["sales"])  # systems
    client.act(action="answer", answer="3000")  # outlets
    assert client.status == 200 and client.target == "visits", text_of(client.page)[:300]
    answered = {"plan_deep": True, "plan_chains": False, "basis": "sales_only",
                "systems": frozenset({"sales"}), "outlets": 3000}
    reference = expert.evaluate(FactSet("ref", answered, unknown=frozenset({"kpi"})))
    assert [r.id for r in reference.established("risk")] == ["staff_not_steered"]
    assert [p.conclusion_id for p in reference.open_of("risk")] == [
        "rate_neglected", "understaffed"]
    assert list_row(consultant.get("/c/"), iid)[:6] == [
        "Recuento S.A.", "Plan 2028", "en curso", "5", "1", "2"]
    # Staff for a sixth of the visits: a second risk, one point fewer open.
    client.act(action="answer", answer="2")  # visits
    client.act(action="answer", answer="200")  # capacity
    client.act(action="answer", answer="5")  # staff: 5 of the 30 needed
    assert client.status == 200, text_of(client.page)[:300]
    assert list_row(consultant.get("/c/"), iid)[3:6] == ["8", "2", "1"]
