"""The sentence encoder's opinion is blended into French messages only."""

from __future__ import annotations

import numpy as np

from rasa_server.components.sentence_encoder import EncoderBlend, embed

FRENCH = [
    "je veux renouveler ma carte de séjour qui expire",
    "ma carte de résidence est périmée comment la refaire",
    "mon patron ne me paie pas mon salaire depuis deux mois",
    "mon employeur refuse de me payer les heures de travail",
]
LABELS = ["residence_card_renewal", "residence_card_renewal", "worker_rights", "worker_rights"]


def test_the_encoder_gives_close_vectors_to_close_meanings() -> None:
    vectors = embed(FRENCH)
    assert vectors.shape == (4, 512)
    same = float(vectors[0] @ vectors[1])
    other = float(vectors[0] @ vectors[2])
    assert same > other


def test_only_messages_in_the_encoders_languages_are_blended() -> None:
    blend = EncoderBlend(["fr"], 0.5)
    model = blend.fit(FRENCH, LABELS)
    assert model is not None
    classes = ["residence_card_renewal", "worker_rights"]
    texts = ["mon patron garde mon salaire, il ne veut pas payer", "بغيت نجدد بطاقة الإقامة ديالي"]
    flat = np.full((2, 2), 0.5)
    blended = blend.blend(model, texts, flat, classes)
    assert blended[0, 1] > 0.5  # French: the encoder leans to the wage question
    assert list(blended[1]) == [0.5, 0.5]  # Arabic: the n-gram classifier alone


def test_a_weight_of_zero_turns_the_encoder_off() -> None:
    blend = EncoderBlend(["fr"], 0.0)
    assert blend.fit(FRENCH, LABELS) is None
    flat = np.full((1, 2), 0.5)
    assert (blend.blend(None, FRENCH[:1], flat, ["a", "b"]) == flat).all()
