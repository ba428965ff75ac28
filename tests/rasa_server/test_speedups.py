"""The cached validator accepts and rejects exactly what Rasa's own validation does."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from rasa_server.speedups import cache_action_answer_validator, cache_event_classes

ANSWERS: list[dict[str, Any]] = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "language", "value": "fr"}],
        "responses": [{"json_message": {"kind": "answer", "text": "ok"}}],
    },
    {"events": [{"event": "followup", "name": "action_fallback"}], "responses": []},
    {"events": "not a list", "responses": []},
    {"events": [{"event": "slot"}], "responses": []},
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [], "responses": ["not an object"]},
]


def outcome(validate: Any, answer: dict[str, Any]) -> str:
    action = object.__new__(RemoteAction)  # validation reads no state of the action
    try:
        validate(action, answer)
    except ValidationError as error:
        return "rejected: " + error.message
    return "accepted"


@pytest.fixture(autouse=True)
def rasa_as_shipped() -> Any:
    """Each test starts from Rasa's own functions, and leaves them in place."""
    validate, resolve = RemoteAction._validate_action_result, Event.resolve_by_type
    yield
    RemoteAction._validate_action_result = validate  # type: ignore[method-assign]
    Event.resolve_by_type = resolve  # type: ignore[method-assign]


def test_same_verdicts_and_messages_as_rasa() -> None:
    original = RemoteAction._validate_action_result
    expected = [outcome(original, answer) for answer in ANSWERS]
    cache_action_answer_validator()
    assert RemoteAction._validate_action_result is not original
    assert [outcome(RemoteAction._validate_action_result, a) for a in ANSWERS] == expected
    assert expected.count("accepted") == 3
    assert all("custom-actions" in e for e in expected if e != "accepted")


def test_event_classes_are_the_ones_rasa_finds() -> None:
    search = Event.resolve_by_type
    names = sorted({cls.type_name for cls in all_subclasses(Event)})
    expected = {name: search(name) for name in names}
    cache_event_classes()
    assert Event.resolve_by_type is not search
    for _ in range(2):  # the second round comes from the cache
        assert {name: Event.resolve_by_type(name) for name in names} == expected
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=Event) is Event
