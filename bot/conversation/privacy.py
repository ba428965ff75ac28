"""What users are told about their data, and what is erased and when.

Follows the ICRC handbook on data protection in humanitarian action and
Morocco's law 09-08: data minimisation (a keyed hash instead of the phone
number, the reply address encrypted), a short notice at the first message, a
full privacy page, deletion on request in every store, and a retention limit
(``RETENTION_DAYS``, 90 by default) enforced by a daily purge.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from sqlalchemy import delete, select, update

from bot.conversation.rasa_client import RasaClient, RasaUnavailable
from bot.storage.database import Database
from bot.storage.models import (
    AuditEntry,
    DeadLetter,
    Delivery,
    ErasureRequest,
    Handoff,
    LoginAttempt,
    Message,
    PendingMessage,
    StaffSession,
    User,
)
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE

log = logging.getLogger(__name__)

# How long the digest of an erased user's delivery is kept: longer than any
# channel retries a webhook (Telegram for hours; Twilio only when told to, within minutes).
DELIVERY_MEMORY = dt.timedelta(hours=48)


def privacy_notice(language: str | None, days: int, url: str) -> str:
    """The short notice sent with the first reply to a new user."""
    return translate(
        language or FALLBACK_LANGUAGE,
        _(
            "About your data: your messages are kept {days} days to answer you, and only the "
            "association's team can read them. To erase everything, write /delete. More: {url}"
        ),
        days=days,
        url=url,
    )


def erase_user(database: Database, user_id: str) -> None:
    """Remove every row about a user from the gateway's database.

    Messages, queued and dead-letter messages, hand-offs (with their notes,
    by cascade) and the user row go; dismissals and satisfaction answers lose
    their link to the hand-off (foreign key ``SET NULL``: only the anonymous
    topic, language and reason or score stay, for the reports); audit entries
    keep the staff action but lose the link to the person. Delivery records
    lose their link too: only a digest stays, for ``DELIVERY_MEMORY``, so that
    a channel's late retry of an old webhook is dropped instead of storing the
    message again.
    """
    with database.session() as session:
        handoff_ids = list(session.scalars(select(Handoff.id).where(Handoff.user_id == user_id)))
        session.execute(
            update(AuditEntry)
            .where((AuditEntry.user_id == user_id) | AuditEntry.handoff_id.in_(handoff_ids))
            .values(user_id=None, handoff_id=None)
        )
        session.execute(delete(Message).where(Message.user_id == user_id))
        session.execute(delete(PendingMessage).where(PendingMessage.user_id == user_id))
        session.execute(delete(DeadLetter).where(DeadLetter.user_id == user_id))
        session.execute(update(Delivery).where(Delivery.user_id == user_id).values(user_id=None))
        session.execute(delete(Handoff).where(Handoff.user_id == user_id))
        session.execute(delete(User).where(User.id == user_id))
        session.commit()
    database.flush_erasures()


async def erase_everywhere(database: Database, rasa: RasaClient, user_id: str) -> None:
    """Erase a user from the gateway now, and from Rasa now or as soon as it answers.

    When Rasa cannot be reached, the pseudonymous id waits in
    ``erasure_requests`` (the only thing kept) and ``retry_erasures`` finishes
    the job, so a user told "deleted" is deleted everywhere.
    """
    await asyncio.to_thread(erase_user, database, user_id)
    try:
        await rasa.delete_conversation(user_id)
    except RasaUnavailable as error:
        log.error("rasa conversation not erased yet, will retry (%s)", error)
        await asyncio.to_thread(_request_erasure, database, user_id)
        return
    log.info("user data erased")


def _request_erasure(database: Database, user_id: str) -> None:
    with database.session() as session:
        if session.get(ErasureRequest, user_id) is None:
            session.add(ErasureRequest(user_id=user_id))
            session.commit()


def erasure_requests(database: Database) -> list[str]:
    """Users whose Rasa conversation is still to be erased."""
    with database.session() as session:
        return list(session.scalars(select(ErasureRequest.user_id)))


def _erasure_done(database: Database, user_id: str) -> None:
    with database.session() as session:
        session.execute(delete(ErasureRequest).where(ErasureRequest.user_id == user_id))
        session.commit()


async def retry_erasures(database: Database, rasa: RasaClient) -> int:
    """Finish the erasures Rasa could not take before; returns how many were done."""
    done = 0
    for user_id in await asyncio.to_thread(erasure_requests, database):
        try:
            await rasa.delete_conversation(user_id)
        except RasaUnavailable:
            break
        await asyncio.to_thread(_erasure_done, database, user_id)
        done += 1
    if done:
        log.info("%d pending erasures finished in Rasa", done)
    return done


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
        session.execute(delete(DeadLetter).where(DeadLetter.failed_at < cutoff))
        session.execute(
            delete(Delivery).where(
                (Delivery.received_at < cutoff)
                | (Delivery.user_id.is_(None) & (Delivery.received_at < now - DELIVERY_MEMORY))
            )
        )
        session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
        session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - dt.timedelta(hours=1)))
        session.commit()
    database.flush_erasures()  # what went must leave SQLite's write-ahead log too
    return int(getattr(deleted, "rowcount", 0) or 0)


async def purge(database: Database, rasa: RasaClient, days: int) -> tuple[int, int]:
    """The retention job: erase inactive users everywhere, and old records.

    Returns (users erased, messages deleted). A user whose Rasa tracker could
    not be erased is kept for the next run, so nothing is half-deleted.
    """
    erased = await retry_erasures(database, rasa)
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


async def purge_once(
    database: Database, rasa_url: str, days: int, timeout: float = 10.0, token: str = ""
) -> tuple[int, int]:
    """``purge`` with a Rasa client of its own, closed after (the ``purge`` command)."""
    rasa = RasaClient(rasa_url, timeout, token=token)
    try:
        return await purge(database, rasa, days)
    finally:
        await rasa.close()
