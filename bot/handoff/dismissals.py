"""Dismissed hand-offs and emergencies, and why: stored for the editors' report.

A dismissal keeps the topic, language, kind of hand-off and the reason, never
the user: the report survives erasure and says where the assistant hands off
or raises the alarm wrongly. The editors' reports page reads it through
``dismissals_by_week``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from bot.handoff.states import aware
from bot.storage.database import Database
from bot.storage.models import Dismissal, Handoff

# Why staff dismissed a hand-off (the inbox shows them in words).
DISMISS_REASONS = ("false_alarm", "assistant_could_answer", "no_reply", "duplicate", "test_or_spam")


@dataclass(frozen=True)
class DismissalCount:
    """How many hand-offs were dismissed for one reason, per topic, language and week."""

    week: dt.date  # the Monday of the ISO week (UTC)
    topic: str | None
    language: str | None
    handoff_reason: str  # emergency, request or fallback
    reason: str  # one of DISMISS_REASONS
    count: int


def record_dismissal(database: Database, handoff: Handoff, reason: str) -> None:
    """Store why ``handoff`` was dismissed."""
    with database.session() as session:
        session.add(
            Dismissal(
                handoff_id=handoff.id,
                reason=reason,
                handoff_reason=handoff.reason,
                topic=handoff.topic,
                language=handoff.language,
            )
        )
        session.commit()


def dismissals_by_week(
    database: Database, since: dt.date | None = None, until: dt.date | None = None
) -> list[DismissalCount]:
    """Dismissals per ISO week, topic, language, kind and reason; ``since``/``until`` inclusive.

    Sorted by week (newest first), then by count (largest first).
    """
    query = select(
        Dismissal.at,
        Dismissal.topic,
        Dismissal.language,
        Dismissal.handoff_reason,
        Dismissal.reason,
    )
    if since is not None:
        query = query.where(Dismissal.at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(Dismissal.at < end)
    with database.session() as session:
        rows = session.execute(query).all()
    counts: Counter[tuple[dt.date, str | None, str | None, str, str]] = Counter()
    for at, topic, language, kind, reason in rows:
        day = (aware(at) or dt.datetime.now(dt.UTC)).date()
        counts[(day - dt.timedelta(days=day.weekday()), topic, language, kind, reason)] += 1
    found = [DismissalCount(*key, count) for key, count in counts.items()]
    return sorted(found, key=lambda c: (-c.week.toordinal(), -c.count, c.topic or ""))
