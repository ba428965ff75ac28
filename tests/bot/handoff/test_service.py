"""The hand-off state machine on SQLite and PostgreSQL: bot → waiting → assigned → closed."""

from __future__ import annotations

import asyncio
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.conversation.identity import AddressBox
from bot.conversation.rate_limit import RateLimiter
from bot.handoff.events import EventBus
from bot.handoff.hours import OfficeHours
from bot.handoff.service import HandoffService
from bot.replies.outbound import Outbound
from bot.replies.rendering import OutMessage
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.storage.models import AuditEntry, Handoff, Message, User

ALWAYS_OPEN = "mon-sun 00:00-23:59"


class RecordingOutbound(Outbound):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str, str]] = []
        self.templates: list[tuple[str, str]] = []

        async def send(address: str, message: OutMessage) -> None:
            self.sent.append(("sms", address, message.text))

        async def template(address: str, sid: str) -> None:
            self.templates.append((address, sid))

        self.register("sms", send)
        self.register("whatsapp", send)
        self.register_template("whatsapp", template)


@pytest.fixture
def key() -> str:
    return Fernet.generate_key().decode()


@pytest.fixture
def database(database_url: str) -> Database:
    return Database(database_url)


@pytest.fixture
def outbound() -> RecordingOutbound:
    return RecordingOutbound()


@pytest.fixture
def service(database: Database, key: str, outbound: RecordingOutbound) -> HandoffService:
    return HandoffService(
        database,
        key,
        outbound,
        EventBus(),
        OfficeHours.parse(ALWAYS_OPEN),
        whatsapp_template_sid="HX123",
    )


def make_user(database: Database, key: str, user_id: str = "u1", channel: str = "sms") -> str:
    with database.session() as session:
        session.add(
            User(id=user_id, channel=channel, address_sealed=AddressBox(key).seal("+99900000000"))
        )
        session.commit()
    return user_id


def staff(database: Database, name: str, role: str = "agent") -> int:
    return add_staff(database, name, "a-long-password", role).id


async def test_full_cycle(
    service: HandoffService, database: Database, key: str, outbound: RecordingOutbound
) -> None:
    user = make_user(database, key)
    agent = staff(database, "agent1")
    handoff_id = await service.open(user, "request", "asylum", "fr", "sms")
    assert service.active(user).state == "waiting"
    assert [i.id for i in service.queue()] == [handoff_id]

    assert service.claim(handoff_id, agent)
    assert service.active(user).state == "assigned"
    assert await service.reply(handoff_id, agent, "Bonjour, je suis là.") == "sent"
    assert outbound.sent == [("sms", "+99900000000", "Bonjour, je suis là.")]

    assert await service.close(handoff_id, agent)
    assert service.active(user) is None
    assert service.get(handoff_id).state == "closed"
    # The user was told, and every message is in the conversation record.
    with database.session() as session:
        authors = [m.author for m in session.scalars(select(Message).order_by(Message.id))]
    assert authors == ["staff", "system"]


async def test_opening_twice_reuses_the_open_handoff_and_emergency_escalates(
    service: HandoffService, database: Database, key: str
) -> None:
    user = make_user(database, key)
    first = await service.open(user, "request", None, "ar", "sms")
    again = await service.open(user, "emergency", "emergency", "ar", "sms")
    assert first == again
    assert service.get(first).reason == "emergency"


async def test_emergencies_come_first_in_the_queue(
    service: HandoffService, database: Database, key: str
) -> None:
    first = await service.open(make_user(database, key, "u1"), "request", None, "fr", "sms")
    second = await service.open(make_user(database, key, "u2"), "emergency", None, "bm", "sms")
    assert [i.id for i in service.queue()] == [second, first]


async def test_two_claims_at_once_exactly_one_wins(
    service: HandoffService, database: Database, key: str
) -> None:
    handoff_id = await service.open(make_user(database, key), "request", None, "fr", "sms")
    agents = [staff(database, f"agent{i}") for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda a: service.claim(handoff_id, a), agents))
    assert results.count(True) == 1
    winner = agents[results.index(True)]
    assert service.get(handoff_id).assigned_to == winner


async def test_only_the_assignee_can_reply(
    service: HandoffService, database: Database, key: str
) -> None:
    handoff_id = await service.open(make_user(database, key), "request", None, "fr", "sms")
    owner, other = staff(database, "owner"), staff(database, "other")
    assert await service.reply(handoff_id, owner, "x") == "refused"  # not claimed yet
    service.claim(handoff_id, owner)
    assert await service.reply(handoff_id, other, "x") == "refused"


async def test_transfer_to_a_colleague(
    service: HandoffService, database: Database, key: str
) -> None:
    handoff_id = await service.open(make_user(database, key), "request", None, "fr", "sms")
    owner, colleague = staff(database, "owner"), staff(database, "colleague")
    service.claim(handoff_id, owner)
    assert service.transfer(handoff_id, owner, colleague)
    assert service.get(handoff_id).assigned_to == colleague
    assert await service.reply(handoff_id, colleague, "relais") == "sent"


async def test_whatsapp_after_24_hours_sends_the_template_not_free_text(
    service: HandoffService, database: Database, key: str, outbound: RecordingOutbound
) -> None:
    user = make_user(database, key, channel="whatsapp")
    handoff_id = await service.open(user, "request", None, "fr", "whatsapp")
    agent = staff(database, "agent")
    service.claim(handoff_id, agent)
    with database.session() as session:
        handoff = session.get(Handoff, handoff_id)
        handoff.last_user_message_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
        session.commit()
    assert service.whatsapp_window_closed(service.get(handoff_id))
    assert await service.reply(handoff_id, agent, "Bonjour") == "template"
    assert outbound.templates == [("+99900000000", "HX123")]
    assert outbound.sent == []


async def test_reads_and_actions_are_audited(
    service: HandoffService, database: Database, key: str
) -> None:
    handoff_id = await service.open(make_user(database, key), "request", None, "fr", "sms")
    agent = staff(database, "agent")
    service.audit(agent, "read", service.get(handoff_id))
    service.claim(handoff_id, agent)
    with database.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["read", "claim"]


def test_notice_in_and_out_of_office_hours(service: HandoffService) -> None:
    service.hours = OfficeHours.parse("mon-fri 09:00-17:00", "Africa/Casablanca")
    tuesday_noon = dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC)
    saturday = dt.datetime(2026, 11, 28, 11, 0, tzinfo=dt.UTC)
    inside = service.user_notice("fr", tuesday_noon)
    outside = service.user_notice("fr", saturday)
    assert "15" in inside  # the default expected wait
    assert "19" in outside and "lundi" in outside.lower()
    assert any("\u0600" <= c <= "\u06ff" for c in service.user_notice("ar", saturday))


async def test_new_handoff_notifies_the_staff_once(
    service: HandoffService, database: Database, key: str
) -> None:
    told: list[str] = []

    async def notify(text: str) -> None:
        told.append(text)

    service.notify_staff = notify
    events = []
    async with service.events.subscribe() as queue:
        user = make_user(database, key)
        await service.open(user, "emergency", "emergency", "bm", "sms")
        await service.open(user, "emergency", "emergency", "bm", "sms")
        events.append(await asyncio.wait_for(queue.get(), 1))
    assert len(told) == 1 and "URGENT" in told[0] and "+212" not in told[0]
    assert events[0]["type"] == "queue"


async def test_an_emergency_while_waiting_makes_the_handoff_urgent_and_alerts_again(
    service: HandoffService, database: Database, key: str
) -> None:
    told: list[str] = []

    async def notify(text: str) -> None:
        told.append(text)

    service.notify_staff = notify
    user = make_user(database, key)
    first = await service.open(user, "request", "worker_rights", "ar", "sms")
    second = await service.open(user, "emergency", "emergency", "ar", "sms")
    assert first == second
    assert [item.reason for item in service.queue()] == ["emergency"]
    assert len(told) == 2 and "URGENT" in told[1]


async def test_new_handoffs_from_the_anonymous_web_chat_are_capped(
    service: HandoffService, database: Database, key: str
) -> None:
    service.local_limiter = RateLimiter(limit=2)
    real = make_user(database, key)
    assert await service.accepts_new("a", "local") and await service.accepts_new("b", "local")
    assert not await service.accepts_new("c", "local")
    assert await service.accepts_new(real, "sms")  # real accounts always get a person


class RefusingOutbound(RecordingOutbound):
    """A channel that refuses every message (the user blocked the bot, the number is gone)."""

    def __init__(self) -> None:
        super().__init__()

        async def refuse(address: str, message: OutMessage | str) -> None:
            raise PermissionError("Forbidden: bot was blocked by the user")

        self.register("sms", refuse)
        self.register("whatsapp", refuse)
        self.register_template("whatsapp", refuse)


@pytest.mark.parametrize("channel", ["sms", "whatsapp"])
async def test_a_reply_the_channel_refuses_is_recorded_as_not_delivered(
    database: Database, key: str, channel: str
) -> None:
    service = HandoffService(
        database,
        key,
        RefusingOutbound(),
        EventBus(),
        OfficeHours.parse(ALWAYS_OPEN),
        whatsapp_template_sid="HX123",
    )
    handoff_id = await service.open(
        make_user(database, key, channel=channel), "request", None, "fr", channel
    )
    agent = staff(database, "agent")
    service.claim(handoff_id, agent)
    if channel == "whatsapp":  # past the 24 hours: the template is refused too
        with database.session() as session:
            handoff = session.get(Handoff, handoff_id)
            handoff.last_user_message_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
            session.commit()
    assert await service.reply(handoff_id, agent, "Bonjour") == "failed"
    assert await service.close(handoff_id, agent)  # the closing notice fails too: still closed
    with database.session() as session:
        messages = session.scalars(select(Message).order_by(Message.id)).all()
    assert [m.delivery_failed for m in messages] == [True] * len(messages)
    assert service.get(handoff_id).state == "closed"


async def test_invisible_and_unstorable_characters_leave_staff_replies_and_notes(
    service: HandoffService, database: Database, key: str, outbound: RecordingOutbound
) -> None:
    """NUL cannot be stored on PostgreSQL; bidi overrides could disguise a reply."""
    handoff_id = await service.open(make_user(database, key), "request", None, "fr", "sms")
    agent = staff(database, "agent")
    service.claim(handoff_id, agent)
    assert await service.reply(handoff_id, agent, "Bon\x00jour \u202eici") == "sent"
    service.add_note(handoff_id, agent, "note\x00 \u202einterne")
    assert await service.reply(handoff_id, agent, "\x00\u202e ") == "empty"
    assert outbound.sent == [("sms", "+99900000000", "Bonjour ici")]
    assert [n.text for n, _ in service.notes(handoff_id)] == ["note interne"]
