"""The local web chat in a real headless Chromium (Debian's package, via Playwright)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from common.content import AnswerStore

playwright_api = pytest.importorskip("playwright.sync_api")

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser: object, gateway_url: str) -> Iterator[object]:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(gateway_url + "/")
    yield page
    context.close()


def exchange(page: object, action: object) -> object:
    """Do ``action`` (send or click) and return the first bot message it produced."""
    before = bot_count(page)
    with page.expect_response(  # type: ignore[attr-defined]
        lambda r: r.url.endswith("/api/messages") and r.request.method == "POST",
        timeout=30_000,
    ):
        action()  # type: ignore[operator]
    return bot_reply(page, before)


def send(page: object, text: str) -> object:
    """Type and send ``text``; return the first bot message of the answer."""

    def typed() -> None:
        page.fill("#text", text)  # type: ignore[attr-defined]
        page.click("#send")  # type: ignore[attr-defined]

    return exchange(page, typed)


def bot_reply(page: object, before: int) -> object:
    """Wait for bot messages after the first ``before`` ones; return the first new one."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "n => document.querySelectorAll('.bot').length > n", arg=before, timeout=30_000
    )
    return page.locator(".bot").nth(before)  # type: ignore[attr-defined]


def bot_count(page: object) -> int:
    return int(page.locator(".bot").count())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "language", "topic"),
    [
        ("comment renouveler ma carte de séjour", "fr", "residence_card_renewal"),
        ("بغيت نرجع لبلادي", "ar", "voluntary_return"),
        ("n b'a fɛ ka baara kɛ, permis de travail bɛ sɔrɔ cogo di", "bm", "work_permit"),
    ],
)
def test_a_question_in_each_language_gets_its_answer(
    page: object, text: str, language: str, topic: str
) -> None:
    bubble = send(page, text)
    expected = AnswerStore().get(topic).get(language)
    playwright_api.expect(bubble).to_contain_text(expected.title)
    assert page.evaluate("document.documentElement.lang") == language  # type: ignore[attr-defined]
    if language == "ar":
        assert page.evaluate("document.documentElement.dir") == "rtl"  # type: ignore[attr-defined]
        direction = bubble.evaluate("e => getComputedStyle(e).direction")  # type: ignore[attr-defined]
        assert direction == "rtl"


def test_buttons_and_channel_preview(page: object) -> None:
    first = send(page, "je veux travailler au maroc, il faut quoi")
    buttons = first.locator(".buttons button")  # type: ignore[attr-defined]
    assert buttons.count() >= 2
    exchange(page, buttons.first.click)

    page.click("#menu summary")  # the channel preview is in the menu
    page.select_option("#channel", "sms")  # type: ignore[attr-defined]
    sms = send(page, "je veux rentrer au mali")
    # The core alone, then the date and the choices in a second SMS.
    playwright_api.expect(page.locator(".bot").last).to_contain_text("1 Que faire")  # type: ignore[attr-defined]
    playwright_api.expect(sms.locator(".meta")).to_contain_text("segment")  # type: ignore[attr-defined]
    assert sms.locator(".buttons").count() == 0  # type: ignore[attr-defined]

    page.click("#menu summary")
    page.select_option("#channel", "whatsapp")  # type: ignore[attr-defined]
    whatsapp = send(page, "2")
    playwright_api.expect(whatsapp).to_contain_text("1.")


def test_user_html_is_shown_as_text(page: object) -> None:
    send(page, "<img src=x onerror=alert(1)><b>gras</b>")
    user = page.locator(".user").last  # type: ignore[attr-defined]
    playwright_api.expect(user).to_have_text("<img src=x onerror=alert(1)><b>gras</b>")
    assert page.locator(".user img, .user b").count() == 0  # type: ignore[attr-defined]
