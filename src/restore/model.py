"""The swap model: restores ordinary-word swaps that no table lists.

Real spun text is mostly swaps of common words ("mentioned" for "said",
"cash" for "money"). Each is normal English on its own, so the model weighs
evidence of several kinds and restores only where it is confident:

- **candidates** from the reverse thesaurus and curated swap tables
  (:mod:`restore.thesaurus`): which originals a word could stand for;
- **collocation** (:mod:`restore.ngrams`): how well each candidate fits
  between the neighbours, compared with the word found;
- **frequency** (:mod:`wordfreq`): spinners reach for rarer synonyms;
- **document evidence**: a spinner maps a word the same way throughout a
  document, so the swapped-in word recurs while the original, expected
  often, never appears;
- **the document gate**: how spun the whole document looks, from how many
  of its words the model would restore with confidence and from words that
  spinners typically write;
- **general English** (optional, :mod:`restore.language_model`): how much
  better a language model finds the original where the swap stands, which
  weighs each finding once more (:meth:`SwapModel.in_context`).

The features are combined by logistic weights, which rank a word's
candidates, and boosted trees that refine the best one's log-odds (see
:class:`Trees`), both fitted on synthetic spins of the training split of
the clean corpus (``scripts/train_model.py``), so a score is a calibrated
probability. Single-word restorations only happen in
documents the gate judges spun: on clean text the model stays silent.

>>> from restore.text import count_words
>>> model = SwapModel([])
>>> clean = "The president said the company would invest more money this year."
>>> model.screen(clean, count_words(clean), []) < 0.5
True
"""

from __future__ import annotations

import gzip
import json
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from restore import frequency, ngrams, thesaurus
from restore.findings import Alternative, Substitution
from restore.repair import match_case
from restore.tables import Table
from restore.text import WORD_PATTERN, fold, joins, overlaps, words

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    import numpy as np
    import numpy.typing as npt

    from restore.language_model import LanguageModel
    from restore.ngrams import FloatArray

    IntArray = npt.NDArray[np.intp]

__all__ = [
    "CANDIDATE_FEATURES",
    "DOCUMENT_FEATURES",
    "FEATURES",
    "WORD_FEATURES",
    "Candidate",
    "Decision",
    "Reading",
    "SwapModel",
    "Trees",
    "document_features",
    "fixed_share",
    "is_held",
    "is_strong",
    "strong_and_sure",
    "tree_input",
    "zipf",
]

#: Token-model features, in the order of the shipped weights.
FEATURES = (
    "bias",
    "collocation",
    "margin",
    "frequency",
    "found_frequency",
    "found_fit",
    "repeats",
    "overuse",
    "context",
    "absent",
    "expected",
    "fan_out",
    "curated",
    "synonym",
    "similar",
    "taxonomy",
    "spinner_word",
    # Interactions: evidence that counts only together with other evidence.
    "curated_absent",
    "curated_expected",
    "absent_repeats",
    "collocation_context",
    "synonym_expected",
    "spread",
    "nested",
    "collocation_margin",
    "margin_absent",
    "taxonomy_collocation",
    "fan_out_margin",
    "context_margin",
    # A word inside a name ("White Home" for "White House").
    "name",
    "name_collocation",
)
#: Features of the word found, the same for each of its candidates.
WORD_FEATURES = (
    "bias",
    "found_frequency",
    "found_fit",
    "repeats",
    "overuse",
    "context",
    "fan_out",
    "spinner_word",
    "name",
)
#: Features of a candidate for the word found, whatever the document.
CANDIDATE_FEATURES = (
    "frequency",
    "curated",
    "synonym",
    "similar",
    "taxonomy",
    "spread",
    "nested",
)
#: Features of a candidate in this document: how it fits, whether it is missing.
DOCUMENT_FEATURES = (
    "collocation",
    "margin",
    "absent",
    "expected",
    "curated_absent",
    "curated_expected",
    "absent_repeats",
    "collocation_context",
    "synonym_expected",
    "collocation_margin",
    "margin_absent",
    "taxonomy_collocation",
    "fan_out_margin",
    "context_margin",
    "name_collocation",
)
# Where each of FEATURES stands in WORD_FEATURES + CANDIDATE_FEATURES + DOCUMENT_FEATURES.
_ORDER = tuple((WORD_FEATURES + CANDIDATE_FEATURES + DOCUMENT_FEATURES).index(n) for n in FEATURES)
#: Other candidates a finding reports, with their probabilities.
ALTERNATIVES = 3
#: Findings below this probability are not reported at all.
REPORT_FLOOR = 0.2
#: Candidates scored per word, best-ranked first (curated, then by frequency and relation).
#: A broad word ("individual", "body") has hundreds of narrower ones; a spinner that wrote
#: it for "worker" or "committee" is undone only if the original is among them.
MAX_CANDIDATES = 40
#: Relations of originals a spinner's thesaurus does not lead to. A thesaurus offers
#: synonyms and broader terms for a word, so the word a spinner puts in is never
#: narrower than the original ("hypernym": the original would be the broader one,
#: "fees" for "price of admissions"), nor of another word class ("protect" for
#: "protective", "sea" for "marine"). Such a candidate is listed, as the original
#: may still be one, but a finding that restores it is only ever doubtful.
UNLIKELY_RELATIONS = frozenset({"hypernym", "derivation", "pertainym"})
#: The most a finding that restores an original of an unlikely relation scores.
UNLIKELY_SCORE = 0.5
#: What a model finding's source ends with when its score is held to at most
#: :data:`UNLIKELY_SCORE` whatever its evidence (:func:`is_held`): its original is
#: unlikely or a modal for a modal, or it lies out of the statistics' field.
HELD, HELD_OUT_OF_FIELD = "+held", "+out_of_field"
#: A document with this share of its words or more unknown to the corpus counts
#: (:func:`restore.ngrams.unknown_share`) lies outside the field they were counted in:
#: fewer than 1 in 100 spun training statements reach it, and 9 in 10 spun READMEs and
#: docstrings do ("Out of the statistics' field" in ``benchmarks/README.md``).
OUT_OF_FIELD = 0.07
#: Relations of originals that the collocation evidence alone picks among many: a spinner
#: put a broader term for the word ("computer memory units" for "bytes"), and which of its
#: narrower terms the word was, the evidence decides by what the corpus says of each.
FIELD_BOUND_RELATIONS = frozenset({"hyponym"})
#: Modal auxiliaries. A spinner swaps them for one another ("might" for "may", "could",
#: "would" or "can"), and a sentence reads right with any of them, so which one a modal
#: found stands for is never clear from the words around it: a finding that restores one
#: modal for another scores at most :data:`UNLIKELY_SCORE`.
MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})
#: Zipf frequency from which a word is one of English's commonest, nearly all function
#: words ("are", "not", "in", "is"). A spinner looks up content words; a thesaurus leads
#: to such a word only through a sense it rarely has ("are", a unit of area, for "ar";
#: "not" for the prefix "non"), so only a curated swap restores one with confidence.
FUNCTION_WORD_ZIPF = 6.5
#: How much better (log10) another spintax alternative must fit to beat the first.
SPINTAX_MARGIN = 1.0
#: Distinct words read to estimate the spin score before reading the rest,
#: spread over the document (:func:`_spread_first`).
GATE_SAMPLE = 60
#: The sample is read in steps of this many words, and no further once the
#: spin score falls below GATE_CLEAR: most documents the screen lets through
#: are clean, and say so early.
GATE_STEP = 20
GATE_CLEAR = 0.05
#: Words weighed at once when the rest of a document is read (see :meth:`SwapModel.read`).
READ_BATCH = 256
#: A word decision at least this probable counts as strong local evidence.
STRONG = 0.5
#: Where this share or more of the strong words of a document's sample are curated swaps
#: (:func:`fixed_share`), a curated finding's log-odds are raised by FIXED_SHIFT. News
#: spinners write their fixed swaps ("mentioned" for "said", "individuals" for "people")
#: nearly every time, where the training spins write them at 0.6 or more and the
#: simulated set's spinner seldom does: so the model underrates them in the one kind of
#: text and must not overrate them in the other. The share tells the two apart: 0.74 to
#: 1.0 in the hand-spun news reports, 0 to 0.5 (median 0.16) in the simulated spins.
#: The shift was chosen on one half of the news reports and holds on the other half and
#: on the real example (``benchmarks/README.md``); on the simulated set no document
#: reaches the share, so nothing there changes.
FIXED_SHARE = 0.6
FIXED_SHIFT = 1.0
#: Strong sampled words needed for :func:`fixed_share` to speak: a share of two is noise.
FIXED_MIN = 5
#: A word decision at least this probable counts as sure evidence in the final
#: spin score: clean text of other fields holds words the model finds strong,
#: few it is sure of.
SURE = 0.8
#: From this spin score of the sampled words on, a document is read whole and
#: judged again on all its words (:meth:`SwapModel.final_spin_score`).
JUDGED_WHOLE = 0.5
#: A part of a document judged spun whole (a half of a page) whose own words score under
#: this (:meth:`SwapModel.final_spin_score` on the decisions of its words) keeps none of the
#: model's findings: clean text beside a spun article.
PART_SPUN = 0.5
#: A word more probably swapped than not is read as its original by its neighbours.
CONTEXT_PROBABILITY = 0.5
#: Rounds of deciding words again in the context of their probable swaps, at most.
CONTEXT_ROUNDS = 3
#: Occurrences of one word whose contexts are pooled as its evidence.
MAX_EVIDENCE = 8
#: Phrases whose candidates and known evidence are remembered (a few KB each, with
#: forty candidates): a long corpus run must not grow without bound.
_CACHE_SIZE = 1 << 14
#: Originals whose rows are remembered (:meth:`SwapModel._original_row`, 0.2 KB each):
#: the few thousand that most candidates share, and the rest a long run meets.
_ORIGINALS = 1 << 15
_MAX_PHRASE = 4


_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)*)[ \t]+\Z")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+(?:['’][^\W\d_]+)*)")
# Two words in lower case, side by side: names and sentence openings are left out.
_PAIR = re.compile(r"(?<![\w'’-])([a-z][^\W\d_]*) ([a-z][^\W\d_]*)(?![\w'’-])")
#: Word pairs sampled per document for the broken-collocation share.
PAIR_SAMPLE = 150
#: log10 P(w2 | w1) below which a pair counts as improbable.
IMPROBABLE = -4.0
#: Word evidence reads a document's length in words in steps of this share (a log step).
SIZE_STEP = 0.1


#: Code points before a spintax group searched for the word before it.
_BEFORE_WINDOW = 256


def _word_before(text: str, end: int) -> re.Match[str] | None:
    """``_WORD_BEFORE.search(text, 0, end)``, reading only the text near ``end``.

    Searching from the start of the text made each spintax group cost the
    length of the text before it. The match found in a window is the same
    unless the word, or the run of blanks after it, may begin before the
    window: then the whole text is searched.

    >>> _word_before("a b’c  {x|y}", 7).group(1), _word_before("(x) {x|y}", 4)
    ('b’c', None)
    """
    start = max(0, end - _BEFORE_WINDOW)
    match = _WORD_BEFORE.search(text, start, end)
    if match is None:
        cut = start > 0 and not text[start:end].strip(" \t")
    else:
        # A match can only begin earlier if a letter or apostrophe precedes it.
        previous = text[match.start() - 1 : match.start()]
        cut = previous.isalnum() or previous in ("'", "’")
    return _WORD_BEFORE.search(text, 0, end) if cut else match


def broken_pairs(text: str) -> tuple[float, int]:
    """Share of sampled adjacent word pairs that the collocation model finds improbable.

    Returns the share and the number of pairs sampled. Spinning breaks
    collocations ("enterprise capital"), so spun text has more of them. Only
    pairs of words in lower case count: a spinner leaves names alone, and the
    collocation model knows few of them, so a clean list of names and titles
    would look as broken as a spun one.

    >>> broken_pairs("Jane Doe met John Roe in the city hall today")[1]  # in the, city hall
    2
    """
    return broken_pairs_by_part([text])[0]


def broken_pairs_by_part(parts: Sequence[str]) -> list[tuple[float, int]]:
    r""":func:`broken_pairs` of the text that joins ``parts`` with blank lines, then of each
    part, from one search for word pairs.

    Each figure comes from :data:`PAIR_SAMPLE` pairs spread evenly over its
    own text, so a spun article below a clean one is sampled as much as one
    above it, and a short part beside a long one as much as it would be
    alone: the screen's figures are the same for a part of a page as for the
    part on its own. No word pair spans a blank line, so the whole's pairs
    are those of its parts, and its figure is :func:`broken_pairs` of the
    joined text.

    >>> parts = ["the supreme court rules", "enterprise capital funding"]
    >>> whole, *each = broken_pairs_by_part(parts)
    >>> whole == broken_pairs("\n\n".join(parts)), each == [broken_pairs(p) for p in parts]
    (True, True)
    >>> _, first, second = broken_pairs_by_part(["a b " * 1000, "c d " * 50])
    >>> first[1], second[1]
    (150, 50)
    """
    each = [_PAIR.findall(part) for part in parts]
    found = each[0] if len(each) == 1 else [pair for pairs in each for pair in pairs]
    shares = [_broken_share(found)]
    if len(parts) > 1:
        shares += [_broken_share(pairs) for pairs in each]
    return shares


def _broken_share(found: Sequence[tuple[str, str]]) -> tuple[float, int]:
    """Share of improbable pairs among up to :data:`PAIR_SAMPLE` of ``found``, spread
    evenly over them, and how many were sampled."""
    if not found:
        return 0.0, 0
    size = min(PAIR_SAMPLE, len(found))
    sample = [found[k * len(found) // size] for k in range(size)]
    improbable = ngrams.are_improbable([(a.lower(), b.lower()) for a, b in sample], IMPROBABLE)
    return sum(improbable) / size, size


def document_size(total: int) -> float:
    """A document's length in words as word evidence reads it: ``total`` on a grid of
    steps of about 10 % (:data:`SIZE_STEP`).

    How often a word is expected in a document grows with its length, but
    not by a word or two. Restoring reads a text again after restoring it,
    and restoring "imaginative and prescient" to "vision" shortens it by two
    words: evidence that read the exact length would decide every word of
    the text again, for nothing.

    >>> document_size(700) == document_size(702), document_size(700) < document_size(800)
    (True, True)
    """
    if total <= 0:
        return 0.0
    return math.exp(round(math.log(total) / SIZE_STEP) * SIZE_STEP)


@lru_cache(maxsize=1 << 15)
def zipf(phrase: str) -> float:
    """wordfreq's Zipf frequency of ``phrase`` in English (0 when unknown), remembered."""
    return frequency.zipf(phrase)


@lru_cache(maxsize=1 << 15)
def expected_rate(phrase: str) -> float:
    """How often ``phrase`` is expected per word of text: in general English or in news
    and press prose, whichever is higher ("said" is far commoner in news).
    """
    general = 10 ** (zipf(phrase) - 9)
    if " " in phrase:
        return general
    return max(general, ngrams.unigram_count(phrase) / ngrams.total_words())


@lru_cache(maxsize=1)
def _spread() -> dict[str, int]:
    """Original -> how many spun words list it as a candidate in the reverse thesaurus.

    A spinner picks one of an original's thesaurus entries, so an original
    with many entries is less likely to have produced any one of them: the
    evidence for "said" from "mentioned" is diluted by every other word
    "said" could have become. Only the relations a spinner writes count:
    "company" is the hypernym of a thousand kinds of firm, but a spinner
    replaces it by a synonym. Counted once per process from the thesaurus
    (about 0.1 s), only when a document is read word by word.
    """
    return dict(thesaurus.listings(("curated", "synonym", "similar")))


@dataclass(frozen=True, slots=True)
class Candidate:
    """An original a found word or phrase may stand for, with its evidence."""

    original: str
    relation: str
    prior: float
    #: The original's words run inside the longer phrase found ("part" for "component part").
    nested: bool = False
    #: The original and the phrase found are both modals (:data:`MODALS`).
    modal: bool = False

    @property
    def unlikely(self) -> bool:
        """Whether a spinner's thesaurus does not lead to this original: its relation is
        one of :data:`UNLIKELY_RELATIONS`, or, not curated, it is a single word among
        the commonest of English (:data:`FUNCTION_WORD_ZIPF`).

        >>> Candidate("fees", "hypernym", 0.5).unlikely, Candidate("said", "curated", 1.0).unlikely
        (True, False)
        >>> Candidate("are", "synonym", 0.5).unlikely, Candidate("in", "curated", 0.2).unlikely
        (True, False)
        """
        if self.relation in UNLIKELY_RELATIONS:
            return True
        return (
            self.relation != "curated"
            and " " not in self.original
            and zipf(self.original) >= FUNCTION_WORD_ZIPF
        )

    @property
    def held(self) -> bool:
        """Whether a finding that restores this original scores at most
        :data:`UNLIKELY_SCORE` whatever its evidence: the original is unlikely, or a
        modal for a modal.

        >>> Candidate("fees", "hypernym", 0.5).held, Candidate("said", "curated", 1.0).held
        (True, False)
        >>> Candidate("may", "curated", 0.4, modal=True).held
        True
        """
        return self.unlikely or self.modal


class Decision(NamedTuple):
    """A candidate original for a word found, its probability and the evidence behind it.

    Its features are laid out only when asked for (to explain a finding):
    most decisions are never reported. A best candidate's were laid out for
    the trees already, and are kept as ``laid_out``. A named tuple: a spun
    document makes a thousand, and they are built fastest so.
    """

    probability: float
    candidate: Candidate
    evidence: _Evidence
    position: int
    laid_out: tuple[float, ...] | None = None

    def __repr__(self) -> str:
        return f"Decision(probability={self.probability!r}, candidate={self.candidate!r})"

    @property
    def features(self) -> tuple[float, ...]:
        """The candidate's features, in :data:`FEATURES` order."""
        if self.laid_out is not None:
            return self.laid_out
        return self.evidence.features(self.position)


class _Known(NamedTuple):
    """A word found and its candidates, as far as they are known without the document.

    Kept for many words at once, so it holds a few numbers per candidate, in
    one array of 32-bit floats (see :data:`_TABLE`; half the memory of 64-bit
    ones, and as precise as the evidence they weigh), and no features
    (:func:`_candidate_features` gives them again).
    """

    candidates: tuple[Candidate, ...]
    #: The candidates' originals, and the positions of those of several words.
    originals: tuple[str, ...]
    several: tuple[int, ...]
    found_zipf: float
    #: :func:`restore.ngrams.phrase_sides` of the phrase found.
    sides: tuple[float, ...]
    #: One row per candidate, the columns of :data:`_TABLE`, as 32-bit floats.
    table: npt.NDArray[np.float32]


#: What a candidate's row in :attr:`_Known.table` holds: the six numbers
#: :func:`restore.ngrams.phrase_sides` gives of its original, how often the
#: original is expected per word, the weighted sum of its
#: :data:`CANDIDATE_FEATURES`, its relation (:func:`_relation`, less
#: "similar", which no document feature reads), and whether the original is
#: unlikely (:attr:`Candidate.unlikely`).
_TABLE = ("first", "first_base", "inner", "last_row", "last_left", "last_weight",
          "rate", "score", "curated", "synonym", "taxonomy", "unlikely")  # fmt: skip
_SIDES = slice(0, 6)
_RATE, _SCORE, _CURATED, _SYNONYM, _TAXONOMY, _UNLIKELY = range(6, 12)
#: The fewest words the gate reads a rate of strong words over (see
#: :meth:`SwapModel.gate_features`).
RATE_MIN_WORDS = 100
#: Subtracted from the log-odds of an unlikely candidate to rank it.
_UNLIKELY_RANK = 1e6


#: The word features that document features multiply, in :data:`WORD_FEATURES`.
_PER_CANDIDATE = tuple(WORD_FEATURES.index(n) for n in ("repeats", "context", "fan_out", "name"))


def _pooled_fits(
    knowns: Sequence[_Known],
    samples: Sequence[Sequence[_Site]],
    table: FloatArray,
    sizes: IntArray,
    starts: IntArray,
    owner: IntArray,
) -> tuple[FloatArray, FloatArray]:
    """For each word found, the mean fit of the word in its contexts; for each of its
    candidates, the mean fit there less the word's (its collocation, unclipped).

    ``table`` holds the candidates of all words one after the other, those of
    word ``k`` from ``starts[k]``, ``sizes[k]`` of them; ``owner`` gives the
    word of each.
    """
    import numpy as np

    side_before, side_after = ngrams.side_before, ngrams.side_after
    occurrences = np.array([len(sample) for sample in samples])
    sites = int(occurrences.sum())
    before = ngrams.stacked((side_before(s.before) for sample in samples for s in sample), sites, 3)
    after = ngrams.stacked((side_after(s.after) for sample in samples for s in sample), sites, 3)
    word_of = np.repeat(np.arange(len(samples)), occurrences)  # the word of each context
    found = ngrams.stacked((k.sides for k in knowns), len(knowns), 6)[word_of]
    found_fit = (
        np.bincount(word_of, ngrams.fits_between(before, found, after), minlength=len(samples))
        / occurrences
    )
    # Every candidate in every context of its word: contexts one after the
    # other, so a candidate's fits add up in the order of its contexts.
    per_context = sizes[word_of]
    context = np.repeat(np.arange(len(word_of)), per_context)
    first = np.cumsum(per_context) - per_context
    candidate = np.repeat(starts[word_of], per_context) + (
        np.arange(int(per_context.sum())) - np.repeat(first, per_context)
    )
    fits = ngrams.fits_between(before[context], table[candidate, _SIDES], after[context])
    pooled = np.bincount(candidate, fits, minlength=len(table)) / occurrences[owner]
    collocation: FloatArray = pooled - found_fit[owner]
    return found_fit, collocation


def _margins(
    collocation: FloatArray, sizes: IntArray, starts: IntArray, owner: IntArray
) -> FloatArray:
    """Each candidate's collocation less the best of its word's others' (3 for a word
    with one candidate): for the best, its lead over the runner-up."""
    import numpy as np

    top = np.maximum.reduceat(collocation, starts)
    index = np.arange(len(collocation))
    best = np.minimum.reduceat(np.where(collocation == top[owner], index, len(index)), starts)
    others = collocation.copy()
    others[best] = -np.inf
    margin: FloatArray = collocation - top[owner]
    margin[best] = top - np.maximum.reduceat(others, starts)
    margin[(sizes == 1)[owner]] = 3.0
    return margin


def _own_frequency(original: str) -> tuple[float, float]:
    """An original's Zipf frequency and the log of its :func:`_spread`, as its candidates'
    features read them."""
    return zipf(original), math.log1p(_spread().get(original, 0))


def _candidate_features(
    candidate: Candidate, found_zipf: float, own: tuple[float, float] | None = None
) -> tuple[float, ...]:
    """:data:`CANDIDATE_FEATURES` of a candidate for a word found as frequent as ``found_zipf``;
    ``own`` is :func:`_own_frequency` of its original, if known."""
    own_zipf, spread = _own_frequency(candidate.original) if own is None else own
    return (
        own_zipf - found_zipf,
        *_relation(candidate),
        spread,
        1.0 if candidate.nested else 0.0,
    )


def _relation(candidate: Candidate) -> tuple[float, float, float, float]:
    """A candidate's relation as features: its prior if curated (else 0), and 1 or 0 for
    synonym, similar word, and hypernym or hyponym ("taxonomy")."""
    relation = candidate.relation
    return (
        candidate.prior if relation == "curated" else 0.0,
        1.0 if relation == "synonym" else 0.0,
        1.0 if relation == "similar" else 0.0,
        1.0 if relation in ("hypernym", "hyponym") else 0.0,
    )


class _Evidence(NamedTuple):
    """Features of each candidate for a word found in a document, in three groups.

    The weighted sum of a candidate's features is that of the word's, plus
    that of its own features (weighed in advance, in :attr:`_Known.table`),
    plus that of its document features: :meth:`SwapModel.evidence` adds
    them up so into ``logits``, and :meth:`features` lays them out in
    :data:`FEATURES` order.
    """

    candidates: tuple[Candidate, ...]
    found_zipf: float
    word: tuple[float, ...]
    #: One row of :data:`DOCUMENT_FEATURES` per candidate.
    document: FloatArray
    #: The linear log-odds of each candidate: the weighted sum of all its features.
    logits: list[float]
    #: What candidates rank by: the log-odds, those of an unlikely relation after all others.
    ranking: list[float]

    def features(self, k: int) -> tuple[float, ...]:
        """All features of candidate ``k``, in :data:`FEATURES` order."""
        own = _candidate_features(self.candidates[k], self.found_zipf)
        grouped = self.word + own + tuple(self.document[k].tolist())
        return tuple([grouped[i] for i in _ORDER])


class Trees:
    """Boosted regression trees that refine the linear model's log-odds of a best candidate.

    The logistic model ranks the candidates of a word; evidence that counts
    only in combination (much document evidence with a poor fit, a curated
    swap of a very common word) is more than its sums can say. The trees
    read the best candidate's features, its linear log-odds and its lead
    over the runner-up (:func:`tree_input`), and give the log-odds the
    decision uses. ``nodes`` holds one list per tree of
    ``[feature, threshold, left, right, value]`` rows, root first, with
    ``left == -1`` at a leaf: the layout ``scripts/train_model.py`` writes
    from scikit-learn's histogram boosting. A feature at most the threshold
    goes left.

    The trees are compiled, once, into one Python expression: a tree is a
    few comparisons, and walking a hundred of them node by node in Python
    would cost more than everything else a word's decision does.

    >>> stump = [[0, 0.5, 1, 2, 0.0], [-1, 0.0, -1, -1, -1.0], [-1, 0.0, -1, -1, 2.0]]
    >>> trees = Trees(0.25, [stump, stump])
    >>> trees.log_odds([0.0]), trees.log_odds([1.0])
    (-1.75, 4.25)
    >>> import pickle
    >>> pickle.loads(pickle.dumps(trees)).log_odds([1.0])
    4.25
    """

    def __init__(self, baseline: float, nodes: Sequence[Sequence[Sequence[float]]]) -> None:
        self.baseline = float(baseline)
        self.nodes = [[list(node) for node in tree] for tree in nodes]
        terms = [repr(self.baseline)] + [_expression(tree, 0) for tree in self.nodes]
        code = compile(f"lambda x: {' + '.join(terms)}", "<restore trees>", "eval")
        # The source holds only numbers, comparisons and ``x``: nothing to run but them.
        self._evaluate = eval(code, {"__builtins__": {}})

    def __reduce__(self) -> tuple[type[Trees], tuple[float, list[list[list[float]]]]]:
        # Pickled as its nodes (the compiled expression is not picklable): an engine that
        # has read text can still be sent to a worker process.
        return (Trees, (self.baseline, self.nodes))

    def log_odds(self, features: Sequence[float]) -> float:
        """The refined log-odds for ``features``, laid out by :func:`tree_input`."""
        value: float = self._evaluate(features)
        return value


#: The lead over the runner-up given to a word found with a single candidate.
LONE_LEAD = 10.0


def tree_input(features: Sequence[float], logits: Sequence[float]) -> tuple[float, ...]:
    """What the trees read of a word's best candidate: its :data:`FEATURES`, then its
    linear log-odds and its lead over the runner-up's, given the linear log-odds of the
    word's candidates best first.

    >>> tree_input([1.0], [2.0, 0.5]), tree_input([1.0], [2.0])
    ((1.0, 2.0, 1.5), (1.0, 2.0, 10.0))
    """
    lead = logits[0] - logits[1] if len(logits) > 1 else LONE_LEAD
    return (*features, logits[0], lead)


def _expression(tree: Sequence[Sequence[float]], index: int) -> str:
    """Node ``index`` of ``tree`` as a conditional expression over the features ``x``."""
    feature, threshold, left, right, value = tree[index]
    if left < 0:
        return repr(float(value))
    return (
        f"({_expression(tree, int(left))} if x[{int(feature)}] <= {float(threshold)!r} "
        f"else {_expression(tree, int(right))})"
    )


@dataclass(frozen=True, slots=True)
class _Weights:
    token: tuple[float, ...]
    screen: tuple[float, ...]
    gate: tuple[float, ...]
    document: tuple[float, ...]
    spinner_words: dict[str, float]
    trees: Trees | None = None
    #: The weights of :meth:`SwapModel.final_features`; without them the sampled
    #: words' spin score is final.
    final_gate: tuple[float, ...] | None = None
    #: The weights of :func:`context_score`; without them a language model is not used.
    language_model: tuple[float, ...] | None = None

    def of(self, names: Sequence[str]) -> tuple[float, ...]:
        """The token weights of the features ``names``, in that order."""
        return tuple(self.token[FEATURES.index(name)] for name in names)


def document_features(probability: float, share: float) -> tuple[float, ...]:
    """What the document adds to a word decision: its log-odds and the share of strong words."""
    log_odds = math.log(probability / (1 - probability))
    return (1.0, log_odds, share, share * log_odds)


def _dot(weights: Sequence[float], features: Sequence[float]) -> float:
    if len(weights) != len(features):
        raise ValueError(f"{len(features)} features for {len(weights)} weights")
    total: float = sum(map(operator.mul, weights, features))
    return total


#: Bound of the collocation and margin features, in log10 units.
_CLIP = 6.0


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


#: Bound of a language model's preference (:meth:`LanguageModel.preference`), log10 units.
PREFERENCE_CLIP = 5.0
#: Occurrences of a word whose preferences are averaged: the spinner swapped them all alike.
PREFERENCE_SITES = 4
#: Findings scoring at least this, before a language model weighs them, are read as their
#: originals where they stand beside another finding (:func:`preferences`).
CONTEXT_SCORE = 0.9


def _log_odds(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def context_features(score: float, preference: float) -> tuple[float, float, float]:
    """What :func:`context_score` weighs: 1, the finding's log-odds and the language model's
    preference clipped to :data:`PREFERENCE_CLIP` (``scripts/train_model.py`` fits on these).

    >>> context_features(0.5, 9.0)
    (1.0, 0.0, 5.0)
    """
    clipped = min(max(preference, -PREFERENCE_CLIP), PREFERENCE_CLIP)
    return (1.0, _log_odds(score), clipped)


def context_score(weights: Sequence[float], score: float, preference: float) -> float:
    """A model finding's score once a language model has read it in context: logistic
    in the finding's log-odds and the model's :meth:`preference
    <restore.language_model.LanguageModel.preference>` for its original
    (:func:`context_features`), with ``weights`` (bias, log-odds, preference) fitted
    on training spins. Increasing in both.

    >>> weights = (-0.1, 0.8, 0.25)
    >>> context_score(weights, 0.9, 2.0) > context_score(weights, 0.9, 0.0)
    True
    >>> context_score(weights, 0.95, -1.0) > context_score(weights, 0.9, -1.0)
    True
    """
    return _sigmoid(_dot(weights, context_features(score, preference)))


#: The folder :func:`_load_weights` reads instead of the package's data (:func:`_use_weights`).
_other_weights: Traversable | None = None


@lru_cache(maxsize=1)
def _load_weights() -> _Weights:
    folder = resources.files("restore") / "data" if _other_weights is None else _other_weights
    return _read_weights(folder)


def _use_weights(folder: Traversable | None) -> None:
    """Have the model read its weights from ``folder`` from now on, or from the package's
    data again (``None``): for the training script and the benchmarks, which compare
    trainings (see :func:`_read_weights`)."""
    global _other_weights
    _other_weights = folder
    _load_weights.cache_clear()


def _read_weights(folder: Traversable) -> _Weights:
    """The weights and spinner words that ``scripts/train_model.py`` writes to ``folder``
    (``model.json``, ``spinner-words.tsv.gz``): the package's own, or another training's.

    Two trainings that differ only in their seed restore text differently, so a
    change to the model is judged over several of them; the benchmarks read
    each from its own folder (``quality.py --weights``).

    >>> weights = _read_weights(resources.files("restore") / "data")
    >>> len(weights.token) == len(FEATURES) and weights.spinner_words["additionally"] > 0
    True
    """
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    if meta.get("features") != list(FEATURES):
        raise RuntimeError(f"{folder}/model.json does not match this version's features")
    spinner_words: dict[str, float] = {}
    with gzip.open(str(folder / "spinner-words.tsv.gz"), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            word, _, value = line.rstrip("\n").partition("\t")
            spinner_words[word] = float(value)
    return _Weights(
        tuple(meta["token_weights"]),
        tuple(meta["screen_weights"]),
        tuple(meta["gate_weights"]),
        tuple(meta["document_weights"]),
        spinner_words,
        Trees(meta["trees"]["baseline"], meta["trees"]["nodes"]) if "trees" in meta else None,
        tuple(meta["final_gate_weights"]) if "final_gate_weights" in meta else None,
        _context_weights(meta.get("language_model_weights"), folder),
    )


def _context_weights(weights: list[float] | None, folder: Traversable) -> tuple[float, ...] | None:
    """The weights of :func:`context_score`, checked: it must grow with a finding's score."""
    if weights is None:
        return None
    if len(weights) != 3 or weights[1] <= 0:
        raise RuntimeError(f"{folder}/model.json: bad language_model_weights {weights}")
    return tuple(weights)


def is_held(finding: Substitution) -> bool:
    """Whether the model finding ``finding`` is held to at most :data:`UNLIKELY_SCORE`
    whatever its evidence, as its source says (:data:`HELD`, :data:`HELD_OUT_OF_FIELD`):
    what weighs it again later (:meth:`SwapModel.in_context`) must not raise it.

    >>> is_held(Substitution(0, 5, "might", "may", 0.5, "model:curated:collocation+held"))
    True
    >>> is_held(Substitution(0, 9, "mentioned", "said", 0.9, "model:curated:collocation"))
    False
    """
    tags = finding.source.rpartition(":")[2].split("+")
    return HELD[1:] in tags or HELD_OUT_OF_FIELD[1:] in tags


def _relation_of(finding: Substitution) -> str:
    """The relation of the original that the model finding ``finding`` restores, as its
    source names it (``model:RELATION:SIGNALS``).

    >>> _relation_of(Substitution(0, 9, "time unit", "second", 0.9, "model:hyponym:collocation"))
    'hyponym'
    """
    return finding.source.split(":")[1]


def preferences(
    text: str, findings: Sequence[Substitution], language_model: LanguageModel
) -> list[float]:
    """How much better each finding's suggestion reads than what it replaces, in
    ``text``, by ``language_model``: a word is decided once for its document, so
    a finding gets the mean of its word's first :data:`PREFERENCE_SITES` occurrences.
    Findings scoring :data:`CONTEXT_SCORE` or more are read as their suggestions
    where they neighbour another. Only those of ``findings`` count, so a caller
    that leaves out findings under ``CONTEXT_SCORE`` reads the same context.

    >>> from restore.language_model import load
    >>> text = "He mentioned it. She mentioned it."
    >>> found = [Substitution(3, 12, "mentioned", "said", 0.9, "model"),
    ...          Substitution(21, 30, "mentioned", "said", 0.9, "model")]
    >>> load() is None or len(set(preferences(text, found, load()))) == 1
    True
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for k, finding in enumerate(findings):
        groups.setdefault((finding.original.lower(), finding.suggestion.lower()), []).append(k)
    restored = sorted((f.start, f.end, f.suggestion) for f in findings if f.score >= CONTEXT_SCORE)
    result = [0.0] * len(findings)
    for members in groups.values():
        read = [findings[k] for k in members[:PREFERENCE_SITES]]
        mean = sum(
            language_model.preference(text, f.start, f.end, f.suggestion, restored) for f in read
        )
        for k in members:
            result[k] = mean / len(read)
    return result


class SwapModel:
    """Document gate and word-level scoring over candidate originals.

    ``tables`` are candidate tables (kind ``candidate``) from the user; they
    add candidates on top of the shipped reverse thesaurus.
    """

    def __init__(self, tables: Sequence[Table]) -> None:
        extra: dict[str, list[Candidate]] = {}
        for table in tables:
            for row in table.rows:
                extra.setdefault(row.spun, []).append(Candidate(row.original, "curated", row.score))
        self._extra = extra
        self._candidates: dict[str, tuple[Candidate, ...]] = {}
        # Whether a phrase has candidates, for phrases whose candidates were not needed yet.
        self._listing: dict[str, bool] = {}
        # One object for equal candidates of many phrases ("said" is listed for hundreds).
        self._shared: dict[Candidate, Candidate] = {}
        self._known_cache: dict[str, _Known] = {}
        self._original_rows: dict[str, tuple[float, ...]] = {}

    @cached_property
    def _weights(self) -> _Weights:
        return _load_weights()

    def load(self) -> None:
        """Read everything the model's decisions need now, rather than on the first
        document that needs each part: see :meth:`restore.engine.Restorer.load`."""
        self._weights  # noqa: B018
        self._group_weights  # noqa: B018
        self._overused  # noqa: B018
        self._starts  # noqa: B018 -- reads the thesaurus
        frequency.load()
        ngrams.load()
        _spread()

    @cached_property
    def _starts(self) -> tuple[frozenset[str], frozenset[str]]:
        """Where a phrase of several words, the thesaurus's or the tables', may start:
        the first words of such phrases, and the first two words of those of three or
        more words (a table's phrase of two words counts as its own first two)."""
        phrases = [p for p in self._extra if " " in p]
        return (
            thesaurus.phrase_starts() | {p.split(" ", 1)[0] for p in phrases},
            thesaurus.pair_starts() | {" ".join(p.split(" ", 2)[:2]) for p in phrases},
        )

    # The document gate -----------------------------------------------------

    def screen_features(
        self,
        text: str,
        counts: Counter[str],
        findings: Sequence[Substitution],
        pairs: tuple[float, int] | None = None,
    ) -> tuple[float, ...]:
        """Cheap document features: spinner words, broken collocations, fingerprints, length.

        Spinner-word evidence sums what each word says about spinning (words
        spinners write, such as "additionally", against words they replace);
        broken collocations are the share of adjacent word pairs the
        collocation model finds improbable, measured on a sample of pairs so
        long documents cost no more than short ones. Each is given both as a
        rate and scaled by the square root of the evidence size, as a test
        statistic is: the rate speaks for short documents, the statistic for
        long ones. ``pairs`` is :func:`broken_pairs` of ``text``, if known.
        """
        total = sum(counts.values())
        if total == 0:
            return (1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        evidence = self.spinner_evidence(counts)
        low, sampled = broken_pairs(text) if pairs is None else pairs
        density = 100.0 * len(findings) / max(total, 50)
        return (
            1.0,
            evidence,
            evidence * _evidence_size(total),
            low,
            low * math.sqrt(sampled),
            density,
            math.log(total),
        )

    def spinner_evidence(self, counts: Counter[str]) -> float:
        """What a document's words say about spinning, per word: the mean log ratio of
        each word's rate in spun text to its rate in clean text.

        A word counts for spinning only if spinners use it more often than
        both the clean corpus and general English do: a word of some other
        field ("via", "typically") is not a spinner's for being rare in the
        corpus.
        """
        total = sum(counts.values())
        if total == 0:
            return 0.0
        return _weighed(counts, self._weights.spinner_words) / total

    def spinner_overuse(self, counts: Counter[str]) -> float:
        """What the words spinners overuse say about a document, per word (over at least
        :data:`RATE_MIN_WORDS`): :meth:`spinner_evidence` without the words that speak
        for clean text.

        Those words speak for the press statements the table was fitted on as
        much as for clean text: "you", "it" and "said" are rarer in spun
        statements than English uses them. Narrative news uses them as English
        does, so its spinner evidence can be that of a clean statement while
        the words spinners write ("mentioned", "individuals") are as dense in
        it as in any spun document. This measure is blind to the field.

        >>> model = SwapModel([])
        >>> spun = Counter({"additionally": 3, "mentioned": 4, "it": 40, "said": 10})
        >>> model.spinner_overuse(spun) > model.spinner_overuse(Counter({"also": 3, "it": 40}))
        True
        """
        return _weighed(counts, self._overused) / max(sum(counts.values()), RATE_MIN_WORDS)

    @cached_property
    def _overused(self) -> dict[str, float]:
        """The spinner words with positive weights: words spinners overuse."""
        return {word: w for word, w in self._weights.spinner_words.items() if w > 0}

    def screen(
        self,
        text: str,
        counts: Counter[str],
        findings: Sequence[Substitution],
        pairs: tuple[float, int] | None = None,
    ) -> float:
        """First, cheap estimate of the probability that ``text`` is spun.

        A document it clears is not looked at word by word: that keeps clean
        text fast. ``pairs`` is :func:`broken_pairs` of ``text``, if known.
        """
        features = self.screen_features(text, counts, findings, pairs)
        return _sigmoid(_dot(self._weights.screen, features))

    @staticmethod
    def gate_features(evidence: float, strong: float, total: int) -> tuple[float, ...]:
        """Final document features: the rate of local evidence and the spinner words.

        ``strong`` is the number of distinct words the local model would
        restore with confidence if the document were spun: a spun document
        holds many, a clean one few, wherever it came from. ``evidence`` is
        :meth:`spinner_evidence`. Each is given as a rate and scaled by the
        square root of the evidence size. The screen's other features are
        left out: broken collocations measure how far a text is from the
        corpus, and clean text of another field is far from it too.

        The rate is over at least :data:`RATE_MIN_WORDS` words: in a short
        text three ordinary words the model would restore are a high rate
        by chance, and clean paragraphs of other fields hold that many.

        >>> short, long = (SwapModel.gate_features(0.0, 3, n)[1] for n in (60, 300))
        >>> short == 3.0 and long == 1.0
        True
        """
        rate, size = _rate(strong, total), _evidence_size(total)
        return (1.0, rate, rate * size / 10, evidence, evidence * size)

    def spin_score(self, evidence: float, strong: float, total: int) -> float:
        """Probability that the document is spun, from its spinner words and the local
        evidence (see :meth:`gate_features`)."""
        return _sigmoid(_dot(self._weights.gate, self.gate_features(evidence, strong, total)))

    @staticmethod
    def final_features(evidence: float, strong: int, sure: int, total: int) -> tuple[float, ...]:
        """Features of the final spin score of a document read whole.

        ``strong`` and ``sure`` count the distinct words (outside names)
        whose decision is at least :data:`STRONG` and :data:`SURE` probable,
        of all the document's words, not of a sample. A spun document holds
        many sure words; a clean one of another field holds some strong ones,
        words the corpus uses otherwise, and few sure ones. Rates are over at
        least :data:`RATE_MIN_WORDS` words, as in :meth:`gate_features`.

        >>> SwapModel.final_features(0.0, 6, 3, 300)[1], SwapModel.final_features(0.0, 6, 3, 300)[4]
        (2.0, 1.0)
        """
        rate, rate_sure, size = _rate(strong, total), _rate(sure, total), _evidence_size(total)
        return (1.0, rate, evidence, evidence * size, rate_sure, rate_sure * size / 10)

    def final_spin_score(self, evidence: float, strong: int, sure: int, total: int) -> float:
        """Probability that a document read whole is spun (see :meth:`final_features`).

        >>> model = SwapModel([])
        >>> model.final_spin_score(0.0, 12, 8, 300) > model.final_spin_score(0.0, 12, 0, 300)
        True
        """
        weights = self._weights.final_gate
        if weights is None:
            raise RuntimeError("restore/data/model.json has no final_gate_weights")
        return _sigmoid(_dot(weights, self.final_features(evidence, strong, sure, total)))

    def _part_score(
        self,
        decided: Sequence[tuple[Sequence[_Site], Sequence[Decision]]],
        start: int,
        end: int,
        counts: Counter[str],
    ) -> float:
        """:meth:`final_spin_score` of the part ``[start, end)`` of a document read whole,
        on ``counts`` (its words) and the decisions of the words found in it."""
        inside = [
            ranked[0]
            for group, ranked in decided
            if any(start <= site.start < end for site in group)
        ]
        strong, sure = strong_and_sure(inside)
        total = sum(counts.values())
        return self.final_spin_score(self.spinner_evidence(counts), strong, sure, total)

    def candidates(self, phrase: str) -> tuple[Candidate, ...]:
        """Originals ``phrase`` (folded words, single spaces) may stand for, best-ranked first.

        In the order of :func:`restore.thesaurus.rank`: curated swaps first
        (the thesaurus's, then the model's own tables'), then by frequency
        and relation, as the thesaurus lists them. An original already
        listed is left out, and so is one nested in the phrase unless it is
        a synonym there. Only phrases that have candidates are remembered:
        a text asks about many word runs that are no phrase at all.
        """
        cached = self._candidates.get(phrase)
        if cached is None:
            extra = self._extra.get(phrase, ())
            if not extra and not thesaurus.lists(phrase):
                return ()
            seen: set[str] = set()
            unique = []
            for listed in _listed(thesaurus.lookup(phrase), extra):
                candidate = _kept(listed, phrase)
                if candidate is None or candidate.original in seen:
                    continue
                seen.add(candidate.original)
                unique.append(candidate)
                if len(unique) == MAX_CANDIDATES:
                    break
            if len(self._candidates) >= _CACHE_SIZE:
                self._candidates.clear()
                self._shared.clear()
            shared = self._shared
            cached = tuple([shared.setdefault(c, c) for c in unique])
            self._candidates[phrase] = cached
        return cached

    def has_candidates(self, phrase: str) -> bool:
        """Whether :meth:`candidates` of ``phrase`` is not empty, without listing them.

        Finding a document's sites asks this of every word; only the words
        the model then decides need their candidates listed, and a clean
        document the spin score clears after a sample decides few.
        """
        listing = self._listing.get(phrase)
        if listing is None:
            listed = self._candidates.get(phrase)
            if listed is not None:
                listing = bool(listed)
            else:
                listing = phrase in self._extra or (
                    thesaurus.lists(phrase)
                    and any(
                        _kept(candidate, phrase) is not None
                        for candidate in _listed(thesaurus.lookup(phrase), ())
                    )
                )
            if len(self._listing) >= _CACHE_SIZE:
                self._listing.clear()
            self._listing[phrase] = listing
        return listing

    def evidence(
        self,
        sites: Sequence[_Site],
        counts: Counter[str],
        total: int,
        lacking: Sequence[bool] | None = None,
    ) -> _Evidence:
        """Evidence, for each candidate, that the spinner replaced it by the sites' phrase.

        A spinner maps a word the same way throughout a document, so the
        evidence of every occurrence is pooled: a candidate's collocation is
        the mean, over occurrences, of how much better it fits between the
        neighbours than the word found. Its margin over the best other
        candidate says whether the context singles it out. ``lacking`` is
        :meth:`absent` of the sites, if the caller has it already.
        """
        return self.evidences([sites], counts, total, None if lacking is None else [lacking])[0]

    def evidences(
        self,
        groups: Sequence[Sequence[_Site]],
        counts: Counter[str],
        total: int,
        lacking: Sequence[Sequence[bool]] | None = None,
    ) -> list[_Evidence]:
        """:meth:`evidence` of many words found in one document, weighed at once.

        A spun document holds hundreds of words with dozens of candidates each:
        their fits, features and log-odds are computed as arrays over all
        candidates of all ``groups`` (see :func:`restore.ngrams.fits_between`),
        which costs a fraction of doing it word by word. Each word's evidence
        is the same as when weighed alone.
        """
        import numpy as np

        if not groups:
            return []
        knowns = [self._known(g[0].phrase) for g in groups]
        samples = [g[:MAX_EVIDENCE] for g in groups]
        table = np.concatenate([k.table for k in knowns]).astype(np.float64)
        sizes = np.array([len(k.candidates) for k in knowns])
        starts = np.cumsum(sizes) - sizes
        owner = np.repeat(np.arange(len(groups)), sizes)  # the word of each candidate
        found_fit, collocation = _pooled_fits(knowns, samples, table, sizes, starts, owner)
        margin = np.clip(_margins(collocation, sizes, starts, owner), -_CLIP, _CLIP)
        collocation = np.clip(collocation, -_CLIP, _CLIP)
        if lacking is None:
            lacking = [self.absent(g, counts) for g in groups]
        length = document_size(total)
        absent = np.fromiter(
            (missing for lacks in lacking for missing in lacks), dtype=np.float64, count=len(table)
        )
        expected = np.where(absent > 0, np.log1p(length * table[:, _RATE]), 0.0)
        words = [
            self._word_features(group, sample, known, fit, length)
            for group, sample, known, fit in zip(
                groups, samples, knowns, found_fit.tolist(), strict=True
            )
        ]
        repeats, context, fan_out, name = np.array([[w[k] for k in _PER_CANDIDATE] for w in words])[
            owner
        ].T
        curated, synonym, taxonomy = table[:, _CURATED], table[:, _SYNONYM], table[:, _TAXONOMY]
        # In the order of DOCUMENT_FEATURES.
        document = np.column_stack(
            [
                collocation,
                margin,
                absent,
                expected,
                curated * absent,
                curated * expected,
                absent * repeats,
                collocation * context,
                synonym * expected,
                collocation * margin,
                margin * absent,
                collocation * taxonomy,
                fan_out * margin,
                context * margin,
                name * collocation,
            ]
        )
        word_weights, _, document_weights = self._group_weights
        # The weighted sum of all features, in three parts: the word's is the
        # same for every candidate, a candidate's own is known in advance.
        weighed = document[:, 0] * document_weights[0]
        for column, weight in enumerate(document_weights[1:], start=1):
            weighed = weighed + document[:, column] * weight
        bases = np.array([sum(map(operator.mul, word_weights, w)) for w in words])
        linear = (bases[owner] + table[:, _SCORE]) + weighed
        logits = linear.tolist()
        ranking = (linear - _UNLIKELY_RANK * table[:, _UNLIKELY]).tolist()
        return [
            _Evidence(
                known.candidates,
                known.found_zipf,
                word,
                document[start : start + size],
                logits[start : start + size],
                ranking[start : start + size],
            )
            for known, word, start, size in zip(
                knowns, words, starts.tolist(), sizes.tolist(), strict=True
            )
        ]

    def _word_features(
        self,
        sites: Sequence[_Site],
        sample: Sequence[_Site],
        known: _Known,
        found_fit: float,
        length: float,
    ) -> tuple[float, ...]:
        """:data:`WORD_FEATURES` of the word found at ``sites``, its contexts ``sample``, in
        a document of :func:`document_size` ``length``."""
        # How much more often the document uses the word than English does.
        overuse = math.log((len(sites) + 0.5) / (length * 10 ** (known.found_zipf - 9) + 0.5))
        context = sum((s.before is not None) + (s.after is not None) for s in sample) / (
            2 * len(sample)
        )
        return (
            1.0,
            known.found_zipf,
            max(-12.0, found_fit),
            math.log(len(sites)),
            overuse,
            context,
            math.log(len(known.candidates)),
            self._weights.spinner_words.get(sites[0].phrase, 0.0),
            float(sites[0].name),
        )

    def type_features(
        self,
        sites: Sequence[_Site],
        counts: Counter[str],
        total: int,
    ) -> list[tuple[Candidate, tuple[float, ...]]]:
        """Each candidate with its features in :data:`FEATURES` order, for fitting weights."""
        evidence = self.evidence(sites, counts, total)
        return [(c, evidence.features(k)) for k, c in enumerate(evidence.candidates)]

    def _known(self, phrase: str) -> _Known:
        """What the model knows of ``phrase``'s candidates before reading a document, once."""
        import numpy as np

        candidates = self.candidates(phrase)
        cached = self._known_cache.get(phrase)
        if cached is None or cached.candidates is not candidates:
            found_zipf = zipf(phrase)
            weights = self._group_weights[1]
            rows = []
            for c in candidates:
                *before, own_zipf, spread = self._original_row(c.original)
                features = _candidate_features(c, found_zipf, (own_zipf, spread))
                score = sum(map(operator.mul, weights, features))
                curated, synonym, _, taxonomy = features[1:5]
                rows.append((*before, score, curated, synonym, taxonomy, float(c.unlikely)))
            originals = tuple([c.original for c in candidates])
            cached = _Known(
                candidates,
                originals,
                tuple([k for k, original in enumerate(originals) if " " in original]),
                found_zipf,
                ngrams.phrase_sides(phrase),
                np.array(rows, dtype=np.float32).reshape(len(rows), len(_TABLE)),
            )
            if len(self._known_cache) >= _CACHE_SIZE:
                self._known_cache.clear()
            self._known_cache[phrase] = cached
        return cached

    def _original_row(self, original: str) -> tuple[float, ...]:
        """What an original brings to its candidates' rows in :attr:`_Known.table`,
        whatever its relation to the phrase found: the six numbers of
        :func:`restore.ngrams.phrase_sides`, its expected rate and
        :func:`_own_frequency`, once.

        A document's words have tens of thousands of candidates, but a few
        thousand originals ("said", "help") stand behind most of them. Kept by
        original, not by candidate, and as a tuple of floats: the garbage
        collector soon stops tracking it.
        """
        row = self._original_rows.get(original)
        if row is None:
            row = (
                *ngrams.phrase_sides(original),
                expected_rate(original),
                *_own_frequency(original),
            )
            if len(self._original_rows) >= _ORIGINALS:
                self._original_rows.clear()
            self._original_rows[original] = row
        return row

    @cached_property
    def _group_weights(self) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
        """The token weights of the word, candidate and document features."""
        weights = self._weights
        return (
            weights.of(WORD_FEATURES),
            weights.of(CANDIDATE_FEATURES),
            weights.of(DOCUMENT_FEATURES),
        )

    @property
    def reads_in_context(self) -> bool:
        """Whether the weights say how to use a language model (:meth:`in_context`)."""
        return self._weights.language_model is not None

    def context_floor(self, min_score: float) -> float:
        """The least score a model finding needs for :meth:`in_context` to be able to raise
        it to ``min_score``: findings under it need not be reported to it.

        >>> model = SwapModel([])
        >>> not model.reads_in_context or model.context_floor(0.9) < 0.9
        True
        """
        weights = self._weights.language_model
        if weights is None or min_score <= 0.0:
            return min_score
        bias, slope, lift = weights
        needed = (_log_odds(min_score) - bias - abs(lift) * PREFERENCE_CLIP) / slope
        return max(0.0, min(min_score, _sigmoid(needed)))

    def in_context(
        self, text: str, findings: Sequence[Substitution], language_model: LanguageModel
    ) -> list[Substitution]:
        """``findings`` (the model's) scored again with what ``language_model`` says of
        each original where it stands (:func:`context_score`, :func:`preferences`).

        The press-release counts behind the model's collocation evidence miss
        collocations of other fields, which a language model of general English
        knows. A finding the language model prefers has ``+language_model`` in
        its source. Its alternatives keep the scores the model gave them: the
        language model almost never ranks one above the finding (see
        ``benchmarks/README.md``).
        """
        weights = self._weights.language_model
        if weights is None:
            return list(findings)
        result = []
        for finding, preference in zip(
            findings, preferences(text, findings, language_model), strict=True
        ):
            score = context_score(weights, finding.score, preference)
            if is_held(finding):
                score = min(score, UNLIKELY_SCORE)
            source = f"{finding.source}+language_model" if preference > 0 else finding.source
            result.append(replace(finding, score=round(score, 4), source=source))
        return result

    def held_out_of_field(
        self, counts: Counter[str], findings: Sequence[Substitution]
    ) -> list[Substitution]:
        """``findings`` (the model's, in a document of word ``counts``) with those of
        :data:`FIELD_BOUND_RELATIONS` held to :data:`UNLIKELY_SCORE` when the document lies
        outside the field of the corpus counts (:data:`OUT_OF_FIELD`).

        That such a phrase was swapped is as clear there as anywhere; which word
        it stood for is not. The counts know the narrower terms of press
        statements, so in them the model picks the right one 97 times in 100,
        and in READMEs and docstrings fewer than half the time ("computer memory
        units" restored as "sectors", not "bytes"). Held findings are reported
        with ``+out_of_field`` in their source, not applied.

        >>> finding = Substitution(0, 11, "time unit", "second", 0.95, "model:hyponym:collocation")
        >>> model = SwapModel([])
        >>> [f.score for f in model.held_out_of_field(Counter({"time": 9, "unit": 1}), [finding])]
        [0.95]
        >>> [f.source for f in model.held_out_of_field(Counter({"qwxzv": 1}), [finding])]
        ['model:hyponym:collocation+out_of_field']
        """
        # The share of unknown words is counted only for a document with such a finding.
        bound = [
            f.score > UNLIKELY_SCORE and _relation_of(f) in FIELD_BOUND_RELATIONS for f in findings
        ]
        if not any(bound) or ngrams.unknown_share(counts) < OUT_OF_FIELD:
            return list(findings)
        return [
            replace(f, score=UNLIKELY_SCORE, source=f"{f.source}{HELD_OUT_OF_FIELD}") if held else f
            for f, held in zip(findings, bound, strict=True)
        ]

    def in_document(self, probability: float, share: float, shift: float = 0.0) -> float:
        """A word decision's probability given how much of its document the spinner swapped.

        ``share`` is the share of the document's sampled words that the
        model would restore with confidence: a spinner that swapped many
        words swapped more, one that swapped few left most words alone. The
        map is fitted on the training spins, with the share both shifting
        and scaling the log-odds; it stays increasing in ``probability``
        (a test checks), so it reorders no candidates of one word. ``shift``
        is added to the resulting log-odds (:data:`FIXED_SHIFT`).

        >>> model = SwapModel([])
        >>> model.in_document(0.8, 0.5) > model.in_document(0.8, 0.1)
        True
        """
        p = min(max(probability, 1e-9), 1 - 1e-9)
        return _sigmoid(_dot(self._weights.document, document_features(p, share)) + shift)

    def scored(self, decision: Decision, share: float, fixed: float = 0.0) -> float:
        """What a finding restoring ``decision``'s candidate scores: its probability in a
        document whose sampled words the model would restore at rate ``share``
        (:meth:`in_document`), raised by :data:`FIXED_SHIFT` for a curated swap where
        the sample's :func:`fixed_share` is :data:`FIXED_SHARE` or more, and at most
        :data:`UNLIKELY_SCORE` for an original that is unlikely or a modal for a modal
        (:attr:`Candidate.held`): such a finding's source ends with :data:`HELD`
        (:func:`is_held`).

        >>> model = SwapModel([])
        >>> narrower = Decision(0.99, Candidate("fees", "hypernym", 0.5), None, 0)
        >>> model.scored(narrower, 0.5) <= UNLIKELY_SCORE
        True
        >>> said = Decision(0.8, Candidate("said", "curated", 1.0), None, 0)
        >>> model.scored(said, 0.3, fixed=0.9) > model.scored(said, 0.3, fixed=0.2)
        True
        """
        shift = FIXED_SHIFT if _raised_as_fixed(decision.candidate, fixed) else 0.0
        score = self.in_document(decision.probability, share, shift)
        if decision.candidate.held:
            return min(score, UNLIKELY_SCORE)
        return score

    def sites(
        self, text: str, covered: Sequence[tuple[int, int]]
    ) -> dict[tuple[str, bool], list[_Site]]:
        """Scorable sites of ``text`` outside ``covered``, grouped by the phrase found and
        whether it is in a name.

        A spinner maps a word the same way in a name ("White Home") as
        anywhere else, but a name's words are decided apart: clean text
        names things with words it would not use for them otherwise.
        """
        from restore.engine import segments

        blocked = sorted(covered)
        groups: dict[tuple[str, bool], list[_Site]] = {}
        for offset, piece in segments(text):
            for site in _sites(piece, self, offset):
                if not blocked or not overlaps(blocked, site.start, site.end):
                    groups.setdefault((site.phrase, site.name), []).append(site)
        return groups

    def best_alternative(self, text: str, group: Substitution, choices: Sequence[str]) -> str:
        """The spintax alternative that fits best between the group's neighbours.

        Ties keep the first alternative, the spinner's own default.

        >>> text = "the {middle|center} east"
        >>> SwapModel([]).best_alternative(text, Substitution(4, 19, text[4:19], "", 0, ""),
        ...     ["center", "middle"])
        'middle'
        """
        if len(choices) < 2:
            return choices[0]
        before = _word_before(text, group.start)
        after = _WORD_AFTER.match(text, group.end)
        left = fold(before.group(1)) if before else None
        right = fold(after.group(1)) if after else None
        fits = [ngrams.fit(left, " ".join(words(choice)) or choice, right) for choice in choices]
        best = max(range(len(choices)), key=lambda i: (fits[i], -i))
        return choices[best] if fits[best] - fits[0] >= SPINTAX_MARGIN else choices[0]

    def decide(
        self,
        group: Sequence[_Site],
        counts: Counter[str],
        total: int,
        *,
        limit: int | None = None,
        lacking: Sequence[bool] | None = None,
    ) -> list[Decision]:
        """The candidates for one word found, best first, each with its probability.

        ``limit`` keeps only the best few, which is all a finding reports;
        ``lacking`` is passed on to :meth:`evidence`.
        """
        many = None if lacking is None else [lacking]
        return self.decide_many([group], counts, total, limit=limit, lacking=many)[0]

    def decide_many(
        self,
        groups: Sequence[Sequence[_Site]],
        counts: Counter[str],
        total: int,
        *,
        limit: int | None = None,
        lacking: Sequence[Sequence[bool]] | None = None,
    ) -> list[list[Decision]]:
        """:meth:`decide` for many words found in one document, their evidence weighed
        at once (:meth:`evidences`).

        Candidates rank by their linear log-odds, unlikely ones
        (:attr:`Candidate.unlikely`) after all others: such an original is only ever
        doubtful, so it must not stand in the way of a likely one ("is" for "costs",
        a broader word, before "prices").
        """
        trees = self._weights.trees
        decided = []
        for evidence in self.evidences(groups, counts, total, lacking):
            logits = evidence.logits
            # Stable: equally likely candidates keep their rank order.
            ranked = sorted(range(len(logits)), key=evidence.ranking.__getitem__, reverse=True)
            kept = ranked[:limit]
            probabilities = [_sigmoid(logits[k]) for k in kept]
            best: tuple[float, ...] | None = None
            if trees is not None:
                # The best candidate's probability is the trees'; the others keep the
                # linear model's, bounded by it, so the order stands.
                best = evidence.features(kept[0])
                leaders = [logits[k] for k in ranked[:2]]
                refined = _sigmoid(trees.log_odds(tree_input(best, leaders)))
                probabilities = [refined] + [min(p, refined) for p in probabilities[1:]]
            decided.append(
                [
                    Decision(p, evidence.candidates[k], evidence, k, best if k == kept[0] else None)
                    for p, k in zip(probabilities, kept, strict=True)
                ]
            )
        return decided

    def absent(self, group: Sequence[_Site], counts: Counter[str]) -> tuple[bool, ...]:
        """For each candidate of the phrase found, whether the document (its word
        ``counts``) lacks it: lacks one of its words, for an original of several."""
        known = self._known(group[0].phrase)
        get = counts.get
        lacking = list(map(operator.not_, map(get, known.originals)))
        for k in known.several:
            lacking[k] = not all(map(get, known.originals[k].split(" ")))
        return tuple(lacking)

    @staticmethod
    def _evidence_key(
        group: Sequence[_Site], absent: tuple[bool, ...], length: float
    ) -> tuple[object, ...]:
        """All that :meth:`decide` reads of a document of :func:`document_size` ``length``
        for ``group``: equal keys, equal decisions."""
        contexts = tuple([(s.before, s.after) for s in group[:MAX_EVIDENCE]])
        return group[0].phrase, group[0].name, contexts, len(group), length, absent

    def signals(self, features: Sequence[float]) -> str:
        """The evidence that spoke most for a decision with ``features``, strongest first.

        >>> model = SwapModel([])
        >>> model.signals([1.0 if name in ("bias", "collocation") else 0.0 for name in FEATURES])
        'collocation'
        """
        weighed = sorted(
            (w * f, name)
            for w, f, name in zip(self._weights.token, features, FEATURES, strict=True)
            if name != "bias" and w * f > 0.25
        )
        return "+".join(name for _, name in reversed(weighed[-3:])) or "prior"

    def read(
        self,
        text: str,
        counts: Counter[str],
        covered: Sequence[tuple[int, int]],
        *,
        read_all_above: float = 0.5,
        report_above: float = REPORT_FLOOR,
        earlier: Reading | None = None,
        parts: Sequence[tuple[int, int, Counter[str]]] = (),
    ) -> tuple[list[Substitution], float]:
        """Word-level findings outside ``covered``, and the document's spin score.

        Each distinct word found is decided once for the whole document, as
        the spinner decided it, and the decision applies to every
        occurrence; a finding's score is the probability that it is right
        if the document is spun. The spin score needs only a sample of the
        distinct words, read in steps until the score falls below
        :data:`GATE_CLEAR`; the rest, and the words of names, are read
        only when it reaches ``read_all_above`` or :data:`JUDGED_WHOLE`, so
        clean text that passed the screen stays cheap; then words beside a
        probable swap are decided again with the swap read as its original
        (:func:`_in_restored_context`). A document the sample judges spun is
        judged again on all its words (:meth:`final_spin_score`): a sample of
        a clean text of another field can hold a few words the model finds
        strong, and its whole holds few it is sure of.
        Findings scoring below ``report_above`` (or
        :data:`REPORT_FLOOR`) are left out: restoring needs only confident
        ones.

        ``earlier`` carries what reading one version of a text leaves for
        reading the next (a restored text is read again): see :class:`Reading`.

        ``parts`` are ``(start, end, word counts)`` of parts of ``text`` (the
        halves of a page). A page can hold clean text beside a spun article,
        and judged whole it is restored whole: so each part of a document
        judged whole is judged again on the decisions of its own words, and a
        part that scores under :data:`PART_SPUN` keeps no findings.
        """
        total = sum(counts.values())
        length = document_size(total)
        groups: list[list[_Site]] = []
        names: list[list[_Site]] = []
        for (_, name), group in self.sites(text, covered).items():
            (names if name else groups).append(group)
        groups = _spread_first(groups, GATE_SAMPLE)

        # What the document lacks of a phrase's candidates, by phrase: words are
        # decided again in context, and a phrase may stand in a name too.
        lacks: dict[str, tuple[bool, ...]] = {}

        def decide(batch: Sequence[list[_Site]]) -> list[list[Decision]]:
            lacking = []
            for group in batch:
                phrase = group[0].phrase
                if phrase not in lacks:
                    lacks[phrase] = self.absent(group, counts)
                lacking.append(lacks[phrase])
            if earlier is None:
                return self.decide_many(
                    batch, counts, total, limit=1 + ALTERNATIVES, lacking=lacking
                )
            keys = [self._evidence_key(g, a, length) for g, a in zip(batch, lacking, strict=True)]
            new = [k for k, key in enumerate(keys) if key not in earlier.decisions]
            fresh = self.decide_many(
                [batch[k] for k in new],
                counts,
                total,
                limit=1 + ALTERNATIVES,
                lacking=[lacking[k] for k in new],
            )
            earlier.decisions.update(zip([keys[k] for k in new], fresh, strict=True))
            return [earlier.decisions[key] for key in keys]

        decided: list[tuple[list[_Site], list[Decision]]] = []
        clean_parts: list[tuple[int, int]] = []
        strong_in_sample = 0
        evidence = self.spinner_evidence(counts)
        gate = self.spin_score(evidence, 0.0, total)
        for start in range(0, min(len(groups), GATE_SAMPLE), GATE_STEP):
            batch = groups[start : min(start + GATE_STEP, GATE_SAMPLE)]
            for group, ranked in zip(batch, decide(batch), strict=True):
                decided.append((group, ranked))
                strong_in_sample += is_strong(ranked[0])
            strong = strong_in_sample * len(groups) / len(decided)
            gate = self.spin_score(evidence, strong, total)
            if gate < GATE_CLEAR:
                break
        sampled = len(decided)
        judged_whole = gate >= JUDGED_WHOLE and self._weights.final_gate is not None
        if gate >= read_all_above or judged_whole:
            # In batches: weighing all the words of a long document at once would hold
            # arrays over every candidate in every context of all of them.
            for start in range(sampled, len(groups), READ_BATCH):
                batch = groups[start : start + READ_BATCH]
                decided += zip(batch, decide(batch), strict=True)
            if judged_whole:
                # Counted as the weights were fitted: every word outside names, each
                # decided on its own, before any is read beside its neighbours' swaps.
                strong_all, sure_all = strong_and_sure(ranked[0] for _, ranked in decided)
                gate = self.final_spin_score(evidence, strong_all, sure_all, total)
                clean_parts = [
                    (start, end)
                    for start, end, part_counts in parts
                    if self._part_score(decided, start, end, part_counts) < PART_SPUN
                ]
            broken = []
            for group in names:
                neighbours = _name_neighbours(text, group)
                month = _month_in_prose(text, group, self.candidates(group[0].phrase))
                if month or _looks_broken(group[0].phrase, neighbours):
                    broken.append((group, neighbours, month))
            for (group, neighbours, month), ranked in zip(
                broken, decide([group for group, _, _ in broken]), strict=True
            ):
                best = ranked[0].candidate
                if month and best.original in MONTHS:
                    # The month, not the modal: no modal for a modal (Candidate.held).
                    unheld = replace(best, modal=False)
                    decided.append((group, [ranked[0]._replace(candidate=unheld), *ranked[1:]]))
                elif _mends(group[0].phrase, best, neighbours):
                    decided.append((group, ranked))
            decided = _in_restored_context(text, decided, decide)
        share = strong_in_sample / max(sampled, 1)
        fixed = fixed_share(ranked[0] for _, ranked in decided[:sampled])
        scores = _one_per_original(
            [
                (
                    ranked[0].candidate.original,
                    group[0].phrase,
                    self.scored(ranked[0], share, fixed),
                )
                for group, ranked in decided
            ]
        )
        result: list[Substitution] = []
        floor = max(REPORT_FLOOR, report_above)
        for (group, ranked), best_score in zip(decided, scores, strict=True):
            best = ranked[0].candidate
            if best_score < floor:
                continue
            if clean_parts:
                group = [site for site in group if not overlaps(clean_parts, site.start, site.end)]
                if not group:
                    continue
            signals = self.signals(ranked[0].features)
            if _raised_as_fixed(best, fixed):
                signals = f"fixed_swaps+{signals}"
            source = f"model:{best.relation}:{signals}"
            if best.held:
                source += HELD  # as scored() held it
            score = round(best_score, 4)
            others = [
                (d.candidate.original, round(self.scored(d, share, fixed), 4))
                for d in ranked[1 : 1 + ALTERNATIVES]
            ]
            # Occurrences mostly share one spelling: each is cased once.
            cased: dict[str, tuple[str, tuple[Alternative, ...]]] = {}
            for site in group:
                found = text[site.start : site.end]
                if found not in cased:
                    cased[found] = (
                        match_case(found, best.original),
                        tuple(Alternative(match_case(found, o), p) for o, p in others),
                    )
                suggestion, alternatives = cased[found]
                result.append(
                    Substitution(
                        site.start, site.end, found, suggestion, score, source, alternatives
                    )
                )
        return _non_overlapping(result), gate


def _in_restored_context(
    text: str,
    decided: list[tuple[list[_Site], list[Decision]]],
    decide: Callable[[Sequence[list[_Site]]], list[list[Decision]]],
) -> list[tuple[list[_Site], list[Decision]]]:
    """``decided`` with words beside a probable swap decided again, that neighbour read as
    its original.

    A spinner swaps neighbours too ("army workouts" for "military exercises"):
    each is then judged against the other's swap, which fits neither original.
    A word decided again may become a probable swap itself, or cease to be
    one, so this repeats until the probable swaps stay the same, at most
    :data:`CONTEXT_ROUNDS` times.
    """
    result = decided
    read_as: dict[int, tuple[int, str]] = {}
    # A word whose neighbours read the same as in an earlier round is decided the same.
    memo: dict[tuple[int, tuple[tuple[str | None, str | None], ...]], list[Decision]] = {}
    for _ in range(CONTEXT_ROUNDS):
        likely = {
            site.start: (site.end, ranked[0].candidate.original)
            for group, ranked in result
            if ranked[0].probability >= CONTEXT_PROBABILITY and not ranked[0].candidate.unlikely
            for site in group
        }
        if likely == read_as:
            break
        read_as = likely
        result = _decided_in_context(text, decided, decide, likely, memo)
    return result


def _decided_in_context(
    text: str,
    decided: list[tuple[list[_Site], list[Decision]]],
    decide: Callable[[Sequence[list[_Site]]], list[list[Decision]]],
    read_as: dict[int, tuple[int, str]],
    memo: dict[tuple[int, tuple[tuple[str | None, str | None], ...]], list[Decision]],
) -> list[tuple[list[_Site], list[Decision]]]:
    """``decided`` with each word outside names that neighbours a site in ``read_as``
    (start -> end and original) decided again, that neighbour read as its original;
    ``memo`` keeps the decisions by word and neighbours read."""
    by_start = {start: original for start, (_, original) in read_as.items()}
    by_end = {end: original for end, original in read_as.values()}
    redo: list[tuple[int, list[_Site]]] = []
    for index, (group, _) in enumerate(decided):
        if group[0].name:
            continue
        changed = False
        read: list[_Site] = []
        for site in group:
            before, after = site.before, site.after
            if before is not None:
                j = site.start
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                original = by_end.get(j)
                if original is not None:
                    before = original.rsplit(" ", 1)[-1]
            if after is not None:
                k = site.end
                while k < len(text) and text[k].isspace():
                    k += 1
                original = by_start.get(k)
                if original is not None:
                    after = original.split(" ", 1)[0]
            if before == site.before and after == site.after:
                read.append(site)
            else:
                changed = True
                read.append(_Site(site.start, site.end, site.phrase, before, after, site.name))
        if changed:
            redo.append((index, read))
    keys = [(index, tuple([(s.before, s.after) for s in read])) for index, read in redo]
    new = [k for k, key in enumerate(keys) if key not in memo]
    memo.update(zip([keys[k] for k in new], decide([redo[k][1] for k in new]), strict=True))
    result = list(decided)
    for key in keys:
        result[key[0]] = (decided[key[0]][0], memo[key])
    return result


def is_strong(decision: Decision, threshold: float = STRONG) -> bool:
    """Whether a word's best decision is strong local evidence of spinning: probable
    (``threshold``, :data:`STRONG` by default), and a restoration the model would
    make, not an unlikely one (:attr:`Candidate.unlikely`).

    >>> is_strong(Decision(0.9, Candidate("said", "curated", 1.0), None, 0))
    True
    >>> is_strong(Decision(0.9, Candidate("protect", "derivation", 0.5), None, 0))
    False
    """
    return decision.probability >= threshold and not decision.candidate.unlikely


def fixed_share(best: Iterable[Decision]) -> float:
    """The share of words' strong best decisions (:func:`is_strong`) that restore a
    curated swap: how much the spinner that wrote the text keeps to fixed swaps. 0 when
    fewer than :data:`FIXED_MIN` are strong.

    >>> said = Decision(0.9, Candidate("said", "curated", 1.0), None, 0)
    >>> maybe = Decision(0.9, Candidate("perhaps", "synonym", 0.5), None, 0)
    >>> fixed_share([said] * 4 + [maybe]), fixed_share([said] * 4)
    (0.8, 0.0)
    """
    strong = fixed = 0
    for decision in best:
        if is_strong(decision):
            strong += 1
            fixed += decision.candidate.relation == "curated"
    return fixed / strong if strong >= FIXED_MIN else 0.0


def _raised_as_fixed(candidate: Candidate, fixed: float) -> bool:
    """Whether a finding restoring ``candidate`` is raised by :data:`FIXED_SHIFT`: a
    curated swap, in a document whose :func:`fixed_share` is :data:`FIXED_SHARE` or more."""
    return fixed >= FIXED_SHARE and candidate.relation == "curated"


def strong_and_sure(best: Iterable[Decision]) -> tuple[int, int]:
    """How many of words' best decisions are strong (:func:`is_strong`) and how many
    sure (:data:`SURE`): what :meth:`SwapModel.final_features` counts, at run time
    and in training alike.

    >>> said = Candidate("said", "curated", 1.0)
    >>> strong_and_sure([Decision(0.9, said, None, 0), Decision(0.6, said, None, 0)])
    (2, 1)
    """
    strong = sure = 0
    for decision in best:
        strong += is_strong(decision)
        sure += is_strong(decision, SURE)
    return strong, sure


@dataclass(slots=True)
class Reading:
    """What the model keeps between readings of versions of one document.

    Restoring reads a text, then the restored text, until nothing more is
    found. A word whose evidence is unchanged (its contexts, its
    occurrences, which candidates the document holds, the document's length
    in words) is not decided again. Each version is read as it stands, as a
    later call reading the restored text would read it: so restoring what
    was restored finds nothing more.
    """

    decisions: dict[Hashable, list[Decision]] = field(default_factory=dict)


def _weighed(counts: Counter[str], weights: dict[str, float]) -> float:
    """Each word's count times its weight, summed over the words ``weights`` knows.

    >>> _weighed(Counter({"yr": 2, "the": 9}), {"yr": 1.5})
    3.0
    """
    # Most words say nothing: sum over the few the table knows.
    return math.fsum([counts[w] * weights[w] for w in counts.keys() & weights.keys()])


def _rate(count: float, total: int) -> float:
    """``count`` per hundred of a document's ``total`` words, counted as at least
    :data:`RATE_MIN_WORDS`.

    >>> _rate(3, 60), _rate(3, 300)
    (3.0, 1.0)
    """
    return 100.0 * count / max(total, RATE_MIN_WORDS)


def _evidence_size(total: int) -> float:
    """What a rate over ``total`` words is scaled by, as a test statistic is: the square
    root of the evidence size, which stops growing at 2,000 words."""
    return math.sqrt(min(total, 2000))


_T = TypeVar("_T")


def _spread_first(items: list[_T], size: int) -> list[_T]:
    """``items`` with ``size`` of them, spread evenly over the list, moved to the front.

    The spin score reads the first words of this order as its sample: spread,
    a clean paragraph above a spun one (a page that quotes a spun article)
    does not hide it.

    >>> _spread_first(list(range(10)), 3)
    [0, 3, 6, 1, 2, 4, 5, 7, 8, 9]
    >>> _spread_first([1, 2], 3)
    [1, 2]
    """
    if len(items) <= size:
        return items
    picks = [len(items) * k // size for k in range(size)]
    chosen = set(picks)
    return [items[k] for k in picks] + [x for k, x in enumerate(items) if k not in chosen]


def _one_per_original(claims: Sequence[tuple[str, str, float]]) -> list[float]:
    """Probabilities of words found, each claiming an original, bounded by their rivals.

    A claim is (original, phrase found, probability). A spinner put one
    phrase in place of each original throughout a document, so of the
    phrases found that claim one original at most one is right: each but
    the most probable is bounded by the chance that the most probable is
    wrong. The same phrase inside a name is no rival: it is the same swap.

    >>> _one_per_original([("said", "mentioned", 0.95), ("said", "stated", 0.6),
    ...                    ("said", "mentioned", 0.5), ("money", "cash", 0.6)])
    [0.95, 0.05..., 0.5, 0.6]
    """
    strongest: dict[str, tuple[float, str]] = {}
    for original, phrase, probability in claims:
        if probability > strongest.get(original, (0.0, ""))[0]:
            strongest[original] = (probability, phrase)
    bounded = []
    for original, phrase, p in claims:
        best, holder = strongest.get(original, (0.0, phrase))
        bounded.append(p if phrase == holder else min(p, 1.0 - best))
    return bounded


class _Site(NamedTuple):
    """A word or phrase found with candidates, where it stands and its joined neighbours.

    A named tuple: a document has thousands, and they are built fastest so.
    """

    start: int
    end: int
    phrase: str
    before: str | None
    after: str | None
    #: Capitalised inside a sentence: the phrase is (in) a name.
    name: bool = False


def _listed(entry: Iterator[tuple[str, str]], extra: Sequence[Candidate]) -> Iterator[Candidate]:
    """A thesaurus entry's candidates in its order, with ``extra`` (curated) after its
    curated ones, where :func:`restore.thesaurus.rank` puts them.

    >>> [c.original for c in _listed(iter([("a", "curated"), ("b", "synonym")]),
    ...                              [Candidate("x", "curated", 0.9)])]
    ['a', 'x', 'b']
    """
    for original, relation in entry:
        if relation != "curated" and extra:
            yield from extra
            extra = ()
        yield Candidate(original, relation, 1.0 if relation == "curated" else 0.5)
    yield from extra


def _modal_for_modal(phrase: str, original: str) -> bool:
    """Whether both ``phrase`` and ``original`` are modals (:data:`MODALS`): a finding
    that restores one for the other is held to :data:`UNLIKELY_SCORE`."""
    return phrase in MODALS and original in MODALS


def _kept(candidate: Candidate, phrase: str) -> Candidate | None:
    """``candidate`` as :meth:`SwapModel.candidates` lists it for ``phrase``: flagged if
    nested in the phrase as a synonym (:func:`_is_nested_synonym`), ``None`` if nested
    otherwise (:func:`_nested`); flagged too if both are modals (:data:`MODALS`).

    >>> _kept(Candidate("year", "hypernym", 0.5), "fiscal year") is None
    True
    >>> _kept(Candidate("may", "curated", 0.4), "might").modal
    True
    """
    if candidate.relation == "curated" or not _nested(candidate.original, phrase):
        if _modal_for_modal(phrase, candidate.original):
            return replace(candidate, modal=True)
        return candidate
    return replace(candidate, nested=True) if _is_nested_synonym(candidate, phrase) else None


def _nested(original: str, phrase: str) -> bool:
    """Whether one is the other, or one's words run inside the other's.

    "fiscal year" for "year" or "front porch" for "porch" is how clean
    text names a kind of thing, far more often than a spinner's swap. A
    curated swap ("brand new" for "new") is kept all the same: it is known
    to be a spinner's.

    >>> _nested("year", "fiscal year"), _nested("said", "mentioned")
    (True, False)
    """
    if " " not in original and " " not in phrase:
        return original == phrase
    spaced, within = f" {original} ", f" {phrase} "
    return spaced in within if len(spaced) <= len(within) else within in spaced


def _is_nested_synonym(candidate: Candidate, phrase: str) -> bool:
    """Whether a candidate nested in ``phrase`` is a synonym inside the longer phrase found.

    That is how a spinner reads a thesaurus entry naming the same thing with
    more words ("part" as "component part", "contact" as "physical
    contact"): such a candidate is kept, flagged, for the model to weigh
    against clean text naming a kind of thing so. Other nested candidates
    ("year" for "fiscal year") are dropped.

    >>> _is_nested_synonym(Candidate("part", "synonym", 0.5), "component part")
    True
    >>> _is_nested_synonym(Candidate("year", "hypernym", 0.5), "fiscal year")
    False
    """
    return candidate.relation == "synonym" and len(candidate.original) < len(phrase)


def _sites(piece: str, model: SwapModel, offset: int = 0) -> Iterator[_Site]:
    """Positions worth scoring: the longest phrase at each token with candidates.

    Positions count from ``offset``, where ``piece`` stands in the text.

    A phrase that starts with a capitalised word inside a sentence is marked
    as (part of) a name; words in capitals and anything with digits are left
    alone. Two words are joined when only whitespace separates them, and
    no blank line (:func:`restore.text.joins`), or nothing and the second is
    a clitic ("'s"). Lower-case letters joined by dots are a phrase too when
    a curated swap lists it (:func:`_abbreviation`: "p.c." for "percent").
    """
    spans = [m.span() for m in WORD_PATTERN.finditer(piece)]
    surfaces = [piece[start:end] for start, end in spans]
    norms = [fold(surface) for surface in surfaces]
    count = len(spans)
    joined = [False] * count  # joined[k]: token k is joined to token k + 1
    for k in range(count - 1):
        gap = piece[spans[k][1] : spans[k + 1][0]]
        # Most gaps are one space: no call for them.
        joined[k] = (gap == " " or joins(gap)) if gap else norms[k + 1].startswith("'")
    phrase_starts, pair_starts = model._starts
    listing = model._listing  # the cache has_candidates() fills: read it first
    entries, extra = thesaurus.headwords(), model._extra  # and skip runs that are no entry at once
    i = 0
    while i < count:
        norm = norms[i]
        surface = surfaces[i]
        if len(surface) == 1 and piece[spans[i][1] : spans[i][1] + 1] == ".":
            dotted = _abbreviation(piece, spans, norms, i, model)
            if dotted is not None:
                last, end, phrase, after = dotted
                before = norms[i - 1] if i and joined[i - 1] else None
                yield _Site(offset + spans[i][0], offset + end, phrase, before, after)
                i = last + 1
                continue
        # Most words are in lower case, letters only: candidates at once.
        name = False
        if not (surface.isalpha() and not surface[0].isupper()):
            kind = _in_name(piece, surface, spans[i][0])
            if kind is None:
                i += 1
                continue
            name = kind
        last, phrase, found = i, norm, None
        if norm in phrase_starts and joined[i]:
            # A phrase of two words or more starts here only if its first two may.
            pair = f"{norm} {norms[i + 1]}"
            if pair in entries or pair in pair_starts:
                for size in range(min(_MAX_PHRASE, count - i), 1, -1):
                    end = i + size - 1
                    if not all(joined[i:end]):
                        continue
                    words = " ".join(norms[i : end + 1])
                    listed = listing.get(words)
                    if listed is None:
                        listed = (words in entries or words in extra) and model.has_candidates(
                            words
                        )
                    if listed and (
                        not name or _name_phrase(surfaces[i : end + 1], model.candidates(words))
                    ):
                        last, phrase, found = end, words, True
                        break
        if found is None:
            # The word alone, as most are.
            found = listing.get(norm)
            if found is None:
                found = (norm in entries or norm in extra) and model.has_candidates(norm)
        if found:
            before = norms[i - 1] if i and joined[i - 1] else None
            after = norms[last + 1] if last + 1 < count and joined[last] else None
            yield _Site(offset + spans[i][0], offset + spans[last][1], phrase, before, after, name)
        i = last + 1


#: After an abbreviation's last dot, what shows the dot is the abbreviation's own: a word in
#: lower case, a number or a clause mark, not a new sentence.
_INSIDE_SENTENCE = re.compile(r"[ \t]*[a-z0-9,;:)]")


def _abbreviation(
    piece: str, spans: Sequence[tuple[int, int]], norms: Sequence[str], i: int, model: SwapModel
) -> tuple[int, int, str, str | None] | None:
    """A spinner's abbreviation written with dots that starts at token ``i`` ("p.c." for
    "percent"): the index of its last letter, where it ends, its phrase ("p c"), and the
    word after it if joined, or ``None`` if there is none here.

    It is single lower-case letters joined by dots, and a site only if every candidate of
    it is curated: the thesaurus's own ("e g" for "for example") would restore a clean
    "e.g.". The last dot is part of it inside a sentence, and left as the sentence's full
    stop at its end.

    >>> from restore.text import WORD_PATTERN
    >>> def found(text):
    ...     spans = [m.span() for m in WORD_PATTERN.finditer(text)]
    ...     norms = [text[a:b] for a, b in spans]
    ...     i = next(k for k, n in enumerate(norms) if len(n) == 1 and n.isalpha())
    ...     dotted = _abbreviation(text, spans, norms, i, SwapModel([]))
    ...     return dotted and (text[spans[i][0] : dotted[1]], dotted[3])
    >>> found("rose 5 p.c. in May"), found("rose 5 p.c in May"), found("rose 5 p.c. Then")
    (('p.c.', 'in'), ('p.c', 'in'), ('p.c', None))
    >>> found("rose 5 p.c., then"), found("see e.g. this"), found("U.S. aid")
    (('p.c.', None), None, None)
    """
    last = i
    while (
        last + 1 < len(spans)
        and piece[spans[last][1] : spans[last + 1][0]] == "."
        and len(norms[last + 1]) == 1
    ):
        last += 1
    letters = norms[i : last + 1]
    if last == i or not all(n.isalpha() and n.islower() for n in letters):
        return None
    if piece[spans[i][0] : spans[last][1]] != ".".join(letters):
        return None  # in capitals: a name's initials
    phrase = " ".join(letters)
    candidates = model.candidates(phrase)
    if not candidates or any(c.relation != "curated" for c in candidates):
        return None
    end = spans[last][1]
    if piece[end : end + 1] == ".":
        if _INSIDE_SENTENCE.match(piece, end + 1) is None:
            return last, end, phrase, None  # the sentence's full stop
        end += 1
    gap = piece[end : spans[last + 1][0]] if last + 1 < len(spans) else ""
    return last, end, phrase, norms[last + 1] if gap and joins(gap) else None


def _in_name(piece: str, surface: str, start: int) -> bool | None:
    r"""Whether the word ``surface`` at ``start`` is capitalised inside a sentence (in a
    name); ``None`` for a word not to score at all (in capitals, or with digits).

    >>> _in_name("in the White House", "White", 7), _in_name("Our home", "Our", 0)
    (True, False)
    >>> _in_name("the NATO summit", "NATO", 4) is None
    True
    >>> _in_name("Markets rise\n\nShares fell", "Shares", 14), _in_name("pro-Kremlin", "Kremlin", 4)
    (False, True)
    """
    if not surface[:1].isalpha() or (not surface.isalpha() and any(c.isdigit() for c in surface)):
        return None
    if surface[:1].isupper():
        if len(surface) > 1 and surface.isupper():
            return None
        # The last character before the word that is not whitespace. A blank line
        # ends a paragraph, a heading or a list item: what follows starts anew.
        j = start - 1
        while j >= 0 and piece[j].isspace():
            j -= 1
        gap = piece[j + 1 : start]
        return not (j < 0 or piece[j] in '.!?:;"“(' or (gap != "" and not joins(gap)))
    return False


def _name_phrase(surfaces: Sequence[str], candidates: Sequence[Candidate]) -> bool:
    """Whether words starting with a capital inside a sentence are read as one phrase.

    In a name, a phrase is its capitalised words ("Supreme Court"), or a
    spinner's known phrase ("Brand new York" for "New York"); otherwise the
    capitalised word is read alone ("White Home in" is not "home in").

    >>> brand_new = [Candidate("new", "curated", 1.0)]
    >>> _name_phrase(["Home", "in"], []), _name_phrase(["Brand", "new"], brand_new)
    (False, True)
    """
    return all(s[:1].isupper() for s in surfaces) or any(
        c.relation == "curated" for c in candidates
    )


def _name_neighbours(text: str, group: Sequence[_Site]) -> list[tuple[str | None, str | None]]:
    """For each occurrence of a phrase in a name, its joined neighbours that belong to the
    name too (capitalised, or a number as in "May 20"), folded; ``None`` for the others."""
    pairs = []
    for site in group[:MAX_EVIDENCE]:
        before = after = None
        if site.before is not None:
            j = site.start - 1
            while text[j] in " \t":
                j -= 1
            k = j
            while k >= 0 and (text[k].isalnum() or text[k] in "'’"):
                k -= 1
            first = text[k + 1 : j + 1]
            if first[:1].isupper() or first.isdigit():
                before = site.before
        if site.after is not None:
            j = site.end
            while text[j] in " \t":
                j += 1
            if text[j].isupper() or text[j].isdigit():
                after = site.after
        pairs.append((before, after))
    return pairs


#: Months, folded. A thesaurus knows some as other words ("may" a modal, "march" a verb,
#: "august" an adjective), and a spinner blind to case swaps them as such.
MONTHS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june"),
        *("july", "august", "september", "october", "november", "december"),
    }
)


def _month_in_prose(text: str, group: Sequence[_Site], candidates: Sequence[Candidate]) -> bool:
    """Whether a capitalised word may be a spinner's swap of a month: one of its
    ``candidates`` is a month, and every occurrence follows a word in lower case.

    A month is a name of one word, and names are otherwise judged by their
    capitalised or numeric neighbours ("Might 20"). A word capitalised after a
    word in lower case is in prose, not in a title: there "Might" is no modal
    ("since Might", "throughout Might and June").

    >>> text = "rose throughout Might and June"
    >>> site = _Site(16, 21, "might", "throughout", "and", True)
    >>> _month_in_prose(text, [site], [Candidate("may", "curated", 0.4)])
    True
    >>> _month_in_prose("What Might Happen", [_Site(5, 10, "might", "what", "happen", True)],
    ...                 [Candidate("may", "curated", 0.4)])
    False
    """
    if not any(c.original in MONTHS for c in candidates):
        return False
    for site in group:
        if site.before is None:
            return False
        end = site.start
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-"):
            start -= 1
        if start == end or not text[start].islower():
            return False
    return True


def _looks_broken(phrase: str, neighbours: Sequence[tuple[str | None, str | None]]) -> bool:
    """Whether a phrase found in a name may be a spinner's swap there.

    Clean text names things with words it would not use for them otherwise
    ("United Nations", "Security Adviser", "Peace Accord"), and so does a
    spun copy of it wherever the spinner left the name alone. A name seen
    in the corpus with the phrase in it is a real name; so is a capitalised
    word standing alone. A phrase of several words ("Brand new York") is
    left to the model: its pairs with the name say little of the phrase.

    >>> _looks_broken("nations", [("united", None)]), _looks_broken("home", [("white", None)])
    (False, True)
    >>> _looks_broken("home", [(None, None)])
    False
    """
    if not any(b or a for b, a in neighbours):
        return False
    return " " in phrase or not _in_known_name(phrase, phrase, neighbours)


def _mends(
    phrase: str, candidate: Candidate, neighbours: Sequence[tuple[str | None, str | None]]
) -> bool:
    """Whether restoring ``candidate`` for ``phrase`` makes a name the corpus has seen
    ("White House").

    A phrase of several words found in a name is restored only to an
    original a curated row gives for it, a known spinner's swap.

    >>> _mends("home", Candidate("house", "synonym", 0.5), [("white", None)])
    True
    >>> _mends("nations", Candidate("states", "synonym", 0.5), [(None, "sparks")])
    False
    >>> _mends("founding fathers", Candidate("founders", "synonym", 0.5), [("our", "day")])
    False
    """
    if " " in phrase and candidate.relation != "curated":
        return False
    words = candidate.original.split(" ")
    return _in_known_name(words[0], words[-1], neighbours)


def _in_known_name(
    first: str, last: str, neighbours: Sequence[tuple[str | None, str | None]]
) -> bool:
    """Whether a phrase from ``first`` to ``last`` makes, in any occurrence, a word pair the
    corpus has seen with one of its name's neighbours.

    >>> _in_known_name("house", "house", [("white", None)])
    True
    """
    return any(
        (b is not None and ngrams.bigram_count(b, first))
        or (a is not None and ngrams.bigram_count(last, a))
        for b, a in neighbours
    )


def _non_overlapping(findings: list[Substitution]) -> list[Substitution]:
    findings.sort(key=lambda s: s.start)
    result: list[Substitution] = []
    for finding in findings:
        if result and finding.start < result[-1].end:
            continue
        result.append(finding)
    return result
