"""The parts of the last answer: what is kept, and a part served from it."""

from __future__ import annotations

from bot.replies.parts import dumps, kept_of, loads, part_envelope
from common.envelope import envelope


def answer() -> object:
    return envelope(
        "answer",
        "fr",
        "Titre\n\nL'essentiel.",
        [
            {"title": "Que faire", "payload": "/part_steps"},
            {"title": "Sources", "payload": "/part_sources"},
            {"title": "Menu", "payload": "/greet"},
        ],
        topic="asylum",
        title="Asile",
        parts=[
            {"key": "steps", "title": "Que faire", "text": "1. Appelez le HCR."},
            {"key": "sources", "title": "Sources", "text": "- HCR, Asile, 2024"},
        ],
    )


def test_an_answer_with_parts_is_kept_and_survives_storage() -> None:
    kept = kept_of(answer())  # type: ignore[arg-type]
    assert kept is not None
    assert kept["buttons"] == [{"title": "Menu", "payload": "/greet"}]
    assert loads(dumps(kept)) == kept


def test_a_reply_without_parts_keeps_nothing_and_bad_storage_reads_as_nothing() -> None:
    assert kept_of(envelope("menu", "fr", "Menu")) is None
    assert loads(None) is None and loads("not json") is None and loads("[1]") is None


def test_a_part_offers_the_other_parts_then_the_rest() -> None:
    kept = kept_of(answer())  # type: ignore[arg-type]
    assert kept is not None
    part = part_envelope(kept, "sources")
    assert part is not None
    assert part["kind"] == "part" and part["topic"] == "asylum"
    assert part["text"] == "Asile - Sources\n\n- HCR, Asile, 2024"
    assert [b["payload"] for b in part["buttons"]] == ["/part_steps", "/greet"]
    assert part_envelope(kept, "documents") is None
