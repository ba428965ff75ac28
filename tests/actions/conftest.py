"""Build trackers the way Rasa sends them to the action server."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(
    text: str,
    intent: str,
    *,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    history: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker whose latest user message is ``text`` classified as ``intent``."""
    parse_data = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities or [],
    }
    user = {
        "event": "user",
        "text": text,
        "parse_data": parse_data,
        "metadata": metadata or {},
    }
    return Tracker(
        sender_id="test-user",
        slots={
            "language": None,
            "pending_topic": None,
            "pending_confirmation": None,
            **(slots or {}),
        },
        latest_message={**parse_data, "metadata": metadata or {}},
        events=[*(history or []), user],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def envelopes(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    """The envelopes the actions sent, in order."""
    return [m["custom"] for m in dispatcher.messages]


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """A fresh dispatcher for each test."""
    return CollectingDispatcher()
