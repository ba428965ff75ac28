"""One message answered, in its sender's order: the step between the queue and the channel.

A person has the conversation: the message is recorded for them and the
assistant stays silent (except for danger). Otherwise: commands, menu
numbers, the parts of the last answer and MORE are read (and answered from
what the gateway kept, without Rasa), Rasa is asked, the hand-off and privacy notices
are added, every reply is rendered for the channel, and both sides are
recorded (or everything is erased, when that was the request).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

from bot.conversation.commands import about_erasure, interpret
from bot.conversation.danger import DangerCheck
from bot.conversation.emergency import has_emergency, single_emergency, with_alert
from bot.conversation.incoming import Incoming, clean_text
from bot.conversation.notices import (
    EMPTY,
    MEDIA_ONLY,
    could_not_answer,
    nothing_more,
    privacy,
    reply_language,
    with_busy_notice,
    with_handoff_notice,
)
from bot.conversation.payloads import Payloads
from bot.conversation.privacy import erase_everywhere, privacy_notice
from bot.conversation.rasa_client import RasaClient, RasaUnavailable
from bot.conversation.records import ConversationRecords, UserState
from bot.conversation.reply import Reply
from bot.conversation.waiting import WhileAPersonAnswers
from bot.feedback import votes as feedback
from bot.feedback.votes import vote_of
from bot.handoff.service import HandoffService
from bot.handoff.waiting import WaitingAcks
from bot.replies.parts import KeptAnswer, dumps, kept_of, loads, part_envelope
from bot.replies.rendering import Choice, OutMessage, Rendered, render
from bot.storage.models import User
from common.envelope import MENU, MENU_PAYLOAD, MESSAGE, MORE, Envelope, envelope, with_text
from common.i18n import translate
from common.languages import FALLBACK_LANGUAGE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TurnOptions:
    """How replies are shaped and what new users are told."""

    sms_max_segments: int = 3
    max_text_chars: int = 2000
    retention_days: int = 90
    privacy_url: str = "/privacy"
    log_ids: bool = False
    ack_every_minutes: int = 5


@dataclass
class Rendering:
    """Every envelope of a reply rendered, and what to remember for the next turn."""

    replies: list[tuple[Envelope, Rendered]]
    language: str | None
    menu: list[Choice] | None
    kept: KeptAnswer | None

    def messages(self) -> list[OutMessage]:
        """What the channel sends, in order."""
        return [m for _e, r in self.replies for m in r.messages]


class Turn:
    """Answers one queued message."""

    def __init__(
        self,
        records: ConversationRecords,
        rasa: RasaClient,
        danger: DangerCheck,
        payloads: Payloads,
        options: TurnOptions,
        handoffs: HandoffService | None = None,
    ) -> None:
        """Wire the records, Rasa, the danger check and (optionally) the hand-off service."""
        self.records = records
        self.rasa = rasa
        self.danger = danger
        self.payloads = payloads
        self.options = options
        self.handoffs = handoffs
        self.waiting = (
            None
            if handoffs is None
            else WhileAPersonAnswers(
                records,
                handoffs,
                danger,
                WaitingAcks(handoffs, dt.timedelta(minutes=options.ack_every_minutes)),
                self.render_all,
            )
        )

    async def handle(self, message: Incoming, user_id: str, new_user: bool) -> Reply:
        """Answer ``message`` (already queued and recorded as a delivery).

        Raises:
            RasaUnavailable: Rasa or the action server is down or failed.
        """
        user = await asyncio.to_thread(self.records.load_user, user_id)
        assert user is not None, "a queued message's user exists until the queue is empty"
        text = clean_text(message.text, self.options.max_text_chars)
        said = (text, message.media_kind or "text", message.media_ref)
        if self.handoffs is not None and self.waiting is not None:
            active = await asyncio.to_thread(self.handoffs.active, user_id)
            if active is not None and not about_erasure(text, user.last_menu):
                return await self.waiting.handle(message.channel, user, active, said)
        if self.handoffs is not None and text:
            thanks = await asyncio.to_thread(
                self.handoffs.survey_answer, user_id, text, user.language or FALLBACK_LANGUAGE
            )
            if thanks:
                return await self._thank(message.channel, user, said, thanks)
        notice: str | None = None
        kept = loads(user.last_answer)
        if not text:
            notice = MEDIA_ONLY if message.media_kind else EMPTY
            rasa_text = MENU_PAYLOAD
        else:
            meaning = interpret(text, user.last_menu, self.payloads)
            if meaning.more:
                return await self._more(message.channel, user, kept, said)
            # A vote button's payload is the gateway's own: read before Rasa's sanitising.
            vote = vote_of(text) or vote_of(meaning.text)
            if vote is not None:
                return await self._vote(message.channel, user, said, *vote)
            part = part_envelope(kept, meaning.part) if kept and meaning.part else None
            if part is not None and kept is not None:
                return await self._reply(message, user, said, [part], new_user, None, kept)
            # A part of an answer no longer kept (an old button): the menu.
            rasa_text = MENU_PAYLOAD if meaning.part else meaning.text
        envelopes = await self._ask_rasa(user, rasa_text, text, message.channel)
        return await self._reply(message, user, said, envelopes, new_user, notice, kept)

    async def _vote(
        self, channel: str, user: User, said: tuple[str, str, str | None], topic: str, yes: bool
    ) -> Reply:
        """A "Useful?" button: counted once, for the answer it was shown under."""
        language = user.language or FALLBACK_LANGUAGE
        if topic != user.feedback_topic:  # pressed again, or under an older answer
            return Reply(user.id, [], user.language)
        today = dt.datetime.now(dt.UTC).date()
        database = self.records.database
        await asyncio.to_thread(feedback.record, database, topic, language, channel, yes, today)
        done = self.rendering([feedback.thanks(language, yes)], channel, user.language)
        await self._save(user.id, said, done, None, UserState(user.privacy_due, None))
        return Reply(user.id, done.messages(), user.language, [e for e, _r in done.replies])

    async def _save(
        self,
        user_id: str,
        said: tuple[str, str, str | None],
        done: Rendering,
        kept: str | None,
        state: UserState,
    ) -> None:
        """Record the user's message and the replies; ``kept``: the answer whose parts come next."""
        await asyncio.to_thread(
            self.records.save_turn,
            user_id,
            said,
            done.replies,
            done.language,
            done.menu,
            kept,
            state,
        )

    async def _thank(
        self, channel: str, user: User, said: tuple[str, str, str | None], thanks: str
    ) -> Reply:
        """The user answered the satisfaction question: thank them, without asking Rasa."""
        await asyncio.to_thread(self.records.save_user_message, user.id, *said)
        thanked = [envelope(MESSAGE, user.language, thanks)]
        await asyncio.to_thread(self.records.save_system_messages, user.id, thanked)
        return Reply(user.id, self.render_all(thanked, channel), user.language, thanked)

    async def _more(
        self, channel: str, user: User, kept: KeptAnswer | None, said: tuple[str, str, str | None]
    ) -> Reply:
        """MORE: the next SMS page of the part being read, without asking Rasa.

        With no page left, the user is told so and how to go on; the last
        list and answer stay as they were (their numbers still work).
        """
        if kept and kept["pages"]:
            page, *rest = kept["pages"]
            more = envelope(MORE, user.language, page)
            rendered = Rendered([OutMessage(page)], [], rest)
            left: str | None = dumps({**kept, "pages": rest})
        else:
            more = nothing_more(user.language, bool(user.last_menu))
            rendered = render(more, channel, self.options.sms_max_segments)
            left = None
        await asyncio.to_thread(
            self.records.save_turn, user.id, said, [(more, rendered)], None, None, left
        )
        return Reply(user.id, rendered.messages, user.language, [more])

    async def _ask_rasa(
        self, user: User, rasa_text: str, text: str, channel: str
    ) -> list[Envelope]:
        """Rasa's replies; when it says nothing while up, still an answer."""
        metadata = {"channel": channel, "language": user.language}
        envelopes = await self.rasa.send(user.id, rasa_text, metadata)
        if envelopes:
            return envelopes
        # Rasa answers nothing when the action server cannot be reached (the
        # message then waits for it), and for its own commands.
        if not await self.rasa.is_ready():
            raise RasaUnavailable("no reply (action server down?)")
        language = user.language or FALLBACK_LANGUAGE
        return [*self.danger.answer(text, language), could_not_answer(language)]

    async def _reply(
        self,
        message: Incoming,
        user: User,
        said: tuple[str, str, str | None],
        envelopes: list[Envelope],
        new_user: bool,
        notice: str | None,
        kept: KeptAnswer | None = None,
    ) -> Reply:
        """Notices added, replies rendered and recorded, hand-off opened or data erased.

        ``kept``: the answer kept from before (a part was served from it, or
        its SMS pages end with this reply).
        """
        source = message.realm or message.channel
        envelopes, handoff = await self._handoff(single_emergency(envelopes), user, source)
        # The privacy notice never follows the emergency answer: it waits a turn.
        privacy_due = new_user or user.privacy_due
        if privacy_due and not has_emergency(envelopes):
            envelopes.append(self._privacy(envelopes))
            privacy_due = False
        asked = None
        if not has_emergency(envelopes):  # no question for a person in danger
            envelopes, asked = feedback.with_feedback(envelopes)
        if notice:
            envelopes = [
                with_text(e, translate(e["lang"] or FALLBACK_LANGUAGE, notice))
                if e["kind"] == MENU
                else e
                for e in envelopes
            ]
        done = self.rendering(envelopes, message.channel, user.language, kept)
        if any(e.get("delete_user_data") for e in envelopes):
            await erase_everywhere(self.records.database, self.rasa, user.id)
        else:
            kept_json = dumps(done.kept) if done.kept else None
            await self._save(user.id, said, done, kept_json, UserState(privacy_due, asked))
        if handoff and self.handoffs is not None:
            topic = "emergency" if handoff == "emergency" else None
            topic = topic or await asyncio.to_thread(self.records.last_topic, user.id)
            await self.handoffs.open(user.id, handoff, topic, done.language, source)
        messages = done.messages()
        # Never the text or the address; the pseudonymous id only when asked.
        log.info(
            "turn: channel=%s user=%s replies=%d handoff=%s",
            message.channel,
            user.id if self.options.log_ids else "-",
            len(messages),
            handoff or "-",
        )
        return Reply(user.id, messages, done.language, envelopes, handoff=bool(handoff))

    async def _handoff(
        self, envelopes: list[Envelope], user: User, source: str
    ) -> tuple[list[Envelope], str | None]:
        """The hand-off an action asked for, with the user's notice (or why not now)."""
        reason = next((e["handoff"] for e in envelopes if e.get("handoff")), None)
        if not reason or self.handoffs is None:
            return envelopes, reason
        language = reply_language(envelopes, user.language)
        accepted = await self.handoffs.accepts_new(user.id, source)
        if has_emergency(envelopes):
            alerted = with_alert(envelopes, self.handoffs.hours, language, accepted)
            return alerted, reason if accepted else None
        if accepted:
            notice = self.handoffs.user_notice(language)
            return with_handoff_notice(envelopes, notice, language), reason
        return with_busy_notice(envelopes, language), None

    def _privacy(self, envelopes: list[Envelope]) -> Envelope:
        language = next((e["lang"] for e in envelopes if e["lang"]), None)
        text = privacy_notice(language, self.options.retention_days, self.options.privacy_url)
        return privacy(language, text)

    def rendering(
        self,
        envelopes: list[Envelope],
        channel: str,
        language: str | None,
        kept: KeptAnswer | None = None,
    ) -> Rendering:
        """Render every envelope; the last menu and the last answer's parts are remembered.

        ``kept``: the answer kept from before; its SMS pages are those of the
        part just sent (none after any other reply).
        """
        done = Rendering([], language, None, None)
        for built in envelopes:
            done.language = built["lang"] or done.language
            rendered = render(built, channel, self.options.sms_max_segments)
            done.replies.append((built, rendered))
            done.menu = rendered.menu or done.menu
            # A new answer is kept; otherwise the kept one, with the pages of
            # the part just sent (none after any other reply).
            fresh = kept_of(built)
            if fresh is not None:
                done.kept = kept = fresh
            elif kept is not None:
                done.kept = {**kept, "pages": rendered.pages}
        if envelopes and done.menu is None:
            done.menu = []
        return done

    def render_all(self, envelopes: list[Envelope], channel: str) -> list[OutMessage]:
        """The messages of envelopes the gateway sends by itself."""
        return [
            m for e in envelopes for m in render(e, channel, self.options.sms_max_segments).messages
        ]
