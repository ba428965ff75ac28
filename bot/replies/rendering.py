"""Render the assistant's replies for each channel.

Input: the envelopes the actions send (see ``actions/envelope.py``). Output:
the messages exactly as the channel will show them.

- ``web`` and ``telegram``: the full text, buttons as buttons (Telegram:
  inline keyboard), Telegram texts split at paragraphs under 4,096 characters.
- ``whatsapp``: the full text, menus as numbered lines ("Reply 1, 2 or 3"),
  split under 1,600 characters (Twilio's limit for one WhatsApp message).
- ``sms``: an answer's first SMS (its ``sms`` line and date, one segment),
  then its choices in a second, short SMS (``bot.replies.sms_menu``); the
  emergency answer in one SMS; menus as numbered lines; each message within
  the SMS segment budget, counted in the text's own encoding (GSM-7 or UCS-2),
  Bambara in plain letters (è ò ny, GSM-7). A part of an answer is
  sent in pages of at most ``sms_max_segments`` segments, each but the last
  saying how many remain ("MORE" sends the next; see ``bot.replies.parts``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.feedback.votes import vote_of
from bot.replies.sms_menu import answer_sms, sms_fits
from bot.replies.splitting import by_characters, split_text
from common.envelope import (
    ANSWER,
    EMERGENCY,
    MENU_PAYLOAD,
    PART,
    PERSON_PAYLOAD,
    CallData,
    Envelope,
    part_key,
)
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE
from common.sms_encoding import plain_letters

CHANNELS = ("web", "telegram", "whatsapp", "sms")
TELEGRAM_LIMIT = 4096
WHATSAPP_LIMIT = 1600
NUMBERED_CHANNELS = frozenset({"sms", "whatsapp"})
SMS_KEPT_PAYLOADS = frozenset({MENU_PAYLOAD, PERSON_PAYLOAD})


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
    calls: list[CallData] = field(default_factory=list)  # numbers the channel makes tappable


@dataclass
class Rendered:
    """The messages of one reply, and what to remember for the next turn."""

    messages: list[OutMessage]
    menu: list[Choice]
    pages: list[str] = field(default_factory=list)  # SMS pages of a part still to send


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


def sms_menu(menu: list[Choice]) -> list[Choice]:
    """On SMS an answer offers its parts, a person and the menu (renumbered).

    The related topics after the parts wait for the menu; a choice put before
    the parts (the other question of the same message, a person under a
    risky question) and "Useful?" stay; a choice offered twice is listed once.
    """
    last_part = max((i for i, c in enumerate(menu) if part_key(c.payload)), default=len(menu))
    kept = [
        c
        for i, c in enumerate(menu)
        if (i <= last_part or c.payload in SMS_KEPT_PAYLOADS or vote_of(c.payload))
        and c.payload not in {d.payload for d in menu[:i]}  # a person offered twice: once
    ]
    return [Choice(i, c.title, c.payload) for i, c in enumerate(kept, 1)]


def render(envelope: Envelope, channel: str, sms_max_segments: int = 3) -> Rendered:
    """Render one envelope for ``channel``."""
    language = envelope["lang"]
    text = envelope["text"].strip()
    menu = choices(envelope)
    audio = envelope.get("audio") if channel in ("telegram", "whatsapp", "web") else None
    layered = envelope.get("kind") in (ANSWER, EMERGENCY) and envelope.get("short")
    if channel == "sms" and layered:
        menu = sms_menu(menu)
        sent = answer_sms(envelope, menu, language or FALLBACK_LANGUAGE, sms_max_segments)
        return Rendered([OutMessage(t) for t in sent], menu)
    if channel == "sms" and envelope.get("kind") == PART:
        menu = sms_menu(menu)
        pages = sms_pages(text, menu, language or FALLBACK_LANGUAGE, sms_max_segments)
        pages = [plain_letters(page) for page in pages]
        return Rendered([OutMessage(pages[0])], menu, pages[1:])

    if channel in NUMBERED_CHANNELS and menu:
        text = (
            f"{text}\n\n{numbered_menu(menu, language)}" if text else numbered_menu(menu, language)
        )

    if channel == "sms":
        parts = [plain_letters(p) for p in split_text(text, sms_fits(sms_max_segments))]
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
        messages[0].calls = list(envelope.get("calls") or [])
    return Rendered(messages, menu)


def more_left(count: int, language: str) -> str:
    """The line under an SMS page: how many messages remain and how to get them."""
    return translate(
        language, _("Reply MORE for the rest ({count} more messages)."), count=str(count)
    )


def pack_lines(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Whole lines packed into as few messages as fit; a line too long is split."""
    chunks: list[str] = []
    for line in text.strip().splitlines():
        candidate = f"{chunks[-1]}\n{line}" if chunks else line
        if chunks and fits(candidate):
            chunks[-1] = candidate
        elif fits(line):
            chunks.append(line)
        else:
            chunks += split_text(line, fits)
    return chunks


def sms_pages(text: str, menu: list[Choice], language: str, max_segments: int) -> list[str]:
    """A part on SMS: pages of at most ``max_segments`` segments, the menu on the last.

    Every page but the last ends with how many remain; the numbered choices
    close the last page (or take pages of their own when they do not fit).
    """
    fits = sms_fits(max_segments)

    def fits_with_more(text: str) -> bool:
        return fits(f"{text}\n{more_left(99, language)}")

    chunks = pack_lines(text, fits_with_more)
    if menu:
        choices_text = numbered_menu(menu, language)
        if chunks and fits(f"{chunks[-1]}\n\n{choices_text}"):
            chunks[-1] = f"{chunks[-1]}\n\n{choices_text}"
        elif fits(choices_text):
            chunks.append(choices_text)
        else:  # long titles on a small budget: the choices over several pages too
            chunks += pack_lines(choices_text, fits_with_more)
    pages = [f"{c}\n{more_left(len(chunks) - i - 1, language)}" for i, c in enumerate(chunks[:-1])]
    return [*pages, chunks[-1]] if chunks else [""]
