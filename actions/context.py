"""What every action needs: the content, the user's words and language.

The answer store, topic list and language detector are built once per action
server process and shared by all actions.
"""

from __future__ import annotations

import contextlib
import signal
from functools import cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from common.choices import offerable
from common.content import AnswerStore, TopicCatalog
from common.language import LANGUAGES, LanguageDetector
from common.language.switch import clearly_written_in

LANGUAGE_SLOT = "language"


@cache
def answer_store() -> AnswerStore:
    """Answers, reloaded from disk when a file changes."""
    return AnswerStore()


def _reload_answers(*_signal: object) -> None:
    """SIGHUP: reload every answer file now (each is checked before it is served)."""
    answer_store().reload(force=True)


with contextlib.suppress(ValueError, AttributeError):  # not the main thread / no SIGHUP
    signal.signal(signal.SIGHUP, _reload_answers)


@cache
def topics() -> TopicCatalog:
    """The fixed topic list."""
    return TopicCatalog.load()


def answerable() -> list[str]:
    """Topics the assistant can offer as choices when it is unsure."""
    return offerable(topics())


@cache
def language_detector() -> LanguageDetector:
    """The fr / ar / bm detector, trained at first use."""
    return LanguageDetector.from_project()


def user_event(tracker: Tracker) -> dict[str, Any]:
    """The latest user event (its text is what the user typed, unfolded)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return dict(event)
    return {}


def user_text(tracker: Tracker) -> str:
    """What the user typed in their latest message."""
    return str(user_event(tracker).get("text") or "")


def typed_words(tracker: Tracker) -> str:
    """The user's words, or "" when the message was a button or command payload.

    A payload ("/delete_my_data") is an intent's name, not the user's
    language: detecting a language in it gave Arabic for a first /delete.
    """
    text = user_text(tracker)
    return "" if text.lstrip().startswith("/") else text


def user_metadata(tracker: Tracker) -> dict[str, Any]:
    """Metadata the gateway sent with the latest message (channel, language)."""
    metadata = user_event(tracker).get("metadata") or tracker.latest_message.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def risk_level(tracker: Tracker) -> str:
    """The risk detector's level for the latest message: danger, possible or none."""
    risk = tracker.latest_message.get("risk") or {}
    return str(risk.get("level") or "none")


def second_topic(tracker: Tracker) -> str | None:
    """Another topic asked in the same message (see the topic classifier)."""
    also = tracker.latest_message.get("also_topic")
    return str(also) if also in answerable() else None


def intent_name(tracker: Tracker) -> str | None:
    """The intent of the latest message."""
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name")


def resolve_language(tracker: Tracker) -> tuple[str | None, list[dict[str, Any]]]:
    """The conversation's language and the events that remember it.

    The language chosen in this conversation (or the preference the gateway
    keeps for the sender) wins, unless the message is clearly written in
    another of the three languages: then the conversation follows the person
    (see :func:`switched_language`). Otherwise the language the message is
    written in, when the detector is sure. ``None`` means: ask.
    """
    chosen = tracker.get_slot(LANGUAGE_SLOT)
    if chosen not in LANGUAGES:
        chosen = user_metadata(tracker).get("language")
    if chosen in LANGUAGES:
        switched = switched_language(tracker, str(chosen))
        language = switched or str(chosen)
        if language == tracker.get_slot(LANGUAGE_SLOT):
            return language, []
        return language, [SlotSet(LANGUAGE_SLOT, language)]
    detected = language_detector().detect(typed_words(tracker)).language
    if detected:
        return detected, [SlotSet(LANGUAGE_SLOT, detected)]
    return None, []


def switched_language(tracker: Tracker, current: str) -> str | None:
    """Another language the latest message is clearly written in, else None.

    The rule is :func:`common.language.switch.clearly_written_in`; a button's
    payload is no one's language.
    """
    return clearly_written_in(language_detector(), typed_words(tracker), current)
