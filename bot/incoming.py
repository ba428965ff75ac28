"""One incoming message, the same shape whatever the channel."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MEDIA_KINDS = ("voice", "audio", "image", "video", "location", "sticker", "document", "contact")

# Control characters and bidirectional overrides, which can hide or reorder
# text on a screen; newlines and tabs are kept.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    "\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


@dataclass(frozen=True)
class Incoming:
    """A message from a user, normalised by its channel connector.

    Attributes:
        channel: web, telegram, whatsapp or sms.
        address: the clear address to reply to (chat id, phone number); never
            logged or stored in clear.
        text: what the user wrote ("" for media without a caption).
        external_id: the channel's id of this delivery, for de-duplication.
        media_kind: the kind of attachment, if any.
        media_ref: the channel's reference to fetch the attachment later.
        realm: where the address comes from, when not the channel itself: the
            local web chat previews every channel with one conversation.
    """

    channel: str
    address: str
    text: str = ""
    external_id: str | None = None
    media_kind: str | None = None
    media_ref: str | None = None
    realm: str | None = None


def clean_text(text: str, max_chars: int) -> str:
    """Remove invisible control characters, normalise, and cap the length."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).strip()
    return text[:max_chars]
