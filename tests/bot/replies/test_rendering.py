from __future__ import annotations

from typing import Any

from bot.replies.rendering import TELEGRAM_LIMIT, Choice, render, sms_pages
from common.sms_encoding import encoding, segments


def envelope(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "answer",
        "lang": "fr",
        "text": "Titre\n\nRéponse complète. Deuxième phrase.",
        "short": "Réponse courte.",
        "buttons": [
            {"title": "Documents", "payload": "/regularization_documents"},
            {"title": "Où aller", "payload": "/regularization_where"},
            {"title": "Menu", "payload": "/greet"},
        ],
    }
    base.update(overrides)
    return base


def test_web_shows_full_text_and_buttons() -> None:
    rendered = render(envelope(), "web")
    [message] = rendered.messages
    assert message.text.startswith("Titre")
    assert [b.payload for b in message.buttons] == [
        "/regularization_documents",
        "/regularization_where",
        "/greet",
    ]


def layered(**overrides: Any) -> dict[str, Any]:
    """An answer as the action server sends it: first message, status, parts."""
    return envelope(
        text="Titre\n\nL'essentiel.\n\nBrouillon",
        status_line="Brouillon",
        parts=[{"key": "steps", "title": "Que faire", "text": "1. Une étape."}],
        buttons=[
            {"title": "Que faire", "payload": "/part_steps"},
            {"title": "Documents", "payload": "/regularization_documents"},
            {"title": "Parler à une personne", "payload": "/human_agent"},
            {"title": "Menu", "payload": "/greet"},
        ],
        **overrides,
    )


def test_sms_sends_the_core_alone_then_the_date_and_the_choices_in_a_few_words() -> None:
    rendered = render(layered(sms_status="Non vérifié, 30/11/26"), "sms")
    first, choices = rendered.messages
    assert first.text == "Réponse courte."
    assert choices.text == "Non vérifié, 30/11/26\n1 Que faire\n2 Une personne\n3 Menu"
    assert "Documents" not in choices.text  # related topics wait for the menu on SMS
    assert segments(first.text) == segments(choices.text) == 1
    assert not first.buttons and not choices.buttons
    assert [c.payload for c in rendered.menu] == ["/part_steps", "/human_agent", "/greet"]


def test_bambara_on_sms_is_in_plain_letters_and_gsm7() -> None:
    built = layered(lang="bm", short="Sɛbɛn kɔrɔ", sms_status="Sɛbɛn fɔlɔ 30/11/26")
    first, choices = render(built, "sms").messages
    assert first.text == "Sèbèn kòrò"
    assert choices.text.startswith("Sèbèn fòlò 30/11/26\n1 Min ka kan ka kè\n")
    assert encoding(first.text) == encoding(choices.text) == "GSM-7"


def test_the_emergency_answer_on_sms_is_one_message_without_choices() -> None:
    built = layered(kind="emergency", short="Police 19\nUne personne est prévenue.")
    [message] = render(built, "sms").messages
    assert message.text == "Police 19\nUne personne est prévenue."


def test_sms_keeps_a_choice_put_before_the_parts() -> None:
    second = layered()
    second["buttons"] = [{"title": "Asile", "payload": "/asylum"}, *second["buttons"]]
    rendered = render(second, "sms")
    assert [c.payload for c in rendered.menu] == [
        "/asylum",
        "/part_steps",
        "/human_agent",
        "/greet",
    ]


def test_chat_sends_the_first_message_with_every_choice() -> None:
    [message] = render(layered(), "telegram").messages
    assert message.text == "Titre\n\nL'essentiel.\n\nBrouillon"
    assert [b.payload for b in message.buttons][:2] == ["/part_steps", "/regularization_documents"]


def test_a_part_on_sms_comes_in_pages_saying_how_many_remain() -> None:
    text = "\n".join(f"{i}. Une étape à lire, assez longue pour remplir." for i in range(40))
    buttons = [
        {"title": "Sources", "payload": "/part_sources"},
        {"title": "Documents", "payload": "/regularization_documents"},
        {"title": "Menu", "payload": "/greet"},
    ]
    part = envelope(kind="part", text=text, short=None, buttons=buttons)
    rendered = render(part, "sms", 3)
    pages = [rendered.messages[0].text, *rendered.pages]
    assert len(rendered.messages) == 1 and len(pages) > 2
    assert all(segments(p) <= 3 for p in pages)
    for i, page in enumerate(pages[:-1]):
        assert f"(encore {len(pages) - 1 - i} messages)" in page
    assert pages[-1].endswith("1. Sources\n2. Menu\nRépondez 1 ou 2.")
    assert "encore" not in pages[-1]
    # Whole lines, in order, each step on its own line.
    assert pages[0].startswith("0. Une étape") and "\n1. Une étape" in pages[0]
    assert "\n39. Une étape" in pages[-1]


def test_sms_pages_in_arabic_fit_in_their_encoding() -> None:
    menu = [Choice(1, "القائمة", "/greet")]
    pages = sms_pages("جملة عن الإقامة في المغرب. " * 40, menu, "ar", 2)
    assert len(pages) > 2 and all(segments(p) <= 2 for p in pages)
    assert pages[-1].endswith("أرسل 1.")


def test_choices_too_long_for_one_page_are_paged_too() -> None:
    # Found by the property test: six long titles on a one-segment budget were
    # sent as one two-segment SMS.
    menu = [Choice(i, f"Choix numéro {i} au titre long", f"/t{i}") for i in range(1, 7)]
    pages = sms_pages("Une ligne.", menu, "fr", 1)
    assert len(pages) >= 2 and all(segments(p) <= 1 for p in pages)
    assert all(f"{i}. Choix numéro {i} au titre long" in "\n".join(pages) for i in range(1, 7))
    assert pages[-1].endswith("Répondez 1, 2, 3, 4, 5 ou 6.")


def test_sms_parts_fit_the_segment_budget_in_arabic() -> None:
    long_arabic = " ".join(["هذه جملة طويلة عن الإقامة في المغرب."] * 40)
    rendered = render(envelope(lang="ar", text=long_arabic, short=None, kind="message"), "sms", 2)
    assert len(rendered.messages) > 1
    assert all(segments(m.text) <= 2 for m in rendered.messages)


def test_whatsapp_keeps_the_text_with_numbered_menu() -> None:
    rendered = render(envelope(), "whatsapp")
    [message] = rendered.messages
    assert "Réponse complète" in message.text
    assert "1. Documents" in message.text
    assert not message.buttons


def test_telegram_splits_long_text_at_paragraphs_and_keeps_buttons_on_the_last() -> None:
    paragraphs = "\n\n".join("Paragraphe " + str(i) + " " + "x" * 900 for i in range(10))
    rendered = render(envelope(text=paragraphs), "telegram")
    assert len(rendered.messages) > 1
    assert all(len(m.text) <= TELEGRAM_LIMIT for m in rendered.messages)
    assert all(m.text.startswith("Paragraphe") for m in rendered.messages)
    assert rendered.messages[-1].buttons and not rendered.messages[0].buttons


def test_menu_in_bambara_uses_the_bambara_prompt() -> None:
    rendered = render(envelope(lang="bm", kind="menu", short=None), "whatsapp")
    assert "Répondez" not in rendered.messages[0].text
