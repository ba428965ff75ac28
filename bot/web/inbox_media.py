"""Voice notes, images and documents users sent, as the inbox shows them."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select

from bot.storage.models import Handoff, Message, User
from bot.web.attachments import attachment_response
from bot.web.inbox import CurrentStaff, RowId, handoffs_of, shown_messages
from bot.web.staff_auth import may_see

router = APIRouter(prefix="/inbox", include_in_schema=False)


@router.get("/media/{message_id}")
async def media(request: Request, message_id: RowId, who: CurrentStaff) -> Response:
    """A voice note or image from a user, fetched from the channel with our credentials.

    Only attachments a hand-off page shows to ``who`` (``may_see``, up to the
    close of a closed hand-off); anything else is 404. Nothing is stored: the
    reference goes with the message, so the media is reachable no longer than
    the conversation is kept. Served by ``attachment_response`` (audio and
    images inline, anything else as a download).
    """

    def lookup() -> tuple[str, str, str] | None:
        with request.app.state.database.session() as session:
            row = session.execute(
                select(Message.media_ref, User.channel, User.id)
                .join(User, User.id == Message.user_id)
                .where(Message.id == message_id, Message.media_ref.is_not(None))
            ).first()
            if row is None:
                return None
            handoffs = session.scalars(select(Handoff).where(Handoff.user_id == row[2])).all()
            for handoff in handoffs:
                if may_see(who, handoff) and session.scalar(
                    select(Message.id).where(shown_messages(handoff), Message.id == message_id)
                ):
                    return (row[0], row[1], row[2])
            return None

    found = await asyncio.to_thread(lookup)
    if found is None:
        raise HTTPException(status_code=404)
    reference, channel, user_id = found
    await asyncio.to_thread(handoffs_of(request).audit, who.staff.id, "media", None, user_id)
    try:
        data, content_type = await request.app.state.outbound.fetch_media(channel, reference)
    except (LookupError, ValueError) as error:
        raise HTTPException(status_code=404, detail="media not available") from error
    except Exception as error:  # the channel's API failed: say so, do not crash
        raise HTTPException(
            status_code=502, detail="the channel did not return the media"
        ) from error
    return attachment_response(data, content_type, f"attachment-{message_id}")
