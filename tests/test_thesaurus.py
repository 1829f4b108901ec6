"""Behaviour of the reverse thesaurus: memberships, orderings and the shipped file's shape."""

from __future__ import annotations

import itertools

import pytest

from restore import thesaurus
from restore.text import words
from restore.thesaurus import RELATIONS, Candidate, candidates, max_key_words


def originals(phrase: str) -> list[str]:
    return [c.original for c in candidates(phrase)]


@pytest.mark.parametrize(
    ("spun", "original"),
    [
        ("nations", "countries"),  # plural carried over
        ("decreased", "reduced"),  # regular past
        ("mentioned", "said"),  # irregular past
        ("newest", "latest"),  # superlative
        ("bigger", "larger"),  # comparative with doubling
        ("partially", "in part"),  # word to phrase
        ("shopping for", "buying"),  # phrase to word
        ("imaginative and prescient", "vision"),
        ("cash", "money"),
        ("firms", "companies"),
        ("grew to become", "became"),
    ],
)
def test_original_is_a_candidate(spun: str, original: str) -> None:
    assert original in originals(spun)


def test_unknown_phrase_has_no_candidates() -> None:
    assert candidates("qwertyuiop asdf") == ()
    assert candidates("") == ()


def test_no_identity_candidates() -> None:
    for phrase in ("said", "money", "nations", "in part"):
        assert phrase not in originals(phrase)


def test_candidates_are_frozen_values_with_known_relations() -> None:
    found = candidates("nations")
    assert found
    assert all(isinstance(c, Candidate) and c.relation in RELATIONS for c in found)
    with pytest.raises(AttributeError):
        found[0].original = "x"  # type: ignore[misc]


def test_curated_swap_outranks_thesaurus_neighbours() -> None:
    assert originals("mentioned")[0] == "said"
    assert originals("cash")[0] == "money"


def test_candidates_are_folded_words() -> None:
    for phrase in ("nations", "cash", "mentioned", "partially"):
        for c in candidates(phrase):
            assert " ".join(words(c.original)) == c.original


def test_max_key_words_bounds_multiword_keys() -> None:
    assert max_key_words() >= len(words("as soon as extra"))
    assert candidates("as soon as extra")


def test_inflection_follows_the_surface_form() -> None:
    assert "countries" not in originals("nation")
    assert "country" in originals("nation")
    assert "say" not in originals("mentioned")


@pytest.mark.parametrize("phrase", ["mentioned", "make", "imaginative and prescient", "qwertyuiop"])
def test_lookup_reads_what_candidates_lists(phrase: str) -> None:
    listed = [(c.original, c.relation) for c in thesaurus.candidates(phrase)]
    assert list(thesaurus.lookup(phrase)) == listed
    assert thesaurus.lists(phrase) == bool(listed)


def test_each_entry_lists_its_candidates_in_rank_order() -> None:
    from restore.model import zipf

    for phrase in itertools.islice(thesaurus.entries(), 0, None, 97):
        ranks = [thesaurus.rank(r, zipf(o)) for o, r in thesaurus.lookup(phrase)]
        assert ranks == sorted(ranks), phrase
