"""Signing in to the inbox and opening hand-offs from a test client."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.fakes.rasa import FakeRasa

PASSWORD = "a-long-password"
HANDOFF_REPLY = [
    {"kind": "handoff", "lang": "fr", "text": "x", "buttons": [], "handoff": "request"}
]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def login_token(client: TestClient) -> str:
    """The CSRF token of a fresh login form (its cookie goes into the client)."""
    page = client.get("/inbox/login")
    return CSRF.search(page.text).group(1)  # type: ignore[union-attr]


def try_login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Post the login form; return where it sends the browser."""
    response = client.post(
        "/inbox/login",
        data={"username": username, "password": password, "csrf_token": login_token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def login(client: TestClient, username: str) -> str:
    """Sign in (it must succeed); return the session's CSRF token."""
    assert try_login(client, username) == "/inbox"
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    """The CSRF token of the signed-in session."""
    page = client.get("/inbox")
    return CSRF.search(page.text).group(1)  # type: ignore[union-attr]


def ask_for_a_person(client: TestClient, fake_rasa: FakeRasa, sender: str = "web-1") -> int:
    """A web chat user asks for a person; return the new hand-off's id."""
    fake_rasa.scripted["je veux une personne"] = HANDOFF_REPLY
    reply = client.post("/api/messages", json={"sender": sender, "text": "je veux une personne"})
    assert reply.json()["handoff"] is True
    client.cursor = reply.json()["cursor"]  # type: ignore[attr-defined]
    handoffs = client.app.state.handoffs  # type: ignore[attr-defined]
    user_id = client.app.state.service.user_id("local", sender)  # type: ignore[attr-defined]
    return handoffs.active(user_id).id  # type: ignore[no-any-return]


def claimed(client: TestClient, fake_rasa: FakeRasa, username: str = "agent") -> tuple[int, str]:
    """A web chat user asks for a person, and ``username`` signs in and takes the hand-off.

    Returns the hand-off's id and the session's CSRF token.
    """
    handoff_id = ask_for_a_person(client, fake_rasa)
    csrf = login(client, username)
    client.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
    return handoff_id, csrf
