"""Answers as served: loaded from disk, reloaded when a file changes.

The action server asks the store for an answer on every turn. The store looks
at the files' modification times at most once per ``check_interval`` seconds
and reloads a changed file after running the content check on it; a file with
an error (bad YAML, a missing field, a placeholder, a national phone number, an
http link, a short answer over one SMS…) is refused with a log line and the
previous version keeps being served. So an
editor's change reaches users without retraining or restarting.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from pathlib import Path

from common import yamlload
from common.content.answers import AnswerFileError, TopicAnswers, parse_answer_data
from common.content.check import ERROR, check_answer_text
from common.content.paths import answers_dir
from common.content.topics import TopicCatalog

log = logging.getLogger(__name__)


class AnswerStore:
    """The current answers of every topic, kept in step with the files."""

    def __init__(self, directory: Path | None = None, check_interval: float = 1.0) -> None:
        """Load every answer file of ``directory`` (default: the content folder's)."""
        self.directory = directory or answers_dir()
        self.check_interval = check_interval
        self._answers: dict[str, TopicAnswers] = {}
        self._mtimes: dict[Path, float] = {}
        self._rejected: dict[Path, float] = {}
        self._last_check = 0.0
        self._lock = threading.Lock()
        self.reload()

    def reload(self, force: bool = False) -> list[AnswerFileError]:
        """Reload the files that changed (all of them when ``force``).

        Returns the errors of files that were refused.
        """
        errors: list[AnswerFileError] = []
        catalog: TopicCatalog | None = None
        with self._lock:
            self._last_check = time.monotonic()
            seen = set()
            for path in sorted(self.directory.glob("*.yml")):
                seen.add(path)
                mtime = path.stat().st_mtime
                known = self._mtimes.get(path, self._rejected.get(path))
                if not force and known == mtime:
                    continue
                if catalog is None:  # read once per reload, only when a file changed
                    beside = self.directory.parent / "topics.yml"
                    catalog = TopicCatalog.load(beside if beside.exists() else None)
                try:
                    answers = self._validated(path, catalog)
                except AnswerFileError as error:
                    self._rejected[path] = mtime
                    errors.append(error)
                    kept = "previous version kept" if path.stem in self._answers else "not served"
                    log.error("answer file refused (%s): %s", kept, error)
                    continue
                self._rejected.pop(path, None)
                self._mtimes[path] = mtime
                self._answers[answers.topic] = answers
                log.debug("answer file loaded: %s", path.name)
            for path in set(self._mtimes) - seen:
                self._mtimes.pop(path)
                self._answers.pop(path.stem, None)
                log.warning("answer file removed: %s", path.name)
        return errors

    @staticmethod
    def _validated(path: Path, catalog: TopicCatalog) -> TopicAnswers:
        """Load a file, refusing it when the content check finds an error in it."""
        text = path.read_text(encoding="utf-8")
        errors = [
            f
            for f in check_answer_text(path, text, catalog, dt.date.today(), 100_000)
            if f.level == ERROR
        ]
        if errors:
            raise AnswerFileError(path, [f"line {f.line}: {f.message}" for f in errors])
        return parse_answer_data(yamlload.safe_load(text), path)

    def _maybe_reload(self) -> None:
        if time.monotonic() - self._last_check >= self.check_interval:
            self.reload()

    def get(self, topic: str) -> TopicAnswers | None:
        """The answers of ``topic``, reloading changed files first."""
        self._maybe_reload()
        return self._answers.get(topic)

    def topics(self) -> list[str]:
        """Topics that have an answer being served."""
        self._maybe_reload()
        return sorted(self._answers)
