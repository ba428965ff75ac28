"""Voice notes, images and documents users sent, as the inbox shows them."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from bot.handoff.transcripts import visible_media
from bot.web.attachments import attachment_response
from bot.web.deps import CurrentStaff, DatabaseDep, HandoffsDep, OutboundDep, RowId
from bot.web.staff_auth import may_see

router = APIRouter(prefix="/inbox", include_in_schema=False)


@router.get("/media/{message_id}")
async def media(
    message_id: RowId,
    who: CurrentStaff,
    database: DatabaseDep,
    handoffs: HandoffsDep,
    outbound: OutboundDep,
) -> Response:
    """A voice note or image from a user, fetched from the channel with our credentials.

    Only attachments a hand-off page shows to ``who`` (``may_see``, up to the
    close of a closed hand-off); anything else is 404. Nothing is stored: the
    reference goes with the message, so the media is reachable no longer than
    the conversation is kept. Served by ``attachment_response`` (audio and
    images inline, anything else as a download).
    """
    found = await asyncio.to_thread(
        visible_media, database, message_id, lambda handoff: may_see(who, handoff)
    )
    if found is None:
        raise HTTPException(status_code=404)
    reference, channel, user_id = found
    await asyncio.to_thread(handoffs.audit, who.staff.id, "media", None, user_id)
    try:
        data, content_type = await outbound.fetch_media(channel, reference)
    except (LookupError, ValueError) as error:
        raise HTTPException(status_code=404, detail="media not available") from error
    except Exception as error:  # the channel's API failed: say so, do not crash
        raise HTTPException(
            status_code=502, detail="the channel did not return the media"
        ) from error
    return attachment_response(data, content_type, f"attachment-{message_id}")
