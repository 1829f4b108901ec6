"""Plain functions for the common case, backed by one lazily built engine.

``import restore`` reads no data; the first call builds the default
:class:`~restore.engine.Restorer` and later calls reuse it.

>>> restore("Counterfeit news spreads fast.")
'Fake news spreads fast.'
>>> [(s.original, s.suggestion) for s in find("The imaginative and prescient is clear.")]
[('imaginative and prescient', 'vision')]
"""

from __future__ import annotations

from functools import lru_cache

from restore.engine import DEFAULT_MIN_SCORE, SPUN_THRESHOLD, Restorer
from restore.findings import Restored, Substitution

__all__ = ["default_restorer", "explain", "find", "is_spun", "restore", "spin_score"]


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """The shared engine with the shipped tables and default threshold."""
    return Restorer()


def find(text: str, *, min_score: float = 0.0) -> list[Substitution]:
    """Suspected swaps in ``text`` scoring at least ``min_score``, sorted by offset.

    Findings below the default threshold are reported but not applied by
    :func:`restore`: they are the doubtful ones.
    """
    return default_restorer().find(text, min_score=min_score)


def restore(text: str, *, min_score: float = DEFAULT_MIN_SCORE) -> str:
    """``text`` with confident swaps restored; clean text is returned unchanged.

    >>> restore(b"bytes")
    Traceback (most recent call last):
    ...
    TypeError: restore works on str, not bytes: decode it first, e.g. data.decode('utf-8')
    """
    return default_restorer().restore(text, min_score=min_score)


def explain(text: str, *, min_score: float = DEFAULT_MIN_SCORE) -> Restored:
    """What :func:`restore` would return, with the substitutions it applied.

    >>> result = explain("Deep in the irregular woodland.")
    >>> result.text, [s.source.split(":")[0] for s in result.substitutions]
    ('Deep in the random forest.', ['tortured-phrases'])
    """
    return default_restorer().explain(text, min_score=min_score)


def spin_score(text: str) -> float:
    """Probability-like score in [0, 1] that ``text`` was spun.

    >>> spin_score("The committee met on Tuesday.") < 0.5
    True
    """
    return default_restorer().spin_score(text)


def is_spun(text: str, *, threshold: float = SPUN_THRESHOLD) -> bool:
    """Whether :func:`spin_score` of ``text`` reaches ``threshold``."""
    return default_restorer().is_spun(text, threshold=threshold)
