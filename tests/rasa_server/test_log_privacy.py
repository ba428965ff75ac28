"""Rasa's log lines carry no message text and no sender id once the hook is installed."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import structlog
from rasa.utils import log_utils

from rasa_server import log_privacy


@pytest.fixture
def restore_logging() -> Iterator[None]:
    hook = log_utils._anonymizer
    yield
    log_utils._anonymizer = hook
    structlog.reset_defaults()


def _log_a_timeout() -> None:
    log_utils.configure_structlog(logging.ERROR)
    structlog.get_logger().error(
        "rest.message.received.timeout", text="ma carte secrete", sender_id="+212600000000"
    )


def test_rasa_alone_logs_the_text(restore_logging: None, caplog: pytest.LogCaptureFixture) -> None:
    """The leak this module closes (if Rasa stops logging it, this test says so)."""
    _log_a_timeout()
    assert "ma carte secrete" in caplog.text


def test_installed_the_text_and_sender_are_redacted(
    restore_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    log_privacy.install()
    _log_a_timeout()
    out = caplog.text
    assert "rest.message.received.timeout" in out
    assert "ma carte secrete" not in out and "+212600000000" not in out
    assert log_privacy.REDACTED in out
