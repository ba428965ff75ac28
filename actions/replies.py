"""Replies several actions send: an answer, the menus, the language menu."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.context import answer_store, topics
from actions.envelope import Button
from actions.rendering import PERSON_PAYLOAD, follow_up_buttons, full_text, topic_title
from common.i18n import _, translate

PENDING_TOPIC_SLOT = "pending_topic"

THEME_LABELS = {
    "regularization": _("Papers and residence"),
    "work": _("Work"),
    "students": _("Studies"),
    "return": _("Going back home"),
}

# The language menu is written in all three languages at once: the user has
# not chosen yet.
LANGUAGE_MENU_TEXT = "Choisissez votre langue · اختر لغتك · I ka kan sugandi"
LANGUAGE_BUTTONS = (
    Button("Français", '/change_language{"language":"fr"}'),
    Button("العربية", '/change_language{"language":"ar"}'),
    Button("Bamanankan", '/change_language{"language":"bm"}'),
)


def send_answer(
    dispatcher: CollectingDispatcher,
    topic: str,
    language: str,
    kind: str = envelope.ANSWER,
    **extra: Any,
) -> bool:
    """Send the answer of ``topic`` in ``language``; False when it has none."""
    store = answer_store()
    topic_answers = store.get(topic)
    if topic_answers is None:
        return False
    answer = topic_answers.get(language) or topic_answers.get("fr")
    if answer is None:
        return False
    spec = topics().topics.get(topic)
    follow_ups = spec.follow_ups if spec else ()
    lookup = {t: store.get(t) for t in follow_ups}
    envelope.send(
        dispatcher,
        kind,
        language,
        full_text(topic_answers, answer),
        short=answer.short,
        buttons=follow_up_buttons(follow_ups, language, lookup),
        topic=topic,
        title=answer.title,
        reviewed=answer.reviewed.isoformat(),
        status=answer.status,
        country=topic_answers.country,
        audio=answer.audio,
        content_lang=answer.language,
        **extra,
    )
    return True


def send_menu(
    dispatcher: CollectingDispatcher, language: str, intro: str | None = None, **extra: Any
) -> None:
    """The main menu: the four themes and "talk to a person"."""
    text = intro or translate(
        language,
        _("Hello! I give free information on the rights of migrants in Morocco. Choose a theme:"),
    )
    buttons = [
        Button(translate(language, label), f'/choose_theme{{"theme":"{theme}"}}')
        for theme, label in THEME_LABELS.items()
    ]
    buttons.append(Button(translate(language, _("Talk to a person")), PERSON_PAYLOAD))
    envelope.send(dispatcher, envelope.MENU, language, text, buttons=buttons, **extra)


def send_theme(dispatcher: CollectingDispatcher, theme: str, language: str) -> bool:
    """The topics of one theme as a menu; False for an unknown theme."""
    topic_ids = topics().themes.get(theme)
    if not topic_ids or theme not in THEME_LABELS:
        return False
    store = answer_store()
    buttons = [Button(topic_title(store.get(t), t, language), f"/{t}") for t in topic_ids]
    buttons.append(Button(translate(language, _("Menu")), "/greet"))
    text = (
        translate(language, THEME_LABELS[theme])
        + ": "
        + translate(language, _("what would you like to know?"))
    )
    envelope.send(dispatcher, envelope.MENU, language, text, buttons=buttons, theme=theme)
    return True


def ask_language(
    dispatcher: CollectingDispatcher, pending_topic: str | None = None
) -> list[dict[str, Any]]:
    """Show the language menu; remember the question to answer after it."""
    envelope.send(
        dispatcher, envelope.LANGUAGE_MENU, None, LANGUAGE_MENU_TEXT, buttons=LANGUAGE_BUTTONS
    )
    return [SlotSet(PENDING_TOPIC_SLOT, pending_topic)]


def send_pending(dispatcher: CollectingDispatcher, pending: str | None, language: str) -> None:
    """After the language is chosen, answer the question that was waiting."""
    if pending == "emergency":
        send_answer(dispatcher, pending, language, kind=envelope.EMERGENCY, handoff="emergency")
    elif pending and pending in topics().information_topics():
        send_answer(dispatcher, pending, language)
    else:
        send_menu(dispatcher, language)
