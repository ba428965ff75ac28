"""Erase a conversation from Rasa's tracker store: ``DELETE /conversations/<id>/tracker``.

Rasa Open Source 3.6 has no way to delete a conversation over HTTP. Its
``PUT /conversations/<id>/tracker/events`` "replaces" the events, but
``SQLTrackerStore.save`` only appends events newer than the stored ones, so
replacing with ``[]`` leaves every event (and every message the user typed)
in the database. Privacy law and this project's promise to users ("write
/delete and everything is erased") need a real deletion, so the Rasa server
started through ``rasa_server`` gets one more route, protected like
Rasa's own API (``--auth-token``) and run under the conversation's lock.

Supported stores: the SQL tracker store (SQLite in the embedded profile,
PostgreSQL in production) and the in-memory store; any other store answers
501 rather than pretend.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

ROUTE = "/conversations/<conversation_id:path>/tracker"


class UnsupportedTrackerStore(RuntimeError):
    """The configured tracker store cannot erase a conversation."""


def innermost(store: Any) -> list[Any]:
    """The stores behind Rasa's wrappers (awaitable, fail-safe and its fallback)."""
    found: list[Any] = []
    pending = [store]
    while pending:
        current = pending.pop()
        inner = getattr(current, "_tracker_store", None)
        if inner is None:
            found.append(current)
            continue
        pending.append(inner)
        fallback = getattr(current, "_fallback_tracker_store", None)
        if fallback is not None:
            pending.append(fallback)
    return found


def erase(store: Any, sender_id: str) -> int:
    """Delete every stored event of ``sender_id``; return how many rows or trackers went.

    Raises:
        UnsupportedTrackerStore: a store kind this function cannot erase from.
    """
    import sqlalchemy as sa
    from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore

    removed = 0
    for inner in innermost(store):
        if isinstance(inner, SQLTrackerStore):
            with inner.session_scope() as session:
                if inner.engine.dialect.name == "sqlite":
                    # Overwrite the deleted rows in the file, not only unlink them.
                    session.execute(sa.text("PRAGMA secure_delete = ON"))
                removed += (
                    session.query(inner.SQLEvent)
                    .filter(inner.SQLEvent.sender_id == sender_id)
                    .delete(synchronize_session=False)
                )
                session.commit()
        elif isinstance(inner, InMemoryTrackerStore):
            removed += 1 if inner.store.pop(sender_id, None) is not None else 0
        else:
            raise UnsupportedTrackerStore(type(inner).__name__)
    return removed


def add_route(app: Any, auth_token: str | None) -> None:
    """Register ``DELETE /conversations/<id>/tracker`` on Rasa's Sanic app."""
    from rasa.server import ensure_loaded_agent, requires_auth
    from sanic import response

    async def delete_conversation(request: Any, conversation_id: str) -> Any:
        agent = app.ctx.agent
        try:
            async with agent.lock_store.lock(conversation_id):
                erase(agent.tracker_store, conversation_id)
        except UnsupportedTrackerStore as error:
            return response.json({"error": f"cannot erase from {error}"}, status=501)
        log.info("conversation erased")
        return response.empty(status=204)

    guarded = requires_auth(app, auth_token)(ensure_loaded_agent(app)(delete_conversation))
    app.add_route(guarded, ROUTE, methods=["DELETE"], name="delete_conversation")


def install() -> None:
    """Make Rasa's API app carry the erasure route (wraps ``rasa.server.create_app``)."""
    import rasa.server

    create_app = rasa.server.create_app

    def create_app_with_erasure(*args: Any, **kwargs: Any) -> Any:
        app = create_app(*args, **kwargs)
        add_route(app, kwargs.get("auth_token"))
        return app

    rasa.server.create_app = create_app_with_erasure
