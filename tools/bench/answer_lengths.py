"""How long every answer's first message is, per channel and language, from the real renderer.

Builds each answer's envelope as the action server does
(``common.content.envelopes``), renders it with the gateway's renderer
(``bot.replies.rendering``) for each channel, and writes the median and the
largest first reply, in characters and in SMS segments (each message
counted in its own encoding), and the segments of the first message alone
(on SMS the core: one segment, the date and choices following in a second
SMS), to ``var/bench/answer_lengths.json`` for ``tools.bench.report``.
Reports, asserts nothing (the content check enforces the budgets).
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

from bot.replies.rendering import CHANNELS, render
from common.content.envelopes import EMERGENCY_TOPIC, answer_envelope, emergency_envelope
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.languages import LANGUAGES
from common.sms_encoding import segments

# (topic, characters, segments of the whole first reply, segments of its first message)
Item = tuple[str, int, int, int]


def first_messages(store: AnswerStore, catalog: TopicCatalog) -> dict[tuple[str, str], list[Item]]:
    """``{(channel, language): [(topic, characters, segments, first), …]}`` of every answer."""
    found: dict[tuple[str, str], list[Item]] = {}
    for topic in store.topics():
        for language in LANGUAGES:
            if topic == EMERGENCY_TOPIC:
                built = emergency_envelope(store, catalog, language)
            else:
                answer = answer_envelope(store, catalog, topic, language)
                if answer is None:
                    continue
                built = answer
            for channel in CHANNELS:
                messages = render(built, channel).messages
                characters = sum(len(m.text) for m in messages)
                count = sum(segments(m.text) for m in messages)
                first = segments(messages[0].text) if messages else 0
                found.setdefault((channel, language), []).append((topic, characters, count, first))
    return found


def summary(found: dict[tuple[str, str], list[Item]]) -> list[dict[str, Any]]:
    """Median and largest, in characters and segments, per channel and language."""
    rows = []
    for (channel, language), items in sorted(found.items()):
        longest = max(items, key=lambda item: item[1])
        most = max(items, key=lambda item: item[2])
        most_first = max(items, key=lambda item: item[3])
        rows.append(
            {
                "channel": channel,
                "language": language,
                "answers": len(items),
                "median_chars": statistics.median(item[1] for item in items),
                "max_chars": longest[1],
                "max_chars_topic": longest[0],
                "median_segments": statistics.median(item[2] for item in items),
                "max_segments": most[2],
                "max_segments_topic": most[0],
                "max_first_segments": most_first[3],
                "max_first_segments_topic": most_first[0],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("var/bench/answer_lengths.json"))
    args = parser.parse_args(argv)
    rows = summary(first_messages(AnswerStore(), TopicCatalog.load()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out} ({len(rows)} channel and language pairs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
