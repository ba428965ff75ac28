"""A topic added from the page: catalog line, training data, retraining flag."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from bot.editor.new_topic import (
    NewTopic,
    add_to_catalog,
    add_training_data,
    answer_text,
    flag_for_training,
    pending_training,
)
from common.content.paths import ROOT
from common.content.topics import TopicCatalog

NEW = NewTopic(
    topic="work_contract",
    theme="work",
    title="Contrat de travail",
    core="Un contrat écrit protège le salarié.",
    sms="Demandez un contrat ecrit.",
    source={"title": "Code du travail", "publisher": "Royaume du Maroc", "kind": "law"},
    examples={
        "fr": ["mon contrat de travail", "patron sans contrat"],
        "ar": ["عقد العمل"],
        "bm": [],
    },
)


def test_the_topic_joins_its_theme_and_keeps_the_catalog_comments(tmp_path: Path) -> None:
    topics = tmp_path / "topics.yml"
    shutil.copyfile(ROOT / "content" / "topics.yml", topics)
    before = add_to_catalog(NEW, topics)
    assert before == (ROOT / "content" / "topics.yml").read_text(encoding="utf-8")
    catalog = TopicCatalog.load(topics)
    assert catalog["work_contract"].theme == "work"
    assert catalog["work_contract"].follow_ups == ("human_agent",)
    assert topics.read_text(encoding="utf-8").startswith("# The fixed list of topics")


def test_training_examples_intent_and_rule_go_into_the_theme_files(tmp_path: Path) -> None:
    changed = add_training_data(NEW, tmp_path)  # an empty folder: the checkout's files are copied
    nlu = yaml.safe_load((tmp_path / "data/nlu/fr/work.yml").read_text(encoding="utf-8"))
    [block] = [b for b in nlu["nlu"] if b["intent"] == "work_contract"]
    assert block["examples"] == "- mon contrat de travail\n- patron sans contrat\n"
    domain = yaml.safe_load((tmp_path / "domain/work.yml").read_text(encoding="utf-8"))
    assert "work_contract" in domain["intents"]
    rules = yaml.safe_load((tmp_path / "data/rules/work.yml").read_text(encoding="utf-8"))
    assert {
        "rule": "work_contract",
        "steps": [{"intent": "work_contract"}, {"action": "action_answer"}],
    } in rules["rules"]
    assert not (tmp_path / "data/nlu/bm/work.yml").exists()  # no Bambara example given
    assert len(changed) == 4


def test_the_first_answer_is_a_draft_in_every_language() -> None:
    data = yaml.safe_load(answer_text(NEW, dt.date(2026, 11, 30)))
    assert data["fr"]["updated"] == dt.date(2026, 11, 30)
    assert {data[lang]["status"] for lang in ("fr", "ar", "bm")} == {"draft"}
    assert data["ar"]["translated_from"] == data["fr"]["updated"]


def test_new_topics_are_flagged_for_retraining(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path))
    assert pending_training() == []
    flag_for_training("work_contract")
    flag_for_training("work_contract")
    assert pending_training() == ["work_contract"]
