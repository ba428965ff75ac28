"""What a message means before Rasa reads it: a command, a menu choice, a part, MORE, or words.

The one place where the gateway reads commands (``/start``, ``/delete``…, also
as ``/delete@botname`` in Telegram), bare menu numbers (against the last menu
the user was shown), a part of the last answer (its button's payload, or its
number) and MORE (the next SMS page of a part); anything else starting with
``/`` that is not one of our buttons' payloads goes on as words (see
``payloads``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.conversation.payloads import Payloads
from common.envelope import part_key
from common.menus import menu_number
from common.text.normalize import normalize

COMMANDS = {
    "/start": "/greet",
    "/help": "/greet",
    "/menu": "/greet",
    "/language": "/change_language",
    "/delete": "/delete_my_data",
}
MORE_WORDS = frozenset(
    {"more", "plus", "details", "detail", "المزيد", "مزيد", "zid", "mazid", "were"}
)


@dataclass(frozen=True)
class Interpretation:
    """The text to send to Rasa, or a request for a part or the next page of the last answer."""

    text: str
    more: bool = False
    part: str | None = None  # the part of the last answer asked for


def interpret(
    text: str, last_menu: list[dict[str, Any]] | None, has_more: bool, payloads: Payloads
) -> Interpretation:
    """Map a command, a menu number, a part or MORE; anything else is sanitised words."""
    command = text.split("@")[0].strip().lower()
    if command in COMMANDS:
        return Interpretation(COMMANDS[command])
    number = menu_number(text)
    if number is not None and last_menu:
        for item in last_menu:
            if item.get("number") == number:
                payload = str(item["payload"])
                return Interpretation(payload, part=part_key(payload))
    if part_key(text):
        return Interpretation(text.strip(), part=part_key(text))
    if has_more and normalize(text) in MORE_WORDS:
        return Interpretation(text, more=True)
    return Interpretation(payloads.sanitise(text))
