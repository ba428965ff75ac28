from __future__ import annotations

from typing import Any

from bot.replies.rendering import TELEGRAM_LIMIT, render, render_more
from common.sms_encoding import segments


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


def test_sms_sends_the_short_form_offers_more_and_numbers_the_menu() -> None:
    rendered = render(envelope(), "sms")
    text = "\n".join(m.text for m in rendered.messages)
    assert text.startswith("Réponse courte.")
    assert "PLUS" in text
    assert "1. Documents\n2. Où aller\n3. Menu" in text
    assert "Répondez 1, 2 ou 3." in text
    assert all(not m.buttons for m in rendered.messages)
    assert rendered.more_text == envelope()["text"]
    assert next(c.payload for c in rendered.menu) == "/regularization_documents"


def test_sms_parts_fit_the_segment_budget_in_arabic() -> None:
    long_arabic = " ".join(["هذه جملة طويلة عن الإقامة في المغرب."] * 40)
    rendered = render(envelope(lang="ar", text=long_arabic, short=None, kind="message"), "sms", 2)
    assert len(rendered.messages) > 1
    assert all(segments(m.text) <= 2 for m in rendered.messages)


def test_whatsapp_keeps_full_text_with_numbered_menu() -> None:
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


def test_more_sends_the_full_text_within_budget() -> None:
    parts = render_more("Phrase. " * 100, "sms", 1)
    assert all(segments(p.text) == 1 for p in parts)
