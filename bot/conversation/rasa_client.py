"""Talk to Rasa's REST channel and HTTP API."""

from __future__ import annotations

from typing import Any, cast

import httpx

from common.envelope import MESSAGE, Envelope, envelope


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time, or answered with an error."""


def to_envelope(message: dict[str, Any]) -> Envelope | None:
    """Turn one Rasa REST reply into an envelope (see ``common.envelope``).

    Our actions send ``custom`` envelopes; a plain ``text`` reply (from a
    response in the domain, or Rasa's own default) is wrapped as a message.
    """
    custom = message.get("custom")
    if (
        isinstance(custom, dict)
        and isinstance(custom.get("kind"), str)
        and isinstance(custom.get("text"), str)
    ):
        custom.setdefault("lang", None)
        buttons = custom.get("buttons")
        custom["buttons"] = (
            [b for b in buttons if isinstance(b, dict)] if isinstance(buttons, list) else []
        )
        return cast(Envelope, custom)
    if message.get("text"):
        return envelope(MESSAGE, None, str(message["text"]), message.get("buttons") or [])
    return None


class RasaClient:
    """Sends a user's message to Rasa and returns the envelopes of the replies."""

    def __init__(
        self,
        base_url: str,
        timeout: float = 10.0,
        token: str = "",
        action_server_url: str = "",
    ) -> None:
        """Use the Rasa server(s) at ``base_url``: one URL, or several separated by commas.

        With several replicas (production profile: shared tracker store and
        Redis lock store) requests go round-robin, and a replica that fails
        is skipped for the next one. ``token`` is Rasa's ``--auth-token`` for
        its HTTP API; ``action_server_url`` (its ``/webhook`` URL) lets
        readiness include the action server, without which Rasa answers
        nothing.
        """
        self.base_urls = [u.strip().rstrip("/") for u in base_url.split(",") if u.strip()]
        self.base_url = self.base_urls[0]
        self._next = 0
        self._params = {"token": token} if token else {}
        self._action_health = (
            action_server_url.rstrip("/").removesuffix("/webhook") + "/health"
            if action_server_url
            else ""
        )
        self._client = httpx.AsyncClient(timeout=timeout)

    def _order(self) -> list[str]:
        start = self._next % len(self.base_urls)
        self._next += 1
        return self.base_urls[start:] + self.base_urls[:start]

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[Envelope]:
        """Post the message; return the reply envelopes in order (possibly none).

        Raises:
            RasaUnavailable: Rasa is down, slow or failing.
        """
        failure: Exception | None = None
        for base in self._order():
            try:
                response = await self._client.post(
                    f"{base}/webhooks/rest/webhook",
                    json={"sender": sender, "message": text, "metadata": metadata},
                )
                response.raise_for_status()
                replies = response.json()
                break
            except httpx.TimeoutException as error:
                # The replica may still be processing it: trying another one
                # could answer twice. The message waits in the queue instead.
                raise RasaUnavailable(type(error).__name__) from error
            except (httpx.HTTPError, ValueError) as error:
                failure = error
        else:
            raise RasaUnavailable(type(failure).__name__)
        if not isinstance(replies, list):
            raise RasaUnavailable("unexpected answer")
        envelopes = [to_envelope(m) for m in replies if isinstance(m, dict)]
        return [e for e in envelopes if e is not None]

    async def risk(self, text: str) -> str:
        """The risk level Rasa's risk detector gives ``text`` (danger, possible or none).

        ``POST /model/parse`` runs the NLU only: nothing is stored in any conversation.

        Raises:
            RasaUnavailable: no replica answered.
        """
        for base in self._order():
            try:
                response = await self._client.post(
                    f"{base}/model/parse", params=self._params, json={"text": text}
                )
                response.raise_for_status()
                risk = response.json().get("risk") or {}
                return str(risk.get("level") or "none")
            except (httpx.HTTPError, ValueError, AttributeError):
                continue
        raise RasaUnavailable("risk not read")

    async def is_ready(self) -> bool:
        """True when a Rasa replica answers (and the action server, when known)."""
        if self._action_health:
            try:
                health = await self._client.get(self._action_health, timeout=2.0)
            except httpx.HTTPError:
                return False
            if health.status_code != 200:
                return False
        for base in self.base_urls:
            try:
                response = await self._client.get(
                    f"{base}/status", params=self._params, timeout=2.0
                )
            except httpx.HTTPError:
                continue
            if response.status_code == 200:
                return True
        return False

    async def delete_conversation(self, sender: str) -> None:
        """Erase the sender's conversation from Rasa's tracker store.

        Uses the ``DELETE /conversations/<id>/tracker`` route that
        ``rasa_server`` adds to Rasa (Rasa's own API cannot erase).

        Raises:
            RasaUnavailable: no replica erased it (down, refused, or a Rasa
                started without ``rasa_server``).
        """
        failure = "no replica"
        for base in self._order():
            try:
                response = await self._client.delete(
                    f"{base}/conversations/{sender}/tracker", params=self._params
                )
            except httpx.HTTPError as error:
                failure = type(error).__name__
                continue
            if response.status_code in (200, 204):
                return
            failure = f"status {response.status_code}"
        raise RasaUnavailable(f"conversation not erased ({failure})")

    async def close(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()
