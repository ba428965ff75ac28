"""The staff inbox in headless Chromium: every point of issue #17, fr and ar, desktop and phone.

Per interface language and screen size, two long page sessions: a shift
(1 queue, 2 conversation, 3 triage, 4 live without reloads and the alert
switch, 5 survey after close, 8 phone size) and the admin pages (6 accounts,
7 audit, saved replies, 8 phone size, an agent's dismissal). One gateway with
the fake Rasa serves the module; each test has its own people and closes what
it leaves open.
Screenshots of the queue and a conversation go to ``docs/bench/`` with
``SCREENSHOTS=docs`` (``make screenshots``; the staff guide shows them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from bot.handoff.survey import QUESTION
from bot.web.pages import staff_text
from common.i18n import translate
from tests.bot.web.inbox_page import (
    ASK_AR,
    ASK_FR,
    RAW_CODES,
    SIZES,
    THREAT,
    Gateway,
    claim_as,
    close_everything,
    csp_blocked,
    fits,
    inbox_gateway,
    mark_page,
    open_page,
    open_triage,
    refresh_panel,
    same_page,
    say,
    sign_in,
    told,
)
from tests.e2e.conftest import csp_violations
from tests.fakes.rasa import FakeRasa
from tests.fakes.server import serving
from tests.screenshots import screenshots

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

EVERY = pytest.mark.parametrize(
    ("language", "size"), [(lang, size) for lang in ("fr", "ar") for size in sorted(SIZES)]
)


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    with serving(FakeRasa()) as fake, inbox_gateway(fake, tmp_path_factory.mktemp("inbox")) as gw:
        yield gw


@pytest.fixture
def inbox(gateway: Gateway) -> Iterator[Gateway]:
    yield gateway
    close_everything(gateway.database)


@pytest.fixture
def page(browser: Any, language: str, size: str) -> Iterator[Any]:
    """A page at ``size``, in a browser set to the staff member's language (closed after)."""
    opened = open_page(browser, language, size)
    yield opened
    opened.context.close()


def _arrivals(page: Any, url: str, tag: str) -> dict[str, str]:
    """Point 1 and 4: conversations arrive live, urgent first, in words; the alert switch."""
    for sender, question, text in (
        (f"{tag}-a", "mon patron garde mon passeport", ASK_FR),
        (f"{tag}-b", "صاحب العمل لا يدفع لي أجري", ASK_AR),
    ):
        say(page, url, sender, question)  # answered: the conversation gets its topic
        say(page, url, sender, text)
        say(page, url, sender, text + " ?")
    say(page, url, f"{tag}-c", THREAT)
    rows = page.locator("#queue li")
    expect(rows).to_have_count(3)
    expect(rows.first).to_have_class(re.compile(r"\bemergency\b"))
    expect(page.locator("#view-unassigned .count")).to_have_text("3")  # counts are live too
    urgent = rows.first.get_attribute("data-id")
    expect(page.locator("body")).to_have_attribute("data-last-alert", urgent)
    assert page.evaluate("window.__notified.length") == 1
    # Alerts off: the next urgent one arrives without a notification.
    page.click("#notify-toggle")
    expect(page.locator("#notify-toggle")).to_have_attribute("aria-pressed", "false")
    say(page, url, f"{tag}-d", THREAT)
    expect(rows).to_have_count(4)
    false_alarm = page.locator("#queue li.emergency").nth(1).get_attribute("data-id")
    expect(page.locator("body")).to_have_attribute("data-last-alert", false_alarm)
    assert page.evaluate("window.__notified.length") == 1
    page.click("#notify-toggle")
    expect(page.locator("#notify-toggle")).to_have_attribute("aria-pressed", "true")
    ids = {
        name: rows.filter(has_text=text).first.get_attribute("data-id")
        for name, text in (("fr", ASK_FR + " ?"), ("ar", ASK_AR + " ?"))
    }
    return {**ids, "urgent": urgent, "false_alarm": false_alarm}


def _queue(page: Any, language: str, size: str) -> None:
    """Point 1: each row in words (language, channel, preview, unread, wait); filters combine."""
    row = page.locator("#queue li", has_text=ASK_FR + " ?")
    expect(row.locator(".unread")).to_be_visible()
    expect(row.locator(".wait")).to_be_visible()
    assert not RAW_CODES.search(page.locator("#queue").inner_text())
    assert staff_text(language, "Web chat") in row.inner_text()
    page.fill("#filters input[name=q]", "menace")
    page.click("#filters button[type=submit]")
    expect(page.locator("#queue li.emergency")).to_have_count(2)
    expect(page.locator("#queue li")).to_have_count(2)
    page.fill("#filters input[name=q]", "")
    page.select_option("#filters select[name=language]", "ar")
    page.click("#filters button[type=submit]")
    expect(page.locator("#queue li")).to_have_count(1)
    page.click("#view-open")
    expect(page.locator("#queue li")).to_have_count(4)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert fits(page)
    page.screenshot(
        path=str(screenshots("bench") / f"inbox-queue-{language}-{size}.png"), full_page=True
    )


def _dismiss(page: Any, handoff_id: str) -> None:
    """Point 3: a false alarm dismissed with a reason, live: the draft stays."""
    page.click(f"#queue li[data-id='{handoff_id}'] a")
    page.fill("#reply-text", "brouillon")
    mark_page(page)
    open_triage(page)
    page.select_option("#dismiss-reason", "false_alarm")
    page.click("#dismiss")
    expect(page.locator("#flash #dismissed")).to_be_visible()
    expect(page.locator("#panel .panel")).to_have_attribute("data-state", "closed")
    assert same_page(page) and page.input_value("#reply-text") == "brouillon"
    page.click("#flash a")
    expect(page.locator("#queue li")).to_have_count(3)


def _write(page: Any, url: str, sender: str, language: str) -> None:
    """Point 2: compact transcript, history, saved reply at the cursor, reply, note."""
    answer = page.locator("#transcript details.answer").first
    expect(answer).not_to_have_attribute("open", "")
    answer.locator("summary").click()
    expect(answer).to_have_attribute("open", "")
    expect(page.locator("#history summary")).to_contain_text("(0)")
    expect(page.locator("#reply-text")).to_be_in_viewport()
    page.click("#claim")
    expect(page.locator("#send-reply")).to_be_enabled()
    page.fill("#reply-text", "Bonjour ")
    page.click("#saved-box summary")
    page.fill("#saved-search", "vocal")
    expect(page.locator("#saved li:visible")).to_have_count(1)
    # An Arabic-speaking agent may also insert it in her own language.
    own = page.locator("#saved li:visible .insert.own")
    expect(own).to_have_count(1 if language == "ar" else 0)
    page.locator("#saved li:visible .insert").first.click()
    draft = page.input_value("#reply-text")
    assert draft.startswith("Bonjour ") and "vocal" in draft
    page.click("#send-reply")
    expect(page.locator("#transcript .msg.staff")).to_have_count(1)
    assert page.input_value("#reply-text") == "" and "vocal" in told(page, url, sender)
    page.fill(".note-form textarea", "rappeler lundi")
    page.click("#add-note")
    expect(page.locator("#notes")).to_contain_text("rappeler lundi")
    expect(page.locator("#panel .first-reply")).to_be_visible()


def _triage_live(page: Any, url: str, sender: str) -> None:
    """Points 3 and 4: a message, snooze, wake, a team: no reload, the draft stays."""
    page.fill("#reply-text", "brouillon")
    mark_page(page)
    say(page, url, sender, "merci !")
    expect(page.locator("#transcript")).to_contain_text("merci !")
    open_triage(page)
    page.select_option("#snooze-until", "1h")
    page.click("#snooze")
    expect(page.locator("#flash #snoozed")).to_be_visible()
    expect(page.locator("#snoozed-until")).to_be_visible()
    page.select_option("#snooze-until", "wake")
    page.click("#snooze")
    expect(page.locator("#flash #woken")).to_be_visible()
    expect(page.locator("#snoozed-until")).to_have_count(0)
    page.select_option("#team", "legal")
    page.click("#assign")
    expect(page.locator("#flash #assigned")).to_be_visible()
    expect(page.locator("#panel .team")).to_be_visible()
    assert same_page(page) and page.input_value("#reply-text") == "brouillon"
    # A style set through the CSSOM (as a screenshot's hidden caret does) and a
    # live refresh: nothing for the CSP to block.
    page.evaluate("document.getElementById('survey').style.setProperty('caret-color', 'red')")
    refresh_panel(page)


def _close_with_survey(page: Any, url: str, sender: str, handoff_id: str) -> None:
    """Point 5: closing asks the person the question in French; the answer is counted.
    The box ticked stays ticked when the panel is refreshed before the click."""
    page.check("#survey")
    refresh_panel(page)
    expect(page.locator("#survey")).to_be_checked()
    page.click("#close")
    expect(page.locator("#queue")).to_be_attached()
    assert translate("fr", QUESTION)[:40] in told(page, url, sender)
    assert say(page, url, sender, "4")["replies"]
    page.click("#view-closed")
    expect(page.locator(f"#queue li[data-id='{handoff_id}']")).to_be_visible()
    page.goto(url + "/inbox/admin/survey")
    expect(page.locator("#survey-weeks tbody")).to_contain_text("4.0")
    assert fits(page)


def _transfer(page: Any, url: str, handoff_id: str) -> None:
    """Point 3: handing a conversation to a colleague, live: the draft stays."""
    page.goto(f"{url}/inbox/c/{handoff_id}")
    page.click("#claim")
    expect(page.locator("#send-reply")).to_be_enabled()
    page.fill("#reply-text", "مسودة")
    mark_page(page)
    expect(page.locator("#transfer-to")).to_be_attached()
    open_triage(page)
    page.select_option("#transfer-to", label="Karim")
    page.click("#transfer")
    expect(page.locator("#flash #transferred")).to_be_visible()
    expect(page.locator("#send-reply")).to_be_disabled()
    assert same_page(page) and page.input_value("#reply-text") == "مسودة"


def _colleague_takes(page: Any, url: str, handoff_id: str, sender: str) -> None:
    """Points 3 and 4: a colleague takes the conversation being read, then the person
    goes back to the assistant: both seen at once, the draft kept."""
    page.goto(f"{url}/inbox/c/{handoff_id}")
    page.fill("#reply-text", "brouillon")
    mark_page(page)
    claim_as(page, url, "karim", handoff_id)
    expect(page.locator("#claim")).to_have_count(0)
    expect(page.locator("#panel")).to_contain_text("Karim")
    expect(page.locator("#send-reply")).to_be_disabled()
    say(page, url, sender, "BOT")
    expect(page.locator("#went-back")).to_be_visible()
    assert same_page(page) and page.input_value("#reply-text") == "brouillon"


@EVERY
def test_a_shift_in_the_inbox(page: Any, inbox: Gateway, language: str, size: str) -> None:
    tag, url = f"{language}-{size}", inbox.url
    blocked = csp_violations(page)
    sign_in(page, url, f"amina-{language}")
    ids = _arrivals(page, url, tag)
    _queue(page, language, size)
    _dismiss(page, ids["false_alarm"])
    page.click(f"#queue li[data-id='{ids['fr']}'] a")
    _write(page, url, f"{tag}-a", language)
    _triage_live(page, url, f"{tag}-a")
    assert fits(page)
    page.click("#triage summary")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.screenshot(path=str(screenshots("bench") / f"inbox-conversation-{language}-{size}.png"))
    _close_with_survey(page, url, f"{tag}-a", ids["fr"])
    _transfer(page, url, ids["ar"])
    _colleague_takes(page, url, ids["urgent"], f"{tag}-c")
    assert blocked == [] and csp_blocked(page) == []


def _handled(page: Any, url: str, tag: str) -> str:
    """A conversation taken, answered and noted (what the audit must tell in words)."""
    say(page, url, f"{tag}-e", ASK_FR)
    row = page.locator("#queue li")
    expect(row).to_have_count(1)
    handoff_id: str = row.get_attribute("data-id")
    row.locator("a").click()
    page.click("#claim")
    expect(page.locator("#send-reply")).to_be_enabled()
    page.fill("#reply-text", "Bonjour, je regarde votre dossier.")
    page.click("#send-reply")
    expect(page.locator("#transcript .msg.staff")).to_have_count(1)
    page.fill(".note-form textarea", "voir avec l'équipe juridique")
    page.click("#add-note")
    expect(page.locator("#notes")).to_contain_text("l'équipe juridique")
    return handoff_id


def _audit(page: Any, url: str, language: str, handoff_id: str) -> None:
    """Point 7: who did what and when, in words, replies and notes included; filters."""
    page.goto(url + "/inbox/admin/audit")
    table = page.locator("table.audit tbody")
    for verb in ("took the conversation", "replied to the person", "added an internal note"):
        expect(table).to_contain_text(staff_text(language, verb))
    expect(table).to_contain_text("Amina" if language == "fr" else "أمينة")
    what = page.locator("table.audit tbody td:nth-child(3)")
    assert not {"read", "claim", "reply", "note", "close"} & set(what.all_inner_texts())
    page.select_option("#audit-filters select[name=action]", "reply")
    page.fill("#audit-filters input[name=conversation]", handoff_id)
    page.click("#audit-filters button[type=submit]")
    expect(what).to_have_text([staff_text(language, "replied to the person")])
    assert fits(page)


def _accounts(page: Any, url: str, tag: str) -> None:
    """Point 6: invite (rules shown before typing), change the role, disable, reset."""
    page.goto(url + "/inbox/admin/staff")
    expect(page.locator("#password-rules")).to_be_visible()
    page.fill("#invite input[name=display_name]", f"Nadia {tag}")
    page.fill("#invite input[name=username]", f"nadia-{tag}")
    page.click("#invite button[type=submit]")
    expect(page.locator("#one-time-password")).to_contain_text(f"Nadia {tag}")
    row = page.locator(f"tr[data-username='nadia-{tag}']")
    row.locator("select[name=role]").select_option("editor")
    row.locator("form:has(select[name=role]) button").click()
    expect(row.locator("select[name=role]")).to_have_value("editor")
    row.locator("button[value=disable]").click()
    expect(row.locator("button[value=enable]")).to_be_visible()
    expect(page.locator("#one-time-password")).to_have_count(0)
    row.locator("button[value=reset]").click()
    expect(page.locator("#one-time-password")).to_contain_text(f"Nadia {tag}")
    assert fits(page)


def _saved_replies(page: Any, url: str, tag: str, language: str) -> None:
    """Point 2: admins add and delete saved replies in the page."""
    key = "rdv_" + tag.replace("-", "_")
    page.goto(url + "/inbox/admin/replies")
    form = page.locator("#reply-editor")
    form.locator("input[name=key]").fill(key)
    form.locator("select[name=language]").select_option(language)
    form.locator("input[name=title]").fill("Rendez-vous")
    form.locator("textarea[name=text]").fill("Venez mardi à 10 h.")
    form.locator("button[type=submit]").click()
    row = page.locator("#replies tbody tr", has_text=key)
    expect(row).to_have_count(1)
    row.locator("button[value=delete]").click()
    expect(row).to_have_count(0)
    assert fits(page)


def _within_reach(page: Any) -> bool:
    """True when the alert switch and "sign out" are on screen without a sideways swipe."""
    return bool(
        page.evaluate(
            """() => ['#notify-toggle', '#sign-out button'].every((sel) => {
                const box = document.querySelector(sel).getBoundingClientRect();
                return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
            })"""
        )
    )


def _agent_dismisses(page: Any, url: str, tag: str) -> None:
    """Points 3 and 8: an agent (not admin) dismisses a waiting conversation they may then no
    longer read: back to the queue, with the line saying it was done; signed out from the
    header, which keeps the alert switch and "sign out" in reach on a phone."""
    assert _within_reach(page)
    page.click("#sign-out button")
    sign_in(page, url, "karim")
    say(page, url, f"{tag}-f", THREAT)
    row = page.locator("#queue li", has_text=THREAT)
    expect(row).to_have_count(1)
    row.locator("a").click()
    open_triage(page)
    page.select_option("#dismiss-reason", "false_alarm")
    page.click("#dismiss")
    expect(page.locator("#dismissed")).to_be_visible()
    expect(row).to_have_count(0)
    assert page.url.endswith("/inbox?done=dismissed") and _within_reach(page)


@EVERY
def test_the_admin_pages(page: Any, inbox: Gateway, language: str, size: str) -> None:
    tag, url = f"{language}-{size}", inbox.url
    blocked = csp_violations(page)
    sign_in(page, url, f"amina-{language}")
    _audit(page, url, language, _handled(page, url, tag))
    _accounts(page, url, tag)
    _saved_replies(page, url, tag, language)
    _agent_dismisses(page, url, tag)
    assert blocked == [] and csp_blocked(page) == []
