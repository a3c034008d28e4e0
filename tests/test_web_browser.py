"""The web interview in a real browser: Debian's chromium, headless, driven by Selenium
through the system's chromedriver, against a real ``expert serve``. Nothing is downloaded:
without /usr/bin/chromium and /usr/bin/chromedriver (``.ci/browser-setup`` installs them)
these tests are skipped, and say why. Screenshots of the key pages are kept in
``$EXPERT_SCREENSHOTS`` (default: a temporary folder, printed)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from pathlib import Path

import pytest

from expert.facts import load_facts
from expert.infer import Expert

from helpers import TEST_KB, run_expert
from interview_helpers import plan_script
from web_helpers import PASSWORD, Server, create_user

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.slow
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    reason = "chromium and chromedriver are not installed (run .ci/browser-setup)"
    if os.environ.get("EXPERT_REQUIRE_BROWSER"):
        raise RuntimeError(reason)
    pytest.skip(reason, allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("EXPERT_SCREENSHOTS") or tempfile.mkdtemp(
        prefix="expert-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("web") / "data"
    create_user(data)
    with Server(data, TEST_KB) as running:
        yield running


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1200,900", "--lang=es", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "intl.accept_languages": "es-ES,es"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def click(driver, text: str, *, navigates: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Press the button (or follow the link) that says ``text``, and wait for the page it
    leads to."""
    found = driver.find_elements(By.XPATH, f"//button[normalize-space()='{text}'] | "
                                           f"//a[normalize-space()='{text}']")
    assert found, f"no button «{text}» on {driver.current_url}"
    press(driver, found[0].click, navigates=navigates)


def press(driver, action, *, navigates: bool = True) -> None:  # type: ignore[no-untyped-def]
    driver.execute_script("window.expertOldPage = true")  # a new page will not have it
    action()
    if navigates:
        WebDriverWait(driver, 30, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return !window.expertOldPage && "
                                       "document.readyState === 'complete'"))


def choose(driver, label: str) -> None:  # type: ignore[no-untyped-def]
    driver.find_element(By.XPATH, f"//label[normalize-space()='{label}']").click()


def type_answer(driver, text: str) -> None:  # type: ignore[no-untyped-def]
    field = driver.find_element(By.ID, "answer")
    field.clear()
    field.send_keys(text)


def words(driver) -> str:  # type: ignore[no-untyped-def]
    return " ".join(driver.find_element(By.TAG_NAME, "body").text.split())


def heading(driver) -> str:  # type: ignore[no-untyped-def]
    return driver.find_element(By.TAG_NAME, "h1").text


def login(driver, server) -> None:  # type: ignore[no-untyped-def]
    driver.get(server.url + "/login")
    driver.find_element(By.ID, "name").send_keys("laura")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click(driver, "Entrar")
    assert driver.current_url.endswith("/c/"), words(driver)


def create_interview(driver, server, client: str, plan: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(the interview's page, the private link)."""
    login(driver, server)
    driver.find_element(By.ID, "client").send_keys(client)
    driver.find_element(By.ID, "plan").send_keys(plan)
    click(driver, "Crear y obtener el enlace")
    link = driver.find_element(By.ID, "link").get_attribute("value")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/i/[A-Za-z0-9_-]{43}", link)
    return driver.current_url.split("?")[0], link


def wait_for_file(folder: Path, timeout: float = 30) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError("the download did not arrive")


def conclusions(session: Path) -> list[tuple[str, str | None]]:
    done = run_expert("evaluate", "--kb", str(TEST_KB), "--format", "json", str(session))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    plan = data[0] if isinstance(data, list) else data
    return sorted((c["id"], c.get("severity")) for c in plan["conclusions"])


def test_a_client_completes_the_interview_in_spanish_and_the_consultant_evaluates_it(
        browser, server, shots, tmp_path):
    driver = browser
    driver.get(server.url + "/login")
    driver.save_screenshot(str(shots / "01-login.png"))
    detail, link = create_interview(driver, server, "Bebidas del Norte", "Plan comercial 2027")
    driver.save_screenshot(str(shots / "02-interview-created.png"))
    driver.delete_all_cookies()  # from here on, the client: no account, only the link
    driver.get(link)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    assert heading(driver) == "¿El plan prevé distribución capilar?"
    choose(driver, "Sí")
    driver.save_screenshot(str(shots / "03-question.png"))
    click(driver, "Responder")
    choose(driver, "No")
    click(driver, "Responder")
    assert heading(driver) == "¿Sobre qué se evalúa al personal de ventas?"
    click(driver, "Atrás")
    assert heading(driver) == "¿El plan prevé entrar en grandes cadenas?"
    assert "Se deshace la respuesta a" in words(driver)
    driver.find_element(By.ID, "note").send_keys("Lo decide la dirección en enero")
    click(driver, "No lo sé")
    assert "Queda como desconocida." in words(driver) and "Nota guardada." in words(driver)
    choose(driver, "Solo volumen de ventas")
    click(driver, "Responder")
    choose(driver, "No")
    click(driver, "Responder")
    choose(driver, "Gestión de ventas")
    click(driver, "Responder")
    assert heading(driver) == "¿Cuántos puntos de venta objetivo?"
    type_answer(driver, "1.5")
    click(driver, "Responder")
    problem = driver.find_element(By.ID, "answer-problem")
    assert problem.get_attribute("role") == "alert"
    assert problem.text.startswith("«1.5» se puede leer de dos maneras")
    assert "answer-problem" in driver.find_element(By.ID, "answer").get_attribute(
        "aria-describedby")
    driver.save_screenshot(str(shots / "04-invalid-number.png"))
    type_answer(driver, "1.500")
    click(driver, "Responder")
    # Leave, and come back later by the same link: the interview waits where it was.
    driver.get("about:blank")
    driver.get(link)
    assert heading(driver) == "¿Visitas al mes por punto de venta?"
    progress = driver.find_element(By.CSS_SELECTOR, "aside.progress").text
    assert "Recursos (ahora)" in progress and "1 respondida" in progress
    for value in ("2", "200", "40", "80"):
        type_answer(driver, value)
        click(driver, "Responder")
    click(driver, "Revisar las respuestas")
    review = words(driver)
    assert "¿Sobre qué se evalúa al personal de ventas? Solo volumen de ventas" in review
    assert "Nota: Lo decide la dirección en enero" in review
    press(driver, driver.find_element(
        By.CSS_SELECTOR, "button[aria-label='Cambiar la respuesta 1']").click)
    assert heading(driver) == "¿El plan prevé distribución capilar?"
    assert "Respuesta actual: sí" in words(driver)
    click(driver, "Mantener la respuesta")
    assert "Se mantiene la respuesta." in words(driver)
    if driver.find_elements(By.XPATH, "//button[normalize-space()='No, terminar']"):
        click(driver, "No, terminar")
    assert heading(driver) == "Gracias"
    assert "El personal no se orienta al plan" not in words(driver)  # risks not shown
    driver.save_screenshot(str(shots / "05-thanks.png"))
    # The consultant downloads the session and evaluates it with the command line.
    login(driver, server)
    driver.get(detail)
    assert "terminada" in words(driver)
    driver.save_screenshot(str(shots / "06-consultant-interview.png"))
    click(driver, "Sesión (archivo de respuestas para expert)", navigates=False)
    session = wait_for_file(driver.downloads)
    assert session.name == "bebidas-del-norte-plan-comercial-2027.yaml"
    expert = Expert.open(TEST_KB)
    facts = load_facts(session, expert.kb)
    assert facts.interview["finished"] is True
    assert facts.notes["plan_chains"] == "Lo decide la dirección en enero"
    answers = {**facts.answers, **{q: None for q in facts.unknown}}
    # The same answers typed at the terminal give the same conclusions.
    typed = "".join(text + "\n" for _, text in plan_script(expert, answers))
    terminal = tmp_path / "terminal.yaml"
    done = run_expert("interview", "--kb", str(TEST_KB), "--save", str(terminal),
                      input="Bebidas del Norte\nPlan comercial 2027\nlaura\n" + typed
                      + "no\nno\nsalir\n")
    assert done.returncode == 0, done.stderr
    web_conclusions = conclusions(session)
    assert web_conclusions == conclusions(terminal)
    assert ("staff_not_steered", "high") in web_conclusions


def focus_on(driver, wanted, limit: int = 60):  # type: ignore[no-untyped-def]
    """Press TAB until the focused element is ``wanted(element)``; that element."""
    for _ in range(limit):
        try:
            active = driver.switch_to.active_element
            if active.tag_name != "body" and wanted(active):
                return active
        except WebDriverException:  # the page was still being replaced: look again
            time.sleep(0.1)
            continue
        webdriver.ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError("TAB never reached the element")


def is_button(text: str):  # type: ignore[no-untyped-def]
    return lambda el: el.tag_name == "button" and el.text.strip() == text


def test_keyboard_alone_completes_an_interview(browser, server, shots):
    driver = browser
    _, link = create_interview(driver, server, "Teclado S.A.", "")
    driver.delete_all_cookies()
    driver.get(link)
    keys = webdriver.ActionChains
    answered = 0
    for _ in range(40):
        if heading(driver) == "Gracias":
            break
        step = driver.find_element(By.CSS_SELECTOR, "form[data-step]").get_attribute(
            "data-step")
        if step == "question" and driver.find_elements(By.CSS_SELECTOR, "input#answer"):
            focus_on(driver, lambda el: el.get_attribute("id") == "answer")
            press(driver, keys(driver).send_keys("3" + Keys.ENTER).perform)  # Enter submits
        elif step == "question" and driver.find_elements(By.CSS_SELECTOR, "textarea#answer"):
            focus_on(driver, lambda el: el.get_attribute("id") == "answer")
            keys(driver).send_keys("Sistema propio").perform()
            focus_on(driver, is_button("Responder"))
            press(driver, keys(driver).send_keys(Keys.ENTER).perform)
        elif step == "question":
            focus_on(driver, lambda el: el.get_attribute("type") in ("radio", "checkbox"))
            keys(driver).send_keys(Keys.SPACE).perform()  # the first option
            button = focus_on(driver, is_button("Responder"))
            outline = driver.execute_script(
                "return getComputedStyle(arguments[0]).outlineStyle", button)
            assert outline != "none"  # focus is visible
            if answered == 0:
                driver.save_screenshot(str(shots / "07-keyboard-focus.png"))
            press(driver, keys(driver).send_keys(Keys.SPACE).perform)
        else:  # a confirmation or the skipped questions: the first button
            focus_on(driver, lambda el: el.tag_name == "button" and "primary" in (
                el.get_attribute("class") or ""))
            press(driver, keys(driver).send_keys(Keys.ENTER).perform)
        answered += 1
        assert driver.find_elements(By.TAG_NAME, "h1")
    assert heading(driver) == "Gracias", words(driver)[:300]
    assert answered >= 5


def test_the_keyboard_reaches_the_skip_link_first(browser, server):
    driver = browser
    driver.get(server.url + "/login")
    webdriver.ActionChains(driver).send_keys(Keys.TAB).perform()
    first = driver.switch_to.active_element
    assert first.get_attribute("class") == "skip" and first.is_displayed()
    webdriver.ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.current_url.endswith("#main")
    assert driver.switch_to.active_element.get_attribute("id") == "main"

