"""A gateway with three staff accounts (two agents and an admin), for the inbox tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.web.app import create_app
from tests.bot.web.inbox_client import PASSWORD


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        database = client.app.state.database  # type: ignore[attr-defined]
        add_staff(database, "agent", PASSWORD, "agent", "Awa")
        add_staff(database, "agent2", PASSWORD, "agent", "Bakary")
        add_staff(database, "boss", PASSWORD, "admin", "Nadia")
        yield client
