"""A spinner simulator: turns clean text into spun text with a known answer key.

Quality can only be measured where the original wording is known, and real spun
articles rarely come with their source. So the benchmark makes its own: it spins
held-out clean documents the way article spinners do and keeps the alignment
between every swap and the words it replaced.

The policy imitates what real spun text shows (``notes/spinner-examples.md``):

* one fixed replacement per word type per document (a spinner maps "also" to
  "additionally" every time, so "also" vanishes from the document);
* candidates come from MyThes ``th_en_US_v2``, the kind of thesaurus spinners run
  on: sense-blind, noisy, with generic and similar terms mixed into the synonyms;
* multiword swaps both ways (MyThes phrase headwords and phrase synonyms);
* a small set of hand rules for the function words and idioms spinners are
  known for ("also" -> "additionally", "may" -> "might", "year" -> "yr");
* inflection kept by simple re-inflection of the MyThes lemma; a swap is skipped
  when the inflected form is not a common English word (no "taked");
* capitals kept; articles left broken ("an notion"); rare spintax leftovers
  (``{word}``, ``{word|alternative}``).

It is deliberately not the engine's thesaurus: the engine reverses WordNet, a
curated table and corpus statistics, while this simulator draws forward swaps
from MyThes with its own rules. Where both happen to contain a swap the engine
looks better than it is on real text; ``quality.py`` reports results per swap
kind so that overlap stays visible.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from restore.text import WORD_PATTERN, fold

__all__ = [
    "HAND_RULES",
    "MYTHES_DAT",
    "SpunText",
    "Swap",
    "load_thesaurus",
    "spin",
    "unspin",
]

MYTHES_DAT = Path("/usr/share/mythes/th_en_US_v2.dat")

#: Swaps spinners are known for, original -> spun, with inflected forms spelt out.
HAND_RULES: dict[str, str] = {
    "also": "additionally",
    "once more": "as soon as extra",
    "in the wake of": "within the wake of",
    "may": "might",
    "every": "each",
    "year": "yr",
    "said": "mentioned",
    "says": "says",
    "company": "firm",
    "companies": "firms",
    "vision": "imaginative and prescient",
    "similarly": "equally",
    "more": "extra",
    "money": "cash",
    "internet": "web",
    "best": "perfect",
    "only": "solely",
    "during": "through",
    "around": "round",
    "believe": "imagine",
    "need": "want",
    "needs": "wants",
    "new": "brand new",
    "deep": "profound",
    "nearly": "almost",
    "latest": "newest",
    "results": "outcomes",
    "owner": "proprietor",
    "previous": "earlier",
    "investors": "buyers",
    "prices": "costs",
    "become": "change into",
    "ultimately": "finally",
    "currency": "foreign money",
    "in part": "partially",
    "buying": "shopping for",
    "huge": "enormous",
    "important": "necessary",
    "help": "assist",
    "however": "nonetheless",
    "because": "as a result of",
    "before": "earlier than",
    "after": "after",
    "including": "together with",
    "military": "army",
    "law": "legislation",
    "artificial intelligence": "synthetic intelligence",
    "deep learning": "profound learning",
    "big data": "large information",
}
HAND_RULES = {k: v for k, v in HAND_RULES.items() if k != v}

# Function words a thesaurus swap would garble beyond a spinner's usual damage;
# only the hand rules touch them.
_FUNCTION_WORDS = frozenset(
    word
    for line in (
        "a an the and or but nor if then than so as at by for from in into of on onto to",
        "with without within about above below under over between among through up down out off",
        "is are was were be been being am do does did done has have had having will would shall",
        "should can could may might must not no yes i me my mine we us our ours you your yours he",
        "him his she her hers it its they them their theirs this that these those there here",
        "what which who whom whose when where why how all any both each either neither few many",
        "much more most other some such own same very just also too only well still even ever",
        "never again once",
    )
    for word in line.split()
)

_POS_TAGS = {"(noun)": "noun", "(verb)": "verb", "(adj)": "adj", "(adv)": "adv"}
_MIN_ZIPF = 3.0  # replacements and re-inflected forms must be common enough to read
_OPENERS = " \t\"'\u201c\u2018([*\u2022-"
_SENTENCE_ENDS = ".!?:;\n"


@dataclass(frozen=True, slots=True)
class Sense:
    """One MyThes sense: a part of speech and its weighted replacement candidates."""

    pos: str
    candidates: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Swap:
    """One change: ``spun.text[spun_start:spun_end]`` replaced the original span."""

    spun_start: int
    spun_end: int
    original_start: int
    original_end: int
    kind: str  # "thesaurus", "phrase" (multiword MyThes), "hand", each may be + "+spintax"


@dataclass(frozen=True, slots=True)
class SpunText:
    """A spun document with its answer key."""

    text: str
    original: str
    swaps: tuple[Swap, ...]


@lru_cache(maxsize=2)
def load_thesaurus(path: Path = MYTHES_DAT) -> dict[str, tuple[Sense, ...]]:
    """Read a MyThes ``.dat`` file: headword -> senses, in the file's order.

    Weights follow how sense-blind a spinner is: plain synonyms 1, similar terms
    0.5, generic terms 0.2; antonyms and related terms (usually another part of
    speech) are dropped.
    """
    if not path.exists():
        raise FileNotFoundError(
            f"{path} not found: install the Debian package mythes-en-us to run the simulator"
        )
    thesaurus: dict[str, tuple[Sense, ...]] = {}
    with path.open(encoding="utf-8") as lines:
        next(lines)  # encoding line
        for header in lines:
            head, _, count = header.rstrip("\n").rpartition("|")
            senses = []
            for _ in range(int(count)):
                fields = next(lines).rstrip("\n").split("|")
                pos = _POS_TAGS.get(fields[0])
                if pos is None:
                    continue
                candidates = []
                for field in fields[1:]:
                    word, weight = field, 1.0
                    if field.endswith(")"):
                        word, _, tag = field[:-1].rpartition(" (")
                        weight = {"similar term": 0.5, "generic term": 0.2}.get(tag, 0.0)
                    if weight and word != head:
                        candidates.append((word, weight))
                senses.append(Sense(pos, tuple(candidates)))
            thesaurus[head] = tuple(senses)
    return thesaurus


def _is_plain(phrase: str) -> bool:
    """A candidate a spinner would print: lowercase letters and spaces, at most 3 words."""
    return phrase.replace(" ", "").isalpha() and phrase.islower() and phrase.count(" ") < 3


def _inflect_one(word: str, form: str) -> str | None:
    """Inflect one lowercase word; None when the result is not a common word."""
    if form == "base":
        return word
    options: list[str] = []
    consonant_y = word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou"
    if form == "s":
        if consonant_y:
            options.append(word[:-1] + "ies")
        elif word.endswith(("s", "x", "z", "ch", "sh")):
            options.append(word + "es")
        else:
            options.append(word + "s")
    elif form == "ed":
        if consonant_y:
            options.append(word[:-1] + "ied")
        elif word.endswith("e"):
            options.append(word + "d")
        else:
            options += [word + "ed", word + word[-1] + "ed"]
    elif form == "ing":
        if word.endswith("ie"):
            options.append(word[:-2] + "ying")
        elif word.endswith("e") and not word.endswith("ee"):
            options.append(word[:-1] + "ing")
        else:
            options += [word + "ing", word + word[-1] + "ing"]
    scored = [(zipf_frequency(option, "en"), option) for option in options]
    best_zipf, best = max(scored)
    return best if best_zipf >= _MIN_ZIPF else None


def _inflect(phrase: str, pos: str, form: str) -> str | None:
    """Re-inflect a lemma (maybe multiword): verbs on their first word, nouns on their last."""
    parts = phrase.split(" ")
    head = 0 if pos == "verb" else len(parts) - 1
    inflected = _inflect_one(parts[head], form)
    if inflected is None:
        return None
    parts[head] = inflected
    return " ".join(parts)


def _lemmas(word: str) -> Iterator[tuple[str, str]]:
    """Possible (lemma, form) readings of a lowercase word, the word itself first."""
    yield word, "base"
    if word.endswith("ies"):
        yield word[:-3] + "y", "s"
    if word.endswith("es"):
        yield word[:-2], "s"
    if word.endswith("s") and not word.endswith("ss"):
        yield word[:-1], "s"
    for suffix, form in (("ed", "ed"), ("ing", "ing")):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if suffix == "ed" and stem.endswith("i"):
                yield stem[:-1] + "y", form
            yield stem, form
            yield stem + "e", form
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1], form


_FORM_POS = {
    "base": ("noun", "verb", "adj", "adv"),
    "s": ("noun", "verb"),
    "ed": ("verb",),
    "ing": ("verb",),
}


def _match_case(replacement: str, original: str) -> str:
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class _Spinner:
    """Spins one document; holds its per-document mapping so swaps stay consistent."""

    def __init__(
        self, text: str, rng: random.Random, rate: float, hand_rate: float, spintax_rate: float
    ) -> None:
        self.text = text
        self.rng = rng
        self.rate = rate
        self.hand_rate = hand_rate
        self.spintax_rate = spintax_rate
        self.thesaurus = load_thesaurus()
        self.tokens = [m for m in WORD_PATTERN.finditer(text)]
        self.mapping: dict[tuple[str, ...], tuple[str, str] | None] = {}
        self.proper = self._proper_nouns()

    def _sentence_initial(self, start: int) -> bool:
        j = start
        while j > 0 and self.text[j - 1] in _OPENERS:
            j -= 1
        return j == 0 or self.text[j - 1] in _SENTENCE_ENDS

    def _proper_nouns(self) -> frozenset[str]:
        """Words written with a capital somewhere mid-sentence: names, not to be touched."""
        return frozenset(
            fold(m.group())
            for m in self.tokens
            if m.group()[:1].isupper() and not self._sentence_initial(m.start())
        )

    def _joined(self, i: int, n: int) -> str | None:
        """Folded words i..i+n if they are separated by single spaces only."""
        if i + n > len(self.tokens):
            return None
        for a, b in zip(self.tokens[i : i + n - 1], self.tokens[i + 1 : i + n], strict=True):
            if self.text[a.end() : b.start()] != " ":
                return None
        return " ".join(fold(m.group()) for m in self.tokens[i : i + n])

    def _decide(
        self, key: tuple[str, ...], rate: float, choose: Sequence[tuple[str, float]]
    ) -> tuple[str, str] | None:
        """The document's one decision for a word type: (replacement, kind) or None."""
        if key not in self.mapping:
            decision = None
            if choose and self.rng.random() < rate:
                words, weights = zip(*choose, strict=True)
                decision = (self.rng.choices(words, weights)[0], key[0])
            self.mapping[key] = decision
        return self.mapping[key]

    def _candidates(self, lemma: str, pos: str) -> list[tuple[str, float]]:
        found: dict[str, float] = {}
        for sense in [s for s in self.thesaurus.get(lemma, ()) if s.pos == pos][:3]:
            for word, weight in sense.candidates:
                if _is_plain(word) and zipf_frequency(word, "en") >= _MIN_ZIPF:
                    found[word] = max(found.get(word, 0.0), weight)
        return list(found.items())

    def _swap_at(self, i: int) -> tuple[int, str, str] | None:
        """(tokens consumed, replacement, kind) for a swap starting at token i, if any."""
        first = self.tokens[i].group()
        if not first.isalpha():
            return None
        for n in (4, 3, 2, 1):
            phrase = self._joined(i, n)
            if phrase is None:
                continue
            if phrase in HAND_RULES:
                rule = [(HAND_RULES[phrase], 1.0)]
                decision = self._decide(("hand", phrase), self.hand_rate, rule)
                if decision:
                    return n, decision[0], "hand"
            if n == 1 or phrase not in self.thesaurus or not phrase.isascii():
                continue
            if any(w in self.proper for w in phrase.split()):
                continue
            for pos in _FORM_POS["base"]:
                decision = self._decide(
                    ("phrase", phrase, pos), self.rate, self._candidates(phrase, pos)
                )
                if decision:
                    return n, decision[0], "phrase"
        word = fold(first)
        if (
            word in _FUNCTION_WORDS
            or word in self.proper
            or len(word) < 3
            or (first.isupper() and len(first) > 1)
        ):
            return None
        for lemma, form in _lemmas(word):
            for pos in _FORM_POS[form]:
                candidates = self._candidates(lemma, pos)
                if not candidates:
                    continue
                decision = self._decide(("thesaurus", lemma, pos), self.rate, candidates)
                if decision is None:
                    return None
                inflected = _inflect(decision[0], pos, form)
                return None if inflected is None else (1, inflected, "thesaurus")
        return None

    def spin(self) -> SpunText:
        pieces: list[str] = []
        swaps: list[Swap] = []
        done = length = i = 0
        while i < len(self.tokens):
            found = self._swap_at(i)
            if found is None:
                i += 1
                continue
            n, replacement, kind = found
            start, end = self.tokens[i].start(), self.tokens[i + n - 1].end()
            original = self.text[start:end]
            replacement = _match_case(replacement, original)
            if self.rng.random() < self.spintax_rate:
                kind += "+spintax"
                replacement = (
                    f"{{{replacement}}}"
                    if self.rng.random() < 0.5
                    else f"{{{replacement}|{original}}}"
                )
            pieces.append(self.text[done:start])
            length += start - done
            swaps.append(Swap(length, length + len(replacement), start, end, kind))
            pieces.append(replacement)
            length += len(replacement)
            done = end
            i += n
        pieces.append(self.text[done:])
        return SpunText("".join(pieces), self.text, tuple(swaps))


def spin(
    text: str,
    *,
    seed: int = 0,
    key: str = "",
    rate: float = 0.6,
    hand_rate: float = 0.9,
    spintax_rate: float = 0.005,
) -> SpunText:
    """Spin ``text`` deterministically for ``(seed, key)``; ``key`` names the document.

    ``rate`` is the chance that a swappable word type (or MyThes phrase) is
    swapped throughout the document; ``hand_rate`` the same for the hand rules;
    ``spintax_rate`` the chance that one swap is printed as a spintax leftover.
    At the defaults about one word token in five changes on press releases.

    >>> spun = spin("We also said it.", seed=1, hand_rate=1.0)
    >>> spun.text
    'We additionally mentioned it.'
    >>> unspin(spun) == spun.original
    True
    """
    rng = random.Random(f"{seed}\x00{key}")
    return _Spinner(text, rng, rate, hand_rate, spintax_rate).spin()


def unspin(spun: SpunText) -> str:
    """Undo every swap using the answer key: the original text, exactly."""
    pieces, done = [], 0
    for swap in spun.swaps:
        pieces.append(spun.text[done : swap.spun_start])
        pieces.append(spun.original[swap.original_start : swap.original_end])
        done = swap.spun_end
    pieces.append(spun.text[done:])
    return "".join(pieces)
