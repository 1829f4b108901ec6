"""How common a word or phrase is in general English: wordfreq's figures, looked up fast
and held small.

wordfreq keeps its English list as a dict of 321,000 words, about 30 MB in
a process, and tokenizes every word it is asked about with its own regular
expressions, about 10 µs a word. This module reads the same list into two
arrays instead, the sorted 64-bit hashes of its words and each word's
frequency bucket: 3 MB, searched in half a microsecond. A phrase of plain
lowercase ASCII words, as most folded words are, is its own list of
tokens; anything else (digits, apostrophes, accents, capitals) is split by
wordfreq's own tokenizer. Either way its frequency is wordfreq's
combination of its tokens' (1/f = 1/f₁ + 1/f₂ + ..., a run of digits
weighed as wordfreq weighs it, rounded to three significant digits). Tests
check that the two agree on every phrase of the reverse thesaurus and on
any text.

A word's hash stands for the word. The odds that two of the list's words
share a 64-bit hash are about one in 360 million, and that a word missing
from the list shares one with a listed word, about one in 10¹³.

>>> frequency("the") > frequency("thee") > frequency("qwxzv") == 0.0
True
>>> zipf("the"), zipf("qwxzv"), zipf("don't"), zipf("2020s")
(7.73, 0.0, 6.2, 3.04)
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from functools import lru_cache

__all__ = ["frequency", "load", "zipf"]

#: The frequency of a word seen once per billion words: Zipf 0, wordfreq's floor for it.
_ZIPF_FLOOR = 1e-9


class _Table:
    """wordfreq's English list: each word's frequency, found by the word's hash."""

    def __init__(self, buckets: list[list[str]]) -> None:
        import numpy as np
        from wordfreq import cB_to_freq

        sizes = [len(bucket) for bucket in buckets]
        hashes = np.fromiter(
            (hash(word) for bucket in buckets for word in bucket), np.int64, sum(sizes)
        )
        order = np.argsort(hashes, kind="stable")
        bucket_of = np.repeat(np.arange(len(buckets), dtype=np.uint16), sizes)
        # Arrays of the standard library: bisect searches them faster than numpy does
        # one value at a time.
        self._keys = array("q", hashes[order].tobytes())
        self._buckets = array("H", bucket_of[order].tobytes())
        # Bucket k holds the words of -k centibels, as wordfreq's own dict has them.
        self._frequencies = [cB_to_freq(-k) for k in range(len(buckets))]

    def get(self, word: str) -> float | None:
        """``word``'s frequency, or None if the list lacks it."""
        key = hash(word)
        i = bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return self._frequencies[self._buckets[i]]
        return None


def load() -> None:
    """Read wordfreq's list now rather than on the first lookup (about 0.15 s).

    >>> load(); zipf("the")
    7.73
    """
    _table()


@lru_cache(maxsize=1)
def _table() -> _Table:
    # Deferred: importing wordfreq takes ~0.1 s. Its list is read from its file, not
    # through get_frequency_list, whose cache would keep the words' strings.
    from wordfreq import available_languages, read_cBpack

    return _Table(read_cBpack(available_languages("best")["en"]))


def _plain(phrase: str) -> bool:
    """Whether wordfreq's tokens of ``phrase`` are its space-separated words."""
    return phrase.isascii() and all(w.isalpha() and w.islower() for w in phrase.split(" "))


def _tokens(phrase: str) -> list[str]:
    """wordfreq's tokens of ``phrase``, its own words if it is plain."""
    if _plain(phrase):
        return phrase.split(" ")
    from wordfreq.tokens import lossy_tokenize

    tokens: list[str] = lossy_tokenize(phrase, "en")
    return tokens


def _combined(phrase: str, minimum: float) -> float:
    """wordfreq's ``word_frequency(phrase, "en", minimum=minimum)``."""
    tokens = _tokens(phrase)
    if not tokens:
        return minimum
    table = _table()
    inverse = 0.0
    for token in tokens:
        if token.isalpha():
            found = table.get(token)
        else:
            from wordfreq.numbers import digit_freq, smash_numbers

            smashed = smash_numbers(token)
            found = table.get(smashed)
            if found is not None and smashed != token:
                found *= digit_freq(token)
        if found is None:
            inverse = 0.0
            break
        inverse += 1.0 / found
    value = max(1.0 / inverse if inverse else 0.0, minimum)
    if value == 0.0:
        return 0.0
    return round(value, math.floor(-math.log(value, 10)) + 3)


def frequency(phrase: str) -> float:
    """The share of English words that are ``phrase`` (wordfreq's ``word_frequency``)."""
    return _combined(phrase, 0.0)


def zipf(phrase: str) -> float:
    """``phrase``'s Zipf frequency, log10 of its uses per billion words (wordfreq's
    ``zipf_frequency``): 0 when it is unknown."""
    return round(math.log(_combined(phrase, _ZIPF_FLOOR), 10) + 9, 2)
