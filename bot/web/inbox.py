"""The staff inbox under ``/inbox``: the queue, its live updates, the interface language.

Server-rendered pages (Jinja, autoescaped: nothing a user wrote is ever
rendered as HTML). The queue has four views (Unassigned, Mine, All open,
Closed) and filters that combine; its list is a fragment that the page
reloads in place (htmx) whenever the server-sent event stream says something
changed, so the scroll position and anything typed stay. Conversations are in
``bot.web.inbox_conversation``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.responses import StreamingResponse

from bot.handoff.queue import VIEWS, QueueFilters
from bot.handoff.service import HandoffService
from bot.handoff.triage import TEAMS
from bot.staff.accounts import has_role, set_language
from bot.staff.sessions import SignedIn, current
from bot.web.deps import SESSION_COOKIE, CurrentStaff, DatabaseDep, HandoffsDep
from bot.web.labels import CHANNELS, LANGUAGE_NAMES, Words
from bot.web.pages import page, same_site_path
from bot.web.staff_auth import checked_form
from common.content.topics import TopicCatalog

router = APIRouter(prefix="/inbox", include_in_schema=False)
KEEP_ALIVE_SECONDS = 15
LATE_MINUTES = 10  # a waiting time past this is highlighted


def query_day(request: Request) -> dt.date | None:
    """The ``day`` asked in the query string (none when missing or not a date)."""
    try:
        return dt.date.fromisoformat(request.query_params.get("day", ""))
    except ValueError:
        return None


def filters_of(request: Request) -> QueueFilters:
    """The view and filters asked in the query string (unknown values are ignored)."""
    params, day = request.query_params, query_day(request)
    return QueueFilters(
        view=str(params.get("view")) if params.get("view") in VIEWS else "open",
        text=params.get("q", "")[:100],
        topic=params.get("topic", "")[:64],
        language=params.get("language", "") if params.get("language") in LANGUAGE_NAMES else "",
        channel=params.get("channel", "") if params.get("channel") in CHANNELS else "",
        team=params.get("team", "") if params.get("team") in TEAMS else "",
        day=day,
    )


def _lines(handoffs: HandoffService, filters: QueueFilters, who: SignedIn) -> dict[str, Any]:
    admin = has_role(who.staff, "admin")
    items = handoffs.records.find(filters, who.staff.id, admin)
    counts = {
        view: len(handoffs.records.find(QueueFilters(view=view), who.staff.id, admin))
        for view in ("unassigned", "mine")
    }
    return {"items": items, "counts": counts}


def _context(request: Request, who: SignedIn, data: dict[str, Any]) -> dict[str, Any]:
    filters = filters_of(request)
    return {
        **data,
        "filters": filters,
        "views": VIEWS,
        "now": dt.datetime.now(dt.UTC),
        "late": LATE_MINUTES,
        "words": Words(who.staff.language),
        "topics": TopicCatalog.load().topics,
        "languages": LANGUAGE_NAMES,
        "channels": CHANNELS,
        "teams": TEAMS,
        # The line a conversation left behind ("?done=dismissed"), kept out of the filters.
        "done": request.query_params.get("done", ""),
        "query": urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "done"]),
    }


@router.get("")
async def queue_page(request: Request, who: CurrentStaff, handoffs: HandoffsDep) -> Response:
    """The queue: views, filters and one line per conversation (live-updating)."""
    data = await asyncio.to_thread(_lines, handoffs, filters_of(request), who)
    return page(request, "inbox/queue.html", who, **_context(request, who, data))


@router.get("/queue/rows")
async def queue_rows(request: Request, who: CurrentStaff, handoffs: HandoffsDep) -> Response:
    """The queue's list, and its views' counts (swapped out of band), for the live refresh."""
    data = await asyncio.to_thread(_lines, handoffs, filters_of(request), who)
    return page(request, "inbox/_queue_rows.html", who, oob=True, **_context(request, who, data))


@router.get("/queue.json")
async def queue_json(who: CurrentStaff, handoffs: HandoffsDep) -> JSONResponse:
    """The open queue as JSON."""
    now = dt.datetime.now(dt.UTC)
    items = await asyncio.to_thread(handoffs.queue)
    return JSONResponse([item.describe(now) for item in items])


@router.post("/language")
async def change_language(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Switch the inbox between French and Arabic."""
    form = await checked_form(request, who)
    await asyncio.to_thread(set_language, database, who.staff.id, form.get("language", ""))
    return RedirectResponse(same_site_path(form.get("next", "")), status_code=303)


@router.get("/events")
async def events(
    request: Request, who: CurrentStaff, handoffs: HandoffsDep, database: DatabaseDep
) -> Response:
    """Server-sent events: the queue or a conversation changed.

    The session is checked again at every event and every keep-alive: a
    stream ends once its session is signed out (at once in this process, where
    sign-out publishes a ``session`` event; within ``KEEP_ALIVE_SECONDS`` in
    the others) or its account disabled.
    """
    bus = handoffs.events
    token = request.cookies.get(SESSION_COOKIE)

    async def stream() -> AsyncIterator[str]:
        async with bus.subscribe() as queue:
            yield "retry: 2000\n\n"
            while not await request.is_disconnected():
                try:
                    event: dict[str, Any] | None = await asyncio.wait_for(
                        queue.get(), timeout=KEEP_ALIVE_SECONDS
                    )
                except TimeoutError:
                    event = None
                if await asyncio.to_thread(current, database, token) is None:
                    return
                if event is None:
                    yield ": keep-alive\n\n"
                elif event.get("type") != "session":
                    yield f"data: {json.dumps(event)}\n\n"

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )
