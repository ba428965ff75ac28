"""Choosing and changing the language."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionChangeLanguage, named_language
from tests.actions.conftest import envelopes, make_tracker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en arabe svp", "ar"),
        ("parle moi en français", "fr"),
        ("bamanankan", "bm"),
        ("بالعربية عافاك", "ar"),
        ("changer de langue", None),
        ("français ou arabe", None),
    ],
)
def test_named_language(text: str, expected: str | None) -> None:
    assert named_language(text) == expected


async def test_button_payload_sets_the_language_and_confirms_in_it(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        '/change_language{"language":"bm"}',
        "change_language",
        slots={"language": "fr"},
        entities=[{"entity": "language", "value": "bm"}],
    )
    events = await ActionChangeLanguage().run(dispatcher, tracker, {})
    [menu] = envelopes(dispatcher)
    assert menu["lang"] == "bm"
    assert menu["kind"] == "menu"
    assert any(e.get("name") == "language" and e.get("value") == "bm" for e in events)


async def test_pending_question_is_answered_after_the_choice(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        '/change_language{"language":"fr"}',
        "change_language",
        slots={"pending_topic": "asylum"},
        entities=[{"entity": "language", "value": "fr"}],
    )
    await ActionChangeLanguage().run(dispatcher, tracker, {})
    confirmation, answer = envelopes(dispatcher)
    assert confirmation["kind"] == "message"
    assert answer["kind"] == "answer" and answer["topic"] == "asylum"


async def test_no_language_named_shows_the_menu(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker("changer de langue", "change_language", slots={"language": "fr"})
    await ActionChangeLanguage().run(dispatcher, tracker, {})
    assert envelopes(dispatcher)[0]["kind"] == "language_menu"


async def test_a_message_clearly_in_another_language_is_answered_in_it(
    dispatcher: CollectingDispatcher,
) -> None:
    from actions.answers import ActionAnswer

    tracker = make_tracker(
        "كيفاش نجدد بطاقة الإقامة ديالي", "residence_card_renewal", slots={"language": "fr"}
    )
    events = await ActionAnswer().run(dispatcher, tracker, {})
    answer, way_back = envelopes(dispatcher)
    assert answer["lang"] == "ar"
    assert {"event": "slot", "timestamp": None, "name": "language", "value": "ar"} in events
    assert way_back["buttons"] == [
        {"title": "Français", "payload": '/change_language{"language":"fr"}'}
    ]


@pytest.mark.parametrize("text", ["merci", "ok papiers", "carte sejour"])
async def test_short_or_unclear_text_keeps_the_conversations_language(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    from actions.answers import ActionAnswer

    tracker = make_tracker(text, "residence_card_renewal", slots={"language": "bm"})
    await ActionAnswer().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    assert answer["lang"] == "bm"
