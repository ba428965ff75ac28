"""The history page of an answer (who, when, what changed), restore and drafts.

Routes under ``/inbox/editor/history/`` and ``/inbox/editor/draft/``; they
are registered before the editor's ``/{topic}/{language}`` pages.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from bot.editor import history
from bot.editor.publish import Change, go_live
from bot.editor.topic_list import title_of
from bot.editor.wording import plain_summary, readable_file
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

router = APIRouter(prefix="/inbox/editor", include_in_schema=False)
ChangeId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]


@router.get("/history/{topic}")
async def history_page(
    request: Request, topic: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Every change of one answer file, newest first; ``?show=<id>`` shows one as a diff."""
    editor_only(who)
    check_topic(topic)
    language = staff_language(who)
    listed = await asyncio.to_thread(history.entries, database, topic)
    shown = None
    rows: list[history.Row] = []
    wanted = request.query_params.get("show", "")
    if wanted.isdigit():
        shown = await asyncio.to_thread(history.change, database, topic, int(wanted))
        if shown is not None:
            rows = history.only_changes(
                history.side_by_side(
                    readable_file(shown.before, language), readable_file(shown.after, language)
                )
            )
    return page(
        request,
        "inbox/editor_history.html",
        who,
        topic=topic,
        title=await asyncio.to_thread(title_of, topic, language),
        entries=listed,
        summaries={e.id: plain_summary(e.summary, language) for e in listed},
        shown=shown,
        rows=rows,
        restored=request.query_params.get("restored"),
    )


@router.post("/history/{topic}/{change_id}/restore")
async def restore(
    request: Request, topic: str, change_id: ChangeId, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Put the file back as it was right after change ``change_id``; live at once."""
    await editor_form(request, who, topic)
    found = await asyncio.to_thread(history.change, database, topic, change_id)
    if found is None or found.after is None:
        raise HTTPException(status_code=404)
    stamp = found.at.strftime("%Y-%m-%d %H:%M")
    change = Change(
        topic,
        found.language,
        history.RESTORE,
        f"restored the version of {stamp}",
        who.staff.id,
        who.staff.display_name,
    )
    refused = await _go_live(request, who, database, found.after, change)
    return refused or RedirectResponse(f"/inbox/editor/history/{topic}?restored=1", status_code=303)


@router.post("/draft/{topic}/publish")
async def publish_draft(
    request: Request, topic: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Make the saved draft the live answer (checked again first)."""
    form = await editor_form(request, who, topic)
    draft = await asyncio.to_thread(history.draft_of, database, topic)
    if draft is None:
        raise HTTPException(status_code=404)
    language = form.get("language", "fr")
    change = Change(
        topic,
        language,
        history.PUBLISH,
        f"published the draft of {draft[1]}",
        who.staff.id,
        who.staff.display_name,
    )
    refused = await _go_live(request, who, database, draft[0], change)
    if refused is not None:
        return refused
    await asyncio.to_thread(history.drop_draft, database, topic)
    back = language if language in ("fr", "ar", "bm") else "fr"
    return RedirectResponse(f"/inbox/editor/{topic}/{back}?saved=live", status_code=303)


@router.post("/draft/{topic}/discard")
async def discard_draft(
    request: Request, topic: str, who: CurrentStaff, database: DatabaseDep
) -> Response:
    """Forget the draft; the live answer stays as it is."""
    form = await editor_form(request, who, topic)
    await asyncio.to_thread(history.drop_draft, database, topic)
    back = form.get("language", "fr")
    back = back if back in ("fr", "ar", "bm") else "fr"
    return RedirectResponse(f"/inbox/editor/{topic}/{back}", status_code=303)


async def _go_live(
    request: Request, who: SignedIn, database: Database, text: str, change: Change
) -> Response | None:
    """Publish ``text`` as the answer file of ``change.topic``; the refusal page if checks fail."""
    errors = await asyncio.to_thread(go_live, database, answer_path(change.topic), text, change)
    if not errors:
        return None
    return page(
        request,
        "inbox/editor_refused.html",
        who,
        topic=change.topic,
        errors=findings_for_page(errors, who),
    )
