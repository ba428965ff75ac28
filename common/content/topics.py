"""The fixed list of topics (``content/topics.yml``), grouped by theme."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from common import yamlload
from common.content.paths import content_dir
from common.i18n import _

INFORMATION = "information"
SERVICE = "service"
# The themes of the main menu, by the name users see (the actions' menu, the editor's form).
THEME_LABELS = {
    "regularization": _("Papers and residence"),
    "work": _("Work"),
    "students": _("Studies"),
    "return": _("Going back home"),
}


@dataclass(frozen=True)
class Topic:
    """One topic: its id, theme, kind and the topics offered after it."""

    id: str
    theme: str
    kind: str = INFORMATION
    follow_ups: tuple[str, ...] = field(default_factory=tuple)


class TopicCatalog:
    """All topics, in the order of ``content/topics.yml``."""

    def __init__(self, topics: list[Topic]) -> None:
        """Index the topics by id and by theme."""
        self.topics = {t.id: t for t in topics}
        self.themes: dict[str, list[str]] = {}
        for topic in topics:
            self.themes.setdefault(topic.theme, []).append(topic.id)

    @classmethod
    def load(cls, path: Path | None = None) -> TopicCatalog:
        """Read the topic list (default: the content folder's ``topics.yml``)."""
        path = path or content_dir() / "topics.yml"
        data = yamlload.safe_load(path.read_text(encoding="utf-8"))
        topics = [
            Topic(
                id=topic_id,
                theme=theme,
                kind=(spec or {}).get("kind", INFORMATION),
                follow_ups=tuple((spec or {}).get("follow_ups", [])),
            )
            for theme, entries in data["themes"].items()
            for topic_id, spec in entries.items()
        ]
        return cls(topics)

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self.topics

    def __getitem__(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def information_topics(self) -> list[str]:
        """Topics that have an answer file."""
        return [t.id for t in self.topics.values() if t.kind == INFORMATION]
