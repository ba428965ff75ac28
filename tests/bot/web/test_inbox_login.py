"""Signing in to the inbox: CSRF, the lock on failed logins, client addresses behind a proxy."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.web.app import create_app
from tests.bot.web.inbox_client import CSRF, PASSWORD, login, login_token, try_login
from tests.fakes.server import serve

WRONG, LOCKED = "/inbox/login?error=wrong", "/inbox/login?error=locked"


def fail(client: TestClient, username: str, times: int) -> None:
    for _ in range(times):
        assert try_login(client, username, "not-the-password") == WRONG


def test_login_form_without_csrf_is_refused(app_client: TestClient) -> None:
    response = app_client.post("/inbox/login", data={"username": "agent", "password": PASSWORD})
    assert response.status_code == 403


def test_wrong_password_then_lockout(app_client: TestClient) -> None:
    fail(app_client, "agent", 5)
    assert try_login(app_client, "agent") == LOCKED


def test_spelling_variants_of_a_username_share_one_lock(app_client: TestClient) -> None:
    """Spaces, capitals, tabs and full-width letters are one username, for the lock too."""
    for variant in (" agent", "AGENT ", "Agent\t", "\uff41\uff47\uff45\uff4e\uff54", "agent"):
        assert try_login(app_client, variant, "not-the-password") == WRONG
    assert try_login(app_client, "agent") == LOCKED


def test_a_full_width_username_signs_in(app_client: TestClient) -> None:
    assert try_login(app_client, " \uff21\uff47\uff45\uff4e\uff54 ") == "/inbox"


def test_an_attacker_at_the_same_address_cannot_lock_a_known_browser_out(
    app_client: TestClient,
) -> None:
    """The admin's browser signed in before; guesses from the office's shared address fail."""
    app_client.cookies.clear()
    assert try_login(app_client, "boss") == "/inbox"  # the admin's browser, now known
    app_client.cookies.delete("staff_session")
    attacker = TestClient(app_client.app)  # same address ("testclient")
    fail(attacker, "boss", 5)
    for _ in range(5):
        assert try_login(attacker, "boss", "guess") == LOCKED
    assert try_login(attacker, "boss") == LOCKED  # even the right password, from there
    assert try_login(app_client, "boss") == "/inbox"


def test_a_known_browser_is_locked_after_its_own_failures(app_client: TestClient) -> None:
    assert try_login(app_client, "boss") == "/inbox"
    app_client.cookies.delete("staff_session")
    fail(app_client, "boss", 5)
    assert try_login(app_client, "boss") == LOCKED


def test_a_device_cookie_of_another_user_does_not_help(app_client: TestClient) -> None:
    assert try_login(app_client, "agent2") == "/inbox"
    app_client.cookies.delete("staff_session")
    fail(TestClient(app_client.app), "boss", 5)
    assert try_login(app_client, "boss") == LOCKED


def test_one_address_guessing_many_usernames_is_stopped(app_client: TestClient) -> None:
    for number in range(20):
        assert try_login(app_client, f"nobody{number}", "guess") == WRONG
    assert try_login(app_client, "agent") == LOCKED


def test_one_ipv6_64_guessing_many_usernames_is_stopped(app_client: TestClient) -> None:
    """Each guess from a new address of one /64 once counted for an address of its own."""
    for number in range(20):
        guesser = TestClient(app_client.app, client=(f"2001:db8:0:9::{number + 1:x}", 4000))
        assert try_login(guesser, f"nobody{number}", "guess") == WRONG
    newcomer = TestClient(app_client.app, client=("2001:db8:0:9::abcd", 4000))
    assert try_login(newcomer, "agent") == LOCKED


def test_a_username_guessed_from_many_addresses_locks_unknown_browsers_only(
    settings: Settings,
) -> None:
    with TestClient(create_app(settings)) as known:
        add_staff(known.app.state.database, "boss", PASSWORD, "admin")  # type: ignore[attr-defined]
        assert try_login(known, "boss") == "/inbox"
        known.cookies.delete("staff_session")
        for number in range(10):  # 40 failures, none over 5 per address
            fail(TestClient(known.app, client=(f"198.51.100.{number}", 4000)), "boss", 4)
        newcomer = TestClient(known.app, client=("198.51.100.200", 4000))
        assert try_login(newcomer, "boss") == LOCKED
        assert try_login(known, "boss") == "/inbox"


@pytest.fixture
def served(settings: Settings) -> Iterator[tuple[str, Settings]]:
    add_staff(Database(settings.database_url), "agent", PASSWORD, "agent")
    with serve(create_app(settings)) as url:
        yield url, settings


def post_login(http: httpx.Client, username: str, password: str, **headers: str) -> str:
    page = http.get("/inbox/login")
    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    response = http.post(
        "/inbox/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers=headers,
    )
    return response.headers["location"]


def test_forwarded_for_is_ignored_without_a_trusted_proxy(
    served: tuple[str, Settings],
) -> None:
    """Through the real server: a client cannot pick its address with X-Forwarded-For."""
    url, _ = served
    with httpx.Client(base_url=url) as http:
        for number in range(5):
            forged = {"X-Forwarded-For": f"203.0.113.{number}"}
            assert post_login(http, "agent", "guess", **forged) == WRONG
        assert post_login(http, "agent", PASSWORD, **{"X-Forwarded-For": "203.0.113.99"}) == (
            LOCKED
        )


def test_forwarded_for_is_used_behind_a_trusted_proxy(settings: Settings) -> None:
    trusted = dataclasses.replace(settings, trusted_proxies="127.0.0.1")
    add_staff(Database(settings.database_url), "agent", PASSWORD, "agent")
    with serve(create_app(trusted)) as url, httpx.Client(base_url=url) as http:
        for _ in range(5):
            assert post_login(http, "agent", "guess", **{"X-Forwarded-For": "203.0.113.7"}) == (
                WRONG
            )
        assert post_login(http, "agent", PASSWORD, **{"X-Forwarded-For": "203.0.113.7"}) == (LOCKED)
        assert post_login(http, "agent", PASSWORD, **{"X-Forwarded-For": "203.0.113.8"}) == (
            "/inbox"
        )


def test_a_burst_of_guesses_is_not_all_checked(served: tuple[str, Settings]) -> None:
    """30 simultaneous guesses: no more than the lock allows are verified."""
    url, _ = served

    async def burst() -> list[str]:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            page = await http.get("/inbox/login")
            token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
            form = {"username": "agent", "password": "guess", "csrf_token": token}
            responses = await asyncio.gather(
                *(http.post("/inbox/login", data=form) for _ in range(30))
            )
        return [r.headers["location"] for r in responses]

    outcomes = asyncio.run(burst())
    assert outcomes.count(WRONG) == 5 and outcomes.count(LOCKED) == 25


def test_the_login_page_token_is_bound_to_its_cookie(app_client: TestClient) -> None:
    token = login_token(app_client)
    other = TestClient(app_client.app)
    login_token(other)
    response = other.post(
        "/inbox/login",
        data={"username": "agent", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert re.fullmatch(r"[\w-]+", token)


def test_non_ascii_tokens_and_cookies_are_refused_not_a_crash(app_client: TestClient) -> None:
    response = app_client.post(
        "/inbox/login", data={"username": "agent", "password": "x", "csrf_token": "\u00e9"}
    )
    assert response.status_code == 403
    token = login_token(app_client)
    cookies = f"login_csrf={token}; staff_device=\u00e9.\u00e9".encode()
    response = app_client.post(
        "/inbox/login",
        data={"username": "agent", "password": "x", "csrf_token": token},
        headers={b"cookie": cookies},
        follow_redirects=False,
    )
    assert response.headers["location"] == WRONG
    csrf = login(app_client, "agent")
    assert csrf
    response = app_client.post("/inbox/language", data={"csrf_token": "\u00e9", "language": "ar"})
    assert response.status_code == 403
