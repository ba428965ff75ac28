"""The local channel: ``POST /api/messages`` returns the replies as a channel shows them.

Used by the local web chat (and by content editors to preview answers), by
``make shell`` and by tests. No credentials: it is meant for a machine's own
users; the production profile can switch it off (LOCAL_CHANNEL=off).
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from bot.conversation import ConversationService
from bot.incoming import Incoming
from bot.sms_encoding import encoding, segments

router = APIRouter()


class LocalMessage(BaseModel):
    """A message typed in the local web chat."""

    sender: str = Field(min_length=1, max_length=128, description="Any stable id of the chat")
    text: str = Field(default="", max_length=20_000, description="What the user typed")
    channel: Literal["web", "sms", "whatsapp", "telegram"] = Field(
        default="web", description="Render the replies as this channel would show them"
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


class MessageOut(BaseModel):
    """One message as the channel shows it."""

    text: str
    buttons: list[ButtonOut] = []
    audio: str | None = None
    sms: SmsInfo | None = None


class LocalReply(BaseModel):
    """The replies to one message."""

    language: str | None = Field(description="The conversation's language (fr, ar, bm)")
    direction: Literal["ltr", "rtl"]
    replies: list[MessageOut]


@router.post("/api/messages", response_model=LocalReply, tags=["local channel"])
async def post_message(message: LocalMessage, request: Request) -> LocalReply:
    """Send a message as a user of ``channel`` and get the rendered replies."""
    service: ConversationService = request.app.state.service
    reply = await service.handle(
        Incoming(channel=message.channel, address=message.sender, text=message.text, realm="local")
    )
    return LocalReply(
        language=reply.language,
        direction="rtl" if reply.language == "ar" else "ltr",
        replies=[
            MessageOut(
                text=m.text,
                buttons=[
                    ButtonOut(number=b.number, title=b.title, payload=b.payload) for b in m.buttons
                ],
                audio=m.audio,
                sms=SmsInfo(encoding=encoding(m.text), segments=segments(m.text))  # type: ignore[arg-type]
                if message.channel == "sms"
                else None,
            )
            for m in reply.messages
        ],
    )
