"""Answering topics from the content files."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswer
from actions.context import answer_store, topics
from common.content.sms import first_sms
from tests.actions.conftest import envelopes, make_tracker


@pytest.mark.parametrize("topic", topics().information_topics())
@pytest.mark.parametrize("language", ["fr", "ar", "bm"])
async def test_every_topic_is_answered_in_every_language(
    dispatcher: CollectingDispatcher, topic: str, language: str
) -> None:
    tracker = make_tracker("…", topic, slots={"language": language})
    await ActionAnswer().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    content = answer_store().get(topic).get(language)
    assert answer["kind"] == "answer"
    assert answer["topic"] == topic
    assert answer["lang"] == language
    assert answer["short"] == first_sms(content.sms)  # the first SMS as sent
    assert answer["sms_status"].endswith(content.last_change().strftime("%d/%m/%y"))
    # The first message: title, core, then the one status line.
    assert answer["text"].startswith(f"{content.title}\n\n{content.core}\n\n")
    assert answer["text"].endswith(answer["status_line"])
    assert answer["status"] == content.status
    # The parts with content, the sources last; offered first, then follow-ups and menu.
    keys = [p["key"] for p in answer["parts"]]
    assert keys == [*content.parts(), "sources"]
    payloads = [b["payload"] for b in answer["buttons"]]
    assert payloads[: len(keys)] == [f"/part_{k}" for k in keys]
    assert payloads[-1] == "/greet"
    assert len(payloads) == len(keys) + len(topics()[topic].follow_ups) + 1


async def test_answer_cites_its_sources_and_review_date(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker("permis de travail", "work_permit", slots={"language": "fr"})
    await ActionAnswer().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    first_source = answer_store().get("work_permit").sources[0]
    sources = answer["parts"][-1]
    assert sources["title"] == "Sources" and first_source.title in sources["text"]
    assert first_source.title not in answer["text"]  # one tap away, not in the first message
    content = answer_store().get("work_permit").get("fr")
    if content.status == "reviewed":
        on = content.reviewed.on.strftime("%d/%m/%Y")
        assert answer["status_line"] == f"Vérifié par une personne le {on}"
    else:
        updated = content.updated.strftime("%d/%m/%Y")
        expected = f"Brouillon, pas encore vérifié par une personne (mis à jour le {updated})"
        assert answer["status_line"] == expected


async def test_language_is_detected_from_the_first_message(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker("بغيت نرجع لبلادي", "voluntary_return")
    events = await ActionAnswer().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    assert answer["lang"] == "ar"
    assert {"event": "slot", "name": "language", "value": "ar", "timestamp": None} in events


async def test_gateway_preference_is_used_when_no_language_was_chosen(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker("ok", "work_permit", metadata={"language": "bm"})
    await ActionAnswer().run(dispatcher, tracker, {})
    assert envelopes(dispatcher)[0]["lang"] == "bm"


async def test_unknown_language_asks_and_remembers_the_question(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker("???", "asylum")
    events = await ActionAnswer().run(dispatcher, tracker, {})
    [menu] = envelopes(dispatcher)
    assert menu["kind"] == "language_menu"
    assert [b["payload"] for b in menu["buttons"]] == [
        '/change_language{"language":"fr"}',
        '/change_language{"language":"ar"}',
        '/change_language{"language":"bm"}',
    ]
    assert events[0]["name"] == "pending_topic" and events[0]["value"] == "asylum"


async def test_a_possible_risk_adds_the_emergency_line_and_a_person(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        "mon patron garde mon passeport", "worker_rights", slots={"language": "fr"}
    )
    tracker.latest_message["risk"] = {"level": "possible", "score": 0.3}
    await ActionAnswer().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    assert answer["topic"] == "worker_rights"
    assert "19" in answer["text"].split("\n\n")[1]  # right after the title
    assert answer["buttons"][0]["payload"] == "/human_agent"


async def test_a_second_question_is_offered_first(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(
        "ma carte... et l'ecole?", "residence_card_renewal", slots={"language": "fr"}
    )
    tracker.latest_message["also_topic"] = "children_school"
    await ActionAnswer().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    assert answer["topic"] == "residence_card_renewal"
    assert answer["buttons"][0]["payload"] == "/children_school"
    assert answer_store().get("children_school").get("fr").title in answer["text"]


def _out_of_scope_turn(text: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": "out_of_scope"}}}


async def test_out_of_scope_once_is_answered(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker("quel temps demain", "out_of_scope", slots={"language": "fr"})
    await ActionAnswer().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    assert answer["kind"] == "answer"
    assert answer["topic"] == "out_of_scope"


@pytest.mark.parametrize("language", ["fr", "ar", "bm"])
async def test_out_of_scope_twice_in_a_row_offers_a_person_first(
    dispatcher: CollectingDispatcher, language: str
) -> None:
    # Gibberish often lands on out_of_scope: twice in a row is not understood twice.
    history = [_out_of_scope_turn("zorblak"), {"event": "bot", "text": None}]
    tracker = make_tracker(
        "plouk mifto", "out_of_scope", slots={"language": language}, history=history
    )
    await ActionAnswer().run(dispatcher, tracker, {})
    [offer] = envelopes(dispatcher)
    assert offer["kind"] == "fallback"
    assert offer["lang"] == language
    assert offer["buttons"][0]["payload"] == "/human_agent"
