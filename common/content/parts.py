"""The parts of a layered answer as text: what the user gets when opening one.

Shared by the envelope builder (what users see) and the content check (the
budgets are measured on what users see). Headings and the sources' words are
translated by the envelope builder; here only the answer's own lines.
"""

from __future__ import annotations

from common.content.answers import Answer, Place

STEPS, DOCUMENTS, WHERE, DETAILS = "steps", "documents", "where", "details"
SOURCES = "sources"


def place_line(place: Place) -> str:
    """One place: ``name: details (phone, link)``."""
    line = place.name
    if place.details:
        line += f": {place.details}"
    extras = [x for x in (place.phone, place.url) if x]
    if extras:
        line += " (" + ", ".join(extras) + ")"
    return line


def part_lines(answer: Answer, part: str) -> list[str]:
    """The lines of one part of ``answer`` (empty when the part has no content)."""
    if part == STEPS:
        return [f"{i}. {step}" for i, step in enumerate(answer.steps, 1)]
    if part == DOCUMENTS:
        return [f"- {line}" for line in answer.documents]
    if part == WHERE:
        return [f"- {place_line(place)}" for place in answer.where]
    if part == DETAILS:
        return [f"- {line}" for line in answer.details]
    return []


def part_body(answer: Answer, part: str) -> str:
    """One part's lines as one text."""
    return "\n".join(part_lines(answer, part))
