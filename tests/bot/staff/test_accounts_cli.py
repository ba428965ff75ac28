"""Staff accounts from the command line: list, disable, enable, reset."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.staff.accounts import add_staff, authenticate
from bot.staff.sessions import current, start_session
from bot.storage.database import Database

PASSWORD = "a-long-password"


def test_list_disable_enable_and_reset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    database = Database(url)
    staff = add_staff(database, "awa", PASSWORD, "agent", "Awa Diallo")
    token = start_session(database, staff.id)

    assert main(["staff", "list"]) == 0
    assert "awa\tAwa Diallo\tagent\tactive" in capsys.readouterr().out

    assert main(["staff", "disable", "AWA"]) == 0
    assert authenticate(database, "awa", PASSWORD) is None
    assert current(database, token) is None  # the disabled account is signed out
    assert main(["staff", "enable", "awa"]) == 0
    assert authenticate(database, "awa", PASSWORD) is not None

    assert main(["staff", "reset", "awa"]) == 0
    one_time = capsys.readouterr().out.split("One-time password for awa: ")[1].split()[0]
    assert authenticate(database, "awa", PASSWORD) is None
    assert authenticate(database, "awa", one_time) is not None
    assert main(["staff", "disable", "nobody"]) == 1
