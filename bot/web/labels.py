"""Every code the inbox stores, in words in the staff member's language (never a raw code)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from bot.handoff.dismissals import DISMISS_REASONS
from bot.handoff.triage import TEAMS
from common.content.answers import AnswerFileError, load_answer_file
from common.content.envelopes import topic_title
from common.content.paths import answers_dir
from common.i18n import _, translate

REASONS = {
    "emergency": _("Emergency"),
    "request": _("Asked for a person"),
    "fallback": _("Assistant failed twice"),
}
STATES = {"waiting": _("Waiting"), "assigned": _("Taken"), "closed": _("Closed")}
CHANNELS = {
    "telegram": "Telegram",
    "sms": "SMS",
    "whatsapp": "WhatsApp",
    "local": _("Web chat"),
}
LANGUAGE_NAMES = {"fr": _("French"), "ar": _("Arabic"), "bm": _("Bambara")}
TEAM_NAMES = {"legal": _("Legal team"), "health": _("Health team"), "return": _("Return team")}
DISMISS_NAMES = {
    "false_alarm": _("False alarm: no danger"),
    "assistant_could_answer": _("The assistant's answer was enough"),
    "no_reply": _("The person no longer answers"),
    "duplicate": _("Same person, another conversation"),
    "test_or_spam": _("Test or spam"),
}
ENDED = {
    "staff": _("Closed by staff"),
    "user": _("The person went back to the assistant"),
    "dismissed": _("Dismissed"),
}
VIEW_NAMES = {
    "unassigned": _("Unassigned"),
    "mine": _("Mine"),
    "open": _("All open"),
    "closed": _("Closed"),
}
ACTIONS = {
    "read": _("read the conversation"),
    "claim": _("took the conversation"),
    "close": _("closed and gave back to the assistant"),
    "user_left": _("the person went back to the assistant"),
    "media": _("opened an attachment"),
    "reply": _("replied to the person"),
    "note": _("added an internal note"),
    "transfer": _("transferred to {name}"),
    "assign": _("assigned to {name}"),
    "team": _("gave to: {name}"),
    "snooze": _("snoozed"),
    "wake": _("woke up"),
    "dismiss": _("dismissed: {name}"),
    "account": _("changed an account: {name}"),
}
SPECIAL_TOPICS = {"emergency": _("Emergency"), "human_agent": _("Talk to a person")}
assert set(DISMISS_NAMES) == set(DISMISS_REASONS) and set(TEAM_NAMES) == set(TEAMS)
_ACTION = re.compile(r"(?P<verb>[a-z_]+)(?::(?P<arg>.*))?")


@functools.lru_cache(maxsize=256)
def _title(path: Path, mtime: float, topic: str, language: str) -> str:
    try:
        return topic_title(load_answer_file(path), topic, language)
    except (AnswerFileError, OSError):
        return topic.replace("_", " ")


class Words:
    """The inbox's words in one language (French or Arabic)."""

    def __init__(self, language: str, staff_names: dict[int, str] | None = None) -> None:
        """Words in ``language``; ``staff_names`` name the colleagues in audit lines."""
        self.language = language
        self.staff_names = staff_names or {}

    def __call__(self, message: str, **values: object) -> str:
        """One interface string."""
        return translate(self.language, message, **values)

    def _pick(self, table: dict[str, str], code: str | None, default: str = "") -> str:
        if code is None or code == "":
            return default
        return self(table[code]) if code in table else code.replace("_", " ")

    def reason(self, code: str | None) -> str:
        """Why the conversation came to a person."""
        return self._pick(REASONS, code)

    def state(self, code: str | None) -> str:
        """Waiting, taken or closed."""
        return self._pick(STATES, code)

    def channel(self, code: str | None) -> str:
        """The channel's name."""
        return self._pick(CHANNELS, code)

    def language_name(self, code: str | None) -> str:
        """The user's language in words."""
        return self._pick(LANGUAGE_NAMES, code, self(_("Unknown language")))

    def team(self, code: str | None) -> str:
        """The team's name."""
        return self._pick(TEAM_NAMES, code, self(_("No team")))

    def dismissal(self, code: str | None) -> str:
        """Why a conversation was dismissed."""
        return self._pick(DISMISS_NAMES, code)

    def ended(self, code: str | None) -> str:
        """How a closed conversation ended."""
        return self._pick(ENDED, code)

    def view(self, code: str) -> str:
        """The name of a queue view."""
        return self._pick(VIEW_NAMES, code)

    def topic(self, topic: str | None) -> str:
        """The topic's title in the staff member's language."""
        if not topic:
            return self(_("No topic yet"))
        if topic in SPECIAL_TOPICS:
            return self(SPECIAL_TOPICS[topic])
        path = answers_dir() / f"{topic}.yml"
        if not path.exists():
            return topic.replace("_", " ")
        return _title(path, path.stat().st_mtime, topic, self.language)

    def action(self, code: str) -> str:
        """An audit entry in words (``transfer:3`` becomes "transferred to Awa")."""
        found = _ACTION.fullmatch(code)
        if found is None or found["verb"] not in ACTIONS:
            return code
        arg = found["arg"] or ""
        name = arg
        if found["verb"] in ("transfer", "assign") and arg.isdigit():
            name = self.staff_names.get(int(arg), "#" + arg)
        elif found["verb"] == "team":
            name = self.team(arg if arg != "-" else None)
        elif found["verb"] == "dismiss":
            name = self.dismissal(arg)
        return self(ACTIONS[found["verb"]], name=name)
