"""The editor pages of the staff inbox (role ``editor``): topics, one answer, saving, review.

Every field of an answer is a form field; saving runs the content check and
shows each finding next to its field in the editor's language; a save goes
live at once (or is kept as a draft); "Mark reviewed" is a separate step
signed by a person. History, drafts, new topics and reports have their own
modules (``editor_history``, ``editor_topics``, ``editor_reports``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from bot.editor import history
from bot.editor.answer_files import dump, load, load_text
from bot.editor.answer_form import apply_form, fields_of, mark_reviewed
from bot.editor.preview import preview
from bot.editor.publish import Change, go_live
from bot.editor.topic_list import topic_rows
from bot.editor.wording import field_label
from bot.staff.sessions import SignedIn
from bot.storage.database import Database
from bot.web.deps import CurrentStaff, DatabaseDep
from bot.web.editor_common import (
    answer_path,
    check_topic,
    editor_form,
    editor_only,
    findings_for_page,
    staff_language,
)
from bot.web.pages import page
from bot.web.staff_auth import checked_form
from common.content.check import DEFAULT_MAX_AGE_DAYS, ERROR, check_answer_text
from common.content.paths import answers_dir, audio_dir
from common.content.topics import TopicCatalog
from common.languages import LANGUAGES, SOURCE_LANGUAGE

router = APIRouter(prefix="/inbox/editor", include_in_schema=False)
AUDIO_TYPES = {
    "audio/ogg": ".ogg",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/webm": ".webm",
}
MAX_AUDIO_BYTES = 5 * 1024 * 1024
FORM_OVERHEAD_BYTES = 64 * 1024  # the CSRF token and the multipart framing around the file
# Budgets shown beside the short fields (the content check enforces them).
BUDGETS = {"title": 60, "core": 300, "sms": 160, "steps": 600, "documents": 600, "details": 600}


def _today() -> dt.date:
    return dt.date.today()


@router.get("")
async def topics_page(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Every topic by its title in the editor's language, with its status per language."""
    editor_only(who)
    rows = await asyncio.to_thread(topic_rows, database, staff_language(who), _today())
    return page(request, "inbox/editor_topics.html", who, rows=rows, languages=LANGUAGES)


async def _current(database: Database, topic: str) -> tuple[Any, Any]:
    """The live file's data and the draft's (None without a draft)."""
    path = answer_path(topic)
    live = await asyncio.to_thread(load, path) if path.exists() else {}
    draft = await asyncio.to_thread(history.draft_of, database, topic)
    return live, draft


@router.post("/preview")
async def preview_route(request: Request, who: CurrentStaff, database: DatabaseDep) -> JSONResponse:
    """How the answer being edited reaches users on each channel."""
    editor_only(who)
    form = await checked_form(request, who)
    topic, language = form.get("topic", ""), form.get("language", "")
    check_topic(topic, language)
    live, draft = await _current(database, topic)
    data = live if draft is None else load_text(draft[0])
    apply_form(data, language, form, _today())
    return JSONResponse(await asyncio.to_thread(preview, data, topic, language))


@router.get("/{topic}/{language}")
async def edit_page(
    request: Request, topic: str, language: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """The answer in one language: every field, the French beside it, the previews."""
    editor_only(who)
    check_topic(topic, language)
    live, draft = await _current(database, topic)
    data = live if draft is None else load_text(draft[0])
    findings = await asyncio.to_thread(
        check_answer_text,
        answer_path(topic),
        dump(data),
        TopicCatalog.load(),
        _today(),
        DEFAULT_MAX_AGE_DAYS,
    )
    warnings = [f for f in findings if f.language in (language, None)]
    return await _answer_page(
        request,
        database,
        who,
        topic,
        language,
        data,
        findings_for_page(warnings, who, dump(data)),
        draft,
    )


async def _answer_page(
    request: Request,
    database: Database,
    who: SignedIn,
    topic: str,
    language: str,
    data: Any,
    shown: list[Any],
    draft: Any,
) -> Response:
    fields = fields_of(data, language)
    french = fields_of(data, SOURCE_LANGUAGE)
    french_diff: list[history.Row] = []
    stale = (
        language != SOURCE_LANGUAGE
        and bool(fields["translated_from"])
        and fields["translated_from"] < french["updated"]
    )
    if stale:
        then = await asyncio.to_thread(
            history.french_as_translated,
            database,
            topic,
            dt.date.fromisoformat(fields["translated_from"]),
        )

        def name(key: str) -> str:
            return field_label(key, staff_language(who))

        french_diff = history.side_by_side(
            history.readable(then, name),
            history.readable((data or {}).get(SOURCE_LANGUAGE), name),
        )
    views = await asyncio.to_thread(preview, data, topic, language)
    return page(
        request,
        "inbox/editor_answer.html",
        who,
        topic=topic,
        language=language,
        fields=fields,
        french=french,
        errors=[s for s in shown if s.level == ERROR],
        notes=[s for s in shown if s.level != ERROR],
        by_field={s.field: s for s in shown if s.level == ERROR and s.field},
        open_entries={s.field.rsplit("-", 1)[0] for s in shown if s.field.count("-") == 2},
        saved=request.query_params.get("saved"),
        draft=draft,
        stale=stale,
        french_diff=french_diff,
        preview=views,
        budgets=BUDGETS,
        edit_dir="rtl" if language == "ar" else "ltr",
        today=_today().isoformat(),
    )


@router.post("/{topic}/{language}")
async def save_answer(
    request: Request, topic: str, language: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Check and save: live at once, or kept as a draft with ``action=draft``."""
    form = await editor_form(request, who, topic, language)
    live, draft = await _current(database, topic)
    data = live if draft is None else load_text(draft[0])
    summary = apply_form(data, language, form, _today())
    text = dump(data)
    if form.get("action") == "draft":
        errors = [
            f
            for f in check_answer_text(
                answer_path(topic), text, TopicCatalog.load(), _today(), DEFAULT_MAX_AGE_DAYS
            )
            if f.level == ERROR
        ]
        if not errors:
            await asyncio.to_thread(history.save_draft, database, topic, text, who.staff.id)
            return RedirectResponse(f"/inbox/editor/{topic}/{language}?saved=draft", 303)
    else:
        change = Change(
            topic, language, history.SAVE, summary, who.staff.id, who.staff.display_name
        )
        errors = await asyncio.to_thread(go_live, database, answer_path(topic), text, change)
        if not errors:
            await asyncio.to_thread(history.drop_draft, database, topic)
            return RedirectResponse(f"/inbox/editor/{topic}/{language}?saved=live", 303)
    shown = findings_for_page(errors, who, text)
    return await _answer_page(request, database, who, topic, language, data, shown, draft)


@router.post("/{topic}/{language}/review")
async def review(
    request: Request, topic: str, language: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """A person marks this language reviewed: their name and the date, nothing else changes."""
    form = await editor_form(request, who, topic, language)
    path = answer_path(topic)
    if not path.exists():
        raise HTTPException(status_code=409)
    data = await asyncio.to_thread(load, path)
    if not isinstance(data.get(language), dict):
        raise HTTPException(status_code=409)
    french_updated = fields_of(data, SOURCE_LANGUAGE)["updated"]
    translated_from = fields_of(data, language)["translated_from"]
    stale = language != SOURCE_LANGUAGE and translated_from < french_updated
    if stale and form.get("seen_french") != french_updated:
        raise HTTPException(status_code=409, detail="read the French changes first")
    by = form.get("by", "").strip() or who.staff.display_name
    try:
        on = dt.date.fromisoformat(form.get("on", "")) if form.get("on") else _today()
    except ValueError:
        on = _today()
    mark_reviewed(data, language, by, min(on, _today()))
    change = Change(
        topic, language, history.REVIEW, f"{language}: reviewed by {by}", who.staff.id, by
    )
    errors = await asyncio.to_thread(go_live, database, path, dump(data), change)
    if errors:
        shown = findings_for_page(errors, who, dump(data))
        return await _answer_page(request, database, who, topic, language, data, shown, None)
    return RedirectResponse(f"/inbox/editor/{topic}/{language}?saved=reviewed", 303)


@router.post("/{topic}/{language}/audio", max_body_size=MAX_AUDIO_BYTES + FORM_OVERHEAD_BYTES)
async def upload_audio(
    request: Request, topic: str, language: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Attach a recorded audio answer (sent with the text on WhatsApp and Telegram)."""
    editor_only(who)
    check_topic(topic, language)
    form = await request.form()
    await checked_form(request, who)
    upload = form.get("audio")
    if not isinstance(upload, UploadFile) or upload.content_type not in AUDIO_TYPES:
        raise HTTPException(status_code=400, detail="send an audio file (ogg, mp3, m4a, wav)")
    data = await upload.read(MAX_AUDIO_BYTES + 1)
    if len(data) > MAX_AUDIO_BYTES:
        raise HTTPException(status_code=413, detail="audio files are limited to 5 MB")
    path = answer_path(topic)
    content = await asyncio.to_thread(load, path) if path.exists() else None
    if not content or not isinstance(content.get(language), dict):
        raise HTTPException(status_code=409, detail="write and save this answer's text first")
    name = f"{topic}-{language}{AUDIO_TYPES[str(upload.content_type)]}"
    audio_dir().mkdir(parents=True, exist_ok=True)
    target = audio_dir() / name
    before = await asyncio.to_thread(target.read_bytes) if target.is_file() else None
    await asyncio.to_thread(target.write_bytes, data)  # the check looks for the file
    content[language]["audio"] = f"audio/{name}"
    change = Change(
        topic, language, history.AUDIO, f"{language}: audio", who.staff.id, who.staff.display_name
    )
    errors = await asyncio.to_thread(go_live, database, path, dump(content), change)
    if errors:
        # Refused: the recording users get stays as it was (or none, as before).
        if before is None:
            await asyncio.to_thread(target.unlink, True)
        else:
            await asyncio.to_thread(target.write_bytes, before)
        raise HTTPException(status_code=409, detail="; ".join(e.message for e in errors))
    return RedirectResponse(f"/inbox/editor/{topic}/{language}?saved=live", status_code=303)


@router.post("/reload")
async def force_reload(request: Request, who: CurrentStaff) -> Response:
    """Make the action server reload every answer file now (it checks them first)."""
    editor_only(who)
    await checked_form(request, who)
    for path in answers_dir().glob("*.yml"):
        os.utime(path)
    return RedirectResponse("/inbox/editor?reloaded=1", status_code=303)
