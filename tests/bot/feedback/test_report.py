"""The editors' report of "Useful?" votes per topic, language and week."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.feedback.report import FeedbackLine, feedback_report, monday_of
from bot.feedback.votes import record
from bot.storage.database import Database

MONDAY = dt.date(2026, 11, 23)


def test_votes_are_counted_per_topic_language_and_week(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'feedback.db'}")
    for day, topic, language, useful in [
        (MONDAY, "asylum", "fr", True),
        (MONDAY + dt.timedelta(days=6), "asylum", "fr", False),
        (MONDAY + dt.timedelta(days=2), "asylum", "fr", True),
        (MONDAY + dt.timedelta(days=7), "asylum", "fr", True),
        (MONDAY, "asylum", "ar", False),
        (MONDAY, "work_permit", "fr", True),
        (MONDAY - dt.timedelta(days=1), "asylum", "fr", True),  # before the period
    ]:
        record(database, topic, language, "web", useful, day)
    lines = feedback_report(database, MONDAY, MONDAY + dt.timedelta(days=13))
    next_week = MONDAY + dt.timedelta(days=7)
    assert lines == [
        FeedbackLine("asylum", "fr", next_week, 1, 0),
        FeedbackLine("asylum", "ar", MONDAY, 0, 1),
        FeedbackLine("asylum", "fr", MONDAY, 2, 1),
        FeedbackLine("work_permit", "fr", MONDAY, 1, 0),
    ]
    assert lines[2].total == 3
    only = feedback_report(database, MONDAY, next_week, topic="asylum", language="ar")
    assert only == [FeedbackLine("asylum", "ar", MONDAY, 0, 1)]


def test_monday_of() -> None:
    assert monday_of(dt.date(2026, 11, 29)) == MONDAY
    assert monday_of(MONDAY) == MONDAY
