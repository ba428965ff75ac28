"""The parts of the last answer, kept with the conversation and served without Rasa.

An answer's first message offers its parts ("What to do", "Papers to bring",
"Where to go", "Good to know", "Sources"). The gateway keeps the answer's
parts with the conversation; when the user picks one (its button, or its
number on WhatsApp and SMS) the gateway answers from what it kept, and still
offers the other parts. On SMS a part comes in pages; "MORE" sends the next.
"""

from __future__ import annotations

import json
from typing import Any, TypedDict

from common.envelope import (
    PART,
    ButtonData,
    Envelope,
    PartData,
    button,
    envelope,
    part_key,
    part_payload,
)


class KeptAnswer(TypedDict):
    """What the gateway keeps of the last answer: its parts, its other choices, SMS pages."""

    lang: str | None
    topic: str | None
    title: str
    parts: list[PartData]
    buttons: list[ButtonData]  # the choices after the parts (related topics, menu)
    pages: list[str]  # SMS pages of the part being read, still to send


def kept_of(built: Envelope) -> KeptAnswer | None:
    """What to keep of an envelope: None when it has no parts."""
    parts = built.get("parts")
    if not parts:
        return None
    return {
        "lang": built["lang"],
        "topic": built.get("topic"),
        "title": str(built.get("title") or ""),
        "parts": list(parts),
        "buttons": [b for b in built["buttons"] if not part_key(b["payload"])],
        "pages": [],
    }


def dumps(kept: KeptAnswer) -> str:
    """The kept answer as stored with the conversation."""
    return json.dumps(kept, ensure_ascii=False)


def loads(stored: str | None) -> KeptAnswer | None:
    """The kept answer stored with the conversation; None when there is none (or not readable)."""
    if not stored:
        return None
    try:
        data: Any = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("parts"), list):
        return None
    data.setdefault("pages", [])
    data.setdefault("buttons", [])
    data.setdefault("title", "")
    kept: KeptAnswer = data  # type: ignore[assignment]  # written by dumps
    return kept


def part_envelope(kept: KeptAnswer, key: str) -> Envelope | None:
    """One part of the kept answer, offering the other parts; None when it has no such part."""
    part = next((p for p in kept["parts"] if p["key"] == key), None)
    if part is None:
        return None
    heading = f"{kept['title']} - {part['title']}" if kept["title"] else part["title"]
    others = [button(p["title"], part_payload(p["key"])) for p in kept["parts"] if p is not part]
    return envelope(
        PART,
        kept["lang"],
        f"{heading}\n\n{part['text']}",
        [*others, *kept["buttons"]],
        topic=kept["topic"],
    )
