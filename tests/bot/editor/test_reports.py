"""Report counts per week and the spreadsheet export."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import load_workbook

from bot.editor import reports
from bot.editor.reports import WeeklyCount, monday_of, per_topic, spreadsheet_safe, xlsx
from bot.storage.database import Database
from bot.storage.models import Handoff
from tests.bot.editor.report_rows import add_unanswered


def test_formulas_are_neutralised() -> None:
    assert spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_safe("\tx") == "'\tx"
    assert spreadsheet_safe("bonjour") == "bonjour"


def test_the_spreadsheet_has_weekly_counts_and_neutralised_words() -> None:
    counts = [WeeklyCount(dt.date(2026, 11, 23), "asylum", "ar", "unanswered", 4)]
    rows = [dict.fromkeys(reports.ROW_KEYS, "") | {"text": "=1+1", "kind": "fallback"}]
    book = load_workbook(io.BytesIO(xlsx(counts, rows)))
    weekly = list(book["weekly"].values)
    assert weekly[1] == ("2026-11-23", "asylum", "ar", "unanswered", 4)
    words = list(book["unanswered"].values)
    assert words[1][5] == "'=1+1" and words[1][0] == "fallback"


def test_unanswered_questions_are_counted_per_week_topic_and_language(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'g.db'}")
    now = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)
    with database.session() as session:
        add_unanswered(session, "u1", "ar", "سؤال", [now])
        session.add(
            Handoff(
                user_id="u1",
                state="waiting",
                reason="request",
                channel="local",
                topic="asylum",
                language="ar",
                created_at=now,
            )
        )
        session.commit()
    counts = reports.weekly(database, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    found = {(c.week, c.topic, c.language, c.measure): c.count for c in counts}
    assert found == {
        (monday_of(now.date()), "", "ar", "unanswered"): 1,
        (monday_of(now.date()), "asylum", "ar", "handoff"): 1,
    }
    assert per_topic(counts)[0][2] in ({"unanswered": 1}, {"handoff": 1})
    assert reports.weekly(database, dt.date(2026, 12, 1), dt.date(2026, 12, 30)) == []


def test_dismissed_hand_offs_are_counted_per_reason(tmp_path: Path) -> None:
    from bot.storage.models import Dismissal

    database = Database(f"sqlite:///{tmp_path / 'g.db'}")
    at = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)
    with database.session() as session:
        for reason in ("false_alarm", "false_alarm", "test_or_spam"):
            session.add(
                Dismissal(
                    reason=reason, handoff_reason="emergency", topic="asylum", language="bm", at=at
                )
            )
        session.commit()
    counts = reports.weekly(database, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    found = {(c.topic, c.language, c.measure): c.count for c in counts}
    assert found == {
        ("asylum", "bm", "dismissed:false_alarm"): 2,
        ("asylum", "bm", "dismissed:test_or_spam"): 1,
    }


def test_useful_votes_are_counted_per_week_topic_and_language(tmp_path: Path) -> None:
    from bot.storage.models import Feedback

    database = Database(f"sqlite:///{tmp_path / 'g.db'}")
    day = dt.date(2026, 11, 25)
    with database.session() as session:
        for useful in (True, True, False):
            session.add(
                Feedback(topic="asylum", language="ar", channel="sms", useful=useful, day=day)
            )
        session.commit()
    counts = reports.weekly(database, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    found = {(c.topic, c.language, c.measure): c.count for c in counts}
    assert found == {("asylum", "ar", "useful"): 2, ("asylum", "ar", "not_useful"): 1}
