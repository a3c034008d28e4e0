"""Interviews in the database: create, find (by private link or by owner), save with a
version check, revoke and re-link. Every query that reads an interview names how it was
reached (the link's digest, or the owner's account), so a link opens its own interview
and nothing else, and a consultant sees only their own."""

from __future__ import annotations

import datetime
import sqlite3
from dataclasses import dataclass

from .db import Database
from .runner import Counts
from .security import digest, new_token


@dataclass(frozen=True)
class Row:
    id: int
    account: int
    lang: str
    state: str
    version: int
    status: str
    answers: int
    risks: int
    open: int
    show_risks: bool
    linked: bool
    created: str
    updated: str

    @classmethod
    def of(cls, row: sqlite3.Row) -> Row:
        return cls(int(row["id"]), int(row["account"]), str(row["lang"]), str(row["state"]),
                   int(row["version"]), str(row["status"]), int(row["answers"]),
                   int(row["risks"]), int(row["open"]), bool(row["show_risks"]),
                   row["link"] is not None, str(row["created"]), str(row["updated"]))


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def create(db: Database, account: int, lang: str, state: str, counts: Counts,
           show_risks: bool) -> tuple[int, str]:
    """A new interview and its private link's token (shown once: only its digest is
    kept)."""
    token = new_token()
    stamp = now()
    cursor = db.write(
        "INSERT INTO interviews (account, link, lang, state, status, answers, risks, open,"
        " created, updated, show_risks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (account, digest(token), lang, state, counts.status, counts.answers, counts.risks,
         counts.open, stamp, stamp, int(show_risks)))
    return int(cursor.lastrowid or 0), token


def by_link(db: Database, token: str) -> Row | None:
    row = db.one("SELECT * FROM interviews WHERE link = ?", (digest(token),))
    return Row.of(row) if row is not None else None


def by_owner(db: Database, account: int, iid: int) -> Row | None:
    row = db.one("SELECT * FROM interviews WHERE id = ? AND account = ?", (iid, account))
    return Row.of(row) if row is not None else None


def listed(db: Database, account: int) -> list[Row]:
    return [Row.of(row) for row in db.read(
        "SELECT * FROM interviews WHERE account = ? ORDER BY updated DESC, id DESC",
        (account,))]


def save(db: Database, row: Row, state: str, counts: Counts) -> bool:
    """Store a change made from version ``row.version``; False (nothing written) when the
    interview has changed since: the page it came from was out of date."""
    cursor = db.write(
        "UPDATE interviews SET state = ?, version = version + 1, status = ?, answers = ?,"
        " risks = ?, open = ?, updated = ? WHERE id = ? AND version = ?",
        (state, counts.status, counts.answers, counts.risks, counts.open, now(), row.id,
         row.version))
    return cursor.rowcount == 1


def revoke(db: Database, row: Row) -> None:
    db.write("UPDATE interviews SET link = NULL, updated = ? WHERE id = ? AND account = ?",
             (now(), row.id, row.account))


def relink(db: Database, row: Row) -> str:
    """A new private link; the old one stops working."""
    token = new_token()
    db.write("UPDATE interviews SET link = ?, updated = ? WHERE id = ? AND account = ?",
             (digest(token), now(), row.id, row.account))
    return token


def show_risks(db: Database, row: Row, shown: bool) -> None:
    db.write("UPDATE interviews SET show_risks = ? WHERE id = ? AND account = ?",
             (int(shown), row.id, row.account))
