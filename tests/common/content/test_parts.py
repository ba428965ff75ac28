"""An answer's parts as the lines users read."""

from __future__ import annotations

from common.content.answers import Answer, Place
from common.content.parts import part_body


def answer() -> Answer:
    return Answer(
        language="fr",
        status="draft",
        title="T",
        core="C",
        sms="S",
        steps=("Un.", "Deux."),
        documents=("Passeport",),
        where=(Place("HCR", "Rabat", "https://x.org", "+212 5 37 54 54 00"), Place("GADEM")),
    )


def test_each_part_has_its_own_marks() -> None:
    built = answer()
    assert part_body(built, "steps") == "1. Un.\n2. Deux."
    assert part_body(built, "documents") == "- Passeport"
    assert part_body(built, "where") == (
        "- HCR: Rabat (+212 5 37 54 54 00, https://x.org)\n- GADEM"
    )
    assert part_body(built, "details") == ""
    assert built.parts() == ("steps", "documents", "where")
