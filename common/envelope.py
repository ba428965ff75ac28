"""The reply envelope: what the action server sends the gateway for every reply.

Actions never send bare text: each reply is one envelope (Rasa's ``custom``
payload), so the gateway gets what it needs to render it for each channel:
the text, the SMS short form, buttons (numbered lines on SMS and WhatsApp),
the language, and signals such as "start a hand-off" or "erase this user".
This module is the contract both sides import (as rasa-sdk keeps its wire
formats in ``rasa_sdk.types``): the actions build envelopes with
:func:`envelope`, the gateway reads them as :class:`Envelope`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, TypedDict, cast

# Kinds of envelope.
ANSWER: Final = "answer"
MENU: Final = "menu"
LANGUAGE_MENU: Final = "language_menu"
MESSAGE: Final = "message"
EMERGENCY: Final = "emergency"
HANDOFF: Final = "handoff"
FALLBACK: Final = "fallback"
CONFIRM: Final = "confirm"
DELETED: Final = "deleted"
# Written by the gateway itself, never by an action.
APOLOGY: Final = "apology"
PRIVACY: Final = "privacy"
MORE: Final = "more"
PART: Final = "part"  # one part of the last answer, served by the gateway from what it kept

# Payloads of the buttons every menu shares.
MENU_PAYLOAD: Final = "/greet"
PERSON_PAYLOAD: Final = "/human_agent"
# Not an intent: a part of the last answer ("/part_steps"), served by the gateway itself.
PART_PREFIX: Final = "/part_"


class ButtonData(TypedDict):
    """A choice offered to the user: its label and the payload it sends back."""

    title: str
    payload: str


class PartData(TypedDict):
    """One part of a layered answer: its key, its title in the answer's language, its text."""

    key: str  # steps | documents | where | details | sources
    title: str
    text: str


class CallData(TypedDict):
    """A number to call in an emergency: who answers, and the number."""

    name: str
    phone: str


class _Required(TypedDict):
    kind: str
    lang: str | None  # None: the language menu, written in every language at once
    text: str
    buttons: list[ButtonData]


class Envelope(_Required, total=False):
    """One reply. Optional fields are set by the kinds that need them."""

    short: str  # the first SMS of an answer: its sms line (one segment)
    sms_status: str  # the review date on SMS, in a few words (with the parts, second SMS)
    topic: str  # the answered topic
    title: str
    reviewed: str  # ISO date a person checked the answer (only when status is reviewed)
    status: str  # draft | reviewed | needs_update
    status_line: str  # the one honest status line users see under the core
    parts: list[PartData]  # the parts offered after the core (buttons or numbered lines)
    calls: list[CallData]  # the emergency answer: numbers to call first
    say: str  # the emergency answer: what to say when someone answers
    risk_line: str  # the emergency line added to an answer (dropped next to the emergency)
    country: str  # MA | ML
    audio: str | None  # recorded answer (audio/<file>)
    content_lang: str  # the language the answer text is in (French when missing)
    theme: str  # a theme menu
    fallback: bool  # the menu offered after a message not understood
    handoff: str  # request | fallback | emergency: the gateway starts a hand-off
    delete_user_data: bool  # the gateway erases the user everywhere


def button(title: str, payload: str) -> ButtonData:
    """A button of an envelope."""
    return {"title": title, "payload": payload}


def envelope(
    kind: str,
    language: str | None,
    text: str,
    buttons: Iterable[ButtonData] = (),
    **extra: Any,
) -> Envelope:
    """Build an envelope; ``extra`` sets the optional fields of :class:`Envelope`.

    Raises:
        TypeError: ``extra`` names a field the envelope does not have.
    """
    unknown = set(extra) - set(Envelope.__annotations__)
    if unknown:
        raise TypeError(f"not envelope fields: {sorted(unknown)}")
    built = {"kind": kind, "lang": language, "text": text, "buttons": list(buttons)}
    built.update({key: value for key, value in extra.items() if value is not None})
    return cast(Envelope, built)


def part_payload(key: str) -> str:
    """The payload of the button that opens one part of the last answer."""
    return f"{PART_PREFIX}{key}"


def part_key(payload: str) -> str | None:
    """The part a payload opens, or None when it is not a part's payload."""
    stripped = payload.strip()
    if stripped.startswith(PART_PREFIX) and stripped[len(PART_PREFIX) :].isidentifier():
        return stripped[len(PART_PREFIX) :]
    return None


def with_text(built: Envelope, text: str) -> Envelope:
    """A copy of an envelope with another text (every other field kept)."""
    copy = dict(built)
    copy["text"] = text
    return cast(Envelope, copy)
