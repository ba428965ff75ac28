"""The hand-off state machine: bot → waiting → assigned → closed → bot.

A conversation is handed to a person when the user asks, when the assistant
failed to understand twice in a row, or on an emergency. While a hand-off is
open the assistant stays silent in that conversation; every message both ways
is kept in order in the conversation record. The rows live in
``bot.handoff.records``; messages to the user go through ``bot.handoff.delivery``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import statistics
from collections.abc import Awaitable, Callable

from bot.conversation.identity import AddressBox
from bot.conversation.incoming import clean_text
from bot.conversation.rate_limit import RateLimiter
from bot.handoff import dismissals, survey, triage
from bot.handoff.delivery import StaffDelivery
from bot.handoff.events import EventBus
from bot.handoff.hours import OfficeHours
from bot.handoff.notices import back_to_assistant
from bot.handoff.queue import QueueItem
from bot.handoff.records import HandoffRecords
from bot.handoff.states import ASSIGNED, REASONS, WHATSAPP_WINDOW, aware, now
from bot.replies.outbound import Outbound
from bot.storage.database import Database
from bot.storage.models import Handoff, Note
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE
from common.text.normalize import normalize

log = logging.getLogger(__name__)

MAX_STAFF_TEXT = 4000  # characters of one staff reply or note
BACK_TO_BOT_WORDS = frozenset({"bot", "robot", "/bot", "assistant", "روبوت", "بوت"})


class HandoffService:
    """Opens, claims, transfers and closes hand-offs; sends staff replies."""

    def __init__(
        self,
        database: Database,
        address_key: str,
        outbound: Outbound,
        events: EventBus,
        hours: OfficeHours,
        default_wait_minutes: int = 15,
        whatsapp_template_sid: str = "",
        notify_staff: Callable[[str], Awaitable[None]] | None = None,
        sms_max_segments: int = 3,
        local_limiter: RateLimiter | None = None,
    ) -> None:
        """Wire storage, senders, the event bus and the team's hours."""
        self.database = database
        self.records = HandoffRecords(database)
        # Record what a staff member read or did (the records keep the audit log).
        self.audit = self.records.audit
        self.outbound = outbound
        self.events = events
        self.hours = hours
        self.default_wait_minutes = default_wait_minutes
        self.whatsapp_template_sid = whatsapp_template_sid
        self.notify_staff = notify_staff
        self.local_limiter = RateLimiter(20) if local_limiter is None else local_limiter
        self.delivery = StaffDelivery(
            self.records, AddressBox(address_key), outbound, events, sms_max_segments
        )

    # -- reading -----------------------------------------------------------------

    def active(self, user_id: str) -> Handoff | None:
        """The user's open hand-off, if any."""
        return self.records.active(user_id)

    def get(self, handoff_id: int) -> Handoff | None:
        """One hand-off by id."""
        return self.records.get(handoff_id)

    def queue(self) -> list[QueueItem]:
        """Open hand-offs: emergencies first, then waiting before assigned, oldest first."""
        return self.records.queue()

    def notes(self, handoff_id: int) -> list[tuple[Note, str | None]]:
        """Internal notes with their authors' names."""
        return self.records.notes(handoff_id)

    def expected_wait_minutes(self) -> int:
        """Median wait of the last week's claimed hand-offs (the default without any)."""
        waits = self.records.recent_waits(now() - dt.timedelta(days=7))
        return max(1, round(statistics.median(waits))) if waits else self.default_wait_minutes

    def whatsapp_window_closed(self, handoff: Handoff, at: dt.datetime | None = None) -> bool:
        """True when a WhatsApp user's last message is more than 24 hours old."""
        if handoff.channel != "whatsapp":
            return False
        last = aware(handoff.last_user_message_at) or aware(handoff.created_at)
        return last is None or (at or now()) - last > WHATSAPP_WINDOW

    # -- user side -----------------------------------------------------------------

    def user_notice(self, language: str, at: dt.datetime | None = None) -> str:
        """What the user is told when a hand-off opens: wait and hours, or next shift."""
        at = at or now()
        if self.hours.is_open(at):
            return translate(
                language,
                _(
                    "A person from the association will answer you here. Expected wait: about "
                    "{minutes} minutes. Office hours: {hours}. Write BOT to go back to the "
                    "assistant."
                ),
                minutes=self.expected_wait_minutes(),
                hours=self.hours.describe(language),
            )
        return translate(
            language,
            _(
                "The team is not on duty now. The next shift starts {when}: a person will "
                "answer you then, here. If you are in danger now, call 19 (police) or 15 "
                "(ambulance and fire). Write BOT to go back to the assistant."
            ),
            when=self.hours.describe_moment(self.hours.next_opening(at), language),
        )

    async def accepts_new(self, user_id: str, channel: str) -> bool:
        """False when a new hand-off from the anonymous web chat would exceed its cap.

        Telegram, SMS and WhatsApp senders are real accounts and always get
        their hand-off; the local web chat's senders are anonymous ids anyone
        can rotate, so its new hand-offs are capped per minute.
        """
        if channel != "local":
            return True
        if await asyncio.to_thread(self.active, user_id) is not None:
            return True
        return self.local_limiter.allow("local-handoffs")

    async def open(
        self, user_id: str, reason: str, topic: str | None, language: str | None, channel: str
    ) -> int:
        """Open (or reuse) the user's hand-off and alert the staff on duty."""
        handoff_id, alert = await asyncio.to_thread(
            self.records.open_or_reuse,
            user_id,
            reason if reason in REASONS else "request",
            topic,
            language,
            channel,
        )
        self.events.publish({"type": "queue", "handoff_id": handoff_id, "reason": reason})
        if alert and self.notify_staff is not None:
            label = {"emergency": "URGENT", "fallback": "bot failed twice"}.get(reason, "request")
            try:
                await self.notify_staff(
                    f"New conversation waiting ({label}; {language or '?'}; {channel}; "
                    f"topic {topic or '-'}): #{handoff_id}"
                )
            except Exception as error:  # a notification failure must not lose the hand-off
                log.error("staff notification failed (%s)", type(error).__name__)
        return handoff_id

    async def user_wrote(self, handoff: Handoff) -> None:
        """A message from the user while a person has the conversation."""
        await asyncio.to_thread(self.records.user_wrote, handoff.id)
        self.events.publish({"type": "message", "handoff_id": handoff.id})

    # -- staff side ----------------------------------------------------------------

    def claim(self, handoff_id: int, staff_id: int) -> bool:
        """Take a waiting conversation; False when someone else was first."""
        won = self.records.claim(handoff_id, staff_id)
        if won:
            self.audit(staff_id, "claim", self.get(handoff_id))
            self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return won

    def transfer(self, handoff_id: int, from_staff: int, to_staff: int) -> bool:
        """Give an assigned conversation to a colleague."""
        moved = self.records.transfer(handoff_id, to_staff)
        if moved:
            self.audit(from_staff, f"transfer:{to_staff}", self.get(handoff_id))
            self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return moved

    def add_note(self, handoff_id: int, staff_id: int, text: str) -> None:
        """An internal note (never sent to the user), without invisible characters."""
        text = clean_text(text, MAX_STAFF_TEXT)
        if not text:
            return
        self.records.add_note(handoff_id, staff_id, text)
        self.audit(staff_id, "note", self.get(handoff_id))
        self.events.publish({"type": "note", "handoff_id": handoff_id})

    def assign(self, handoff_id: int, by_staff: int, to_staff: int) -> bool:
        """Give an open conversation (waiting or assigned) to a colleague."""
        moved = triage.assign(self.database, handoff_id, to_staff)
        if moved:
            self.audit(by_staff, f"assign:{to_staff}", self.get(handoff_id))
            self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return moved

    def set_team(self, handoff_id: int, staff_id: int, team: str | None) -> bool:
        """Give an open conversation to a team (legal, health, return), or to none."""
        done = triage.set_team(self.database, handoff_id, team)
        if done:
            self.audit(staff_id, f"team:{team or '-'}", self.get(handoff_id))
            self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return done

    def snooze(self, handoff_id: int, staff_id: int, until: dt.datetime | None) -> bool:
        """Hide an open conversation from the Unassigned view until ``until``."""
        done = triage.snooze(self.database, handoff_id, until)
        if done:
            self.audit(staff_id, "snooze" if until else "wake", self.get(handoff_id))
            self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return done

    async def dismiss(self, handoff_id: int, staff_id: int, reason: str) -> bool:
        """Close a false emergency or hand-off, keeping why for the editors' report."""
        if reason not in dismissals.DISMISS_REASONS:
            return False
        handoff = await asyncio.to_thread(self.records.close, handoff_id, "dismissed")
        if handoff is None:
            return False
        await asyncio.to_thread(dismissals.record_dismissal, self.database, handoff, reason)
        await asyncio.to_thread(self.audit, staff_id, f"dismiss:{reason}", handoff)
        await self._give_back(handoff)
        return True

    async def reply(self, handoff_id: int, staff_id: int, text: str) -> str:
        """Send a staff reply on the user's channel.

        Returns ``"sent"``, ``"template"`` (WhatsApp window closed: the approved
        template inviting the user to write again was sent instead),
        ``"failed"`` (the channel refused it: the reply is recorded as not
        delivered), ``"empty"`` (nothing visible to send), or ``"refused"``
        (the conversation is not assigned to this staff member).
        """
        text = clean_text(text, MAX_STAFF_TEXT)
        if not text:
            return "empty"
        handoff = await asyncio.to_thread(self.get, handoff_id)
        if handoff is None or handoff.state != ASSIGNED or handoff.assigned_to != staff_id:
            return "refused"
        if self.whatsapp_window_closed(handoff):
            return await self.delivery.send_template(handoff, staff_id, self.whatsapp_template_sid)
        delivered = await self.delivery.send_text(handoff, text, "staff", staff_id)
        await asyncio.to_thread(triage.first_response, self.database, handoff_id)
        await asyncio.to_thread(self.audit, staff_id, "reply", handoff)
        return "sent" if delivered else "failed"

    async def close(
        self,
        handoff_id: int,
        staff_id: int | None,
        ask_survey: bool = False,
        tell_user: bool = True,
    ) -> bool:
        """Give the conversation back to the assistant and tell the user.

        ``staff_id`` None: the user went back to the assistant (BOT); staff see
        it on the conversation. ``ask_survey``: the satisfaction question follows.
        ``tell_user`` False: the caller tells the user in its own reply.
        """
        ended_by = "staff" if staff_id is not None else "user"
        handoff = await asyncio.to_thread(self.records.close, handoff_id, ended_by)
        if handoff is None:
            return False
        await asyncio.to_thread(self.audit, staff_id, "close" if staff_id else "user_left", handoff)
        await self._give_back(handoff, tell_user)
        if ask_survey and staff_id is not None and not self.whatsapp_window_closed(handoff):
            language = handoff.language or FALLBACK_LANGUAGE
            await self.delivery.send_text(handoff, translate(language, survey.QUESTION), "system")
            await asyncio.to_thread(survey.mark_sent, self.database, handoff_id)
        return True

    async def _give_back(self, handoff: Handoff, tell_user: bool = True) -> None:
        """Tell the user the assistant answers again, and update the queue."""
        notice = back_to_assistant(handoff.language or FALLBACK_LANGUAGE)
        if tell_user and not self.whatsapp_window_closed(handoff):
            await self.delivery.send_text(handoff, notice, "system")
        self.events.publish(
            {"type": "queue", "handoff_id": handoff.id, "ended_by": handoff.ended_by}
        )

    def survey_answer(self, user_id: str, text: str, language: str) -> str | None:
        """The thanks for a satisfaction answer, or None when ``text`` is not one."""
        score = survey.score_of(text)
        if score is None or not survey.record_answer(self.database, user_id, score):
            return None
        return translate(language, survey.THANKS)

    def wants_bot(self, text: str) -> bool:
        """True when the user asks to go back to the assistant."""
        return normalize(text) in BACK_TO_BOT_WORDS
