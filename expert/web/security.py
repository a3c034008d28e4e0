"""Defences every response and form shares: headers, CSRF tokens, rate limits, tokens.

- Headers: a Content-Security-Policy that allows no script at all and no framing, no
  referrer (the private link is in the URL: it must not leak to another site), no MIME
  sniffing, and no caching of pages that hold a client's answers.
- CSRF: every browser gets a random cookie; a form's token is an HMAC of it under the
  server's key, so another site can neither read nor make one. The cookie is replaced at
  login, so a token from before a login does not work after it.
- Rate limits: counts per key over a sliding window, in memory (bounded), for wrong links
  (per address; a right link is never refused) and for the failed logins of one account
  (``throttle`` has the whole login policy); a blocked key is refused quickly instead of
  being slept on, so an attacker cannot tie up the server's threads.
- Tokens: links and logins carry ``secrets.token_urlsafe(32)`` (256 random bits); the
  database keeps only their SHA-256, compared as a lookup key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict, deque

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def looks_like_token(token: str) -> bool:
    """Cheap shape check before any lookup: base64url, the length ``new_token`` makes."""
    return 40 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def secure_headers(headers: dict[str, str] | object, *, tls: bool, private: bool) -> None:
    for name, value in HEADERS.items():
        headers[name] = value  # type: ignore[index]
    if tls:
        headers["Strict-Transport-Security"] = "max-age=31536000"  # type: ignore[index]
    if private:
        headers["Cache-Control"] = "no-store"  # type: ignore[index]


def csrf_token(key: bytes, browser: str, purpose: str = "form") -> str:
    mac = hmac.new(key, f"{purpose}\x00{browser}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def csrf_ok(key: bytes, browser: str | None, sent: str | None) -> bool:
    if not browser or not sent:
        return False
    return hmac.compare_digest(csrf_token(key, browser), sent)


def same_origin(origin: str | None, fetch_site: str | None, host: str, scheme: str) -> bool:
    """A form must come from this server's own pages, when the browser says where from.

    ``Sec-Fetch-Site`` is the surest word (browsers set it themselves, and keep it under
    ``Referrer-Policy: no-referrer``); otherwise ``Origin``, which that policy turns into
    ``null`` for a form post, so ``null`` tells nothing. The CSRF token is checked in any
    case: this is a second lock, not the first."""
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    if origin is None or origin == "null":
        return True
    return origin == f"{scheme}://{host}"


class RateLimit:
    """At most ``limit`` events per key in ``window`` seconds; thread-safe, and bounded to
    ``keys`` keys (the oldest are forgotten first)."""

    def __init__(self, limit: int, window: float, keys: int = 10_000) -> None:
        self.limit, self.window, self.keys = limit, window, keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        events = self._events.get(key)
        if events is None:
            events = self._events[key] = deque()
            while len(self._events) > self.keys:
                self._events.popitem(last=False)
        self._events.move_to_end(key)
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def blocked(self, key: str) -> float:
        """Seconds until ``key`` may try again (0: it may now)."""
        now = time.monotonic()
        with self._lock:
            events = self._recent(key, now)
            if len(events) < self.limit:
                return 0.0
            return max(1.0, events[0] + self.window - now)

    def hit(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(key, now).append(now)

    def clear(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)
