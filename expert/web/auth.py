"""Consultant accounts: passwords and logins.

Passwords are stored as scrypt hashes (``hashlib.scrypt``, in the standard library: no
extra dependency, memory-hard, and its parameters travel with each hash so they can be
raised later). A name that does not exist costs the same scrypt as a wrong password, so
timing does not tell which names exist. A login is a random token in an HttpOnly cookie;
the database keeps its SHA-256 and an expiry, so logging out (or expiry) ends it for good.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import secrets
import time

from ..i18n import Msg
from .db import Database
from .security import digest, new_token

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
MAX_NAME = 100
LOGIN_SECONDS = 12 * 3600
_DUMMY = None  # a hash to spend the same time on for names that do not exist


def hash_password(password: str, *, n: int = SCRYPT_N) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P,
                         dklen=32, maxmem=64 * 1024 * 1024)
    encode = base64.b64encode
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(key).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        found = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                               n=int(n), r=int(r), p=int(p), dklen=len(expected),
                               maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, expected)


def name_problem(name: str) -> Msg | None:
    if not name.strip() or len(name) > MAX_NAME or not name.isprintable():
        return Msg("web.account.bad_name", limit=MAX_NAME)
    return None


def password_problem(password: str) -> Msg | None:
    if len(password) < MIN_PASSWORD:
        return Msg("web.account.short_password", limit=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        return Msg("web.account.long_password", limit=MAX_PASSWORD)
    return None


def create_account(db: Database, name: str, password: str) -> Msg | None:
    """A new consultant account; a problem message if it cannot be made."""
    name = name.strip()
    problem = name_problem(name) or password_problem(password)
    if problem is not None:
        return problem
    if db.one("SELECT 1 FROM accounts WHERE name = ?", (name,)) is not None:
        return Msg("web.account.exists", name=name)
    db.write("INSERT INTO accounts (name, password, created) VALUES (?, ?, ?)",
             (name, hash_password(password), _now()))
    return None


def check_login(db: Database, name: str, password: str) -> int | None:
    """The account id, if the name and password match."""
    global _DUMMY
    if len(password) > MAX_PASSWORD or len(name) > MAX_NAME:
        return None
    row = db.one("SELECT id, password FROM accounts WHERE name = ?", (name.strip(),))
    if row is None:
        if _DUMMY is None:
            _DUMMY = hash_password(secrets.token_urlsafe(16))
        verify_password(password, _DUMMY)
        return None
    return int(row["id"]) if verify_password(password, row["password"]) else None


def start_login(db: Database, account: int) -> str:
    token = new_token()
    now = time.time()
    db.write("DELETE FROM logins WHERE expires < ?", (now,))
    db.write("INSERT INTO logins VALUES (?, ?, ?)", (digest(token), account,
                                                      now + LOGIN_SECONDS))
    return token


def logged_in(db: Database, token: str | None) -> tuple[int, str] | None:
    """(account id, name) of a live login."""
    if not token or len(token) > 100:
        return None
    row = db.one("SELECT accounts.id, accounts.name FROM logins JOIN accounts"
                 " ON accounts.id = logins.account WHERE token = ? AND expires > ?",
                 (digest(token), time.time()))
    return (int(row[0]), str(row[1])) if row is not None else None


def end_login(db: Database, token: str | None) -> None:
    if token:
        db.write("DELETE FROM logins WHERE token = ?", (digest(token),))


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
