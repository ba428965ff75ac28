"""The local channel: ``POST /api/messages`` returns the replies as a channel shows them.

Used by the local web chat (and by content editors to preview answers), by
``make shell`` and by tests. No credentials: it is meant for a machine's own
users and, in production, for people who write from a web page. Its senders
are anonymous, so it is rate-limited per sender and per client address, and
its new hand-offs are capped; ``LOCAL_CHANNEL=off`` removes it (and the chat
page) altogether.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from bot.conversation.incoming import Incoming
from bot.replies.rendering import OutMessage, render
from bot.staff.accounts import first_names
from bot.web.client_address import client_network
from bot.web.deps import MAX_ROW_ID, ServiceDep
from common.content.emergency import dial
from common.envelope import MESSAGE, envelope
from common.sms_encoding import encoding, segments

router = APIRouter()


class LocalMessage(BaseModel):
    """A message typed in the local web chat."""

    sender: str = Field(min_length=1, max_length=128, description="Any stable id of the chat")
    text: str = Field(default="", max_length=20_000, description="What the user typed")
    channel: Literal["web", "sms", "whatsapp", "telegram"] = Field(
        default="web", description="Render the replies as this channel would show them"
    )
    message_id: str | None = Field(
        default=None,
        max_length=64,
        description="Optional id of this message: a retry with the same id is answered once",
    )


class ButtonOut(BaseModel):
    """A menu item; on SMS and WhatsApp it is shown as a numbered line instead."""

    number: int
    title: str
    payload: str


class SmsInfo(BaseModel):
    """How a phone network counts an SMS (shown to editors in the preview)."""

    encoding: Literal["GSM-7", "UCS-2"]
    segments: int


class CallOut(BaseModel):
    """A number to call, shown as a tappable link on the web chat."""

    name: str
    phone: str = Field(description="As written in the text")
    tel: str = Field(description="The tel: link that dials it")


class MessageOut(BaseModel):
    """One message as the channel shows it."""

    text: str
    buttons: list[ButtonOut] = []
    calls: list[CallOut] = []
    audio: str | None = None
    sms: SmsInfo | None = None
    author: Literal["bot", "staff"] = Field(default="bot", description="Who wrote it")
    by: str | None = Field(default=None, description="Staff: the first name of who wrote")


class LocalReply(BaseModel):
    """The replies to one message."""

    language: str | None = Field(description="The conversation's language (fr, ar, bm)")
    direction: Literal["ltr", "rtl"]
    replies: list[MessageOut]
    handoff: bool = Field(default=False, description="A person has the conversation")
    kinds: list[str] = Field(
        default=[], description="Kinds of the replies (answer, menu, apology, privacy…)"
    )
    duplicate: bool = Field(default=False, description="This message_id was already received")
    cursor: int = Field(default=0, description="Pass as `after` to /api/messages/updates")


class LocalUpdates(BaseModel):
    """Messages sent to the chat since ``after``: staff replies and notices."""

    cursor: int
    replies: list[MessageOut]


def _out(message: OutMessage, channel: str) -> MessageOut:
    return MessageOut(
        text=message.text,
        buttons=[
            ButtonOut(number=b.number, title=b.title, payload=b.payload) for b in message.buttons
        ],
        calls=[
            CallOut(name=c["name"], phone=c["phone"], tel=f"tel:{dial(c['phone'])}")
            for c in message.calls
        ]
        if channel in ("web", "telegram")
        else [],
        audio=f"/content-audio/{message.audio.split('/')[-1]}" if message.audio else None,
        sms=SmsInfo(encoding=encoding(message.text), segments=segments(message.text))  # type: ignore[arg-type]
        if channel == "sms"
        else None,
    )


@router.post("/api/messages", response_model=LocalReply, tags=["local channel"])
async def post_message(message: LocalMessage, request: Request, service: ServiceDep) -> LocalReply:
    """Send a message as a user of ``channel`` and get the rendered replies."""
    try:
        reply = await service.handle(
            Incoming(
                channel=message.channel,
                address=message.sender,
                text=message.text,
                realm="local",
                external_id=message.message_id,
                client=client_network(request.client.host) if request.client else None,
            )
        )
        cursor = await asyncio.to_thread(service.records.cursor, reply.user_id)
    except SQLAlchemyError as error:
        emergency = await service.unrecorded_emergency(message.text, message.channel)
        if emergency:  # nothing could be stored, yet danger is answered
            return LocalReply(
                language=None,
                direction="ltr",
                replies=[_out(m, message.channel) for m in emergency],
                kinds=["emergency"],
            )
        raise HTTPException(
            status_code=503, detail="the service is busy: send the message again in a moment"
        ) from error
    return LocalReply(
        language=reply.language,
        direction="rtl" if reply.language == "ar" else "ltr",
        replies=[_out(m, message.channel) for m in reply.messages],
        handoff=reply.handoff,
        cursor=cursor,
        kinds=[str(e.get("kind", "")) for e in reply.envelopes],
        duplicate=reply.duplicate,
    )


@router.get("/api/messages/updates", response_model=LocalUpdates, tags=["local channel"])
async def updates(
    service: ServiceDep,
    sender: str = Query(min_length=1, max_length=128),
    after: int = Query(default=0, ge=0, le=MAX_ROW_ID),  # a row id: beyond it, a 400
    channel: Literal["web", "sms", "whatsapp", "telegram"] = "web",
) -> LocalUpdates:
    """Messages a person (or the system) sent to this chat after ``after``."""
    user_id = service.user_id("local", sender)
    rows = await asyncio.to_thread(service.records.pushed_since, user_id, after)
    staff = {row.staff_id for row in rows if row.staff_id is not None}
    names = await asyncio.to_thread(first_names, service.database, staff)
    replies: list[MessageOut] = []
    cursor = after
    for row in rows:
        rendered = render(envelope(MESSAGE, None, row.text), channel)
        for message in rendered.messages:
            out = _out(message, channel)
            if row.author == "staff":
                out.author = "staff"
                out.by = names.get(row.staff_id) if row.staff_id is not None else None
            replies.append(out)
        cursor = max(cursor, row.id)
    return LocalUpdates(cursor=cursor, replies=replies)
