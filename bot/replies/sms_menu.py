"""An answer on SMS: the first SMS (its core), then its date and choices in a few words.

The first SMS is the envelope's ``short``: the answer's ``sms`` line, one
segment (``common.content.sms``). The date line ("Draft 30/11/26"), the
parts, a person, the menu and "Useful?" follow in a second SMS, one choice a
line ("1 What to do"), with short labels so it fits one segment in GSM-7
(French, Bambara) and stays short in Arabic; under a question that mentions a
risk, the emergency numbers open it. The emergency answer is one SMS and
nothing else: its numbers first, what to say, whether a person was alerted.
Bambara goes out in plain letters (è ò ny).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.feedback.votes import vote_of
from bot.replies.splitting import split_text
from common.content.parts import DETAILS, DOCUMENTS, SOURCES, STEPS, WHERE
from common.envelope import EMERGENCY, MENU_PAYLOAD, PERSON_PAYLOAD, Envelope, part_key
from common.i18n import _, translate
from common.sms_encoding import plain_letters, segments

if TYPE_CHECKING:
    from bot.replies.rendering import Choice

# Short labels of an answer's choices on SMS (the full titles are on the other channels).
SHORT_LABELS = {
    STEPS: _("Steps"),
    DOCUMENTS: _("Papers"),
    WHERE: _("Where"),
    DETAILS: _("Details"),
    SOURCES: _("Sources"),
    PERSON_PAYLOAD: _("A person"),
    MENU_PAYLOAD: _("Menu"),
}
USEFUL, NOT_USEFUL = _("Useful"), _("Not useful")
# The answer's risk line on SMS, in a few words (GSM-7 in French and Bambara).
DANGER = _("In danger now: 19 (police), 15 (ambulance).")


def short_label(choice: Choice, language: str) -> str:
    """The label of a choice on SMS: a few words for the known ones, else its title."""
    vote = vote_of(choice.payload)
    if vote is not None:
        return translate(language, USEFUL if vote[1] else NOT_USEFUL)
    key = part_key(choice.payload) or choice.payload
    return translate(language, SHORT_LABELS[key]) if key in SHORT_LABELS else choice.title


def choices_sms(menu: list[Choice], language: str, *head: str) -> str:
    """The second SMS: its first lines (the date), then one choice a line ("1 What to do")."""
    lines = [f"{c.number} {short_label(c, language)}" for c in menu]
    return plain_letters("\n".join([*(line for line in head if line), *lines]))


def answer_sms(built: Envelope, menu: list[Choice], language: str, max_segments: int) -> list[str]:
    """An answer's SMS: the core, then the date and the choices; the emergency alone.

    Each within ``max_segments`` (the content check keeps the core to one; a
    text from elsewhere is split rather than sent over budget).
    """
    texts = [str(built.get("short") or "").strip()]
    if built["kind"] != EMERGENCY and menu:
        # A question that mentions a risk (police, threats, a passport kept): the numbers first.
        danger = translate(language, DANGER) if built.get("risk_line") else ""
        status = str(built.get("sms_status") or "")
        texts.append(choices_sms(menu, language, danger, status))
    fits = sms_fits(max_segments)
    return [plain_letters(part) for text in texts for part in split_text(text, fits) or [""]]


def sms_fits(max_segments: int) -> Callable[[str], bool]:
    """A measure: at most ``max_segments`` SMS segments, as sent (in plain letters)."""
    return lambda text: segments(plain_letters(text)) <= max_segments
