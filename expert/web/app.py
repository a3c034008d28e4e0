"""The web application: Flask, served by waitress (see ``serve``).

This module holds what every page shares: the services (database, engine thread, server
key, rate limits, one-time notices), the language of the page, the browser cookie behind
CSRF tokens, the checks made before any request, the security headers, and error pages in
the reader's language. The consultant's pages are in ``consultant``, the interview pages
(a client's private link, or the consultant running it) in ``pages``.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, abort, current_app, g, render_template, request
from werkzeug.exceptions import BadRequest, HTTPException

from ..answers import MAX_TEXT
from ..facts import MAX_FACT_FILE_BYTES
from ..i18n import DEFAULT_LANG, LANGS, t
from ..wording import show_moment
from . import auth, security
from .db import Database
from .throttle import LoginGuard
from .worker import EngineThread

log = logging.getLogger(__name__)
BROWSER_COOKIE, LOGIN_COOKIE, LANG_COOKIE = "expert_browser", "expert_login", "expert_lang"
DEVICE_COOKIE = "expert_device"  # this browser has logged in to an account (throttle.py)
# A form's fields fit in the fact files' own limits; an upload may be a whole fact file.
# Werkzeug checks this limit on every 64 KiB chunk it reads, file parts included, so it
# must hold a whole chunk: below that, any upload over the limit was refused as too large.
MAX_FIELD_BYTES = max(4 * MAX_TEXT + 1024, 128 * 1024)
MAX_FORM_BYTES = 256 * 1024  # a form that is not an upload: an answer and a note, encoded
MAX_REQUEST_BYTES = MAX_FACT_FILE_BYTES + 64 * 1024
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


class UnreadableForm(BadRequest):
    """A form whose text is not UTF-8: said as such, not as an expired form (Werkzeug
    would drop the whole form, its CSRF token with it)."""

    message_key = "web.error.400.form"


class Notices:
    """Words to show once on the page a form redirects to (post-redirect-get), kept in
    memory under a random id: losing them on a restart loses nothing but the words."""

    def __init__(self, size: int = 10_000) -> None:
        self._items: OrderedDict[str, tuple[str, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def put(self, owner: str, **items: Any) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._items[key] = (owner, items)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def take(self, key: str | None, owner: str) -> dict[str, Any]:
        with self._lock:
            found = self._items.get(key or "")
            if found is None or found[0] != owner:
                return {}
            del self._items[key or ""]
        return found[1]


@dataclass
class Services:
    db: Database
    engine: EngineThread
    key: bytes
    notices: Notices = field(default_factory=Notices)
    # Wrong links only: a right one is always served (256 random bits are not guessed).
    wrong_links: security.RateLimit = field(
        default_factory=lambda: security.RateLimit(limit=10, window=300))
    logins: LoginGuard | None = None  # made from the server's key
    hosts: tuple[str, ...] | None = None  # Host headers accepted (None: any)


def services() -> Services:
    return current_app.extensions["expert"]


def create_app(data_dir: Path, kb_dir: Path | None = None, *, host: str = "127.0.0.1",
               engine: EngineThread | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
                      MAX_FORM_MEMORY_SIZE=MAX_FIELD_BYTES, MAX_FORM_PARTS=200,
                      TEMPLATES_AUTO_RELOAD=False)
    db = Database(data_dir)
    key = bytes.fromhex(db.setting("key", secrets.token_hex(32)))
    # Bound to the loopback, only loopback names are accepted: a page on another site
    # cannot reach the server by rebinding its own domain name to 127.0.0.1.
    hosts = LOOPBACK if host in ("127.0.0.1", "localhost", "::1") else None
    app.extensions["expert"] = Services(db, engine or EngineThread(kb_dir), key, hosts=hosts,
                                        logins=LoginGuard(key))
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True  # smaller pages
    app.jinja_env.globals.update(_=lambda key, **fields: t(key, g.lang, **fields),
                                 when=lambda iso: show_moment(iso, g.lang))
    app.before_request(_before)
    app.after_request(_after)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _internal_error)
    app.add_url_rule("/", "home", _home)
    app.add_url_rule("/login", "login", _login, methods=["GET", "POST"])
    app.add_url_rule("/logout", "logout", _logout, methods=["POST"])
    from . import consultant, pages

    consultant.register(app)
    pages.register(app)
    return app


def _before() -> Response | None:
    found = services()
    g.lang = DEFAULT_LANG
    g.lang_chosen = request.cookies.get(LANG_COOKIE) if request.cookies.get(
        LANG_COOKIE) in LANGS else None
    g.lang = g.lang_chosen or request.accept_languages.best_match(LANGS) or DEFAULT_LANG
    g.browser = request.cookies.get(BROWSER_COOKIE) or ""
    g.new_browser = None
    if not g.browser or len(g.browser) > 100:
        g.browser = g.new_browser = security.new_token()
    g.csrf = security.csrf_token(found.key, g.browser)
    g.account = auth.logged_in(found.db, request.cookies.get(LOGIN_COOKIE))
    hostname = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") \
        else request.host
    if found.hosts is not None and hostname not in found.hosts:
        abort(400)
    wanted = request.args.get("lang")
    if request.method == "GET" and wanted in LANGS:
        # The switch on every page: remember the choice, then show the same page.
        rest = {k: v for k, v in request.args.items() if k != "lang"}
        # «//host» would be another site to the browser: the path stays on this one.
        path = "/" + request.path.lstrip("/\\")
        target = path + ("?" + urlencode(rest) if rest else "")
        response = Response(status=303, headers={"Location": target})
        response.set_cookie(LANG_COOKIE, wanted, max_age=365 * 86400, httponly=True,
                            samesite="Lax", secure=request.is_secure)
        return response
    if request.method == "POST":
        if request.mimetype != "multipart/form-data" and \
                (request.content_length or 0) > MAX_FORM_BYTES:
            abort(413)
        if request.mimetype == "application/x-www-form-urlencoded":
            try:  # kept: the form is then parsed from this same copy
                request.get_data(cache=True).decode("utf-8")
            except UnicodeDecodeError:
                raise UnreadableForm() from None
        if not security.same_origin(request.headers.get("Origin"),
                                    request.headers.get("Sec-Fetch-Site"), request.host,
                                    request.scheme):
            abort(403)
        if not security.csrf_ok(found.key, request.cookies.get(BROWSER_COOKIE),
                                request.form.get("csrf")):
            abort(403)
    return None


def _after(response: Response) -> Response:
    security.secure_headers(response.headers, tls=request.is_secure,
                            private=not request.path.startswith("/static/"))
    if getattr(g, "new_browser", None):
        response.set_cookie(BROWSER_COOKIE, g.new_browser, httponly=True, samesite="Lax",
                            secure=request.is_secure)
    return response


def page(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """A page in ``g.lang``, with the switch to the other language."""
    other = "en" if g.lang == "es" else "es"
    args = {k: v for k, v in request.args.items() if k not in ("lang", "m")}
    switch = request.path + "?" + urlencode({**args, "lang": other})
    return render_template(template, lang=g.lang, other=other, switch=switch,
                           csrf=g.csrf, account=g.account, **context), status


def see_other(url: str) -> Response:
    return Response(status=303, headers={"Location": url})


def _home() -> Response:
    return see_other("/c/" if g.account else "/login")


def _login() -> Any:
    found = services()
    if request.method == "GET":
        return page("login.html")
    name = request.form.get("name", "")[:auth.MAX_NAME + 1]
    password = request.form.get("password", "")
    guard = found.logins
    assert guard is not None
    attempt = guard.attempt(name, request.remote_addr or "-",
                            request.cookies.get(DEVICE_COOKIE))
    wait, why = guard.wait(attempt)
    if wait:  # refused before the password is even checked: the wait slows guessing
        seconds = max(1, round(wait))
        problem = t("web.login.throttled", g.lang, seconds=seconds) if why == "pair" else \
            t("web.login.account_throttled", g.lang, minutes=max(1, round(wait / 60)))
        body, status = page("login.html", 429, problem=problem, name=name)
        return Response(body, status, headers={"Retry-After": str(seconds)})
    account = auth.check_login(found.db, name, password)
    if account is None:
        guard.failed(attempt)
        return page("login.html", 401, problem=t("web.login.wrong", g.lang), name=name)
    device = guard.succeeded(attempt)
    response = see_other("/c/")
    response.set_cookie(LOGIN_COOKIE, auth.start_login(found.db, account),
                        max_age=auth.LOGIN_SECONDS, httponly=True, samesite="Lax",
                        secure=request.is_secure)
    response.set_cookie(DEVICE_COOKIE, device, max_age=365 * 86400, httponly=True,
                        samesite="Lax", secure=request.is_secure)
    # A new browser id at login: tokens from before it (perhaps planted) stop working.
    g.new_browser = security.new_token()
    return response


def _logout() -> Response:
    auth.end_login(services().db, request.cookies.get(LOGIN_COOKIE))
    response = see_other("/login")
    response.delete_cookie(LOGIN_COOKIE)
    g.new_browser = security.new_token()
    return response


def _http_error(error: HTTPException) -> Any:
    code = error.code or 500
    known = code if code in (400, 403, 404, 405, 409, 413, 429) else 500
    key = getattr(error, "message_key", f"web.error.{known}")
    body, status = page("error.html", code, title=t(f"web.error.{known}.title", g.lang),
                        message=t(key, g.lang))
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    if code == 429 and error.response is None and getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)  # type: ignore[attr-defined]
    return response


def _internal_error(error: Exception) -> Any:
    # The traceback goes to the server's log, never to the page.
    log.exception("internal error on %s %s", request.method, request.path)
    if not hasattr(g, "lang"):
        g.lang, g.csrf, g.account = DEFAULT_LANG, "", None
    return page("error.html", 500, title=t("web.error.500.title", g.lang),
                message=t("web.error.500", g.lang))
