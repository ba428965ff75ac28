"""The model's fingerprint follows every file training reads, and only those."""

from __future__ import annotations

from pathlib import Path

from tools.model_fingerprint import ROOT, fingerprint, inputs


def _tree(root: Path) -> None:
    for name in [
        "config.yml",
        "domain/a.yml",
        "data/nlu/fr/work.yml",
        "data/rules/work.yml",
        "rasa_server/components/topic_classifier.py",
        "common/text/normalize.py",
        "common/text/risk.py",
        "content/risk_lexicon.yml",
        "requirements/rasa.lock",
        "README.md",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")


def test_a_change_in_training_data_changes_it_and_a_readme_does_not(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = fingerprint(tmp_path)
    assert len(before) == 16 and before == fingerprint(tmp_path)
    (tmp_path / "README.md").write_text("other", encoding="utf-8")
    assert fingerprint(tmp_path) == before
    (tmp_path / "data/nlu/fr/work.yml").write_text("new example", encoding="utf-8")
    assert fingerprint(tmp_path) != before


def test_the_checkout_lists_config_domain_data_components_and_lexicon() -> None:
    names = [path.relative_to(ROOT).as_posix() for path in inputs()]
    assert names[0] == "config.yml"
    assert "content/risk_lexicon.yml" in names
    assert any(n.startswith("data/nlu/bm/") for n in names)
    assert any(n.startswith("rasa_server/components/") for n in names)
    assert all((ROOT / n).exists() for n in names)
