from __future__ import annotations

import pytest

from tools.held_out import EVAL_DIR, KINDS, REGISTRY, held_out_sets


def test_every_set_at_the_top_of_tests_eval_is_listed_once_and_there() -> None:
    """A set at the top of tests/eval is held out, and so in the one list every
    measurement reads (development sets, in subfolders, are not)."""
    listed = [s.path for s in held_out_sets()]
    assert len(listed) == len(set(listed))
    assert all(path.is_file() for path in listed)
    assert sorted(EVAL_DIR.glob("*.yml")) == sorted([*listed, REGISTRY])


def test_every_kind_has_sets_and_a_kind_picks_only_its_own() -> None:
    for kind in KINDS:
        sets = held_out_sets([kind])
        assert sets and {s.kind for s in sets} == {kind}
        assert all(s.title and s.name == s.path.stem for s in sets)
    assert len(held_out_sets()) == sum(len(held_out_sets([k])) for k in KINDS)


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kinds"):
        held_out_sets(["mesy"])
