"""The editors' reports: what went unanswered, what users found useful, hand-offs dismissed.

Each report source gives counts per week, topic, language and measure
(:class:`WeeklyCount`); the page adds them up per topic and language, draws
one chart per week (server-side SVG, no script), and exports them as CSV or a
spreadsheet. Sources are plain functions of the database and a date range, so
a new table (the "Useful?" votes, the dismissed hand-offs) is one more
function in :data:`SOURCES`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from bot.editor.unanswered import unanswered
from bot.feedback.report import feedback_report
from bot.handoff.dismissals import dismissals_by_week
from bot.storage.database import Database

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UNANSWERED, HANDOFF, DISMISSED = "unanswered", "handoff", "dismissed"
USEFUL, NOT_USEFUL = "useful", "not_useful"
ROW_KEYS = ("kind", "topic", "language", "user", "at", "text")


@dataclass(frozen=True)
class WeeklyCount:
    """How many times ``measure`` happened for a topic and language in one week."""

    week: dt.date  # the Monday
    topic: str
    language: str
    measure: str
    count: int


ReportSource = Callable[[Database, dt.date, dt.date], list[WeeklyCount]]


def monday_of(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` is in."""
    return day - dt.timedelta(days=day.weekday())


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP's CSV injection advice).

    A cell starting like a formula gets a leading single quote; the csv module
    quotes the cell when needed.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unanswered_counts(database: Database, since: dt.date, until: dt.date) -> list[WeeklyCount]:
    """Questions answered by "I did not understand", and requests for a person, per week."""
    counts: dict[tuple[dt.date, str, str, str], int] = {}
    for row in unanswered(database):
        day = dt.datetime.fromisoformat(row["at"]).date()
        if not since <= day <= until:
            continue
        measure = UNANSWERED if row["kind"] == "fallback" else HANDOFF
        key = (monday_of(day), row["topic"], row["language"], measure)
        counts[key] = counts.get(key, 0) + 1
    return [WeeklyCount(*key, count) for key, count in counts.items()]


def dismissal_counts(database: Database, since: dt.date, until: dt.date) -> list[WeeklyCount]:
    """Hand-offs staff dismissed, per week, topic, language and reason (``dismissed:<reason>``)."""
    return [
        WeeklyCount(c.week, c.topic or "", c.language or "", f"{DISMISSED}:{c.reason}", c.count)
        for c in dismissals_by_week(database, since, until)
    ]


def feedback_counts(database: Database, since: dt.date, until: dt.date) -> list[WeeklyCount]:
    """The "Useful? Yes/No" votes per week, topic and language (``useful``, ``not_useful``)."""
    found = []
    for line in feedback_report(database, since, until):
        for measure, count in ((USEFUL, line.useful), (NOT_USEFUL, line.not_useful)):
            if count:
                found.append(WeeklyCount(line.week, line.topic, line.language, measure, count))
    return found


SOURCES: list[ReportSource] = [unanswered_counts, dismissal_counts, feedback_counts]


def weekly(database: Database, since: dt.date, until: dt.date) -> list[WeeklyCount]:
    """Every source's counts, newest week first."""
    found = [line for source in SOURCES for line in source(database, since, until)]
    return sorted(found, key=lambda c: (-c.week.toordinal(), c.topic, c.language, c.measure))


def per_topic(counts: list[WeeklyCount]) -> list[tuple[str, str, dict[str, int]]]:
    """``(topic, language, {measure: total})``, the busiest first."""
    table: dict[tuple[str, str], dict[str, int]] = {}
    for c in counts:
        cell = table.setdefault((c.topic, c.language), {})
        cell[c.measure] = cell.get(c.measure, 0) + c.count
    return sorted(
        ((t, lang, m) for (t, lang), m in table.items()), key=lambda row: -sum(row[2].values())
    )


def measures(counts: list[WeeklyCount]) -> list[str]:
    """The measures present, in a stable order."""
    return sorted({c.measure for c in counts})


def xlsx(counts: list[WeeklyCount], rows: list[dict[str, str]]) -> bytes:
    """A spreadsheet: one sheet of weekly counts, one of what users wrote (cells as text)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "weekly"
    sheet.append(["week", "topic", "language", "measure", "count"])
    for c in counts:
        sheet.append(
            [c.week.isoformat(), spreadsheet_safe(c.topic), c.language, c.measure, c.count]
        )
    words = book.create_sheet("unanswered")
    words.append(list(ROW_KEYS))
    for row in rows:
        words.append([spreadsheet_safe(row[k]) for k in ROW_KEYS])
    for ws in (sheet, words):
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
