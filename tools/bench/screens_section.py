"""The "Phone screens" section of ``docs/benchmarks.md`` (figures of ``tools.bench.screens``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LANGUAGES = ("fr", "ar", "bm")


def screens_section(figures: Any, before: Any, docs: Path) -> list[str]:
    """Markdown lines: screens per answer and language, first message and all parts open.

    ``before`` is the same measure of the web chat before #15 (kept in
    ``docs/bench/screens-before.json``), shown next to today's when present.
    """
    if not figures:
        return ["_Not measured in this run._", ""]
    lines = [
        f"Phone screens of the web chat at {figures['viewport']} in Chromium, measured by "
        "`tools/bench/screens.py`: the height an answer takes divided by the visible message "
        "area. *First* is the first message; *all parts* is with every part button opened. "
        + ("*Before* is the chat before #15 (one message with everything)." if before else ""),
        "",
        "| answer | " + " | ".join(f"{lang} first | {lang} all parts" for lang in LANGUAGES) + " |",
        "|---|" + "---|---|" * len(LANGUAGES),
    ]
    for topic, per_language in figures["topics"].items():
        cells = []
        for lang in LANGUAGES:
            now = per_language.get(lang, {})
            then = ((before or {}).get("topics", {}).get(topic, {}).get(lang) or {}).get(
                "first_message"
            )
            first = f"{now.get('first_message', '—')}"
            if then is not None:
                first += f" (before {then})"
            parts = f"{now.get('parts', 0)} parts"
            if now.get("parts_unanswered"):
                parts += f", {now['parts_unanswered']} unanswered"
            cells += [first, f"{now.get('all_parts_open', '—')} ({parts})"]
        lines.append(f"| {topic} | " + " | ".join(cells) + " |")
    lines.append("")
    shots = sorted(p.name for p in docs.glob("bench/screens-*.png"))
    if shots:
        lines += ["Screenshots (phone 390x844 and desktop; `before-` ones are the old chat):", ""]
        lines += [f"- [{name}](bench/{name})" for name in shots]
        lines.append("")
    return lines
