"""The "Useful? Yes / No" choices after an answer, and votes kept without anything personal.

The two choices come after the answer's own (its parts and related topics
take the first numbers on SMS and WhatsApp). A vote counts once, for the
answer it was shown under: the user row remembers which answer offered the
choices (erased with the user), and the vote row keeps only the topic, the
language, the channel, the day and yes or no.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import cast

from bot.storage.database import Database
from bot.storage.models import Feedback
from common.envelope import (
    ANSWER,
    MENU_PAYLOAD,
    MESSAGE,
    PERSON_PAYLOAD,
    ButtonData,
    Envelope,
    button,
    envelope,
)
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE

_VOTE = re.compile(r"/useful_(?P<answer>yes|no):(?P<topic>[a-z_]{1,64})")


def vote_of(text: str) -> tuple[str, bool] | None:
    """The topic and the vote a button sends back, or None for any other text."""
    match = _VOTE.fullmatch(text.strip())
    return (match.group("topic"), match.group("answer") == "yes") if match else None


def _choices(topic: str, language: str) -> list[ButtonData]:
    return [
        button(translate(language, _("Useful? Yes")), f"/useful_yes:{topic}"),
        button(translate(language, _("Useful? No")), f"/useful_no:{topic}"),
    ]


def with_feedback(envelopes: list[Envelope]) -> tuple[list[Envelope], str | None]:
    """The reply with "Useful?" under its last answer; and the topic it asks about."""
    index = next(
        (i for i in range(len(envelopes) - 1, -1, -1) if _offers(envelopes[i])),
        None,
    )
    if index is None:
        return envelopes, None
    built = envelopes[index]
    topic = str(built["topic"])
    copy = cast(Envelope, dict(built))
    copy["buttons"] = [*built["buttons"], *_choices(topic, built["lang"] or FALLBACK_LANGUAGE)]
    result = list(envelopes)
    result[index] = copy
    return result, topic


def _offers(built: Envelope) -> bool:
    return built["kind"] == ANSWER and bool(built.get("topic")) and built["lang"] is not None


def record(
    database: Database, topic: str, language: str, channel: str, useful: bool, day: dt.date
) -> None:
    """Keep one vote (no user id, no text)."""
    with database.session() as session:
        session.add(
            Feedback(topic=topic, language=language, channel=channel, useful=useful, day=day)
        )
        session.commit()


def thanks(language: str, useful: bool) -> Envelope:
    """The reply to a vote: thanks; after a "no", other words or a person."""
    if useful:
        return envelope(MESSAGE, language, translate(language, _("Thank you for your answer.")))
    return envelope(
        MESSAGE,
        language,
        translate(
            language,
            _("Thank you. Write your question in other words, or talk to a person:"),
        ),
        [
            button(translate(language, _("Talk to a person")), PERSON_PAYLOAD),
            button(translate(language, _("Menu")), MENU_PAYLOAD),
        ],
    )
