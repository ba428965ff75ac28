"""The cached validator accepts and rejects exactly what Rasa's own validation does."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from rasa_server.speedups import (
    cache_action_answer_validator,
    cache_event_classes,
    order_classifier_weights,
)

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


MODEL = Path(__file__).resolve().parents[2] / "models" / "assistant.tar.gz"
TEXTS = ["comment avoir un permis de travail", "bghit nrje3 l bladi", "n b'a fɛ ka segin Mali"]


async def parse_all(model: Path) -> tuple[list[Any], Any]:
    agent = Agent.load(str(model))
    parsed = [await agent.parse_message(text) for text in TEXTS]
    nodes = agent.processor.graph_runner._instantiated_nodes.values()  # type: ignore[union-attr]
    classifiers = [
        n._component for n in nodes if isinstance(n._component, LogisticRegressionClassifier)
    ]
    return [(p["intent"], p["intent_ranking"]) for p in parsed], classifiers[0].clf.coef_


@pytest.mark.skipif(not MODEL.exists(), reason="no trained model (run `make train`)")
def test_ordered_weights_predict_the_same() -> None:
    before, weights = asyncio.run(parse_all(MODEL))
    assert not weights.flags.f_contiguous
    saved = LogisticRegressionClassifier.load
    order_classifier_weights()
    try:
        after, weights = asyncio.run(parse_all(MODEL))
    finally:
        LogisticRegressionClassifier.load = saved  # type: ignore[method-assign]
    assert weights.flags.f_contiguous
    assert after == before
