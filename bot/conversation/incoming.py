"""One incoming message, the same shape whatever the channel."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MEDIA_KINDS = ("voice", "audio", "image", "video", "location", "sticker", "document", "contact")

# Kept from the invisible "format" characters: the joiners that emoji
# sequences and some scripts' spelling need. Every other control or format
# character (bidirectional overrides, isolates and marks, zero-width spaces,
# the BOM, tags) can hide or reorder text on a screen, and lone surrogates and
# NUL cannot even be stored: they all go.
_KEPT_FORMAT = frozenset("\u200c\u200d")
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}


def _visible(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return char in "\n\t"
    if category == "Cf":
        return char in _KEPT_FORMAT
    return category != "Cs"


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
        client: the network address of an anonymous sender (local web chat),
            for a rate limit per client; never stored.
    """

    channel: str
    address: str
    text: str = ""
    external_id: str | None = None
    media_kind: str | None = None
    media_ref: str | None = None
    realm: str | None = None
    client: str | None = None


def clean_text(text: str, max_chars: int) -> str:
    """Remove invisible and unstorable characters, normalise, and cap the length."""
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    text = "".join(char for char in text if _visible(char))
    return unicodedata.normalize("NFC", text).strip()[:max_chars]
