"""Acknowledging the messages a user writes while waiting for a person, a few minutes apart.

Every message written during a hand-off is kept for the team; the user is
told so (with the expected wait, or the office hours and the emergency line
when the team is off duty; after an emergency: that a person was alerted,
and the emergency numbers), but at most once every ``every`` minutes: the
time of the last acknowledgement is stored on the hand-off and claimed with
one conditional UPDATE, so a restart or a second gateway never sends it twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import or_, update

from bot.handoff.notices import still_alerted, still_waiting
from bot.handoff.service import HandoffService
from bot.handoff.states import ASSIGNED
from bot.storage.models import Handoff


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WaitingAcks:
    """Decides when a waiting user's message is acknowledged, and with what."""

    def __init__(
        self,
        handoffs: HandoffService,
        every: dt.timedelta,
        clock: Callable[[], dt.datetime] = _now,
    ) -> None:
        """Acknowledge at most once per ``every`` in one hand-off (``clock``: the time now)."""
        self.handoffs = handoffs
        self.every = every
        self.clock = clock

    def claim(self, handoff_id: int, now: dt.datetime | None = None) -> bool:
        """True (and the time recorded) when this message is the one to acknowledge."""
        now = now or self.clock()
        with self.handoffs.database.session() as session:
            result = session.execute(
                update(Handoff)
                .where(
                    Handoff.id == handoff_id,
                    or_(Handoff.acked_at.is_(None), Handoff.acked_at <= now - self.every),
                )
                .values(acked_at=now)
            )
            session.commit()
        return int(getattr(result, "rowcount", 0) or 0) == 1

    def text(self, handoff: Handoff, language: str, now: dt.datetime | None = None) -> str:
        """The acknowledgement: expected wait, or office hours and the emergency line.

        After an emergency: a person was alerted (or follows the conversation)
        and the emergency numbers, whatever the time.
        """
        now = now or self.clock()
        hours = self.handoffs.hours
        assigned = handoff.state == ASSIGNED
        if handoff.reason == "emergency":
            return still_alerted(hours, language, now, assigned)
        wait = 0 if assigned or not hours.is_open(now) else self.handoffs.expected_wait_minutes()
        return still_waiting(hours, language, now, wait, assigned)
