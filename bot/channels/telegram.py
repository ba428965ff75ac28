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

from fastapi import APIRouter, BackgroundTasks, Request, Response
from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.conversation.incoming import Incoming
from bot.conversation.reply import Accepted
from bot.conversation.service import ConversationService
from bot.feedback.votes import vote_of
from bot.replies.rendering import OutMessage
from bot.web.call_links import call_url
from common.content.paths import audio_file

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


def keyboard(message: OutMessage, public_url: str = "") -> InlineKeyboardMarkup | None:
    """An inline keyboard for the message's buttons (None without buttons).

    Numbers to call come first, one button each. Telegram refuses ``tel:``
    in a button (only http(s) and tg:// links) and links only some numbers in
    a text by itself (never short ones like 19), so a call button opens the
    gateway's ``/call/<number>`` page, which hands the number to the phone's
    dialer; without a public https address the numbers stay in the text only.
    """
    rows = []
    if public_url.startswith("https://"):
        rows += [
            [
                InlineKeyboardButton(
                    f"\U0001f4de {c['name']} {c['phone']}", url=call_url(public_url, c)
                )
            ]
            for c in message.calls
        ]
    for button in message.buttons:
        data = button.payload
        if len(data.encode()) > CALLBACK_LIMIT:
            data = str(button.number)
        pressed = InlineKeyboardButton(button.title, callback_data=data)
        if vote_of(button.payload) and rows and vote_of(str(rows[-1][0].callback_data)):
            rows[-1].append(pressed)  # "Useful? Yes | No" on one row
        else:
            rows.append([pressed])
    return InlineKeyboardMarkup(rows) if rows else None


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
            # Respects Telegram's limits (about one message a second per chat,
            # thirty a second overall) and retries after a 429 "retry after".
            .rate_limiter(AIORateLimiter(max_retries=3))
        )
        if settings.telegram_mode == "webhook":
            builder = builder.updater(None)
        self.application = builder.build()
        self.application.add_error_handler(self._on_error)
        private = filters.ChatType.PRIVATE
        self.application.add_handler(CallbackQueryHandler(self._on_update))
        self.application.add_handler(
            MessageHandler(
                filters.UpdateType.MESSAGE & private & ~filters.StatusUpdate.ALL, self._on_update
            )
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
        audio = audio_file(message.audio)
        if audio is not None:
            with audio.open("rb") as handle:
                await self.application.bot.send_audio(int(address), handle)
        if message.text:
            await self.application.bot.send_message(
                int(address), message.text, reply_markup=keyboard(message, self.settings.public_url)
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

    @staticmethod
    async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A handler failed: log the kind of error only (PTB's own log prints the update)."""
        log.error("telegram: update not handled (%s)", type(context.error).__name__)

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Polling mode: an update fetched from Telegram."""
        found = incoming_of(update)
        if found is None:
            return
        incoming, chat_id = found
        await self.answer_button(update)
        try:
            accepted = await self.service.accept(incoming)
        except SQLAlchemyError:
            # Polling cannot ask Telegram to send the update again.
            log.error("telegram: database unavailable, an update could not be stored")
            await self.emergency_now(incoming.text, chat_id)
            return
        await self.deliver(accepted, chat_id)

    async def emergency_now(self, text: str, chat_id: int) -> None:
        """The message could not be stored (database down): danger is still answered at once."""
        for out in await self.service.unrecorded_emergency(text, "telegram"):
            await self.send(str(chat_id), out)

    async def answer_button(self, update: Update) -> None:
        """Acknowledge a button press (Telegram shows a spinner until then)."""
        if update.callback_query is not None:
            await self.application.bot.answer_callback_query(update.callback_query.id)

    async def deliver(self, accepted: Accepted, chat_id: int) -> None:
        """Answer what is queued for the user, and send the replies."""
        if accepted.outcome == "duplicate":
            return
        if accepted.outcome == "limited":
            replies = [await self.service.limited_reply(accepted, "telegram")]
        else:
            replies = await self.service.process(accepted.user_id)
        for reply in replies:
            for out in reply.messages:
                await self.send(str(chat_id), out)


def incoming_of(update: Update) -> tuple[Incoming, int] | None:
    """The incoming message of a Telegram update, and its chat id (None: not for us).

    Only private chats: in a group every member would share one conversation,
    and a member's ``/delete`` would be answered in the group. Edited
    messages, channel posts and service messages (members joining, pins…)
    are not questions to answer, on the webhook as in polling mode.
    """
    query = update.callback_query
    if query is not None:
        source = query.message
        if not _private(getattr(source, "chat", None)) or not isinstance(query.data, str):
            return None
        chat_id = source.chat.id  # type: ignore[union-attr]
        return Incoming("telegram", str(chat_id), query.data, str(update.update_id)), chat_id
    message = update.message
    if (
        message is None
        or not _private(message.chat)
        or filters.StatusUpdate.ALL.check_update(update)
    ):
        return None
    kind, ref = media_of(message)
    text = message.text or message.caption or ""
    if not isinstance(text, str):
        return None
    chat_id = message.chat.id
    return Incoming("telegram", str(chat_id), text, str(update.update_id), kind, ref), chat_id


def _private(chat: Any) -> bool:
    """A one-to-one chat with a real numeric id."""
    return (
        chat is not None
        and getattr(chat, "type", None) == ChatType.PRIVATE
        and isinstance(getattr(chat, "id", None), int)
    )


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
async def telegram_webhook(request: Request, background: BackgroundTasks) -> Response:
    """Updates from Telegram (webhook mode).

    The secret is checked, then the message is stored before Telegram gets its
    200: when the database is unavailable Telegram gets 503 and sends the
    update again later, so nothing is lost. The answer is sent afterwards.
    """
    channel: TelegramChannel | None = getattr(request.app.state, "telegram", None)
    if channel is None or channel.settings.telegram_mode != "webhook":
        return Response(status_code=404)
    expected = channel.settings.telegram_webhook_secret
    given = request.headers.get(SECRET_HEADER, "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return Response(status_code=403)
    try:
        data = json.loads(await request.body())
        update = Update.de_json(data, channel.application.bot) if isinstance(data, dict) else None
        found = incoming_of(update) if update is not None else None
    except Exception:  # any update Telegram's library cannot read is malformed: 400
        return Response(status_code=400)
    if update is None or found is None:
        return Response(status_code=200)  # an update kind the assistant does not handle
    incoming, chat_id = found
    try:
        accepted = await channel.service.accept(incoming)
    except SQLAlchemyError:
        log.error("telegram: database unavailable, asking Telegram to retry")
        background.add_task(channel.emergency_now, incoming.text, chat_id)
        return Response(status_code=503)
    background.add_task(channel.answer_button, update)
    background.add_task(channel.deliver, accepted, chat_id)
    return Response(status_code=200)
