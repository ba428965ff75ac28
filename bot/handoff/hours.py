"""Office hours of the staff team, e.g. ``mon-fri 09:00-17:00`` in Africa/Casablanca."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from common.i18n import _, translate

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
_SPEC = re.compile(
    r"^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?\s+"
    r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$"
)


@dataclass(frozen=True)
class OfficeHours:
    """Days (0 = Monday) and daily opening and closing times in a time zone."""

    days: frozenset[int]
    opens: dt.time
    closes: dt.time
    zone: ZoneInfo

    @classmethod
    def parse(cls, spec: str, zone: str = "Africa/Casablanca") -> OfficeHours:
        """Read ``mon-fri 09:00-17:00`` (or one day, ``sat 10:00-13:00``).

        Raises:
            ValueError: the text is not of that form.
        """
        match = _SPEC.match(spec.strip().lower())
        if not match:
            raise ValueError(f"office hours must look like 'mon-fri 09:00-17:00', not {spec!r}")
        first, last, h1, m1, h2, m2 = match.groups()
        start, end = DAYS.index(first), DAYS.index(last or first)
        days = {d % 7 for d in range(start, end + 1 if end >= start else end + 8)}
        return cls(
            frozenset(days), dt.time(int(h1), int(m1)), dt.time(int(h2), int(m2)), ZoneInfo(zone)
        )

    def is_open(self, now: dt.datetime) -> bool:
        """True when the team is on duty at ``now`` (an aware datetime)."""
        local = now.astimezone(self.zone)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, now: dt.datetime) -> dt.datetime:
        """When the next shift starts after ``now`` (in the office's time zone)."""
        local = now.astimezone(self.zone)
        for offset in range(8):
            day = (local + dt.timedelta(days=offset)).date()
            start = dt.datetime.combine(day, self.opens, self.zone)
            if day.weekday() in self.days and start > local:
                return start
        raise ValueError("office hours have no opening day")

    def describe(self, language: str) -> str:
        """Describe the days and hours, e.g. "Monday - Friday, 09:00-17:00" (GSM-7 only)."""
        ordered = sorted(self.days)
        first, last = ordered[0], ordered[-1]
        days = translate(language, DAY_NAMES[first])
        if last != first:
            days += " - " + translate(language, DAY_NAMES[last])
        return f"{days}, {self.opens:%H:%M}-{self.closes:%H:%M}"

    def describe_moment(self, moment: dt.datetime, language: str) -> str:
        """Describe a moment, e.g. "Monday 09:00"."""
        return f"{translate(language, DAY_NAMES[moment.weekday()])} {moment:%H:%M}"
