"""The test run's own rules: catalogs compiled, and no skip under CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import compile_catalogs

ROOT = Path(__file__).resolve().parents[1]


def test_catalogs_are_compiled_when_missing_or_stale(tmp_path: Path) -> None:
    messages = tmp_path / "bm" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "messages.po").write_bytes(
        (ROOT / "locales/bm/LC_MESSAGES/messages.po").read_bytes()
    )
    assert compile_catalogs(tmp_path) == [messages / "messages.mo"]
    assert compile_catalogs(tmp_path) == []  # up to date: nothing to do


def run_pytest(tmp_path: Path, body: str, ci: bool) -> int:
    test = tmp_path / "test_skips.py"
    test.write_text(body, encoding="utf-8")
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa\n")
    env = {**os.environ, "CI": "true" if ci else "", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
    )
    return done.returncode


def test_a_skip_fails_the_run_under_ci(tmp_path: Path) -> None:
    body = "import pytest\n\ndef test_x():\n    pytest.skip('PostgreSQL is not reachable')\n"
    assert run_pytest(tmp_path, body, ci=False) == 0
    assert run_pytest(tmp_path, body, ci=True) == 1


def test_an_optional_skip_does_not(tmp_path: Path) -> None:
    body = "import pytest\n\ndef test_x():\n    pytest.skip('[optional] no docker here')\n"
    assert run_pytest(tmp_path, body, ci=True) == 0
