"""The editor page of the staff inbox (role ``editor``): answers, previews, report."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import os
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from bot.editor.answer_files import apply_edit, commit, load, save, statuses
from bot.editor.history import record_change
from bot.editor.unanswered import unanswered
from bot.replies.rendering import render
from bot.staff.sessions import SignedIn
from bot.web.deps import CurrentStaff, DatabaseDep
from bot.web.pages import page
from bot.web.staff_auth import checked_form, require_role
from common.content.check import DEFAULT_MAX_AGE_DAYS
from common.content.paths import answers_dir, audio_dir
from common.content.topics import TopicCatalog
from common.envelope import ANSWER, MENU_PAYLOAD, button, envelope
from common.languages import LANGUAGES
from common.sms_encoding import encoding, segments

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


def _editor(who: SignedIn) -> None:
    require_role(who, "editor")


def _today() -> dt.date:
    return dt.date.today()


@router.get("")
async def topics_page(request: Request, who: CurrentStaff) -> Response:
    """Every topic with its status in each language."""
    _editor(who)
    table = await asyncio.to_thread(
        statuses, answers_dir(), TopicCatalog.load(), _today(), DEFAULT_MAX_AGE_DAYS
    )
    return page(request, "inbox/editor_topics.html", who, table=table, languages=LANGUAGES)


def _preview(text: str, short: str, language: str) -> dict[str, Any]:
    built = envelope(ANSWER, language, text, [button("Menu", MENU_PAYLOAD)], short=short)
    views: dict[str, Any] = {}
    for channel in ("sms", "whatsapp", "telegram"):
        messages = render(built, channel).messages
        views[channel] = [
            {
                "text": m.text,
                "buttons": [b.title for b in m.buttons],
                **(
                    {"encoding": encoding(m.text), "segments": segments(m.text)}
                    if channel == "sms"
                    else {}
                ),
            }
            for m in messages
        ]
    return views


def _full_text(fields: dict[str, str]) -> str:
    parts = [fields.get("title", ""), fields.get("core", "")]
    for name, mark in (("steps", "number"), ("documents", "-"), ("details", "-")):
        lines = [s.strip() for s in fields.get(name, "").splitlines() if s.strip()]
        if lines:
            parts.append(
                "\n".join(
                    f"{i}. {line}" if mark == "number" else f"- {line}"
                    for i, line in enumerate(lines, 1)
                )
            )
    return "\n\n".join(p.strip() for p in parts if p.strip())


@router.post("/preview")
async def preview(request: Request, who: CurrentStaff) -> JSONResponse:
    """How the text being edited looks on SMS, WhatsApp and Telegram."""
    _editor(who)
    form = await checked_form(request, who)
    language = form.get("language") if form.get("language") in LANGUAGES else "fr"
    return JSONResponse(_preview(_full_text(form), form.get("sms", ""), str(language)))


def _fields_of(block: Any) -> dict[str, str]:
    block = block or {}
    return {
        "title": str(block.get("title", "")),
        "core": str(block.get("core", "")),
        "sms": str(block.get("sms", "")),
        "steps": "\n".join(str(s) for s in block.get("steps") or []),
        "documents": "\n".join(str(d) for d in block.get("documents") or []),
        "details": "\n".join(str(d) for d in block.get("details") or []),
        "status": str(block.get("status", "draft")),
        "audio": str(block.get("audio") or ""),
    }


def _check_topic(topic: str, language: str) -> None:
    if topic not in TopicCatalog.load().information_topics() or language not in LANGUAGES:
        raise HTTPException(status_code=404)


@router.get("/{topic}/{language}")
async def edit_page(request: Request, topic: str, language: str, who: CurrentStaff) -> Response:
    """The answer in one language, beside the French source, with previews."""
    _editor(who)
    _check_topic(topic, language)
    path = answers_dir() / f"{topic}.yml"
    data = await asyncio.to_thread(load, path) if path.exists() else {}
    return _answer_page(
        request,
        who,
        topic,
        language,
        data,
        _fields_of(data.get(language)),
        [],
        request.query_params.get("saved"),
    )


def _answer_page(
    request: Request,
    who: SignedIn,
    topic: str,
    language: str,
    data: Any,
    fields: dict[str, str],
    errors: list[Any],
    saved: str | None,
) -> Response:
    """The editing page of one answer in one language, with its previews."""
    return page(
        request,
        "inbox/editor_answer.html",
        who,
        topic=topic,
        language=language,
        fields=fields,
        source=_fields_of(data.get("fr")),
        errors=errors,
        saved=saved,
        preview=_preview(_full_text(fields), fields["sms"], language),
        edit_dir="rtl" if language == "ar" else "ltr",
    )


@router.post("/{topic}/{language}")
async def save_answer(
    request: Request, topic: str, language: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Check and save; the assistant serves the new text within seconds."""
    _editor(who)
    _check_topic(topic, language)
    form = await checked_form(request, who)
    path = answers_dir() / f"{topic}.yml"
    # A catalog topic whose file is missing is created by its first save.
    data = await asyncio.to_thread(load, path) if path.exists() else {}
    summary = apply_edit(data, language, form, _today(), who.staff.display_name)
    errors = await asyncio.to_thread(
        save, path, data, TopicCatalog.load(), _today(), DEFAULT_MAX_AGE_DAYS
    )
    if errors:
        fields = {
            **_fields_of(data.get(language)),
            **{
                k: v
                for k, v in form.items()
                if k in ("title", "core", "sms", "steps", "documents", "details", "status")
            },
        }
        return _answer_page(request, who, topic, language, data, fields, errors, None)
    await asyncio.to_thread(record_change, database, topic, language, who.staff.id, summary)
    await asyncio.to_thread(
        commit,
        path,
        f"Content: {topic} ({summary}) by {who.staff.display_name}",
        who.staff.display_name,
    )
    return RedirectResponse(f"/inbox/editor/{topic}/{language}?saved=1", status_code=303)


@router.post("/{topic}/{language}/audio", max_body_size=MAX_AUDIO_BYTES + FORM_OVERHEAD_BYTES)
async def upload_audio(
    request: Request, topic: str, language: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Attach a recorded audio answer (sent with the text on WhatsApp and Telegram)."""
    _editor(who)
    _check_topic(topic, language)
    form = await request.form()
    await checked_form(request, who)
    upload = form.get("audio")
    if not isinstance(upload, UploadFile) or upload.content_type not in AUDIO_TYPES:
        raise HTTPException(status_code=400, detail="send an audio file (ogg, mp3, m4a, wav)")
    data = await upload.read(MAX_AUDIO_BYTES + 1)
    if len(data) > MAX_AUDIO_BYTES:
        raise HTTPException(status_code=413, detail="audio files are limited to 5 MB")
    path = answers_dir() / f"{topic}.yml"
    content = await asyncio.to_thread(load, path) if path.exists() else None
    if not content or not isinstance(content.get(language), dict):
        raise HTTPException(status_code=409, detail="write and save this answer's text first")
    name = f"{topic}-{language}{AUDIO_TYPES[str(upload.content_type)]}"
    audio_dir().mkdir(parents=True, exist_ok=True)
    await asyncio.to_thread((audio_dir() / name).write_bytes, data)
    content[language]["audio"] = f"audio/{name}"
    errors = await asyncio.to_thread(
        save, path, content, TopicCatalog.load(), _today(), DEFAULT_MAX_AGE_DAYS
    )
    if errors:
        raise HTTPException(status_code=409, detail="; ".join(e.message for e in errors))
    await asyncio.to_thread(
        record_change, database, topic, language, who.staff.id, f"{language}: audio"
    )
    return RedirectResponse(f"/inbox/editor/{topic}/{language}?saved=1", status_code=303)


@router.post("/reload")
async def force_reload(request: Request, who: CurrentStaff) -> Response:
    """Make the action server reload every answer file now (it checks them first)."""
    _editor(who)
    await checked_form(request, who)
    for path in answers_dir().glob("*.yml"):
        os.utime(path)
    return RedirectResponse("/inbox/editor?reloaded=1", status_code=303)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP's CSV injection advice).

    A cell starting like a formula gets a leading single quote; the csv module
    quotes the cell when needed.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


@router.get("/report")
async def report(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """What users asked that the assistant could not answer (CSV with ?format=csv)."""
    _editor(who)
    rows = await asyncio.to_thread(unanswered, database)
    if request.query_params.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=["kind", "topic", "language", "user", "at", "text"]
        )
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
        return Response(
            buffer.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": "attachment; filename=unanswered.csv"},
        )
    counts: dict[tuple[str, str, str], int] = {}
    for row in rows:
        key = (row["kind"], row["topic"], row["language"])
        counts[key] = counts.get(key, 0) + 1
    return page(
        request,
        "inbox/editor_report.html",
        who,
        rows=rows,
        counts=sorted(counts.items(), key=lambda item: -item[1]),
    )
