"""The emergency answer's first message: whom to call, what to say, whether a person comes.

A person in danger reads three short lines first: (1) the numbers to call
(tappable on the web chat and Telegram, plain on SMS and WhatsApp), (2) what
to say when someone answers, (3) whether a person of the team has been
alerted and when one will answer (added by the gateway, which knows the
office hours). The rest of the answer is sent on request. The numbers and
the line come from the emergency answer's ``call`` and ``say`` fields
(``docs/answer-format.md``); an answer file without them falls back to its
``sms`` line, which carries the numbers too.
"""

from __future__ import annotations

import re

from common.content.answers import Answer
from common.envelope import CallData, Envelope, with_text
from common.i18n import _, translate

# A number as people dial it: digits, spaces, an optional leading "+".
_PHONE = re.compile(r"\+?[0-9][0-9 ]{0,19}")


def calls_of(answer: Answer) -> list[CallData]:
    """The answer's numbers to call first, in order (none when the file has no ``call``)."""
    return [
        {"name": c.name.strip(), "phone": c.phone.strip()}
        for c in answer.call
        if c.name.strip() and _PHONE.fullmatch(c.phone.strip())
    ]


def dial(phone: str) -> str:
    """The number as a ``tel:`` link dials it: digits and a leading "+" only."""
    return "".join(c for c in phone if c.isdigit() or c == "+")


def numbers_line(calls: list[CallData], language: str) -> str:
    """Line 1: "Call now: Police 19 - Civil protection 15" (GSM-7: one SMS where it fits)."""
    numbers = " - ".join(f"{c['name']} {c['phone']}" for c in calls)
    return translate(language, _("Call now: {numbers}"), numbers=numbers)


def first_lines(answer: Answer, language: str) -> str:
    """Lines 1 and 2 of the first message (the gateway adds line 3)."""
    calls = calls_of(answer)
    first = numbers_line(calls, language) if calls else answer.sms
    return "\n".join(line for line in (first, answer.say.strip()) if line)


def with_alert_line(built: Envelope, line: str) -> Envelope:
    """Line 3: whether a person has been alerted and when one will answer (SMS too)."""
    copy = with_text(built, f"{built['text']}\n{line}")
    if built.get("short"):
        copy["short"] = f"{built['short']}\n{line}"
    return copy
