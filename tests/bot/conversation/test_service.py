"""The gateway's turn handling, against a fake Rasa on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.conversation.incoming import Incoming
from bot.conversation.notices import outage, slow_down
from bot.conversation.rasa_client import RasaClient
from bot.conversation.reply import Accepted
from bot.conversation.service import ConversationService
from bot.storage.database import Database
from bot.storage.models import DeadLetter, Delivery, Message, User
from common.sms_encoding import is_gsm7, segments
from tests.bot.handoff.conftest import postgres_schema_url
from tests.fakes.rasa import FakeRasa

PHONE = "+99900000001"


@pytest.fixture
async def service(settings: Settings) -> AsyncIterator[ConversationService]:
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout)
    yield ConversationService(
        Database(settings.database_url), rasa, settings.pseudonym_key, settings.address_key
    )
    await rasa.close()


async def test_message_goes_to_rasa_with_channel_and_language(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    reply = await service.handle(Incoming("sms", PHONE, "papiers"))
    [request] = fake_rasa.requests
    assert request["message"] == "papiers"
    assert request["metadata"] == {"channel": "sms", "language": None}
    assert request["sender"] == reply.user_id != PHONE
    assert reply.messages[0].text.startswith("Court : papiers")


async def test_phone_number_is_never_stored_in_clear(
    service: ConversationService, settings: Settings
) -> None:
    await service.handle(Incoming("sms", PHONE, "bonjour"))
    raw = Path(settings.database_url.removeprefix("sqlite:///")).read_bytes()
    assert PHONE.encode() not in raw
    assert service.records.address_of(service.user_id("sms", PHONE)) == PHONE


async def test_duplicate_delivery_is_answered_once(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    first = await service.handle(Incoming("sms", PHONE, "papiers", external_id="SM1"))
    second = await service.handle(Incoming("sms", PHONE, "papiers", external_id="SM1"))
    assert not first.duplicate and second.duplicate and not second.messages
    assert len(fake_rasa.requests) == 1


async def test_messages_of_one_sender_are_handled_in_order(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    fake_rasa.delay = 0.05
    texts = [f"message {i}" for i in range(6)]
    await asyncio.gather(*(service.handle(Incoming("sms", PHONE, t)) for t in texts))
    assert [r["message"] for r in fake_rasa.requests] == texts


async def test_bare_number_maps_to_the_last_menu(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await service.handle(Incoming("whatsapp", PHONE, "travail"))
    await service.handle(Incoming("whatsapp", PHONE, "3"))  # after the two parts
    assert fake_rasa.requests[-1]["message"] == "/worker_rights"


async def test_number_outside_the_menu_goes_to_rasa_as_typed(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await service.handle(Incoming("whatsapp", PHONE, "travail"))
    await service.handle(Incoming("whatsapp", PHONE, "9"))
    assert fake_rasa.requests[-1]["message"] == "9"


async def test_a_part_is_served_from_the_kept_answer_without_asking_rasa(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    first = await service.handle(Incoming("whatsapp", PHONE, "travail"))
    assert "1. Que faire\n2. Sources" in first.messages[0].text
    part = await service.handle(Incoming("whatsapp", PHONE, "1"))
    assert len(fake_rasa.requests) == 1
    text = part.messages[0].text
    assert text.startswith("Permis de travail - Que faire\n\n1. Étape pour : travail")
    assert "1. Sources" in text and "Que faire\n" not in text.split("\n\n", 2)[-1]
    # Its button payload works too (web, Telegram), and numbers follow the new menu.
    sources = await service.handle(Incoming("telegram", "42", "travail"))
    assert [b.payload for b in sources.messages[0].buttons][:2] == ["/part_steps", "/part_sources"]
    again = await service.handle(Incoming("telegram", "42", "/part_sources"))
    assert again.messages[0].text.endswith("- GADEM, Guide, 2014")
    assert again.messages[-1].buttons[0].payload == "/part_steps"
    assert len(fake_rasa.requests) == 2


async def test_a_part_no_longer_kept_shows_the_menu(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await service.handle(Incoming("telegram", "43", "/part_steps"))
    assert fake_rasa.requests[-1]["message"] == "/greet"


async def test_sms_answer_offers_its_parts_and_a_long_part_comes_in_pages(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["travail"] = fake_rasa.reply_for("travail", {})
    envelope = fake_rasa.scripted["travail"][0]["custom"]
    envelope["parts"][0]["text"] = "\n".join(
        f"{i}. Une étape assez longue à lire." for i in range(60)
    )
    fake_rasa.scripted["travail"] = [envelope]
    first = await service.handle(Incoming("sms", PHONE, "travail"))
    core, choices = (m.text for m in first.messages[:2])
    assert core == "Court : travail" and segments(core) == 1
    assert choices.startswith("Non vérifié, 30/11/26\n1 Que faire\n2 Sources\n3 Menu")
    assert "Droits au travail" not in choices
    pages = [(await service.handle(Incoming("sms", PHONE, "1"))).messages]
    while "PLUS" in pages[-1][0].text:
        pages.append((await service.handle(Incoming("sms", PHONE, "PLUS"))).messages)
    assert len(fake_rasa.requests) == 1
    assert all(len(p) == 1 and segments(p[0].text) <= 3 for p in pages)
    assert len(pages) > 2
    assert f"(encore {len(pages) - 1} messages)" in pages[0][0].text
    assert "1. Sources" in pages[-1][0].text
    # Nothing left: said in one SMS, without Rasa; the last list's numbers still work.
    [after] = (await service.handle(Incoming("sms", PHONE, "PLUS"))).messages
    assert len(fake_rasa.requests) == 1
    assert after.text.startswith("Il n'y a rien de plus. Répondez par un numéro")
    assert segments(after.text) == 1 and is_gsm7(after.text)
    sources = await service.handle(Incoming("sms", PHONE, "1"))
    assert "GADEM" in sources.messages[0].text and len(fake_rasa.requests) == 1


@pytest.mark.parametrize(
    ("language", "more", "start"),
    [
        ("ar", "المزيد", "لا يوجد شيء آخر."),
        ("bm", "WERE", "Tò si tè yen."),
        ("fr", "suite", "Il n"),
    ],
)
async def test_more_with_nothing_to_send_says_so_in_the_users_language(
    service: ConversationService, fake_rasa: FakeRasa, language: str, more: str, start: str
) -> None:
    fake_rasa.scripted["salut"] = [{"kind": "menu", "lang": language, "text": "x", "buttons": []}]
    await service.handle(Incoming("sms", PHONE, "salut"))
    reply = await service.handle(Incoming("sms", PHONE, more))
    assert [r["message"] for r in fake_rasa.requests] == ["salut"]
    [said] = reply.messages
    assert said.text.startswith(start) and "MENU" in said.text


async def test_commands_map_to_payloads(service: ConversationService, fake_rasa: FakeRasa) -> None:
    for command, payload in [
        ("/start", "/greet"),
        ("/language", "/change_language"),
        ("/delete", "/delete_my_data"),
        ("/help@MyBot", "/greet"),
    ]:
        await service.handle(Incoming("telegram", "42", command))
        assert fake_rasa.requests[-1]["message"] == payload


async def test_media_without_text_gets_the_text_only_notice_with_the_menu(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["/greet"] = [
        {
            "kind": "menu",
            "lang": "bm",
            "text": "menu",
            "buttons": [{"title": "Baara", "payload": '/choose_theme{"theme":"work"}'}],
        }
    ]
    reply = await service.handle(Incoming("telegram", "42", "", media_kind="voice"))
    assert fake_rasa.requests[-1]["message"] == "/greet"
    assert reply.messages[0].text != "menu"
    assert reply.messages[0].buttons


async def test_rasa_down_gets_an_apology_in_the_users_language(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["bonjour"] = [{"kind": "menu", "lang": "ar", "text": "x", "buttons": []}]
    await service.handle(Incoming("sms", PHONE, "bonjour"))
    fake_rasa.down = True
    reply = await service.handle(Incoming("sms", PHONE, "papiers"))
    assert reply.messages and reply.language == "ar"
    assert any("\u0600" <= ch <= "\u06ff" for ch in reply.messages[0].text)


async def test_language_and_transcript_are_kept(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["i ni ce"] = [{"kind": "menu", "lang": "bm", "text": "menu", "buttons": []}]
    reply = await service.handle(Incoming("sms", PHONE, "i ni ce"))
    await service.handle(Incoming("sms", PHONE, "papiers"))
    assert fake_rasa.requests[-1]["metadata"]["language"] == "bm"
    transcript = service.records.transcript(reply.user_id)
    assert [(m.direction, m.author, m.kind) for m in transcript] == [
        ("in", "user", "text"),
        ("out", "bot", "menu"),
        ("out", "bot", "privacy"),  # the first reply carries the privacy notice
        ("in", "user", "text"),
        ("out", "bot", "answer"),
    ]


async def test_deletion_erases_the_user_everywhere(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await service.handle(Incoming("sms", PHONE, "papiers", external_id="SM9"))
    fake_rasa.scripted["/affirm"] = [
        {
            "kind": "deleted",
            "lang": "fr",
            "text": "supprimé",
            "buttons": [],
            "delete_user_data": True,
        }
    ]
    reply = await service.handle(Incoming("sms", PHONE, "/affirm"))
    assert reply.messages[0].text == "supprimé"
    assert fake_rasa.deleted == [reply.user_id]
    with service.database.session() as session:
        assert session.get(User, reply.user_id) is None
        assert not list(session.scalars(select(Message)))


# -- no input may silence a user -----------------------------------------------------


@pytest.fixture
async def checked_service(settings: Settings) -> AsyncIterator[ConversationService]:
    """A service whose readiness includes the (fake) action server, as in production."""
    rasa = RasaClient(
        settings.rasa_url, settings.rasa_timeout, action_server_url=settings.rasa_url + "/webhook"
    )
    yield ConversationService(
        Database(settings.database_url), rasa, settings.pseudonym_key, settings.address_key
    )
    await rasa.close()


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("/restart", "restart"),
        ("/back", "back"),
        ("/session_start", "session_start"),
        ("/restart@assistant_bot", "restart"),
        ('/change_language{"language":"xx"}', 'change_language{"language":"xx"}'),
        ("/nlu_fallback", "nlu_fallback"),
        ("//greet", "greet"),
    ],
)
async def test_rasa_commands_typed_or_forged_reach_rasa_as_words(
    service: ConversationService, fake_rasa: FakeRasa, typed: str, sent: str
) -> None:
    reply = await service.handle(Incoming("telegram", "42", typed))
    assert fake_rasa.requests[-1]["message"] == sent
    assert reply.messages


@pytest.mark.parametrize(
    "payload",
    [
        "/greet",
        "/worker_rights",
        '/change_language{"language":"bm"}',
        '/choose_theme{"theme":"work"}',
    ],
)
async def test_button_payloads_still_reach_rasa(
    service: ConversationService, fake_rasa: FakeRasa, payload: str
) -> None:
    await service.handle(Incoming("telegram", "42", payload))
    assert fake_rasa.requests[-1]["message"] == payload


async def test_an_empty_reply_is_answered_and_does_not_block_the_next_message(
    checked_service: ConversationService, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["hmm"] = []
    first = await checked_service.handle(Incoming("sms", PHONE, "hmm"))
    assert first.messages and not first.apology
    assert checked_service.records.users_with_pending() == []
    second = await checked_service.handle(Incoming("sms", PHONE, "papiers"))
    assert second.messages[0].text.startswith("Court : papiers")


async def test_silence_with_the_action_server_down_keeps_the_message_for_later(
    checked_service: ConversationService, fake_rasa: FakeRasa
) -> None:
    fake_rasa.actions_down = True
    reply = await checked_service.handle(Incoming("sms", PHONE, "papiers"))
    assert reply.apology and reply.messages
    assert checked_service.records.users_with_pending() == [reply.user_id]
    fake_rasa.actions_down = False
    [later] = await checked_service.process(reply.user_id)
    assert later.messages[0].text.startswith("Court : papiers")


async def test_a_message_that_keeps_failing_is_given_up_with_an_answer(
    settings: Settings, fake_rasa: FakeRasa
) -> None:
    rasa = RasaClient(settings.rasa_url, timeout=0.3)
    service = ConversationService(
        Database(settings.database_url), rasa, settings.pseudonym_key, settings.address_key
    )
    fake_rasa.hang.add("poison")
    first = await service.handle(Incoming("sms", PHONE, "poison"))
    await service.accept(Incoming("sms", PHONE, "au secours on me frappe"))
    assert first.apology
    replies = []
    for _attempt in range(3):
        replies += await service.process(first.user_id)
    await rasa.close()
    assert service.records.users_with_pending() == []
    texts = [m.text for r in replies for m in r.messages]
    assert any("19" in t for t in texts)  # the emergency behind it was answered
    with service.database.session() as session:
        [dead] = session.scalars(select(DeadLetter)).all()
        assert dead.text == "poison" and dead.attempts == 3


async def test_while_rasa_is_down_an_emergency_behind_the_queue_is_answered(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await service.handle(Incoming("sms", PHONE, "bonjour"))
    fake_rasa.down = True
    first = await service.handle(Incoming("sms", PHONE, "papiers"))
    assert first.apology
    second = await service.handle(Incoming("sms", PHONE, "au secours on me frappe"))
    assert any("19" in m.text for m in second.messages)


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("عاونوني راه كيضربني وبغا يقتلني", "ar", "الشرطة"),
        ("n deme, u be n bugo", "bm", "I ka wele sisan"),
        ("au secours il me frappe", "fr", "Appelez"),
    ],
)
async def test_while_rasa_is_down_a_new_user_gets_the_emergency_in_their_language(
    service: ConversationService, fake_rasa: FakeRasa, text: str, language: str, words: str
) -> None:
    fake_rasa.down = True
    reply = await service.handle(Incoming("web", "new-person", text))
    assert reply.language == language
    emergency, apology = reply.messages
    assert "19" in emergency.text and words in emergency.text
    assert apology.text == outage(language)["text"]


async def _conversation_in(
    language: str, service: ConversationService, fake_rasa: FakeRasa, sender: str
) -> None:
    """A conversation Rasa has answered in ``language``."""
    fake_rasa.scripted["hello"] = [{"kind": "menu", "lang": language, "text": "x", "buttons": []}]
    await service.handle(Incoming("telegram", sender, "hello"))


async def test_while_rasa_is_down_a_language_button_is_answered_in_that_language(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await _conversation_in("fr", service, fake_rasa, "77")
    fake_rasa.down = True
    reply = await service.handle(Incoming("telegram", "77", '/change_language{"language":"bm"}'))
    assert reply.language == "bm"
    assert [m.text for m in reply.messages] == [outage("bm")["text"]]


async def test_while_rasa_is_down_danger_written_in_another_language_is_answered_in_it(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    """Seen in a walk-through: a French emergency in a Bambara conversation got Bambara."""
    await _conversation_in("bm", service, fake_rasa, "switcher")
    fake_rasa.down = True
    text = "il me menace de mort si je rentre, je suis dehors avec les enfants"
    reply = await service.handle(Incoming("telegram", "switcher", text))
    assert reply.language == "fr"
    assert "Appelez" in reply.messages[0].text


async def test_over_the_rate_limit_danger_in_another_language_is_answered_in_it(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await _conversation_in("bm", service, fake_rasa, "flood-switcher")
    reply = await service.limited_reply(
        Accepted(
            service.user_id("telegram", "flood-switcher"),
            "limited",
            "au secours il me frappe avec un couteau",
        ),
        "telegram",
    )
    emergency, slow = reply.messages
    assert "Appelez" in emergency.text and slow.text == slow_down("fr")["text"]


async def test_over_the_rate_limit_a_new_user_is_answered_in_their_language(
    service: ConversationService,
) -> None:
    reply = await service.limited_reply(
        Accepted("flood-new", "limited", "عاونوني راه كيضربني وبغا يقتلني"), "web"
    )
    emergency, slow = reply.messages
    assert "الشرطة" in emergency.text and slow.text == slow_down("ar")["text"]
    assert reply.language is None  # written in Arabic, but not chosen: the web chat keeps it


async def test_over_the_rate_limit_a_routine_message_keeps_the_stored_language(
    service: ConversationService,
) -> None:
    reply = await service.limited_reply(
        Accepted("flood-new-2", "limited", "بغيت نجدد البطاقة"), "web"
    )
    [slow] = reply.messages
    assert slow.text == slow_down(None)["text"]  # no detector for the rest of a flood


async def test_with_the_database_down_danger_is_answered_in_the_language_of_the_message(
    service: ConversationService,
) -> None:
    [emergency] = await service.unrecorded_emergency("n deme, u be n bugo", "web")
    assert "19" in emergency.text and "I ka wele sisan" in emergency.text
    assert await service.unrecorded_emergency("n b'a fe ka papiye sorotaa", "web") == []


async def test_nul_and_hidden_characters_are_removed_before_storage(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await service.handle(Incoming("sms", PHONE, "pa\x00pi\u202eers\u2066"))
    assert fake_rasa.requests[-1]["message"] == "papiers"


async def test_a_local_message_id_cannot_suppress_a_telegram_update(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    local = await service.handle(
        Incoming("telegram", "anyone", "hello", external_id="77", realm="local")
    )
    real = await service.handle(Incoming("telegram", "42", "papiers", external_id="77"))
    assert not local.duplicate and not real.duplicate
    assert real.messages


async def test_a_webhook_replayed_after_deletion_stores_nothing_again(
    service: ConversationService, fake_rasa: FakeRasa
) -> None:
    await service.handle(Incoming("sms", PHONE, "ma soeur a Oujda", external_id="SM5"))
    fake_rasa.scripted["/affirm"] = [
        {"kind": "deleted", "lang": "fr", "text": "x", "buttons": [], "delete_user_data": True}
    ]
    reply = await service.handle(Incoming("sms", PHONE, "/affirm", external_id="SM6"))
    again = await service.handle(Incoming("sms", PHONE, "ma soeur a Oujda", external_id="SM5"))
    assert again.duplicate
    with service.database.session() as session:
        assert session.get(User, reply.user_id) is None
        assert not list(session.scalars(select(Message)))
        assert all(d.user_id is None for d in session.scalars(select(Delivery)))


async def test_a_nul_character_on_postgresql_is_stored_and_answered(
    settings: Settings, fake_rasa: FakeRasa
) -> None:
    """PostgreSQL refuses NUL in text: it once gave a permanent 503 (and endless retries)."""
    for url in postgres_schema_url():
        rasa = RasaClient(settings.rasa_url)
        service = ConversationService(
            Database(url), rasa, settings.pseudonym_key, settings.address_key
        )
        reply = await service.handle(Incoming("telegram", "42", "papi\x00ers", external_id="9\x00"))
        await rasa.close()
        service.database.engine.dispose()
        assert reply.messages and fake_rasa.requests[-1]["message"] == "papiers"
