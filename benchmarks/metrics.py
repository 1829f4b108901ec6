"""Quality figures for a restorer, computed on token sequences.

Every figure compares texts as sequences of case-folded tokens: words
(``restore.text.WORD_PATTERN``) and single punctuation characters, so a
restorer is neither rewarded nor punished for whitespace, and "imaginative and
prescient" -> "vision" counts as the three-token edit it is.

>>> tokens("An  idea, isn't it?")
['an', 'idea', ',', "isn't", 'it', '?']
>>> distance("we also said", "we additionally mentioned")
2
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from restore.text import WORD_PATTERN, fold

__all__ = [
    "Calibration",
    "EditCounts",
    "auc",
    "calibration",
    "changed_spans",
    "distance",
    "edit_counts",
    "gap_closed",
    "swaps_fixed",
    "tokens",
]

_TOKEN = regex.compile(WORD_PATTERN.pattern + r"|[^\s]")


def tokens(text: str) -> list[str]:
    """Case-folded word and punctuation tokens: the unit every distance is counted in."""
    return [fold(t) for t in _TOKEN.findall(text)]


def _as_ints(*texts: str) -> list[list[int]]:
    """Tokens mapped to ints shared across ``texts``, so rapidfuzz compares them fast."""
    ids: dict[str, int] = {}
    return [[ids.setdefault(t, len(ids)) for t in tokens(text)] for text in texts]


def distance(a: str, b: str) -> int:
    """Token-level Levenshtein distance between two texts."""
    x, y = _as_ints(a, b)
    return int(Levenshtein.distance(x, y))


def gap_closed(spun_distances: Iterable[int], restored_distances: Iterable[int]) -> float:
    """Share of the spun-to-original distance a restorer removed, summed over documents.

    ``1 - sum d(restored, original) / sum d(spun, original)``: 0 for doing
    nothing, 1 for a perfect restore, negative when the restorer made things worse.
    Summing before dividing weights documents by how much was spun in them.

    >>> gap_closed([4, 6], [0, 5])
    0.5
    """
    spun, restored = sum(spun_distances), sum(restored_distances)
    return 1.0 - restored / spun if spun else 0.0


@dataclass(frozen=True, slots=True)
class EditCounts:
    """What a restorer's edits did: ``correct`` of ``changed`` restored tokens match the original.

    ``changed`` counts tokens of the restored text that are not aligned to an
    equal token in the spun text (replacements and insertions); ``correct`` is
    those of them that align to an equal token of the original. Pure deletions
    have no restored token and are not counted here (gap closed still sees them).
    """

    changed: int
    correct: int

    def __add__(self, other: EditCounts) -> EditCounts:
        return EditCounts(self.changed + other.changed, self.correct + other.correct)

    @property
    def precision(self) -> float:
        return self.correct / self.changed if self.changed else float("nan")


def _equal_positions(source: Sequence[int], dest: Sequence[int]) -> set[int]:
    """Indices of ``dest`` aligned to an equal token of ``source`` by a minimal alignment."""
    found: set[int] = set()
    for op in Levenshtein.opcodes(source, dest):
        if op.tag == "equal":
            found.update(range(op.dest_start, op.dest_end))
    return found


def edit_counts(spun: str, restored: str, original: str) -> EditCounts:
    """Count the restorer's changed tokens and how many of them are right.

    >>> edit_counts("we additionally mentioned", "we also stated", "we also said")
    EditCounts(changed=2, correct=1)
    """
    s, r, o = _as_ints(spun, restored, original)
    unchanged = _equal_positions(s, r)
    changed = set(range(len(r))) - unchanged
    return EditCounts(len(changed), len(changed & _equal_positions(o, r)))


def changed_spans(spun: str, original: str) -> list[tuple[int, int, int, int]]:
    """``(spun_start, spun_end, original_start, original_end)`` of each run of tokens that a
    minimal token alignment does not keep, where both sides hold tokens: the swaps of a
    spun text whose answer key is only its original (the spinner's own spans unknown).

    >>> spun, original = "we additionally mentioned it", "we also said it"
    >>> [(spun[a:b], original[c:d]) for a, b, c, d in changed_spans(spun, original)]
    [('additionally mentioned', 'also said')]
    """
    s, o = _as_ints(spun, original)
    spun_offsets = [(m.start(), m.end()) for m in _TOKEN.finditer(spun)]
    original_offsets = [(m.start(), m.end()) for m in _TOKEN.finditer(original)]
    spans = []
    # Consecutive edit operations make one run; a run with an empty side is only a deletion
    # or insertion, nothing a restorer can put back in place.
    for equal, run in groupby(Levenshtein.opcodes(s, o), key=lambda op: op.tag == "equal"):
        if equal:
            continue
        ops = list(run)
        a, b, c, d = ops[0].src_start, ops[-1].src_end, ops[0].dest_start, ops[-1].dest_end
        if a < b and c < d:
            spans.append(
                (
                    spun_offsets[a][0],
                    spun_offsets[b - 1][1],
                    original_offsets[c][0],
                    original_offsets[d - 1][1],
                )
            )
    return spans


def swaps_fixed(
    spun: str, restored: str, original: str, swaps: Sequence[tuple[int, int, int, int]]
) -> list[bool]:
    """For each swap ``(spun_start, spun_end, original_start, original_end)``: was it undone?

    Fixed means two things, each read off a minimal token alignment: the
    restorer touched the swap (some spun token there is not kept as is in the
    restored text) and the original wording is back (every token of the
    original span is aligned to an equal restored token). Reading the original
    side keeps adjacent swaps apart ("as soon as extra web" -> "once more
    internet" is two fixes); requiring a touch keeps a replacement that
    contains the original ("new" -> "brand new") from counting as fixed.

    >>> swaps_fixed("once more web now", "once more internet now", "once more internet now",
    ...             [(0, 9, 0, 9), (10, 13, 10, 18)])
    [False, True]
    """
    s, r, o = _as_ints(spun, restored, original)
    kept = _equal_positions(r, s)  # spun indices kept in the restored text
    back = _equal_positions(r, o)  # original indices present in the restored text
    spun_offsets = [(m.start(), m.end()) for m in _TOKEN.finditer(spun)]
    original_offsets = [(m.start(), m.end()) for m in _TOKEN.finditer(original)]

    def covered(offsets: list[tuple[int, int]], start: int, end: int) -> list[int]:
        first = bisect.bisect_right(offsets, (start, sys.maxsize)) - 1
        first = max(first, 0)
        found = []
        for k in range(first, len(offsets)):
            a, b = offsets[k]
            if a >= end:
                break
            if b > start:
                found.append(k)
        return found

    results = []
    for spun_start, spun_end, original_start, original_end in swaps:
        in_spun = covered(spun_offsets, spun_start, spun_end)
        in_original = covered(original_offsets, original_start, original_end)
        touched = any(k not in kept for k in in_spun)
        results.append(touched and bool(in_original) and all(k in back for k in in_original))
    return results


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """ROC AUC by the Mann-Whitney statistic: P(score of a positive > score of a negative).

    Ties count half, through average ranks.

    >>> auc([0.9, 0.8], [0.1, 0.8])
    0.875
    """
    if not positives or not negatives:
        return float("nan")
    scored = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum_pos = 0.0
    i = 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        average_rank = (i + 1 + j) / 2  # ranks i+1..j share their mean
        rank_sum_pos += average_rank * sum(label for _, label in scored[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum_pos - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Reliability of a probability: per bin (low, high, n, mean predicted, observed share)."""

    bins: tuple[tuple[float, float, int, float, float], ...]
    brier: float


def calibration(scores: Sequence[float], labels: Sequence[int], n_bins: int = 10) -> Calibration:
    """Reliability table in ``n_bins`` equal-width bins, and the Brier score.

    >>> calibration([0.0, 1.0], [0, 1]).brier
    0.0
    """
    members: list[list[tuple[float, int]]] = [[] for _ in range(n_bins)]
    for score, label in zip(scores, labels, strict=True):
        members[min(int(score * n_bins), n_bins - 1)].append((score, label))
    bins = []
    for k, group in enumerate(members):
        n = len(group)
        mean = sum(s for s, _ in group) / n if n else float("nan")
        observed = sum(y for _, y in group) / n if n else float("nan")
        bins.append((k / n_bins, (k + 1) / n_bins, n, mean, observed))
    brier = sum((s - y) ** 2 for s, y in zip(scores, labels, strict=True)) / max(len(scores), 1)
    return Calibration(tuple(bins), brier)
