"""A fake Rasa REST channel that answers with scripted envelopes.

It records every request, and keeps each sender's messages as a tracker
would (``trackers``) until the sender's conversation is erased with
``DELETE /conversations/<id>/tracker`` (the route ``rasa_server`` adds to
Rasa). By default it replies with one layered ``answer`` envelope echoing
the text, with two parts (steps, sources), a related topic and the menu; a
text listed in ``scripted`` gets that reply instead.
``down`` makes it answer 503 (Rasa unavailable); ``actions_down`` makes it
answer nothing, as Rasa does when its action server is down (whose
``/health`` it also serves, failing); a text in ``hang`` is never answered
in time; ``token`` makes its API require Rasa's ``?token=``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

# Rasa's question before it erases someone's data (what ``/delete_my_data`` gets).
DELETE_CONFIRM: dict[str, Any] = {
    "kind": "confirm",
    "lang": "fr",
    "text": "Voulez-vous effacer vos messages et vos données maintenant ?",
    "buttons": [
        {"title": "Oui, effacer", "payload": "/affirm"},
        {"title": "Non, garder", "payload": "/deny"},
    ],
}


@dataclass
class FakeRasa:
    """State and behaviour of the fake."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    scripted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    trackers: dict[str, list[str]] = field(default_factory=dict)
    down: bool = False
    actions_down: bool = False
    hang: set[str] = field(default_factory=set)
    token: str = ""
    delay: float = 0.0

    def reply_for(self, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        if text in self.scripted:
            return [{"recipient_id": "x", "custom": e} for e in self.scripted[text]]
        envelope = {
            "kind": "answer",
            "lang": metadata.get("language") or "fr",
            "text": f"Réponse à : {text}",
            "short": f"Court : {text}"[:150],
            "topic": "work_permit",
            "title": "Permis de travail",
            "status_line": "Brouillon",
            "sms_status": "Non vérifié, 30/11/26",
            "parts": [
                {"key": "steps", "title": "Que faire", "text": f"1. Étape pour : {text}"},
                {"key": "sources", "title": "Sources", "text": "- GADEM, Guide, 2014"},
            ],
            "buttons": [
                {"title": "Que faire", "payload": "/part_steps"},
                {"title": "Sources", "payload": "/part_sources"},
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
            self.trackers.setdefault(body["sender"], []).append(body["message"])
            if self.delay:
                await asyncio.sleep(self.delay)
            if body["message"] in self.hang:
                await asyncio.sleep(60)
            if self.actions_down:
                return JSONResponse([])
            return JSONResponse(self.reply_for(body["message"], body.get("metadata") or {}))

        async def health(request: Request) -> JSONResponse:
            return JSONResponse({}, status_code=503 if self.actions_down else 200)

        async def status(request: Request) -> JSONResponse:
            if self.down:
                return JSONResponse({}, status_code=503)
            return JSONResponse({"model_file": "fake"})

        async def erase(request: Request) -> Response:
            if self.token and request.query_params.get("token") != self.token:
                return JSONResponse({"error": "NotAuthenticated"}, status_code=401)
            self.deleted.append(request.path_params["sender"])
            self.trackers.pop(request.path_params["sender"], None)
            return Response(status_code=204)

        return Starlette(
            routes=[
                Route("/webhooks/rest/webhook", webhook, methods=["POST"]),
                Route("/status", status),
                Route("/health", health),
                Route("/conversations/{sender}/tracker", erase, methods=["DELETE"]),
            ]
        )
