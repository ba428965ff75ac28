"""Users, messages and the queue of accepted messages, in the gateway's database.

Synchronous (the conversation core calls it in a worker thread). The
conversation core writes through it; the local channel and the inbox read
conversations through it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.conversation.identity import AddressBox, pseudonym
from bot.conversation.incoming import Incoming, clean_text
from bot.replies.rendering import Choice, Rendered
from bot.storage.database import Database
from bot.storage.models import (
    DeadLetter,
    Delivery,
    Message,
    PendingMessage,
    User,
    delivery_key,
)
from common.envelope import FALLBACK, Envelope

# The longest reference to a user's attachment that is kept (a channel's URL or id).
MAX_MEDIA_REF = 2048


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: they are UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


@dataclass(frozen=True)
class UserState:
    """What a turn leaves on the user row for the next one."""

    privacy_due: bool  # the privacy notice waits (it never follows the emergency answer)
    feedback_topic: str | None  # the answer whose "Useful?" choices were just shown


class ConversationRecords:
    """Reads and writes what the gateway keeps of each conversation."""

    def __init__(
        self, database: Database, pseudonym_key: str, address_key: str, max_text_chars: int
    ) -> None:
        """Keep the database, the keys of pseudonyms and sealed addresses, the text cap."""
        self.database = database
        self._pseudonym_key = pseudonym_key
        self._box = AddressBox(address_key)
        self.max_text_chars = max_text_chars

    # -- who ---------------------------------------------------------------------

    def user_id(self, channel: str, address: str) -> str:
        """The pseudonymous id of a sender."""
        return pseudonym(self._pseudonym_key, channel, address)

    def address_of(self, user_id: str) -> str | None:
        """The clear reply address of a user (for the sending code only)."""
        with self.database.session() as session:
            user = session.get(User, user_id)
            return self._box.open(user.address_sealed) if user else None

    def load_user(self, user_id: str) -> User | None:
        """The user's row (None when erased meanwhile)."""
        with self.database.session() as session:
            return session.get(User, user_id)

    # -- accepting a delivery -----------------------------------------------------

    def record_delivery(self, message: Incoming, user_id: str) -> str:
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
                if message.external_id and self._delivered_before(session, message, user_id):
                    return "duplicate"
                raise

    def _stage_delivery(self, session: Session, message: Incoming, user_id: str) -> str:
        """Add the user (when new), the delivery id and the queued message to ``session``."""
        if message.external_id and self._delivered_before(session, message, user_id):
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
            session.add(Delivery(key=_delivery_key(message, user_id), user_id=user_id))
        session.add(
            PendingMessage(
                user_id=user_id,
                channel=message.channel,
                realm=message.realm,
                text=clean_text(message.text, self.max_text_chars),
                media_kind=message.media_kind,
                media_ref=clean_text(message.media_ref, MAX_MEDIA_REF)
                if message.media_ref
                else None,
                new_user=outcome == "new",
            )
        )
        session.flush()
        return outcome

    @staticmethod
    def _delivered_before(session: Session, message: Incoming, user_id: str) -> bool:
        return session.get(Delivery, _delivery_key(message, user_id)) is not None

    # -- the queue ----------------------------------------------------------------

    def pending(self, user_id: str) -> list[PendingMessage]:
        """The user's accepted messages not answered yet, oldest first."""
        with self.database.session() as session:
            return list(
                session.scalars(
                    select(PendingMessage)
                    .where(PendingMessage.user_id == user_id)
                    .order_by(PendingMessage.id)
                )
            )

    def finish(self, pending_id: int) -> None:
        """A queued message was answered."""
        with self.database.session() as session:
            session.execute(delete(PendingMessage).where(PendingMessage.id == pending_id))
            session.commit()

    def mark_apologized(self, pending_id: int) -> None:
        """The user was told this message waits."""
        with self.database.session() as session:
            session.execute(
                update(PendingMessage)
                .where(PendingMessage.id == pending_id)
                .values(apologized=True)
            )
            session.commit()

    def count_attempt(self, pending_id: int) -> int:
        """One more failed try of a queued message; returns the count so far."""
        with self.database.session() as session:
            row = session.get(PendingMessage, pending_id)
            if row is None:
                return 0
            row.attempts += 1
            session.commit()
            return row.attempts

    def dead_letter(self, row: PendingMessage, reason: str) -> None:
        """Move a message that keeps failing out of the queue, keeping a record of it."""
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

    def users_with_pending(self) -> list[str]:
        """Users whose messages wait for Rasa, oldest first."""
        with self.database.session() as session:
            rows = session.execute(
                select(PendingMessage.user_id, func.min(PendingMessage.id))
                .group_by(PendingMessage.user_id)
                .order_by(func.min(PendingMessage.id))
            ).all()
        return [user_id for user_id, _first in rows]

    # -- the transcript --------------------------------------------------------------

    def save_turn(
        self,
        user_id: str,
        incoming: tuple[str, str, str | None],
        replies: list[tuple[Envelope, Rendered]],
        language: str | None,
        menu: list[Choice] | None,
        last_answer: str | None,
        state: UserState | None = None,
    ) -> None:
        """Record the user's message (text, kind, media) and the replies; remember the state.

        ``last_answer``: the answer whose parts the user can open next (None: unchanged).
        """
        with self.database.session() as session:
            user = session.get(User, user_id)
            if user is None:  # erased meanwhile
                return
            session.add(_user_message(user_id, *incoming))
            for envelope, rendered in replies:
                fallback = envelope.get("fallback") or envelope["kind"] == FALLBACK
                session.add(
                    Message(
                        user_id=user_id,
                        direction="out",
                        author="bot",
                        kind=FALLBACK if fallback else envelope["kind"][:16],
                        text="\n\n".join(m.text for m in rendered.messages),
                        topic=envelope.get("topic"),
                    )
                )
            if language:
                user.language = language
            if menu is not None:
                user.last_menu = [c.__dict__ for c in menu]
            if last_answer is not None:
                user.last_answer = last_answer
            if state is not None:
                user.privacy_due = state.privacy_due
                user.feedback_topic = state.feedback_topic
            session.commit()

    def save_user_message(self, user_id: str, text: str, kind: str, media_ref: str | None) -> None:
        """Record a message written while a person has the conversation."""
        with self.database.session() as session:
            session.add(_user_message(user_id, text, kind, media_ref))
            session.commit()

    def save_system_messages(self, user_id: str, envelopes: list[Envelope]) -> None:
        """Record what the gateway said by itself (apologies, emergency answers)."""
        with self.database.session() as session:
            for envelope in envelopes:
                session.add(
                    Message(
                        user_id=user_id,
                        direction="out",
                        author="system",
                        kind=envelope["kind"],
                        text=envelope["text"],
                    )
                )
            session.commit()

    def last_apology_at(self, user_id: str) -> dt.datetime | None:
        """When the user was last told the assistant is unavailable."""
        with self.database.session() as session:
            moment = session.scalar(
                select(func.max(Message.created_at)).where(
                    Message.user_id == user_id, Message.kind == "apology"
                )
            )
        return _aware(moment)

    def last_topic(self, user_id: str) -> str | None:
        """The topic of the last answer the assistant gave this user."""
        with self.database.session() as session:
            return session.scalars(
                select(Message.topic)
                .where(Message.user_id == user_id, Message.topic.is_not(None))
                .order_by(Message.id.desc())
                .limit(1)
            ).first()

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
            return list(
                session.scalars(
                    select(Message).where(Message.user_id == user_id).order_by(Message.id)
                )
            )


def _delivery_key(message: Incoming, user_id: str) -> str:
    assert message.external_id is not None
    return delivery_key(message.realm or message.channel, user_id, message.external_id)


def _user_message(user_id: str, text: str, kind: str, media_ref: str | None) -> Message:
    return Message(
        user_id=user_id, direction="in", author="user", kind=kind, text=text, media_ref=media_ref
    )
