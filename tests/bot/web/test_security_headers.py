"""Security headers on every response; no inline script or style in any page."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.web.app import create_app
from tests.bot.web.inbox_client import PASSWORD, ask_for_a_person, login
from tests.fakes.rasa import FakeRasa

EVERY_RESPONSE = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),  # a script without src
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),  # onclick=, onload=…
    re.compile(r"javascript:", re.I),
]


def check_headers(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in EVERY_RESPONSE.items():
        assert headers.get(name) == value, (response, name)
    assert "camera=()" in headers["permissions-policy"]
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


def test_every_kind_of_response_has_the_headers(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        responses = [
            client.get("/"),
            client.get("/privacy"),
            client.get("/inbox/login"),
            client.get("/inbox", follow_redirects=False),
            client.get("/healthz"),
            client.get("/static/inbox.js"),
            client.get("/no-such-page"),
            client.post("/api/messages", content=b"x" * 70_000),
        ]
        assert [r.status_code for r in responses][-2:] == [404, 413]
        for response in responses:
            check_headers(response)
            assert "strict-transport-security" not in response.headers


def test_hsts_when_the_public_address_is_https(settings: Settings) -> None:
    https = dataclasses.replace(settings, public_url="https://assistant.example.org")
    with TestClient(create_app(https)) as client:
        assert client.get("/healthz").headers["strict-transport-security"].startswith("max-age=")


def test_staff_pages_are_never_cached(app_client: TestClient) -> None:
    login(app_client, "agent")
    assert app_client.get("/inbox").headers["cache-control"] == "no-store"
    assert app_client.get("/inbox/queue.json").headers["cache-control"] == "no-store"
    assert "no-store" not in app_client.get("/static/inbox.css").headers.get("cache-control", "")


@pytest.mark.parametrize("username", ["agent", "boss", "editor"])
def test_no_page_has_inline_script_or_style(
    app_client: TestClient, fake_rasa: FakeRasa, username: str
) -> None:
    """The CSP forbids inline script and style: every page must work without them."""
    add_staff(app_client.app.state.database, "editor", PASSWORD, "editor")  # type: ignore[attr-defined]
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    pages = ["/", "/privacy", "/privacy?lang=ar", "/inbox/login"]
    login(app_client, username)
    pages += ["/inbox", f"/inbox/c/{handoff_id}"]
    pages += {
        "boss": ["/inbox/admin/audit"],
        "editor": ["/inbox/editor", "/inbox/editor/asylum/fr", "/inbox/editor/report"],
    }.get(username, [])
    for path in pages:
        response = app_client.get(path)
        assert response.status_code == 200, path
        check_headers(response)
        for pattern in INLINE:
            assert not pattern.search(response.text), (path, pattern.pattern)


def test_scripts_and_styles_are_linked_by_path(settings: Settings) -> None:
    """Behind a TLS proxy the gateway may see http: absolute http:// links would be blocked."""
    with TestClient(create_app(settings)) as client:
        for path in ("/", "/privacy", "/inbox/login"):
            page = client.get(path).text
            assert re.search(r'(href|src)="/static/\w+\.(css|js)"', page), path
            assert "http://" not in page, path
