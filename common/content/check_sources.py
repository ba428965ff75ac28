"""Checks of an answer's sources: kind, dates, links, and what a legal claim may rest on.

Every legal claim rests on an official text, an official body or a recognised
NGO guide; the press may report a fact, never carry a rule alone. A source's
``published`` date is its own date, not the day someone read it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from common.content.answers import SOURCE_KINDS, UNKNOWN, as_date
from common.content.findings import ERROR, WARNING, Findings

# Topics that give no rule (so need no legal source).
NOT_LEGAL = frozenset({"out_of_scope", "delete_my_data"})


def _check_dates(
    out: Findings, at: tuple[str, int], number: int, source: dict[str, Any], today: dt.date
) -> None:
    """Published (its own date, or unknown) before consulted, neither in the future."""
    published, consulted = source.get("published"), as_date(source.get("consulted"))
    published_date = as_date(published)
    if published_date and consulted and published_date == consulted:
        out.add(
            WARNING,
            (*at, "published"),
            "published-is-consulted",
            f"source {number}: the published date {published_date} is the day it was "
            "consulted; it looks like the consultation date",
            f"write the date printed on the source, or '{UNKNOWN}' when it shows none",
            source=number,
            date=published_date.isoformat(),
        )
    if published_date and consulted and published_date > consulted:
        out.add(
            ERROR,
            (*at, "published"),
            "published-after-consulted",
            f"source {number}: published on {published_date}, after it was consulted "
            f"on {consulted}",
            "write the date printed on the source and the day someone read it",
            source=number,
            published=published_date.isoformat(),
            consulted=consulted.isoformat(),
        )
    for key, value in (("published", published_date), ("consulted", consulted)):
        if value and value > today:
            out.add(
                ERROR,
                (*at, key),
                "future-date",
                f"source {number}: the {key} date {value} is in the future",
                "write the real date",
                source=number,
                field=key,
                date=value.isoformat(),
            )


def _check_source(out: Findings, i: int, source: dict[str, Any], today: dt.date) -> None:
    at = ("sources", i)
    number = i + 1
    kind = source.get("kind")
    if kind is not None and kind not in SOURCE_KINDS:
        out.add(
            ERROR,
            (*at, "kind"),
            "source-kind",
            f"source {number}: the kind '{kind}' is not one of {', '.join(SOURCE_KINDS)}",
            "law (a text of law), official (a ministry, an agency, a consulate), un (UNHCR, "
            "IOM), ngo (a recognised NGO guide) or press (a newspaper)",
            source=number,
            kind=str(kind),
        )
    _check_dates(out, at, number, source, today)
    url = source.get("url")
    if url is not None and not str(url).startswith("https://"):
        out.add(
            ERROR,
            (*at, "url"),
            "link-not-https",
            f"source {number}: the link {url} is not https",
            "use the https:// address, or leave the url out and give a 'reference'",
            source=number,
            url=str(url),
        )
    if url is None and not source.get("reference"):
        out.add(
            WARNING,
            at,
            "source-unfindable",
            f"source {number} has neither a link nor a reference, so nobody can check it",
            "add its https:// link, or a 'reference' (for a law: the Bulletin officiel number)",
            source=number,
        )


def check_sources(out: Findings, topic: str, sources: Any, today: dt.date) -> None:
    """Each source's fields, then whether a legal answer rests on the press alone."""
    if not isinstance(sources, list):
        return
    entries = [s for s in sources if isinstance(s, dict)]
    for i, source in enumerate(sources):
        if isinstance(source, dict):
            _check_source(out, i, source, today)
    if topic not in NOT_LEGAL and entries and all(s.get("kind") == "press" for s in entries):
        out.add(
            WARNING,
            ("sources",),
            "press-only",
            "every source of this answer is the press; a rule needs an official text, an "
            "official body or a recognised NGO guide",
            "add the law, the ministry's or UNHCR's page, or an NGO guide that states the rule",
        )
