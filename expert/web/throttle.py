"""How failed logins are slowed down without locking anybody else out.

Each (account, address) pair has its own count of failures: the first ``FREE`` cost
nothing, each one after makes that pair wait twice as long as the one before (1 s, 2 s,
4 s, … at most ``MAX_DELAY``), and the count is forgotten after ``QUIET`` seconds without a
failure. So one person's typos slow down only that person: not the same account from
another address, nor another account from the same address (an office behind one NAT).

Guessing from many addresses at once is bounded by a ceiling per account (``CEILING``
failures in ``CEILING_WINDOW``): past it, the account takes no password from a browser that
has not logged in to it before. A browser that has holds a signed cookie (OWASP's «device
cookies»): its failures count on their own pair (the browser instead of the address) and
the ceiling does not apply to it, so an attack on the account cannot lock its owner out.

Waiting is answered at once (with how long), never slept on: an attacker cannot tie up the
server's threads. Counts are in memory, per process, bounded in size.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from .security import RateLimit

FREE = 5  # failures before any wait: typos are free
MAX_DELAY = 60.0  # seconds: one address guesses at most ~60 passwords an hour
QUIET = 900.0  # seconds without a failure after which a pair starts afresh
CEILING, CEILING_WINDOW = 50, 900.0  # failures per account from browsers it does not know


class Backoff:
    """Failures per key, each beyond ``free`` doubling the wait before the next try."""

    def __init__(self, free: int = FREE, cap: float = MAX_DELAY, quiet: float = QUIET,
                 keys: int = 10_000) -> None:
        self.free, self.cap, self.quiet, self.keys = free, cap, quiet, keys
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Seconds before ``key`` may try again (0: now)."""
        now = time.monotonic()
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
            if count == 0 or now - last >= self.quiet:
                return 0.0
            return max(0.0, last + self.delay(count) - now)

    def delay(self, count: int) -> float:
        if count < self.free:
            return 0.0
        return min(self.cap, 2.0 ** (count - self.free))

    def fail(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            count, last = self._failures.pop(key, (0, 0.0))
            if now - last >= self.quiet:
                count = 0
            self._failures[key] = (count + 1, now)
            while len(self._failures) > self.keys:
                self._failures.popitem(last=False)

    def clear(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


@dataclass(frozen=True)
class Attempt:
    """Who is trying to log in: the account's name, and the pair their failures count on."""

    name: str
    pair: str
    known: bool  # the browser has logged in to this account before


class LoginGuard:
    def __init__(self, key: bytes, *, free: int = FREE, cap: float = MAX_DELAY,
                 ceiling: int = CEILING, window: float = CEILING_WINDOW) -> None:
        self._key = key
        self.pairs = Backoff(free, cap)
        self.accounts = RateLimit(limit=ceiling, window=window)

    def attempt(self, name: str, address: str, device: str | None) -> Attempt:
        name = name.strip().lower()
        nonce = self._device_nonce(name, device)
        if nonce is not None:
            return Attempt(name, f"{name}\x00device:{nonce}", True)
        return Attempt(name, f"{name}\x00address:{address}", False)

    def wait(self, attempt: Attempt) -> tuple[float, str]:
        """(seconds to wait, why: «pair» or «account»); (0, "") when it may try now."""
        wait = self.pairs.wait(attempt.pair)
        if wait:
            return wait, "pair"
        if not attempt.known:
            wait = self.accounts.blocked(attempt.name)
            if wait:
                return wait, "account"
        return 0.0, ""

    def failed(self, attempt: Attempt) -> None:
        self.pairs.fail(attempt.pair)
        if not attempt.known:
            self.accounts.hit(attempt.name)

    def succeeded(self, attempt: Attempt) -> str:
        """Forget the pair's failures; the browser's cookie for this account."""
        self.pairs.clear(attempt.pair)
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._mac(attempt.name, nonce)}"

    def _mac(self, name: str, nonce: str) -> str:
        message = f"device\x00{nonce}\x00{name}".encode("utf-8", "replace")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def _device_nonce(self, name: str, device: str | None) -> str | None:
        if not device or len(device) > 200 or "." not in device:
            return None
        nonce, mac = device.split(".", 1)
        expected = self._mac(name, nonce).encode()
        return nonce if hmac.compare_digest(mac.encode("utf-8", "replace"), expected) \
            else None
