"""Collocation model: orderings the data must show, and behaviour on odd input."""

from __future__ import annotations

import math

import pytest

from restore import ngrams


@pytest.mark.parametrize(
    ("original", "spun"),
    [
        (("venture", "capital"), ("enterprise", "capital")),
        (("middle", "east"), ("center", "east")),
        (("supreme", "court"), ("supreme", "courtroom")),
        (("military", "exercises"), ("army", "workouts")),
        (("president", "said"), ("president", "mentioned")),
        (("artificial", "intelligence"), ("synthetic", "intelligence")),
    ],
)
def test_collocation_beats_its_spun_form(original: tuple[str, str], spun: tuple[str, str]) -> None:
    assert ngrams.bigram_count(*original) > ngrams.bigram_count(*spun)
    assert ngrams.log_prob_next(*original) > ngrams.log_prob_next(*spun)


@pytest.mark.parametrize(
    ("prev", "original", "spun", "next"),
    [
        ("venture", "capital", "funds", "investment"),
        (None, "military", "army", "exercises"),
        ("the", "middle", "center", "east"),
        ("the", "supreme", "paramount", "court"),
        ("he", "said", "mentioned", "that"),
        ("the", "military", "army", "exercises"),
    ],
)
def test_fit_prefers_the_original_in_context(
    prev: str | None, original: str, spun: str, next: str | None
) -> None:
    assert ngrams.fit(prev, original, next) > ngrams.fit(prev, spun, next)


def test_fit_across_both_words_of_a_spun_pair() -> None:
    assert ngrams.fit(None, "military", "exercises") > ngrams.fit(None, "army", "workouts")
    assert ngrams.fit(None, "venture", "capital") > ngrams.fit(None, "enterprise", "capital")
    assert ngrams.fit("supreme", "court", None) > ngrams.fit("supreme", "courtroom", None)


def test_fit_is_the_sum_of_its_parts() -> None:
    both = ngrams.fit("the", "middle", "east")
    parts = ngrams.log_prob_next("the", "middle") + ngrams.log_prob_next("middle", "east")
    assert both == pytest.approx(parts)
    assert ngrams.fit("the", "middle", None) == pytest.approx(ngrams.log_prob_next("the", "middle"))


def test_fit_scores_phrases_word_by_word() -> None:
    phrase = ngrams.fit("the", "middle east", "region")
    chain = (
        ngrams.log_prob_next("the", "middle")
        + ngrams.log_prob_next("middle", "east")
        + ngrams.log_prob_next("east", "region")
    )
    assert phrase == pytest.approx(chain)
    assert ngrams.fit("the", "middle east", None) > ngrams.fit("the", "center east", None)


def test_frequent_words_count_more() -> None:
    assert ngrams.unigram_count("the") > ngrams.unigram_count("president") > 0
    assert ngrams.total_words() > ngrams.unigram_count("the")


def test_unknown_words_score_finitely() -> None:
    assert ngrams.unigram_count("qqxvzk") == 0
    assert ngrams.bigram_count("qqxvzk", "the") == 0
    assert ngrams.bigram_count("the", "qqxvzk") == 0
    for score in (
        ngrams.log_prob_next("qqxvzk", "the"),
        ngrams.log_prob_next("the", "qqxvzk"),
        ngrams.log_prob_next("qqxvzk", "zzkwvq"),
        ngrams.fit("qqxvzk", "zzkwvq", "xxqjv"),
        ngrams.fit(None, "zzkwvq", None),
        ngrams.fit("", "court", ""),
    ):
        assert math.isfinite(score)
        assert score < 0


def test_unknown_context_falls_back_to_the_word_alone() -> None:
    assert ngrams.log_prob_next("qqxvzk", "court") == pytest.approx(ngrams.fit(None, "court", None))


def test_known_words_beat_unknown_ones() -> None:
    assert ngrams.log_prob_next("supreme", "court") > ngrams.log_prob_next("supreme", "qqxvzk")
    assert ngrams.fit(None, "court", None) > ngrams.fit(None, "qqxvzk", None)


@pytest.mark.parametrize(("folded", "surface"), [("court", "Court"), ("don't", "Don’t")])
def test_surface_forms_are_folded(folded: str, surface: str) -> None:
    assert ngrams.unigram_count(surface) == ngrams.unigram_count(folded) > 0
    assert ngrams.bigram_count("supreme", surface) == ngrams.bigram_count("supreme", folded)
    assert ngrams.log_prob_next("SUPREME", surface) == ngrams.log_prob_next("supreme", folded)


def test_possessive_is_its_own_word() -> None:
    assert ngrams.bigram_count("nation", "'s") > 0
    assert ngrams.fit("the", "nation's", "economy") == pytest.approx(
        ngrams.fit("the", "nation 's", "economy")
    )


def test_pairs_do_not_span_punctuation() -> None:
    # "said." / "The" is a sentence break, never a pair; "Washington, D.C." neither.
    assert ngrams.bigram_count("washington", "d") < ngrams.unigram_count("washington") / 10


def test_a_word_without_letters_is_refused() -> None:
    with pytest.raises(ValueError, match="no word"):
        ngrams.fit("the", " , ", None)


def test_model_loads_once_and_is_shared() -> None:
    ngrams.total_words()
    assert ngrams._model() is ngrams._model()
    fresh = ngrams.load_model()
    assert fresh.total_words == ngrams.total_words()
    assert len(fresh.vocabulary) == len(fresh.ids)


def test_every_kept_pair_is_found_by_its_key_and_no_other() -> None:
    model = ngrams._model()
    keys, counts = model.pair_keys, model.pair_counts
    kept = set(keys)
    for at in range(0, len(keys), 997):
        assert model.pair(keys[at]) == counts[at] > 0
        assert (keys[at] + 1 in kept) or model.pair(keys[at] + 1) == 0
    assert model.pair(-1) == model.pair(keys[-1] + 1) == 0


@pytest.mark.parametrize("threshold", [-6.0, -4.0, -2.0, 0.0])
def test_are_improbable_tells_pairs_below_the_threshold(threshold: float) -> None:
    pairs = [
        ("supreme", "court"),
        ("supreme", "courtroom"),
        ("the", "president"),
        ("qqxv", "zzkw"),
        ("enterprise", "capital"),
        ("of", "the"),
    ]
    expected = [ngrams.log_prob_next(*pair) < threshold for pair in pairs]
    assert ngrams.are_improbable(pairs, threshold) == expected


_WORDS = ["the", "middle", "east", "venture", "capital", "said", "in part", "zzqx", "u.s.",
          "president", "of the", "once more", "qqv wrd", "court", "'s"]  # fmt: skip


def test_many_fits_at_once_equal_the_fits_one_at_a_time() -> None:
    import numpy as np

    neighbours = [None, *_WORDS]
    triples = [(b, w, a) for b in neighbours for w in _WORDS for a in neighbours]
    got = ngrams.fits_between(
        np.array([ngrams.side_before(b) for b, _, _ in triples]),
        np.array([ngrams.phrase_sides(w) for _, w, _ in triples]),
        np.array([ngrams.side_after(a) for _, _, a in triples]),
    )
    expected = [ngrams.fit(*triple) for triple in triples]
    assert got.tolist() == pytest.approx(expected, rel=0, abs=1e-9)
