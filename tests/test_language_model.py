"""The optional language model (``restore[lm]``) and how the engine weighs findings with it."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import restore
from restore.engine import Restorer
from restore.findings import Substitution
from restore.language_model import UNKNOWN, installed, lm_words, load
from restore.model import (
    PREFERENCE_CLIP,
    PREFERENCE_SITES,
    UNLIKELY_SCORE,
    SwapModel,
    context_score,
    preferences,
)

needs_lm = pytest.mark.skipif(
    not installed(),
    reason="pocketsphinx is not installed (restore[lm])",
)

# A spun report: "said" -> "mentioned", "new" -> "brand new", "study" -> "examine",
# "doctors" -> "medical doctors", "sales" -> "gross sales".
SPUN = (
    "A brand new examine means that individuals who stroll extra may additionally sleep "
    "higher, researchers mentioned on Monday. Medical doctors who weren't concerned within "
    "the examine mentioned the outcomes had been encouraging. Gross sales of health trackers "
    "have slowed in recent times, the corporate mentioned, however the brand new knowledge "
    "may assist. The researchers mentioned they'd repeat the examine with extra individuals "
    "subsequent 12 months, and medical doctors mentioned they welcomed it."
)


def test_words_are_spelled_as_the_model_spells_them() -> None:
    assert lm_words("Weren’t the U.S. 2 bids") == ["weren't", "the", "u", "s", "2", "bids"]


@needs_lm
@pytest.mark.parametrize(
    ("text", "found", "original"),
    [
        ("The navy held army workouts near the coast.", "army workouts", "military exercises"),
        ("The fund raised enterprise capital for startups.", "enterprise", "venture"),
        ("Officials in the center east met on Monday.", "center", "middle"),
        ("The company mentioned that profits rose.", "mentioned", "said"),
        ("Gross sales of phones have slowed.", "Gross sales", "Sales"),
    ],
)
def test_the_original_reads_better_than_the_swap(text: str, found: str, original: str) -> None:
    model = load()
    assert model is not None
    start = text.index(found)
    assert model.preference(text, start, start + len(found), original) > 0
    # And the other way round: swapping the original out reads worse.
    swapped_back = text[:start] + original + text[start + len(found) :]
    assert model.preference(swapped_back, start, start + len(original), found) < 0


@needs_lm
def test_an_unknown_word_costs_the_unknown_score_and_breaks_the_history() -> None:
    model = load()
    assert model is not None
    assert not model.knows("qwxzvvk") and model.knows("said")
    assert model.log10_probability(["qwxzvvk"]) == UNKNOWN
    # "said" after an unknown word is scored with no history, as a sentence's first word.
    assert model.log10_probability(["qwxzvvk", "said"], 1) == model.log10_probability(["said"])


@needs_lm
def test_the_model_pickles_as_a_reference() -> None:
    model = load()
    assert pickle.loads(pickle.dumps(model)) is model


@given(
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(-2 * PREFERENCE_CLIP, 2 * PREFERENCE_CLIP),
    st.floats(-2 * PREFERENCE_CLIP, 2 * PREFERENCE_CLIP),
)
def test_a_context_score_grows_with_the_score_and_the_preference(
    a: float, b: float, p: float, q: float
) -> None:
    weights = (-0.1, 0.8, 0.28)
    low, high = sorted((a, b))
    worse, better = sorted((p, q))
    assert context_score(weights, low, worse) <= context_score(weights, high, worse)
    assert context_score(weights, low, worse) <= context_score(weights, low, better)
    assert 0.0 <= context_score(weights, low, worse) <= 1.0


@given(st.floats(0.05, 0.99), st.floats(0.0, 1.0))
def test_nothing_under_the_floor_can_be_raised_to_the_threshold(
    threshold: float, score: float
) -> None:
    model = SwapModel([])
    if not model.reads_in_context:
        pytest.skip("the shipped weights have no language model weights")
    weights = model._weights.language_model
    assert weights is not None
    floor = model.context_floor(threshold)
    assert floor <= threshold
    if score < floor:
        assert context_score(weights, score, PREFERENCE_CLIP) < threshold


@needs_lm
def test_every_occurrence_of_a_word_gets_its_words_mean_preference() -> None:
    model = load()
    assert model is not None
    text = "He mentioned it. She mentioned the plan. They mentioned nothing. We mentioned more."
    found = [
        Substitution(i, i + len("mentioned"), "mentioned", "said", 0.5, "model:curated:x")
        for i in (k for k in range(len(text)) if text.startswith("mentioned", k))
    ]
    assert len(found) == 4
    values = preferences(text, found, model)
    assert len(set(values)) == 1
    alone = [model.preference(text, f.start, f.end, f.suggestion) for f in found[:PREFERENCE_SITES]]
    assert values[0] == pytest.approx(sum(alone) / len(alone))


def test_the_shipped_weights_use_a_language_model() -> None:
    assert SwapModel([]).reads_in_context


@needs_lm
def test_the_language_model_rescores_the_models_findings_and_says_so() -> None:
    without = Restorer(language_model=False).find(SPUN, min_score=0.3)
    with_lm = Restorer(language_model=True).find(SPUN, min_score=0.3)
    assert not any("language_model" in s.source for s in without)
    preferred = [s for s in with_lm if s.source.endswith("+language_model")]
    assert preferred, "the language model prefers some original in a spun report"
    before = {(s.start, s.end, s.suggestion): s.score for s in without}
    rescored = [
        (finding.score, before[key])
        for finding in preferred
        if (key := (finding.start, finding.end, finding.suggestion)) in before
    ]
    # Scores move, except those held to UNLIKELY_SCORE (a modal for a modal, say).
    assert rescored
    assert all(new != old or new == UNLIKELY_SCORE for new, old in rescored)
    # Tables' findings are not the language model's to weigh.
    assert all(s.source.startswith("model:") for s in preferred)


@needs_lm
def test_the_language_model_keeps_clean_text_as_it_is() -> None:
    clean = (
        "A new study suggests that people who walk more may also sleep better, researchers "
        "said on Monday. Doctors who were not involved in the study said the results were "
        "encouraging. Sales of fitness trackers have slowed in recent years, the company said."
    )
    assert Restorer(language_model=True).restore(clean) == clean


@pytest.mark.usefixtures("without_pocketsphinx")
def test_asking_for_the_language_model_without_it_says_what_to_install() -> None:
    with pytest.raises(ImportError, match=r"restore\[lm\]"):
        Restorer(language_model=True)
    # Without it, the default is to do without.
    assert Restorer(language_model=False).restore("The vision.") == "The vision."


def test_asking_for_the_language_model_without_its_data_says_so_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pocketsphinx installed, its English model missing: an error when the engine is
    # built, not when a document is first read, maybe hours into a corpus run.
    monkeypatch.setattr(restore.engine, "lm_installed", lambda: True)
    monkeypatch.setattr(restore.engine, "lm_load", lambda: None)
    with pytest.raises(ImportError, match=r"English model.*force-reinstall pocketsphinx"):
        Restorer(language_model=True)
    # Not asked for, it is done without.
    assert Restorer().restore(SPUN) == Restorer(language_model=False).restore(SPUN)


def test_restore_and_explain_agree_with_the_language_model() -> None:
    restored = restore.explain(SPUN)
    assert restore.apply(SPUN, restored.substitutions) == restored.text
    assert restored.text != SPUN
    assert restore.restore(restored.text) == restored.text


@needs_lm
def test_a_corpus_run_loads_the_language_model_before_its_workers_fork() -> None:
    # Forked workers then share its memory (about 35 MB each) instead of loading a copy.
    from restore.batch import Settings, prepare

    load.cache_clear()
    prepare(Settings(language_model=False), load=True)
    assert load.cache_info().currsize == 0
    prepare(Settings())
    assert load.cache_info().currsize == 0
    prepare(Settings(), load=True)
    assert load.cache_info().currsize == 1
