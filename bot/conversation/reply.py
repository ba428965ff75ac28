"""What the conversation core hands back to a channel."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.replies.rendering import OutMessage
from common.envelope import Envelope


@dataclass
class Reply:
    """What the gateway sends back for one incoming message."""

    user_id: str
    messages: list[OutMessage] = field(default_factory=list)
    language: str | None = None
    envelopes: list[Envelope] = field(default_factory=list)
    duplicate: bool = False
    handoff: bool = False
    channel: str = ""
    apology: bool = False
    limited: bool = False


@dataclass(frozen=True)
class Accepted:
    """An incoming message stored for processing (or why it was not)."""

    user_id: str
    outcome: str  # "new" (first message of a user), "known", "duplicate" or "limited"
    # A limited message's text, kept in memory only to see danger in it (never stored).
    text: str = ""
