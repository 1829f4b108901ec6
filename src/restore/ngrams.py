"""Collocation evidence: how well a word fits between its neighbours.

A spinner swaps words one at a time, blind to context, so a swap usually
breaks a collocation: "venture capital" becomes "enterprise capital",
"military exercises" becomes "army workouts". Unigram frequency cannot see
this (both halves of "center east" are common words); counts of adjacent
word pairs can.

The counts come from clean English press releases (see
``data/NGRAMS-SOURCE.md``): words and pairs of words joined by whitespace
alone, case-folded with :func:`restore.text.fold`. Pairs seen once are pruned.
Probabilities are interpolated Kneser-Ney over those pairs, backed off to a
mix of the corpus' continuation counts and :mod:`wordfreq`'s general English
frequencies, so words the corpus never saw still get a finite score.

Units: counts are plain integers; every probability is returned as a
base-10 logarithm (``-1.0`` means one chance in ten), the convention of
ARPA language models.

Nothing is read at import time; the tables load on first use (about 0.1 s)
and stay cached for the life of the process.

>>> bigram_count("venture", "capital") > bigram_count("enterprise", "capital")
True
>>> fit(None, "military", "exercises") > fit(None, "army", "workouts")
True
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, islice
from typing import TYPE_CHECKING

from restore.frequency import frequency
from restore.text import fold, words

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

__all__ = [
    "NgramModel",
    "are_improbable",
    "bigram_count",
    "fit",
    "fits",
    "fits_between",
    "load",
    "load_model",
    "log_prob_next",
    "phrase_sides",
    "side_after",
    "side_before",
    "stacked",
    "total_words",
    "unigram_count",
    "unknown_share",
]

FORMAT_VERSION = 1
_VOCAB_FILE = "ngrams.vocab.tsv"
_PAIRS_FILE = "ngrams.bigrams.bin"
#: Weight of the corpus' continuation counts against wordfreq in the unigram backoff.
_CORPUS_WEIGHT = 0.5
#: Probability floor for a word neither the corpus nor wordfreq knows.
_FLOOR = 1e-9


@dataclass(frozen=True, slots=True, eq=False)
class NgramModel:
    """Word and word-pair counts with the statistics Kneser-Ney smoothing needs.

    Word ``i`` of ``vocabulary`` has ``counts[i]`` occurrences; as the first
    word of a joined pair it was seen ``left_totals[i]`` times, followed by
    ``followers[i]`` distinct words; ``predecessors[i]`` distinct words came
    before it. A pair is keyed ``first_id * len(vocabulary) + second_id``:
    ``pair_keys`` holds the keys in ascending order, ``pair_counts`` their
    counts. Two flat arrays take a tenth of the memory of a dict, and are
    searched one key at a time (:meth:`pair`) or many at once with numpy.
    Build one with :func:`load_model`.
    """

    vocabulary: tuple[str, ...]
    ids: dict[str, int]
    counts: array[int]
    left_totals: array[int]
    followers: array[int]
    predecessors: array[int]
    pair_keys: array[int]
    pair_counts: array[int]
    total_words: int
    pair_types: int
    discount: float

    def pair(self, key: int) -> int:
        """The count of the pair ``key``, 0 if it was not kept."""
        keys = self.pair_keys
        at = bisect_left(keys, key)
        return self.pair_counts[at] if at < len(keys) and keys[at] == key else 0


def _parse_vocabulary(text: str, source: str) -> tuple[dict[str, object], list[list[str]]]:
    lines = text.split("\n")
    prefix = "# restore n-gram vocabulary "
    if not lines[0].startswith(prefix):
        raise ValueError(f"{source}:1: not a restore n-gram vocabulary")
    header: dict[str, object] = json.loads(lines[0][len(prefix) :])
    if header.get("format") != FORMAT_VERSION:
        raise ValueError(f"{source}:1: format {header.get('format')}, expected {FORMAT_VERSION}")
    rows = [line.split("\t") for line in lines[3:] if line]
    for number, row in enumerate(rows, start=4):
        if len(row) != 5:
            raise ValueError(f"{source}:{number}: expected 5 tab-separated fields")
    if len(rows) != header["vocabulary"]:
        raise ValueError(f"{source}: {len(rows)} rows, header says {header['vocabulary']}")
    return header, rows


def load_model() -> NgramModel:
    """Read the shipped tables into a fresh :class:`NgramModel`.

    Most callers want the module functions, which share one cached model;
    this is for tools that inspect the data.

    >>> load_model().total_words == total_words()
    True
    """
    data = resources.files("restore") / "data"
    source = f"restore/data/{_VOCAB_FILE}"
    header, rows = _parse_vocabulary((data / _VOCAB_FILE).read_text(encoding="utf-8"), source)
    vocabulary = tuple(row[0] for row in rows)
    columns = [array("q", [int(row[k]) for row in rows]) for k in range(1, 5)]

    raw = (data / _PAIRS_FILE).read_bytes()
    kept = header["kept_pairs"]
    assert isinstance(kept, int)
    if len(raw) != 12 * kept:
        raise ValueError(f"restore/data/{_PAIRS_FILE}: {len(raw)} bytes, expected {12 * kept}")
    first, second, pair_counts = array("I"), array("I"), array("I")
    for k, column in enumerate((first, second, pair_counts)):
        column.frombytes(raw[4 * kept * k : 4 * kept * (k + 1)])
        if sys.byteorder != "little":
            column.byteswap()
    size = len(vocabulary)
    keys = array("q", [a * size + b for a, b in zip(first, second, strict=True)])
    if any(a >= b for a, b in zip(keys, islice(keys, 1, None), strict=False)):
        raise ValueError(f"restore/data/{_PAIRS_FILE}: pairs not sorted by (first, second)")

    total = header["total_words"]
    pair_types = header["pair_types"]
    discount = header["discount"]
    assert isinstance(total, int) and isinstance(pair_types, int)
    assert isinstance(discount, float)
    return NgramModel(
        vocabulary=vocabulary,
        ids={w: i for i, w in enumerate(vocabulary)},
        counts=columns[0],
        left_totals=columns[1],
        followers=columns[2],
        predecessors=columns[3],
        pair_keys=keys,
        pair_counts=pair_counts,
        total_words=total,
        pair_types=pair_types,
        discount=discount,
    )


def load() -> None:
    """Read the shipped statistics now rather than on the first lookup (about 0.05 s).

    >>> load(); unigram_count("the") > 0
    True
    """
    _pair_arrays()


@lru_cache(maxsize=1)
def _model() -> NgramModel:
    return load_model()


def _word_id(model: NgramModel, word: str) -> int | None:
    # Statistics are stored folded; folded input takes the fast path.
    found = model.ids.get(word)
    return found if found is not None else model.ids.get(fold(word))


def unknown_share(counts: Mapping[str, int]) -> float:
    """Share of the words of a text (its folded words and how often each occurs) that the
    corpus counts do not know: never seen, or seen once and pruned.

    The counts come from press statements. Their collocations speak for text
    of that field; a text whose words they largely do not know is of another.

    >>> unknown_share({"the": 3, "qwxzv": 1}), unknown_share({})
    (0.25, 0.0)
    """
    total = sum(counts.values())
    if not total:
        return 0.0
    unknown = sum(n for word, n in counts.items() if not unigram_count(word))
    return unknown / total


def unigram_count(w: str) -> int:
    """How often ``w`` occurs in the corpus (0 if never, or pruned as a one-off).

    >>> unigram_count("the") > unigram_count("president") > unigram_count("zyzzyva")
    True
    """
    model = _model()
    i = _word_id(model, w)
    return 0 if i is None else model.counts[i]


def bigram_count(w1: str, w2: str) -> int:
    """How often ``w1`` is directly followed by ``w2`` (whitespace between, nothing else).

    Pairs seen only once are not shipped and count as 0.

    >>> bigram_count("middle", "east") > bigram_count("center", "east")
    True
    """
    model = _model()
    i = _word_id(model, w1)
    if i is None:
        return 0
    j = _word_id(model, w2)
    if j is None:
        return 0
    return model.pair(i * len(model.vocabulary) + j)


def total_words() -> int:
    """Number of word tokens the counts were taken from.

    >>> total_words() > 1_000_000
    True
    """
    return _model().total_words


def _backoff_probability(word: str) -> float:
    """P(word) with no context: corpus continuation counts mixed with general English.

    Not cached: only :func:`_statistics` asks, once per word it caches.
    """
    model = _model()
    i = _word_id(model, word)
    corpus = 0.0 if i is None else model.predecessors[i] / model.pair_types
    general = frequency(word)
    return _CORPUS_WEIGHT * corpus + (1 - _CORPUS_WEIGHT) * general + _FLOOR


_Context = tuple[int, int, float, float]


@lru_cache(maxsize=1 << 15)
def _statistics(word: str) -> tuple[int, float, _Context | None]:
    """What the probabilities need of ``word``, looked up once.

    As a second word: its id (-1 if unknown) and its context-free
    probability. As a first word: its row in the pair keys, its left total,
    the discount and the share of probability its followers leave to the
    backoff (``None`` if it was never a first word).
    """
    model = _model()
    i = _word_id(model, word)
    base = _backoff_probability(word)
    if i is None:
        return -1, base, None
    left = model.left_totals[i]
    if left == 0:
        return i, base, None
    discount = model.discount
    return (
        i,
        base,
        (i * len(model.vocabulary), left, discount, discount * model.followers[i] / left),
    )


def _probability_next(w1: str, w2: str) -> float:
    j, base, _ = _statistics(w2)
    return _smoothed(_statistics(w1)[2], j, base)


def _smoothed(context: _Context | None, j: int, base: float) -> float:
    """P(word j | a first word's ``context``): the pair's discounted count plus the backoff."""
    if context is None:
        return base
    row, left, discount, backoff_weight = context
    pair = _model().pair(row + j) if j >= 0 else 0
    if not pair:
        return backoff_weight * base
    seen = max(pair - discount, 0.0) / left
    return seen + backoff_weight * base


@lru_cache(maxsize=1 << 13)
def log_prob_next(w1: str, w2: str) -> float:
    """log10 P(``w2`` | ``w1``): how likely ``w2`` is right after ``w1``.

    Always finite: an unknown ``w1`` falls back to P(``w2``), an unknown
    ``w2`` to its general-English frequency or a floor of 1e-9.

    >>> log_prob_next("supreme", "court") > log_prob_next("supreme", "courtroom")
    True
    >>> -10 < log_prob_next("qqxv", "zzkw") < 0
    True
    """
    return math.log10(_probability_next(w1, w2))


def stacked(rows: Iterable[tuple[float, ...]], count: int, width: int) -> FloatArray:
    """``count`` rows of ``width`` floats (:func:`side_before` and the like) as one array.

    Read from a flat iterator: about 40 % less time than ``np.array`` over a
    list of tuples.

    >>> stacked(iter([(1.0, 2.0), (3.0, 4.0)]), 2, 2).tolist()
    [[1.0, 2.0], [3.0, 4.0]]
    """
    import numpy as np

    flat = np.fromiter(chain.from_iterable(rows), np.float64, count * width)
    return flat.reshape(count, width)


def are_improbable(pairs: Sequence[tuple[str, str]], threshold: float) -> list[bool]:
    """For each ``(w1, w2)`` pair, whether :func:`log_prob_next` is below ``threshold``.

    For scoring many pairs once each: every word's statistics are cached,
    the pairs are scored at once.

    >>> are_improbable([("supreme", "court"), ("supreme", "courtroom")], -3.0)
    [False, True]
    """
    import numpy as np

    if not pairs:
        return []
    first = stacked((side_before(w1) for w1, _ in pairs), len(pairs), 3)
    second = stacked((side_after(w2) for _, w2 in pairs), len(pairs), 3)
    rows, lefts, weights = first.T
    probability = _following(rows, lefts, weights, second[:, 1], second[:, 2])
    improbable: list[bool] = (np.log10(probability) < threshold).tolist()
    return improbable


@lru_cache(maxsize=1 << 15)
def fit(prev: str | None, word: str, next: str | None) -> float:
    """log10 P(``word`` ``next`` | ``prev``): how well ``word`` fits between its neighbours.

    The sum of log10 P(word | prev) and log10 P(next | word); compare it
    across candidates for one position, the context held fixed. ``None``
    for a neighbour means there is none (a phrase boundary): with no
    ``prev`` the first term is the context-free P(word), so frequency
    counts; with no ``next`` the second term is dropped. ``word`` may be a
    phrase ("in part"); its inner pairs are scored too, so a longer
    candidate pays for each extra word. Of ``prev`` only the last word is
    used, of ``next`` only the first.

    >>> fit("venture", "capital", "funding") > fit("enterprise", "capital", "funding")
    True
    >>> fit("the", "middle east", None) > fit("the", "center east", None)
    True
    """
    return fits(prev, (word,), next)[0]


def fits(prev: str | None, candidates: Sequence[str], next: str | None) -> list[float]:
    """:func:`fit` of each of ``candidates`` between the same neighbours.

    The neighbours are looked up once, for scoring many candidates for one
    position.

    >>> fits("the", ["middle", "center"], "east") == [
    ...     fit("the", "middle", "east"), fit("the", "center", "east")]
    True
    """
    log10 = math.log10
    before = () if prev is None else _chain(prev)
    after = () if next is None else _chain(next)
    # The word before, as a first word; the word after, as a second word.
    before_context = _statistics(before[-1])[2] if before else None
    after_id, after_base, _ = _statistics(after[0]) if after else (-1, 0.0, None)
    result = []
    for word in candidates:
        chain = _chain(word)
        if not chain:
            raise ValueError(f"no word in {word!r}")
        j, base, context = _statistics(chain[0])
        score = log10(_smoothed(before_context, j, base)) if before else log10(base)
        for inner in chain[1:]:
            j, base, inner_context = _statistics(inner)
            score += log10(_smoothed(context, j, base))
            context = inner_context
        if after:
            score += log10(_smoothed(context, after_id, after_base))
        result.append(score)
    return result


@lru_cache(maxsize=1 << 14)
def _chain(word: str) -> tuple[str, ...]:
    """The words of ``word`` as the statistics count them: itself if it is one."""
    return (word,) if word in _model().ids else tuple(words(word))


# Many fits at once --------------------------------------------------------
#
# A word found in a spun document is scored against dozens of candidates in up
# to eight contexts, for hundreds of words: one fit at a time, in Python, is
# most of the cost of reading such a document. A fit splits into what the
# word before gives (its row of pair keys), what the phrase itself gives
# (its first and last words, its inner pairs) and what the word after gives,
# each looked up once as a few numbers; :func:`fits_between` then scores any
# number of (before, phrase, after) triples with array operations, pair
# counts searched in one sorted array.


@lru_cache(maxsize=1 << 15)
def side_before(word: str | None) -> tuple[float, float, float]:
    """What a fit reads of the word before: its row in the pair keys, its left total and
    the share of probability its followers leave to the backoff. The row is -1 when
    there is no such word, or it was never a first word: the fit is then context-free.

    >>> side_before(None)
    (-1.0, 0.0, 0.0)
    >>> side_before("the")[0] >= 0
    True
    """
    chain = () if word is None else _chain(word)
    context = _statistics(chain[-1])[2] if chain else None
    if context is None:
        return (-1.0, 0.0, 0.0)
    row, left, _, backoff_weight = context
    return (float(row), float(left), backoff_weight)


@lru_cache(maxsize=1 << 15)
def side_after(word: str | None) -> tuple[float, float, float]:
    """What a fit reads of the word after: 1 if there is one (else 0), its id (-1 if the
    counts do not know it) and its context-free probability.

    >>> side_after(None)
    (0.0, -1.0, 0.0)
    """
    chain = () if word is None else _chain(word)
    if not chain:
        return (0.0, -1.0, 0.0)
    j, base, _ = _statistics(chain[0])
    return (1.0, float(j), base)


# One per original: thousands of phrases share candidates ("said", "help").
@lru_cache(maxsize=1 << 13)
def phrase_sides(phrase: str) -> tuple[float, float, float, float, float, float]:
    """What a fit reads of the phrase between the neighbours: its first word's id and
    context-free probability, the log10 probability of its inner pairs, and its last
    word's row, left total and backoff share (row -1: never a first word).

    >>> phrase_sides("middle east")[2] > phrase_sides("center east")[2]
    True
    """
    chain = _chain(phrase)
    if not chain:
        raise ValueError(f"no word in {phrase!r}")
    j, base, context = _statistics(chain[0])
    inner = 0.0
    for word in chain[1:]:
        k, word_base, word_context = _statistics(word)
        inner += math.log10(_smoothed(context, k, word_base))
        context = word_context
    row, left, backoff_weight = (-1, 0, 0.0) if context is None else (*context[:2], context[3])
    return (float(j), base, inner, float(row), float(left), backoff_weight)


@lru_cache(maxsize=1)
def _pair_arrays() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint32]]:
    """The pair keys and counts as numpy arrays, sharing the model's memory."""
    import numpy as np

    model = _model()
    return (
        np.frombuffer(model.pair_keys, dtype=np.int64),
        np.frombuffer(model.pair_counts, dtype=np.uint32),
    )


def _following(rows: FloatArray, lefts: FloatArray, weights: FloatArray,
               ids: FloatArray, bases: FloatArray) -> FloatArray:  # fmt: skip
    """P(word | first word) of many pairs: the first words by :func:`side_before`
    (``rows``, ``lefts``, ``weights``), the words by id and context-free probability.
    Where the row is -1, the probability is context-free."""
    import numpy as np

    keys, counts = _pair_arrays()
    wanted = (rows + ids).astype(np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    found = (rows >= 0) & (ids >= 0) & (keys[at] == wanted)
    seen = np.maximum(np.where(found, counts[at], 0.0) - _model().discount, 0.0)
    has_row = rows >= 0
    probability: FloatArray = np.where(
        has_row, seen / np.where(has_row, lefts, 1.0) + weights * bases, bases
    )
    return probability


def fits_between(before: FloatArray, phrases: FloatArray, after: FloatArray) -> FloatArray:
    """:func:`fit` of many phrases, each between its own neighbours, at once.

    Row ``k`` of each array describes triple ``k``: ``before`` by
    :func:`side_before` of the word before, ``phrases`` by
    :func:`phrase_sides` of the phrase, ``after`` by :func:`side_after` of
    the word after. The result equals :func:`fit` but for the last bit of
    a logarithm.

    >>> import numpy as np
    >>> rows = [("the", "middle", "east"), ("the", "center", "east")]
    >>> got = fits_between(np.array([side_before(b) for b, _, _ in rows]),
    ...                    np.array([phrase_sides(p) for _, p, _ in rows]),
    ...                    np.array([side_after(a) for _, _, a in rows]))
    >>> np.allclose(got, [fit(*row) for row in rows], rtol=0, atol=1e-12)
    True
    """
    import numpy as np

    before_row, before_left, before_weight = before.T
    first, first_base, inner, last_row, last_left, last_weight = phrases.T
    present, after_id, after_base = after.T
    # P(first word | word before), and P(word after | last word) where there is one.
    head = _following(before_row, before_left, before_weight, first, first_base)
    # With no word after, the tail is P = 1: it adds log10(1) = 0.
    tail = _following(np.where(present > 0, last_row, -1.0), last_left, last_weight,
                      after_id, np.where(present > 0, after_base, 1.0))  # fmt: skip
    result: FloatArray = np.log10(head) + inner + np.log10(tail)
    return result
