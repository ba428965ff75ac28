"""Render the assistant's replies for each channel.

Input: the envelopes the actions send (see ``actions/envelope.py``). Output:
the messages exactly as the channel will show them.

- ``web`` and ``telegram``: the full text, buttons as buttons (Telegram:
  inline keyboard), Telegram texts split at paragraphs under 4,096 characters.
- ``whatsapp``: the full text, menus as numbered lines ("Reply 1, 2 or 3"),
  split under 1,600 characters (Twilio's limit for one WhatsApp message).
- ``sms``: the short form of an answer with "reply MORE for details", menus as
  numbered lines, each message within the SMS segment budget, counted in the
  text's own encoding (GSM-7 or UCS-2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.replies.splitting import by_characters, split_text
from common import sms_encoding
from common.envelope import Envelope
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE

CHANNELS = ("web", "telegram", "whatsapp", "sms")
TELEGRAM_LIMIT = 4096
WHATSAPP_LIMIT = 1600
NUMBERED_CHANNELS = frozenset({"sms", "whatsapp"})


@dataclass(frozen=True)
class Choice:
    """A menu item: shown as a button, or as a numbered line."""

    number: int
    title: str
    payload: str


@dataclass
class OutMessage:
    """One message as the channel shows it."""

    text: str
    buttons: list[Choice] = field(default_factory=list)
    audio: str | None = None


@dataclass
class Rendered:
    """The messages of one reply, and what to remember for the next turn."""

    messages: list[OutMessage]
    menu: list[Choice]
    more_text: str | None = None


def choices(envelope: Envelope) -> list[Choice]:
    """The envelope's buttons, numbered from 1."""
    return [
        Choice(i, str(b.get("title", "")), str(b.get("payload", "")))
        for i, b in enumerate(envelope["buttons"], 1)
    ]


def numbered_menu(menu: list[Choice], language: str | None) -> str:
    """Menu lines and the "Reply 1, 2 or 3" prompt."""
    lines = [f"{c.number}. {c.title}" for c in menu]
    if language is None:  # the language menu: its items speak for themselves
        return "\n".join(lines)
    numbers = [str(c.number) for c in menu]
    if len(numbers) == 1:
        prompt = translate(language, _("Reply {number}."), number=numbers[0])
    else:
        prompt = translate(
            language,
            _("Reply {numbers} or {last}."),
            numbers=", ".join(numbers[:-1]),
            last=numbers[-1],
        )
    return "\n".join([*lines, prompt])


def sms_fits(max_segments: int) -> Callable[[str], bool]:
    """A measure: at most ``max_segments`` SMS segments."""
    return lambda text: sms_encoding.segments(text) <= max_segments


def render(envelope: Envelope, channel: str, sms_max_segments: int = 3) -> Rendered:
    """Render one envelope for ``channel``."""
    language = envelope["lang"]
    text = envelope["text"].strip()
    menu = choices(envelope)
    audio = envelope.get("audio") if channel in ("telegram", "whatsapp", "web") else None
    more_text = None

    if (
        channel == "sms"
        and envelope.get("short")
        and envelope.get("kind")
        in (
            "answer",
            "emergency",
        )
    ):
        more_text = text
        text = "\n".join(
            [
                str(envelope["short"]).strip(),
                translate(language or FALLBACK_LANGUAGE, _("Reply MORE for details.")),
            ]
        )

    if channel in NUMBERED_CHANNELS and menu:
        text = (
            f"{text}\n\n{numbered_menu(menu, language)}" if text else numbered_menu(menu, language)
        )

    if channel == "sms":
        parts = split_text(text, sms_fits(sms_max_segments))
    elif channel == "whatsapp":
        parts = split_text(text, by_characters(WHATSAPP_LIMIT))
    elif channel == "telegram":
        parts = split_text(text, by_characters(TELEGRAM_LIMIT))
    else:
        parts = [text] if text else []
    if not parts:
        parts = [""] if menu else []

    buttons = menu if channel in ("web", "telegram") else []
    messages = [OutMessage(part) for part in parts]
    if messages:
        messages[-1].buttons = buttons
        messages[0].audio = audio
    return Rendered(messages, menu, more_text)


def render_more(more_text: str, channel: str, sms_max_segments: int = 3) -> list[OutMessage]:
    """The full text of the last answer, after the user asked for MORE."""
    if channel == "sms":
        return [OutMessage(p) for p in split_text(more_text, sms_fits(sms_max_segments))]
    return [OutMessage(p) for p in split_text(more_text, by_characters(WHATSAPP_LIMIT))]
