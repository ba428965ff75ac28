"""What users get from the answer being edited: the real envelope, the real renderer.

The form's answer is read the way the action server reads a file, built into
the envelope the action server sends, and rendered by the gateway's renderer
for each channel, with what "MORE" gives on SMS and the segments of each SMS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.editor.answer_files import dump
from bot.replies.parts import kept_of, part_envelope
from bot.replies.rendering import CHANNELS, OutMessage, render
from common import yamlload
from common.content.answers import (
    AnswerFileError,
    TopicAnswers,
    load_answer_file,
    parse_answer_data,
)
from common.content.envelopes import answer_envelope
from common.content.paths import answers_dir
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.sms_encoding import encoding, segments


class _PreviewStore(AnswerStore):
    """The edited answer for its topic, the files on disk for the others (follow-ups)."""

    def __init__(self, edited: TopicAnswers) -> None:
        super().__init__(answers_dir(), check_interval=3600.0)
        self.edited = edited

    def get(self, topic: str) -> TopicAnswers | None:
        if topic == self.edited.topic:
            return self.edited
        path = answers_dir() / f"{topic}.yml"
        try:
            return load_answer_file(path) if path.exists() else None
        except AnswerFileError:
            return None


def _shown(messages: list[OutMessage], channel: str) -> list[dict[str, Any]]:
    return [
        {
            "text": m.text,
            "buttons": [b.title for b in m.buttons],
            **(
                {
                    "encoding": encoding(m.text),
                    "segments": segments(m.text),
                    "size": 160 if encoding(m.text) == "GSM-7" else 70,
                }
                if channel == "sms"
                else {}
            ),
        }
        for m in messages
    ]


def _channels(built: Any) -> dict[str, list[dict[str, Any]]]:
    """One envelope rendered for every channel (SMS: every page, as "MORE" sends them)."""
    views = {}
    for channel in CHANNELS:
        rendered = render(built, channel)
        views[channel] = _shown(
            rendered.messages + [OutMessage(p) for p in rendered.pages], channel
        )
    return views


def preview(data: Any, topic: str, language: str) -> dict[str, Any]:
    """The first message per channel, and each part on request; ``problems`` when unreadable."""
    plain = yamlload.safe_load(dump(data))
    try:
        edited = parse_answer_data(plain, Path(f"{topic}.yml"))
    except AnswerFileError as error:
        return {"problems": error.problems}
    built = answer_envelope(_PreviewStore(edited), TopicCatalog.load(), topic, language)
    if built is None:
        return {"problems": []}
    views: dict[str, Any] = _channels(built)
    kept = kept_of(built)
    views["parts"] = []
    for part in kept["parts"] if kept else []:
        opened = part_envelope(kept, part["key"]) if kept else None
        if opened is not None:
            views["parts"].append({"title": part["title"], "views": _channels(opened)})
    return views
