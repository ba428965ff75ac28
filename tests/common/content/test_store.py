"""Answers as served: hot reload of changed files, refusal of broken ones, removal."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from common.content import AnswerStore
from common.content.paths import answers_dir


def test_store_reloads_a_changed_file_and_keeps_the_previous_on_error(tmp_path: Path) -> None:
    shutil.copy(answers_dir() / "asylum.yml", tmp_path / "asylum.yml")
    store = AnswerStore(tmp_path, check_interval=0)
    original = store.get("asylum").get("fr").core
    path = tmp_path / "asylum.yml"
    text = path.read_text(encoding="utf-8").replace(original, "Nouveau texte court.")
    time.sleep(0.01)
    path.write_text(text, encoding="utf-8")
    assert store.get("asylum").get("fr").core == "Nouveau texte court."

    path.write_text(text.replace("Nouveau texte court.", "Appelez le TODO."), encoding="utf-8")
    errors = store.reload()
    assert errors and "placeholder" in str(errors[0])
    assert store.get("asylum").get("fr").core == "Nouveau texte court."

    path.write_text("topic: asylum\n: : broken", encoding="utf-8")
    errors = store.reload()
    assert errors and errors[0].path == path
    assert store.get("asylum").get("fr").core == "Nouveau texte court."


def test_a_removed_file_is_no_longer_served_and_a_new_one_is(tmp_path: Path) -> None:
    shutil.copy(answers_dir() / "asylum.yml", tmp_path / "asylum.yml")
    store = AnswerStore(tmp_path, check_interval=0)
    assert store.topics() == ["asylum"]
    shutil.copy(answers_dir() / "health_care.yml", tmp_path / "health_care.yml")
    (tmp_path / "asylum.yml").unlink()
    assert store.topics() == ["health_care"]
    assert store.get("asylum") is None


def test_changes_are_read_at_most_once_per_interval(tmp_path: Path) -> None:
    shutil.copy(answers_dir() / "asylum.yml", tmp_path / "asylum.yml")
    store = AnswerStore(tmp_path, check_interval=3600)
    path = tmp_path / "asylum.yml"
    original = store.get("asylum").get("fr").core
    time.sleep(0.01)
    path.write_text(path.read_text(encoding="utf-8").replace(original, "Autre."), encoding="utf-8")
    assert store.get("asylum").get("fr").core == original  # not checked again yet
    store.reload(force=True)  # what SIGHUP does in the action server
    assert store.get("asylum").get("fr").core == "Autre."
