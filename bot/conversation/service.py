"""The gateway's core: one incoming message in, the channel's replies out.

For every channel the same steps: drop a duplicate delivery, handle one
sender's messages in order, map commands, menu numbers and MORE to what they
mean, ask Rasa, remember the language, the last menu and the full text of the
last answer, render the replies for the channel and record both sides.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.conversation.identity import AddressBox, pseudonym
from bot.conversation.incoming import Incoming, clean_text
from bot.conversation.locks import KeyedLocks
from bot.conversation.payloads import Payloads
from bot.conversation.privacy import erase_everywhere, privacy_notice
from bot.conversation.rasa_client import RasaClient, RasaUnavailable
from bot.conversation.rate_limit import RateLimiter
from bot.handoff.service import HandoffService
from bot.replies.rendering import Choice, OutMessage, Rendered, render, render_more
from bot.storage.database import Database
from bot.storage.models import (
    DeadLetter,
    Delivery,
    Message,
    PendingMessage,
    User,
    delivery_key,
)
from common.content import AnswerStore
from common.content.emergency import emergency_envelope
from common.content.topics import TopicCatalog
from common.i18n import _, translate
from common.text.emergency import EmergencyLexicon
from common.text.normalize import normalize

log = logging.getLogger(__name__)

COMMANDS = {
    "/start": "/greet",
    "/help": "/greet",
    "/menu": "/greet",
    "/language": "/change_language",
    "/delete": "/delete_my_data",
}
# A message that fails this many times while Rasa is up is given up on (with
# an answer to the user and a dead-letter record): it must never block the
# sender's later messages.
MAX_ATTEMPTS = 3
# While Rasa is down, a user who keeps writing is told so at most this often.
OUTAGE_NOTICE_EVERY = dt.timedelta(minutes=10)
MORE_WORDS = frozenset(
    {"more", "plus", "details", "detail", "المزيد", "مزيد", "zid", "mazid", "were"}
)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")


@dataclass
class Reply:
    """What the gateway sends back for one incoming message."""

    user_id: str
    messages: list[OutMessage] = field(default_factory=list)
    language: str | None = None
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    duplicate: bool = False
    handoff: bool = False
    channel: str = ""
    apology: bool = False
    limited: bool = False


def _incoming_of(row: PendingMessage) -> Incoming:
    """A queued message as the turn handles it (the address is not needed there)."""
    return Incoming(row.channel, "", row.text, None, row.media_kind, row.media_ref, row.realm)


@dataclass(frozen=True)
class Accepted:
    """An incoming message stored for processing (or why it was not)."""

    user_id: str
    outcome: str  # "new" (first message of a user), "known", "duplicate" or "limited"


class ConversationService:
    """Handles incoming messages of every channel."""

    def __init__(
        self,
        database: Database,
        rasa: RasaClient,
        pseudonym_key: str,
        address_key: str,
        sms_max_segments: int = 3,
        max_text_chars: int = 2000,
        handoffs: HandoffService | None = None,
        retention_days: int = 90,
        privacy_url: str = "/privacy",
        log_ids: bool = False,
        emergency_reply: Callable[[str], dict[str, Any]] | None = None,
        payloads: Payloads | None = None,
        rate_limiter: RateLimiter | None = None,
        client_limiter: RateLimiter | None = None,
        locks: KeyedLocks | None = None,
    ) -> None:
        """Wire the database, Rasa, the keys and (optionally) the hand-off service."""
        self.database = database
        self.rasa = rasa
        self._pseudonym_key = pseudonym_key
        self._box = AddressBox(address_key)
        self.sms_max_segments = sms_max_segments
        self.max_text_chars = max_text_chars
        self.locks = KeyedLocks() if locks is None else locks
        self.handoffs = handoffs
        self.retention_days = retention_days
        self.log_ids = log_ids
        self.emergency_reply = emergency_reply or functools.partial(
            emergency_envelope, AnswerStore()
        )
        self.lexicon = EmergencyLexicon.load()
        self.rate_limiter = RateLimiter() if rate_limiter is None else rate_limiter
        self.client_limiter = (
            RateLimiter(self.rate_limiter.limit * 5) if client_limiter is None else client_limiter
        )
        self.payloads = Payloads(TopicCatalog.load()) if payloads is None else payloads
        self.privacy_url = privacy_url

    def user_id(self, channel: str, address: str) -> str:
        """The pseudonymous id of a sender."""
        return pseudonym(self._pseudonym_key, channel, address)

    def address_of(self, user_id: str) -> str | None:
        """The clear reply address of a user (for the sending code only)."""
        with self.database.session() as session:
            user = session.get(User, user_id)
            return self._box.open(user.address_sealed) if user else None

    # -- storage steps (synchronous; run in a worker thread) -----------------

    def _record_delivery(self, message: Incoming, user_id: str) -> str:
        """Record the delivery and queue the message, in one transaction.

        Returns ``"duplicate"`` (this channel message id was seen before:
        nothing is queued), ``"new"`` (the sender's first message) or
        ``"known"``. One commit: the user, the delivery id and the queued
        message are stored together or not at all.
        """
        try:
            return self._try_record_delivery(message, user_id)
        except IntegrityError:
            # The user was created meanwhile by another process: once more, as known.
            return self._try_record_delivery(message, user_id)

    def _try_record_delivery(self, message: Incoming, user_id: str) -> str:
        with self.database.session() as session:
            try:
                outcome = self._stage_delivery(session, message, user_id)
                session.commit()
                return outcome
            except IntegrityError:
                session.rollback()
                if message.external_id and self._delivered_before(session, message):
                    return "duplicate"
                raise

    def _stage_delivery(self, session: Session, message: Incoming, user_id: str) -> str:
        """Add the user (when new), the delivery id and the queued message to ``session``."""
        if message.external_id and self._delivered_before(session, message):
            return "duplicate"  # also after the user's erasure: a late retry brings nothing back
        user = session.get(User, user_id)
        outcome = "known"
        if user is None:
            outcome = "new"
            session.add(
                User(
                    id=user_id,
                    channel=message.realm or message.channel,
                    address_sealed=self._box.seal(message.address),
                )
            )
            session.flush()  # the user row first: the other two refer to it
        else:
            user.last_seen_at = dt.datetime.now(dt.UTC)
        if message.external_id:
            session.add(Delivery(key=self._delivery_key(message, user_id), user_id=user_id))
        session.add(
            PendingMessage(
                user_id=user_id,
                channel=message.channel,
                realm=message.realm,
                text=clean_text(message.text, self.max_text_chars),
                media_kind=message.media_kind,
                media_ref=clean_text(message.media_ref, 2048) if message.media_ref else None,
                new_user=outcome == "new",
            )
        )
        session.flush()
        return outcome

    @staticmethod
    def _delivery_key(message: Incoming, user_id: str) -> str:
        assert message.external_id is not None
        return delivery_key(message.realm or message.channel, user_id, message.external_id)

    def _delivered_before(self, session: Session, message: Incoming) -> bool:
        user_id = self.user_id(message.realm or message.channel, message.address)
        return session.get(Delivery, self._delivery_key(message, user_id)) is not None

    def _load_user(self, user_id: str) -> User:
        with self.database.session() as session:
            user = session.get(User, user_id)
            assert user is not None
            return user

    def _save_turn(
        self,
        user_id: str,
        incoming_text: str,
        incoming_kind: str,
        replies: list[tuple[dict[str, Any], Rendered]],
        language: str | None,
        menu: list[Choice] | None,
        more_text: str | None,
        media_ref: str | None = None,
    ) -> None:
        with self.database.session() as session:
            user = session.get(User, user_id)
            if user is None:  # deleted meanwhile
                return
            session.add(
                Message(
                    user_id=user_id,
                    direction="in",
                    author="user",
                    kind=incoming_kind,
                    text=incoming_text,
                    media_ref=media_ref,
                )
            )
            for envelope, rendered in replies:
                session.add(
                    Message(
                        user_id=user_id,
                        direction="out",
                        author="bot",
                        kind="fallback"
                        if envelope.get("fallback") or envelope.get("kind") == "fallback"
                        else str(envelope.get("kind", "message"))[:16],
                        text="\n\n".join(m.text for m in rendered.messages),
                        topic=envelope.get("topic"),
                    )
                )
            if language:
                user.language = language
            if menu is not None:
                user.last_menu = [c.__dict__ for c in menu]
            if more_text is not None:
                user.more_text = more_text
            session.commit()

    def _save_user_message(self, user_id: str, text: str, kind: str, media_ref: str | None) -> None:
        with self.database.session() as session:
            session.add(
                Message(
                    user_id=user_id,
                    direction="in",
                    author="user",
                    kind=kind,
                    text=text,
                    media_ref=media_ref,
                )
            )
            session.commit()

    def last_topic(self, user_id: str) -> str | None:
        """The topic of the last answer the assistant gave this user."""
        with self.database.session() as session:
            return session.scalars(
                select(Message.topic)
                .where(Message.user_id == user_id, Message.topic.is_not(None))
                .order_by(Message.id.desc())
                .limit(1)
            ).first()

    async def _erase(self, user_id: str) -> None:
        """The user asked to delete their data: the gateway's and Rasa's (see ``privacy``)."""
        await erase_everywhere(self.database, self.rasa, user_id)

    def cursor(self, user_id: str) -> int:
        """Id of the user's latest message record (0 when none)."""
        with self.database.session() as session:
            return (
                session.scalar(select(func.max(Message.id)).where(Message.user_id == user_id)) or 0
            )

    def pushed_since(self, user_id: str, after: int) -> list[Message]:
        """Messages sent to the user after message ``after`` outside a request's reply.

        Staff replies, system notices, and answers to messages that waited for
        Rasa to come back.
        """
        with self.database.session() as session:
            return list(
                session.scalars(
                    select(Message)
                    .where(
                        Message.user_id == user_id, Message.id > after, Message.direction == "out"
                    )
                    .order_by(Message.id)
                )
            )

    def transcript(self, user_id: str) -> list[Message]:
        """The user's conversation record, oldest first."""
        with self.database.session() as session:
            rows = session.scalars(
                select(Message).where(Message.user_id == user_id).order_by(Message.id)
            )
            return list(rows)

    # -- the turn --------------------------------------------------------------

    def _interpret(self, text: str, user: User) -> tuple[str, bool]:
        """Map a command, a menu number or MORE; returns (text for Rasa, is_more)."""
        command = text.split("@")[0].strip().lower()
        if command in COMMANDS:
            return COMMANDS[command], False
        number = _BARE_NUMBER.match(text)
        if number and user.last_menu:
            index = int(number.group(1))
            for item in user.last_menu:
                if item.get("number") == index:
                    return str(item["payload"]), False
        if normalize(text) in MORE_WORDS and user.more_text:
            return text, True
        return self.payloads.sanitise(text), False

    # -- accepting and processing -----------------------------------------------

    async def accept(self, message: Incoming) -> Accepted:
        """Store an incoming message durably before the channel is answered.

        Raises:
            sqlalchemy.exc.SQLAlchemyError: the database is unavailable; the
                webhook must then answer with an error so the channel retries.
        """
        user_id = self.user_id(message.realm or message.channel, message.address)
        client = message.client and self.user_id("client", message.client)
        if (client and not self.client_limiter.allow(client)) or not self.rate_limiter.allow(
            user_id
        ):
            return Accepted(user_id, "limited")
        async with self.locks.hold(user_id):
            outcome = await asyncio.to_thread(self._record_delivery, message, user_id)
        if outcome == "duplicate":
            log.info("duplicate delivery dropped (channel=%s)", message.channel)
        return Accepted(user_id, outcome)

    def _pending(self, user_id: str) -> list[PendingMessage]:
        with self.database.session() as session:
            return list(
                session.scalars(
                    select(PendingMessage)
                    .where(PendingMessage.user_id == user_id)
                    .order_by(PendingMessage.id)
                )
            )

    def _finish(self, pending_id: int) -> None:
        with self.database.session() as session:
            session.execute(delete(PendingMessage).where(PendingMessage.id == pending_id))
            session.commit()

    def _mark_apologized(self, pending_id: int) -> None:
        with self.database.session() as session:
            session.execute(
                update(PendingMessage)
                .where(PendingMessage.id == pending_id)
                .values(apologized=True)
            )
            session.commit()

    def users_with_pending(self) -> list[str]:
        """Users whose messages wait for Rasa, oldest first."""
        with self.database.session() as session:
            rows = session.execute(
                select(PendingMessage.user_id, func.min(PendingMessage.id))
                .group_by(PendingMessage.user_id)
                .order_by(func.min(PendingMessage.id))
            ).all()
        return [user_id for user_id, _first in rows]

    async def process(self, user_id: str) -> list[Reply]:
        """Answer the user's queued messages in order.

        When Rasa is down the messages stay queued: the user is told once
        (and again after ``OUTAGE_NOTICE_EVERY`` if they keep writing), and an
        emergency among them gets the emergency answer from the gateway at
        once. A message that keeps failing while Rasa is up is given up on
        after ``MAX_ATTEMPTS``, with an answer, so that it never blocks the
        messages after it.
        """
        replies: list[Reply] = []
        async with self.locks.hold(user_id):
            rows = await asyncio.to_thread(self._pending, user_id)
            for index, row in enumerate(rows):
                incoming = _incoming_of(row)
                try:
                    reply = await self._handle_in_order(incoming, user_id, row.new_user)
                except RasaUnavailable as error:
                    log.warning("rasa unavailable (%s); message kept for later", error)
                    if await self.rasa.is_ready():
                        # Rasa is up, yet this message failed: count it.
                        attempts = await asyncio.to_thread(self._count_attempt, row.id)
                        if attempts >= MAX_ATTEMPTS:
                            replies.append(await self._give_up(row, user_id, str(error)))
                            continue
                    replies += await self._while_down(rows[index:], user_id)
                    break
                await asyncio.to_thread(self._finish, row.id)
                reply.channel = row.channel
                replies.append(reply)
        return replies

    def _count_attempt(self, pending_id: int) -> int:
        with self.database.session() as session:
            row = session.get(PendingMessage, pending_id)
            if row is None:
                return 0
            row.attempts += 1
            session.commit()
            return row.attempts

    async def _while_down(self, rows: list[PendingMessage], user_id: str) -> list[Reply]:
        """Rasa is down: an apology now and then, the emergency answer whenever needed."""
        replies: list[Reply] = []
        last = await asyncio.to_thread(self._last_apology_at, user_id)
        now = dt.datetime.now(dt.UTC)
        for row in rows:
            if row.apologized:
                continue
            due = last is None or now - last >= OUTAGE_NOTICE_EVERY
            reply = await self._apology(_incoming_of(row), user_id, notice=due)
            if reply.messages:
                replies.append(reply)
            last = now if due else last
            await asyncio.to_thread(self._mark_apologized, row.id)
        return replies

    def _last_apology_at(self, user_id: str) -> dt.datetime | None:
        with self.database.session() as session:
            moment = session.scalar(
                select(func.max(Message.created_at)).where(
                    Message.user_id == user_id, Message.kind == "apology"
                )
            )
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment

    async def _give_up(self, row: PendingMessage, user_id: str, reason: str) -> Reply:
        """Record a message that keeps failing as a dead letter, and tell the user."""
        await asyncio.to_thread(self._dead_letter, row, reason)
        log.error("message given up after %d attempts (%s)", row.attempts + 1, reason)
        user = await asyncio.to_thread(self._load_user_or_none, user_id)
        language = (user.language if user else None) or "fr"
        envelopes = self._emergency_first(row.text, language)
        envelopes.append(
            {
                "kind": "apology",
                "lang": language,
                "text": translate(
                    language,
                    _(
                        "Sorry, I could not answer this message. Write your question again in "
                        "other words, or write MENU to see the themes."
                    ),
                ),
                "buttons": [],
            }
        )
        return await self._system_reply(user_id, row.channel, language, envelopes)

    def _dead_letter(self, row: PendingMessage, reason: str) -> None:
        with self.database.session() as session:
            session.add(
                DeadLetter(
                    user_id=row.user_id,
                    channel=row.channel,
                    text=row.text,
                    media_kind=row.media_kind,
                    reason=reason[:32],
                    attempts=row.attempts + 1,
                    created_at=row.created_at,
                )
            )
            session.execute(delete(PendingMessage).where(PendingMessage.id == row.id))
            session.commit()

    def _emergency_first(self, text: str, language: str) -> list[dict[str, Any]]:
        """The emergency answer when ``text`` is an emergency (else nothing)."""
        if self.lexicon.matches(text):
            return [self.emergency_reply(language)]
        return []

    async def _system_reply(
        self, user_id: str, channel: str, language: str, envelopes: list[dict[str, Any]]
    ) -> Reply:
        """Render and record what the gateway itself says (Rasa not involved)."""
        messages = [
            m for e in envelopes for m in render(e, channel, self.sms_max_segments).messages
        ]
        if envelopes:
            await asyncio.to_thread(self._record_apology, user_id, envelopes)
        return Reply(user_id, messages, language, envelopes, channel=channel, apology=True)

    async def handle(self, message: Incoming) -> Reply:
        """Accept a message and answer it now (all that is queued for this sender)."""
        accepted = await self.accept(message)
        if accepted.outcome == "duplicate":
            return Reply(accepted.user_id, duplicate=True)
        if accepted.outcome == "limited":
            return self.limited_reply(accepted.user_id, message.channel)
        replies = await self.process(accepted.user_id)
        merged = Reply(accepted.user_id, channel=message.channel)
        for reply in replies:
            merged.messages += reply.messages
            merged.envelopes += reply.envelopes
            merged.language = reply.language or merged.language
            merged.handoff = merged.handoff or reply.handoff
            merged.apology = merged.apology or reply.apology
        return merged

    def limited_reply(self, user_id: str, channel: str) -> Reply:
        """The polite answer to a sender over the rate limit (not queued)."""
        text = translate(
            "fr",
            _("You are sending many messages. Please wait a minute, then write again."),
        )
        user = self._load_user_or_none(user_id)
        if user is not None and user.language:
            text = translate(
                user.language,
                _("You are sending many messages. Please wait a minute, then write again."),
            )
        messages = render({"kind": "message", "lang": None, "text": text}, channel).messages
        return Reply(user_id, messages, channel=channel, limited=True)

    def _load_user_or_none(self, user_id: str) -> User | None:
        with self.database.session() as session:
            return session.get(User, user_id)

    async def _apology(self, message: Incoming, user_id: str, notice: bool = True) -> Reply:
        """The assistant is down: say sorry (when ``notice``), the emergency answer if needed."""
        user = await asyncio.to_thread(self._load_user_or_none, user_id)
        language = (user.language if user else None) or "fr"
        envelopes = self._emergency_first(message.text, language)
        if notice:
            envelopes.append(
                {
                    "kind": "apology",
                    "lang": language,
                    "text": translate(
                        language,
                        _(
                            "Sorry, the assistant is not available right now. Your message is "
                            "kept: you will get the answer here as soon as it is back."
                        ),
                    ),
                    "buttons": [],
                }
            )
        return await self._system_reply(user_id, message.channel, language, envelopes)

    def _record_apology(self, user_id: str, envelopes: list[dict[str, Any]]) -> None:
        with self.database.session() as session:
            for envelope in envelopes:
                session.add(
                    Message(
                        user_id=user_id,
                        direction="out",
                        author="system",
                        kind=str(envelope["kind"]),
                        text=str(envelope["text"]),
                    )
                )
            session.commit()

    async def _handle_in_order(self, message: Incoming, user_id: str, new_user: bool) -> Reply:
        user = await asyncio.to_thread(self._load_user, user_id)
        language = user.language
        text = clean_text(message.text, self.max_text_chars)
        kind = message.media_kind or "text"
        if self.handoffs is not None:
            active = await asyncio.to_thread(self.handoffs.active, user_id)
            if active is not None:
                # A person has the conversation: the assistant stays silent.
                await asyncio.to_thread(
                    self._save_user_message, user_id, text, kind, message.media_ref
                )
                if text and self.handoffs.wants_bot(text):
                    await self.handoffs.close(active.id, None)
                    return Reply(user_id, [], language, handoff=True)
                await self.handoffs.user_wrote(active)
                danger = self._emergency_first(text, language or active.language or "fr")
                if danger:
                    # Waiting for a person does not delay the emergency answer, and the
                    # conversation moves to the top of the staff queue as urgent.
                    await self.handoffs.open(
                        user_id, "emergency", "emergency", language, active.channel
                    )
                    reply = await self._system_reply(
                        user_id, message.channel, language or "fr", danger
                    )
                    return Reply(user_id, reply.messages, language, danger, handoff=True)
                return Reply(user_id, [], language, handoff=True)
        notice: str | None = None
        if message.media_kind and not text:
            notice = _("I can only read text messages. Please write your question, or choose:")
            rasa_text = "/greet"
        elif not text:
            notice = _("Your message was empty. Write your question, or choose:")
            rasa_text = "/greet"
        else:
            rasa_text, is_more = self._interpret(text, user)
            if is_more and user.more_text:
                messages = render_more(user.more_text, message.channel, self.sms_max_segments)
                more_envelope = {"kind": "more", "lang": language, "text": user.more_text}
                rendered = Rendered(messages, [], None)
                await asyncio.to_thread(
                    self._save_turn,
                    user_id,
                    text,
                    kind,
                    [(more_envelope, rendered)],
                    None,
                    None,
                    None,
                )
                return Reply(user_id, messages, language, [more_envelope])

        metadata = {"channel": message.channel, "language": language}
        envelopes = await self.rasa.send(user_id, rasa_text, metadata)
        if not envelopes:
            envelopes = await self._when_rasa_said_nothing(text, language)
        handoff_reason = next((str(e["handoff"]) for e in envelopes if e.get("handoff")), None)
        if handoff_reason and self.handoffs is not None:
            if await self.handoffs.accepts_new(user_id, message.realm or message.channel):
                envelopes = self._with_handoff_notice(envelopes, language)
            else:
                handoff_reason = None
                envelopes = self._with_busy_notice(envelopes, language)
        if new_user:
            lang = next((e.get("lang") for e in envelopes if e.get("lang")), None)
            envelopes.append(
                {
                    "kind": "privacy",
                    "lang": lang,
                    "text": privacy_notice(lang, self.retention_days, self.privacy_url),
                    "buttons": [],
                }
            )
        if notice:
            for envelope in envelopes:
                if envelope.get("kind") == "menu":
                    envelope["text"] = translate(envelope.get("lang") or "fr", notice)
        replies: list[tuple[dict[str, Any], Rendered]] = []
        menu: list[Choice] | None = None
        more_text: str | None = None
        for envelope in envelopes:
            language = envelope.get("lang") or language
            rendered = render(envelope, message.channel, self.sms_max_segments)
            replies.append((envelope, rendered))
            if rendered.menu:
                menu = rendered.menu
            if rendered.more_text:
                more_text = rendered.more_text
        if envelopes and menu is None:
            menu = []
        if any(e.get("delete_user_data") for e in envelopes):
            await self._erase(user_id)
        else:
            await asyncio.to_thread(
                self._save_turn,
                user_id,
                text,
                kind,
                replies,
                language,
                menu,
                more_text,
                message.media_ref,
            )
        if handoff_reason and self.handoffs is not None:
            topic = "emergency" if handoff_reason == "emergency" else None
            topic = topic or await asyncio.to_thread(self.last_topic, user_id)
            await self.handoffs.open(
                user_id, handoff_reason, topic, language, message.realm or message.channel
            )
        messages = [m for _e, r in replies for m in r.messages]
        # Never the text or the address; the pseudonymous id only when asked.
        log.info(
            "turn: channel=%s user=%s replies=%d handoff=%s",
            message.channel,
            user_id if self.log_ids else "-",
            len(messages),
            handoff_reason or "-",
        )
        return Reply(user_id, messages, language, envelopes, handoff=bool(handoff_reason))

    async def _when_rasa_said_nothing(
        self, text: str, language: str | None
    ) -> list[dict[str, Any]]:
        """An empty answer: an outage when the action server is down, else still a reply.

        Rasa answers nothing when the action server cannot be reached (then
        the message waits for it), and for its own commands; the user must
        get an answer either way.

        Raises:
            RasaUnavailable: Rasa or the action server is down.
        """
        if not await self.rasa.is_ready():
            raise RasaUnavailable("no reply (action server down?)")
        lang = language or "fr"
        envelopes = self._emergency_first(text, lang)
        envelopes.append(
            {
                "kind": "menu",
                "lang": lang,
                "text": translate(
                    lang, _("Sorry, I could not answer that. Write your question, or choose:")
                ),
                "buttons": [{"title": translate(lang, _("Menu")), "payload": "/greet"}],
            }
        )
        return envelopes

    def _with_busy_notice(
        self, envelopes: list[dict[str, Any]], language: str | None
    ) -> list[dict[str, Any]]:
        """Too many new hand-offs from the anonymous web chat: say so instead."""
        lang = next((e.get("lang") for e in envelopes if e.get("lang")), language) or "fr"
        busy = translate(
            lang,
            _(
                "The team cannot take new conversations from this chat right now. Please "
                "write again in a few minutes. If you are in danger, call 19 (police) or "
                "15 (ambulance and fire)."
            ),
        )
        kept = [e for e in envelopes if e.get("kind") != "handoff"]
        return [*kept, {"kind": "message", "lang": lang, "text": busy, "buttons": []}]

    def _with_handoff_notice(
        self, envelopes: list[dict[str, Any]], language: str | None
    ) -> list[dict[str, Any]]:
        """Tell the user a person will answer, the expected wait and the hours."""
        assert self.handoffs is not None
        lang = next((e.get("lang") for e in envelopes if e.get("lang")), language) or "fr"
        notice = self.handoffs.user_notice(lang)
        result = []
        for envelope in envelopes:
            if envelope.get("kind") == "handoff":
                envelope = {**envelope, "text": notice}
            result.append(envelope)
        if not any(e.get("kind") == "handoff" for e in envelopes):
            result.append({"kind": "message", "lang": lang, "text": notice, "buttons": []})
        return result
