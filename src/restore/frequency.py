"""How common a word or phrase is in general English: wordfreq's figures, looked up fast.

wordfreq tokenizes every word it is asked about with its own regular
expressions, about 10 µs a word, and a document brings hundreds of words
the caches have not seen. A phrase of plain lowercase ASCII words, as most
folded words are, is its own list of tokens: its frequency is wordfreq's
combination of its words' (1/f = 1/f₁ + 1/f₂ + ..., rounded to three
significant digits), read straight from wordfreq's table. Anything else
(digits, apostrophes, accents, capitals) still goes through wordfreq. A
test checks that the two agree on every phrase of the reverse thesaurus.

>>> frequency("the") > frequency("thee") > frequency("qwxzv") == 0.0
True
>>> zipf("the"), zipf("qwxzv")
(7.73, 0.0)
"""

from __future__ import annotations

import math
from functools import lru_cache

__all__ = ["frequency", "zipf"]

#: The frequency of a word seen once per billion words: Zipf 0, wordfreq's floor for it.
_ZIPF_FLOOR = 1e-9


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # deferred: importing wordfreq takes ~0.1 s

    return get_frequency_dict("en", "best")


def _plain(phrase: str) -> bool:
    """Whether wordfreq's tokens of ``phrase`` are its space-separated words."""
    return phrase.isascii() and all(w.isalpha() and w.islower() for w in phrase.split(" "))


def _combined(phrase: str, minimum: float) -> float:
    """wordfreq's ``word_frequency(phrase, "en", minimum=minimum)`` of a plain phrase."""
    table = _table()
    inverse = 0.0
    for word in phrase.split(" "):
        found = table.get(word)
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
    if _plain(phrase):
        return _combined(phrase, 0.0)
    from wordfreq import word_frequency

    return float(word_frequency(phrase, "en"))


def zipf(phrase: str) -> float:
    """``phrase``'s Zipf frequency, log10 of its uses per billion words (wordfreq's
    ``zipf_frequency``): 0 when it is unknown."""
    if _plain(phrase):
        return round(math.log(_combined(phrase, _ZIPF_FLOOR), 10) + 9, 2)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(phrase, "en"))
