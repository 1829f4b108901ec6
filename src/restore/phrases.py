"""Phrase matching: find table phrases in tokenized text, longest first.

Matching is whole-word and case-insensitive (tokens are folded one by one),
crosses any run of whitespace, line breaks included, but never punctuation:
"profound, learning" is not the phrase "profound learning". The one
exception is a hyphen where the original has one: "all time excessive"
stands for "all-time high", so "all-time excessive" matches too. Rows marked
``noun`` or ``verb`` also match their regular inflections, and the
suggestion is inflected the same way.

Most text contains no table phrase at all, so :meth:`PhraseIndex.scan`
first looks for whole phrases in a folded copy of the text with an
Aho-Corasick automaton and tokenizes only the stretches between
punctuation marks where one occurs; it returns exactly what
:meth:`PhraseIndex.matches` returns for the tokenized text.

>>> from restore.tables import parse_table
>>> from restore.text import tokenize
>>> table = parse_table("t", "# format: 1\\n# name: t\\n# kind: phrase\\n# source: s\\n"
...     "# licence: l\\nspun\\toriginal\\tinflect\\tscore\\tprovenance\\tnote\\n"
...     "profound learning\\tdeep learning\\tnoun\\t0.99\\tx\\t\\n")
>>> index = PhraseIndex([table])
>>> text = "Profound\\nlearnings help."
>>> [(m.start, m.end, m.suggestion) for m in index.matches(text, tokenize(text))]
[(0, 18, 'deep learnings')]
>>> index.scan(text) == list(index.matches(text, tokenize(text)))
True
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import product

import ahocorasick  # type: ignore[import-not-found, import-untyped, unused-ignore]
import regex

from restore.morphology import plural, verb_forms
from restore.tables import Row, Table
from restore.text import Token, joins, tokenize, words

__all__ = ["PhraseEntry", "PhraseIndex", "PhraseMatch"]


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    """One matchable form of a table row."""

    words: tuple[str, ...]
    suggestion: str
    score: float
    source: str
    #: Joints ``k`` (between ``words[k - 1]`` and ``words[k]``) that a hyphen may fill.
    hyphens: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A phrase found in a text: ``[start, end)`` with the entry that matched."""

    start: int
    end: int
    entry: PhraseEntry

    @property
    def suggestion(self) -> str:
        return self.entry.suggestion


def _inflected(row: Row) -> Iterator[tuple[str, str]]:
    """(spun, original) pairs for every form a row matches, the row first."""
    yield row.spun, row.original
    spun, original = row.spun.split(" "), row.original.split(" ")
    if row.inflect == "noun":
        yield (
            " ".join([*spun[:-1], plural(spun[-1])]),
            " ".join([*original[:-1], plural(original[-1])]),
        )
    elif row.inflect == "verb":
        for spun_form, original_form in zip(
            verb_forms(spun[0]), verb_forms(original[0]), strict=True
        ):
            yield " ".join([spun_form, *spun[1:]]), " ".join([original_form, *original[1:]])


class PhraseIndex:
    """Table phrases keyed by their first word, longest phrase first.

    Earlier tables win over later ones for the same phrase, and a row's own
    form wins over another row's inflection, so a user table can override a
    shipped row.
    """

    def __init__(self, tables: Sequence[Table]) -> None:
        entries: dict[tuple[str, ...], PhraseEntry] = {}
        for exact_pass in (True, False):
            for table in tables:
                if table.kind != "phrase":
                    continue
                for row in table.rows:
                    forms = list(_inflected(row))
                    for spun, original in forms[:1] if exact_pass else forms[1:]:
                        key = tuple(words(spun))
                        if key and key not in entries:
                            source = f"{table.name}:{row.line}"
                            entries[key] = PhraseEntry(
                                key, original, row.score, source, _hyphens(key, original)
                            )
        by_first: dict[str, list[PhraseEntry]] = {}
        for entry in entries.values():
            by_first.setdefault(entry.words[0], []).append(entry)
        self._by_first = {
            first: tuple(sorted(group, key=lambda e: -len(e.words)))
            for first, group in by_first.items()
        }
        self.size = len(entries)

    @cached_property
    def joints(self) -> frozenset[tuple[str, str]]:
        """Adjacent word pairs inside some phrase: a text may not be cut between them."""
        return frozenset(
            pair
            for group in self._by_first.values()
            for entry in group
            for pair in zip(entry.words, entry.words[1:], strict=False)
        )

    def matches(self, text: str, tokens: Sequence[Token]) -> Iterable[PhraseMatch]:
        """Non-overlapping matches in ``tokens``, left to right, longest first."""
        by_first = self._by_first
        count = len(tokens)
        i = 0
        while i < count:
            group = by_first.get(tokens[i].norm)
            if group is not None:
                for entry in group:
                    size = len(entry.words)
                    if i + size <= count and _joined(text, tokens, i, entry):
                        last = i + size - 1
                        yield PhraseMatch(tokens[i].start, tokens[last].end, entry)
                        i = last
                        break
            i += 1

    def load(self) -> None:
        """Build the matcher now rather than on the first scan."""
        self._automaton  # noqa: B018
        self.joints  # noqa: B018

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """Every phrase as folded text, words joined by one space (none before a clitic)."""
        automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for group in self._by_first.values():
            for entry in group:
                for spelling in _spellings(entry):
                    automaton.add_word(spelling)
        automaton.make_automaton()
        return automaton

    def scan(self, text: str) -> list[PhraseMatch]:
        """``list(self.matches(text, tokenize(text)))``, tokenizing only where a phrase occurs.

        A phrase never spans punctuation (a hyphen aside), so the matcher
        restarts at every other punctuation mark; stretches between marks
        where the automaton finds no phrase cannot hold a match and are
        skipped untokenized.
        """
        folded = text.casefold()
        if len(folded) != len(text) or not self.size:
            return list(self.matches(text, tokenize(text)))
        folded = folded.replace("\u2019", "'").replace("\u02bc", "'")
        # Every whitespace run becomes one space; positions are mapped back
        # only when the automaton finds something.
        squeezed = " ".join(folded.split())
        lead = len(folded) - len(folded.lstrip())
        runs_at: list[int] | None = None
        removed: list[int] = []
        found: list[PhraseMatch] = []
        stretch_end = 0
        for last, length in self._automaton.iter(squeezed):
            if runs_at is None:
                runs_at, removed = _space_runs(folded, lead)
            start = last + 1 - length
            runs_before = bisect.bisect_right(runs_at, start)
            start += lead + (removed[runs_before - 1] if runs_before else 0)
            if start < stretch_end:
                continue
            before = _PUNCTUATION_BEFORE.search(text, 0, start)
            after = _PUNCTUATION.search(text, start)
            stretch_start = before.end() if before else 0
            stretch_end = after.start() if after else len(text)
            found.extend(self.matches(text, tokenize(text, stretch_start, stretch_end)))
        return found


#: A character that can be neither in a word nor between the words of a phrase
#: (a hyphen can: see :func:`_hyphens`).
_PUNCTUATION = regex.compile(r"[!-&(-,./:-@\[-`{-~]")
_PUNCTUATION_BEFORE = regex.compile(r"[!-&(-,./:-@\[-`{-~]", regex.REVERSE)
#: Whitespace that is not exactly one plain space.
_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")


def _space_runs(folded: str, lead: int) -> tuple[list[int], list[int]]:
    """Where ``" ".join(folded.split())`` shortened ``folded[lead:]``, and by how much.

    Returns the squeezed position of every whitespace run that is not one
    plain space, with the code points removed up to and including it.
    """
    runs_at, removed, total = [], [], 0
    for run in _SPACE_RUN.finditer(folded, lead):
        runs_at.append(run.start() - lead - total)
        total += run.end() - run.start() - 1
        removed.append(total)
    return runs_at, removed


def _hyphens(key: tuple[str, ...], original: str) -> frozenset[int]:
    """Joints of ``key`` where ``original``, word for word as long, has a hyphen.

    A spinner swaps words and keeps the punctuation, so the spun copy of
    "all-time high" is "all-time excessive"; a hyphen the original lacks
    still breaks a phrase ("an irregular-woodland walk" is not spun).

    >>> sorted(_hyphens(("all", "time", "excessive"), "all-time high"))
    [1]
    >>> _hyphens(("irregular", "woodland"), "random forest")
    frozenset()
    """
    if not any(hyphen in original for hyphen in _HYPHENS):
        return frozenset()
    tokens = tokenize(original)
    if len(tokens) != len(key):
        return frozenset()
    return frozenset(
        k
        for k in range(1, len(tokens))
        if original[tokens[k - 1].end : tokens[k].start] in _HYPHENS
    )


_HYPHENS = frozenset("-\u2010\u2011")


def _spellings(entry: PhraseEntry) -> Iterator[str]:
    """How a phrase reads in folded, space-squeezed text.

    A clitic may follow unspaced, and a joint the original hyphenates may
    be a hyphen.
    """
    phrase = entry.words
    separators = [_separators(word, k in entry.hyphens) for k, word in enumerate(phrase[1:], 1)]
    for chosen in product(*separators):
        yield phrase[0] + "".join(sep + word for sep, word in zip(chosen, phrase[1:], strict=True))


def _separators(word: str, hyphen: bool) -> tuple[str, ...]:
    """What may stand before ``word`` in a phrase: a space, or nothing before a clitic,
    or a hyphen where the original has one."""
    if word.startswith("'"):
        return ("", " ")
    return (" ", *sorted(_HYPHENS)) if hyphen else (" ",)


def _joined(text: str, tokens: Sequence[Token], first: int, entry: PhraseEntry) -> bool:
    """True when ``tokens[first:]`` spell the entry's phrase, separated by whitespace
    that holds no blank line (:func:`restore.text.joins`), or by a hyphen where the
    entry allows one."""
    phrase = entry.words
    for k in range(1, len(phrase)):
        token = tokens[first + k]
        if token.norm != phrase[k]:
            return False
        gap = text[tokens[first + k - 1].end : token.start]
        if gap:
            if not joins(gap) and not (gap in _HYPHENS and k in entry.hyphens):
                return False
        elif not phrase[k].startswith("'"):
            return False
    return True
