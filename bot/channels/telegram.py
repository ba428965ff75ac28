"""Telegram through python-telegram-bot (v22).

Two modes:

- ``polling`` (default, no public URL needed): the gateway asks Telegram for
  updates itself; good for a quick start with only a bot token.
- ``webhook``: Telegram posts updates to ``/webhooks/telegram``; every request
  must carry the secret given to ``setWebhook`` in the
  ``X-Telegram-Bot-Api-Secret-Token`` header, or it is refused with 403.
  ``python -m bot telegram-webhook`` registers the webhook.

Buttons become an inline keyboard (one button per row); a button sends its
payload back as callback data, or its menu number when the payload is longer
than Telegram's 64 bytes. Texts over 4,096 characters are split at paragraph
boundaries by the renderer.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.content.paths import content_dir
from bot.conversation import ConversationService
from bot.incoming import Incoming
from bot.rendering import OutMessage

log = logging.getLogger(__name__)
router = APIRouter()

WEBHOOK_PATH = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CALLBACK_LIMIT = 64
ALLOWED_UPDATES = ["message", "callback_query"]


def media_of(message: Any) -> tuple[str | None, str | None]:
    """The kind of attachment of a Telegram message and its file id."""
    for kind, attribute in (
        ("voice", "voice"),
        ("audio", "audio"),
        ("video", "video"),
        ("video", "video_note"),
        ("sticker", "sticker"),
        ("document", "document"),
    ):
        value = getattr(message, attribute, None)
        if value is not None:
            return kind, value.file_id
    if message.photo:
        return "image", message.photo[-1].file_id
    if message.location is not None:
        return "location", None
    if message.contact is not None:
        return "contact", None
    return None, None


def keyboard(message: OutMessage) -> InlineKeyboardMarkup | None:
    """An inline keyboard for the message's buttons (None without buttons)."""
    if not message.buttons:
        return None
    rows = []
    for button in message.buttons:
        data = button.payload
        if len(data.encode()) > CALLBACK_LIMIT:
            data = str(button.number)
        rows.append([InlineKeyboardButton(button.title, callback_data=data)])
    return InlineKeyboardMarkup(rows)


class TelegramChannel:
    """Receives Telegram updates and answers them through the conversation service."""

    def __init__(self, settings: Settings, service: ConversationService) -> None:
        """Build the python-telegram-bot application (not started yet)."""
        self.settings = settings
        self.service = service
        builder = (
            Application.builder()
            .token(settings.telegram_token)
            .base_url(settings.telegram_base_url)
            .base_file_url(settings.telegram_base_url.replace("/bot", "/file/bot"))
        )
        if settings.telegram_mode == "webhook":
            builder = builder.updater(None)
        self.application = builder.build()
        self.application.add_handler(CallbackQueryHandler(self._on_button))
        self.application.add_handler(
            MessageHandler(filters.UpdateType.MESSAGE & ~filters.StatusUpdate.ALL, self._on_message)
        )

    async def start(self) -> None:
        """Start processing updates (and polling, in polling mode)."""
        await self.application.initialize()
        await self.application.start()
        if self.settings.telegram_mode != "webhook" and self.application.updater:
            await self.application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("telegram: polling for updates")
        else:
            log.info("telegram: waiting for webhook calls on %s", WEBHOOK_PATH)

    async def stop(self) -> None:
        """Stop polling and processing."""
        if self.application.updater and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def send(self, address: str, message: OutMessage) -> None:
        """Send one message to a chat, its recorded audio answer first if it has one."""
        audio = content_dir() / message.audio if message.audio else None
        if audio is not None and audio.is_file():
            with audio.open("rb") as handle:
                await self.application.bot.send_audio(int(address), handle)
        if message.text:
            await self.application.bot.send_message(
                int(address), message.text, reply_markup=keyboard(message)
            )

    async def fetch_media(self, file_id: str) -> tuple[bytes, str]:
        """Download a voice note, photo or document a user sent (for the inbox)."""
        telegram_file = await self.application.bot.get_file(file_id)
        data = bytes(await telegram_file.download_as_bytearray())
        path = (telegram_file.file_path or "").lower()
        kind = (
            "audio/ogg"
            if path.endswith((".oga", ".ogg"))
            else ("image/jpeg" if path.endswith((".jpg", ".jpeg")) else "application/octet-stream")
        )
        return data, kind

    async def notify_staff(self, text: str) -> None:
        """Tell the staff group a conversation is waiting (no personal data)."""
        await self.application.bot.send_message(self.settings.telegram_staff_chat_id, text)

    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        chat = update.effective_chat
        if message is None or chat is None:
            return
        kind, ref = media_of(message)
        text = message.text or message.caption or ""
        await self._answer(
            chat.id, Incoming("telegram", str(chat.id), text, str(update.update_id), kind, ref)
        )

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        chat = update.effective_chat
        if query is None or chat is None:
            return
        await query.answer()
        await self._answer(
            chat.id, Incoming("telegram", str(chat.id), query.data or "", str(update.update_id))
        )

    async def _answer(self, chat_id: int, incoming: Incoming) -> None:
        reply = await self.service.handle(incoming)
        for out in reply.messages:
            await self.send(str(chat_id), out)


async def set_webhook(settings: Settings) -> bool:
    """Register ``PUBLIC_URL/webhooks/telegram`` with Telegram, with the secret."""
    bot = Bot(settings.telegram_token, base_url=settings.telegram_base_url)
    async with bot:
        return bool(
            await bot.set_webhook(
                url=settings.public_url + WEBHOOK_PATH,
                secret_token=settings.telegram_webhook_secret or None,
                allowed_updates=ALLOWED_UPDATES,
            )
        )


@router.post(WEBHOOK_PATH, include_in_schema=False)
async def telegram_webhook(request: Request) -> Response:
    """Updates from Telegram (webhook mode): secret checked, then queued."""
    channel: TelegramChannel | None = getattr(request.app.state, "telegram", None)
    if channel is None or channel.settings.telegram_mode != "webhook":
        return Response(status_code=404)
    expected = channel.settings.telegram_webhook_secret
    given = request.headers.get(SECRET_HEADER, "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return Response(status_code=403)
    try:
        data = json.loads(await request.body())
        update = Update.de_json(data, channel.application.bot)
    except (ValueError, TypeError, KeyError):
        return Response(status_code=400)
    if update is None:
        return Response(status_code=400)
    await channel.application.update_queue.put(update)
    return Response(status_code=200)
