"""Not understood: rephrase, then a person; bad input gets a clear answer."""

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


async def test_first_fallback_asks_to_rephrase_with_the_themes(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker("blorp zzz", "nlu_fallback", slots={"language": "fr"})
    await ActionFallback().run(dispatcher, tracker, {})
    [menu] = envelopes(dispatcher)
    assert menu["kind"] == "menu"
    assert "/human_agent" in [b["payload"] for b in menu["buttons"]]


async def test_second_fallback_in_a_row_hands_over_to_a_person(
    dispatcher: CollectingDispatcher,
) -> None:
    history = [_fallback_turn("blorp"), {"event": "bot", "text": None}]
    tracker = make_tracker("zzz", "nlu_fallback", slots={"language": "fr"}, history=history)
    await ActionFallback().run(dispatcher, tracker, {})
    [handoff] = envelopes(dispatcher)
    assert handoff["kind"] == "fallback"
    assert handoff["handoff"] == "fallback"


async def test_fallbacks_not_in_a_row_do_not_hand_over(
    dispatcher: CollectingDispatcher,
) -> None:
    understood = {"event": "user", "text": "asile", "parse_data": {"intent": {"name": "asylum"}}}
    history = [_fallback_turn("blorp"), understood]
    tracker = make_tracker("zzz", "nlu_fallback", slots={"language": "fr"}, history=history)
    await ActionFallback().run(dispatcher, tracker, {})
    assert envelopes(dispatcher)[0]["kind"] == "menu"


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
