"""What a message means before Rasa reads it: a command, a menu choice, a part, MORE, or words.

The one place where the gateway reads commands (``/start``, ``/delete``…, also
as ``/delete@botname`` in Telegram), bare menu numbers (against the last menu
the user was shown), a part of the last answer (its button's payload, or its
number) and MORE (the next SMS page of a part, or word that nothing is
left); anything else starting with ``/`` that is not one of our buttons'
payloads goes on as words (see ``payloads``).
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
DELETE_PAYLOAD = COMMANDS["/delete"]
# The buttons of the question "delete all your messages and data now?" (actions/privacy.py).
ERASURE_ANSWERS = frozenset({"/affirm", "/deny"})
MORE_WORDS = frozenset(
    {"more", "plus", "suite", "details", "detail", "المزيد", "مزيد", "zid", "mazid", "were"}
)


@dataclass(frozen=True)
class Interpretation:
    """The text to send to Rasa, or a request for a part or the next page of the last answer.

    ``more``: MORE was typed, whether or not a page is left to send.
    """

    text: str
    more: bool = False
    part: str | None = None  # the part of the last answer asked for


def about_erasure(text: str, last_menu: list[dict[str, Any]] | None) -> bool:
    """True for a request to delete one's data, or the answer to the question it asks.

    Such a message goes to the assistant even while a person has the
    conversation: erasure is a right at any time ("write /delete", the
    privacy notice says), and a person may be hours away.
    """
    command = text.split("@")[0].strip().lower()
    if COMMANDS.get(command, command) == DELETE_PAYLOAD:
        return True
    menu = last_menu or []
    if {str(item.get("payload")) for item in menu} != ERASURE_ANSWERS:
        return False
    number = menu_number(text)
    chosen = [str(i["payload"]) for i in menu if number is not None and i.get("number") == number]
    return (chosen[0] if chosen else text.strip()) in ERASURE_ANSWERS


def interpret(
    text: str, last_menu: list[dict[str, Any]] | None, payloads: Payloads
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
    if normalize(text) in MORE_WORDS:
        return Interpretation(text, more=True)
    return Interpretation(payloads.sanitise(text))
