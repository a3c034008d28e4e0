"""The web front end's state: one SQLite file in the data folder, nothing else to run.

WAL lets page reads go on while an answer is written; ``synchronous=FULL`` makes a commit
durable before the page that confirms it is sent (the answer survives ``kill -9``, and a
power cut too). Each thread has its own connection (sqlite3 connections must not be
shared between threads); writers queue on SQLite's own lock through ``busy_timeout``.

The schema carries its version (table ``schema_version``); ``MIGRATIONS`` are the ordered
steps from one version to the next, and a database left by an older version is brought up
to date on start, each step in its own transaction. A database newer than this program is
refused rather than guessed at.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, Location
from ..i18n import Msg

DB_NAME = "expert-web.sqlite3"

# Each step: the statements that take a database from the previous version to this one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, (
        "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
        " password TEXT NOT NULL, created TEXT NOT NULL)",
        # A login: the SHA-256 of the cookie's token, so a copy of the database opens no
        # session.
        "CREATE TABLE logins (token TEXT PRIMARY KEY,"
        " account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
        " expires REAL NOT NULL)",
        # ``link``: the SHA-256 of the private link's token (NULL once revoked); ``state``:
        # the session and the flow's position as JSON; ``version`` grows with every saved
        # change (a page from an older version cannot overwrite a newer one); the counts
        # feed the list without evaluating every interview.
        "CREATE TABLE interviews (id INTEGER PRIMARY KEY,"
        " account INTEGER NOT NULL REFERENCES accounts(id),"
        " link TEXT UNIQUE, lang TEXT NOT NULL, state TEXT NOT NULL,"
        " version INTEGER NOT NULL DEFAULT 1, status TEXT NOT NULL DEFAULT 'new',"
        " answers INTEGER NOT NULL DEFAULT 0, risks INTEGER NOT NULL DEFAULT 0,"
        " open INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, updated TEXT NOT NULL)",
    )),
    # Version 2: whether the client sees the risks is chosen per interview (before, never).
    (2, (
        "ALTER TABLE interviews ADD COLUMN show_risks INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX interviews_by_account ON interviews (account, updated)",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def open_database(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None,
                                 check_same_thread=True)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 30000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def schema_version(connection: sqlite3.Connection) -> int:
    found = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if found is None:
        return 0
    row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """Bring the database to ``SCHEMA_VERSION``; (version found, version now)."""
    connection.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version"
                           " (version INTEGER NOT NULL, applied TEXT NOT NULL)")
        found = schema_version(connection)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    if found > SCHEMA_VERSION:
        raise InputError(Msg("web.db.newer", found=found, known=SCHEMA_VERSION),
                         Location(str(path)), Msg("web.db.newer_hint"), code="schema")
    for version, statements in MIGRATIONS:
        if version <= found:
            continue
        with transaction(connection):
            if schema_version(connection) >= version:  # another process got here first
                continue
            for statement in statements:
                connection.execute(statement)
            connection.execute("INSERT INTO schema_version VALUES (?, datetime('now'))",
                               (version,))
    return found, SCHEMA_VERSION


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT: the write lock is taken first, so a transaction never
    fails half-way on a lock another writer holds."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _writable_folder(folder: Path, path: Path) -> None:
    """Create the data folder, and make sure the database can be written there: a folder
    that cannot be (missing permission, a file on the way, a full or read-only disk) is
    said in words, with how to fix it, before SQLite says less."""
    from ..writer import OutputError, output_error

    if folder.exists() and not folder.is_dir():
        raise OutputError(Msg("out.not_folder", path=str(folder)), Location(str(folder)),
                          Msg("hint.output_place"), code="output")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            fd, probe = tempfile.mkstemp(prefix=".expert-", suffix=".tmp", dir=folder)
            os.close(fd)
            os.unlink(probe)
    except OSError as error:
        raise output_error(path, error) from None


class Database:
    """The data folder's database: migrated once, then one connection per thread."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DB_NAME
        _writable_folder(folder, self.path)
        fresh = not self.path.exists()
        self._local = threading.local()
        connection = self.connection()
        if fresh:  # answers and password hashes: readable by the owner alone
            os.chmod(self.path, 0o600)
        self.migrated = migrate(connection, self.path)

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = open_database(self.path)
            self._local.connection = connection
        return connection

    def read(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        return self.connection().execute(sql, args).fetchall()

    def one(self, sql: str, args: tuple = ()) -> sqlite3.Row | None:
        return self.connection().execute(sql, args).fetchone()

    def write(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        """One statement in its own transaction, committed (durably) on return."""
        with transaction(self.connection()) as connection:
            return connection.execute(sql, args)

    def setting(self, name: str, make: str) -> str:
        """A stored setting, created from ``make`` the first time (e.g. the server key)."""
        with transaction(self.connection()) as connection:
            row = connection.execute("SELECT value FROM settings WHERE name = ?",
                                     (name,)).fetchone()
            if row is not None:
                return str(row[0])
            connection.execute("INSERT INTO settings VALUES (?, ?)", (name, make))
            return make
