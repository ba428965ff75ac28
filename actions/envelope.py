"""The one message shape every action sends to the gateway.

Actions send ``json_message`` payloads (Rasa's ``custom``), never bare text,
so the gateway gets everything it needs to render a reply for each channel:
the full text, the SMS short form, the buttons (numbered lines on SMS and
WhatsApp), the language, and signals such as "start a hand-off" or "delete
this user's data". The gateway's renderer is the only reader of this shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

# Kinds of envelope, for the gateway's rendering and for tests.
ANSWER = "answer"
MENU = "menu"
LANGUAGE_MENU = "language_menu"
MESSAGE = "message"
EMERGENCY = "emergency"
HANDOFF = "handoff"
FALLBACK = "fallback"
CONFIRM = "confirm"
DELETED = "deleted"


@dataclass(frozen=True)
class Button:
    """A choice offered to the user: its label and the payload it sends."""

    title: str
    payload: str


def send(
    dispatcher: CollectingDispatcher,
    kind: str,
    language: str | None,
    text: str,
    *,
    short: str | None = None,
    buttons: Iterable[Button] = (),
    **extra: Any,
) -> dict[str, Any]:
    """Send one envelope and return it (tests read it back from the dispatcher)."""
    envelope: dict[str, Any] = {
        "kind": kind,
        "lang": language,
        "text": text,
        "buttons": [{"title": b.title, "payload": b.payload} for b in buttons],
    }
    if short:
        envelope["short"] = short
    envelope.update(extra)
    dispatcher.utter_message(json_message=envelope)
    return envelope
