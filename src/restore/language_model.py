"""General English's view of a swap: does the original read better where it stands?

The collocation counts of :mod:`restore.ngrams` come from one field (press
releases). A spinner's copy of a news report, a README or a paper breaks
collocations that field never uses: "gross sales of smartphones", "medical
doctors who weren't concerned". A language model of general English knows
them. This module asks one, the English trigram model that ships inside the
``pocketsphinx`` wheel (72,500 words; 2.05 M bigrams and 1.67 M trigrams), how
much more likely the original makes the words where a swap stands, with the
two words on each side.

It is optional: ``pip install 'restore[lm]'`` installs pocketsphinx (BSD
licence, Carnegie Mellon University; the model's training text is not
documented). Nothing of it is shipped here: it is read through the package.
Without it the engine works as before. The engine turns the preference into a
finding's score with weights fitted by ``scripts/train_model.py``
(:meth:`restore.model.SwapModel.in_context`).

Units: base-10 logarithms, as in ARPA language models (``1.0`` means the
original makes the words ten times as likely).

>>> model = load()
>>> if model is not None:  # restore[lm] installed
...     text = "The army workouts and the enterprise capital fund."
...     assert model.preference(text, 4, 17, "military exercises") > 0
...     assert model.preference(text, 26, 36, "venture") > 0
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = [
    "INSTALL_HINT",
    "REINSTALL_HINT",
    "LanguageModel",
    "available",
    "installed",
    "lm_words",
    "load",
]

#: What to install for this module's model.
INSTALL_HINT = "pip install 'restore[lm]'"
#: What to run where pocketsphinx is installed without its model data.
REINSTALL_HINT = "pip install --force-reinstall pocketsphinx"
#: Words of context read on each side of a swap.
CONTEXT_WORDS = 2
#: How far to look for them, in code points.
CONTEXT_REACH = 60
#: log10 probability given to a word the model does not know; it also ends the
#: history of the words after it.
UNKNOWN = -8.0
#: pocketsphinx scores are logarithms to the base 1.0001.
_TO_LOG10 = math.log10(1.0001)
#: A score under this is pocketsphinx's "no such word".
_NO_WORD = -1e8
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def lm_words(text: str) -> list[str]:
    """The words of ``text`` as the model spells them: lower case, apostrophes plain.

    >>> lm_words("Weren’t the U.S. 2 bids")
    ["weren't", 'the', 'u', 's', '2', 'bids']
    """
    return _WORD.findall(text.lower().translate(_APOSTROPHES))


class LanguageModel:
    """A trigram model of English, read through pocketsphinx's ``NGramModel``."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._known: dict[str, bool] = {}

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        # Pickled as a reference (a pipeline step sent to a worker): each process
        # loads its own copy.
        return (_required, ())

    def knows(self, word: str) -> bool:
        """Whether the model has ``word`` in its vocabulary."""
        known = self._known.get(word)
        if known is None:
            known = self._model.prob([word]) > _NO_WORD
            if len(self._known) >= 1 << 16:
                self._known.clear()
            self._known[word] = known
        return known

    def log10_probability(self, words: Sequence[str], start: int = 0) -> float:
        """log10 P(``words[start:]`` | the words before ``start``), word by word, each
        given the (at most) two before it; an unknown word scores :data:`UNKNOWN`.

        >>> model = load()
        >>> model is None or (
        ...     model.log10_probability(["the", "company", "said"], 2)
        ...     > model.log10_probability(["the", "company", "mentioned"], 2)
        ... )
        True
        """
        prob = self._model.prob
        total = 0.0
        for i in range(start, len(words)):
            word = words[i]
            if not self.knows(word):
                total += UNKNOWN
                continue
            # pocketsphinx takes the word first, then its history nearest first.
            query = [word]
            for j in range(i - 1, max(i - 3, -1), -1):
                if not self.knows(words[j]):
                    break
                query.append(words[j])
            total += prob(query) * _TO_LOG10
        return total

    def preference(
        self,
        text: str,
        start: int,
        end: int,
        original: str,
        restored: Sequence[tuple[int, int, str]] = (),
    ) -> float:
        """How much more likely (log10) ``original`` makes the words at ``text[start:end]``
        and the two after them, given the two before, than the words found there.

        Positive: the original reads better in this context. The words after count
        too, since a swap breaks the collocation on both of its sides. ``restored``
        are sorted ``(start, end, original)`` of other swaps, read as their
        originals in the context: a spinner swaps neighbours too ("enterprise
        capital funding"), and each reads better beside the other's original.
        """
        lead = max(0, start - CONTEXT_REACH)
        before = _context_words(text, lead, start, restored)[-CONTEXT_WORDS:]
        after = _context_words(text, end, end + CONTEXT_REACH, restored)[:CONTEXT_WORDS]
        found, wanted = lm_words(text[start:end]), lm_words(original)
        if not found or not wanted:
            return 0.0
        at = len(before)
        return self.log10_probability([*before, *wanted, *after], at) - self.log10_probability(
            [*before, *found, *after], at
        )


def _context_words(
    text: str, start: int, end: int, restored: Sequence[tuple[int, int, str]]
) -> list[str]:
    """The words of ``text[start:end]``, each span of ``restored`` read as its original (a
    span cut by ``start`` is left out).

    >>> _context_words("a b c d e", 0, 9, [(2, 5, "x y z")])
    ['a', 'x', 'y', 'z', 'd', 'e']
    >>> _context_words("a b c d e", 3, 9, [(2, 5, "x y z")])
    ['d', 'e']
    """
    found: list[str] = []
    position = start
    first = bisect_left(restored, (start,))
    if first and restored[first - 1][1] > start:
        position = min(restored[first - 1][1], end)
    for k in range(first, len(restored)):
        span_start, span_end, original = restored[k]
        if span_start >= end:
            break
        found += lm_words(text[position:span_start])
        found += lm_words(original)
        position = span_end
    if position < end:
        found += lm_words(text[position:end])
    return found


def installed() -> bool:
    """Whether pocketsphinx is installed (``restore[lm]``), found without importing it.

    >>> installed() == (load() is not None)
    True
    """
    return importlib.util.find_spec("pocketsphinx") is not None


def available() -> bool:
    """Whether the optional model can be loaded (``restore[lm]`` is installed)."""
    return load() is not None


@lru_cache(maxsize=1)
def load() -> LanguageModel | None:
    """The model, loaded once per process (about 0.03 s, 35 MB), or None when pocketsphinx
    is not installed."""
    try:
        import pocketsphinx
    except ImportError:
        return None
    path = os.path.join(pocketsphinx.get_model_path(), "en-us", "en-us.lm.bin")
    if not os.path.exists(path):
        return None
    return LanguageModel(pocketsphinx.NGramModel.readfile(path))


def _required() -> LanguageModel:
    model = load()
    if model is None:
        raise ImportError(f"the language model needs pocketsphinx: {INSTALL_HINT}")
    return model
