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
>>> r.restore("Counterfeit consciousness beat the irregular woodland.")
'Artificial intelligence beat the random forest.'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from restore.findings import Restored, Substitution
from restore.language_model import INSTALL_HINT as LM_INSTALL_HINT
from restore.language_model import REINSTALL_HINT as LM_REINSTALL_HINT
from restore.language_model import installed as lm_installed
from restore.language_model import load as lm_load
from restore.phrases import PhraseIndex
from restore.repair import (
    SPINTAX_PATTERN,
    article_for,
    in_format_string,
    match_case,
    reads_as_program,
    spintax_choices,
)
from restore.tables import Table, TableError, default_tables, lint_tables, load_table
from restore.text import WORD_PATTERN, count_words, fold, overlaps, protected_spans

if TYPE_CHECKING:
    from restore.language_model import LanguageModel
    from restore.model import Reading, SwapModel

__all__ = ["DEFAULT_MIN_SCORE", "Restorer", "apply", "check_text", "with_articles"]

#: Findings at or above this score are applied by ``restore``.
DEFAULT_MIN_SCORE = 0.9
#: Documents whose spin score reaches this are judged spun.
SPUN_THRESHOLD = 0.5
#: Documents the cheap screen scores below this are not read word by word.
SCREEN_THRESHOLD = 0.3
#: ... unless the words spinners overuse alone say this much per word
#: (:meth:`SwapModel.spinner_overuse`). The screen was fitted on press statements and
#: clears spun text of other fields that reads as cleaner than a statement; this reads
#: most of it for one clean statement in a hundred read more ("Reading out of the
#: field" in ``benchmarks/README.md``).
OVERUSE_TO_READ = 0.05
#: Prior odds of a spun document in a corpus, for deciding to edit ordinary words.
CORPUS_PRIOR_ODDS = 0.25
#: Documents with fewer words, or fewer distinct words, hold too little
#: evidence for the model: tables only.
MODEL_MIN_WORDS = 30
#: A page is also screened in two halves (:func:`_halves`) of at least this many words each:
#: as many as the gate samples from a document it reads (``restore.model.GATE_SAMPLE``).
HALF_MIN_WORDS = 60
#: A suspect half is itself looked at in halves (:data:`HALF_DEPTH`) only if it holds this
#: many words: its quarters, judged apart, are short, and a short clean text is judged
#: spun more often than a long one ("Partly spun" in ``benchmarks/README.md``).
SPLIT_MIN_WORDS = 300
#: Halves whose screens differ by this much or more are judged apart even when the whole
#: page was read: one is far likelier spun than the other.
HALVES_APART = 0.5
#: A half is read on its own only if the screen gives it this much, as it gives most spun
#: documents, or its words spinners overuse reach :data:`OVERUSE_TO_READ`, as for a whole
#: document: reading the halves of clean pages costs what reading a page does.
HALF_SCREEN = 0.6
#: A half judged apart from its page is judged spun at this spin score or more. It
#: overrules the page's verdict, and a short clean paragraph beside clean text is far
#: commoner than a spun one, so it needs what a finding needs to be applied.
HALF_SPUN = DEFAULT_MIN_SCORE
#: A half the screen finds suspect but that is not judged spun is itself looked at in
#: halves, this many levels deep: a spun article may share a half with clean text.
HALF_DEPTH = 1
#: In a text of fewer words, one word the model would restore is not enough: see
#: :func:`_corroborated`.
CORROBORATED_BELOW = 100
#: What a lone word's findings score at most there: reported, not applied by default.
LONE_SCORE = 0.85
#: The source tag of a finding held so.
LONE = "+alone"
#: Code points around a model suggestion checked for a table phrase it would form.
_NEIGHBOURHOOD = 80
#: Rounds of restoring: a restoration may complete another table phrase.
MAX_PASSES = 4
#: Segment size in code points: bounds memory on huge single-line inputs.
SEGMENT_SIZE = 1 << 16

_SPINTAX_HINT = "{"
# An article, then whitespace, markup tags or opening quotes before the word.
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?|AN?|An)((?:\s|<[^<>]*>|[\"“‘'(\[*_])+)\Z")


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


_CLAUSE_END = re.compile(r"[.!?;:,)\]\"”]\s")


def segments(
    text: str, size: int = SEGMENT_SIZE, joints: frozenset[tuple[str, str]] = frozenset()
) -> Iterator[tuple[int, str]]:
    r"""``(offset, piece)`` pieces of ``text`` of about ``size`` code points.

    Pieces end at a paragraph or line break where one is near, else after
    punctuation, which no phrase crosses, else at whitespace between two
    words that no phrase joins (not in ``joints``); so no word, URL or
    phrase is cut.

    >>> [p for _, p in segments("aa bb\ncc dd", size=7)]
    ['aa bb\n', 'cc dd']
    >>> [p for _, p in segments("a b, c d e", size=6)]
    ['a b, ', 'c d e']
    """
    start = 0
    length = len(text)
    while length - start > size:
        low, limit = start + size // 2, start + size
        cut = -1
        for pattern in (_PARAGRAPH_BREAK, _LINE_BREAK, _CLAUSE_END, _SPACE):
            cut = _last_safe_cut(text, pattern, low, limit, joints)
            if cut >= 0:
                break
        if cut < 0:
            cut = limit - 1
        cut += 1
        while cut < length and text[cut - 1].isspace() and text[cut].isspace():
            cut += 1
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n")
_SPACE = re.compile(r"\s")


def _last_safe_cut(
    text: str,
    pattern: re.Pattern[str],
    low: int,
    limit: int,
    joints: frozenset[tuple[str, str]],
) -> int:
    """Index to cut after: the last ``pattern`` match in ``[low, limit)`` that no phrase spans.

    A cut is unsafe only between two words that are adjacent in some
    phrase; punctuation before the cut makes it safe, as phrases never
    cross punctuation.
    """
    for match in reversed(list(pattern.finditer(text, low, limit))):
        space = match.end() - 1
        following = WORD_PATTERN.match(text, space + 1)
        before = list(WORD_PATTERN.finditer(text, max(0, match.start() - 64), match.start()))
        if following is None or not before or text[before[-1].end() : match.start()].strip():
            return space
        if (fold(before[-1].group()), fold(following.group())) not in joints:
            return space
    return -1


@dataclass(slots=True)
class Scan:
    """What the first pass learns about a document."""

    phrases: list[Substitution] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    protected: list[tuple[int, int]] = field(default_factory=list)

    @property
    def findings(self) -> list[Substitution]:
        """Table findings outside protected spans (URLs, markup, code)."""
        return self.unprotected(self.phrases)

    def unprotected(self, findings: list[Substitution]) -> list[Substitution]:
        """``findings`` less those that touch a protected span."""
        if not self.protected:
            return findings
        return [s for s in findings if not overlaps(self.protected, s.start, s.end)]

    @property
    def words(self) -> int:
        return sum(self.counts.values())


class Restorer:
    """An engine with its own tables and threshold; immutable once built.

    ``tables`` are extra tables (paths or :class:`~restore.tables.Table`
    values) that take precedence over the shipped ones;
    ``default_tables=False`` leaves the shipped ones out; ``model=False``
    restores only what tables and spintax show. ``language_model`` says
    whether the model's findings are weighed again by a language model of
    general English (:mod:`restore.language_model`): ``None`` (the default)
    when the ``lm`` extra is installed, ``True`` always (an error without
    it, raised here), ``False`` never. Data loads lazily, on the first call
    that needs it; a language model asked for is loaded here, to check it.

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
        language_model: bool | None = None,
    ) -> None:
        if not 0.0 <= min_score <= 1.0:
            raise ValueError(f"min_score must be within 0..1, got {min_score}")
        if language_model:
            # Asked for, it is checked now, not in the middle of a corpus run.
            if not lm_installed():
                raise ImportError(f"language_model=True needs pocketsphinx: {LM_INSTALL_HINT}")
            if lm_load() is None:
                raise ImportError(
                    "language_model=True: pocketsphinx is installed without its English model "
                    f"(model/en-us/en-us.lm.bin); reinstall it: {LM_REINSTALL_HINT}"
                )
        self._use_language_model = language_model
        self._user_tables = tuple(t if isinstance(t, Table) else load_table(t) for t in tables)
        self._use_default_tables = default_tables
        self.min_score = min_score
        self._use_model = model
        if self._user_tables:
            self.tables  # noqa: B018 -- a user's table is checked against the others now

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """All tables in precedence order: the user's first, then the shipped ones.

        A user's table is checked against the others; the shipped ones are
        checked before they ship (``scripts/sync_tables.py``).
        """
        tables = self._user_tables + (default_tables() if self._use_default_tables else ())
        if not self._user_tables:
            return tables
        problems = lint_tables(tables, overrides=True)
        if problems:
            where, _, what = problems[0].partition(": ")
            path, _, line = where.rpartition(":")
            raise TableError(path, int(line), what)
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

    @cached_property
    def _language_model(self) -> LanguageModel | None:
        """The language model the model's findings are weighed with, if any."""
        model = self._model
        if model is None or self._use_language_model is False or not model.reads_in_context:
            return None
        return lm_load()

    def load(self) -> Restorer:
        """Read all the data this engine may need now, rather than on first use; return it.

        Data loads lazily, so a process that restores a few short texts reads
        only what they need. A process that forks workers to share a corpus
        loads it all first (as ``restore --jobs`` does): the workers then
        share one copy of it instead of each reading its own, and none waits
        for it in the middle of a document.

        >>> Restorer().load().restore("Counterfeit consciousness")
        'Artificial intelligence'
        """
        self._phrases.load()
        if self._model is not None:
            self._model.load()
            self._language_model  # noqa: B018
        return self

    def _reading(self) -> Reading | None:
        """Scratch for one :meth:`explain`, which reads a text and its restored versions."""
        if not self._use_model:
            return None
        from restore.model import Reading

        return Reading()

    # The verbs -----------------------------------------------------------

    def find(self, text: str, *, min_score: float = 0.0) -> list[Substitution]:
        """Every suspected swap scoring at least ``min_score``, sorted by offset."""
        findings, _ = self._detect(check_text(text), min_score=min_score)
        return [s for s in findings if s.score >= min_score]

    def explain(self, text: str, *, min_score: float | None = None) -> Restored:
        """The restored text with the substitutions that were applied."""
        threshold = self.min_score if min_score is None else min_score
        # Each reading of a restored text decides again only words whose evidence changed.
        earlier = self._reading()
        findings, gate = self._detect(check_text(text), min_score=threshold, earlier=earlier)
        applied = with_articles(text, [s for s in findings if s.score >= threshold])
        # A restoration can complete another table phrase with the words
        # beside it ("fluffy induction framework": "fuzzy induction" then
        # "fuzzy induction framework"), or change the evidence about the
        # rest of the text. The restored text is read again until nothing
        # more is found, and what is found is folded into substitutions of
        # the original text, so restoring is idempotent.
        for _ in range(MAX_PASSES - 1 if applied else 0):
            restored = _splice(text, applied)
            later = [
                s
                for s in self._detect(restored, min_score=threshold, earlier=earlier)[0]
                if s.score >= threshold
            ]
            if not later:
                break
            unstable = _unstable(applied, later)
            if unstable:
                applied = [sub for sub in applied if sub not in unstable]
                continue
            applied = with_articles(text, _compose(text, applied, restored, later))
        return Restored(_splice(text, applied), tuple(applied), gate)

    def restore(self, text: str, *, min_score: float | None = None) -> str:
        """``text`` with every confident swap restored; clean text comes back as is."""
        return self.explain(text, min_score=min_score).text

    def spin_score(self, text: str) -> float:
        """Probability-like score in [0, 1] that ``text`` was spun."""
        return self._detect(check_text(text), min_score=math.inf)[1]

    def is_spun(self, text: str, *, threshold: float = SPUN_THRESHOLD) -> bool:
        """Whether :meth:`spin_score` reaches ``threshold``."""
        return self.spin_score(text) >= threshold

    # The detector ---------------------------------------------------------

    def _detect(
        self,
        text: str,
        *,
        min_score: float = 0.0,
        earlier: Reading | None = None,
    ) -> tuple[list[Substitution], float]:
        """Findings and spin score.

        Findings scoring below ``min_score`` may be left out: the model then
        reads only the words that the spin score and such findings need
        (``math.inf``: the spin score alone). ``earlier`` is what the model
        kept from reading other versions of the same text.

        A scraped page can hold a spun article beside clean text (a header, a
        quote, another article), and judged whole, the clean part hides the
        spun one. So a long page is also screened in halves, from the same
        pass over its words. A page not judged spun has a half judged on its
        own when the screen finds the half likely spun (:data:`HALF_SCREEN`)
        or its words spinners overuse say so (:data:`OVERUSE_TO_READ`), and
        either the page did not pass the screen or the two halves' screens
        lie :data:`HALVES_APART`; a half judged spun is restored as a
        document of its own, and the page's spin score is the higher one. A
        page or a half read whole has its own halves judged again on the
        decisions of their words, and one that reads as clean keeps no findings
        (:meth:`SwapModel.read`): a spun article may share a half with clean text.
        """
        return self._detect_page(text, min_score=min_score, earlier=earlier)

    def _detect_page(
        self,
        text: str,
        *,
        min_score: float,
        earlier: Reading | None,
        depth: int = 0,
        found: list[Substitution] | None = None,
    ) -> tuple[list[Substitution], float]:
        """:meth:`_detect` of a page, or of a half of one (``depth``).

        A half the screen finds suspect (:data:`SCREEN_THRESHOLD`) but that is
        not judged spun may hold a spun article beside clean text itself, so
        it is looked at in halves in turn, :data:`HALF_DEPTH` levels deep. Its
        caller gives what it ``found`` in the half as part of the page: the
        half is not judged whole again, and a half of it judged spun replaces
        only its own part of those findings.
        """
        model = self._model
        halves = _halves(text) if model is not None else []
        if model is None or not halves:
            if found is not None:
                return found, 0.0
            return self._detect_whole(text, min_score=min_score, earlier=earlier)
        from restore.model import broken_pairs_by_part

        pieces = [text[start:end] for start, end in halves]
        scans = [self._first_pass(piece) for piece in pieces]
        pairs = broken_pairs_by_part(pieces)
        scan = Scan()
        for (start, _), part in zip(halves, scans, strict=True):
            scan.counts.update(part.counts)
            scan.phrases += [_shifted(s, start) for s in part.phrases]
            scan.protected += [(a + start, b + start) for a, b in part.protected]
        page_screen = model.screen(text, scan.counts, scan.findings, pairs[0])
        # Halves too short to judge apart are neither read on their own nor judged again.
        apart = min(part.words for part in scans) >= HALF_MIN_WORDS
        if found is None:
            parts = [(a, b, part.counts) for (a, b), part in zip(halves, scans, strict=True)]
            findings, gate = self._detect_whole(
                text,
                min_score=min_score,
                earlier=earlier,
                scan=scan,
                screen=page_screen,
                parts=parts if apart else (),
            )
        else:
            findings, gate = found, 0.0
        if gate >= SPUN_THRESHOLD or not apart:
            return findings, gate
        screens = [
            model.screen(piece, part.counts, part.findings, half_pairs)
            for piece, part, half_pairs in zip(pieces, scans, pairs[1:], strict=True)
        ]
        if page_screen >= SCREEN_THRESHOLD and abs(screens[0] - screens[1]) < HALVES_APART:
            return findings, gate
        for (start, end), piece, part, screen in zip(halves, pieces, scans, screens, strict=True):
            own: list[Substitution] = []
            half_gate = 0.0
            if _worth_reading(model, screen, part.counts, HALF_SCREEN):
                # Judged whole, a half's own halves are judged again, as a page's are: a
                # spun article may share a half with clean text.
                own, half_gate = self._detect_whole(
                    piece,
                    min_score=min_score,
                    earlier=earlier,
                    scan=part,
                    screen=screen,
                    parts=_parts(piece),
                )
            if (
                half_gate < SPUN_THRESHOLD
                and depth < HALF_DEPTH
                and screen >= SCREEN_THRESHOLD
                and part.words >= SPLIT_MIN_WORDS
            ):
                inside = [_shifted(s, -start) for s in findings if start <= s.start < end]
                own, half_gate = self._detect_page(
                    piece, min_score=min_score, earlier=earlier, depth=depth + 1, found=inside
                )
            if half_gate >= HALF_SPUN:
                # A half ends at a blank line, which no finding spans.
                findings = [
                    *(s for s in findings if not start <= s.start < end),
                    *(_shifted(s, start) for s in own),
                ]
                gate = max(gate, half_gate)
        findings.sort(key=lambda s: s.start)
        return findings, gate

    def _detect_whole(
        self,
        text: str,
        *,
        min_score: float,
        earlier: Reading | None,
        scan: Scan | None = None,
        screen: float | None = None,
        parts: Sequence[tuple[int, int, Counter[str]]] = (),
    ) -> tuple[list[Substitution], float]:
        """:meth:`_detect` of ``text`` as one document, given its first ``scan`` and the
        screen's score if known; ``parts`` (its halves, with their word counts) are judged
        again if it is judged spun (:meth:`SwapModel.read`)."""
        if scan is None:
            scan = self._first_pass(text)
        findings = scan.findings
        spintax = scan.unprotected(_spintax(text, findings))
        gate = density_score(len(findings), scan.words)
        model = self._model
        # Whether the model judges the text: it needs enough words to.
        judged = False
        if model is not None and min(scan.words, len(scan.counts)) >= MODEL_MIN_WORDS:
            judged = True
            gate = model.screen(text, scan.counts, findings) if screen is None else screen
            if _worth_reading(model, gate, scan.counts, SCREEN_THRESHOLD):
                covered = sorted(
                    [*((s.start, s.end) for s in [*findings, *spintax]), *scan.protected]
                )
                language_model = self._language_model
                floor = min_score if language_model is None else model.context_floor(min_score)
                local, gate = model.read(
                    text,
                    scan.counts,
                    covered,
                    read_all_above=_read_all_above(min_score),
                    # A finding's score is at most its probability, rounded.
                    report_above=floor - 1e-4,
                    earlier=earlier,
                    parts=parts,
                )
                spun = corpus_probability(gate)
                local = [
                    replace(s, score=round(s.score * spun, 4))
                    for s in local
                    if not self._makes_phrase(text, s)
                ]
                if language_model is not None:
                    local = model.in_context(text, local, language_model)
                local = model.held_out_of_field(scan.counts, local)
                findings = [
                    *(
                        replace(s, score=round(1 - (1 - s.score) * (1 - spun / 2), 4))
                        for s in findings
                    ),
                    *local,
                ]
                if scan.words < CORROBORATED_BELOW:
                    findings = _corroborated(findings)
        for group in spintax:
            choices = spintax_choices(group.original[1:-1])
            # Program text has brace groups too: a type union in documented code
            # ("{string|null}"), a lone template placeholder. A group is confident in
            # text judged spun, or, with alternatives, in text too short to judge;
            # a lone {word} never in a format string of code shown on the page.
            if len(choices) > 1:
                confident = gate >= SPUN_THRESHOLD or not judged
            else:
                confident = gate >= SPUN_THRESHOLD and not in_format_string(
                    text, group.start, group.end
                )
            best = choices[0] if model is None else model.best_alternative(text, group, choices)
            score = (0.95 if len(choices) > 1 else 0.9) if confident else 0.4
            findings.append(replace(group, suggestion=best, score=score))
        findings.sort(key=lambda s: s.start)
        return findings, gate

    def _makes_phrase(self, text: str, finding: Substitution) -> bool:
        """Whether putting in ``finding`` would form a table phrase with its neighbours.

        A table phrase is a known spin, so a model suggestion that writes one
        is wrong ("principal component analysis" is clean; "important
        component analysis" is a tortured phrase), and would make restoring
        flip back and forth.
        """
        before = text[max(0, finding.start - _NEIGHBOURHOOD) : finding.start]
        after = text[finding.end : finding.end + _NEIGHBOURHOOD]
        window = before + finding.suggestion + after
        start, end = len(before), len(before) + len(finding.suggestion)
        return any(m.start < end and start < m.end for m in self._phrases.scan(window))

    def _first_pass(self, text: str) -> Scan:
        scan = Scan()
        phrases = self._phrases
        for offset, piece in segments(text, joints=phrases.joints):
            scan.counts.update(count_words(piece))
            for spans_start, spans_end in protected_spans(piece):
                scan.protected.append((offset + spans_start, offset + spans_end))
            for match in phrases.scan(piece):
                found = piece[match.start : match.end]
                scan.phrases.append(
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


def _worth_reading(model: SwapModel, screen: float, counts: Counter[str], threshold: float) -> bool:
    """Whether the model reads a document (or a half of a page) word by word: the screen
    gives it ``threshold``, or the words spinners overuse in it (its word ``counts``) reach
    :data:`OVERUSE_TO_READ`, whatever the screen says."""
    return screen >= threshold or model.spinner_overuse(counts) >= OVERUSE_TO_READ


def _halves(text: str) -> list[tuple[int, int]]:
    r"""``(start, end)`` of the two halves of ``text`` on either side of the paragraph break
    nearest its middle; none if it has no break outside a protected span (a code block).

    >>> text = "One two three.\n\nFour five.\n\nSix."
    >>> [text[start:end] for start, end in _halves(text)]
    ['One two three.', 'Four five.\n\nSix.']
    >>> _halves("One line.\nAnother."), _halves("```\ncode\n\nmore code\n```")
    ([], [])
    """
    breaks = [m.span() for m in _PARAGRAPH_BREAK.finditer(text)]
    if not breaks:
        return []
    # Of the protected spans, only code blocks, comments and markup tags can hold a blank line.
    protected = protected_spans(text) if "`" in text or "<" in text else []
    if protected:
        breaks = [span for span in breaks if not overlaps(protected, *span)]
        if not breaks:
            return []
    middle = len(text) // 2
    cut, resume = min(breaks, key=lambda span: abs(span[0] - middle))
    return [(0, cut), (resume, len(text))]


def _corroborated(findings: list[Substitution]) -> list[Substitution]:
    """``findings`` of a short text, the model's held to :data:`LONE_SCORE` when they are
    the only word found at the default threshold.

    A spinner swaps many words: a spun paragraph the model would restore holds two
    or more that it is sure of, while a clean paragraph of another field can hold one
    word that looks like a swap ("within" for "in", "which" for "that") and is judged
    spun for it, on little evidence. Of 1,000 spun paragraphs of held-out statements
    read alone, 31 had one such word; of 55,859 clean paragraphs of documentation, 46
    of the 69 that changed had one (``benchmarks/README.md``, "Short texts").

    >>> one = Substitution(0, 6, "within", "in", 0.95, "model:curated")
    >>> [f.score for f in _corroborated([one])]
    [0.85]
    >>> two = Substitution(10, 19, "mentioned", "said", 0.95, "model:curated")
    >>> [f.score for f in _corroborated([one, two])]
    [0.95, 0.95]
    """
    sure = {f.original.casefold() for f in findings if f.score >= DEFAULT_MIN_SCORE}
    if len(sure) != 1:
        return findings
    return [
        replace(f, score=LONE_SCORE, source=f"{f.source}{LONE}")
        if f.source.startswith("model:") and f.score > LONE_SCORE
        else f
        for f in findings
    ]


def _parts(text: str) -> list[tuple[int, int, Counter[str]]]:
    r"""``(start, end, word counts)`` of the halves of ``text`` (:func:`_halves`), if each
    holds :data:`HALF_MIN_WORDS` words; none otherwise.

    >>> text = " ".join(["word"] * 70) + "\n\n" + " ".join(["more"] * 60)
    >>> [(text[a:b].split()[0], sum(counts.values())) for a, b, counts in _parts(text)]
    [('word', 70), ('more', 60)]
    >>> _parts("Short.\n\nText.")
    []
    """
    parts = [(start, end, count_words(text[start:end])) for start, end in _halves(text)]
    if not parts or min(sum(counts.values()) for _, _, counts in parts) < HALF_MIN_WORDS:
        return []
    return parts


def _shifted(finding: Substitution, offset: int) -> Substitution:
    """``finding`` of a part of a text that starts at ``offset``, as a finding of the text."""
    return replace(finding, start=finding.start + offset, end=finding.end + offset)


def _read_all_above(min_score: float) -> float:
    """The spin score from which the model must read every word to report all findings
    scoring ``min_score`` or more.

    A model finding scores its probability times :func:`corpus_probability`
    of the spin score, rounded to four places, so no more than that
    probability of the spin score and half a unit of the last place. Below
    the spin score where it reaches ``min_score`` (less a margin for the
    rounding), the words outside the spin score's sample cannot yield such a
    finding; from :data:`SPUN_THRESHOLD` on, all are read for ``find``.

    >>> _read_all_above(0.0) == SPUN_THRESHOLD, _read_all_above(math.inf)
    (True, inf)
    >>> corpus_probability(_read_all_above(0.9)) < 0.9 - 5e-5
    True
    """
    target = min_score - 1e-4
    if target <= 0.0:
        return SPUN_THRESHOLD
    if target >= 1.0:
        return math.inf
    odds = target / (1.0 - target) / CORPUS_PRIOR_ODDS
    return max(SPUN_THRESHOLD, odds / (1.0 + odds) - 1e-9)


def corpus_probability(spin_score: float, prior_odds: float = CORPUS_PRIOR_ODDS) -> float:
    """The probability that a document is spun, for a corpus where most are not.

    :meth:`Restorer.spin_score` is calibrated on as many spun documents as
    clean ones; before the engine edits ordinary words it asks for more,
    as if only one document in five were spun. A table row that needs
    context ("profound learning") gains from the same evidence.

    >>> round(corpus_probability(0.5), 2), round(corpus_probability(0.99), 2)
    (0.2, 0.96)
    """
    spin_score = min(max(spin_score, 1e-9), 1 - 1e-9)
    odds = spin_score / (1 - spin_score) * prior_odds
    return odds / (1 + odds)


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


def _spintax(text: str, findings: list[Substitution]) -> list[Substitution]:
    """Spintax groups (``{a|b}``, ``{word}``) that no table finding overlaps.

    Their suggestion and score are settled once the document's spin score
    is known.
    """
    if _SPINTAX_HINT not in text:
        return []
    spans = [(s.start, s.end) for s in findings]
    return [
        Substitution(m.start(), m.end(), m.group(), m.group(1), 0.0, "spintax")
        for m in SPINTAX_PATTERN.finditer(text)
        if not overlaps(spans, m.start(), m.end())
        and not reads_as_program(spintax_choices(m.group(1)))
    ]


def _splice(text: str, substitutions: Sequence[Substitution]) -> str:
    """``text`` with each substitution's suggestion put in, nothing else changed."""
    pieces, position = [], 0
    for sub in substitutions:
        pieces += [text[position : sub.start], sub.suggestion]
        position = sub.end
    pieces.append(text[position:])
    return "".join(pieces)


def _restored_spans(applied: Sequence[Substitution]) -> list[tuple[int, int, Substitution]]:
    """Where each applied substitution's suggestion stands in the restored text."""
    spans: list[tuple[int, int, Substitution]] = []
    shift = 0
    for sub in applied:
        start = sub.start + shift
        spans.append((start, start + len(sub.suggestion), sub))
        shift += len(sub.suggestion) - (sub.end - sub.start)
    return spans


def _unstable(applied: Sequence[Substitution], later: Sequence[Substitution]) -> list[Substitution]:
    """Model restorations that the model, reading the restored text, would change again.

    "youngster" restored as "children" and then "children" as "issues" says
    the first decision was not sure of itself: such a restoration is
    withdrawn rather than chained.
    """
    model_later = [s for s in later if s.source.startswith("model:")]
    return [
        sub
        for start, end, sub in _restored_spans(applied)
        if sub.source.startswith("model:")
        and any(s.start < end and start < s.end for s in model_later)
    ]


def _compose(
    text: str,
    applied: list[Substitution],
    restored: str,
    later: list[Substitution],
) -> list[Substitution]:
    """Fold findings in ``restored`` (``text`` with ``applied`` spliced in) back onto ``text``.

    A later finding that touches restored spans merges with them into one
    substitution of the original text; one elsewhere moves to the
    original's offsets.
    """
    spans = _restored_spans(applied)

    def to_text(position: int) -> int:
        """Offset in ``text`` of a ``restored`` offset outside every restored span."""
        moved = 0
        for _, end, sub in spans:
            if end <= position:
                moved = end - sub.end
            else:
                break
        return position - moved

    result = list(applied)
    for finding in later:
        touched = [(s, e, sub) for s, e, sub in spans if s < finding.end and finding.start < e]
        if any(sub not in result for _, _, sub in touched):
            continue  # already folded into another later finding
        if not touched:
            start, end = to_text(finding.start), to_text(finding.end)
            result.append(replace(finding, start=start, end=end, original=text[start:end]))
            continue
        first, last = touched[0], touched[-1]
        low, high = min(finding.start, first[0]), max(finding.end, last[1])
        start = to_text(finding.start) if finding.start < first[0] else first[2].start
        end = to_text(finding.end) if finding.end > last[1] else last[2].end
        suggestion = (
            restored[low : finding.start] + finding.suggestion + restored[finding.end : high]
        )
        sources = [sub.source for _, _, sub in touched] + [finding.source]
        merged = Substitution(
            start,
            end,
            text[start:end],
            suggestion,
            min(finding.score, *(sub.score for _, _, sub in touched)),
            "+".join(sources),
        )
        result = [sub for sub in result if all(sub is not t for _, _, t in touched)]
        result.append(merged)
    return sorted(result, key=lambda sub: sub.start)


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
    return _splice(text, with_articles(text, substitutions))


def with_articles(text: str, substitutions: Iterable[Substitution]) -> list[Substitution]:
    """``substitutions``, sorted, each widened to take in an article it makes wrong.

    "a chance" restored to "opportunity" becomes one substitution of
    "a chance" by "an opportunity", so the replacement is all in the
    substitution and splicing it in is all there is to applying it.

    >>> [(s.original, s.suggestion) for s in with_articles(
    ...     "a chance", [Substitution(2, 8, "chance", "opportunity", 0.9, "demo")])]
    [('a chance', 'an opportunity')]
    """
    result: list[Substitution] = []
    position = 0
    for sub in sorted(substitutions, key=lambda s: s.start):
        if sub.start < position or text[sub.start : sub.end] != sub.original:
            raise ValueError(
                f"substitution at {sub.start}-{sub.end} does not fit this text "
                "(overlapping, or found in another text)"
            )
        article = _ARTICLE_BEFORE.search(text, position, sub.start)
        first_word = WORD_PATTERN.search(sub.suggestion)
        # A suggestion that starts with an article already carries its repair.
        if article and first_word and fold(first_word.group()) not in ("a", "an"):
            wanted = article_for(first_word.group())
            if fold(article.group(1)) != wanted:
                start = article.start()
                fixed = match_case(article.group(1), wanted) + article.group(2)
                sub = replace(
                    sub,
                    start=start,
                    original=text[start : sub.end],
                    suggestion=fixed + sub.suggestion,
                )
        result.append(sub)
        position = sub.end
    return result
