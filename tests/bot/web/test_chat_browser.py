"""The web chat (``chat.html``, ``chat.js``) in headless Chromium at a phone's size.

The gateway runs on loopback in front of the fake Rasa (no trained model
needed): each test scripts the envelopes Rasa would send and checks what a
person sees. The same screens against the real assistant are in
``tests/e2e/test_web_chat.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from bot.config import Settings
from bot.handoff.notices import back_to_assistant
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.storage.models import Handoff
from bot.web.app import create_app
from bot.web.chat_strings import STRINGS
from common.content.envelopes import answer_envelope, emergency_envelope
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.envelope import part_payload
from common.i18n import translate
from tests.bot.web.inbox_client import HANDOFF_REPLY, PASSWORD, login
from tests.e2e.conftest import csp_violations
from tests.fakes.rasa import DELETE_CONFIRM, FakeRasa
from tests.fakes.server import serve
from tools.browser import DESKTOP, PHONE

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

LONG = "\n\n".join(
    f"Paragraphe {n} : la demande se dépose au service des étrangers de la police, "
    "avec le passeport, le contrat de travail et la preuve de logement."
    for n in range(1, 12)
)
HOUR = dt.timedelta(hours=1)
PARTS = ["Que faire", "Papiers", "Où aller", "Sources"]
# Payloads the gateway passes on (topics of content/topics.yml), one per part.
PAYLOADS = ["/greet", "/regularization_documents", "/regularization_where", "/asylum"]


def answer(text: str, lang: str = "fr", buttons: list[str] = PARTS) -> list[dict[str, Any]]:
    """An answer envelope as the actions send it."""
    return [
        {
            "kind": "answer",
            "lang": lang,
            "text": text,
            "topic": "residence_card_renewal",
            "buttons": [
                {"title": b, "payload": p} for b, p in zip(buttons, PAYLOADS, strict=False)
            ],
        }
    ]


@pytest.fixture
def gateway(settings: Settings) -> Iterator[str]:
    with serve(create_app(settings)) as url:
        yield url


@pytest.fixture
def page(browser: Any, gateway: str) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.blocked = csp_violations(page)
    page.goto(gateway + "/")
    yield page
    assert page.blocked == [], "the CSP blocked part of the page"
    context.close()


# True when the element's first character ("/") is drawn left of its second.
SLASH_ON_THE_LEFT = """e => {
  const range = document.createRange();
  range.setStart(e.firstChild, 0); range.setEnd(e.firstChild, 1);
  const slash = range.getBoundingClientRect().left;
  range.setStart(e.firstChild, 1); range.setEnd(e.firstChild, 2);
  return slash < range.getBoundingClientRect().left;
}"""


def send(page: Any, text: str) -> Any:
    """Type and send ``text``; return the first bot bubble of the reply."""

    def typed() -> None:
        page.fill("#text", text)
        page.click("#send")

    return reply_to(page, typed)


def reply_to(page: Any, action: Any) -> Any:
    """Do ``action`` (send, tap); return the first bot bubble of the reply."""
    before = page.locator(".bot").count()
    action()
    page.wait_for_function("n => document.querySelectorAll('.bot').length > n", arg=before)
    return page.locator(".bot").nth(before)


def in_view(page: Any, locator: Any) -> bool:
    """The element is entirely between the header and the message box."""
    box = locator.bounding_box()
    top = page.locator("#log").bounding_box()["y"]
    bottom = page.locator("#composer").bounding_box()["y"]
    return bool(box and box["y"] >= top - 1 and box["y"] + box["height"] <= bottom + 1)


def test_the_first_screen_greets_in_every_language_with_language_buttons(page: Any) -> None:
    welcome = page.locator("#welcome")
    expect(welcome).to_be_visible()
    for language in ("fr", "ar", "bm"):
        greeting = translate(language, STRINGS["greeting"])
        expect(welcome.locator(f'p[lang="{language}"]')).to_have_text(greeting)
    buttons = welcome.locator("button.language")
    expect(buttons).to_have_text(["Français", "العربية", "Bamanankan"])
    for i in range(3):
        expect(buttons.nth(i)).to_have_attribute("aria-pressed", "false")  # none chosen yet
        assert in_view(page, buttons.nth(i))
        assert buttons.nth(i).bounding_box()["height"] >= 44  # a thumb's tap target
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_language_button_turns_the_interface_and_the_page_to_that_language(
    page: Any, fake_rasa: FakeRasa
) -> None:
    payload = '/change_language{"language":"ar"}'
    fake_rasa.scripted[payload] = answer("اختر موضوعا. لحذف بياناتك اكتب /delete", "ar")
    page.locator("#welcome button[data-lang=ar]").click()
    bubble = page.locator(".bot").first
    expect(bubble).to_contain_text("اختر موضوعا")
    assert fake_rasa.requests[-1]["message"] == payload
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    assert bubble.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The command reads left to right inside the Arabic sentence.
    command = bubble.locator("bdi.command")
    expect(command).to_have_text("/delete")
    assert command.evaluate(SLASH_ON_THE_LEFT), "/delete reads backwards"
    expect(page.locator("#text")).to_have_attribute(
        "placeholder", translate("ar", STRINGS["placeholder"])
    )
    expect(page.locator("#send")).to_have_text(translate("ar", STRINGS["send"]))
    page.click("#menu summary")
    expect(page.locator("#delete")).to_contain_text(translate("ar", STRINGS["delete"]))
    expect(page.locator("#delete bdi")).to_have_text("/delete")
    assert page.locator("#delete bdi").evaluate(SLASH_ON_THE_LEFT)
    assert page.locator("#welcome").is_hidden()


def test_a_long_answer_opens_at_its_beginning_with_its_buttons_in_view(
    page: Any, fake_rasa: FakeRasa
) -> None:
    send(page, "bonjour")
    notice = {
        "kind": "message",
        "lang": "fr",
        "text": "Une personne va vous répondre.",
        "buttons": [],
    }
    fake_rasa.scripted["carte de séjour"] = [*answer(LONG), notice]  # a notice after it
    bubble = send(page, "carte de séjour")
    page.wait_for_timeout(100)  # the scroll happens right after the bubble is added
    first_line = bubble.locator(".text")
    box = first_line.bounding_box()
    top = page.locator("#log").bounding_box()["y"]
    assert top - 1 <= box["y"] <= top + 40, "the reply does not start at the top"
    for title in PARTS:
        assert in_view(page, bubble.locator(".buttons button", has_text=title)), title


def test_a_part_button_sends_its_payload_and_sources_are_links(
    page: Any, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["carte"] = answer("Renouvelez la carte avant sa fin. Revu le 2026-11-23.")
    fake_rasa.scripted[PAYLOADS[3]] = answer(
        "Sources :\n- Loi 02-03 https://www.sgg.gov.ma/loi-02-03.pdf.\n- OIM : +212 5 37 65 28 81",
        buttons=["Menu"],
    )
    bubble = send(page, "carte")
    expect(bubble).to_contain_text("Revu le 2026-11-23")
    assert bubble.locator("a").count() == 0  # a date is not a phone number
    sources = reply_to(page, bubble.locator(".buttons button", has_text="Sources").click)
    expect(sources).to_contain_text("Loi 02-03")
    assert fake_rasa.requests[-1]["message"] == PAYLOADS[3]
    web = sources.locator("a.web-link")
    expect(web).to_have_attribute("href", "https://www.sgg.gov.ma/loi-02-03.pdf")
    expect(web).to_have_attribute("rel", "noopener noreferrer")
    expect(sources.locator("a.call")).to_have_attribute("href", "tel:+212537652881")
    expect(page.locator(".user").last).to_have_text("Sources")


def test_nothing_a_message_says_becomes_html(page: Any, fake_rasa: FakeRasa) -> None:
    hostile = '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a> http://a.b/"><b>'
    fake_rasa.scripted["x"] = answer(hostile, buttons=["<i>b</i>"])
    bubble = send(page, "x")
    expect(bubble.locator(".text")).to_have_text(hostile)
    assert bubble.locator("img, b, i, a[href^=javascript]").count() == 0
    expect(bubble.locator(".buttons button").first).to_have_text("<i>b</i>")
    page.fill("#text", "<img src=y onerror=alert(3)>")
    page.click("#send")
    expect(page.locator(".user").last).to_have_text("<img src=y onerror=alert(3)>")
    assert page.locator("img").count() == 0


def test_the_conversation_survives_a_reload(page: Any, fake_rasa: FakeRasa) -> None:
    fake_rasa.scripted["carte"] = answer("Renouvelez la carte. OIM : 0537 65 28 81")
    send(page, "carte")
    page.reload()
    expect(page.locator(".user")).to_have_text(["carte"])
    expect(page.locator(".bot").first).to_contain_text("Renouvelez la carte")
    expect(page.locator(".bot").nth(1)).to_contain_text("/delete")  # the privacy notice
    titles = page.locator(".bot .buttons button").all_text_contents()
    assert titles[: len(PARTS)] == PARTS  # then "Useful? Yes / No"
    expect(page.locator(".bot a.call")).to_have_attribute("href", "tel:0537652881")
    expect(page.locator(".bot a.site-link")).to_have_attribute("href", "/privacy?lang=fr")
    assert page.locator("#welcome").is_hidden()
    before = len(fake_rasa.requests)
    reply_to(page, page.locator(".bot .buttons button", has_text="Où aller").click)
    # The same conversation: the reloaded page writes as the same sender.
    assert fake_rasa.requests[before]["sender"] == fake_rasa.requests[0]["sender"]


def test_deleting_my_data_clears_the_conversation_from_the_phone(
    page: Any, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["/delete_my_data"] = [DELETE_CONFIRM]
    fake_rasa.scripted["/affirm"] = [
        {
            "kind": "deleted",
            "lang": "fr",
            "text": "Vos messages et vos données ont été effacés.",
            "buttons": [],
            "delete_user_data": True,
        }
    ]
    send(page, "ma carte est expirée")
    sender = page.evaluate("localStorage.getItem('chat-sender')")
    page.click("#menu summary")
    confirm = reply_to(page, lambda: page.click("#delete"))
    expect(confirm).to_contain_text("Voulez-vous effacer")
    confirm.locator("button", has_text="Oui, effacer").click()
    expect(page.locator(".bot")).to_have_text(["Vos messages et vos données ont été effacés."])
    expect(page.locator(".user")).to_have_count(0)
    assert "ma carte" not in page.evaluate("JSON.stringify(localStorage)")
    assert page.evaluate("localStorage.getItem('chat-sender')") != sender
    page.reload()
    expect(page.locator("#welcome")).to_be_visible()
    expect(page.locator(".bubble")).to_have_count(0)


def test_the_chat_id_is_a_128_bit_secret_from_the_cryptographic_generator(page: Any) -> None:
    """Whoever knows a chat's id reads its staff replies and can erase it: once Math.random."""
    send(page, "bonjour")
    sender = page.evaluate("localStorage.getItem('chat-sender')")
    assert re.fullmatch(r"web-[0-9a-f]{32}", sender), sender


def test_staff_replies_show_who_wrote_and_the_return_to_the_assistant(
    page: Any, fake_rasa: FakeRasa, settings: Settings, gateway: str
) -> None:
    add_staff(Database(settings.database_url), "agent", PASSWORD, "agent", "Awa Diarra")
    fake_rasa.scripted["je veux une personne"] = HANDOFF_REPLY
    send(page, "je veux une personne")
    with httpx.Client(base_url=gateway) as staff:
        csrf = login(staff, "agent")  # type: ignore[arg-type]
        with Database(settings.database_url).session() as session:
            handoff_id = session.scalars(select(Handoff.id)).one()
        staff.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
        staff.post(
            f"/inbox/c/{handoff_id}/reply", data={"csrf_token": csrf, "text": "Je vous écoute."}
        )
        message = page.locator(".staff")
        expect(message).to_contain_text("Je vous écoute.", timeout=10_000)
        named = translate("fr", STRINGS["staff_named"]).replace("{name}", "Awa")
        expect(message.locator(".by")).to_have_text(named)
        staff.post(f"/inbox/c/{handoff_id}/close", data={"csrf_token": csrf})
    notice = page.locator(".bot").last
    expect(notice).not_to_have_class("staff", timeout=10_000)
    expect(page.locator(".bot")).to_have_count(4, timeout=10_000)  # with the privacy notice
    # Closed by staff: the person is told, live, that the assistant answers again.
    expect(notice).to_have_text(back_to_assistant("fr"))
    assert in_view(page, page.locator(".bot").last)


def test_the_desktop_layout_keeps_a_readable_column(browser: Any, gateway: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(gateway + "/")
    width = page.locator("#log").bounding_box()["width"]
    assert width < DESKTOP["width"] * 0.8
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    context.close()


def test_a_layered_answer_shows_its_core_and_opens_its_parts(
    page: Any, fake_rasa: FakeRasa
) -> None:
    built = answer_envelope(AnswerStore(), TopicCatalog.load(), "residence_card_renewal", "fr")
    assert built is not None and built.get("parts")
    fake_rasa.scripted["ma carte expire"] = [built]
    send(page, "bonjour")  # the privacy notice comes with the first message
    bubble = send(page, "ma carte expire")
    expect(bubble.locator(".text")).to_contain_text(built["title"])
    parts = [part["key"] for part in built["parts"]]
    for key in parts:
        assert in_view(page, bubble.locator(f'button[data-payload="{part_payload(key)}"]')), key
    asked = len(fake_rasa.requests)
    last = bubble.locator(f'button[data-payload="{part_payload(parts[-1])}"]')  # the sources
    sources = reply_to(page, last.click)
    links = sources.locator("a.web-link")
    assert links.count() >= 1
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith(("https://", "http://")), href
    assert len(fake_rasa.requests) == asked  # the gateway serves parts without Rasa
    assert in_view(page, sources.locator(".text p").first)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_emergency_answer_opens_with_numbers_to_tap(
    page: Any, fake_rasa: FakeRasa, language: str
) -> None:
    emergency = emergency_envelope(AnswerStore(), TopicCatalog.load(), language)
    calls = emergency.get("calls") or []
    assert calls, "the emergency answer names its numbers to call"
    fake_rasa.scripted["au secours"] = [emergency]
    bubble = send(page, "au secours")
    links = bubble.locator("a.call")
    expect(links).to_have_count(len(calls))
    for link, call in zip(links.all(), calls, strict=True):
        expect(link).to_have_text(call["phone"])
        expect(link).to_have_attribute("href", "tel:" + call["phone"].replace(" ", ""))
        assert in_view(page, link)
        assert link.bounding_box()["height"] >= 24  # big enough to tap in a hurry
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")


def test_a_waiting_user_is_acknowledged_once_and_can_go_back_to_the_assistant(
    page: Any, fake_rasa: FakeRasa, settings: Settings
) -> None:
    fake_rasa.scripted["je veux une personne"] = HANDOFF_REPLY
    send(page, "je veux une personne")  # its notice is the first acknowledgement
    with Database(settings.database_url).session() as session:  # an hour passes
        session.execute(update(Handoff).values(acked_at=dt.datetime.now(dt.UTC) - HOUR))
        session.commit()
    ack = send(page, "allo ? il y a quelqu'un ?")
    expect(ack).not_to_be_empty()
    count = page.locator(".bot").count()
    with page.expect_response(lambda r: r.url.endswith("/api/messages")):
        page.fill("#text", "j'attends")
        page.click("#send")
    page.wait_for_timeout(300)
    assert page.locator(".bot").count() == count, "acknowledged again at once"
    back = send(page, "BOT")
    expect(back).to_have_text(back_to_assistant("fr"))
    assert in_view(page, back)
