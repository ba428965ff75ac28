"""Tables of the gateway's database (SQLAlchemy 2; migrations in bot/storage/migrations)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base of every table."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# Columns many tables share (SQLAlchemy's ``Annotated`` columns).
RowKey = Annotated[int, mapped_column(Integer, primary_key=True, autoincrement=True)]
Stamp = Annotated[dt.datetime, mapped_column(DateTime(timezone=True), default=_now)]
StaffRef = Annotated[int | None, mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))]
UserRef = Annotated[str, mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)]


class User(Base):
    """A person writing to the assistant, known only by a pseudonymous id."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    address_sealed: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    last_menu: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # The last answer's parts, kept to serve them without Rasa (JSON, see
    # bot.replies.parts); the column kept its first name, from when it held
    # the full text sent on MORE.
    last_answer: Mapped[str | None] = mapped_column("more_text", Text)
    # The privacy notice waits for the turn after an emergency answer.
    privacy_due: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The answer whose "Useful?" buttons were shown last (one vote per answer shown).
    feedback_topic: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[Stamp]
    last_seen_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=func.now()
    )


class Delivery(Base):
    """An incoming delivery already accepted (Telegram update_id, Twilio MessageSid…).

    ``key`` is a digest of the source, the user and the channel's id of the
    delivery (see ``delivery_key``). At erasure the link to the user is cut
    but the key stays for ``DELIVERY_MEMORY`` so that a channel's late retry
    of the same webhook does not bring the data back.
    """

    __tablename__ = "deliveries"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    received_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, index=True
    )


def delivery_key(source: str, user_id: str, external_id: str) -> str:
    """The key of one delivery: its channel id, scoped by source and sender."""
    return hashlib.sha256(f"{source}\x1f{user_id}\x1f{external_id}".encode()).hexdigest()


class Message(Base):
    """One message of a conversation, either way, in order."""

    __tablename__ = "messages"

    id: Mapped[RowKey]
    user_id: Mapped[UserRef]
    direction: Mapped[str] = mapped_column(String(3))  # "in" or "out"
    author: Mapped[str] = mapped_column(String(16))  # user, bot or staff
    kind: Mapped[str] = mapped_column(String(16), default="text")
    text: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str | None] = mapped_column(String(64))
    staff_id: Mapped[StaffRef]
    media_ref: Mapped[str | None] = mapped_column(Text)
    # The channel refused it (the user blocked the bot, the number is gone).
    delivery_failed: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, index=True
    )


class Handoff(Base):
    """A conversation handed to a person: waiting, assigned, then closed."""

    __tablename__ = "handoffs"

    id: Mapped[RowKey]
    user_id: Mapped[UserRef]
    state: Mapped[str] = mapped_column(String(16), index=True)  # waiting, assigned, closed
    reason: Mapped[str] = mapped_column(String(16))  # request, fallback, emergency
    topic: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    assigned_to: Mapped[StaffRef]
    created_at: Mapped[Stamp]
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_user_message_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    team: Mapped[str | None] = mapped_column(String(16))  # legal, health, return
    snoozed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_response_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ended_by: Mapped[str | None] = mapped_column(String(16))  # staff, user, dismissed
    # The last message staff saw on the conversation page (the queue's unread count).
    staff_seen_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    survey_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # When the user was last told their message is kept (at most every few minutes).
    acked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Staff(Base):
    """An NGO staff account."""

    __tablename__ = "staff"

    id: Mapped[RowKey]
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))  # agent, editor, admin
    language: Mapped[str] = mapped_column(String(8), default="fr")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[Stamp]


class StaffSession(Base):
    """A signed-in browser: the hash of its cookie token, its CSRF token, its expiry."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    """A failed login, for rate limiting (kept one hour)."""

    __tablename__ = "login_attempts"

    id: Mapped[RowKey]
    key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[Stamp]


class Note(Base):
    """An internal note on a hand-off; the user never sees it."""

    __tablename__ = "notes"

    id: Mapped[RowKey]
    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoffs.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[StaffRef]
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[Stamp]


class AuditEntry(Base):
    """Who among the staff read or did what, on which conversation."""

    __tablename__ = "audit_log"

    id: Mapped[RowKey]
    staff_id: Mapped[StaffRef]
    action: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32), index=True)
    handoff_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[Stamp]


class ContentChange(Base):
    """Who changed which answer, when (the plain history of the editor page)."""

    __tablename__ = "content_history"

    id: Mapped[RowKey]
    topic: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    staff_id: Mapped[StaffRef]
    summary: Mapped[str] = mapped_column(Text)
    at: Mapped[Stamp]
    # save, review, restore, publish, new-topic, audio
    action: Mapped[str] = mapped_column(String(16), default="save", server_default="save")
    # The whole file before and after the change: the diff shown, the version restored.
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class ContentDraft(Base):
    """An answer file saved as a draft: checked, kept here, live only once published."""

    __tablename__ = "content_drafts"

    topic: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[StaffRef]
    at: Mapped[Stamp]


class PendingMessage(Base):
    """An accepted message not yet answered: the durable queue between webhook and Rasa.

    A webhook stores the message here before it answers the channel, so a
    message is never lost when Rasa, the action server or the gateway stops.
    The row goes once the turn is done; while Rasa is down the user gets one
    apology and the row waits for Rasa to come back.
    """

    __tablename__ = "pending_messages"

    id: Mapped[RowKey]
    user_id: Mapped[UserRef]
    channel: Mapped[str] = mapped_column(String(16))
    realm: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    media_kind: Mapped[str | None] = mapped_column(String(16))
    media_ref: Mapped[str | None] = mapped_column(Text)
    new_user: Mapped[bool] = mapped_column(default=False)
    apologized: Mapped[bool] = mapped_column(default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[Stamp]


class DeadLetter(Base):
    """A message given up on after repeated failures while Rasa was up.

    The user got an answer saying so; the row lets the team see what failed.
    Erased with the user, and by the retention purge.
    """

    __tablename__ = "dead_letters"

    id: Mapped[RowKey]
    user_id: Mapped[UserRef]
    channel: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    media_kind: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[Stamp]


class Feedback(Base):
    """One "Was this useful?" vote: topic, language, channel, day. Nothing about the person."""

    __tablename__ = "feedback"

    id: Mapped[RowKey]
    topic: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    useful: Mapped[bool] = mapped_column()
    day: Mapped[dt.date] = mapped_column(Date, index=True)


class ErasureRequest(Base):
    """A user erased from the gateway whose Rasa conversation still has to go.

    Only the pseudonymous id is kept, until Rasa confirms the erasure.
    """

    __tablename__ = "erasure_requests"

    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    requested_at: Mapped[Stamp]


class SavedReply(Base):
    """A reply staff insert in one click, in one language (managed by admins in the inbox)."""

    __tablename__ = "saved_replies"
    __table_args__ = (UniqueConstraint("key", "language"),)

    id: Mapped[RowKey]
    key: Mapped[str] = mapped_column(String(64), index=True)  # the same reply in every language
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)


class Dismissal(Base):
    """A hand-off or emergency dismissed by staff, and why (the editors' report).

    No user id: only the topic, language and reason stay once the user is erased.
    """

    __tablename__ = "dismissals"

    id: Mapped[RowKey]
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(32))
    handoff_reason: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(8))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)


class SurveyAnswer(Base):
    """One answer to the satisfaction question sent when staff closed a conversation."""

    __tablename__ = "survey_answers"

    id: Mapped[RowKey]
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id", ondelete="SET NULL"))
    score: Mapped[int] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(8))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
