"""What users are told about their data, and what is erased and when.

Follows the ICRC handbook on data protection in humanitarian action and
Morocco's law 09-08: data minimisation (a keyed hash instead of the phone
number, the reply address encrypted), a short notice at the first message, a
full privacy page, deletion on request in every store, and a retention limit
(``RETENTION_DAYS``, 90 by default) enforced by a daily purge.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete, select, update

from bot.i18n import _, translate
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.storage.database import Database
from bot.storage.models import (
    AuditEntry,
    Handoff,
    LoginAttempt,
    Message,
    ProcessedMessage,
    StaffSession,
    User,
)

log = logging.getLogger(__name__)


def privacy_notice(language: str | None, days: int, url: str) -> str:
    """The short notice sent with the first reply to a new user."""
    return translate(
        language or "fr",
        _(
            "About your data: your messages are kept {days} days to answer you, and only the "
            "association's team can read them. To erase everything, write /delete. More: {url}"
        ),
        days=days,
        url=url,
    )


def erase_user(database: Database, user_id: str) -> None:
    """Remove every row about a user from the gateway's database.

    Messages, de-duplication records, hand-offs (with their notes, by cascade)
    and the user row go; audit entries keep the staff action but lose the link
    to the person.
    """
    with database.session() as session:
        handoff_ids = list(session.scalars(select(Handoff.id).where(Handoff.user_id == user_id)))
        session.execute(
            update(AuditEntry)
            .where((AuditEntry.user_id == user_id) | AuditEntry.handoff_id.in_(handoff_ids))
            .values(user_id=None, handoff_id=None)
        )
        session.execute(delete(Message).where(Message.user_id == user_id))
        session.execute(delete(ProcessedMessage).where(ProcessedMessage.user_id == user_id))
        session.execute(delete(Handoff).where(Handoff.user_id == user_id))
        session.execute(delete(User).where(User.id == user_id))
        session.commit()


def expired_users(database: Database, days: int, now: dt.datetime | None = None) -> list[str]:
    """Users who have not written for ``days`` days (their data is due for deletion)."""
    cutoff = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)
    with database.session() as session:
        return list(session.scalars(select(User.id).where(User.last_seen_at < cutoff)))


def purge_old_records(database: Database, days: int, now: dt.datetime | None = None) -> int:
    """Delete what is older than ``days`` days for users still active, and stale logins.

    Returns the number of messages deleted.
    """
    now = now or dt.datetime.now(dt.UTC)
    cutoff = now - dt.timedelta(days=days)
    with database.session() as session:
        old_handoffs = list(
            session.scalars(
                select(Handoff.id).where(Handoff.state == "closed", Handoff.created_at < cutoff)
            )
        )
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.handoff_id.in_(old_handoffs))
            .values(user_id=None, handoff_id=None)
        )
        session.execute(delete(Handoff).where(Handoff.id.in_(old_handoffs)))
        deleted = session.execute(delete(Message).where(Message.created_at < cutoff))
        session.execute(delete(ProcessedMessage).where(ProcessedMessage.received_at < cutoff))
        session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
        session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - dt.timedelta(hours=1)))
        session.commit()
        return int(getattr(deleted, "rowcount", 0) or 0)


async def purge(database: Database, rasa: RasaClient, days: int) -> tuple[int, int]:
    """The retention job: erase inactive users everywhere, and old records.

    Returns (users erased, messages deleted). A user whose Rasa tracker could
    not be erased is kept for the next run, so nothing is half-deleted.
    """
    import asyncio

    erased = 0
    for user_id in await asyncio.to_thread(expired_users, database, days):
        try:
            await rasa.delete_conversation(user_id)
        except RasaUnavailable:
            log.warning("purge: Rasa unavailable, a user is kept for the next run")
            continue
        await asyncio.to_thread(erase_user, database, user_id)
        erased += 1
    messages = await asyncio.to_thread(purge_old_records, database, days)
    log.info("purge: %d inactive users erased, %d old messages deleted", erased, messages)
    return erased, messages
