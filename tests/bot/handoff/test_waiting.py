"""Acknowledging a waiting user's messages, a few minutes apart, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.fernet import Fernet

from bot.handoff.events import EventBus
from bot.handoff.hours import OfficeHours
from bot.handoff.service import HandoffService
from bot.handoff.waiting import WaitingAcks
from bot.storage.database import Database
from tests.bot.handoff.test_service import RecordingOutbound, make_user, staff

EVERY = dt.timedelta(minutes=5)
TUESDAY_NOON = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
SATURDAY_NIGHT = dt.datetime(2026, 12, 5, 23, 0, tzinfo=dt.UTC)


@pytest.fixture
def setup(database_url: str) -> tuple[HandoffService, WaitingAcks, Database, str]:
    database = Database(database_url)
    key = Fernet.generate_key().decode()
    service = HandoffService(
        database, key, RecordingOutbound(), EventBus(), OfficeHours.parse("mon-fri 09:00-17:00")
    )
    return service, WaitingAcks(service, EVERY), database, key


async def test_one_acknowledgement_per_interval(
    setup: tuple[HandoffService, WaitingAcks, Database, str],
) -> None:
    service, acks, database, key = setup
    handoff_id = await service.open(make_user(database, key), "request", None, "fr", "sms")
    now = dt.datetime.now(dt.UTC)
    assert not acks.claim(handoff_id, now)  # the opening notice was the first one
    later = now + EVERY + dt.timedelta(seconds=1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _i: acks.claim(handoff_id, later), range(4)))
    assert results.count(True) == 1
    assert not acks.claim(handoff_id, later + dt.timedelta(minutes=1))


def texts(service: HandoffService, acks: WaitingAcks, handoff_id: int) -> tuple[str, str]:
    """The acknowledgement of the hand-off during office hours, and at night."""
    handoff = service.get(handoff_id)
    assert handoff is not None
    return acks.text(handoff, "fr", TUESDAY_NOON), acks.text(handoff, "fr", SATURDAY_NIGHT)


async def test_what_the_acknowledgement_says(
    setup: tuple[HandoffService, WaitingAcks, Database, str],
) -> None:
    service, acks, database, key = setup
    handoff_id = await service.open(make_user(database, key), "request", None, "fr", "sms")
    during, night = texts(service, acks, handoff_id)
    assert "15 minutes" in during and "19" not in during
    assert "lundi 09:00" in night and "19 (police)" in night


async def test_after_an_emergency_the_acknowledgement_keeps_the_numbers(
    setup: tuple[HandoffService, WaitingAcks, Database, str],
) -> None:
    service, acks, database, key = setup
    handoff_id = await service.open(make_user(database, key), "emergency", None, "fr", "sms")
    during, night = texts(service, acks, handoff_id)
    assert during.startswith("Une personne de l'équipe a été prévenue") and "19 (police)" in during
    assert "lundi 09:00" in night and "19 (police)" in night
    assert service.claim(handoff_id, staff(database, "agent1"))
    followed, _night = texts(service, acks, handoff_id)
    assert followed.startswith("Votre message a été transmis") and "19 (police)" in followed
