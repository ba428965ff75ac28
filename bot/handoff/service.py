"""The hand-off state machine: bot → waiting → assigned → closed → bot.

A conversation is handed to a person when the user asks, when the assistant
failed to understand twice in a row, or on an emergency. While a hand-off is
open the assistant stays silent in that conversation; every message both ways
is kept in order in the conversation record. Claiming is one conditional
UPDATE, so of two staff members claiming at once exactly one wins, on SQLite
and on PostgreSQL alike.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import statistics
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, select, update

from bot.conversation.identity import AddressBox
from bot.conversation.incoming import clean_text
from bot.conversation.rate_limit import RateLimiter
from bot.handoff.events import EventBus
from bot.handoff.hours import OfficeHours
from bot.replies.outbound import Outbound
from bot.replies.rendering import render
from bot.storage.database import Database
from bot.storage.models import AuditEntry, Handoff, Message, Note, Staff, User
from common.envelope import MESSAGE, envelope
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE
from common.text.normalize import normalize

log = logging.getLogger(__name__)

WAITING, ASSIGNED, CLOSED = "waiting", "assigned", "closed"
OPEN_STATES = (WAITING, ASSIGNED)
REASONS = ("request", "fallback", "emergency")
WHATSAPP_WINDOW = dt.timedelta(hours=24)
MAX_STAFF_TEXT = 4000  # characters of one staff reply or note
BACK_TO_BOT_WORDS = frozenset({"bot", "robot", "/bot", "assistant", "روبوت", "بوت"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _rowcount(result: object) -> int:
    """Rows an UPDATE changed (a CursorResult's rowcount)."""
    count: int = getattr(result, "rowcount", 0)
    return count


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


@dataclass(frozen=True)
class QueueItem:
    """One line of the staff inbox's queue."""

    id: int
    state: str
    reason: str
    topic: str | None
    language: str | None
    channel: str
    created_at: dt.datetime
    assigned_to: int | None
    assignee: str | None

    def waiting_minutes(self, now: dt.datetime) -> int:
        """Minutes since the hand-off was opened."""
        return int((now - self.created_at).total_seconds() // 60)


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
        self._box = AddressBox(address_key)
        self.outbound = outbound
        self.events = events
        self.hours = hours
        self.default_wait_minutes = default_wait_minutes
        self.whatsapp_template_sid = whatsapp_template_sid
        self.notify_staff = notify_staff
        self.sms_max_segments = sms_max_segments
        self.local_limiter = RateLimiter(20) if local_limiter is None else local_limiter

    # -- reading -----------------------------------------------------------------

    def active(self, user_id: str) -> Handoff | None:
        """The user's open hand-off, if any."""
        with self.database.session() as session:
            return session.scalars(
                select(Handoff).where(Handoff.user_id == user_id, Handoff.state.in_(OPEN_STATES))
            ).first()

    def get(self, handoff_id: int) -> Handoff | None:
        """One hand-off by id."""
        with self.database.session() as session:
            return session.get(Handoff, handoff_id)

    def queue(self) -> list[QueueItem]:
        """Open hand-offs: emergencies first, then waiting before assigned, oldest first."""
        with self.database.session() as session:
            rows = session.execute(
                select(Handoff, Staff.display_name)
                .outerjoin(Staff, Staff.id == Handoff.assigned_to)
                .where(Handoff.state.in_(OPEN_STATES))
                .order_by(
                    case((Handoff.reason == "emergency", 0), else_=1),
                    case((Handoff.state == WAITING, 0), else_=1),
                    Handoff.created_at,
                )
            ).all()
        return [
            QueueItem(
                h.id,
                h.state,
                h.reason,
                h.topic,
                h.language,
                h.channel,
                _aware(h.created_at) or _now(),
                h.assigned_to,
                name,
            )
            for h, name in rows
        ]

    def expected_wait_minutes(self) -> int:
        """Median wait of the last week's claimed hand-offs (the default without any)."""
        since = _now() - dt.timedelta(days=7)
        with self.database.session() as session:
            rows = session.execute(
                select(Handoff.created_at, Handoff.claimed_at).where(
                    Handoff.claimed_at.is_not(None), Handoff.created_at >= since
                )
            ).all()
        waits = [
            ((_aware(claimed) or _now()) - (_aware(created) or _now())).total_seconds() / 60
            for created, claimed in rows
        ]
        return max(1, round(statistics.median(waits))) if waits else self.default_wait_minutes

    def notes(self, handoff_id: int) -> list[tuple[Note, str | None]]:
        """Internal notes with their authors' names."""
        with self.database.session() as session:
            rows = session.execute(
                select(Note, Staff.display_name)
                .outerjoin(Staff, Staff.id == Note.staff_id)
                .where(Note.handoff_id == handoff_id)
                .order_by(Note.id)
            ).all()
        return [(note, name) for note, name in rows]

    def whatsapp_window_closed(self, handoff: Handoff, now: dt.datetime | None = None) -> bool:
        """True when a WhatsApp user's last message is more than 24 hours old."""
        if handoff.channel != "whatsapp":
            return False
        last = _aware(handoff.last_user_message_at) or _aware(handoff.created_at)
        return last is None or (now or _now()) - last > WHATSAPP_WINDOW

    # -- user side -----------------------------------------------------------------

    def user_notice(self, language: str, now: dt.datetime | None = None) -> str:
        """What the user is told when a hand-off opens: wait and hours, or next shift."""
        now = now or _now()
        if self.hours.is_open(now):
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
            when=self.hours.describe_moment(self.hours.next_opening(now), language),
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

    def _open(
        self, user_id: str, reason: str, topic: str | None, language: str | None, channel: str
    ) -> tuple[int, bool]:
        """Open a hand-off; returns its id and whether staff must be alerted.

        An open hand-off is reused; it becomes urgent (and staff are alerted
        again) when an emergency comes up while it waits.
        """
        with self.database.session() as session:
            existing = session.scalars(
                select(Handoff).where(Handoff.user_id == user_id, Handoff.state.in_(OPEN_STATES))
            ).first()
            if existing is not None:
                if reason == "emergency" and existing.reason != "emergency":
                    existing.reason = "emergency"
                    session.commit()
                    return existing.id, True
                return existing.id, False
            handoff = Handoff(
                user_id=user_id,
                state=WAITING,
                reason=reason,
                topic=topic,
                language=language,
                channel=channel,
                last_user_message_at=_now(),
            )
            session.add(handoff)
            session.commit()
            return handoff.id, True

    async def open(
        self, user_id: str, reason: str, topic: str | None, language: str | None, channel: str
    ) -> int:
        """Open (or reuse) the user's hand-off and alert the staff on duty."""
        handoff_id, alert = await asyncio.to_thread(
            self._open,
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

    def _user_wrote(self, handoff_id: int) -> None:
        with self.database.session() as session:
            session.execute(
                update(Handoff).where(Handoff.id == handoff_id).values(last_user_message_at=_now())
            )
            session.commit()

    async def user_wrote(self, handoff: Handoff) -> None:
        """A message from the user while a person has the conversation."""
        await asyncio.to_thread(self._user_wrote, handoff.id)
        self.events.publish({"type": "message", "handoff_id": handoff.id})

    # -- staff side ----------------------------------------------------------------

    def audit(
        self,
        staff_id: int | None,
        action: str,
        handoff: Handoff | None = None,
        user_id: str | None = None,
    ) -> None:
        """Record what a staff member read or did."""
        with self.database.session() as session:
            session.add(
                AuditEntry(
                    staff_id=staff_id,
                    action=action,
                    user_id=user_id or (handoff.user_id if handoff else None),
                    handoff_id=handoff.id if handoff else None,
                )
            )
            session.commit()

    def claim(self, handoff_id: int, staff_id: int) -> bool:
        """Take a waiting conversation; False when someone else was first."""
        with self.database.session() as session:
            result = session.execute(
                update(Handoff)
                .where(Handoff.id == handoff_id, Handoff.state == WAITING)
                .values(state=ASSIGNED, assigned_to=staff_id, claimed_at=_now())
            )
            session.commit()
            won = _rowcount(result) == 1
        if won:
            self.audit(staff_id, "claim", self.get(handoff_id))
            self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return won

    def transfer(self, handoff_id: int, from_staff: int, to_staff: int) -> bool:
        """Give an assigned conversation to a colleague."""
        with self.database.session() as session:
            colleague = session.get(Staff, to_staff)
            if colleague is None or not colleague.active:
                return False
            result = session.execute(
                update(Handoff)
                .where(Handoff.id == handoff_id, Handoff.state == ASSIGNED)
                .values(assigned_to=to_staff)
            )
            session.commit()
            moved = _rowcount(result) == 1
        if moved:
            self.audit(from_staff, f"transfer:{to_staff}", self.get(handoff_id))
            self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return moved

    def add_note(self, handoff_id: int, staff_id: int, text: str) -> None:
        """An internal note (never sent to the user), without invisible characters."""
        text = clean_text(text, MAX_STAFF_TEXT)
        if not text:
            return
        with self.database.session() as session:
            session.add(Note(handoff_id=handoff_id, staff_id=staff_id, text=text))
            session.commit()
        self.events.publish({"type": "note", "handoff_id": handoff_id})

    def _record(
        self,
        user_id: str,
        author: str,
        text: str,
        staff_id: int | None = None,
        kind: str = "text",
        delivered: bool = True,
    ) -> None:
        with self.database.session() as session:
            session.add(
                Message(
                    user_id=user_id,
                    direction="out",
                    author=author,
                    kind=kind,
                    text=text,
                    staff_id=staff_id,
                    delivery_failed=not delivered,
                )
            )
            session.commit()

    def _address(self, user_id: str) -> str | None:
        with self.database.session() as session:
            user = session.get(User, user_id)
            return self._box.open(user.address_sealed) if user else None

    async def _deliver(self, channel: str, send: Callable[[], Awaitable[None]]) -> bool:
        """Run ``send``; False when the channel refused (blocked bot, gone number, outage)."""
        try:
            await send()
        except Exception as error:  # any refusal: record it and tell the agent, never a 500
            log.warning("%s: staff message not delivered (%s)", channel, type(error).__name__)
            return False
        return True

    async def _send_text(
        self, handoff: Handoff, text: str, author: str, staff_id: int | None = None
    ) -> bool:
        """Send and record a message to the user; False when the channel refused it."""
        delivered = True
        if self.outbound.can_send(handoff.channel):
            address = await asyncio.to_thread(self._address, handoff.user_id)
            rendered = render(
                envelope(MESSAGE, handoff.language, text),
                handoff.channel,
                self.sms_max_segments,
            )
            delivered = address is not None and await self._deliver(
                handoff.channel,
                lambda: self.outbound.send(handoff.channel, address or "", rendered.messages),
            )
        await asyncio.to_thread(
            self._record, handoff.user_id, author, text, staff_id, "text", delivered
        )
        self.events.publish({"type": "message", "handoff_id": handoff.id})
        return delivered

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
            address = await asyncio.to_thread(self._address, handoff.user_id)
            if not self.whatsapp_template_sid or address is None:
                return "refused"
            sid = self.whatsapp_template_sid
            delivered = await self._deliver(
                handoff.channel, lambda: self.outbound.send_template(handoff.channel, address, sid)
            )
            await asyncio.to_thread(
                self._record,
                handoff.user_id,
                "staff",
                "[template]",
                staff_id,
                "template",
                delivered,
            )
            self.events.publish({"type": "message", "handoff_id": handoff.id})
            return "template" if delivered else "failed"
        delivered = await self._send_text(handoff, text, "staff", staff_id)
        return "sent" if delivered else "failed"

    def _close(self, handoff_id: int) -> Handoff | None:
        with self.database.session() as session:
            result = session.execute(
                update(Handoff)
                .where(Handoff.id == handoff_id, Handoff.state.in_(OPEN_STATES))
                .values(state=CLOSED, closed_at=_now())
            )
            session.commit()
            if _rowcount(result) != 1:
                return None
            return session.get(Handoff, handoff_id)

    async def close(self, handoff_id: int, staff_id: int | None) -> bool:
        """Give the conversation back to the assistant and tell the user."""
        handoff = await asyncio.to_thread(self._close, handoff_id)
        if handoff is None:
            return False
        await asyncio.to_thread(self.audit, staff_id, "close", handoff)
        language = handoff.language or FALLBACK_LANGUAGE
        notice = translate(
            language,
            _(
                "The conversation with the team is closed. The assistant answers you again: "
                "write MENU to see the topics."
            ),
        )
        if not self.whatsapp_window_closed(handoff):
            await self._send_text(handoff, notice, "system")
        self.events.publish({"type": "queue", "handoff_id": handoff_id})
        return True

    def wants_bot(self, text: str) -> bool:
        """True when the user asks to go back to the assistant."""
        return normalize(text) in BACK_TO_BOT_WORDS

    def describe(self, item: QueueItem, now: dt.datetime) -> dict[str, Any]:
        """A JSON-friendly view of a queue line (for the live queue)."""
        return {
            "id": item.id,
            "state": item.state,
            "reason": item.reason,
            "topic": item.topic,
            "language": item.language,
            "channel": item.channel,
            "waiting_minutes": item.waiting_minutes(now),
            "assignee": item.assignee,
        }
