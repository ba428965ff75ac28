"""A weekly bar chart as SVG shapes, drawn on the server (the page needs no script).

The template turns the :class:`Bar` list into ``<rect>`` elements; colours
come from the stylesheet by measure (``class="m-unanswered"``), so the
strict Content-Security-Policy needs no inline style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.editor.reports import WeeklyCount

WIDTH, HEIGHT, BOTTOM = 640, 220, 24
MAX_WEEKS = 12


@dataclass(frozen=True)
class Bar:
    """One measure's share of one week's column."""

    x: float
    y: float
    width: float
    height: float
    measure: str
    count: int
    week: str


@dataclass(frozen=True)
class Chart:
    """The bars, the week labels under them, and the tallest column's value."""

    bars: list[Bar]
    labels: list[tuple[float, str]]
    top: int
    width: int = WIDTH
    height: int = HEIGHT


def weekly_chart(counts: list[WeeklyCount], measures: list[str]) -> Chart:
    """Stacked columns, one per week (the last ``MAX_WEEKS`` weeks with data), oldest left."""
    totals: dict[dt.date, dict[str, int]] = {}
    for c in counts:
        week = totals.setdefault(c.week, {})
        week[c.measure] = week.get(c.measure, 0) + c.count
    weeks = sorted(totals)[-MAX_WEEKS:]
    top = max((sum(totals[w].values()) for w in weeks), default=0)
    if not weeks or top == 0:
        return Chart([], [], 0)
    slot = WIDTH / len(weeks)
    scale = (HEIGHT - BOTTOM - 8) / top
    bars: list[Bar] = []
    labels: list[tuple[float, str]] = []
    for i, monday in enumerate(weeks):
        x = i * slot + slot * 0.15
        base: float = HEIGHT - BOTTOM
        for measure in measures:
            count = totals[monday].get(measure, 0)
            if count:
                height = count * scale
                base -= height
                bars.append(
                    Bar(
                        round(x, 1),
                        round(base, 1),
                        round(slot * 0.7, 1),
                        round(height, 1),
                        measure,
                        count,
                        monday.isoformat(),
                    )
                )
        labels.append((round(i * slot + slot / 2, 1), monday.strftime("%d/%m")))
    return Chart(bars, labels, top)
