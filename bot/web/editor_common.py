"""What the editor's pages share: who may use them, which topics exist, errors shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request

from bot.editor.messages import Shown, explain
from bot.staff.accounts import STAFF_LANGUAGES
from bot.staff.sessions import SignedIn
from bot.web.staff_auth import checked_form, require_role
from common.content.paths import answers_dir
from common.content.topics import TopicCatalog
from common.languages import LANGUAGES


def editor_only(who: SignedIn) -> None:
    """403 unless the staff member is an editor (or an admin)."""
    require_role(who, "editor")


def check_topic(topic: str, language: str = "fr") -> None:
    """404 unless ``topic`` has an answer file and ``language`` is one of ours.

    Topics and languages come from the catalog, never from the path as
    given: no file outside the answers folder can be named.
    """
    if topic not in TopicCatalog.load().information_topics() or language not in LANGUAGES:
        raise HTTPException(status_code=404)


async def editor_form(
    request: Request, who: SignedIn, topic: str, language: str = "fr"
) -> dict[str, str]:
    """A form posted to an editor page: an editor, a topic and language of ours, CSRF checked."""
    editor_only(who)
    check_topic(topic, language)
    return await checked_form(request, who)


def answer_path(topic: str) -> Path:
    """The answer file of a catalog topic."""
    return answers_dir() / f"{topic}.yml"


def staff_language(who: SignedIn) -> str:
    """The language of the staff member's interface (French, Arabic or English)."""
    return who.staff.language if who.staff.language in STAFF_LANGUAGES else "fr"


def findings_for_page(findings: list[Any], who: SignedIn, text: str = "") -> list[Shown]:
    """Findings in the staff member's language, each with its form field."""
    return explain(findings, text, staff_language(who))
