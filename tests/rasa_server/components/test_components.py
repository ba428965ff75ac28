"""Our Rasa pipeline components, run the way Rasa runs them (Rasa's Python)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from common import yamlload
from common.choices import choices
from common.language.detect import nlu_intent_examples
from common.languages import LANGUAGES
from rasa_server.components.risk_detector import RiskDetector
from rasa_server.components.text_normalizer import EMPTY_PLACEHOLDER, TextNormalizer
from rasa_server.components.topic_classifier import (
    ALSO_TOPIC,
    TopicClassifier,
    first_question_ranking,
    parts,
)
from tools.model_fingerprint import MODEL, model_is_current

CONFIG = Path(__file__).resolve().parents[3] / "config.yml"


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


# Trained here, the sentence encoder is off: it has its own tests
# (test_sentence_encoder.py) and would embed every French example again.
NO_ENCODER = {"encoder_weight": 0.0}


def _from_the_model(tmp: Path) -> tuple[TopicClassifier, RiskDetector]:
    """Both classifiers as ``make train`` left them in the model, read from its archive."""
    storage, metadata = LocalModelStorage.from_model_archive(tmp, MODEL)
    context = ExecutionContext(metadata.predict_schema, "test")
    nodes = {node.uses: node for node in metadata.predict_schema.nodes.values()}
    topics, risk = nodes[TopicClassifier], nodes[RiskDetector]
    assert topics.resource is not None and risk.resource is not None
    return (
        TopicClassifier.load(topics.config, storage, topics.resource, context),
        RiskDetector.load(risk.config, storage, risk.resource, context),
    )


def _train(tmp: Path) -> tuple[TopicClassifier, RiskDetector]:
    """Both classifiers trained here on the project's data (the sentence encoder off)."""
    examples = [
        Message(data={TEXT: text, INTENT: intent})
        for language in LANGUAGES
        for text, intent in nlu_intent_examples(language)
    ]
    data = TextNormalizer().process_training_data(TrainingData(examples))
    storage = LocalModelStorage(tmp)
    context = ExecutionContext(GraphSchema({}), "test")
    topics = TopicClassifier.create(NO_ENCODER, storage, Resource("topics"), context)
    risk = RiskDetector.create({}, storage, Resource("risk"), context)
    topics.train(data)
    risk.train(data)
    return (
        TopicClassifier.load(NO_ENCODER, storage, Resource("topics"), context),
        RiskDetector.load({}, storage, Resource("risk"), context),
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[TopicClassifier, RiskDetector]:
    """Both classifiers trained on the project's data, as ``make train`` does.

    The model ``make train`` left is used when it was trained on the data as it
    is now (``make test`` trains first): training the same classifiers again
    would double the time of these tests. Otherwise they are trained here.
    """
    tmp = tmp_path_factory.mktemp("storage")
    return _from_the_model(tmp) if model_is_current() else _train(tmp)


def parse(trained: tuple[TopicClassifier, RiskDetector], text: str) -> Message:
    topics, risk = trained
    messages = TextNormalizer().process([_message(text)])
    return risk.process(topics.process(messages))[0]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "slt jsuis malien ma karte de sejour expire le mois prochain koi faire",
            "residence_card_renewal",
        ),
        ("bghit nrje3 l bladi m3a l OIM", "voluntary_return"),
        ("n ka baara patron ma n sara kalo fila", "worker_rights"),
    ],
)
def test_topics_of_messy_messages(
    trained: tuple[TopicClassifier, RiskDetector], text: str, topic: str
) -> None:
    message = parse(trained, text)
    assert message.get(INTENT)["name"] == topic
    assert message.get("risk")["level"] != "danger"


@pytest.mark.parametrize(
    "text",
    [
        "au secours mon bebe ne respire plus bien il devient bleu",
        "kaydrbouni daba f lbit 3afak",
        "kurun binna ji la an be ji kono",
    ],
)
def test_danger_wins_over_any_topic(
    trained: tuple[TopicClassifier, RiskDetector], text: str
) -> None:
    message = parse(trained, text)
    assert message.get("risk")["level"] == "danger"
    assert message.get(INTENT) == {"name": "emergency", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "emergency"


def test_a_routine_question_with_alarming_words_is_not_danger(
    trained: tuple[TopicClassifier, RiskDetector],
) -> None:
    message = parse(trained, "le chat de ma voisine est orange")  # once sent to staff as URGENT
    assert message.get(INTENT)["name"] != "emergency"


def test_the_lexicon_reads_the_message_as_typed(tmp_path: Path) -> None:
    """Its full stops tell a past beating from the present ("encore" is in another sentence)."""
    untrained = RiskDetector({}, LocalModelStorage(tmp_path), Resource("risk"))
    text = "En 2020 il m'a battu. Je vis encore chez ma tante, comment avoir la carte ?"
    message = untrained.process(TextNormalizer().process([_message(text)]))[0]
    assert message.get("risk")["level"] == "possible"


@pytest.mark.parametrize(
    ("probability", "routine", "level"),
    [
        (0.6, 0.3, "danger"),  # the topic classifier is unsure: the emergency classifier decides
        (0.6, 0.95, "possible"),  # sure of a routine topic ("afraid to send my child to school")
        (0.8, 0.95, "danger"),  # unless the emergency classifier is sure too
    ],
)
def test_a_sure_routine_topic_tempers_the_emergency_classifier_alone(
    tmp_path: Path, probability: float, routine: float, level: str
) -> None:
    detector = RiskDetector({}, LocalModelStorage(tmp_path), Resource("risk"))
    text = "n be siran ka n den bila lakoli la"
    assert detector.level(text, probability, routine) == level
    assert detector.level("au secours", 0.0, 0.99) == "danger"  # a danger phrase always decides


@pytest.mark.parametrize(
    "text",
    [
        "la police m a arrete hier a la gare et ils m ont relache, ma carte est expiree",
        "البوليس وقفوني البارح ومن بعد طلقوني، كيفاش نجدد لاكارط",
        "ambulance ye n ta kunu, n kɛnɛyara sisan, facture sara cogo di",
    ],
)
def test_a_story_told_as_over_is_not_danger_on_the_classifier_alone(
    tmp_path: Path, text: str
) -> None:
    detector = RiskDetector({}, LocalModelStorage(tmp_path), Resource("risk"))
    assert detector.level(text, 0.7, 0.3) == "possible"
    # A danger phrase still decides: released, but the friend is bleeding.
    assert detector.level(text + " mon ami saigne beaucoup", 0.7, 0.3) == "danger"


def test_released_but_another_still_held_is_danger_on_the_classifier_alone(tmp_path: Path) -> None:
    detector = RiskDetector({}, LocalModelStorage(tmp_path), Resource("risk"))
    text = "ils m ont relache hier, mais mon frere est toujours avec eux, ils demandent 2000 euros"
    assert detector.level(text, 0.9, 0.1) == "danger"


def test_the_topic_classifiers_emergency_guess_alone_is_set_aside(
    trained: tuple[TopicClassifier, RiskDetector],
) -> None:
    _topics, risk = trained
    message = _message("question sans danger", intent="emergency")
    message.set(
        INTENT_RANKING_KEY,
        [
            {"name": "emergency", "confidence": 0.26},
            {"name": "work_permit", "confidence": 0.2},
        ],
        add_to_output=True,
    )
    [checked] = risk.process([message])
    assert checked.get(INTENT)["name"] == "work_permit"
    assert "emergency" not in [r["name"] for r in checked.get(INTENT_RANKING_KEY)]


def test_two_questions_in_one_message_give_a_second_topic(
    trained: tuple[TopicClassifier, RiskDetector],
) -> None:
    message = parse(
        trained,
        "Ma carte de sejour est perimee depuis deux mois, comment la renouveler? "
        "Et mon fils de 8 ans peut il aller a l'ecole publique sans papiers?",
    )
    assert message.get(INTENT)["name"] == "residence_card_renewal"
    assert message.get(ALSO_TOPIC) == "children_school"


def test_the_first_question_asked_is_answered_first(
    trained: tuple[TopicClassifier, RiskDetector],
) -> None:
    message = parse(
        trained,
        "Comment je peux rentrer au pays avec l'aide au retour de l'OIM ? "
        "Une fois rentré, est-ce qu'on m'aide à monter un petit commerce là-bas ?",
    )
    assert message.get(INTENT)["name"] == "voluntary_return"
    assert message.get(ALSO_TOPIC) == "reintegration"


@pytest.mark.parametrize(
    "text",
    [
        # Scenario 7: two questions joined by a plain "and", without punctuation.
        "comment renouveler ma carte de sejour et inscrire mon fils a l ecole",
        "kifach njded lkarta dyali w fin nsajel weldi f lmadrasa",
        "كيفاش نجدد لاكارط ديالي وفين نسجل ولدي فالمدرسة",
        "n ka karti banna n b'a kura cogo di ani n den bɛ se ka taa lekɔli la wa",
    ],
)
def test_two_questions_joined_by_and_answer_the_first_and_offer_the_second(
    trained: tuple[TopicClassifier, RiskDetector], text: str
) -> None:
    message = parse(trained, text)
    assert message.get(INTENT)["name"] == "residence_card_renewal"
    assert message.get(ALSO_TOPIC) == "children_school"


TWO_QUESTIONS = Path(__file__).resolve().parents[2] / "eval" / "dev14" / "two_questions.yml"


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_questions_without_punctuation_are_both_taken_up(
    trained: tuple[TopicClassifier, RiskDetector], language: str
) -> None:
    """On the development set of two questions joined by "and": both topics, answered or offered.

    Messages that ask one question with an "and" inside keep their topic.
    """
    examples = yamlload.safe_load(TWO_QUESTIONS.read_text(encoding="utf-8"))["examples"]
    two, one = [], []
    for example in (e for e in examples if e["lang"] == language):
        message = parse(trained, example["text"])
        taken = {message.get(INTENT)["name"], message.get(ALSO_TOPIC)}
        if "also" in example:
            two.append(taken == {example["topic"], example["also"]})
        else:
            one.append(message.get(INTENT)["name"] == example["topic"])
    assert sum(two) / len(two) >= 0.7
    assert sum(one) / len(one) >= 0.9


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        (
            "comment renouveler ma carte de sejour et inscrire mon fils a l ecole",
            ["comment renouveler ma carte de sejour", "et inscrire mon fils a l ecole"],
        ),
        (
            "كيفاش نجدد لاكارط ديالي وفين نسجل ولدي فالمدرسة",
            ["كيفاش نجدد لاكارط ديالي", "وفين نسجل ولدي فالمدرسة"],
        ),
        # An "and" inside one question leaves a piece too short to be a question:
        # it stays with its neighbour.
        (
            "c'est quoi l'ANAPEC et comment on fait le visa",
            ["c'est quoi l'ANAPEC et comment on fait le visa"],
        ),
        ("mon frere et sa femme veulent rentrer", ["mon frere et sa femme veulent rentrer"]),
        (
            "Bonjour. ma carte a expire comment la renouveler",
            ["Bonjour. ma carte a expire comment la renouveler"],
        ),
    ],
)
def test_a_message_is_cut_before_a_plain_and(text: str, cut: list[str]) -> None:
    assert parts(text) == cut


def test_an_emoji_only_message_has_no_topic(
    trained: tuple[TopicClassifier, RiskDetector],
) -> None:
    # Before, the placeholder's letters looked like "messages": "delete my data" at 0.27.
    message = parse(trained, "🙏🏾🙏🏾")
    assert all(r["confidence"] == 0.0 for r in message.get(INTENT_RANKING_KEY))


def _fallback_config() -> dict[str, Any]:
    """The FallbackClassifier's settings in ``config.yml``, the ones Rasa runs with."""
    pipeline = yamlload.safe_load(CONFIG.read_text(encoding="utf-8"))["pipeline"]
    step = next(s for s in pipeline if s["name"] == "FallbackClassifier")
    return {k: v for k, v in step.items() if k != "name"}


def _fallback() -> FallbackClassifier:
    """Rasa's FallbackClassifier with the settings of ``config.yml``, the ones Rasa runs with."""
    return FallbackClassifier.create(
        {**FallbackClassifier.get_default_config(), **_fallback_config()},
        LocalModelStorage(Path()),
        Resource("fallback"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def _with_fallback(trained: tuple[TopicClassifier, RiskDetector], text: str) -> Message:
    """The parse as Rasa ends it: our components, then the FallbackClassifier of config.yml."""
    return _fallback().process([parse(trained, text)])[0]


def _ranked(*ranking: tuple[str, float]) -> Message:
    """A message as the topic classifier leaves it, with this ranking."""
    message = _message("carte de sejour")
    names = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, names[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, names, add_to_output=True)
    return message


def test_two_topics_nearly_tied_are_offered_not_guessed() -> None:
    # "carte de sejour" alone once came out as the student card at 0.46 against renewal at
    # 0.45: with config.yml's settings, topics this close are offered as choices. (The tie
    # itself moves with every training example, so the ranking is given here.)
    message = _fallback().process(
        [_ranked(("student_residence", 0.46), ("residence_card_renewal", 0.45), ("asylum", 0.01))]
    )[0]
    assert message.get(INTENT)["name"] == "nlu_fallback"
    offered = choices(
        message.get(INTENT_RANKING_KEY), ["residence_card_renewal", "student_residence"]
    )
    assert set(offered) == {"residence_card_renewal", "student_residence"}


def test_a_clear_lead_is_answered() -> None:
    message = _fallback().process(
        [_ranked(("residence_card_renewal", 0.52), ("student_residence", 0.45))]
    )[0]
    assert message.get(INTENT)["name"] == "residence_card_renewal"


def test_the_first_question_leads_and_the_others_share_the_rest() -> None:
    ranking = first_question_ranking(
        {"name": "children_school", "confidence": 0.99},
        [
            {"name": "health_care", "confidence": 0.96},
            {"name": "children_school", "confidence": 0.03},
            {"name": "asylum", "confidence": 0.01},
        ],
    )
    assert [r["name"] for r in ranking] == ["children_school", "health_care", "asylum"]
    assert ranking[1]["confidence"] == pytest.approx(0.01 * 0.96 / 0.97)
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "text",
    [
        "Est-ce que ma fille peut aller a l ecole sans papiers? Et elle a de la fievre et "
        "tousse depuis des jours, on peut la soigner a l hopital gratuitement?",
        "Mon patron ne me paie pas depuis 3 mois, je fais quoi ? et aussi comment renouveler "
        "ma carte de sejour qui expire?",
    ],
)
def test_a_first_question_answered_first_is_not_taken_for_a_tie(
    trained: tuple[TopicClassifier, RiskDetector], text: str
) -> None:
    # The first question's topic (its part, 1.0 or 0.92) beside the whole message's (0.96 or
    # 0.98) looked like two tied topics: neither was answered, choices were offered.
    message = _with_fallback(trained, text)
    assert message.get(INTENT)["name"] not in ("nlu_fallback", None)
    assert message.get(ALSO_TOPIC)


def test_danger_beside_a_sure_topic_is_never_taken_for_a_tie(
    trained: tuple[TopicClassifier, RiskDetector],
) -> None:
    # Held for ransom while asking for return: emergency at 1.0 beside voluntary_return at 0.99
    # looked like two tied topics, and the person was offered choices instead of the numbers.
    message = _with_fallback(
        trained, "bghit nrje3 l bladi m3a OIM walakin chi nas 7absini f dar w kaytlbo flous"
    )
    assert message.get(INTENT)["name"] == "emergency"


@pytest.mark.parametrize("text", ["fr", "ar", "bm", "Français"])
def test_a_word_or_two_is_never_danger_on_the_classifier_alone(
    trained: tuple[TopicClassifier, RiskDetector], text: str
) -> None:
    # "fr" typed to choose the language scored 0.41 and got the emergency answer and a hand-off.
    assert parse(trained, text).get(INTENT)["name"] != "emergency"


def test_a_one_word_cry_for_help_is_still_danger(
    trained: tuple[TopicClassifier, RiskDetector],
) -> None:
    assert parse(trained, "au secours").get(INTENT)["name"] == "emergency"


SETTLED = (
    "ils m ont frappe a la gare hier soir, on m a soigne et je suis sorti de l hopital ce"
    " matin. les points on les enleve ou et c est combien"
)


def _reading_after_over_as(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: float
) -> RiskDetector:
    """A detector whose classifier gives ``after`` to whatever it is asked about."""
    detector = RiskDetector({}, LocalModelStorage(tmp_path), Resource("risk"))
    monkeypatch.setattr(detector, "probability", lambda texts: [after for _ in texts])
    return detector


@pytest.mark.parametrize(("after", "level"), [(0.05, "possible"), (0.3, "danger"), (0.9, "danger")])
def test_a_danger_told_then_over_is_settled_by_a_routine_question_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: float, level: str
) -> None:
    """Only a question the classifier reads as routine settles it; unsure, danger stays."""
    detector = _reading_after_over_as(tmp_path, monkeypatch, after)
    assert detector.lexicon.level(SETTLED) == "danger"
    assert detector.level(SETTLED, 0.1, 0.9) == level


def test_what_follows_it_is_over_is_read_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Released and fine, then a friend taken away in a car: danger without a danger phrase."""
    detector = _reading_after_over_as(tmp_path, monkeypatch, 0.8)
    text = "خرجت من الكوميسارية، دابا انا مزيان. صاحبتي خداوها شي ناس فطوموبيل وماعرفتش فين هي"
    assert detector.lexicon.told_as_over(text)
    assert detector.level(text, 0.1, 0.2) == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "la police nous a embarque hier, ils nous ont relache ce matin",  # nothing after
        # a danger told as now: the "over" may be about someone else
        "sa7bi tay7 f lard w ddem kaykhrej bzaf, ana daba labas, fin kayn sbitar",
        "mon ami a pris un coup de couteau, moi ils m ont relache. ou est l hopital",
        "mon ami a pris un coup de couteau, je sais pas s il va bien maintenant il bouge plus",
        "mon ami a pris un coup de couteau il saigne, il va bien maintenant ? repondez",
        "sa7bi tdreb b jenwi w ddem kaykhrej bzaf, machi kolchi mzyan daba, fin nmchi",
    ],
)
def test_a_danger_not_said_to_be_over_stays_danger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    detector = _reading_after_over_as(tmp_path, monkeypatch, 0.05)
    assert detector.level(text, 0.1, 0.9) == "danger"
