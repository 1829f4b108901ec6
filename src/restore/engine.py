"""The one detection engine behind ``find``, ``restore`` and ``explain``.

A :class:`Restorer` holds phrase tables, thresholds and the swap model. Its
detector runs in two passes over bounded segments of the text:

1. table phrases and spintax leftovers, plus the document's word counts;
2. when the document gate (:meth:`Restorer.spin_score`) says the text is
   spun, the swap model scores ordinary words the tables do not cover.

Everything it finds is a :class:`~restore.findings.Substitution`; restoring
is applying those at or above a threshold, and :func:`apply` replays any
list of them, so ``apply(t, explain(t).substitutions) == restore(t)``.

>>> r = Restorer()
>>> r.restore("A profound learning model beat the irregular woodland.")
'A deep learning model beat the random forest.'
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from restore.findings import Restored, Substitution
from restore.phrases import PhraseIndex
from restore.repair import SPINTAX_PATTERN, article_for, match_case, spintax_choices
from restore.tables import Table, TableError, default_tables, lint_tables, load_table
from restore.text import WORD_PATTERN, fold, protected_spans, tokenize

if TYPE_CHECKING:
    from restore.model import SwapModel

__all__ = ["DEFAULT_MIN_SCORE", "Restorer", "apply", "check_text"]

#: Findings at or above this score are applied by ``restore``.
DEFAULT_MIN_SCORE = 0.8
#: Documents whose spin score reaches this are judged spun.
SPUN_THRESHOLD = 0.5
#: Documents the cheap screen scores below this are not read word by word.
SCREEN_THRESHOLD = 0.02
#: Segment size in code points: bounds memory on huge single-line inputs.
SEGMENT_SIZE = 1 << 16

_SPINTAX_HINT = "{"
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?|AN?|An)(\s+)\Z")


def check_text(text: object) -> str:
    """Return ``text`` if it is a ``str``; otherwise raise a helpful ``TypeError``.

    >>> check_text(b"bytes")
    Traceback (most recent call last):
    ...
    TypeError: restore works on str, not bytes: decode it first, e.g. data.decode('utf-8')
    """
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(
            "restore works on str, not bytes: decode it first, e.g. data.decode('utf-8')"
        )
    raise TypeError(f"restore works on str, not {type(text).__name__}: pass the text as a str")


def segments(text: str, size: int = SEGMENT_SIZE) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pieces of ``text`` of about ``size`` code points.

    Pieces end at a paragraph or line break where one is near, else at
    whitespace, so no word, URL or phrase on one line is cut.

    >>> [p for _, p in segments("aa bb\\ncc dd", size=7)]
    ['aa bb\\n', 'cc dd']
    """
    start = 0
    length = len(text)
    while length - start > size:
        limit = start + size
        cut = text.rfind("\n\n", start + size // 2, limit)
        if cut < 0:
            cut = text.rfind("\n", start + size // 2, limit)
        if cut < 0:
            spaces = [m.start() for m in re.finditer(r"\s+", text[start + size // 2 : limit])]
            cut = start + size // 2 + spaces[-1] if spaces else limit
        cut += 1
        while cut < length and text[cut - 1].isspace() and text[cut].isspace():
            cut += 1
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


@dataclass(slots=True)
class Scan:
    """What the first pass learns about a document."""

    findings: list[Substitution] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    protected: list[tuple[int, int]] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(self.counts.values())


class Restorer:
    """An engine with its own tables and threshold; immutable once built.

    ``tables`` are extra tables (paths or :class:`~restore.tables.Table`
    values) that take precedence over the shipped ones;
    ``default_tables=False`` leaves the shipped ones out; ``model=False``
    restores only what tables and spintax show. Data loads lazily, on the
    first call that needs it.

    >>> Restorer(min_score=1.5)
    Traceback (most recent call last):
    ...
    ValueError: min_score must be within 0..1, got 1.5
    """

    def __init__(
        self,
        *,
        tables: Sequence[str | Path | Table] = (),
        default_tables: bool = True,
        min_score: float = DEFAULT_MIN_SCORE,
        model: bool = True,
    ) -> None:
        if not 0.0 <= min_score <= 1.0:
            raise ValueError(f"min_score must be within 0..1, got {min_score}")
        self._user_tables = tuple(t if isinstance(t, Table) else load_table(t) for t in tables)
        self._use_default_tables = default_tables
        self.min_score = min_score
        self._use_model = model

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """All tables in precedence order: the user's first, then the shipped ones."""
        tables = self._user_tables + (default_tables() if self._use_default_tables else ())
        problems = lint_tables(tables)
        if problems:
            raise TableError(problems[0].split(":", 1)[0], 0, "; ".join(problems[:5]))
        return tables

    @cached_property
    def _phrases(self) -> PhraseIndex:
        return PhraseIndex(self.tables)

    @cached_property
    def _model(self) -> SwapModel | None:
        if not self._use_model:
            return None
        from restore.model import SwapModel

        return SwapModel([t for t in self.tables if t.kind == "candidate"])

    # The verbs -----------------------------------------------------------

    def find(self, text: str, *, min_score: float = 0.0) -> list[Substitution]:
        """Every suspected swap scoring at least ``min_score``, sorted by offset."""
        findings, _ = self._detect(check_text(text))
        return [s for s in findings if s.score >= min_score]

    def explain(self, text: str, *, min_score: float | None = None) -> Restored:
        """The restored text with the substitutions that were applied."""
        threshold = self.min_score if min_score is None else min_score
        applied = tuple(self.find(text, min_score=threshold))
        return Restored(apply(text, applied), applied)

    def restore(self, text: str, *, min_score: float | None = None) -> str:
        """``text`` with every confident swap restored; clean text comes back as is."""
        return self.explain(text, min_score=min_score).text

    def spin_score(self, text: str) -> float:
        """Probability-like score in [0, 1] that ``text`` was spun."""
        return self._detect(check_text(text))[1]

    def is_spun(self, text: str, *, threshold: float = SPUN_THRESHOLD) -> bool:
        """Whether :meth:`spin_score` reaches ``threshold``."""
        return self.spin_score(text) >= threshold

    # The detector ---------------------------------------------------------

    def _detect(self, text: str) -> tuple[list[Substitution], float]:
        scan = self._first_pass(text)
        findings, gate = scan.findings, density_score(len(scan.findings), scan.words)
        model = self._model
        if model is not None:
            gate = model.screen(text, scan.counts, findings)
            if gate >= SCREEN_THRESHOLD:
                covered = [(s.start, s.end) for s in findings]
                local = model.findings(text, scan.counts, covered)
                gate = model.spin_score(gate, local, scan.words)
                weighed = [replace(s, score=round(s.score * gate, 4)) for s in local]
                findings = sorted([*findings, *weighed], key=lambda s: s.start)
        findings = _spintax_findings(text, findings, gate)
        if scan.protected:
            findings = [s for s in findings if not _overlaps(scan.protected, s.start, s.end)]
        return findings, gate

    def _first_pass(self, text: str) -> Scan:
        scan = Scan()
        phrases = self._phrases
        for offset, piece in segments(text):
            tokens = tokenize(piece)
            scan.counts.update(t.norm for t in tokens)
            for spans_start, spans_end in protected_spans(piece):
                scan.protected.append((offset + spans_start, offset + spans_end))
            for match in phrases.matches(piece, tokens):
                found = piece[match.start : match.end]
                scan.findings.append(
                    Substitution(
                        offset + match.start,
                        offset + match.end,
                        found,
                        match_case(found, match.suggestion),
                        match.entry.score,
                        match.entry.source,
                    )
                )
        return scan


def density_score(findings: int, words: int) -> float:
    """Spin score from the density of confident findings alone.

    One fingerprint in a short text is already strong evidence; the score
    rises towards 1 as fingerprints per hundred words grow.

    >>> density_score(0, 500), round(density_score(3, 300), 2)
    (0.0, 0.95)
    """
    if findings == 0:
        return 0.0
    per_hundred = 100.0 * findings / max(words, 100)
    return 1.0 - math.exp(-3.0 * per_hundred)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, math.inf))
    if i and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end


def _spintax_findings(text: str, findings: list[Substitution], gate: float) -> list[Substitution]:
    """Add spintax leftovers that no other finding overlaps.

    ``{a|b}`` is template syntax in any text, so it is restored to its
    first alternative; a lone ``{word}`` could be a template placeholder,
    so it is confident only inside a document judged spun.
    """
    if _SPINTAX_HINT not in text:
        return findings
    spans = [(s.start, s.end) for s in findings]
    extra = []
    for match in SPINTAX_PATTERN.finditer(text):
        if _overlaps(spans, match.start(), match.end()):
            continue
        choices = spintax_choices(match.group(1))
        confident = len(choices) > 1 or gate >= SPUN_THRESHOLD
        score = (0.95 if len(choices) > 1 else 0.9) if confident else 0.4
        extra.append(
            Substitution(match.start(), match.end(), match.group(), choices[0], score, "spintax")
        )
    if not extra:
        return findings
    return sorted([*findings, *extra], key=lambda s: s.start)


def apply(text: str, substitutions: Iterable[Substitution]) -> str:
    """``text`` with ``substitutions`` replaced, articles repaired around them.

    The substitutions must come from this same ``text`` and must not
    overlap; an ``a``/``an`` right before a replaced span is made to agree
    with the new word.

    >>> text = "a chance"
    >>> apply(text, [Substitution(2, 8, "chance", "opportunity", 0.9, "demo")])
    'an opportunity'
    """
    check_text(text)
    pieces: list[str] = []
    position = 0
    for sub in sorted(substitutions, key=lambda s: s.start):
        if sub.start < position or text[sub.start : sub.end] != sub.original:
            raise ValueError(
                f"substitution at {sub.start}-{sub.end} does not fit this text "
                "(overlapping, or found in another text)"
            )
        between = text[position : sub.start]
        article = _ARTICLE_BEFORE.search(between)
        first_word = WORD_PATTERN.search(sub.suggestion)
        if article and first_word:
            wanted = article_for(first_word.group())
            if fold(article.group(1)) != wanted:
                between = between[: article.start()] + match_case(article.group(1), wanted)
                between += article.group(2)
        pieces.append(between)
        pieces.append(sub.suggestion)
        position = sub.end
    pieces.append(text[position:])
    return "".join(pieces)
