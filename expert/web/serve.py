"""``expert serve``: the web interview on waitress, and the first consultant accounts.

waitress is a production WSGI server in pure Python (no compiler, no reverse proxy needed
on a consultant's laptop), with its own limits on request size; it hands each request to
one of a few threads, which wait on the engine thread for the interview's work.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from pathlib import Path

import click

from ..errors import InputError
from ..i18n import Msg, t
from ..loader import bundled_kb_path
from .app import MAX_REQUEST_BYTES, create_app
from .auth import create_account
from .db import Database
from .server_errors import error_channel


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "garantias-expert" / "web"


def run_serve(host: str, port: int, kb_dir: Path | None, data_dir: Path | None,
              create_user: str | None, threads: int, trusted_proxy: str | None,
              lang: str) -> int:
    data = data_dir or default_data_dir()
    if create_user is not None:
        return _create_user(Database(data), create_user, lang)
    app = create_app(data, kb_dir or bundled_kb_path(), host=host)
    database = app.extensions["expert"].db
    if database.one("SELECT 1 FROM accounts LIMIT 1") is None:
        click.echo(t("web.no_accounts", lang), err=True)
    from waitress import create_server

    options = {}
    if trusted_proxy:
        options = {"trusted_proxy": trusted_proxy,
                   "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"}}
    # waitress's own limit is a backstop, above the application's (which answers in the
    # reader's language).
    header_limit, body_limit = 64 * 1024, 2 * MAX_REQUEST_BYTES
    listeners: dict = {}  # waitress's socket map: one server per address listened on
    server = create_server(app, listeners, host=host, port=port, threads=threads,
                           max_request_body_size=body_limit,
                           max_request_header_size=header_limit, ident="expert",
                           # waitress stops accepting past 100 open connections; browsers
                           # keep theirs open, and a class of clients may answer at once.
                           # poll(), not select(): with 200 busy connections select() left
                           # requests unanswered for minutes (measured: web_load.py).
                           connection_limit=512, asyncore_use_poll=True,
                           clear_untrusted_proxy_headers=True, **options)
    # What waitress refuses itself is said in our words, not its English plain text.
    channel = error_channel(header_limit, body_limit)
    for listener in list(listeners.values()):
        if hasattr(listener, "channel_class"):
            listener.channel_class = channel
    click.echo(t("web.serving", lang, host=host, port=server.effective_port,  # type: ignore[union-attr]
                 path=str(data)), err=True)
    sys.stderr.flush()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: every answer is committed
        server.run()
    return 0


def _create_user(db: Database, name: str, lang: str) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass(t("web.account.password", lang, name=name))
        if getpass.getpass(t("web.account.again", lang)) != password:
            raise InputError(Msg("web.account.mismatch"), code="password")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = create_account(db, name, password)
    if problem is not None:
        raise InputError(problem, code="account")
    click.echo(t("web.account.created", lang, name=name.strip(), path=str(db.path)))
    return 0
