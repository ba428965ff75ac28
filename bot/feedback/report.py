"""The "Useful?" votes per topic, language and week, for the editors' page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.storage.database import Database
from bot.storage.models import Feedback


@dataclass(frozen=True)
class FeedbackLine:
    """Votes on one topic's answer in one language during one week (Monday to Sunday)."""

    topic: str
    language: str
    week: dt.date  # the Monday the week starts on
    useful: int
    not_useful: int

    @property
    def total(self) -> int:
        """Every vote of the line."""
        return self.useful + self.not_useful


def monday_of(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` is in."""
    return day - dt.timedelta(days=day.weekday())


def feedback_report(
    database: Database,
    since: dt.date,
    until: dt.date,
    topic: str | None = None,
    language: str | None = None,
) -> list[FeedbackLine]:
    """Votes from ``since`` to ``until`` (both included), by topic, language and week.

    Ordered by week (newest first), then topic and language; ``topic`` and
    ``language`` narrow the report to one answer or one language.
    """
    query = (
        select(Feedback.topic, Feedback.language, Feedback.day, Feedback.useful, func.count())
        .where(Feedback.day >= since, Feedback.day <= until)
        .group_by(Feedback.topic, Feedback.language, Feedback.day, Feedback.useful)
    )
    if topic is not None:
        query = query.where(Feedback.topic == topic)
    if language is not None:
        query = query.where(Feedback.language == language)
    counts: dict[tuple[str, str, dt.date], list[int]] = {}
    with database.session() as session:
        for row_topic, row_language, day, useful, count in session.execute(query):
            key = (row_topic, row_language, monday_of(day))
            counts.setdefault(key, [0, 0])[0 if useful else 1] += int(count)
    lines = [FeedbackLine(t, lang, week, yes, no) for (t, lang, week), (yes, no) in counts.items()]
    return sorted(lines, key=lambda line: (-line.week.toordinal(), line.topic, line.language))
