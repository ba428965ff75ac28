"""The emergency answer the gateway sends by itself (Rasa down, or a person awaited)."""

from __future__ import annotations

from typing import Any

from common.content import AnswerStore


def emergency_envelope(store: AnswerStore, language: str) -> dict[str, Any]:
    """The emergency answer, sent by the gateway itself when Rasa is down."""
    answers = store.get("emergency")
    answer = (answers.get(language) or answers.get("fr")) if answers else None
    text = f"{answer.short}\n\n{answer.full}" if answer else "Police 19 · 15 · 177"
    return {
        "kind": "emergency",
        "lang": language,
        "text": text,
        "short": answer.short if answer else text,
        "buttons": [],
    }
