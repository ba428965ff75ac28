"""Which intent payloads a user's message may carry to Rasa.

Rasa's REST channel reads any message starting with ``/`` as an intent with
entities (``/greet``, ``/change_language{"language":"fr"}``) and skips the
NLU. That is how buttons work, but it also lets anyone type ``/restart``,
``/session_start`` or ``/back`` (or forge them as Telegram callback data):
Rasa then runs its own default action, answers nothing, and the conversation
state changes under the user. The gateway therefore passes on only the
payloads its own buttons can carry; any other text starting with ``/`` goes
to the NLU as words, without the slash.
"""

from __future__ import annotations

import json
import re

from common.content.topics import TopicCatalog
from common.language import LANGUAGES

# Intents of the conversation itself (domain/conversation.yml) that buttons use.
CONVERSATION_INTENTS = frozenset(
    {"greet", "thank", "goodbye", "bot_challenge", "affirm", "deny", "choose_theme"}
)
_PAYLOAD = re.compile(r"/(?P<intent>[a-z_]{1,64})(?P<entities>\{.{0,200}\})?", re.DOTALL)
_LEADING_COMMAND = re.compile(r"^/+(?P<word>[^\s@/]*)(?:@\w+)?")


class Payloads:
    """The payloads this assistant's buttons send, and nothing else."""

    def __init__(self, topics: TopicCatalog) -> None:
        """Allow the conversation intents, every topic, and the known entity values."""
        self.intents = CONVERSATION_INTENTS | frozenset(topics.topics)
        self.entity_values = {"language": frozenset(LANGUAGES), "theme": frozenset(topics.themes)}

    def accepts(self, text: str) -> bool:
        """True when ``text`` is exactly a payload one of our buttons can send."""
        parsed = _parse(text)
        if parsed is None or parsed[0] not in self.intents:
            return False
        entities = parsed[1]
        if entities is None:
            return True
        return len(entities) == 1 and all(
            isinstance(value, str) and value in self.entity_values.get(key, ())
            for key, value in entities.items()
        )

    def sanitise(self, text: str) -> str:
        """``text`` unchanged when it is a known payload; otherwise never read as an intent."""
        stripped = text.strip()
        if not stripped.startswith("/") or self.accepts(stripped):
            return text
        return _LEADING_COMMAND.sub(lambda m: m.group("word"), stripped, count=1).strip()


def chosen_language(text: str) -> str | None:
    """The language a ``/change_language{"language": ...}`` button names, else None."""
    parsed = _parse(text)
    if parsed is None or parsed[0] != "change_language" or parsed[1] is None:
        return None
    entities = parsed[1]
    language = entities.get("language") if len(entities) == 1 else None
    return language if isinstance(language, str) and language in LANGUAGES else None


def _parse(text: str) -> tuple[str, dict[str, object] | None] | None:
    """A payload's intent and its entities (None when it has none), or None if not a payload."""
    match = _PAYLOAD.fullmatch(text.strip())
    if match is None:
        return None
    if match.group("entities") is None:
        return match.group("intent"), None
    try:
        entities = json.loads(match.group("entities"))
    except ValueError:
        return None
    return (match.group("intent"), entities) if isinstance(entities, dict) else None
