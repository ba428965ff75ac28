"""The staff inbox in headless Chromium: French and Arabic, desktop and phone (issue #17).

The gateway runs on loopback with the fake Rasa (no model needed). Screenshots
of the queue and a conversation go to ``docs/bench/`` (the staff guide shows them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.web.app import create_app
from tests.e2e.conftest import csp_violations
from tests.fakes.rasa import FakeRasa
from tests.fakes.server import serve
from tools.browser import DESKTOP, PHONE

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

PASSWORD = "staff-password-1"
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "bench"
SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture
def gateway(settings: Settings) -> Iterator[str]:
    with serve(create_app(settings)) as url:
        yield url


def _handoff(kind: str, language: str) -> list[dict[str, object]]:
    return [{"kind": "handoff", "lang": language, "text": "x", "buttons": [], "handoff": kind}]


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_shift_in_the_inbox(
    browser: object,
    gateway: str,
    settings: Settings,
    fake_rasa: FakeRasa,
    language: str,
    size: str,
) -> None:
    add_staff(Database(settings.database_url), "amina", PASSWORD, "admin", "Amina", language)
    fake_rasa.scripted["je veux une personne"] = _handoff("request", "fr")
    fake_rasa.scripted["أريد التحدث مع شخص"] = _handoff("request", "ar")
    fake_rasa.scripted["on me menace"] = _handoff("emergency", "fr")
    url = gateway
    page = browser.new_page(viewport=SIZES[size])  # type: ignore[attr-defined]
    blocked = csp_violations(page)
    page.goto(url + "/inbox/login")
    page.fill("input[name=username]", "amina")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#queue")).to_be_attached()
    chat = browser.new_page()  # type: ignore[attr-defined]
    for sender, text in (("w1", "je veux une personne"), ("w2", "أريد التحدث مع شخص")):
        chat.request.post(url + "/api/messages", data={"sender": sender, "text": text})
        chat.request.post(url + "/api/messages", data={"sender": sender, "text": text + " ?"})
    # A new urgent conversation appears without a reload, first in the queue.
    chat.request.post(url + "/api/messages", data={"sender": "w3", "text": "on me menace"})
    expect(page.locator("#queue li")).to_have_count(3, timeout=10_000)
    expect(page.locator("#queue li").first).to_have_class("row emergency waiting")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SHOTS / f"inbox-queue-{language}-{size}.png"), full_page=True)

    page.locator("#queue li").nth(1).locator("a").click()
    expect(page.locator("#transcript")).to_be_visible()
    page.click("#claim")
    expect(page.locator("#send-reply")).to_be_enabled(timeout=10_000)
    page.fill("#reply-text", "Bonjour ")
    page.click("#saved-box summary")
    page.locator("#saved .insert").first.click()
    draft = page.input_value("#reply-text")
    assert draft.startswith("Bonjour ") and len(draft) > len("Bonjour ")
    page.click("#send-reply")
    expect(page.locator("#transcript .msg.staff")).to_have_count(1, timeout=10_000)
    assert page.input_value("#reply-text") == ""
    # The person writes while the agent types: the draft stays.
    page.fill("#reply-text", "brouillon")
    sender = "w1" if page.locator("#transcript").inner_text().find("personne") >= 0 else "w2"
    chat.request.post(url + "/api/messages", data={"sender": sender, "text": "merci !"})
    expect(page.locator("#transcript")).to_contain_text("merci !", timeout=10_000)
    assert page.input_value("#reply-text") == "brouillon"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SHOTS / f"inbox-conversation-{language}-{size}.png"))
    assert blocked == []
    page.close()
    chat.close()
