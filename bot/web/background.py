"""The gateway's background jobs: the daily retention purge and the outbox."""

from __future__ import annotations

import asyncio
import logging

from bot.conversation.privacy import erasure_requests, purge, retry_erasures
from bot.conversation.rasa_client import RasaClient
from bot.conversation.service import ConversationService
from bot.replies.outbound import Outbound
from bot.storage.database import Database

log = logging.getLogger(__name__)


async def daily_purge(database: Database, rasa: RasaClient, days: int) -> None:
    """Run the retention job a minute after start, then every 24 hours."""
    await asyncio.sleep(60)
    while True:
        try:
            await purge(database, rasa, days)
        except Exception as error:  # keep the schedule whatever one run met
            log.error("purge failed (%s)", type(error).__name__)
        await asyncio.sleep(24 * 3600)


async def drain_outbox(
    service: ConversationService, rasa: RasaClient, outbound: Outbound, interval: float = 2.0
) -> None:
    """When Rasa is back: answer the messages that waited, and finish pending erasures."""
    while True:
        await asyncio.sleep(interval)
        try:
            users = await asyncio.to_thread(service.records.users_with_pending)
            erasures = await asyncio.to_thread(erasure_requests, service.database)
            if not (users or erasures) or not await rasa.is_ready():
                continue
            if erasures:
                await retry_erasures(service.database, rasa)
            for user_id in users:
                replies = await service.process(user_id)
                address = await asyncio.to_thread(service.records.address_of, user_id)
                for reply in replies:
                    if address and outbound.can_send(reply.channel):
                        await outbound.send(reply.channel, address, reply.messages)
        except Exception as error:  # the loop must survive a database hiccup
            log.error("outbox: %s", type(error).__name__)
