"""Asking instead of guessing: which topics to offer when the assistant is unsure.

The action server offers these as buttons (numbered lines on SMS and
WhatsApp), and ``make eval`` counts a topic as found when it is answered or
offered among them (the ``top3`` line): one definition for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from common.content.topics import TopicCatalog

FALLBACK_INTENT = "nlu_fallback"
MAX_CHOICES = 3
# A topic this unlikely is not worth a button.
MIN_CONFIDENCE = 0.05


def offerable(catalog: TopicCatalog) -> list[str]:
    """Topics that can be offered as choices: every answer and "talk to a person".

    Never the emergency (the risk detector alone decides danger) nor "out of scope".
    """
    never = {"out_of_scope", "emergency"}
    return [t for t in catalog.information_topics() if t not in never] + ["human_agent"]


def choices(ranking: Iterable[Mapping[str, Any]], topics: Iterable[str]) -> list[str]:
    """Up to three likely information topics from an intent ranking, most likely first."""
    allowed = set(topics)
    found: list[str] = []
    for entry in ranking:
        name = entry.get("name")
        confidence = float(entry.get("confidence") or 0.0)
        if name in allowed and name not in found and confidence >= MIN_CONFIDENCE:
            found.append(str(name))
        if len(found) == MAX_CHOICES:
            break
    return found


def found(
    intent: str | None, ranking: Iterable[Mapping[str, Any]], topics: Iterable[str], topic: str
) -> bool:
    """The topic was answered (the intent) or offered (a choice after a fallback)."""
    if intent == topic:
        return True
    return intent == FALLBACK_INTENT and topic in choices(ranking, topics)
