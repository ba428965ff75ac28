"""Emergency answers, hand-off requests and data deletion."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.emergency import ActionEmergency
from actions.handoff import ActionHandoff
from actions.privacy import ActionConfirm, ActionDeleteData
from tests.actions.conftest import envelopes, make_tracker


async def test_emergency_answers_at_once_even_without_a_language(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker("au secours", "emergency")
    await ActionEmergency().run(dispatcher, tracker, {})
    [answer] = envelopes(dispatcher)
    assert answer["kind"] == "emergency"
    assert answer["topic"] == "emergency"
    assert "19" in answer["short"]
    assert answer["handoff"] == "emergency"


async def test_handoff_request_is_signalled_to_the_gateway(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker("je veux parler à quelqu'un", "human_agent", slots={"language": "fr"})
    await ActionHandoff().run(dispatcher, tracker, {})
    [notice] = envelopes(dispatcher)
    assert notice["kind"] == "handoff"
    assert notice["handoff"] == "request"


async def test_delete_asks_for_confirmation_then_deletes(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker("supprime mes données", "delete_my_data", slots={"language": "fr"})
    events = await ActionDeleteData().run(dispatcher, tracker, {})
    info, question = envelopes(dispatcher)
    assert info["topic"] == "delete_my_data"
    assert question["kind"] == "confirm"
    assert any(e.get("name") == "pending_confirmation" for e in events)

    confirm = CollectingDispatcher()
    tracker = make_tracker(
        "/affirm", "affirm", slots={"language": "fr", "pending_confirmation": "delete"}
    )
    events = await ActionConfirm().run(confirm, tracker, {})
    [done] = envelopes(confirm)
    assert done["kind"] == "deleted"
    assert done["delete_user_data"] is True
    assert events == [{"event": "reset_slots", "timestamp": None}]


async def test_delete_cancelled_keeps_everything(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(
        "/deny", "deny", slots={"language": "ar", "pending_confirmation": "delete"}
    )
    await ActionConfirm().run(dispatcher, tracker, {})
    [reply] = envelopes(dispatcher)
    assert reply["kind"] == "menu"
    assert "delete_user_data" not in reply


async def test_yes_without_a_question_shows_the_menu(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker("oui", "affirm", slots={"language": "fr"})
    await ActionConfirm().run(dispatcher, tracker, {})
    assert envelopes(dispatcher)[0]["kind"] == "menu"


async def test_a_first_delete_command_asks_for_the_language_instead_of_guessing(
    dispatcher: CollectingDispatcher,
) -> None:
    """Language detection never runs on a payload: "/delete_my_data" once gave Arabic."""
    tracker = make_tracker("/delete_my_data", "delete_my_data")
    await ActionDeleteData().run(dispatcher, tracker, {})
    [menu] = envelopes(dispatcher)
    assert menu["kind"] == "language_menu"
