"""Rasa's own log lines without what people wrote or who they are.

Rasa 3.6 logs with structlog, and some of its lines carry a message: a REST
request that takes longer than the gateway waits is logged at ERROR with the
user's text (``rest.message.received.timeout``, seen in a walk-through on a
busy machine), and debug lines carry texts, slots and trackers. Rasa Open
Source has the hook for this (``rasa.utils.log_utils._anonymizer``, run first
on every log line, with the list of keys that hold user content) but only
Rasa Pro plugs a pipeline into it. This module replaces the hook: the values
of those keys, and of the keys that name a person (sender and conversation
ids), become ``[redacted]``. Installed by ``python -m rasa_server`` before
Rasa configures its logging.
"""

from __future__ import annotations

from typing import Any

REDACTED = "[redacted]"
# Rasa 3.6's own list of keys holding user content (log_utils._anonymizer), and the ids.
PRIVATE_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
        "sender_id",
        "sender",
        "conversation_id",
    }
)


def redact(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """The log line with every private value replaced (a structlog processor)."""
    return {key: REDACTED if key in PRIVATE_KEYS else value for key, value in event_dict.items()}


def install() -> None:
    """Make Rasa's logging configuration run :func:`redact` first on every line."""
    from rasa.utils import log_utils

    log_utils._anonymizer = redact
