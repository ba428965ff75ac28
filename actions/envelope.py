"""Sending envelopes (``common.envelope``) through rasa-sdk's dispatcher."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from common.envelope import ButtonData, Envelope, envelope


def send(
    dispatcher: CollectingDispatcher,
    kind: str,
    language: str | None,
    text: str,
    *,
    buttons: Iterable[ButtonData] = (),
    **extra: Any,
) -> Envelope:
    """Build and send one envelope; return it (tests read it back from the dispatcher)."""
    return send_envelope(dispatcher, envelope(kind, language, text, buttons, **extra))


def send_envelope(dispatcher: CollectingDispatcher, built: Envelope) -> Envelope:
    """Send an envelope built elsewhere (an answer, the emergency answer)."""
    dispatcher.utter_message(json_message=dict(built))
    return built
