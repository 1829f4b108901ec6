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


FIELDS = ["readme", "recipe", "sports", "review"]
# Known gap: a 250-word README is judged spun (0.83), though nothing in it is edited.
# Its word pairs are unknown to the press statements, so the local model is fairly
# confident about a few of its words ("files" for "records", a curated spinner swap),
# and in a short text a few are enough for the gate. Which short texts it judges spun
# changes when the model is retrained (the review, then the recipe, have been): out of
# its field the gate is not stable on short texts.
JUDGED_SPUN = pytest.mark.xfail(strict=True, reason="short text of another field judged spun")
NOT_JUDGED_SPUN = [pytest.param("readme", marks=JUDGED_SPUN), "recipe", "sports", "review"]


@pytest.mark.parametrize("name", FIELDS)
def test_clean_text_of_another_field_comes_back_byte_identical(name: str) -> None:
    original = text(name)
    assert restore.restore(original) == original


@pytest.mark.parametrize("name", NOT_JUDGED_SPUN)
def test_clean_text_of_another_field_is_not_judged_spun(name: str) -> None:
    assert not restore.is_spun(text(name))
