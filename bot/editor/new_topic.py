"""Adding a topic from the editor page: the catalog entry, the answer file, the training data.

A new topic needs four things: its line in ``content/topics.yml`` (under a
theme), its answer file (a first French text, with the Arabic and Bambara
starting as drafts of it), its training examples in ``data/nlu/<lang>/<theme>.yml``
with the intent in ``domain/<theme>.yml`` and a rule in ``data/rules/<theme>.yml``,
and a retraining of the model, which is flagged in ``content/training_pending.yml``
until someone runs ``make train``. Every file is edited with ruamel.yaml's
round trip (comments and order kept).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from bot.editor.answer_files import round_trip_yaml
from common.content.paths import ROOT, content_dir
from common.languages import LANGUAGES, SOURCE_LANGUAGE

TOPIC_ID = re.compile(r"[a-z][a-z0-9_]{2,40}")
PENDING = "training_pending.yml"


@dataclass(frozen=True)
class NewTopic:
    """What the admin typed in the "new topic" form."""

    topic: str
    theme: str
    title: str
    core: str
    sms: str
    source: dict[str, Any]
    examples: dict[str, list[str]] = field(default_factory=dict)


def _yaml() -> YAML:
    return round_trip_yaml(sequence=2, offset=0)


def _read(path: Path) -> Any:
    return _yaml().load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: Any) -> None:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def answer_text(new: NewTopic, today: dt.date) -> str:
    """The first answer file: French, and Arabic and Bambara as drafts to translate."""
    data = CommentedMap()
    data["topic"] = new.topic
    data["country"] = "MA"
    data["sources"] = [CommentedMap(new.source)]
    for language in LANGUAGES:
        block = CommentedMap()
        block["status"] = "draft"
        if language == SOURCE_LANGUAGE:
            block["updated"] = today
        else:
            block["translated_from"] = today
        block["title"] = new.title
        block["core"] = new.core
        block["sms"] = new.sms
        data[language] = block
    buffer = io.StringIO()
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_: True
    yaml.dump(data, buffer)
    return buffer.getvalue()


def add_to_catalog(new: NewTopic, topics_file: Path) -> str:
    """Add the topic under its theme; return the file's previous text (to put back)."""
    before = topics_file.read_text(encoding="utf-8")
    data = _read(topics_file)
    entry = CommentedMap([("follow_ups", CommentedSeq(["human_agent"]))])
    entry.fa.set_flow_style()
    entry["follow_ups"].fa.set_flow_style()
    data["themes"][new.theme][new.topic] = entry
    _write(topics_file, data)
    return before


def training_root() -> Path:
    """The folder holding ``data/`` and ``domain/``: the checkout, or ``TRAINING_DIR``.

    In production the image's training data is read-only and not kept: the
    gateway writes a copy into the shared content volume (``TRAINING_DIR``),
    from which the next training takes it.
    """
    return Path(os.environ.get("TRAINING_DIR") or ROOT)


def _copied(root: Path, relative: Path) -> Path:
    """``root/relative``, first copied from the checkout when ``root`` is elsewhere."""
    target = root / relative
    if not target.exists() and (ROOT / relative).exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, target)
    return target


def add_training_data(new: NewTopic, root: Path | None = None) -> list[Path]:
    """Examples, intent and rule of the new topic; the files changed."""
    root = root or training_root()
    changed = []
    for language, examples in new.examples.items():
        if not examples:
            continue
        path = _copied(root, Path("data") / "nlu" / language / f"{new.theme}.yml")
        if not path.exists():
            continue
        data = _read(path)
        lines = "".join(f"- {' '.join(e.split())}\n" for e in examples)
        data["nlu"].append(
            CommentedMap([("intent", new.topic), ("examples", LiteralScalarString(lines))])
        )
        _write(path, data)
        changed.append(path)
    domain = _copied(root, Path("domain") / f"{new.theme}.yml")
    if domain.exists():
        data = _read(domain)
        data["intents"].append(new.topic)
        _write(domain, data)
        changed.append(domain)
    rules = _copied(root, Path("data") / "rules" / f"{new.theme}.yml")
    if rules.exists():
        data = _read(rules)
        data["rules"].append(
            CommentedMap(
                [
                    ("rule", new.topic),
                    (
                        "steps",
                        [
                            CommentedMap([("intent", new.topic)]),
                            CommentedMap([("action", "action_answer")]),
                        ],
                    ),
                ]
            )
        )
        _write(rules, data)
        changed.append(rules)
    return changed


def pending_training() -> list[str]:
    """Topics added from the page whose examples the model has not learnt yet."""
    path = content_dir() / PENDING
    if not path.exists():
        return []
    data = _read(path) or {}
    return [str(t) for t in data.get("topics") or []]


def flag_for_training(topic: str) -> None:
    """Note that the model must be retrained for ``topic`` (``make train``)."""
    path = content_dir() / PENDING
    topics = pending_training()
    if topic not in topics:
        topics.append(topic)
    data = CommentedMap(
        [
            ("note", "Topics added from the editor page; run `make train`, then empty this list."),
            ("topics", topics),
        ]
    )
    _write(path, data)
