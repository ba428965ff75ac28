"""Staff and system messages to a user on a hand-off, sent on the user's channel and recorded."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.conversation.identity import AddressBox
from bot.handoff.events import EventBus
from bot.handoff.records import HandoffRecords
from bot.replies.outbound import Outbound
from bot.replies.rendering import render
from bot.storage.models import Handoff
from common.envelope import MESSAGE, envelope

log = logging.getLogger(__name__)


class StaffDelivery:
    """Sends a text (or the WhatsApp template) to the user and records whether it arrived."""

    def __init__(
        self,
        records: HandoffRecords,
        box: AddressBox,
        outbound: Outbound,
        events: EventBus,
        sms_max_segments: int,
    ) -> None:
        """Wire the records, the address box, the senders and the event bus."""
        self.records = records
        self.box = box
        self.outbound = outbound
        self.events = events
        self.sms_max_segments = sms_max_segments

    def address(self, user_id: str) -> str | None:
        """The user's channel address, unsealed."""
        sealed = self.records.sealed_address(user_id)
        return self.box.open(sealed) if sealed is not None else None

    async def deliver(self, channel: str, send: Callable[[], Awaitable[None]]) -> bool:
        """Run ``send``; False when the channel refused (blocked bot, gone number, outage)."""
        try:
            await send()
        except Exception as error:  # any refusal: record it and tell the agent, never a 500
            log.warning("%s: staff message not delivered (%s)", channel, type(error).__name__)
            return False
        return True

    async def send_text(
        self, handoff: Handoff, text: str, author: str, staff_id: int | None = None
    ) -> bool:
        """Send and record a message to the user; False when the channel refused it."""
        delivered = True
        if self.outbound.can_send(handoff.channel):
            address = await asyncio.to_thread(self.address, handoff.user_id)
            rendered = render(
                envelope(MESSAGE, handoff.language, text),
                handoff.channel,
                self.sms_max_segments,
            )
            delivered = address is not None and await self.deliver(
                handoff.channel,
                lambda: self.outbound.send(handoff.channel, address or "", rendered.messages),
            )
        await asyncio.to_thread(
            self.records.record_message, handoff.user_id, author, text, staff_id, "text", delivered
        )
        self.events.publish({"type": "message", "handoff_id": handoff.id})
        return delivered

    async def send_template(self, handoff: Handoff, staff_id: int, sid: str) -> str:
        """Send the approved WhatsApp template: ``template``, ``failed`` or ``refused``."""
        address = await asyncio.to_thread(self.address, handoff.user_id)
        if not sid or address is None:
            return "refused"
        delivered = await self.deliver(
            handoff.channel, lambda: self.outbound.send_template(handoff.channel, address, sid)
        )
        await asyncio.to_thread(
            self.records.record_message,
            handoff.user_id,
            "staff",
            "[template]",
            staff_id,
            "template",
            delivered,
        )
        self.events.publish({"type": "message", "handoff_id": handoff.id})
        return "template" if delivered else "failed"
