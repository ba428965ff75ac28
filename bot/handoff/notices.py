"""What the user is told about the team: alerted in an emergency, waiting, back to the assistant.

Each line is short and in the user's language; the times come from the
team's office hours (``bot.handoff.hours``).
"""

from __future__ import annotations

import datetime as dt

from bot.handoff.hours import OfficeHours
from common.i18n import _, translate

DANGER_LINE = _("If you are in danger now, call 19 (police) or 15 (ambulance and fire).")


def alerted(hours: OfficeHours, language: str, now: dt.datetime) -> str:
    """Line 3 of the emergency answer: a person was alerted, and when one will answer."""
    if hours.is_open(now):
        return translate(
            language, _("A person from the team has been alerted and will answer you here soon.")
        )
    return translate(
        language,
        _("A person from the team has been alerted and will answer you here from {when}."),
        when=hours.describe_moment(hours.next_opening(now), language),
    )


def not_alerted(language: str) -> str:
    """Line 3 when no person could be alerted (too many new conversations from the web chat)."""
    return translate(
        language,
        _("The team cannot be alerted from this chat right now: call the numbers above."),
    )


def still_waiting(
    hours: OfficeHours, language: str, now: dt.datetime, wait_minutes: int, assigned: bool
) -> str:
    """The acknowledgement of a message written while the user waits for a person."""
    if not hours.is_open(now):
        return (
            translate(
                language,
                _(
                    "Your message is kept for the team. Office hours: {hours}; a person will "
                    "answer you here from {when}."
                ),
                hours=hours.describe(language),
                when=hours.describe_moment(hours.next_opening(now), language),
            )
            + "\n"
            + translate(language, DANGER_LINE)
        )
    if assigned:
        return passed_on(language)
    return translate(
        language,
        _(
            "Your message is kept for the team. A person will answer you here; expected wait: "
            "about {minutes} minutes. Write BOT to go back to the assistant."
        ),
        minutes=wait_minutes,
    )


def passed_on(language: str) -> str:
    """A message written while a person follows the conversation reaches them."""
    return translate(
        language,
        _(
            "Your message has been passed on: the person following your conversation will "
            "answer you here."
        ),
    )


def still_alerted(hours: OfficeHours, language: str, now: dt.datetime, assigned: bool) -> str:
    """The acknowledgement after an emergency: a person knows, and the numbers still hold."""
    first = passed_on(language) if assigned else alerted(hours, language, now)
    return f"{first}\n{translate(language, DANGER_LINE)}"


def back_to_assistant(language: str) -> str:
    """The conversation goes back to the assistant (staff closed it, or the user wrote BOT)."""
    return translate(
        language,
        _(
            "The conversation with the team is closed. The assistant answers you again: "
            "write MENU to see the topics."
        ),
    )
