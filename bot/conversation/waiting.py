"""A message written while a person has the conversation.

It is kept for the team and the assistant stays silent, except: BOT gives
the conversation back to the assistant (and says so); danger gets the
emergency answer at once (the conversation becomes urgent); otherwise the
user is told their message is kept, at most every few minutes
(``bot.handoff.waiting``). The parts of the last answer (the emergency
answer's "what to do", "where to go") are still served on request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.conversation.danger import DangerCheck
from bot.conversation.emergency import with_alert
from bot.conversation.records import ConversationRecords
from bot.conversation.reply import Reply
from bot.handoff.notices import back_to_assistant
from bot.handoff.service import HandoffService
from bot.handoff.waiting import WaitingAcks
from bot.replies.parts import loads, part_envelope
from bot.replies.rendering import OutMessage
from bot.storage.models import Handoff, User
from common.envelope import MESSAGE, Envelope, envelope, part_key
from common.languages import FALLBACK_LANGUAGE
from common.menus import menu_number

Said = tuple[str, str, str | None]


class WhileAPersonAnswers:
    """Handles the messages of a user whose conversation a person has."""

    def __init__(
        self,
        records: ConversationRecords,
        handoffs: HandoffService,
        danger: DangerCheck,
        acks: WaitingAcks,
        render_all: Callable[[list[Envelope], str], list[OutMessage]],
    ) -> None:
        """Wire the records, the hand-offs, the danger check and the renderer."""
        self.records = records
        self.handoffs = handoffs
        self.danger = danger
        self.acks = acks
        self.render_all = render_all

    async def handle(self, channel: str, user: User, active: Handoff, said: Said) -> Reply:
        """Record the message for the team; answer BOT, danger, or acknowledge it."""
        text = said[0]
        await asyncio.to_thread(self.records.save_user_message, user.id, *said)
        language = user.language or active.language or FALLBACK_LANGUAGE
        if text and self.handoffs.wants_bot(text):
            await self.handoffs.close(active.id, None, tell_user=False)
            notice = envelope(MESSAGE, language, back_to_assistant(language))
            return await self._say(channel, user, [notice], handoff=False)
        await self.handoffs.user_wrote(active)
        kept = loads(user.last_answer)
        number = menu_number(text)
        chosen = [str(i["payload"]) for i in user.last_menu or [] if i.get("number") == number]
        key = part_key(chosen[0] if chosen else text)
        part = part_envelope(kept, key) if kept and key else None
        if part is not None:
            # The parts of the emergency answer, even while a person is awaited.
            return await self._say(channel, user, [part])
        danger = await self.danger.answer_checked(text, language)
        if danger:
            # Waiting for a person does not delay the emergency answer, and the
            # conversation moves to the top of the staff queue as urgent.
            await self.handoffs.open(
                user.id, "emergency", "emergency", user.language, active.channel
            )
            return await self._say(channel, user, with_alert(danger, self.handoffs.hours, language))
        if not await asyncio.to_thread(self.acks.claim, active.id):
            return Reply(user.id, [], user.language, handoff=True)
        ack = await asyncio.to_thread(self.acks.text, active, language)
        return await self._say(channel, user, [envelope(MESSAGE, language, ack)])

    async def _say(
        self, channel: str, user: User, envelopes: list[Envelope], handoff: bool = True
    ) -> Reply:
        messages = self.render_all(envelopes, channel)
        await asyncio.to_thread(self.records.save_system_messages, user.id, envelopes)
        return Reply(user.id, messages, user.language, envelopes, handoff=handoff)
