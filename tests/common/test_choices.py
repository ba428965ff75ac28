"""Which topics are offered when the assistant is unsure."""

from __future__ import annotations

from common.choices import choices, found

TOPICS = ["work_permit", "worker_rights", "asylum", "health_care"]
RANKING = [
    {"name": "nlu_fallback", "confidence": 0.3},
    {"name": "work_permit", "confidence": 0.28},
    {"name": "greet", "confidence": 0.2},
    {"name": "worker_rights", "confidence": 0.15},
    {"name": "asylum", "confidence": 0.1},
    {"name": "health_care", "confidence": 0.06},
]


def test_three_information_topics_most_likely_first() -> None:
    assert choices(RANKING, TOPICS) == ["work_permit", "worker_rights", "asylum"]


def test_unlikely_topics_are_not_offered() -> None:
    assert choices([{"name": "asylum", "confidence": 0.01}], TOPICS) == []


def test_a_topic_is_found_when_answered_or_offered() -> None:
    assert found("asylum", RANKING, TOPICS, "asylum")
    assert found("nlu_fallback", RANKING, TOPICS, "worker_rights")
    assert not found("nlu_fallback", RANKING, TOPICS, "health_care")  # fourth: not offered
    assert not found("work_permit", RANKING, TOPICS, "worker_rights")  # answered something else
