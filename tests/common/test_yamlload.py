"""The fast YAML reader gives what PyYAML's safe loader gives, line numbers included."""

from __future__ import annotations

import yaml

from common import yamlload
from common.content.paths import ROOT


def test_every_content_file_reads_the_same_as_with_the_safe_loader() -> None:
    files = sorted((ROOT / "content").rglob("*.yml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yamlload.safe_load(text) == yaml.safe_load(text), path


def test_composed_nodes_carry_their_lines_and_block_style() -> None:
    root = yamlload.compose("fr:\n  core: |\n    Une ligne.\n  title: Titre\n")
    assert isinstance(root, yaml.MappingNode)
    fr = root.value[0][1]
    (core_key, core), (_title_key, title) = fr.value
    assert (core_key.value, core.style, core.start_mark.line) == ("core", "|", 1)
    assert (title.value, title.start_mark.line) == ("Titre", 3)


def test_libyaml_is_used() -> None:
    # PyPI's PyYAML wheels carry libyaml; both environments install them.
    assert yaml.__with_libyaml__
    assert yamlload._LOADER is yaml.CSafeLoader
