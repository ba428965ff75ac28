"""``make content-review``: write ``docs/content-review.md`` from the answer files.

Per answer and language: the honest status, who checked it (a person's name
and date, or nobody yet), when the text was last compared with its sources,
which French text it follows, and the ``review_note`` (what a native
reviewer should look at first). Per answer: its sources by kind and how many
have no publication date. Only what the files say, so the page changes only
when they do; a test fails when the committed page is out of date.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from common.content.answers import SOURCE_KINDS, Answer, TopicAnswers, load_answer_file
from common.content.paths import answers_dir
from common.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "content-review.md"
FACT_CHECK = "fact-check.md"  # beside OUT: the French claims, one section per answer


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "—"


def _checked_by(answer: Answer) -> str:
    if answer.reviewed is None:
        return "nobody yet"
    when = answer.reviewed.on.isoformat()
    if answer.status == "reviewed":
        return f"{answer.reviewed.by}, {when}"
    return f"{answer.reviewed.by}, {when} (an earlier text)"


def _follows(answer: Answer) -> str:
    if answer.updated:
        return f"updated {answer.updated.isoformat()}"
    if answer.translated_from:
        return f"French of {answer.translated_from.isoformat()}"
    return "—"


def anchor(topic: TopicAnswers) -> str:
    """The section of ``topic`` in this page and in the fact-check ("asylum-ma")."""
    return f"{topic.topic}-{topic.country.lower()}"


def _compared(topic: TopicAnswers, answer: Answer) -> str:
    """When the text was compared with its sources, and where that comparison is written."""
    if answer.checked is None:
        return "not yet"
    when = answer.checked.isoformat()
    if answer.updated:  # the source language: its claims are listed one by one
        return f"{when}, claim by claim: [fact-check]({FACT_CHECK}#{anchor(topic)})"
    return f"{when}, against the French"


def _sources(topic: TopicAnswers) -> str:
    kinds = Counter(s.kind for s in topic.sources)
    listed = ", ".join(f"{kinds[k]} {k}" for k in SOURCE_KINDS if kinds[k])
    undated = sum(s.published is None for s in topic.sources)
    return f"{len(topic.sources)} sources ({listed}); {undated} without a publication date."


def topic_section(topic: TopicAnswers) -> list[str]:
    """One answer: a row per language, then its sources."""
    lines = [
        f"## {topic.topic} ({topic.country})",
        "",
        "| language | status | checked by a person | compared with sources (not a person's review) "
        "| text | look at first |",
        "|---|---|---|---|---|---|",
    ]
    for language in LANGUAGES:
        answer = topic.get(language)
        if answer is None:
            lines.append(f"| {language} | missing | — | — | — | — |")
            continue
        lines.append(
            f"| {language} | {answer.status} | {_cell(_checked_by(answer))} | "
            f"{_compared(topic, answer)} | "
            f"{_follows(answer)} | {_cell(answer.review_note)} |"
        )
    return [*lines, "", _sources(topic), ""]


def render(directory: Path) -> str:
    """The whole page for the answer files of ``directory``."""
    topics = [load_answer_file(path) for path in sorted(directory.glob("*.yml"))]
    counts = Counter(answer.status for topic in topics for answer in topic.answers.values())
    lines = [
        "# Content review",
        "",
        "Written by `make content-review` (`tools/content_review.py`) from "
        '`content/answers/`; do not edit by hand. "Checked by a person" is the '
        '`reviewed` block (a named person, never a tool); "compared with sources" is '
        "`checked`, the day whoever edited the text (so far assistant sessions, no "
        "person signing) compared it with its sources: the French claim by claim in "
        "[`fact-check.md`](fact-check.md), each translation against the French; "
        '"look at first" is the `review_note` for the native reviewer. '
        "Format: [`docs/answer-format.md`](answer-format.md).",
        "",
        "Languages by status: "
        + ", ".join(f"{status} {counts[status]}" for status in sorted(counts))
        + ".",
        "",
        "| answer | " + " | ".join(LANGUAGES) + " |",
        "|---|" + "---|" * len(LANGUAGES),
    ]
    for topic in topics:
        cells = [
            topic.answers[lang].status if lang in topic.answers else "missing" for lang in LANGUAGES
        ]
        lines.append(f"| [{topic.topic}](#{anchor(topic)}) | " + " | ".join(cells) + " |")
    lines.append("")
    for topic in topics:
        lines += topic_section(topic)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write the page (or, with ``--check``, fail when the committed one is out of date)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=Path, default=answers_dir())
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    args = parser.parse_args(argv)
    text = render(args.answers)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run make content-review")
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
