"""Driving the staff inbox in Chromium: a shared gateway, pages, people writing in.

The browser tests of the inbox share one gateway per module (with the fake
Rasa); each test has its own people, and :func:`close_everything` leaves the
queue empty for the next one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import update

from bot.handoff.states import CLOSED, OPEN_STATES
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.storage.models import Handoff
from bot.web.app import create_app
from tests.bot.web.inbox_client import CSRF
from tests.fakes.rasa import FakeRasa
from tests.fakes.server import serve
from tests.fakes.settings import gateway_settings
from tools.browser import DESKTOP, PHONE

PASSWORD = "staff-password-1"
SIZES = {"desktop": DESKTOP, "phone": PHONE}
LOCALES = {"fr": "fr-FR", "ar": "ar-MA"}
ASK_FR, ASK_AR, THREAT = "je veux une personne", "أريد التحدث مع شخص", "on me menace"
# Codes that must never show where staff read words.
RAW_CODES = re.compile(r"\b(emergency|request|waiting|assigned|closed|local)\b")
# Before any page script: a browser notification that records instead of
# showing, and every CSP violation kept as the DOM reports it.
PAGE_SETUP = """
window.__notified = [];
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
window.Notification = class { constructor(title) { window.__notified.push(title); } };
window.Notification.permission = "granted";
window.Notification.requestPermission = () => Promise.resolve("granted");
"""


@dataclass(frozen=True)
class Gateway:
    """The gateway under test: its address and its database."""

    url: str
    database: Database


def _handoff(kind: str, language: str) -> list[dict[str, object]]:
    return [{"kind": "handoff", "lang": language, "text": "x", "buttons": [], "handoff": kind}]


@contextmanager
def inbox_gateway(fake_rasa: FakeRasa, folder: Path) -> Iterator[Gateway]:
    """A gateway with two admins (French and Arabic interface) and an agent, Karim."""
    fake_rasa.scripted[ASK_FR] = _handoff("request", "fr")
    fake_rasa.scripted[ASK_AR] = _handoff("request", "ar")
    fake_rasa.scripted[THREAT] = _handoff("emergency", "fr")
    settings = gateway_settings(folder, fake_rasa.url)  # type: ignore[attr-defined]
    # The module opens some twenty-five web-chat hand-offs in about a minute: above the
    # anonymous chat's cap, which tests/bot/channels/test_local.py covers.
    settings = dataclasses.replace(settings, local_handoffs_per_minute=1000)
    with serve(create_app(settings)) as url:
        database = Database(settings.database_url)
        add_staff(database, "amina-fr", PASSWORD, "admin", "Amina", "fr")
        add_staff(database, "amina-ar", PASSWORD, "admin", "أمينة", "ar")
        add_staff(database, "karim", PASSWORD, "agent", "Karim", "fr")
        yield Gateway(url, database)


def close_everything(database: Database) -> None:
    """Close every open conversation (what a test leaves open must not reach the next)."""
    with database.session() as session:
        session.execute(
            update(Handoff)
            .where(Handoff.state.in_(OPEN_STATES))
            .values(state=CLOSED, closed_at=dt.datetime.now(dt.UTC))
        )
        session.commit()


def open_page(browser: Any, language: str, size: str) -> Any:
    """A page in a fresh context, at ``size``, the browser in the staff member's locale."""
    context = browser.new_context(viewport=SIZES[size], locale=LOCALES[language])
    context.add_init_script(PAGE_SETUP)
    return context.new_page()


def sign_in(page: Any, url: str, username: str) -> None:
    """Sign in to the inbox; the queue is on screen."""
    page.goto(url + "/inbox/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#queue", state="attached")


def claim_as(page: Any, url: str, username: str, handoff_id: str) -> None:
    """A colleague, signed in on another browser, takes the conversation."""
    colleague = page.context.browser.new_context()
    try:
        request = colleague.request
        token = CSRF.search(request.get(url + "/inbox/login").text()).group(1)
        login = {"username": username, "password": PASSWORD, "csrf_token": token}
        assert request.post(url + "/inbox/login", form=login).ok
        token = CSRF.search(request.get(f"{url}/inbox/c/{handoff_id}").text()).group(1)
        assert request.post(f"{url}/inbox/c/{handoff_id}/claim", form={"csrf_token": token}).ok
    finally:
        colleague.close()


def say(page: Any, url: str, sender: str, text: str) -> dict[str, Any]:
    """A person writes in the web chat; the gateway's answer."""
    response = page.request.post(url + "/api/messages", data={"sender": sender, "text": text})
    assert response.ok, response.text()
    answer: dict[str, Any] = response.json()
    return answer


def told(page: Any, url: str, sender: str) -> str:
    """Everything the person was sent from outside the conversation (staff, survey)."""
    response = page.request.get(url + "/api/messages/updates", params={"sender": sender})
    return "\n".join(reply["text"] for reply in response.json()["replies"])


def open_triage(page: Any) -> None:
    """Open the triage box as a person would: click its summary, and once more if it
    did not open (a live refresh can move the summary between aim and click)."""
    for _ in range(3):
        if page.locator("#triage").evaluate("box => box.open"):
            return
        page.click("#triage summary")
    page.wait_for_function("document.getElementById('triage').open")


def mark_page(page: Any) -> None:
    """Mark this page load: :func:`same_page` is false after any reload."""
    page.evaluate("window.__samePage = true")


def same_page(page: Any) -> bool:
    """True when the page was not reloaded since :func:`mark_page`."""
    return bool(page.evaluate("window.__samePage === true"))


def fits(page: Any) -> bool:
    """True when nothing sticks out sideways (no horizontal scrolling)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def csp_blocked(page: Any) -> list[str]:
    """What the Content-Security-Policy blocked on the page, as the DOM reports it."""
    return list(page.evaluate("window.__csp"))


def refresh_panel(page: Any) -> None:
    """Ask for a live refresh and wait until the conversation's panel has been swapped."""
    page.evaluate(
        """() => new Promise((done) => {
          document.body.addEventListener("htmx:afterSettle", (event) => {
            if (event.detail.target.id === "panel") done();
          });
          htmx.trigger(document.body, "inbox:refresh");
        })"""
    )
