"""Talk to Rasa's REST channel over HTTP."""

from __future__ import annotations

from typing import Any

import httpx


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time, or answered with an error."""


def to_envelope(message: dict[str, Any]) -> dict[str, Any] | None:
    """Turn one Rasa REST reply into an envelope (see ``actions/envelope.py``).

    Our actions send ``custom`` envelopes; a plain ``text`` reply (from a
    response in the domain, or Rasa's own default) is wrapped as a message.
    """
    custom = message.get("custom")
    if isinstance(custom, dict) and "kind" in custom:
        return custom
    if message.get("text"):
        return {
            "kind": "message",
            "lang": None,
            "text": str(message["text"]),
            "buttons": message.get("buttons") or [],
        }
    return None


class RasaClient:
    """Sends a user's message to Rasa and returns the envelopes of the replies."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        """Use the Rasa server at ``base_url`` (e.g. http://127.0.0.1:5005)."""
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=timeout)

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        """Post the message; return the reply envelopes in order.

        Raises:
            RasaUnavailable: Rasa is down, slow or failing, or answered nothing.
        """
        try:
            response = await self._client.post(
                f"{self.base_url}/webhooks/rest/webhook",
                json={"sender": sender, "message": text, "metadata": metadata},
            )
            response.raise_for_status()
            replies = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        envelopes = [to_envelope(m) for m in replies if isinstance(m, dict)]
        found = [e for e in envelopes if e is not None]
        if not found:
            # Every turn of this assistant says something: silence means the
            # action server failed behind Rasa.
            raise RasaUnavailable("no reply (action server down?)")
        return found

    async def is_ready(self) -> bool:
        """True when Rasa answers and has a model loaded."""
        try:
            response = await self._client.get(f"{self.base_url}/status", timeout=2.0)
        except httpx.HTTPError:
            return False
        return response.status_code in (200, 403)

    async def delete_conversation(self, sender: str) -> None:
        """Erase the sender's tracker in Rasa's tracker store (replaced by no events)."""
        try:
            response = await self._client.put(
                f"{self.base_url}/conversations/{sender}/tracker/events", json=[]
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(type(error).__name__) from error

    async def close(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()
