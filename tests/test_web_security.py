"""The web interview under attack, at the HTTP level: in process through Flask's test
client, and against a real ``expert serve`` process for what only a real server shows."""

from __future__ import annotations

import http.client
import io
import re

import pytest

from expert.facts import MAX_FACT_FILE_BYTES
from expert.infer import Expert
from expert.web.app import create_app
from expert.web.auth import create_account

from helpers import TEST_KB
from web_helpers import PASSWORD, Server, Web, create_user, field, step_kind, text_of, typed_value

XSS = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("web"), TEST_KB)
    db = app.extensions["expert"].db
    assert create_account(db, "laura", PASSWORD) is None
    assert create_account(db, "pedro", PASSWORD) is None
    return app


@pytest.fixture(scope="module")
def kb():
    return Expert.open(TEST_KB).kb


def browser(app, address: str = "127.0.0.1") -> Web:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return Web(client)


def consultant(app, name: str = "laura") -> Web:
    web = browser(app)
    web.login(name)
    return web


def test_forms_without_the_right_csrf_token_are_refused(app):
    laura = consultant(app)
    laura.get("/c/")
    for data in ({}, {"csrf": "x" * 43}, {"csrf": field(consultant(app, "pedro").page, "csrf")}):
        response = laura.client.post("/c/new", data={"client": "ACME", **data})
        assert response.status_code == 403
        assert "El formulario no se pudo comprobar" in text_of(response.get_data(as_text=True))
    response = laura.client.post("/c/new", data={"client": "ACME", "csrf": field(laura.page,
                                                                                 "csrf")},
                                 headers={"Origin": "https://evil.example"})
    assert response.status_code == 403  # the right token, from another site's page
    response = laura.client.post("/c/new", data={"client": "ACME", "csrf": field(laura.page,
                                                                                 "csrf")},
                                 headers={"Sec-Fetch-Site": "cross-site", "Origin": "null"})
    assert response.status_code == 403
    stranger = browser(app)
    assert stranger.client.post("/login", data={"name": "laura", "password": PASSWORD}
                                ).status_code == 403  # login CSRF too
    laura.get("/c/")
    _, link = laura.create("ACME")
    client = browser(app)
    client.get(link)
    response = client.client.post(link + "/act", data={
        "action": "answer", "answer": "yes", "target": "plan_deep", "version": "1"})
    assert response.status_code == 403


def test_client_text_is_escaped_on_every_page_and_in_every_download(app, kb):
    laura = consultant(app)
    # A text answer, a note and client details carrying markup, as an imported session.
    facts = (f"meta: {{client: '{XSS.replace(chr(39), 2 * chr(39))}'}}\n"
             f"answers: {{plan_deep: false, systems: [channel], remark: "
             f"'{XSS.replace(chr(39), 2 * chr(39))}'}}\n")
    laura.get("/c/")
    laura.post("/c/import", {"file": (io.BytesIO(facts.encode()), "xss.yaml"), "lang": "es"})
    assert laura.status == 200, text_of(laura.page)[:300]
    iid = int(re.search(r'action="/c/(\d+)/revoke"', laura.page).group(1))
    link = "/i/" + re.search(r'readonly value="[^"]*/i/([^"]+)"', laura.page).group(1)
    new_iid, _ = laura.create(XSS, XSS)  # typed into the form as well
    client = browser(app)
    client.get(link)
    assert step_kind(client.page) == "question"
    client.act(**typed_value(kb.question(client.target), None), note=XSS)
    client.act(action="answer", answer=XSS)  # refused, and shown back in the field
    assert client.status == 422
    pages = [client.page, client.get(link + "/review"), laura.get("/c/"),
             laura.get(f"/c/{iid}"), laura.get(f"/c/{new_iid}"),
             laura.get(f"/c/{iid}/download/html"), laura.get(f"/c/{iid}/run/review")]
    for page in [*pages, laura.get(f"/c/{iid}/run")]:
        assert "<script>alert" not in page and "<img src=x" not in page
    for page in pages:
        assert ESCAPED in page
    assert "Sin normas escritas (sistema: " + ESCAPED in pages[3]  # in a risk's title too
    markdown = laura.client.get(f"/c/{iid}/download/markdown").get_data(as_text=True)
    assert "<script>" not in markdown
    disposition = laura.client.get(f"/c/{iid}/download/session").headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="script-alert-1-script-img-src-x')
    assert "<" not in disposition and "\n" not in disposition


def test_wrong_links_from_one_address_are_slowed_down_and_right_ones_always_served(app):
    laura = consultant(app)
    _, link = laura.create("ACME")
    attacker = browser(app, "10.9.9.9")
    for attempt in range(10):
        token = f"{attempt:02d}" + "A" * 41
        assert attacker.client.get(f"/i/{token}").status_code == 404
    blocked = attacker.client.get("/i/" + "B" * 43)
    assert blocked.status_code == 429
    assert "Demasiados enlaces equivocados desde esta dirección" in text_of(
        blocked.get_data(as_text=True))
    assert int(blocked.headers["Retry-After"]) > 0
    # A client behind the same address (one office, one NAT) still gets their interview:
    # only wrong links are slowed down, and a right one cannot be guessed.
    assert attacker.client.get(link).status_code == 200
    assert browser(app, "10.9.9.9").client.get(link).status_code == 200
    assert browser(app, "10.9.9.9").client.get("/i/" + "C" * 43).status_code == 429


def test_security_headers_on_pages_errors_and_files(app):
    web = browser(app)
    for path in ("/login", "/i/" + "x" * 43, "/static/style.css", "/nowhere"):
        response = web.client.get(path)
        for name, value in HEADERS.items():
            assert response.headers[name] == value, (path, name)
        assert "script-src" not in response.headers["Content-Security-Policy"]
    assert web.client.get("/login").headers["Cache-Control"] == "no-store"
    page = web.get("/login")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert re.search(r'<html lang="es">', page)


def test_a_link_reads_and_writes_only_its_own_interview(app):
    laura, pedro = consultant(app), consultant(app, "pedro")
    iid, first = laura.create("Primera")
    _, second = laura.create("Segunda")
    one, two = browser(app, "10.1.1.1"), browser(app, "10.1.1.2")
    one.get(first)
    two.get(second)
    # The second's fields, posted through the first link, act on the first only.
    one.post(first + "/act", {"action": "answer", "answer": "yes", "target": "plan_deep",
                              "version": field(two.page, "version")})
    assert one.get(first + "/review").count("Sí") + one.page.count("sí") >= 1
    assert "Todavía no hay respuestas." in two.get(second + "/review")
    assert "Primera" not in two.page
    for path in (f"/c/{iid}", f"/c/{iid}/run", f"/c/{iid}/download/session",
                 f"/c/{iid}/review"):
        assert pedro.client.get(path).status_code == 404  # another consultant's: no such page
    pedro.get("/c/")
    assert pedro.client.post(f"/c/{iid}/revoke", data={"csrf": field(pedro.page, "csrf")}
                             ).status_code == 404
    assert browser(app).client.get(f"/c/{iid}").status_code == 404  # not logged in


def test_a_revoked_link_is_refused_exactly_like_an_unknown_one(app):
    laura = consultant(app)
    iid, link = laura.create("ACME")
    laura.get(f"/c/{iid}")
    laura.post(f"/c/{iid}/revoke", {})
    revoked = browser(app, "10.2.2.2").client.get(link)
    unknown = browser(app, "10.2.2.3").client.get("/i/" + "Z" * 43)

    def shown(response) -> str:  # the page less what differs by request (token, path)
        return re.sub(r'(value|href)="[^"]*"', "", response.get_data(as_text=True))

    assert revoked.status_code == unknown.status_code == 404
    assert shown(revoked) == shown(unknown)
    assert "el enlace ya no es válido" in shown(revoked)
    laura.get(f"/c/{iid}")
    laura.post(f"/c/{iid}/link", {})
    fresh = re.search(r'readonly value="[^"]*(/i/[^"]+)"', laura.page).group(1)
    assert browser(app, "10.2.2.4").client.get(fresh).status_code == 200


def test_oversize_requests_and_fields_are_refused(app):
    laura = consultant(app)
    laura.get("/c/")
    token = field(laura.page, "csrf")
    big = laura.client.post("/c/import", data={
        "csrf": token, "file": (io.BytesIO(b"a" * (MAX_FACT_FILE_BYTES + 100 * 1024)),
                                "big.yaml")})
    assert big.status_code == 413 and "demasiado grande" in big.get_data(as_text=True)
    form_too_big = laura.client.post("/c/new", data={"csrf": token, "client": "x" * 300_000})
    assert form_too_big.status_code == 413
    long_name = laura.client.post("/c/new", data={"csrf": token, "client": "x" * 60_000})
    assert long_name.status_code == 422
    assert "como mucho 500 caracteres" in long_name.get_data(as_text=True)
    _, link = laura.create("ACME")
    client = browser(app)
    client.get(link)
    client.act(action="note", note="n" * 10_001)  # the fact files' MAX_TEXT
    assert client.status == 422
    assert "la nota no cabe: quedan 9.999 caracteres de 10.000" in client.page


def test_downloads_and_static_files_cannot_name_a_path(app):
    laura = consultant(app)
    iid, _ = laura.create("ACME")
    for path in (f"/c/{iid}/download/../../expert-web.sqlite3",
                 f"/c/{iid}/download/..%2f..%2fexpert-web.sqlite3",
                 f"/c/{iid}/download/%2e%2e%2fapp.py", f"/c/{iid}/download/session.yaml",
                 "/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/db.py",
                 "/static//etc/passwd", "/i/..%2f..%2fc"):
        response = laura.client.get(path, follow_redirects=True)  # «//» is merged first
        assert response.status_code == 404, path
        assert b"import" not in response.data and b"SQLite" not in response.data


def test_logins_are_throttled_cookies_are_guarded_and_logout_ends_the_login(app):
    web = browser(app, "10.3.3.3")
    web.get("/login")
    for _ in range(5):
        web.post("/login", {"name": "pedro", "password": "no es esta"})
        assert web.status == 401 and "no son correctos" in web.page
    web.post("/login", {"name": "pedro", "password": PASSWORD})
    assert web.status == 429 and "Demasiados intentos fallidos con este usuario" in web.page
    other = browser(app, "10.3.3.4")
    other.get("/login")
    response = other.post("/login", {"name": "laura", "password": PASSWORD}, follow=False)
    cookies = response.headers.getlist("Set-Cookie")
    login = next(c for c in cookies if c.startswith("expert_login="))
    assert "HttpOnly" in login and "SameSite=Lax" in login and "Secure" not in login
    other.get("/c/")
    assert other.status == 200
    stolen = other.client.get_cookie("expert_login").value
    other.post("/logout", {})
    thief = browser(app)
    thief.client.set_cookie("expert_login", stolen)
    assert thief.client.get("/c/").status_code == 303  # back to the login page


def test_a_foreign_host_name_is_refused_and_the_switch_redirects_nowhere_else(app):
    response = browser(app).client.get("/login", headers={"Host": "evil.example"})
    assert response.status_code == 400
    for path in ("//evil.example/x?lang=en", "/\\evil.example?lang=en", "///x?lang=en"):
        response = browser(app).client.get(path)
        if response.status_code == 400:  # read as another host: refused outright
            continue
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/") and \
            not response.headers["Location"].startswith(("//", "/\\"))


def test_a_real_server_refuses_forgeries_and_floods(tmp_path):
    """Against ``expert serve`` itself: headers, CSRF, waitress's own limit, TLS cookies."""
    data = tmp_path / "data"
    create_user(data)
    with Server(data, TEST_KB, "--trusted-proxy", "127.0.0.1") as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", "/login")
        response = connection.getresponse()
        body = response.read().decode()
        assert response.status == 200
        for name, value in HEADERS.items():
            assert response.getheader(name) == value
        cookie = response.getheader("Set-Cookie").split(";")[0]
        token = field(body, "csrf")
        connection.request("POST", "/login", body="name=laura&password=x",
                           headers={"Content-Type": "application/x-www-form-urlencoded",
                                    "Cookie": cookie})
        forged = connection.getresponse()
        assert forged.status == 403 and "Formulario caducado" in forged.read().decode()
        # Behind a TLS proxy (X-Forwarded-Proto from the trusted address): Secure cookies.
        connection.request("POST", "/login",
                           body=f"csrf={token}&name=laura&password={PASSWORD}".encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded",
                                    "Cookie": cookie, "X-Forwarded-Proto": "https"})
        secured = connection.getresponse()
        secured.read()
        assert secured.status == 303
        login = next(v for k, v in secured.getheaders() if k.lower() == "set-cookie"
                 and v.startswith("expert_login="))
        assert "Secure" in login and "HttpOnly" in login
        assert secured.getheader("Strict-Transport-Security")
        connection.close()
        flood = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        flood.request("POST", "/c/import", body=b"x" * (MAX_FACT_FILE_BYTES + 200 * 1024),
                      headers={"Content-Type": "application/x-www-form-urlencoded",
                               "Cookie": cookie})
        assert flood.getresponse().status == 413
