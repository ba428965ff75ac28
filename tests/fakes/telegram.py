"""A fake Telegram Bot API on loopback, for python-telegram-bot's ``base_url``.

It answers the methods the gateway uses and records every call with its
parameters decoded, so tests can check the exact outbound requests.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

TOKEN = "123456:TEST-token"
VOICE_BYTES = b"OggS-fake-voice-note"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Assistant", "username": "assistant_bot"}


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def _refused_button(markup: Any) -> str | None:
    """Telegram's refusal of an inline keyboard button, as the Bot API words it.

    A button's ``url`` must be an HTTP(S) or ``tg://`` link (Bot API,
    InlineKeyboardButton): ``tel:`` is refused; a button needs exactly one action.
    """
    if not isinstance(markup, dict):
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            url = button.get("url")
            if url is not None and not url.startswith(("http://", "https://", "tg://")):
                return "Bad Request: inline keyboard button URL is invalid"
            if ("url" in button) == ("callback_data" in button):
                return "Bad Request: can't find field for button"
    return None


@dataclass
class FakeTelegram:
    """Recorded calls and queued updates."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    message_id: int = 0
    too_many_requests: int = 0
    blocked: set[int] = field(default_factory=set)  # chats whose user blocked the bot

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of every call of ``method``."""
        return [params for name, params in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until ``method`` was called ``count`` times (the gateway works async)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.sent(method)) >= count:
                return self.sent(method)
            time.sleep(0.02)
        raise AssertionError(f"{method} called {len(self.sent(method))} times, expected {count}")

    def app(self) -> Starlette:
        async def method(request: Request) -> JSONResponse:
            if request.path_params["token"] != TOKEN:
                return JSONResponse({"ok": False, "error_code": 401}, status_code=401)
            name = request.path_params["method"]
            if request.headers.get("content-type", "").startswith("application/json"):
                params = await request.json()
            else:
                form = await request.form()
                params = {
                    k: (await v.read()) if hasattr(v, "read") else _decode(str(v))
                    for k, v in form.items()
                }
            self.calls.append((name, params))
            refused = _refused_button(params.get("reply_markup"))
            if refused is not None:
                self.calls.pop()
                return JSONResponse(
                    {"ok": False, "error_code": 400, "description": refused}, status_code=400
                )
            if name == "getMe":
                return JSONResponse({"ok": True, "result": BOT_USER})
            if name in ("sendMessage", "sendAudio") and int(params["chat_id"]) in self.blocked:
                self.calls.pop()
                return JSONResponse(
                    {
                        "ok": False,
                        "error_code": 403,
                        "description": "Forbidden: bot was blocked by the user",
                    },
                    status_code=403,
                )
            if name == "sendMessage" and self.too_many_requests > 0:
                self.too_many_requests -= 1
                self.calls.pop()
                return JSONResponse(
                    {
                        "ok": False,
                        "error_code": 429,
                        "description": "Too Many Requests",
                        "parameters": {"retry_after": 1},
                    },
                    status_code=429,
                )
            if name == "sendAudio":
                self.message_id += 1
                result = {
                    "message_id": self.message_id,
                    "date": int(time.time()),
                    "chat": {"id": int(params["chat_id"]), "type": "private"},
                    "audio": {"file_id": "A1", "file_unique_id": "A1", "duration": 1},
                }
                return JSONResponse({"ok": True, "result": result})
            if name == "sendMessage":
                self.message_id += 1
                result = {
                    "message_id": self.message_id,
                    "date": int(time.time()),
                    "chat": {"id": params["chat_id"], "type": "private"},
                    "from": BOT_USER,
                    "text": params["text"],
                }
                return JSONResponse({"ok": True, "result": result})
            if name == "getFile":
                result = {
                    "file_id": params["file_id"],
                    "file_unique_id": "U1",
                    "file_size": len(VOICE_BYTES),
                    "file_path": "voice/file_1.oga",
                }
                return JSONResponse({"ok": True, "result": result})
            if name == "getUpdates":
                pending, self.updates = self.updates, []
                if not pending:
                    await asyncio.sleep(0.05)
                return JSONResponse({"ok": True, "result": pending})
            return JSONResponse({"ok": True, "result": True})

        async def download(request: Request) -> Response:
            if request.path_params["token"] != TOKEN:
                return Response(status_code=401)
            return Response(VOICE_BYTES, media_type="audio/ogg")

        return Starlette(
            routes=[
                Route("/bot{token}/{method}", method, methods=["POST", "GET"]),
                Route("/file/bot{token}/{path:path}", download),
            ]
        )


def text_update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    """An update with a text message from a private chat."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "U"},
            "text": text,
        },
    }


def voice_update(update_id: int, chat_id: int) -> dict[str, Any]:
    """An update with a voice note."""
    update = text_update(update_id, chat_id, "")
    del update["message"]["text"]
    update["message"]["voice"] = {"file_id": "VOICE1", "file_unique_id": "V1", "duration": 3}
    return update


def button_update(update_id: int, chat_id: int, data: str) -> dict[str, Any]:
    """An update with a press on an inline keyboard button."""
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "from": {"id": chat_id, "is_bot": False, "first_name": "U"},
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": "menu",
            },
        },
    }
