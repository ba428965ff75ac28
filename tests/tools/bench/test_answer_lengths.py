"""The first-message lengths come from the real renderer, for every answer and channel."""

from __future__ import annotations

import json
from pathlib import Path

from bot.replies.rendering import render
from common.content.envelopes import answer_envelope
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from tests.tools.bench.test_report import run
from tools.bench.answer_lengths import first_messages, main, summary


def test_every_answer_is_measured_in_every_channel_and_language() -> None:
    store, catalog = AnswerStore(), TopicCatalog.load()
    found = first_messages(store, catalog)
    assert len(found) == 4 * 3
    assert all(len(items) == len(store.topics()) for items in found.values())
    built = answer_envelope(store, catalog, "asylum", "ar")
    assert built is not None
    expected = sum(len(m.text) for m in render(built, "sms").messages)
    assert ("asylum", expected) in [(t, c) for t, c, _s, _f in found[("sms", "ar")]]
    # On SMS the first message of every answer is one segment, in every language.
    for language in ("fr", "ar", "bm"):
        assert {first for *_rest, first in found[("sms", language)]} == {1}, language


def test_median_and_largest_are_reported(tmp_path: Path) -> None:
    rows = summary({("sms", "fr"): [("a", 100, 1, 1), ("b", 300, 2, 2), ("c", 200, 3, 1)]})
    assert rows == [
        {
            "channel": "sms",
            "language": "fr",
            "answers": 3,
            "median_chars": 200,
            "max_chars": 300,
            "max_chars_topic": "b",
            "median_segments": 2,
            "max_segments": 3,
            "max_segments_topic": "c",
            "max_first_segments": 2,
            "max_first_segments_topic": "b",
        }
    ]
    out = tmp_path / "lengths.json"
    assert main(["--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))
    text = run(tmp_path, {"answer_lengths": rows})
    assert "| sms | fr | 3 | 200 | 300 (b) | 2 | 3 (c) | 2 (b) |" in text
