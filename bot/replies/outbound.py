"""Sending messages to a user outside a webhook's reply: staff answers, notices.

Each channel connector registers how it sends one message. The local web chat
needs no sender: it fetches new messages from the conversation record.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.replies.rendering import OutMessage

log = logging.getLogger(__name__)

Sender = Callable[[str, OutMessage], Awaitable[None]]
TemplateSender = Callable[[str, str], Awaitable[None]]
MediaFetcher = Callable[[str], Awaitable[tuple[bytes, str]]]


class Outbound:
    """The senders of each channel, by channel name."""

    def __init__(self) -> None:
        """No channel registered yet."""
        self._senders: dict[str, Sender] = {}
        self._templates: dict[str, TemplateSender] = {}
        self._media: dict[str, MediaFetcher] = {}

    def register(self, channel: str, sender: Sender) -> None:
        """Use ``sender(address, message)`` for ``channel``."""
        self._senders[channel] = sender

    def register_template(self, channel: str, sender: TemplateSender) -> None:
        """Use ``sender(address, template_id)`` to send approved templates on ``channel``."""
        self._templates[channel] = sender

    async def send_template(self, channel: str, address: str, template_id: str) -> None:
        """Send an approved template (WhatsApp outside the 24-hour window)."""
        sender = self._templates.get(channel)
        if sender is None:
            raise LookupError(f"no template sender for {channel}")
        await sender(address, template_id)

    def register_media(self, channel: str, fetcher: MediaFetcher) -> None:
        """Use ``fetcher(reference)`` to download what users of ``channel`` sent."""
        self._media[channel] = fetcher

    async def fetch_media(self, channel: str, reference: str) -> tuple[bytes, str]:
        """The bytes and content type of a voice note or image a user sent.

        Raises:
            LookupError: the channel cannot fetch media (not configured).
        """
        fetcher = self._media.get(channel)
        if fetcher is None:
            raise LookupError(f"no media fetcher for {channel}")
        return await fetcher(reference)

    def can_send(self, channel: str) -> bool:
        """True for channels that need an active send (not the local chat)."""
        return channel in self._senders

    async def send(self, channel: str, address: str, messages: list[OutMessage]) -> None:
        """Send each message on the channel, in order."""
        sender = self._senders.get(channel)
        if sender is None:
            return
        for message in messages:
            await sender(address, message)
