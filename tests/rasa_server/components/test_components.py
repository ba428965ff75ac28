"""Our Rasa pipeline components, run the way Rasa runs them (Rasa's Python)."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from common.text.emergency import EmergencyLexicon
from rasa_server.components.emergency_override import EmergencyOverride
from rasa_server.components.text_normalizer import EMPTY_PLACEHOLDER, TextNormalizer


def _message(text: str, intent: str | None = None) -> Message:
    message = Message(data={TEXT: text})
    if intent:
        message.set(INTENT, {"name": intent, "confidence": 0.9}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.9}], add_to_output=True)
    return message


def test_normaliser_folds_messages_before_tokenising() -> None:
    [message] = TextNormalizer().process([_message("N b'a fɛ ka SEGIN!!")])
    assert message.get(TEXT) == "n b a fe ka segin"


def test_normaliser_folds_training_examples() -> None:
    data = TrainingData([Message(data={TEXT: "Préfecture ؟", INTENT: "regularization_where"})])
    TextNormalizer().process_training_data(data)
    assert data.training_examples[0].get(TEXT) == "prefecture"


def test_payloads_reach_rasa_untouched() -> None:
    payload = '/change_language{"language":"ar"}'
    [message] = TextNormalizer().process([_message(payload)])
    assert message.get(TEXT) == payload


def test_emoji_only_message_keeps_a_placeholder_token() -> None:
    [message] = TextNormalizer().process([_message("🙏🏾🙏🏾")])
    assert message.get(TEXT) == EMPTY_PLACEHOLDER


def test_emergency_phrase_overrides_the_model() -> None:
    component = EmergencyOverride(EmergencyLexicon(["police m a arrete"]))
    [message] = component.process([_message("la police m a arrete hier", "work_permit")])
    assert message.get(INTENT)["name"] == "emergency"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "emergency"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)][1:] == ["work_permit"]


def test_no_emergency_phrase_leaves_the_model_alone() -> None:
    component = EmergencyOverride(EmergencyLexicon(["police m a arrete"]))
    [message] = component.process([_message("permis de travail", "work_permit")])
    assert message.get(INTENT)["name"] == "work_permit"
