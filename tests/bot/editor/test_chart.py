"""The weekly chart's bars."""

from __future__ import annotations

import datetime as dt

from bot.editor.chart import HEIGHT, weekly_chart
from bot.editor.reports import WeeklyCount

MONDAY = dt.date(2026, 11, 23)


def test_columns_stack_the_measures_of_each_week_oldest_left() -> None:
    counts = [
        WeeklyCount(MONDAY, "asylum", "fr", "unanswered", 3),
        WeeklyCount(MONDAY, "work_permit", "ar", "handoff", 1),
        WeeklyCount(MONDAY - dt.timedelta(days=7), "asylum", "fr", "unanswered", 2),
    ]
    chart = weekly_chart(counts, ["handoff", "unanswered"])
    assert chart.top == 4
    assert [label for _x, label in chart.labels] == ["16/11", "23/11"]
    last_week = [b for b in chart.bars if b.week == MONDAY.isoformat()]
    assert {b.measure: b.count for b in last_week} == {"handoff": 1, "unanswered": 3}
    tallest = sum(b.height for b in last_week)
    older = sum(b.height for b in chart.bars if b.week != MONDAY.isoformat())
    assert tallest > older > 0 and all(0 <= b.y < HEIGHT for b in chart.bars)


def test_no_data_no_bars() -> None:
    assert weekly_chart([], []).bars == []
