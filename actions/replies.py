"""Replies several actions send: an answer, the menus, the language menu."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.context import answer_store, topics
from common import envelope as kinds
from common.content.envelopes import (
    answer_envelope,
    emergency_envelope,
    topic_title,
    with_risk_line,
    with_second_topic,
)
from common.content.topics import THEME_LABELS
from common.envelope import MENU_PAYLOAD, PERSON_PAYLOAD, button
from common.i18n import _, translate

PENDING_TOPIC_SLOT = "pending_topic"

# The language menu is written in all three languages at once: the user has
# not chosen yet.
LANGUAGE_MENU_TEXT = "Choisissez votre langue · اختر لغتك · I ka kan sugandi"
LANGUAGE_BUTTONS = (
    button("Français", '/change_language{"language":"fr"}'),
    button("العربية", '/change_language{"language":"ar"}'),
    button("Bamanankan", '/change_language{"language":"bm"}'),
)


def send_answer(
    dispatcher: CollectingDispatcher,
    topic: str,
    language: str,
    kind: str = kinds.ANSWER,
    *,
    risk: bool = False,
    also: str | None = None,
    **extra: Any,
) -> bool:
    """Send the answer of ``topic`` in ``language``; False when it has none.

    ``risk``: the question mentions a possible risk (the emergency line and a
    person are added); ``also``: another topic asked in the same message.
    """
    store = answer_store()
    built = answer_envelope(store, topics(), topic, language, kind, **extra)
    if built is None:
        return False
    if also and also != topic:
        built = with_second_topic(
            built, topic_title(store.get(also), also, language), also, language
        )
    if risk:
        built = with_risk_line(built, language)
    envelope.send_envelope(dispatcher, built)
    return True


def send_emergency(dispatcher: CollectingDispatcher, language: str) -> None:
    """The emergency answer, which also asks the gateway for an urgent hand-off."""
    envelope.send_envelope(dispatcher, emergency_envelope(answer_store(), topics(), language))


def send_menu(
    dispatcher: CollectingDispatcher, language: str, intro: str | None = None, **extra: Any
) -> None:
    """The main menu: the four themes and "talk to a person"."""
    text = intro or translate(
        language,
        _("Hello! I give free information on the rights of migrants in Morocco. Choose a theme:"),
    )
    buttons = [
        button(translate(language, label), f'/choose_theme{{"theme":"{theme}"}}')
        for theme, label in THEME_LABELS.items()
    ]
    buttons.append(button(translate(language, _("Talk to a person")), PERSON_PAYLOAD))
    envelope.send(dispatcher, kinds.MENU, language, text, buttons=buttons, **extra)


def send_theme(dispatcher: CollectingDispatcher, theme: str, language: str) -> bool:
    """The topics of one theme as a menu; False for an unknown theme."""
    topic_ids = topics().themes.get(theme)
    if not topic_ids or theme not in THEME_LABELS:
        return False
    store = answer_store()
    buttons = [button(topic_title(store.get(t), t, language), f"/{t}") for t in topic_ids]
    buttons.append(button(translate(language, _("Menu")), MENU_PAYLOAD))
    text = (
        translate(language, THEME_LABELS[theme])
        + ": "
        + translate(language, _("what would you like to know?"))
    )
    envelope.send(dispatcher, kinds.MENU, language, text, buttons=buttons, theme=theme)
    return True


def ask_language(
    dispatcher: CollectingDispatcher, pending_topic: str | None = None
) -> list[dict[str, Any]]:
    """Show the language menu; remember the question to answer after it."""
    envelope.send(
        dispatcher, kinds.LANGUAGE_MENU, None, LANGUAGE_MENU_TEXT, buttons=LANGUAGE_BUTTONS
    )
    return [SlotSet(PENDING_TOPIC_SLOT, pending_topic)]


def send_pending(dispatcher: CollectingDispatcher, pending: str | None, language: str) -> None:
    """After the language is chosen, answer the question that was waiting."""
    if pending == "emergency":
        send_emergency(dispatcher, language)
    elif pending and pending in topics().information_topics():
        send_answer(dispatcher, pending, language)
    else:
        send_menu(dispatcher, language)


def offer_way_back(dispatcher: CollectingDispatcher, previous: str) -> None:
    """One line, in the previous language, to go back to it after a switch."""
    [back] = [b for b in LANGUAGE_BUTTONS if f'"{previous}"' in b["payload"]]
    text = translate(previous, _("To continue in this language, choose:"))
    # No language of its own (like the language menu): the conversation's is the new one.
    envelope.send(dispatcher, kinds.MESSAGE, None, text, buttons=[back])
