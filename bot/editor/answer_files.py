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
from common.languages import LANGUAGES, SOURCE_LANGUAGE

log = logging.getLogger(__name__)

OK, MISSING, STALE, DRAFT, OLD_REVIEW, BROKEN = (
    "ok",
    "missing",
    "stale",
    "draft",
    "old-review",
    "error",
)
TEXT_FIELDS = ("title", "core", "sms")
LIST_FIELDS = ("steps", "documents", "details")


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
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
        data = _yaml().load(path.read_text(encoding="utf-8")) or {}
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
    return _yaml().load(path.read_text(encoding="utf-8"))


def apply_edit(
    data: Any, language: str, fields: dict[str, str], today: dt.date, reviewer: str | None = None
) -> str:
    """Write the editor's fields into ``data``; return a one-line summary.

    ``fields`` has title, core, sms, steps, documents and details (one item per
    line) and status. French changes move its ``updated`` date. Only a person
    marks a language reviewed: status ``reviewed`` records ``reviewer`` and
    today, and a translation marked reviewed follows the current French
    (``translated_from``); without a reviewer, or when the text changes, the
    language is a draft again.
    """
    block = data.get(language)
    if block is None:
        block = data[language] = {}
    changed = []
    for name in TEXT_FIELDS:
        if name in fields:
            value = " ".join(fields[name].split())
            if str(block.get(name, "")).strip() != value:
                block[name] = value
                changed.append(name)
    for name in LIST_FIELDS:
        if name in fields:
            items = [line.strip() for line in fields[name].splitlines() if line.strip()]
            if list(block.get(name) or []) != items:
                if items:
                    block[name] = items
                else:
                    block.pop(name, None)
                changed.append(name)
    french_updated = data.get(SOURCE_LANGUAGE, {}).get("updated", today)
    if language == SOURCE_LANGUAGE and changed:
        block["updated"] = today
    status = fields.get("status")
    if status == "reviewed" and reviewer and (changed or block.get("status") != "reviewed"):
        block["status"] = "reviewed"
        block["reviewed"] = {"by": reviewer, "on": today}
        if language != SOURCE_LANGUAGE:
            block["translated_from"] = french_updated
        changed.append("status")
    elif block.get("status") != "draft" and (changed or status == "draft"):
        block["status"] = "draft"
        changed.append("status")
    if language != SOURCE_LANGUAGE:
        block.setdefault("translated_from", french_updated)
    return f"{language}: " + (", ".join(changed) if changed else "no change")


def dump(data: Any) -> str:
    """The YAML text of ``data``."""
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def save(
    path: Path, data: Any, catalog: TopicCatalog, today: dt.date, max_age_days: int
) -> list[Finding]:
    """Check and write the file; return the errors that prevented saving (none: saved)."""
    text = dump(data)
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
