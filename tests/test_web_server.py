"""The web interview's server and database: a real ``expert serve`` killed with SIGKILL
keeps every confirmed answer; a database from the previous version is migrated on start;
the first account is made from the command line."""

from __future__ import annotations

import http.client
import random
import signal
import sqlite3
import threading
import time

import pytest

from expert.facts import parse_facts
from expert.infer import Expert
from expert.web import db as webdb
from expert.web.app import create_app
from expert.web.auth import hash_password
from expert.web.security import digest

from helpers import TEST_KB, run_expert
from web_helpers import (
    PASSWORD,
    RealClient,
    Server,
    Web,
    create_user,
    step_kind,
    text_of,
    typed_value,
)

pytestmark = pytest.mark.slow

ANSWERS = {"plan_deep": True, "plan_chains": True, "basis": "objectives", "kpi": False,
           "systems": frozenset({"sales"}), "outlets": 800, "visits": 2, "capacity": 100,
           "staff": 10, "share": 60, "fees_required": frozenset({"listing"}),
           "fees_budgeted": frozenset({"listing"}), "turnover": False}


def answer_until_stopped(port: int, link: str, kb, confirmed: list, stop: threading.Event
                         ) -> None:  # type: ignore[no-untyped-def]
    """Answer the interview behind ``link``; each answer whose redirect came back (the
    server said «saved») is recorded in ``confirmed``."""
    try:
        web = Web(RealClient(port))
        web.get(link)
        while not stop.is_set() and step_kind(web.page) == "question":
            qid = web.target
            fields = typed_value(kb.question(qid), ANSWERS[qid])
            web.act(**fields)
            if web.status != 200:
                return
            confirmed.append(qid)
    except (OSError, http.client.HTTPException):  # the server died under us, even in the
        return  # middle of a page: what it confirmed is what counts


def test_every_confirmed_answer_survives_kill_9(tmp_path):
    kb = Expert.open(TEST_KB).kb
    data = tmp_path / "data"
    create_user(data)
    rounds = []
    for round_number in range(3):
        with Server(data, TEST_KB) as server:
            consultant = Web(RealClient(server.port))
            consultant.login()
            links = [consultant.create(f"Cliente {round_number}-{i}")[1] for i in range(4)]
            stop = threading.Event()
            confirmed: list[list[str]] = [[] for _ in links]
            threads = [threading.Thread(target=answer_until_stopped,
                                        args=(server.port, link, kb, done, stop))
                       for link, done in zip(links, confirmed, strict=True)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 30
            while not any(confirmed) and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(random.uniform(0, 0.6))  # then at a random point of the answering
            server.kill(signal.SIGKILL)  # no shutdown of any kind
            stop.set()
            for thread in threads:
                thread.join(30)
        rounds.append((links, confirmed))
    with Server(data, TEST_KB) as server:
        total = 0
        for links, confirmed in rounds:
            for link, done in zip(links, confirmed, strict=True):
                web = Web(RealClient(server.port))
                web.get(link)
                assert web.status == 200
                review = text_of(web.get(link + "/review"))
                for qid in done:
                    assert kb.question(qid).text.get("es") in review, (qid, review)
                total += len(done)
        assert total > 0  # the kills did land while answers were being confirmed


def test_a_version_1_database_is_migrated_on_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    # The previous version's schema, as that version wrote it.
    connection = sqlite3.connect(data / webdb.DB_NAME)
    connection.executescript("""
        CREATE TABLE schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL);
        INSERT INTO schema_version VALUES (1, '2026-01-01 00:00:00');
        CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            password TEXT NOT NULL, created TEXT NOT NULL);
        CREATE TABLE logins (token TEXT PRIMARY KEY,
            account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            expires REAL NOT NULL);
        CREATE TABLE interviews (id INTEGER PRIMARY KEY,
            account INTEGER NOT NULL REFERENCES accounts(id), link TEXT UNIQUE,
            lang TEXT NOT NULL, state TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
            status TEXT NOT NULL DEFAULT 'new', answers INTEGER NOT NULL DEFAULT 0,
            risks INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL, updated TEXT NOT NULL);
    """)
    token = "v1-" + "k" * 40
    state = ('{"meta":{"client":"Antigua S.A."},"answers":{"plan_deep":true},"notes":{},'
             '"history":["plan_deep"],"meta_asked":["client","plan","consultant"],'
             '"position":null,"finished":false,"flow":null}')
    connection.execute("INSERT INTO accounts VALUES (1, 'laura', ?, '2026-01-01')",
                       (hash_password(PASSWORD),))
    connection.execute("INSERT INTO interviews (id, account, link, lang, state, version,"
                       " status, answers, created, updated) VALUES (7, 1, ?, 'es', ?, 3,"
                       " 'progress', 1, '2026-01-01', '2026-01-01')", (digest(token), state))
    connection.commit()
    connection.close()
    app = create_app(data, TEST_KB)
    database = app.extensions["expert"].db
    assert database.migrated == (1, webdb.SCHEMA_VERSION)
    assert webdb.schema_version(database.connection()) == 2
    assert database.one("PRAGMA journal_mode")[0] == "wal"
    row = database.one("SELECT show_risks, version FROM interviews WHERE id = 7")
    assert (row[0], row[1]) == (0, 3)  # the new column's default; the data kept
    client = Web(app.test_client())
    client.get(f"/i/{token}")
    assert client.status == 200 and client.target == "plan_chains"
    laura = Web(app.test_client())
    laura.login()
    assert "Antigua S.A." in laura.get("/c/")
    # A database from a newer program is refused, not guessed at.
    database.write("INSERT INTO schema_version VALUES (99, datetime('now'))")
    done = run_expert("serve", "--data", str(data), "--kb", str(TEST_KB), "--port", "0")
    assert done.returncode == 2
    assert "la base de datos es de una versión más nueva del programa (esquema 99" in done.stderr


def test_the_first_account_is_made_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    done = run_expert("serve", "--data", str(data), "--create-user", "laura", input="corta\n")
    assert done.returncode == 2
    assert "la contraseña debe tener al menos 10 caracteres" in done.stderr
    done = run_expert("serve", "--data", str(data), "--create-user", "laura",
                      input=PASSWORD + "\n")
    assert done.returncode == 0 and "Usuario «laura» creado" in done.stdout
    again = run_expert("serve", "--data", str(data), "--create-user", "laura",
                       input=PASSWORD + "\n", env={"EXPERT_LANG": "en"})
    assert again.returncode == 2 and "a user 'laura' exists already" in again.stderr
    stored = sqlite3.connect(data / webdb.DB_NAME).execute(
        "SELECT password FROM accounts").fetchone()[0]
    assert stored.startswith("scrypt$16384$8$1$") and PASSWORD not in stored
    assert (data / webdb.DB_NAME).stat().st_mode & 0o077 == 0  # the owner's alone
    english = run_expert("serve", "--help", "--lang", "en")
    assert english.stdout.startswith("Usage: expert serve") and "--create-user" in english.stdout
    spanish = run_expert("serve", "--help")
    assert spanish.stdout.startswith("Uso: expert serve") and "TEXT" not in spanish.stdout


def test_a_downloaded_session_continues_at_the_terminal(tmp_path):
    """The web's session file is the terminal's: ``expert interview --resume`` goes on."""
    app = create_app(tmp_path / "data", TEST_KB)
    from expert.web.auth import create_account

    create_account(app.extensions["expert"].db, "laura", PASSWORD)
    laura = Web(app.test_client())
    laura.login()
    iid, link = laura.create("ACME", "Plan 2027")
    client = Web(app.test_client())
    client.get(link)
    client.act(action="answer", answer="no")
    client.act(action="answer", answer="no")
    session = tmp_path / "acme.yaml"
    session.write_text(laura.get(f"/c/{iid}/download/session"), "utf-8")
    done = run_expert("interview", "--kb", str(TEST_KB), "--resume", str(session),
                      input="1\nno lo sé\nsalir\n")
    assert done.returncode == 0, done.stderr
    assert "Se continúa la sesión" in done.stdout
    facts = parse_facts(session.read_text("utf-8"), "acme.yaml", Expert.open(TEST_KB).kb)
    assert facts.answers == {"plan_deep": False, "plan_chains": False, "basis": "objectives"}
