"""Phrase matching: find table phrases in tokenized text, longest first.

Matching is whole-word and case-insensitive (tokens are folded one by one),
crosses any run of whitespace, line breaks included, but never punctuation:
"profound, learning" is not the phrase "profound learning". Rows marked
``noun`` or ``verb`` also match their regular inflections, and the
suggestion is inflected the same way.

>>> from restore.tables import parse_table
>>> from restore.text import tokenize
>>> table = parse_table("t", "# format: 1\\n# name: t\\n# kind: phrase\\n# source: s\\n"
...     "# licence: l\\nspun\\toriginal\\tinflect\\tscore\\tprovenance\\tnote\\n"
...     "profound learning\\tdeep learning\\tnoun\\t0.99\\tx\\t\\n")
>>> index = PhraseIndex([table])
>>> text = "Profound\\nlearnings help."
>>> [(m.start, m.end, m.suggestion) for m in index.matches(text, tokenize(text))]
[(0, 18, 'deep learnings')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from restore.morphology import plural, verb_forms
from restore.tables import Row, Table
from restore.text import Token, words

__all__ = ["PhraseEntry", "PhraseIndex", "PhraseMatch"]


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    """One matchable form of a table row."""

    words: tuple[str, ...]
    suggestion: str
    score: float
    source: str


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A phrase found in a text: ``[start, end)`` with the entry that matched."""

    start: int
    end: int
    first_token: int
    last_token: int
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
                            entries[key] = PhraseEntry(key, original, row.score, source)
        by_first: dict[str, list[PhraseEntry]] = {}
        for entry in entries.values():
            by_first.setdefault(entry.words[0], []).append(entry)
        self._by_first = {
            first: tuple(sorted(group, key=lambda e: -len(e.words)))
            for first, group in by_first.items()
        }
        self.size = len(entries)

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

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
                    if i + size <= count and _joined(text, tokens, i, entry.words):
                        last = i + size - 1
                        yield PhraseMatch(tokens[i].start, tokens[last].end, i, last, entry)
                        i = last
                        break
            i += 1


def _joined(text: str, tokens: Sequence[Token], first: int, phrase: tuple[str, ...]) -> bool:
    """True when ``tokens[first:]`` spell ``phrase`` separated by whitespace only."""
    for k in range(1, len(phrase)):
        token = tokens[first + k]
        if token.norm != phrase[k]:
            return False
        gap = text[tokens[first + k - 1].end : token.start]
        if gap:
            if not gap.isspace():
                return False
        elif not phrase[k].startswith("'"):
            return False
    return True
