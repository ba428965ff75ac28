"""A fake Rasa REST channel that answers with scripted envelopes.

It records every request. By default it replies with one ``answer`` envelope
echoing the text, with two buttons; a text listed in ``scripted`` gets that
reply instead. ``down`` makes it answer 503 (Rasa unavailable).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@dataclass
class FakeRasa:
    """State and behaviour of the fake."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    scripted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    down: bool = False
    delay: float = 0.0

    def reply_for(self, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        if text in self.scripted:
            return [{"recipient_id": "x", "custom": e} for e in self.scripted[text]]
        envelope = {
            "kind": "answer",
            "lang": metadata.get("language") or "fr",
            "text": f"Réponse complète à : {text}",
            "short": f"Court : {text}"[:150],
            "topic": "work_permit",
            "buttons": [
                {"title": "Droits au travail", "payload": "/worker_rights"},
                {"title": "Menu", "payload": "/greet"},
            ],
        }
        return [{"recipient_id": "x", "custom": envelope}]

    def app(self) -> Starlette:
        async def webhook(request: Request) -> JSONResponse:
            if self.down:
                return JSONResponse({"error": "down"}, status_code=503)
            body = await request.json()
            self.requests.append(body)
            if self.delay:
                await asyncio.sleep(self.delay)
            return JSONResponse(self.reply_for(body["message"], body.get("metadata") or {}))

        async def status(request: Request) -> JSONResponse:
            if self.down:
                return JSONResponse({}, status_code=503)
            return JSONResponse({"model_file": "fake"})

        async def erase(request: Request) -> JSONResponse:
            self.deleted.append(request.path_params["sender"])
            return JSONResponse({"events": []})

        return Starlette(
            routes=[
                Route("/webhooks/rest/webhook", webhook, methods=["POST"]),
                Route("/status", status),
                Route("/conversations/{sender}/tracker/events", erase, methods=["PUT"]),
            ]
        )
