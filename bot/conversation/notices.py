"""What the gateway says by itself, in the user's language: outages, limits, hand-off notices."""

from __future__ import annotations

from common.envelope import (
    APOLOGY,
    HANDOFF,
    MENU,
    MENU_PAYLOAD,
    MESSAGE,
    PRIVACY,
    Envelope,
    button,
    envelope,
    with_text,
)
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE

# Shown instead of the menu's greeting when a message carried no words.
MEDIA_ONLY = _("I can only read text messages. Please write your question, or choose:")
EMPTY = _("Your message was empty. Write your question, or choose:")
# MORE when no page is left (with a list to choose from, or none).
NOTHING_MORE_CHOOSE = _(
    "There is nothing more. Reply with a number from the last list, or write a new question."
)
NOTHING_MORE = _("There is nothing more. Write a new question, or write MENU to see the topics.")


def outage(language: str) -> Envelope:
    """Rasa or the action server is down: the message is kept."""
    return envelope(
        APOLOGY,
        language,
        translate(
            language,
            _(
                "Sorry, the assistant is not available right now. Your message is "
                "kept: you will get the answer here as soon as it is back."
            ),
        ),
    )


def given_up(language: str) -> Envelope:
    """A message failed again and again while Rasa was up: it was set aside."""
    return envelope(
        APOLOGY,
        language,
        translate(
            language,
            _(
                "Sorry, I could not answer this message. Write your question again in "
                "other words, or write MENU to see the themes."
            ),
        ),
    )


def could_not_answer(language: str) -> Envelope:
    """Rasa answered nothing although it is up: still an answer, with the menu."""
    return envelope(
        MENU,
        language,
        translate(language, _("Sorry, I could not answer that. Write your question, or choose:")),
        [button(translate(language, _("Menu")), MENU_PAYLOAD)],
    )


def nothing_more(language: str | None, has_menu: bool) -> Envelope:
    """MORE with no page left to send: how to go on (the last list, or a new question)."""
    text = NOTHING_MORE_CHOOSE if has_menu else NOTHING_MORE
    return envelope(MESSAGE, language, translate(language or FALLBACK_LANGUAGE, text))


def slow_down(language: str | None) -> Envelope:
    """A sender over the rate limit."""
    return envelope(
        MESSAGE,
        None,
        translate(
            language or FALLBACK_LANGUAGE,
            _("You are sending many messages. Please wait a minute, then write again."),
        ),
    )


def privacy(language: str | None, text: str) -> Envelope:
    """The privacy notice that comes with a new user's first reply."""
    return envelope(PRIVACY, language, text)


def reply_language(envelopes: list[Envelope], language: str | None) -> str:
    """The language of a reply: its first envelope's, else the conversation's, else French."""
    return next((e["lang"] for e in envelopes if e["lang"]), language) or FALLBACK_LANGUAGE


def with_handoff_notice(envelopes: list[Envelope], notice: str, language: str) -> list[Envelope]:
    """Tell the user a person will answer (the expected wait and the hours)."""
    result = [with_text(e, notice) if e["kind"] == HANDOFF else e for e in envelopes]
    if not any(e["kind"] == HANDOFF for e in envelopes):
        result.append(envelope(MESSAGE, language, notice))
    return result


def with_busy_notice(envelopes: list[Envelope], language: str) -> list[Envelope]:
    """Too many new hand-offs from the anonymous web chat: say so instead."""
    busy = translate(
        language,
        _(
            "The team cannot take new conversations from this chat right now. Please "
            "write again in a few minutes. If you are in danger, call 19 (police) or "
            "15 (ambulance and fire)."
        ),
    )
    kept = [e for e in envelopes if e["kind"] != HANDOFF]
    return [*kept, envelope(MESSAGE, language, busy)]
