"""Request body limits: counted while the body streams in (the audio upload: test_editor)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi.testclient import TestClient

from bot.config import Settings
from bot.web.app import create_app

CHUNK = 16 * 1024


def drive(app: Any, path: str, chunks: int, headers: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """POST ``chunks`` chunks of 16 KB to ``app``; return the status and the chunks read."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if read >= chunks:
            return {"type": "http.disconnect"}
        read += 1
        return {"type": "http.request", "body": b"a" * CHUNK, "more_body": read < chunks}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], read


def test_a_chunked_body_is_refused_once_past_the_cap(settings: Settings) -> None:
    """300 MB sent in chunks: the gateway stops reading after the 64 KB cap."""
    chunked = [(b"transfer-encoding", b"chunked"), (b"content-type", b"application/json")]
    status, read = drive(create_app(settings), "/api/messages", 300 * 64, chunked)
    assert status == 413
    assert read <= settings.max_body_bytes // CHUNK + 1


def test_a_declared_length_over_the_cap_is_refused_unread(settings: Settings) -> None:
    declared = [(b"content-length", str(10**9).encode()), (b"content-type", b"application/json")]
    status, read = drive(create_app(settings), "/api/messages", 10, declared)
    assert (status, read) == (413, 0)


def test_the_other_routes_keep_the_cap(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/inbox/login",
            content=b"username=" + b"a" * 70_000,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
    assert response.status_code == 413
