"""Checks of an answer's status and dates: one honest status per language.

``reviewed`` means a named person checked the language against the sources;
a translation that follows an older French text needs an update; no date is
in the future; a review older than the allowed age is flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from common.content.answers import DRAFT, NEEDS_UPDATE, REVIEWED, as_date, review_date
from common.content.check_texts import block_texts
from common.content.findings import ERROR, WARNING, Findings
from common.i18n import _, translate
from common.languages import SOURCE_LANGUAGE

# Names that are not a person: a review is signed by someone who read the text.
NOT_A_PERSON = re.compile(
    r"\b(ai|ia|bot|robot|gpt|chatgpt|claude|llm|model|mod[eè]le|script|tool|outil|auto\w*|"
    r"machine|check|test|content|system|syst[eè]me|deepl|google|translate)\b",
    re.IGNORECASE,
)

DATE_FIELDS = ("updated", "checked", "translated_from")

# The status lines the assistant adds under every answer (``common.content.envelopes``
# and ``common.content.sms``). An answer text that carries one too would show two.
STATUS_MESSAGES = (
    _("Checked by a person on {date}"),
    _("Draft, not yet checked by a person (updated {date})"),
    _("Draft, not yet checked by a person"),
    _("Checked {date}"),
    _("Draft {date}"),
)
_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"


def status_patterns(language: str) -> list[re.Pattern[str]]:
    """The status lines of ``language`` as patterns, their ``{date}`` any dd/mm/yy date."""
    patterns = []
    for message in STATUS_MESSAGES:
        pieces = translate(language, message).strip().rstrip(",،").split("{date}")
        body = _DATE.join(re.escape(piece) for piece in pieces)
        patterns.append(re.compile(body, re.IGNORECASE))
    return patterns


def check_status_in_texts(out: Findings, language: str, block: dict[str, Any]) -> None:
    """No text of the answer says it was checked or not: the assistant shows that, once."""
    patterns = status_patterns(language)
    for sub_path, value in block_texts(block):
        found = next((m for p in patterns if (m := p.search(value))), None)
        if found is None:
            continue
        at = (language, *sub_path)
        out.add(
            ERROR,
            out.lines.line(*at, containing=found.group(0)),
            "status-in-text",
            f"the {language} text says '{found.group(0)}'; the assistant already shows the "
            "answer's status under it, so users would see two",
            "remove it from the text: the status comes from 'status' and 'reviewed'",
            language=language,
            found=found.group(0),
        )


def _future(out: Findings, language: str, key: tuple[str, ...], value: dt.date) -> None:
    out.add(
        ERROR,
        (language, *key),
        "future-date",
        f"the {language} '{'.'.join(key)}' date {value} is in the future",
        "write the date it really happened",
        language=language,
        field=".".join(key),
        date=value.isoformat(),
    )


def _check_review(
    out: Findings, language: str, block: dict[str, Any], today: dt.date, max_age_days: int
) -> None:
    review = block.get("reviewed")
    review = review if isinstance(review, dict) else {}
    by = str(review.get("by") or "").strip()
    on = as_date(review_date(review))
    if block.get("status") == REVIEWED and not (by and on):
        out.add(
            ERROR,
            (language, "status"),
            "reviewed-without-reviewer",
            f"the {language} answer says 'reviewed' but not by whom and when",
            "add 'reviewed:' with 'by: First name L.' and 'on: YYYY-MM-DD', or set 'status: draft'",
            language=language,
        )
    if by and (NOT_A_PERSON.search(by) or not re.search(r"\w{2}", by)):
        out.add(
            ERROR,
            (language, "reviewed", "by"),
            "reviewer-not-a-person",
            f"'{by}' does not look like a person's name",
            "only a person who read the text against its sources signs a review; "
            "otherwise set 'status: draft' and remove 'reviewed'",
            language=language,
            by=by,
        )
    if on and on > today:
        _future(out, language, ("reviewed", "on"), on)
    elif on and block.get("status") == REVIEWED and (today - on).days > max_age_days:
        out.add(
            WARNING,
            (language, "reviewed", "on"),
            "old-review",
            f"the {language} answer was last checked by a person on {on}, more than "
            f"{max_age_days} days ago",
            "check it against its sources again, then update 'reviewed'",
            language=language,
            date=on.isoformat(),
            days=max_age_days,
        )


def check_status(
    out: Findings,
    language: str,
    block: dict[str, Any],
    french_updated: dt.date | None,
    today: dt.date,
    max_age_days: int,
) -> None:
    """Status, reviewer and dates of one language block."""
    for key in DATE_FIELDS:
        value = as_date(block.get(key))
        if value and value > today:
            _future(out, language, (key,), value)
    _check_review(out, language, block, today, max_age_days)
    check_status_in_texts(out, language, block)
    followed = as_date(block.get("translated_from"))
    stale = (
        language != SOURCE_LANGUAGE
        and french_updated is not None
        and followed is not None
        and followed < french_updated
    )
    if stale:
        out.add(
            WARNING,
            (language, "translated_from"),
            "stale-translation",
            f"the French text changed on {french_updated}, after this {language} translation "
            f"was made (from the French of {followed}); users see it as not checked",
            "update the translation, then set 'translated_from' to the French 'updated' date",
            language=language,
            french=str(french_updated),
            followed=str(followed),
        )
    elif block.get("status") in (DRAFT, NEEDS_UPDATE):
        out.add(
            WARNING,
            (language, "status"),
            "draft",
            f"the {language} answer is not yet checked by a person",
            "have a person who reads this language check it against the sources, then "
            "mark it reviewed (with their name and the date)",
            language=language,
        )
