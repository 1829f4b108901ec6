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


def text(name: str) -> str:
    return (TEXTS / f"{name}.txt").read_text(encoding="utf-8")


# Known gap: a 180-word product review is judged spun. Its word pairs are unknown to
# the press statements, so the local model is confident about a few of its words
# ("mostly" for "most", "suction" for "pressure"), and in a short text a few are
# enough for the gate; "up the stairs" is then restored to "upstairs" (0.91).
# Retrained with another seed, the gate judges the README and the recipe spun too:
# out of its field it is not stable on short texts.
REVIEW_GAP = pytest.mark.xfail(strict=True, reason="short text of another field judged spun")
FIELDS = ["readme", "recipe", "sports", pytest.param("review", marks=REVIEW_GAP)]


@pytest.mark.parametrize("name", FIELDS)
def test_clean_text_of_another_field_comes_back_byte_identical(name: str) -> None:
    original = text(name)
    assert restore.restore(original) == original


@pytest.mark.parametrize("name", FIELDS)
def test_clean_text_of_another_field_is_not_judged_spun(name: str) -> None:
    assert not restore.is_spun(text(name))
