"""A fake Twilio REST API on loopback (the twilio client's base URL points here)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"
IMAGE_BYTES = b"\xff\xd8\xff-fake-jpeg"


@dataclass
class FakeTwilio:
    """Recorded Messages API calls."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    auth: list[str] = field(default_factory=list)
    fail_with: int | None = None
    fail_times: int = 0
    attempts: int = 0

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until ``count`` messages were sent."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.02)
        raise AssertionError(f"{len(self.messages)} messages sent, expected {count}")

    def app(self) -> Starlette:
        async def create(request: Request) -> JSONResponse:
            self.attempts += 1
            if self.fail_with and self.fail_times > 0:
                self.fail_times -= 1
                return JSONResponse({"code": 20500, "message": "fail"}, status_code=self.fail_with)
            form = {k: str(v) for k, v in (await request.form()).items()}
            self.auth.append(request.headers.get("authorization", ""))
            self.messages.append(form)
            sid = f"SM{len(self.messages):032d}"
            body = {
                "sid": sid,
                "account_sid": request.path_params["sid"],
                "to": form.get("To"),
                "from": form.get("From"),
                "body": form.get("Body"),
                "status": "queued",
                "num_segments": "1",
                "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
            }
            return JSONResponse(body, status_code=201)

        async def media(request: Request) -> Response:
            self.auth.append(request.headers.get("authorization", ""))
            return Response(IMAGE_BYTES, media_type="image/jpeg")

        return Starlette(
            routes=[
                Route("/2010-04-01/Accounts/{sid}/Messages.json", create, methods=["POST"]),
                Route("/2010-04-01/Accounts/{sid}/Messages/{msg}/Media/{media}", media),
            ]
        )
