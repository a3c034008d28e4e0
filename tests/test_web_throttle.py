"""Failed logins slow down the one who fails, and nobody else: an account from another
address, another account from the same address (an office behind one NAT), the owner's
own browser while the account is attacked from many addresses. Flask's test client, with
the address set per browser; the server's real login policy (``expert.web.throttle``)."""

from __future__ import annotations

import time

import pytest

from expert.web.app import create_app
from expert.web.auth import create_account
from expert.web.throttle import Backoff, LoginGuard

from helpers import TEST_KB
from web_helpers import PASSWORD, Web, text_of

WRONG = "no es esta contraseña"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("web"), TEST_KB)
    db = app.extensions["expert"].db
    for name in ("ana", "laura", "pedro"):
        assert create_account(db, name, PASSWORD) is None
    return app


@pytest.fixture
def fresh(app):
    """The app with every count forgotten (and a lower account ceiling, to reach it)."""
    found = app.extensions["expert"]
    found.logins = LoginGuard(found.key, ceiling=8)
    return app


def browser(app, address: str) -> Web:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    web = Web(client)
    web.get("/login")
    return web


def log_in(web: Web, name: str, password: str = PASSWORD) -> int:
    web.post("/login", {"name": name, "password": password})
    return web.status


def test_typos_behind_one_address_lock_out_nobody_else(fresh):
    typist = browser(fresh, "192.0.2.7")
    for _ in range(5):  # the free ones spent: this pair now waits
        assert log_in(typist, "ana", WRONG) == 401
    assert log_in(typist, "ana") == 429
    # The same account from elsewhere, another account from the same office: let in.
    assert log_in(browser(fresh, "198.51.100.1"), "ana") == 200
    assert log_in(browser(fresh, "192.0.2.7"), "laura") == 200


def test_a_few_typos_cost_nothing_and_the_wait_grows_and_ends(fresh):
    web = browser(fresh, "192.0.2.8")
    for _ in range(3):
        assert log_in(web, "ana", WRONG) == 401
    assert log_in(web, "ana") == 200  # three typos, then the right password: in
    web = browser(fresh, "192.0.2.9")
    for _ in range(5):
        assert log_in(web, "pedro", WRONG) == 401
    response = web.post("/login", {"name": "pedro", "password": PASSWORD}, follow=False)
    assert response.status_code == 429
    assert "espere 1 segundo y vuelva a intentarlo" in text_of(web.page)
    assert response.headers["Retry-After"] == "1"
    time.sleep(1.1)  # the wait is seconds, not a quarter of an hour
    assert log_in(web, "pedro") == 200


def test_waits_double_up_to_a_minute_and_are_forgotten_after_a_quiet_spell():
    backoff = Backoff(free=5, cap=60, quiet=900)
    assert [backoff.delay(n) for n in (1, 4, 5, 6, 7, 10, 11, 20)] == [
        0, 0, 1, 2, 4, 32, 60, 60]
    backoff = Backoff(free=1, cap=60, quiet=0.2)
    backoff.fail("k")
    assert 0 < backoff.wait("k") <= 1
    time.sleep(0.25)
    assert backoff.wait("k") == 0


def test_an_account_attacked_from_many_addresses_still_lets_its_owner_in(fresh):
    owner = browser(fresh, "203.0.113.5")
    assert log_in(owner, "laura") == 200  # this browser has logged in to laura before
    owner.post("/logout", {})
    for n in range(8):  # one guess from each of many addresses: the account's ceiling
        assert log_in(browser(fresh, f"198.51.100.{10 + n}"), "laura", WRONG) == 401
    stranger = browser(fresh, "198.51.100.99")
    assert log_in(stranger, "laura") == 429
    assert "solo se puede entrar con él desde un navegador en el que ya se haya entrado " \
        "antes" in text_of(stranger.page)
    owner.get("/login")
    assert log_in(owner, "laura") == 200  # the owner's browser is not locked out
    # The cookie is bound to its account: it does not lift the ceiling for another one.
    forged = browser(fresh, "198.51.100.98")
    forged.client.set_cookie("expert_device", owner.client.get_cookie("expert_device").value)
    for n in range(8):
        log_in(browser(fresh, f"198.51.101.{n}"), "pedro", WRONG)
    assert log_in(forged, "pedro") == 429
