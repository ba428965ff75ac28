"""The emergency answer in a reply: once, first, with whether a person was alerted.

The emergency answer is never told twice in one reply: a second emergency
envelope is dropped, and an answer's own emergency line (``risk_line``, added
to questions that mention a possible risk) is left out next to it. Its third
line says whether a person of the team was alerted and when one will answer.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from bot.handoff.hours import OfficeHours
from bot.handoff.notices import alerted, not_alerted
from common.content.emergency import with_alert_line
from common.envelope import EMERGENCY, Envelope, with_text


def has_emergency(envelopes: list[Envelope]) -> bool:
    """True when the reply carries the emergency answer."""
    return any(e["kind"] == EMERGENCY for e in envelopes)


def _without_risk_line(built: Envelope) -> Envelope:
    line = str(built.get("risk_line", ""))
    copy = dict(with_text(built, built["text"].replace(f"\n\n{line}", "", 1)))
    copy.pop("risk_line", None)
    return cast(Envelope, copy)


def single_emergency(envelopes: list[Envelope]) -> list[Envelope]:
    """The emergency told once and first: one emergency answer, then the rest without risk line."""
    first = next((e for e in envelopes if e["kind"] == EMERGENCY), None)
    if first is None:
        return envelopes
    others = [
        _without_risk_line(e) if e.get("risk_line") else e
        for e in envelopes
        if e["kind"] != EMERGENCY
    ]
    return [first, *others]


def with_alert(
    envelopes: list[Envelope],
    hours: OfficeHours,
    language: str,
    accepted: bool = True,
    now: dt.datetime | None = None,
) -> list[Envelope]:
    """Line 3 added to the emergency answer: alerted (and when a person answers), or not."""
    now = now or dt.datetime.now(dt.UTC)
    line = alerted(hours, language, now) if accepted else not_alerted(language)
    return [with_alert_line(e, line) if e["kind"] == EMERGENCY else e for e in envelopes]
