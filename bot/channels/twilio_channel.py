"""SMS and WhatsApp through Twilio.

One webhook per channel (``/webhooks/twilio/sms``, ``/webhooks/twilio/whatsapp``).
Every request's ``X-Twilio-Signature`` is checked with twilio's
``RequestValidator`` against the public URL from configuration (so it holds
behind a proxy that rewrites the host); a missing or wrong signature gets 403.
The webhook answers at once with an empty TwiML response, and the replies are
sent afterwards with the Messages API, so Twilio's 15-second limit is never at
risk. Menus are numbered lines and SMS texts fit the segment budget (see
``bot.replies.rendering``).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from fastapi import APIRouter, BackgroundTasks, Request, Response
from sqlalchemy.exc import SQLAlchemyError
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.config import Settings
from bot.conversation.incoming import Incoming
from bot.conversation.reply import Accepted
from bot.conversation.service import ConversationService
from bot.replies.rendering import OutMessage
from common.content.paths import audio_file

log = logging.getLogger(__name__)
router = APIRouter()

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
PATHS = {"sms": "/webhooks/twilio/sms", "whatsapp": "/webhooks/twilio/whatsapp"}
# A number that can be answered: E.164, as Twilio gives it.
_PHONE = re.compile(r"\+[1-9][0-9]{6,14}")


def media_kind(form: dict[str, str]) -> tuple[str | None, str | None]:
    """The kind of the first attachment (voice note, image…) and its URL."""
    if form.get("Latitude") and form.get("Longitude"):
        return "location", None
    count = form.get("NumMedia", "0").strip()
    if not (count.isascii() and count.isdigit()) or int(count) < 1:  # "²".isdigit() is True
        return None, None
    content_type = form.get("MediaContentType0", "")
    url = form.get("MediaUrl0")
    if content_type.startswith("audio/"):
        return "voice", url
    if content_type.startswith("image/"):
        return "image", url
    if content_type.startswith("video/"):
        return "video", url
    return "document", url


class TwilioChannel:
    """Checks Twilio's requests and sends replies with the Messages API."""

    def __init__(self, settings: Settings, service: ConversationService) -> None:
        """Create the REST client (pointed at TWILIO_API_BASE_URL when set, for tests)."""
        self.settings = settings
        self.service = service
        self.validator = RequestValidator(settings.twilio_auth_token)
        self.retry_base_delay = 1.0
        self.client = Client(settings.twilio_account_sid, settings.twilio_auth_token)
        if settings.twilio_api_base_url:
            self.client.api.base_url = settings.twilio_api_base_url

    def sender_for(self, channel: str) -> str:
        """The configured From address of a channel ("" when not configured)."""
        if channel == "whatsapp":
            sender = self.settings.twilio_whatsapp_from
            if sender and not sender.startswith("whatsapp:"):
                sender = "whatsapp:" + sender
            return sender
        return self.settings.twilio_sms_from

    def is_signed(
        self, channel: str, form: dict[str, str], signature: str, query: str = ""
    ) -> bool:
        """True when the request was signed by Twilio for our public URL.

        Twilio signs the URL it called, query string included.
        """
        if not self.settings.public_url:
            log.error(
                "twilio: request refused: PUBLIC_URL is not set, signatures cannot be checked"
            )
            return False
        url = self.settings.public_url + PATHS[channel] + (f"?{query}" if query else "")
        return bool(signature) and bool(self.validator.validate(url, form, signature))

    def is_inbound_from_user(self, channel: str, form: dict[str, str]) -> bool:
        """True for a message a person sent us (not a status callback, not our own number).

        A status callback posted to this URL ("sent", "delivered"…) has our
        number as ``From``: answering it would make the assistant talk to
        itself. Alphanumeric senders (operators' and services' names) cannot
        be answered either.
        """
        status = (form.get("SmsStatus") or form.get("MessageStatus") or "received").lower()
        sender = form.get("From", "")
        own = {self.settings.twilio_sms_from, self.sender_for("whatsapp")} - {""}
        number = sender.removeprefix("whatsapp:")
        return (
            status == "received"
            and sender not in own
            and _PHONE.fullmatch(number) is not None
            and sender.startswith("whatsapp:") == (channel == "whatsapp")
        )

    def _send(self, to: str, channel: str, body: str, audio: str | None = None) -> None:
        extra = {}
        # Only a recorded answer of the audio folder, as /content-audio serves
        # it: a link to anything else would fail Twilio's fetch, and the text with it.
        recorded = audio_file(audio) if channel == "whatsapp" else None
        if recorded is not None and self.settings.public_url:
            extra["media_url"] = [f"{self.settings.public_url}/content-audio/{recorded.name}"]
        self.client.messages.create(to=to, from_=self.sender_for(channel), body=body, **extra)

    def sender(self, channel: str) -> Callable[[str, OutMessage], Awaitable[None]]:
        """A function sending one message on ``channel`` (for staff replies)."""

        async def send(address: str, message: OutMessage) -> None:
            if message.text and not await self.send_with_retry(
                address, channel, message.text, message.audio
            ):
                raise NotDelivered(channel)

        return send

    async def send_template(self, address: str, content_sid: str) -> None:
        """Send an approved WhatsApp template (outside the 24-hour window)."""
        await asyncio.to_thread(
            self.client.messages.create,
            to=address,
            from_=self.sender_for("whatsapp"),
            content_sid=content_sid,
        )

    async def fetch_media(self, url: str) -> tuple[bytes, str]:
        """Download media a user sent, from Twilio's API only, with our credentials.

        Raises:
            ValueError: the URL is not on Twilio's API (never fetch elsewhere).
        """
        allowed = (self.settings.twilio_api_base_url or "https://api.twilio.com").rstrip("/")
        if not url.startswith(allowed + "/"):
            raise ValueError("media URL outside the Twilio API")
        auth = (self.settings.twilio_account_sid, self.settings.twilio_auth_token)
        async with httpx.AsyncClient(timeout=20, follow_redirects=True) as client:
            response = await client.get(url, auth=auth)
            response.raise_for_status()
        return response.content, response.headers.get("content-type", "application/octet-stream")

    async def deliver(self, channel: str, accepted: Accepted, address: str) -> None:
        """Answer what is queued for the user and send the replies (after the webhook)."""
        if accepted.outcome == "duplicate":
            return
        if accepted.outcome == "limited":
            replies = [await self.service.limited_reply(accepted, channel)]
        else:
            replies = await self.service.process(accepted.user_id)
        for reply in replies:
            for out in reply.messages:
                if out.text:
                    await self.send_with_retry(address, channel, out.text, out.audio)

    async def emergency_now(self, channel: str, text: str, address: str) -> None:
        """The message could not be stored (database down): danger is still answered at once."""
        for out in await self.service.unrecorded_emergency(text, channel):
            await self.send_with_retry(address, channel, out.text)

    async def send_with_retry(
        self, address: str, channel: str, text: str, audio: str | None = None, tries: int = 4
    ) -> bool:
        """Send, retrying Twilio's server errors and 429 with back-off (1, 2, 4 s)."""
        for attempt in range(tries):
            try:
                await asyncio.to_thread(self._send, address, channel, text, audio)
                return True
            except TwilioRestException as error:
                if error.status < 500 and error.status != 429:
                    log.error("twilio: reply refused (status %s)", error.status)
                    return False
                log.warning("twilio: send failed (status %s), retrying", error.status)
            except TwilioException as error:
                log.warning("twilio: send failed (%s), retrying", type(error).__name__)
            if attempt < tries - 1:
                await asyncio.sleep(self.retry_base_delay * 2**attempt)
        log.error("twilio: reply not sent after %d tries", tries)
        return False


class NotDelivered(RuntimeError):
    """Twilio refused a staff message or kept failing: the inbox marks it not delivered."""


async def _webhook(channel: str, request: Request, background: BackgroundTasks) -> Response:
    twilio: TwilioChannel | None = getattr(request.app.state, "twilio", None)
    if twilio is None or not twilio.sender_for(channel):
        return Response(status_code=404)
    try:
        form: dict[str, Any] = dict(await request.form())
    except Exception:  # any unreadable body is the client's error
        return Response(status_code=400)
    form = {k: str(v) for k, v in form.items()}
    signature = request.headers.get("X-Twilio-Signature", "")
    if not twilio.is_signed(channel, form, signature, request.url.query):
        return Response(status_code=403)
    sender = form.get("From", "")
    sid = form.get("MessageSid") or form.get("SmsMessageSid")
    if not sender or not sid:
        return Response(status_code=400)
    if not twilio.is_inbound_from_user(channel, form):
        return Response(EMPTY_TWIML, media_type="text/xml")  # nothing to answer
    kind, ref = media_kind(form)
    incoming = Incoming(channel, sender, form.get("Body", ""), sid, kind, ref)
    try:
        accepted = await twilio.service.accept(incoming)
    except SQLAlchemyError:
        # Twilio logs the failure and tries the number's fallback URL, if any; it
        # does not send the message again by default. Danger is answered now.
        log.error("twilio: database unavailable, message not stored")
        background.add_task(twilio.emergency_now, channel, incoming.text, sender)
        return Response(status_code=503)
    background.add_task(twilio.deliver, channel, accepted, sender)
    return Response(EMPTY_TWIML, media_type="text/xml")


@router.post(PATHS["sms"], include_in_schema=False)
async def sms_webhook(request: Request, background: BackgroundTasks) -> Response:
    """Incoming SMS from Twilio."""
    return await _webhook("sms", request, background)


@router.post(PATHS["whatsapp"], include_in_schema=False)
async def whatsapp_webhook(request: Request, background: BackgroundTasks) -> Response:
    """Incoming WhatsApp messages from Twilio."""
    return await _webhook("whatsapp", request, background)
