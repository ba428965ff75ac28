"""Unsure: likely topics offered; twice in a row a person too; bad input gets a clear answer."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallback
from tests.actions.conftest import envelopes, make_tracker


def _fallback_turn(text: str) -> dict:
    return {
        "event": "user",
        "text": text,
        "parse_data": {"intent": {"name": "nlu_fallback"}},
    }


RANKING = [
    {"name": "nlu_fallback", "confidence": 0.3},
    {"name": "residence_card_renewal", "confidence": 0.28},
    {"name": "emergency", "confidence": 0.2},
    {"name": "regularization_documents", "confidence": 0.2},
    {"name": "greet", "confidence": 0.1},
    {"name": "children_school", "confidence": 0.08},
    {"name": "asylum", "confidence": 0.07},
]


def unsure(text: str, history: list[dict] | None = None):  # type: ignore[no-untyped-def]
    tracker = make_tracker(text, "nlu_fallback", slots={"language": "fr"}, history=history)
    tracker.latest_message["intent_ranking"] = RANKING
    return tracker


async def test_when_unsure_the_likely_topics_are_offered(dispatcher: CollectingDispatcher) -> None:
    await ActionFallback().run(dispatcher, unsure("ma karte elle finit bientot"), {})
    [question] = envelopes(dispatcher)
    assert question["kind"] == "fallback"
    payloads = [b["payload"] for b in question["buttons"]]
    assert payloads[:3] == [
        "/residence_card_renewal",
        "/regularization_documents",
        "/children_school",
    ]  # never the emergency: the risk detector alone decides danger
    assert "/human_agent" in payloads and "/greet" in payloads
    assert "handoff" not in question


async def test_without_likely_topics_the_themes_are_shown(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker("blorp zzz", "nlu_fallback", slots={"language": "fr"})
    await ActionFallback().run(dispatcher, tracker, {})
    [menu] = envelopes(dispatcher)
    assert menu["kind"] == "menu"
    assert "/human_agent" in [b["payload"] for b in menu["buttons"]]


async def test_second_misunderstanding_in_a_row_offers_a_person_first(
    dispatcher: CollectingDispatcher,
) -> None:
    history = [_fallback_turn("blorp"), {"event": "bot", "text": None}]
    await ActionFallback().run(dispatcher, unsure("zzz", history), {})
    [offer] = envelopes(dispatcher)
    assert offer["kind"] == "fallback"
    assert offer["buttons"][0]["payload"] == "/human_agent"
    assert "/residence_card_renewal" in [b["payload"] for b in offer["buttons"]]


async def test_out_of_scope_then_unsure_offers_a_person_first(
    dispatcher: CollectingDispatcher,
) -> None:
    outside = {
        "event": "user",
        "text": "zorblak",
        "parse_data": {"intent": {"name": "out_of_scope"}},
    }
    await ActionFallback().run(dispatcher, unsure("zzz", [outside, {"event": "bot"}]), {})
    [offer] = envelopes(dispatcher)
    assert offer["buttons"][0]["payload"] == "/human_agent"


async def test_a_message_answered_with_the_language_menu_is_not_a_misunderstanding(
    dispatcher: CollectingDispatcher,
) -> None:
    # "fr" typed as a first message: out of scope, but the reply was the language menu.
    typed = {"event": "user", "text": "fr", "parse_data": {"intent": {"name": "out_of_scope"}}}
    menu = {"event": "bot", "data": {"custom": {"kind": "language_menu", "lang": None}}}
    await ActionFallback().run(dispatcher, unsure("zzz", [typed, menu]), {})
    [question] = envelopes(dispatcher)
    assert question["buttons"][0]["payload"] == "/residence_card_renewal"


async def test_misunderstandings_not_in_a_row_do_not_offer_a_person_first(
    dispatcher: CollectingDispatcher,
) -> None:
    understood = {"event": "user", "text": "asile", "parse_data": {"intent": {"name": "asylum"}}}
    await ActionFallback().run(dispatcher, unsure("zzz", [_fallback_turn("blorp"), understood]), {})
    [question] = envelopes(dispatcher)
    assert question["buttons"][0]["payload"] == "/residence_card_renewal"


@pytest.mark.parametrize("language", ["fr", "ar", "bm"])
async def test_number_matching_no_menu_item_is_explained(
    dispatcher: CollectingDispatcher, language: str
) -> None:
    tracker = make_tracker("7", "nlu_fallback", slots={"language": language})
    await ActionFallback().run(dispatcher, tracker, {})
    [menu] = envelopes(dispatcher)
    assert menu["kind"] == "menu"
    assert "7" in menu["text"]
    assert menu["lang"] == language


async def test_emojis_only_get_a_text_only_notice(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker("😀🙏🏾", "nlu_fallback", slots={"language": "fr"})
    await ActionFallback().run(dispatcher, tracker, {})
    [menu] = envelopes(dispatcher)
    assert menu["kind"] == "menu"
    assert "texte" in menu["text"]


@pytest.mark.parametrize("history", [[], [_fallback_turn("euh")]])
async def test_a_person_is_offered_once_even_when_likely(
    dispatcher: CollectingDispatcher, history: list[dict]
) -> None:
    tracker = make_tracker(
        "khassni m3awna", "nlu_fallback", slots={"language": "ar"}, history=history
    )
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "regularization_documents", "confidence": 0.25},
        {"name": "human_agent", "confidence": 0.22},
        {"name": "reintegration", "confidence": 0.2},
    ]
    await ActionFallback().run(dispatcher, tracker, {})
    [question] = envelopes(dispatcher)
    payloads = [b["payload"] for b in question["buttons"]]
    assert payloads.count("/human_agent") == 1
    assert "/regularization_documents" in payloads and "/reintegration" in payloads
