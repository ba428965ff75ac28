"""Editing answer files from the editor page: status per language, safe saving.

Files are edited with ruamel.yaml's round trip, so comments and key order
made by people stay as they were. Saving runs the content check on the new
text first and refuses it when the check finds an error; otherwise the file
is replaced atomically (the action server then reloads it within a second),
the change goes into the history, and into a git commit when the content
folder is in a git checkout.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from common.content.check import ERROR, Finding, check_answer_text
from common.content.topics import TopicCatalog
from common.languages import LANGUAGES

log = logging.getLogger(__name__)

OK, MISSING, STALE, DRAFT, OLD_REVIEW, BROKEN = (
    "ok",
    "missing",
    "stale",
    "draft",
    "old-review",
    "error",
)


def round_trip_yaml(sequence: int = 4, offset: int = 2) -> YAML:
    """Ruamel's round-trip YAML as the content files are written (lists indented so)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    # A value used twice (the same date object) must be written twice, never as
    # an anchor and alias (``&id001``) that editors cannot read.
    yaml.representer.ignore_aliases = lambda *_: True
    return yaml


def statuses(
    answers: Path, catalog: TopicCatalog, today: dt.date, max_age_days: int
) -> dict[str, dict[str, str]]:
    """``{topic: {language: status}}`` for every information topic."""
    result: dict[str, dict[str, str]] = {}
    for topic in catalog.information_topics():
        path = answers / f"{topic}.yml"
        if not path.exists():
            result[topic] = dict.fromkeys(LANGUAGES, MISSING)
            continue
        findings = check_answer_text(
            path, path.read_text(encoding="utf-8"), catalog, today, max_age_days
        )
        data = round_trip_yaml().load(path.read_text(encoding="utf-8")) or {}
        per_language = {}
        for language in LANGUAGES:
            mine = [f for f in findings if f.language == language]
            if language not in data:
                per_language[language] = MISSING
            elif any(f.level == ERROR for f in mine):
                per_language[language] = BROKEN
            elif any(f.code == "stale-translation" for f in mine):
                per_language[language] = STALE
            elif any(f.code == "draft" for f in mine):
                per_language[language] = DRAFT
            elif any(f.code == "old-review" for f in mine):
                per_language[language] = OLD_REVIEW
            else:
                per_language[language] = OK
        result[topic] = per_language
    return result


def load(path: Path) -> Any:
    """The file's content, keeping comments for the round trip."""
    return load_text(path.read_text(encoding="utf-8"))


def load_text(text: str) -> Any:
    """An answer file's text as data, keeping comments for the round trip."""
    return round_trip_yaml().load(text)


def dump(data: Any) -> str:
    """The YAML text of ``data``."""
    buffer = io.StringIO()
    round_trip_yaml().dump(data, buffer)
    return buffer.getvalue()


def save(
    path: Path, data: Any, catalog: TopicCatalog, today: dt.date, max_age_days: int
) -> list[Finding]:
    """Check and write the file; return the errors that prevented saving (none: saved)."""
    return save_text(path, dump(data), catalog, today, max_age_days)


def save_text(
    path: Path, text: str, catalog: TopicCatalog, today: dt.date, max_age_days: int
) -> list[Finding]:
    """Check and write ``text`` as the file; return the errors that prevented it."""
    errors = [
        f for f in check_answer_text(path, text, catalog, today, max_age_days) if f.level == ERROR
    ]
    if errors:
        return errors
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
    return []


def commit(path: Path, message: str, author: str) -> bool:
    """Commit the file when it lives in a git checkout; False when it does not."""
    git = shutil.which("git")
    if git is None:
        return False
    inside = subprocess.run(
        [git, "-C", str(path.parent), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
        check=False,
    )
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return False
    identity = ["-c", f"user.name={author}", "-c", "user.email=editor@assistant.invalid"]
    subprocess.run(
        [git, "-C", str(path.parent), "add", "--", path.name], check=False, capture_output=True
    )
    done = subprocess.run(
        [git, "-C", str(path.parent), *identity, "commit", "-q", "-m", message, "--", path.name],
        check=False,
        capture_output=True,
    )
    if done.returncode != 0:
        log.warning("content change not committed (git said %s)", done.returncode)
    return done.returncode == 0
