"""The reverse thesaurus: which original wording a spun word or phrase may stand for.

A spinner replaced an original word by one of its thesaurus entries. Reading
spun text we see the entry, so this table runs the other way: from a surface
form to the originals it may have replaced, already inflected like the surface
("mentioned" -> "said", "nations" -> "countries"). Lookups are a dict access
with no morphology at run time.

The table is derived from WordNet 3.0 (synonyms, similar-to, also-see,
derivational and pertainym links, one level of hypernyms and hyponyms) plus
curated spinner swaps that no thesaurus has (``wordlists/candidates.tsv``); it is
built by ``scripts/build_thesaurus.py`` and shipped in ``restore/data``. It is
read lazily on the first lookup: ``import restore.thesaurus`` does no I/O.

Being a candidate says nothing about whether a swap happened: "cash" stands for
"money" in spun text and for cash everywhere else. Context has to decide.

>>> "said" in [c.original for c in candidates("mentioned")]
True
"""

from __future__ import annotations

import gzip
import itertools
import operator
from collections import Counter
from collections.abc import Collection, Container, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "RELATIONS",
    "RELATION_BONUS",
    "Candidate",
    "candidates",
    "entries",
    "listings",
    "lists",
    "load",
    "lookup",
    "max_key_words",
    "originals",
    "pair_starts",
    "phrase_starts",
    "rank",
    "starts_phrase",
]

_DATA_FILE = "thesaurus.tsv.gz"

#: Relation names, in the order candidates are preferred. "hyponym" means the original is
#: more specific than the spun word, "hypernym" more general.
RELATIONS = (
    "curated",
    "synonym",
    "similar",
    "hypernym",
    "hyponym",
    "also",
    "derivation",
    "pertainym",
    "mythes",
)


#: What a candidate's relation adds to its original's Zipf frequency when the candidates
#: of one entry are ranked (any other relation: :data:`OTHER_RELATION_BONUS`).
RELATION_BONUS = {"synonym": 2.0, "similar": 1.4, "hypernym": 0.0, "hyponym": 0.0}
OTHER_RELATION_BONUS = -2.0


def rank(relation: str, zipf: float) -> tuple[bool, float]:
    """Sort key of a candidate of relation ``relation`` whose original has Zipf frequency
    ``zipf``: curated first, then by frequency, a closer relation counting as up to two
    Zipf units, so a common narrower word comes before a rare synonym.

    The shipped table lists each entry's candidates in this order (ties in the
    order of relation, then frequency), so a reader that needs only the first
    few reads no more of an entry.

    >>> sorted([("hyponym", 5.0), ("synonym", 2.5), ("curated", 1.0)],
    ...        key=lambda c: rank(*c))
    [('curated', 1.0), ('hyponym', 5.0), ('synonym', 2.5)]
    """
    if relation == "curated":
        return False, 0.0
    return True, -(zipf + RELATION_BONUS.get(relation, OTHER_RELATION_BONUS))


@dataclass(frozen=True, slots=True)
class Candidate:
    """An original wording a spun phrase may stand for, and how the two are related.

    ``original`` is folded words joined by single spaces, inflected like the spun
    phrase; ``relation`` is one of :data:`RELATIONS`.
    """

    original: str
    relation: str


class _Table:
    """The loaded file: spun phrase -> the raw, still unparsed, rest of its line.

    Keeping the rest of the line as one string (parsed on lookup) holds the whole
    table in a fraction of the memory that Candidate objects for every pair would take.
    """

    __slots__ = ("codes", "lines", "max_words", "pair_starts", "phrase_starts")

    def __init__(self, text: str) -> None:
        rows = text.split("\n")
        if rows[-1] == "":
            rows.pop()
        self.codes: dict[str, str] = {}
        header = 0
        for line in itertools.takewhile(lambda row: row.startswith("#"), rows):
            if line.startswith("# relations:"):
                self.codes = dict(item.split("=") for item in line.split(":", 1)[1].split())
            header += 1
        unknown = set(self.codes.values()) - set(RELATIONS)
        if not self.codes or unknown or any(len(code) != 1 for code in self.codes):
            raise ValueError(f"{_DATA_FILE}: bad or missing '# relations:' header {unknown}")
        # Split by C calls alone: faster than a generator over a StringIO, and that holds
        # a second copy of the text (a loading peak of 115 MB rather than 91 MB).
        self.lines: dict[str, str] = dict(map(_KEY_AND_REST, itertools.islice(rows, header, None)))
        several = [key for key in self.lines if " " in key]
        longest = max((key.count(" ") for key in several), default=0) + 1
        self.max_words = longest if self.lines else 0
        self.phrase_starts = frozenset([key.split(" ", 1)[0] for key in several])
        self.pair_starts = frozenset(
            [" ".join(key.split(" ", 2)[:2]) for key in several if key.count(" ") > 1]
        )


#: A line of the table as its spun phrase and the rest of the line.
_KEY_AND_REST = operator.methodcaller("split", "\t", 1)


def load() -> None:
    """Read the table now rather than on the first lookup (about 0.2 s).

    >>> load(); lists("imaginative and prescient")
    True
    """
    _table()


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = resources.files("restore").joinpath("data", _DATA_FILE).read_bytes()
    return _Table(gzip.decompress(data).decode("utf-8"))


@lru_cache(maxsize=8192)
def candidates(phrase: str) -> tuple[Candidate, ...]:
    """Originals that ``phrase`` may have replaced, best first (see :func:`rank`).

    ``phrase`` is folded words (:func:`restore.text.fold`) joined by single
    spaces, as :func:`restore.text.words` yields them. An unknown phrase has
    no candidates.

    >>> [c.original for c in candidates("imaginative and prescient")]
    ['vision']
    >>> candidates("qwertyuiop")
    ()
    """
    return tuple([Candidate(original, relation) for original, relation in lookup(phrase)])


def lookup(phrase: str) -> Iterator[tuple[str, str]]:
    """``(original, relation)`` of each candidate of ``phrase``, as :func:`candidates`
    lists them, read one at a time.

    Common words list hundreds of originals; a caller that wants the first
    few stops early and reads no more of the entry than it uses.

    >>> next(lookup("mentioned"))[0], list(lookup("qwertyuiop"))
    ('said', [])
    """
    table = _table()
    rest = table.lines.get(phrase)
    if rest:
        yield from _cells(rest, table.codes)


def lists(phrase: str) -> bool:
    """Whether the table has an entry for ``phrase``: a dict lookup, no parsing.

    >>> lists("imaginative and prescient"), lists("the company said")
    (True, False)
    """
    return phrase in headwords()


def headwords() -> Container[str]:
    """Every phrase the table has an entry for, to test many phrases with ``in``.

    >>> "imaginative and prescient" in headwords()
    True
    """
    return _table().lines.keys()


def originals() -> Iterator[tuple[str, str]]:
    """``(original, relation)`` for every candidate of every entry, in table order.

    For statistics over the whole table, such as how many spun words list an original.

    >>> ("vision", "curated") in originals()
    True
    """
    table = _table()
    for rest in table.lines.values():
        yield from _cells(rest, table.codes)


def listings(relations: Collection[str]) -> Counter[str]:
    """How many entries list each original under one of ``relations``: how many spun
    words a spinner may have made of it.

    The same count as over :func:`originals`, in about half the time (0.1 s): every
    relation's code is one letter, so a cell's relation is its last character.

    >>> listings(["curated", "synonym"])["said"] > listings(["curated", "synonym"])["vision"]
    True
    """
    table = _table()
    wanted = frozenset(code for code, name in table.codes.items() if name in relations)
    # Entry by entry: all cells in one list would hold a million strings at once.
    return Counter(
        cell[:-2]
        for rest in table.lines.values()
        for cell in rest.split("\t")
        if cell[-1] in wanted
    )


def _cells(rest: str, codes: dict[str, str]) -> Iterator[tuple[str, str]]:
    """``(original, relation)`` of each ``original:code`` cell of an entry's line."""
    for cell in rest.split("\t"):
        original, _, code = cell.rpartition(":")
        yield original, codes[code]


def entries() -> Iterator[str]:
    """Every spun word or phrase the table has candidates for, in table order.

    >>> "imaginative and prescient" in entries()
    True
    """
    return iter(_table().lines)


def starts_phrase(word: str) -> bool:
    """Whether some spun phrase of two or more words starts with ``word``.

    A matcher looks for longer phrases only where one can start.

    >>> starts_phrase("imaginative"), starts_phrase("qwertyuiop")
    (True, False)
    """
    return word in _table().phrase_starts


def phrase_starts() -> frozenset[str]:
    """Every word that starts some spun phrase of two or more words: :func:`starts_phrase`
    as a set, for a matcher that asks about every word of a text.

    >>> "imaginative" in phrase_starts()
    True
    """
    return _table().phrase_starts


def pair_starts() -> frozenset[str]:
    """The first two words of every spun phrase of three or more words.

    With :func:`lists`, a matcher learns from two words whether any longer
    phrase can start there: most words that start some phrase ("in", "as")
    start none with the word after them.

    >>> "imaginative and" in pair_starts(), "imaginative person" in pair_starts()
    (True, False)
    """
    return _table().pair_starts


def max_key_words() -> int:
    """The longest spun phrase in the table, in words: how far a matcher must look ahead.

    >>> max_key_words() >= 4
    True
    """
    return _table().max_words
