"""An answer on SMS: the first SMS is its ``sms`` line alone, in ONE segment.

A person on a cheap phone pays and waits per segment. The first SMS of an
answer is the core (the answer file's ``sms`` line); the second, sent with
it, starts with the review date in a few words ("Checked 30/11/26",
"Draft 30/11/26") and lists the parts (``bot.replies.sms_menu``). A date line
inside the first SMS would leave an Arabic core 55 characters: too few for
the facts (who, what, the phone number). Bambara goes out in plain letters
(è ò ny, ``common.sms_encoding.plain_letters``) so it stays GSM-7. The content
check measures the same text (``common.content.check_texts``).
"""

from __future__ import annotations

import datetime as dt

from common.content.answers import REVIEWED, Answer
from common.i18n import _, translate
from common.sms_encoding import plain_letters

DATE_FORMAT = "%d/%m/%y"


def first_sms(sms: str) -> str:
    """The first SMS of an answer as sent: its ``sms`` line in plain letters."""
    return plain_letters(sms.strip())


def sms_status(language: str, reviewed: bool, on: dt.date | None) -> str:
    """The date line on SMS: checked by a person on…, or a draft of…."""
    date = on.strftime(DATE_FORMAT) if on else ""
    if reviewed and on:
        return translate(language, _("Checked {date}"), date=date)
    return translate(language, _("Draft {date}"), date=date).strip().rstrip(",،")


def status_of(answer: Answer) -> str:
    """The date line of ``answer`` on SMS."""
    reviewed = answer.status == REVIEWED and answer.reviewed is not None
    return sms_status(answer.language, reviewed, answer.last_change())
