"""Clean text from fields the corpus does not cover stays untouched.

The engine's statistics come from press statements. A recipe or a README is
far from them: many of its word pairs are unknown to the collocation model
and some of its ordinary words are ones spinners favour. That distance must
not read as spinning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import restore

TEXTS = Path(__file__).parent / "data" / "other-fields"
NAMES = ("readme", "recipe", "sports", "review")


def text(name: str) -> str:
    return (TEXTS / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_clean_text_of_another_field_comes_back_byte_identical(name: str) -> None:
    original = text(name)
    assert restore.restore(original) == original


@pytest.mark.parametrize(
    "name",
    [
        "readme",
        # Known gap: the local model finds many cooking words it could "restore"
        # ("about" -> "nearly", "twenty" -> "20"), as its collocations come from
        # press statements; the recipe is judged spun, though nothing reaches
        # the threshold for an edit.
        pytest.param("recipe", marks=pytest.mark.xfail(strict=True)),
        "sports",
        "review",
    ],
)
def test_clean_text_of_another_field_is_not_judged_spun(name: str) -> None:
    assert not restore.is_spun(text(name))
