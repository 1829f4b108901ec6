"""Clean text from fields the corpus does not cover stays untouched.

The engine's statistics come from press statements. A recipe or a README is
far from them: many of its word pairs are unknown to the collocation model
and some of its ordinary words are ones spinners favour. That distance must
not read as spinning.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import restore
from restore import model

TEXTS = Path(__file__).parent / "data" / "other-fields"


def text(name: str) -> str:
    return (TEXTS / f"{name}.txt").read_text(encoding="utf-8")


FIELDS = ["readme", "recipe", "sports", "review"]


@pytest.mark.parametrize("name", FIELDS)
def test_clean_text_of_another_field_comes_back_byte_identical(name: str) -> None:
    original = text(name)
    assert restore.restore(original) == original


@pytest.mark.parametrize("name", FIELDS)
def test_clean_text_of_another_field_is_not_judged_spun(name: str) -> None:
    assert not restore.is_spun(text(name))


def test_a_text_whose_sampled_words_look_spun_is_judged_on_all_its_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The sports report's sampled words hold a few the local model finds strong, words
    # press statements use otherwise: enough for the sampled spin score. Read whole, it
    # holds few words the model is sure of.
    report = text("sports")
    assert not restore.Restorer().is_spun(report)
    monkeypatch.setattr(model, "JUDGED_WHOLE", math.inf)
    assert restore.Restorer().is_spun(report)
