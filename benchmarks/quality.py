"""Measure how well a restorer undoes spinning, and how little it touches clean text.

Run from the repository root::

    python benchmarks/quality.py [--docs 300] [--seed 0] [--restorers identity,tables,engine]
                                 [--weights DIR]

Seven sets. SIMULATED: held-out corpus documents spun by ``spinner.py`` (answer
key known), and the same documents unspun for false edits and for the
spin_score AUC. OTHER FIELD: clean English from outside the corpus's field,
the long descriptions of the Python distributions installed where the
benchmark runs (prose paragraphs only), as it is for false edits, and spun by
the same simulator for the same figures as the simulated set: text whose
words and collocations the corpus does not know. It depends on the
environment, so its size is printed with it. DOCSTRINGS: the same figures
for the prose of the standard library's docstrings, technical English that
is the same wherever one Python version runs. PARTLY SPUN: pages made of two
held-out documents, one of them spun, in either order, and the share judged
spun. SHORT: paragraphs of the held-out statements, the READMEs and the
docstrings, each read alone, clean and spun. NEWS: the short news reports of
``data/news`` and copies spun by hand in the style of real spun text (see its
``README.md``). REAL: the aligned pairs of ``data/real_pairs.tsv`` (see
``README.md`` for what that set can and cannot show). Restorers are plain
functions, so the harness runs with any stand-in.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import sysconfig
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass
from email.message import Message
from importlib import metadata
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import metrics
import spinner

from restore.engine import _splice
from restore.findings import Substitution
from restore.text import WORD_PATTERN

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CORPUS = SHARED / "corpus" / "whitehouse_statements" / "docs.jsonl"
REAL_PAIRS = Path(__file__).resolve().parent / "data" / "real_pairs.tsv"
NEWS = Path(__file__).resolve().parent / "data" / "news"
MIN_WORDS_FOR_SCORE = 100

RestoreFn = Callable[[str], str]
ScoreFn = Callable[[str], float]
FindFn = Callable[[str], Sequence[object]]


@dataclass(frozen=True)
class Restorer:
    """A named restorer under test: restore, spin_score and (optionally) find."""

    name: str
    restore: RestoreFn
    spin_score: ScoreFn
    find: FindFn | None = None


def is_held_out(doc_id: str) -> bool:
    """The project's fixed split: statistics never see these documents."""
    return zlib.crc32(doc_id.encode("utf-8")) % 5 == 0


def load_held_out(n: int, *, held_out: bool = True) -> list[dict[str, str]]:
    """The first ``n`` held-out documents in corpus order (``held_out=False``: training ones)."""
    if not CORPUS.exists():
        sys.exit(f"quality.py: error: corpus not found at {CORPUS.resolve()} (needs ../shared)")
    docs = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if is_held_out(doc["id"]) == held_out:
                docs.append(doc)
                if len(docs) == n:
                    break
    return docs


def _timed(fn: RestoreFn, texts: Iterable[str]) -> tuple[list[str], float]:
    start = time.perf_counter()
    out = [fn(t) for t in texts]
    return out, time.perf_counter() - start


def _word_count(texts: Iterable[str]) -> int:
    return sum(len(WORD_PATTERN.findall(t)) for t in texts)


def _gap_and_edits(
    spun: Sequence[str], restored: Sequence[str], originals: Sequence[str]
) -> tuple[float, metrics.EditCounts]:
    """Gap closed over a set of texts, and the restorer's edits summed over it."""
    triples = list(zip(spun, restored, originals, strict=True))
    gap = metrics.gap_closed(
        [metrics.distance(s, o) for s, _, o in triples],
        [metrics.distance(r, o) for _, r, o in triples],
    )
    edits = sum((metrics.edit_counts(s, r, o) for s, r, o in triples), metrics.EditCounts(0, 0))
    return gap, edits


def evaluate(
    restore_fn: RestoreFn,
    spin_score_fn: ScoreFn,
    docs: Sequence[dict[str, str]],
    *,
    spun: Sequence[spinner.SpunText],
) -> dict[str, object]:
    """Every simulated-set figure for one restorer (see README for definitions)."""
    originals = [d["text"] for d in docs]
    spun_texts = [s.text for s in spun]
    restored, spun_seconds = _timed(restore_fn, spun_texts)
    cleaned, clean_seconds = _timed(restore_fn, originals)

    gap, edits = _gap_and_edits(spun_texts, restored, originals)
    by_kind: Counter[str] = Counter()
    fixed_by_kind: Counter[str] = Counter()
    for s, r in zip(spun, restored, strict=True):
        spans = [(w.spun_start, w.spun_end, w.original_start, w.original_end) for w in s.swaps]
        fixes = metrics.swaps_fixed(s.text, r, s.original, spans)
        for swap, fixed in zip(s.swaps, fixes, strict=True):
            by_kind[swap.kind] += 1
            fixed_by_kind[swap.kind] += fixed
    clean_tokens = sum(len(metrics.tokens(o)) for o in originals)
    false_edits = sum(metrics.distance(c, o) for c, o in zip(cleaned, originals, strict=True))

    scored = [i for i, o in enumerate(originals) if len(WORD_PATTERN.findall(o)) >= 100]
    positives = [spin_score_fn(spun_texts[i]) for i in scored]
    negatives = [spin_score_fn(originals[i]) for i in scored]
    return {
        "gap_closed": gap,
        "edit_precision": edits.precision,
        "edits": edits,
        "swaps_fixed": {k: (fixed_by_kind[k], n) for k, n in sorted(by_kind.items())},
        "false_edits_per_10k": 1e4 * false_edits / max(clean_tokens, 1),
        "clean_identical": sum(c == o for c, o in zip(cleaned, originals, strict=True))
        / max(len(originals), 1),
        "auc": metrics.auc(positives, negatives),
        "calibration": metrics.calibration(
            positives + negatives, [1] * len(positives) + [0] * len(negatives)
        ),
        "scored_docs": len(scored),
        "words_per_s_spun": _word_count(spun_texts) / max(spun_seconds, 1e-9),
        "words_per_s_clean": _word_count(originals) / max(clean_seconds, 1e-9),
    }


#: A prose paragraph has this many words at least, and letters make most of its characters.
PROSE_WORDS = 25
PROSE_LETTERS = 0.7


def _prose(text: str) -> str:
    """The paragraphs of ``text`` that read as prose, not code, tables or lists of links."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text):
        visible = "".join(paragraph.split())
        letters = sum(c.isalpha() for c in visible)
        if len(paragraph.split()) >= PROSE_WORDS and letters > PROSE_LETTERS * len(visible):
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def load_other_field(min_words: int = MIN_WORDS_FOR_SCORE) -> list[dict[str, str]]:
    """Prose of the installed distributions' long descriptions, in name order, one
    document each (id: the distribution's name), those of at least ``min_words`` words.

    ``restore``'s own description is left out: it quotes spun text, and is
    restored where it does.
    """
    texts = {}
    for dist in metadata.distributions():
        # The metadata is an email message; its declared type only promises a mapping.
        message = cast(Message, dist.metadata)
        name = message.get("Name") or ""
        if name.lower() == "restore":
            continue
        body = message.get_payload() or message.get("Description") or ""
        prose = _prose(body) if isinstance(body, str) else ""
        if name and len(WORD_PATTERN.findall(prose)) >= min_words:
            texts[name.lower()] = prose
    return [{"id": name, "text": texts[name]} for name in sorted(texts)]


_DOCTEST = re.compile(r"^\s*>>>", re.MULTILINE)


def load_docstrings(min_words: int = MIN_WORDS_FOR_SCORE) -> list[dict[str, str]]:
    """Prose of the standard library's docstrings, one document per module (id: the
    module's file name), in name order, those of at least ``min_words`` words.

    Technical English of yet another field: the same for every install of one
    Python version.
    """
    docs = []
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    for path in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        parts = [ast.get_docstring(node) for node in ast.walk(tree) if isinstance(node, kinds)]
        paragraphs = re.split(r"\n\s*\n", "\n\n".join(part for part in parts if part))
        # Doctest examples are code, whatever their share of letters.
        prose = _prose("\n\n".join(p for p in paragraphs if not _DOCTEST.search(p)))
        if len(WORD_PATTERN.findall(prose)) >= min_words:
            docs.append({"id": path.name, "text": prose})
    return docs


#: A short text of the SHORT set has this many words at least, and fewer than a document
#: needs for the figures of spin_score (:data:`MIN_WORDS_FOR_SCORE`).
SHORT_MIN_WORDS = 15
#: Paragraphs taken from each field.
SHORT_COUNT = 1000


def short_texts(
    docs: Sequence[dict[str, str]],
    breaks: str = r"\n\s*\n",
    count: int = SHORT_COUNT,
    *,
    strip: bool = True,
) -> list[dict[str, str]]:
    """The first ``count`` paragraphs of ``docs`` (split at ``breaks``) of
    :data:`SHORT_MIN_WORDS` to :data:`MIN_WORDS_FOR_SCORE` words, each a document of its
    own (id: the document's and the paragraph's number): what a pipeline that restores
    paragraphs, comments or abstracts gives the engine. ``strip=False`` keeps a
    paragraph's leading and trailing space (an indented code block's indentation)."""
    found = []
    for doc in docs:
        for number, paragraph in enumerate(re.split(breaks, doc["text"])):
            size = len(WORD_PATTERN.findall(paragraph))
            if SHORT_MIN_WORDS <= size < MIN_WORDS_FOR_SCORE:
                text = paragraph.strip() if strip else paragraph
                found.append({"id": f"{doc['id']}#{number}", "text": text})
                if len(found) == count:
                    return found
    return found


def _print_short(restorers: Sequence[Restorer], docs: Sequence[dict[str, str]], seed: int) -> None:
    """The SHORT set: paragraphs of the held-out statements, of the other field and of the
    docstrings, each read alone."""
    fields = {
        # A statement's paragraphs are its lines.
        "statements": short_texts(docs, breaks=r"\n+"),
        "other field": short_texts(load_other_field(min_words=0)),
        "docstrings": short_texts(load_docstrings(min_words=0)),
    }
    sizes = ", ".join(f"{name} {len(texts)}" for name, texts in fields.items())
    print(
        f"\nSHORT set: paragraphs of {SHORT_MIN_WORDS} to {MIN_WORDS_FOR_SCORE - 1} words, "
        f"each read alone ({sizes})"
    )
    spun = {
        name: [spinner.spin(t["text"], seed=seed, key=t["id"]) for t in texts]
        for name, texts in fields.items()
    }
    for r in restorers:
        for name, texts in fields.items():
            # Too short for the spin score's figures: evaluate() leaves them out.
            o = evaluate(r.restore, r.spin_score, texts, spun=spun[name])
            edits = o["edits"]
            assert isinstance(edits, metrics.EditCounts)
            print(
                f"  [{r.name}] {name}: clean: false edits {o['false_edits_per_10k']:.2f} per 10k "
                f"tokens, byte-identical {o['clean_identical']:.1%}; spun: gap closed "
                f"{o['gap_closed']:.3f}, edit precision {edits.precision:.3f} "
                f"({edits.correct}/{edits.changed} tokens)"
            )


def judged_spun(spin_score_fn: ScoreFn, texts: Sequence[str]) -> float:
    """The share of ``texts`` whose spin score reaches 0.5."""
    return sum(spin_score_fn(t) >= 0.5 for t in texts) / max(len(texts), 1)


def load_real_pairs(path: Path = REAL_PAIRS) -> list[tuple[str, str]]:
    """(spun, original) rows of the real aligned example; comments and header skipped."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#") or line == "spun\toriginal":
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise ValueError(f"{path}:{number}: expected spun<TAB>original, got {line!r}")
        pairs.append((fields[0], fields[1]))
    return pairs


def load_news(folder: Path = NEWS) -> list[tuple[str, str, str]]:
    """``(name, spun, original)`` of each report in ``folder``, read from ``NAME.txt`` and
    ``NAME-spun.txt``."""
    reports = []
    for original in sorted(folder.glob("*.txt")):
        if original.stem.endswith("-spun"):
            continue
        spun = original.with_name(f"{original.stem}-spun.txt")
        if not spun.exists():
            raise ValueError(f"{original}: no spun copy {spun.name} beside it")
        reports.append(
            (original.stem, spun.read_text(encoding="utf-8"), original.read_text(encoding="utf-8"))
        )
    return reports


def evaluate_news(restorer: Restorer, reports: Sequence[tuple[str, str, str]]) -> dict[str, object]:
    """Gap closed and edit precision on the spun reports, how many of them and of the
    originals are judged spun, and how many originals are changed.

    Also, of the spans where a spun copy differs from its original
    (:func:`metrics.changed_spans`), how many are restored, and how many more
    would be if every finding were applied, whatever its score: the right
    original found but not trusted enough.
    """
    spun_texts = [s for _, s, _ in reports]
    originals = [o for _, _, o in reports]
    restored = [restorer.restore(s) for s in spun_texts]
    swaps = fixed = proposed = 0
    for s, r, o in zip(spun_texts, restored, originals, strict=True):
        spans = metrics.changed_spans(s, o)
        swaps += len(spans)
        fixed += sum(metrics.swaps_fixed(s, r, o, spans))
        if restorer.find is not None:
            # Every finding's suggestion put in as it stands, articles left as they are.
            everything = _splice(s, cast("Sequence[Substitution]", restorer.find(s)))
            proposed += sum(metrics.swaps_fixed(s, everything, o, spans))
    gap, edits = _gap_and_edits(spun_texts, restored, originals)
    return {
        "gap_closed": gap,
        "edits": edits,
        "swaps": swaps,
        "swaps_fixed": fixed,
        "swaps_proposed": proposed,
        "spun_judged": sum(restorer.spin_score(s) >= 0.5 for s in spun_texts),
        "clean_judged": sum(restorer.spin_score(o) >= 0.5 for o in originals),
        "clean_changed": sum(restorer.restore(o) != o for o in originals),
    }


def _proposals(phrase: str, findings: Sequence[object]) -> list[str]:
    """Every text a finding could turn ``phrase`` into: its suggestion and alternatives."""
    texts = []
    for f in findings:
        start, end = getattr(f, "start", 0), getattr(f, "end", 0)
        options = [getattr(f, "suggestion", "")]
        options += [getattr(a, "text", "") for a in getattr(f, "alternatives", ())]
        texts += [phrase[:start] + o + phrase[end:] for o in options]
    return texts


def evaluate_real(restorer: Restorer, pairs: Sequence[tuple[str, str]]) -> dict[str, object]:
    """Per-pair hits on isolated spun phrases, and gap closed on the pairs as one document."""
    restored_exactly = proposed = 0
    for spun_phrase, original in pairs:
        target = metrics.tokens(original)
        if metrics.tokens(restorer.restore(spun_phrase)) == target:
            restored_exactly += 1
            proposed += 1
        elif restorer.find is not None:
            options = _proposals(spun_phrase, restorer.find(spun_phrase))
            proposed += any(metrics.tokens(o) == target for o in options)
    spun_doc = "\n".join(s for s, _ in pairs)
    original_doc = "\n".join(o for _, o in pairs)
    restored_doc = restorer.restore(spun_doc)
    gap = metrics.gap_closed(
        [metrics.distance(spun_doc, original_doc)], [metrics.distance(restored_doc, original_doc)]
    )
    return {"restored": restored_exactly, "proposed": proposed, "gap_closed": gap}


def _restorers(names: Sequence[str]) -> list[Restorer]:
    """Named restorers: identity (does nothing), tables (phrase tables only), engine (with
    the language model if ``restore[lm]`` is installed), engine-no-lm (without it)."""
    import restore

    engines = {
        "tables": lambda: restore.Restorer(model=False),
        "engine": restore.default_restorer,
        "engine-no-lm": lambda: restore.Restorer(language_model=False),
    }
    chosen = []
    for name in names:
        if name == "identity":
            chosen.append(Restorer("identity", lambda t: t, lambda t: 0.5))
            continue
        if name not in engines:
            known = ", ".join(["identity", *engines])
            sys.exit(f"quality.py: error: unknown restorer {name!r} ({known})")
        engine = engines[name]()
        chosen.append(Restorer(name, engine.restore, engine.spin_score, engine.find))
    return chosen


def _print_simulated(
    docs: Sequence[dict[str, str]], spun: Sequence[spinner.SpunText], seed: int
) -> None:
    orig_words = _word_count(d["text"] for d in docs)
    swapped_words = sum(
        len(WORD_PATTERN.findall(s.original[w.original_start : w.original_end]))
        for s in spun
        for w in s.swaps
    )
    tokens = sum(len(metrics.tokens(d["text"])) for d in docs)
    dist = sum(metrics.distance(s.text, s.original) for s in spun)
    kinds = Counter(w.kind for s in spun for w in s.swaps)
    print(f"SIMULATED set: {len(docs)} held-out docs, {orig_words} words, spinner seed {seed}")
    print(f"  word tokens swapped: {swapped_words / orig_words:.1%}")
    print(f"  d(spun, original): {100 * dist / tokens:.1f} per 100 tokens")
    print("  swaps by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


def _print_result(name: str, r: dict[str, object]) -> None:
    edits = r["edits"]
    assert isinstance(edits, metrics.EditCounts)
    print(f"\n[{name}]")
    print(f"  gap closed: {r['gap_closed']:.3f}")
    print(f"  edit precision: {r['edit_precision']:.3f} ({edits.correct}/{edits.changed} tokens)")
    fixed = r["swaps_fixed"]
    assert isinstance(fixed, dict)
    print(
        "  swaps fixed by kind: "
        + ", ".join(f"{k} {f}/{n} ({f / n:.0%})" for k, (f, n) in fixed.items())
    )
    print(f"  clean docs: false edits {r['false_edits_per_10k']:.2f} per 10k tokens, ", end="")
    print(f"byte-identical {r['clean_identical']:.1%}")
    print(f"  spin_score AUC (spun vs clean, {r['scored_docs']} docs >= 100 words): {r['auc']:.3f}")
    cal = r["calibration"]
    assert isinstance(cal, metrics.Calibration)
    print(f"  Brier score: {cal.brier:.3f}; reliability (bin: n, mean predicted, share spun):")
    for low, high, n, mean, observed in cal.bins:
        if n:
            print(f"    {low:.1f}-{high:.1f}: {n:4d}  {mean:.3f}  {observed:.3f}")
    if name == "identity":
        return  # its speed is the loop's, not a restorer's
    print(f"  speed: {r['words_per_s_spun']:,.0f} words/s spun, ", end="")
    print(f"{r['words_per_s_clean']:,.0f} words/s clean")


def partial_pages(
    docs: Sequence[dict[str, str]], spun: Sequence[spinner.SpunText]
) -> tuple[list[str], list[str]]:
    """Pages of two held-out documents, one clean and one spun, joined by a blank line:
    the clean one first, and the spun one first. A scraped page often holds clean
    text (a header, a quote, comments) beside a spun article."""
    pairs = [(docs[k]["text"], spun[k + 1].text) for k in range(0, len(docs) - 1, 2)]
    return [f"{c}\n\n{s}" for c, s in pairs], [f"{s}\n\n{c}" for c, s in pairs]


def pages_of_three(
    docs: Sequence[dict[str, str]], spun: Sequence[spinner.SpunText]
) -> tuple[list[str], list[str], list[str]]:
    """Pages of three held-out documents, two clean and one spun, joined by blank lines:
    the spun one first, in the middle, and last. A page split in halves at its middle
    break has the spun document beside a clean one in at least one of its halves."""
    triples = [
        (docs[k]["text"], docs[k + 1]["text"], spun[k + 2].text) for k in range(0, len(docs) - 2, 3)
    ]
    return (
        [f"{s}\n\n{a}\n\n{b}" for a, b, s in triples],
        [f"{a}\n\n{s}\n\n{b}" for a, b, s in triples],
        [f"{a}\n\n{b}\n\n{s}" for a, b, s in triples],
    )


@dataclass(frozen=True)
class PageParts:
    """What restoring pages did to their documents, summed over the pages.

    ``clean_distance`` is the token distance between each clean document and
    what it became, over ``clean_tokens`` tokens, ``clean_unchanged`` of
    ``clean_count`` documents byte-identical; ``spun_distance`` and
    ``restored_distance`` are those of the spun document from its original
    before and after restoring, for gap closed.
    """

    clean_distance: int = 0
    clean_tokens: int = 0
    clean_unchanged: int = 0
    clean_count: int = 0
    spun_distance: int = 0
    restored_distance: int = 0

    def __add__(self, other: PageParts) -> PageParts:
        return PageParts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


def restore_pages(
    restore_fn: RestoreFn, pages: Sequence[str], spun_at: int, originals: dict[str, str]
) -> PageParts:
    """Restore ``pages`` and measure each of their documents: the clean ones for false
    edits, the spun one (at ``spun_at``, its original in ``originals``) for gap closed.

    The documents of a page are joined by blank lines, which the held-out
    documents and their spins do not hold. A page judged spun is read as a
    whole unless a half of it is judged apart, so its clean documents are
    exposed to edits that clean documents alone never get, and its spun
    document may be restored less than alone.
    """
    total = PageParts()
    for page in pages:
        before = page.split("\n\n")
        after = restore_fn(page).split("\n\n")
        if len(after) != len(before):
            raise SystemExit("quality.py: a page's documents hold blank lines; cannot align them")
        for k, (doc, restored) in enumerate(zip(before, after, strict=True)):
            if k == spun_at:
                original = originals[doc]
                total += PageParts(
                    spun_distance=metrics.distance(doc, original),
                    restored_distance=metrics.distance(restored, original),
                )
                continue
            total += PageParts(
                metrics.distance(restored, doc), len(metrics.tokens(doc)), restored == doc, 1
            )
    return total


def _print_pages(
    docs: Sequence[dict[str, str]],
    spun: Sequence[spinner.SpunText],
    restorers: Sequence[Restorer],
) -> None:
    clean_first, spun_first = partial_pages(docs, spun)
    first, middle, last = pages_of_three(docs, spun)
    print(
        f"\nPARTLY SPUN pages: {len(clean_first)} pairs of held-out documents, one spun; "
        f"{len(first)} triples, one spun"
    )
    placed = [(clean_first, 1), (spun_first, 0), (first, 0), (middle, 1), (last, 2)]
    originals = {s.text: s.original for s in spun}
    for r in restorers:
        print(
            f"  [{r.name}] judged spun: clean document first "
            f"{judged_spun(r.spin_score, clean_first):.1%}, "
            f"spun document first {judged_spun(r.spin_score, spun_first):.1%}; of three, "
            f"spun first {judged_spun(r.spin_score, first):.1%}, "
            f"in the middle {judged_spun(r.spin_score, middle):.1%}, "
            f"last {judged_spun(r.spin_score, last):.1%}"
        )
        parts = sum(
            (restore_pages(r.restore, pages, at, originals) for pages, at in placed), PageParts()
        )
        gap = metrics.gap_closed([parts.spun_distance], [parts.restored_distance])
        print(
            f"  [{r.name}] the clean documents beside the spun one: false edits "
            f"{1e4 * parts.clean_distance / max(parts.clean_tokens, 1):.2f} per 10k tokens, "
            f"byte-identical {parts.clean_unchanged / max(parts.clean_count, 1):.1%} of "
            f"{parts.clean_count}; the spun ones: gap closed {gap:.3f}"
        )


def _print_other_field(
    title: str, docs: Sequence[dict[str, str]], restorers: Sequence[Restorer], seed: int
) -> None:
    """Figures for clean documents of another field, and for the same spun."""
    spun = [spinner.spin(d["text"], seed=seed, key=d["id"]) for d in docs]
    print(f"\n{title}")
    for r in restorers:
        o = evaluate(r.restore, r.spin_score, docs, spun=spun)
        judged = judged_spun(r.spin_score, [d["text"] for d in docs])
        print(
            f"  [{r.name}] clean: false edits {o['false_edits_per_10k']:.2f} per 10k tokens, "
            f"byte-identical {o['clean_identical']:.1%}, judged spun {judged:.1%}; "
            f"spun: gap closed {o['gap_closed']:.3f}, edit precision {o['edit_precision']:.3f}, "
            f"spin_score AUC {o['auc']:.3f}"
        )


#: The thresholds ``--curve`` measures the engine at.
CURVE = (0.8, 0.85, 0.9, 0.95)


def _print_curve(docs: Sequence[dict[str, str]], spun: Sequence[spinner.SpunText]) -> None:
    """The engine on the simulated set at each ``min_score`` of :data:`CURVE`: what a
    lower threshold gains in recall and costs in precision."""
    import restore

    engine = restore.default_restorer()
    print("\nMIN_SCORE curve: the engine on the simulated set at each threshold")
    for threshold in CURVE:

        def restored(text: str, t: float = threshold) -> str:
            return engine.restore(text, min_score=t)

        r = evaluate(
            restored,
            engine.spin_score,
            docs,
            spun=spun,
        )
        print(
            f"  min_score {threshold:.2f}: gap closed {r['gap_closed']:.3f}, "
            f"edit precision {r['edit_precision']:.3f}, clean false edits "
            f"{r['false_edits_per_10k']:.2f} per 10k tokens, byte-identical "
            f"{r['clean_identical']:.1%}"
        )


def use_weights(folder: Path) -> None:
    """Have the engine read its weights from ``folder`` instead of the package's data: a
    model trained with another seed or from changed code (see ``scripts/train_model.py``)."""
    from restore import model

    if not (folder / "model.json").exists():
        raise SystemExit(f"quality: no model.json in {folder} (see train_model.py --output)")
    model._use_weights(folder)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="held-out docs to use")
    parser.add_argument("--seed", type=int, default=0, help="spinner seed")
    parser.add_argument(
        "--restorers",
        help="comma list of identity, tables, engine, engine-no-lm (default: all but "
        "engine-no-lm, and it too when the language model is installed)",
    )
    parser.add_argument(
        "--curve",
        action="store_true",
        help="also the engine's figures on the simulated set at min_score "
        + ", ".join(map(str, CURVE)),
    )
    parser.add_argument(
        "--weights",
        type=Path,
        help="the engine's model.json and spinner-words.tsv.gz from this folder, as "
        "scripts/train_model.py --output writes them (default: the package's)",
    )
    args = parser.parse_args(argv)
    if args.weights is not None:
        use_weights(args.weights)

    docs = load_held_out(args.docs)
    spun = [spinner.spin(d["text"], seed=args.seed, key=d["id"]) for d in docs]
    if args.restorers is None:
        from restore.language_model import available

        args.restorers = "identity,tables,engine" + (",engine-no-lm" if available() else "")
    restorers = _restorers(args.restorers.split(","))
    _print_simulated(docs, spun, args.seed)
    for r in restorers:
        _print_result(r.name, evaluate(r.restore, r.spin_score, docs, spun=spun))
    _print_pages(docs, spun, restorers)
    _print_short(restorers, docs, args.seed)
    if args.curve:
        _print_curve(docs, spun)

    other = load_other_field()
    _print_other_field(
        f"OTHER FIELD set: {len(other)} installed distributions' descriptions, "
        f"{_word_count(d['text'] for d in other)} words of prose (varies with the environment)",
        other,
        restorers,
        args.seed,
    )
    docstrings = load_docstrings()
    _print_other_field(
        f"DOCSTRINGS set: {len(docstrings)} modules of the Python {sys.version_info[0]}."
        f"{sys.version_info[1]} standard library, "
        f"{_word_count(d['text'] for d in docstrings)} words of docstring prose",
        docstrings,
        restorers,
        args.seed,
    )

    reports = load_news()
    news_words = _word_count(o for _, _, o in reports)
    news_distance = sum(metrics.distance(sp, o) for _, sp, o in reports)
    news_tokens = sum(len(metrics.tokens(o)) for _, _, o in reports)
    print(
        f"\nNEWS set: {len(reports)} news reports spun by hand, {news_words} words, "
        f"d(spun, original) {100 * news_distance / news_tokens:.1f} per 100 tokens"
    )
    for r in restorers:
        news = evaluate_news(r, reports)
        edits = news["edits"]
        assert isinstance(edits, metrics.EditCounts)
        print(
            f"  [{r.name}] spun: gap closed {news['gap_closed']:.3f}, edit precision "
            f"{edits.precision:.3f} ({edits.correct}/{edits.changed} tokens), judged spun "
            f"{news['spun_judged']}/{len(reports)}; originals: judged spun "
            f"{news['clean_judged']}/{len(reports)}, changed {news['clean_changed']}"
        )
        swaps = news["swaps"]
        assert isinstance(swaps, int)
        print(
            f"    of {swaps} changed spans: restored {news['swaps_fixed']}, restored by all "
            f"findings whatever their score {news['swaps_proposed']}"
        )

    pairs = load_real_pairs()
    print(f"\nREAL set: {len(pairs)} aligned (spun, original) pairs from one news article")
    print("  (phrases only, no article context; per-pair figures test isolated phrases,")
    print("   gap closed treats the pairs as one newline-separated document)")
    for r in restorers:
        real = evaluate_real(r, pairs)
        print(
            f"  [{r.name}] restored {real['restored']}/{len(pairs)}, "
            f"proposed {real['proposed']}/{len(pairs)}, gap closed {real['gap_closed']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
