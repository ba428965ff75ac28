"""Adding a topic from the editor (admins): catalog, answer file, training examples.

A refused form comes back with each problem next to its field, as on the
answer form; only a problem about no field of this form is listed on top.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from bot.editor import history
from bot.editor.answer_form import no_date_word
from bot.editor.messages import Shown
from bot.editor.new_topic import (
    TOPIC_ID,
    NewTopic,
    add_to_catalog,
    add_training_data,
    answer_text,
    flag_for_training,
)
from bot.editor.publish import Change, go_live
from bot.staff.sessions import SignedIn
from bot.web.deps import CurrentStaff, DatabaseDep
from bot.web.editor_common import answer_path, findings_for_page, staff_language
from bot.web.pages import page, staff_text
from bot.web.staff_auth import checked_form, require_role
from common.content.answers import SOURCE_KINDS
from common.content.findings import ERROR
from common.content.paths import content_dir
from common.content.topics import THEME_LABELS, TopicCatalog
from common.i18n import _
from common.languages import LANGUAGES

router = APIRouter(prefix="/inbox/editor", include_in_schema=False)


# The answer file's first source is the form's source fields.
FORM_FIELDS = {
    "topic",
    "theme",
    "title",
    "core",
    "sms",
    *(f"source-{key}" for key in ("title", "publisher", "kind", "published", "url")),
    *(f"examples-{lang}" for lang in LANGUAGES),
}


def _form_field(field: str) -> str:
    """The field of this form a finding is about ('' when none)."""
    name = "source-title" if field == "sources" else field.replace("sources-0-", "source-", 1)
    return name if name in FORM_FIELDS else ""


def _form_page(
    request: Request, who: SignedIn, values: dict[str, str], errors: list[Shown]
) -> Response:
    by_field: dict[str, Shown] = {}
    for error in errors:  # the French one first (the other languages start as its copy)
        by_field.setdefault(_form_field(error.field), error)
    return page(
        request,
        "inbox/editor_new_topic.html",
        who,
        themes=list(TopicCatalog.load().themes),
        kinds=SOURCE_KINDS,
        languages=LANGUAGES,
        values=values,
        errors=errors,
        unplaced=[e for e in errors if not _form_field(e.field)],
        by_field=by_field,
        theme_labels=THEME_LABELS,
    )


def _problem(field: str, message: str) -> Shown:
    return Shown(field, ERROR, message, "", None)


@router.get("/new-topic")
async def new_topic_page(request: Request, who: CurrentStaff) -> Response:
    """The form to add a topic."""
    require_role(who, "admin")
    return _form_page(request, who, {}, [])


def _new_topic(form: dict[str, str]) -> NewTopic:
    source = {
        key: form.get(f"source-{key}", "").strip()
        for key in ("title", "publisher", "kind", "published", "url")
    }
    consulted = dt.date.today()
    source_map: dict[str, object] = {k: v for k, v in source.items() if v}
    if source.get("published"):
        source_map["published"] = no_date_word(source["published"])
        with contextlib.suppress(ValueError):
            source_map["published"] = dt.date.fromisoformat(source["published"])
    source_map["consulted"] = consulted
    return NewTopic(
        topic=form.get("topic", "").strip(),
        theme=form.get("theme", ""),
        title=" ".join(form.get("title", "").split()),
        core=" ".join(form.get("core", "").split()),
        sms=" ".join(form.get("sms", "").split()),
        source=source_map,
        examples={
            lang: [
                line.strip()
                for line in form.get(f"examples-{lang}", "").splitlines()
                if line.strip()
            ]
            for lang in LANGUAGES
        },
    )


@router.post("/new-topic")
async def add_topic(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Add the topic: live answer (checked), catalog line, training examples, retraining flag."""
    require_role(who, "admin")
    form = await checked_form(request, who)
    new = _new_topic(form)
    catalog = TopicCatalog.load()
    language = staff_language(who)
    if not TOPIC_ID.fullmatch(new.topic) or new.topic in catalog or new.theme not in catalog.themes:
        problem = staff_text(
            language,
            _(
                "The topic id must be new, in small letters without spaces (like work_contract), "
                "and the theme one of the list."
            ),
        )
        return _form_page(request, who, form, [_problem("topic", problem)])
    if len(new.examples.get("fr", [])) < 2:
        problem = staff_text(language, _("Give at least two French examples of the question."))
        return _form_page(request, who, form, [_problem("examples-fr", problem)])
    topics_file = content_dir() / "topics.yml"
    before = await asyncio.to_thread(add_to_catalog, new, topics_file)
    text = answer_text(new, dt.date.today())
    change = Change(
        new.topic, "fr", history.NEW_TOPIC, "new topic", who.staff.id, who.staff.display_name
    )
    errors = await asyncio.to_thread(go_live, database, answer_path(new.topic), text, change)
    if errors:
        topics_file.write_text(before, encoding="utf-8")
        shown = findings_for_page(errors, who, text)
        return _form_page(request, who, form, shown)
    await asyncio.to_thread(add_training_data, new)
    await asyncio.to_thread(flag_for_training, new.topic)
    return RedirectResponse(f"/inbox/editor/{new.topic}/fr?saved=new", status_code=303)
