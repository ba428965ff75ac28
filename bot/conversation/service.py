"""The gateway's core: one incoming message in, the channel's replies out.

For every channel the same steps: accept the message durably (dropping a
duplicate delivery and senders over their limit), then answer the sender's
queued messages one at a time, in order (``Turn``). When Rasa is down the
messages wait, the user is told, and an emergency is still answered (for a
new user, in the language of their message).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from bot.conversation.danger import DangerCheck
from bot.conversation.emergency import with_alert
from bot.conversation.incoming import Incoming, clean_text
from bot.conversation.locks import KeyedLocks
from bot.conversation.message_language import language_for
from bot.conversation.notices import given_up, outage, slow_down
from bot.conversation.payloads import Payloads, chosen_language
from bot.conversation.rasa_client import RasaClient, RasaUnavailable
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.records import ConversationRecords
from bot.conversation.reply import Accepted, Reply
from bot.conversation.turn import Turn, TurnOptions
from bot.handoff.service import HandoffService
from bot.replies.rendering import OutMessage
from bot.storage.database import Database
from bot.storage.models import PendingMessage
from common.content.topics import TopicCatalog
from common.envelope import Envelope
from common.languages import FALLBACK_LANGUAGE

log = logging.getLogger(__name__)

# A message that fails this many times while Rasa is up is given up on (with
# an answer to the user and a dead-letter record): it must never block the
# sender's later messages.
MAX_ATTEMPTS = 3
# While Rasa is down, a user who keeps writing is told so at most this often.
OUTAGE_NOTICE_EVERY = dt.timedelta(minutes=10)


def _incoming_of(row: PendingMessage) -> Incoming:
    """A queued message as the turn handles it (the address is not needed there)."""
    return Incoming(row.channel, "", row.text, None, row.media_kind, row.media_ref, row.realm)


class ConversationService:
    """Handles incoming messages of every channel."""

    def __init__(
        self,
        database: Database,
        rasa: RasaClient,
        pseudonym_key: str,
        address_key: str,
        options: TurnOptions | None = None,
        handoffs: HandoffService | None = None,
        danger: DangerCheck | None = None,
        payloads: Payloads | None = None,
        rate_limiter: RateLimiter | None = None,
        client_limiter: RateLimiter | None = None,
        locks: KeyedLocks | None = None,
    ) -> None:
        """Wire the database, Rasa, the keys, the hand-off service and the limits."""
        options = TurnOptions() if options is None else options
        self.records = ConversationRecords(
            database, pseudonym_key, address_key, options.max_text_chars
        )
        self.rasa = rasa
        self.handoffs = handoffs
        self.danger = DangerCheck(rasa=rasa) if danger is None else danger
        self.turn = Turn(
            self.records,
            rasa,
            self.danger,
            Payloads(TopicCatalog.load()) if payloads is None else payloads,
            options,
            handoffs,
        )
        self.locks = KeyedLocks() if locks is None else locks
        self.rate_limiter = RateLimiter() if rate_limiter is None else rate_limiter
        self.client_limiter = (
            RateLimiter(self.rate_limiter.limit * 5) if client_limiter is None else client_limiter
        )

    @property
    def database(self) -> Database:
        """The gateway's database."""
        return self.records.database

    def user_id(self, channel: str, address: str) -> str:
        """The pseudonymous id of a sender."""
        return self.records.user_id(channel, address)

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
            return Accepted(user_id, "limited", message.text)
        async with self.locks.hold(user_id):
            outcome = await asyncio.to_thread(self.records.record_delivery, message, user_id)
        if outcome == "duplicate":
            log.info("duplicate delivery dropped (channel=%s)", message.channel)
        return Accepted(user_id, outcome)

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
            rows = await asyncio.to_thread(self.records.pending, user_id)
            for index, row in enumerate(rows):
                try:
                    reply = await self.turn.handle(_incoming_of(row), user_id, row.new_user)
                except RasaUnavailable as error:
                    log.warning("rasa unavailable (%s); message kept for later", error)
                    if await self.rasa.is_ready():
                        # Rasa is up, yet this message failed: count it.
                        attempts = await asyncio.to_thread(self.records.count_attempt, row.id)
                        if attempts >= MAX_ATTEMPTS:
                            replies.append(await self._give_up(row, user_id, str(error)))
                            continue
                    replies += await self._while_down(rows[index:], user_id)
                    break
                await asyncio.to_thread(self.records.finish, row.id)
                reply.channel = row.channel
                replies.append(reply)
        return replies

    async def handle(self, message: Incoming) -> Reply:
        """Accept a message and answer it now (all that is queued for this sender)."""
        accepted = await self.accept(message)
        if accepted.outcome == "duplicate":
            return Reply(accepted.user_id, duplicate=True)
        if accepted.outcome == "limited":
            return await self.limited_reply(accepted, message.channel)
        replies = await self.process(accepted.user_id)
        merged = Reply(accepted.user_id, channel=message.channel)
        for reply in replies:
            merged.messages += reply.messages
            merged.envelopes += reply.envelopes
            merged.language = reply.language or merged.language
            merged.handoff = merged.handoff or reply.handoff
            merged.apology = merged.apology or reply.apology
        return merged

    async def limited_reply(self, accepted: Accepted, channel: str) -> Reply:
        """The polite answer to a sender over the rate limit (the message is not queued).

        An emergency is still answered: the numbers come first (the gateway's
        own lexicon decides; nothing is stored and no one is alerted, so a
        flood cannot fill the staff queue). A user in danger gets both in the
        language the message is clearly written in (else the conversation's);
        the rest of a flood is not worth the detector's time.
        """
        text = clean_text(accepted.text, self.turn.options.max_text_chars)
        user = await asyncio.to_thread(self.records.load_user, accepted.user_id)
        stored = user.language if user is not None else None
        in_danger = self.danger.is_danger(text)
        written_in = stored
        if in_danger:
            written_in = await asyncio.to_thread(language_for, text, stored)
        envelopes = [self.danger.emergency(written_in or FALLBACK_LANGUAGE)] if in_danger else []
        envelopes.append(slow_down(written_in))
        messages = self.turn.render_all(envelopes, channel)
        # The stored language only: the web chat keeps a reply's language as the user's choice.
        return Reply(accepted.user_id, messages, stored, envelopes, channel=channel, limited=True)

    async def unrecorded_emergency(self, text: str, channel: str) -> list[OutMessage]:
        """The emergency answer to ``text`` if it is one, from the gateway alone (else nothing).

        For a message that cannot even be stored (the database is down): a
        person in danger still gets the numbers at once, in the language the
        message is written in (the user's own cannot be read). Nothing is
        stored and no one is alerted here; a channel that retries the message
        brings it back once the database is.
        """
        text = clean_text(text, self.turn.options.max_text_chars)
        if not self.danger.is_danger(text):
            return []
        language = await asyncio.to_thread(language_for, text, None) or FALLBACK_LANGUAGE
        return self.turn.render_all([self.danger.emergency(language)], channel)

    # -- Rasa down, or a message that keeps failing ---------------------------------

    async def _language_of(self, user_id: str, text: str) -> str:
        """The language to answer ``text`` in.

        A language button's; else the language ``text`` is clearly written in, if
        another than the conversation's; else the conversation's; for a new user,
        the text's.
        """
        chosen = chosen_language(text)
        if chosen is not None:
            return chosen
        user = await asyncio.to_thread(self.records.load_user, user_id)
        current = user.language if user is not None and user.language else None
        if not text:
            return current or FALLBACK_LANGUAGE
        return await asyncio.to_thread(language_for, text, current) or FALLBACK_LANGUAGE

    async def _while_down(self, rows: list[PendingMessage], user_id: str) -> list[Reply]:
        """Rasa is down: an apology now and then, the emergency answer whenever needed."""
        replies: list[Reply] = []
        last = await asyncio.to_thread(self.records.last_apology_at, user_id)
        now = dt.datetime.now(dt.UTC)
        for row in rows:
            if row.apologized:
                continue
            language = await self._language_of(user_id, row.text)
            due = last is None or now - last >= OUTAGE_NOTICE_EVERY
            envelopes = await self._alert_staff(
                user_id, language, row, self.danger.answer(row.text, language)
            )
            if due:
                envelopes.append(outage(language))
                last = now
            if envelopes:
                replies.append(await self._say(user_id, row.channel, language, envelopes))
            await asyncio.to_thread(self.records.mark_apologized, row.id)
        return replies

    async def _give_up(self, row: PendingMessage, user_id: str, reason: str) -> Reply:
        """Record a message that keeps failing as a dead letter, and tell the user."""
        await asyncio.to_thread(self.records.dead_letter, row, reason)
        log.error("message given up after %d attempts (%s)", row.attempts + 1, reason)
        language = await self._language_of(user_id, row.text)
        envelopes = await self._alert_staff(
            user_id, language, row, self.danger.answer(row.text, language)
        )
        return await self._say(user_id, row.channel, language, [*envelopes, given_up(language)])

    async def _alert_staff(
        self, user_id: str, language: str, row: PendingMessage, envelopes: list[Envelope]
    ) -> list[Envelope]:
        """Danger while the assistant cannot answer: a person is alerted, urgently (and told)."""
        if not envelopes or self.handoffs is None:
            return envelopes
        source = row.realm or row.channel
        await self.handoffs.open(user_id, "emergency", "emergency", language, source)
        return with_alert(envelopes, self.handoffs.hours, language)

    async def _say(
        self, user_id: str, channel: str, language: str, envelopes: list[Envelope]
    ) -> Reply:
        """Render and record what the gateway itself says (Rasa not involved)."""
        messages = self.turn.render_all(envelopes, channel)
        await asyncio.to_thread(self.records.save_system_messages, user_id, envelopes)
        return Reply(user_id, messages, language, envelopes, channel=channel, apology=True)
