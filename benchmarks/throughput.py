"""Throughput of ``restore`` next to the steps it runs beside in a cleaning pipeline.

A corpus pipeline already runs ftfy and a tokenizer over every document, so
those are the yardsticks: on the same texts, in the same process, this script
prints words/s and MB/s of ``restore.find`` and ``restore.restore`` next to
``ftfy.fix_text`` and a plain ``regex`` tokenizing pass, on

* clean held-out press releases (``zlib.crc32(id) % 5 == 0``),
* other held-out documents heavily spun by ``spinner.py``,
* a mix of 90 % clean and 10 % spun documents, the shape of a scraped corpus,
* clean prose of another field (the installed packages' descriptions, as in
  ``quality.py``): a web crawl is not press releases, and the cheap screen that
  keeps clean statements fast lets most such text through to be read word by word.

``restore`` remembers what it computed for recent words and contexts, as a
long corpus run does, so the engine is first warmed on training documents,
clean and spun, and every timed ``find`` or ``restore`` then reads held-out
documents it has not seen:
each corpus is a separate slice of the held-out documents, and each round
times ``find`` and ``restore`` on separate parts of it. Timing a second pass
over the same texts would measure the caches, not the engine.

It also starts fresh interpreters to time ``import restore`` and the first
result, and to read the peak resident memory after restoring the warm-up
documents and both corpora (the caches fill as a run goes on); with
``--long-run``, also after restoring the whole corpus and then every
held-out document spun, as full as a corpus run fills them. It checks that
words/s stays flat as one document grows from 1 KB to 10 MB.
Every figure is printed next to its target. Words are counted as
``restore.text.WORD_PATTERN`` matches, bytes as UTF-8.

    python benchmarks/throughput.py            # 350 documents per corpus
    python benchmarks/throughput.py --quick    # a smaller, faster run
    python benchmarks/throughput.py --docs 1000
    python benchmarks/throughput.py --warm-up 2000   # nearer a long corpus run
    python benchmarks/throughput.py --long-run       # and the memory of a whole corpus run
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

sys.path.insert(0, str(SRC))

import restore  # noqa: E402
from restore.text import WORD_PATTERN  # noqa: E402

#: restore on clean text must be at least this many times as fast as ftfy (words/s).
CLEAN_VS_FTFY = 5.0
#: ... and on heavily spun text at least this many times.
SPUN_VS_FTFY = 1.5
#: Clean restore in absolute words/s, close to a tokenizing pass.
CLEAN_WORDS_PER_SECOND = 1.6e6
#: ``import restore`` plus restoring one short text, in a fresh interpreter.
FIRST_RESULT_SECONDS = 0.5
PEAK_RSS_MB = 250.0
#: Time is linear in length if no document is read more than this much slower per word
#: than a shorter one was (words/s at a length / best words/s at any shorter length).
FLAT_RATIO = 0.7

#: Documents per round of timing: each round runs every step in turn.
ROUND_DOCUMENTS = 12

SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)
#: Training documents restored before any timing, clean and spun.
WARM_UP = 200
SHORT_TEXT = "The imaginative and prescient of profound learning is clear."


@dataclass(frozen=True)
class Corpus:
    name: str
    texts: tuple[str, ...]
    #: Yields the corpus's texts, then more like them, without end (for long documents).
    more: Callable[[], Iterator[str]]

    @property
    def words(self) -> int:
        return count_words(self.texts)

    @property
    def megabytes(self) -> float:
        return count_megabytes(self.texts)


def count_words(texts: Sequence[str]) -> int:
    return sum(len(WORD_PATTERN.findall(t)) for t in texts)


def count_megabytes(texts: Sequence[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def held_out_texts(limit: int, *, held_out: bool = True) -> list[tuple[str, str]]:
    """``(id, text)`` of clean held-out (or training) documents, in file order."""
    from quality import load_held_out

    return [(doc["id"], doc["text"]) for doc in load_held_out(limit, held_out=held_out)]


def spinner_or_none() -> Callable[[str, str, int], str] | None:
    """``spin(text, id, seed)`` by the simulator, or None where it cannot run."""
    try:
        import spinner
    except ImportError as error:
        print(f"  spun corpus unavailable: benchmarks/spinner.py does not import ({error})")
        return None
    if not spinner.MYTHES_DAT.exists():
        print(f"  spun corpus unavailable: {spinner.MYTHES_DAT} is missing (apt mythes-en-us)")
        return None
    return lambda text, doc_id, seed: spinner.spin(text, seed=seed, key=doc_id).text


def corpora_of(
    docs: Sequence[tuple[str, str]], limit: int, spin: Callable[[str, str, int], str] | None
) -> list[Corpus]:
    """Clean, spun and mixed corpora of ``limit`` documents each, from separate documents.

    Their endless texts cycle through the corpus; a spun corpus is spun anew
    with another seed each cycle, so a long document does not repeat itself.
    """
    slices = [docs[k * limit : (k + 1) * limit] for k in range(3)]

    def cycled(part: Sequence[tuple[str, str]], spun_every: int) -> Callable[[], Iterator[str]]:
        def texts() -> Iterator[str]:
            for seed in itertools.count():
                for i, (doc_id, text) in enumerate(part):
                    if spin is not None and spun_every and i % spun_every == 0:
                        yield spin(text, doc_id, seed)
                    else:
                        yield text

        return texts

    def corpus(name: str, part: Sequence[tuple[str, str]], spun_every: int) -> Corpus:
        more = cycled(part, spun_every)
        return Corpus(name, tuple(itertools.islice(more(), len(part))), more)

    if spin is None:
        return [corpus("clean", slices[0], 0)]
    return [
        corpus("clean", slices[0], 0),
        corpus("spun", slices[1], 1),
        corpus("mixed", slices[2], 10),
    ]


def other_field_corpus() -> Corpus | None:
    """Clean prose of another field, as ``quality.py`` loads it; None if there is none."""
    from quality import load_other_field

    texts = tuple(doc["text"] for doc in load_other_field())
    if not texts:
        print("  other-field corpus unavailable: no installed package has a long description")
        return None
    return Corpus("other", texts, lambda: itertools.cycle(texts))


def seconds_per_pass(function: Callable[[str], object], texts: Sequence[str]) -> float:
    """CPU time of one pass of ``function`` over ``texts``: on a shared machine, time
    the process waits for a core is not the step's."""
    start = time.process_time()
    for text in texts:
        function(text)
    return time.process_time() - start


def measure_corpora(
    corpora: Sequence[Corpus], repeat: int, warm_up: Sequence[str]
) -> dict[tuple[str, str], float]:
    """Words/s of each step on each corpus, printed as a table.

    In each round the steps run one after another over a few documents, in
    turn forwards and backwards, so that a machine whose speed drifts slows
    all alike: ftfy and the tokenizer over the round's part of the corpus,
    ``find`` over one half of it and ``restore`` over the other, so neither
    reads a text twice. ``repeat`` is the least number of rounds.
    """
    import ftfy

    steps: dict[str, Callable[[str], object]] = {
        "restore.find": restore.find,
        "restore.restore": restore.restore,
        "ftfy.fix_text": ftfy.fix_text,
        "regex tokenize": WORD_PATTERN.findall,
    }
    for text in warm_up:  # load the data and fill the caches a long run would have filled
        restore.restore(text)
    rates: dict[tuple[str, str], float] = {}
    print(f"\n{'corpus':<8} {'step':<16} {'words/s':>12} {'MB/s':>8} {'vs ftfy':>8}")
    for corpus in corpora:
        seconds = dict.fromkeys(steps, 0.0)
        words = dict.fromkeys(steps, 0)
        megabytes = dict.fromkeys(steps, 0.0)
        rounds = max(repeat, len(corpus.texts) // ROUND_DOCUMENTS)
        for round_ in range(rounds):
            part = corpus.texts[round_::rounds]
            # Halves alternate in pairs (ABBA), so every tenth text is not all in one.
            halves = (
                [t for i, t in enumerate(part) if i % 4 in (0, 3)],
                [t for i, t in enumerate(part) if i % 4 in (1, 2)],
            )
            texts = {
                "restore.find": halves[0],
                "restore.restore": halves[1],
                "ftfy.fix_text": part,
                "regex tokenize": part,
            }
            order = list(steps.items())
            for step, function in order if round_ % 2 == 0 else reversed(order):
                seconds[step] += seconds_per_pass(function, texts[step])
                words[step] += count_words(texts[step])
                megabytes[step] += count_megabytes(texts[step])
        for step in steps:
            rates[corpus.name, step] = words[step] / seconds[step]
            rates[corpus.name, step + " MB"] = megabytes[step] / seconds[step]
        for step in steps:
            ratio = rates[corpus.name, step] / rates[corpus.name, "ftfy.fix_text"]
            print(
                f"{corpus.name:<8} {step:<16} {rates[corpus.name, step]:>12,.0f} "
                f"{rates[corpus.name, step + ' MB']:>8.2f} {ratio:>7.2f}x"
            )
        print(
            f"{'':<8} ({len(corpus.texts)} documents, {corpus.words:,} words, "
            f"{corpus.megabytes:.1f} MB)"
        )
    return rates


def print_targets(rates: dict[tuple[str, str], float]) -> None:
    def ratio(corpus: str) -> float:
        return rates[corpus, "restore.restore"] / rates[corpus, "ftfy.fix_text"]

    print()
    check("clean restore vs ftfy (words/s)", ratio("clean"), CLEAN_VS_FTFY, "x")
    check("clean restore words/s", rates["clean", "restore.restore"], CLEAN_WORDS_PER_SECOND, "")
    if ("spun", "restore.restore") in rates:
        check("spun restore vs ftfy (words/s)", ratio("spun"), SPUN_VS_FTFY, "x")
        print(f"  {'mixed restore vs ftfy (words/s)':<40} {ratio('mixed'):>12.2f}x  no target")
    if ("other", "restore.restore") in rates:
        label = "other-field restore vs ftfy (words/s)"
        print(f"  {label:<40} {ratio('other'):>12.2f}x  no target")


def check(label: str, value: float, target: float, unit: str, *, at_most: bool = False) -> None:
    met = value <= target if at_most else value >= target
    relation = "<=" if at_most else ">="
    figure = f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    goal = f"{target:,.2f}" if target < 100 else f"{target:,.0f}"
    print(
        f"  {label:<40} {figure:>12}{unit}  target {relation} {goal}{unit}  "
        f"{'ok' if met else 'MISSED'}"
    )


def checkout_environment() -> dict[str, str]:
    """This process's environment, with this checkout's ``src`` first on ``PYTHONPATH``:
    a fresh interpreter started with it imports the code being measured."""
    paths = [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(paths))


def run_fresh(code: str, *args: str) -> str:
    """Run ``code`` in a fresh interpreter that imports from this checkout.

    The interpreter is started by a shell, not forked from this process: on
    Linux ``ru_maxrss`` keeps the high-water mark of the forked image across
    ``exec``, so a child forked from this (large) process would report this
    process's peak, not its own.
    """
    env = checkout_environment()
    command = ["/bin/sh", "-c", '"$0" "$@"; exit $?', sys.executable, "-c", code, *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"throughput: a fresh interpreter failed:\n{done.stderr}")
    return done.stdout.strip()


IMPORT_TIME = """
import time
start = time.perf_counter()
import restore
print(time.perf_counter() - start)
"""

FIRST_RESULT = f"""
import time
start = time.perf_counter()
import restore
restore.restore({SHORT_TEXT!r})
print(time.perf_counter() - start)
"""

PEAK_RSS = """
import json, resource, sys
import restore
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            restore.restore(json.loads(line))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure_startup(rounds: int) -> None:
    imports = [float(run_fresh(IMPORT_TIME)) for _ in range(rounds)]
    firsts = [float(run_fresh(FIRST_RESULT)) for _ in range(rounds)]
    print(f"\nfresh interpreter, median of {rounds}:")
    check("import restore (s)", statistics.median(imports), FIRST_RESULT_SECONDS, "", at_most=True)
    check(
        "import + first restore (s)",
        statistics.median(firsts),
        FIRST_RESULT_SECONDS,
        "",
        at_most=True,
    )


def peak_rss_after(parts: Sequence[tuple[str, Sequence[str]]]) -> float:
    """Peak resident memory, in MB, of a fresh process that restores the texts of each
    ``(name, texts)`` part in turn."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, texts in parts:
            path = Path(folder) / f"{name}.jsonl"
            path.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
            paths.append(str(path))
        return float(run_fresh(PEAK_RSS, *paths))


def measure_peak_rss(corpora: Sequence[Corpus], warm_up: Sequence[str]) -> None:
    """Peak resident memory of a fresh process that restores ``warm_up`` and then ``corpora``:
    what the timed engine held, caches filled as far."""
    peak = peak_rss_after([("warm-up", warm_up), *((c.name, c.texts) for c in corpora)])
    names = " + ".join([f"{len(warm_up)} warm-up", *(c.name for c in corpora)])
    check(f"peak RSS after {names} (MB)", peak, PEAK_RSS_MB, "", at_most=True)


def measure_long_run(spin: Callable[[str, str, int], str] | None) -> None:
    """Peak resident memory of a fresh process that restores every document of the corpus
    and then every held-out one spun: the caches as full as a long corpus run fills them."""
    from quality import CORPUS

    with CORPUS.open(encoding="utf-8") as lines:
        clean = [json.loads(line)["text"] for line in lines]
    held_out = held_out_texts(len(clean))
    spun = [spin(text, doc_id, 0) for doc_id, text in held_out] if spin else []
    peak = peak_rss_after([("corpus", clean), ("spun", spun)])
    label = f"peak RSS, all {len(clean):,} documents then {len(spun):,} spun (MB)"
    check(label, peak, PEAK_RSS_MB, "", at_most=True)


def document_of(texts: Iterator[str], size: int) -> str:
    """One document of about ``size`` code points, cut at whitespace, from ``texts``."""
    pieces, length = [], 0
    while length < size:
        pieces.append(next(texts))
        length += len(pieces[-1]) + 2
    joined = "\n\n".join(pieces)
    cut = joined.rfind(" ", 0, size)
    return joined[: cut if cut > size // 2 else size]


def measure_scaling(corpora: Sequence[Corpus], sizes: Sequence[int]) -> None:
    """Words/s of ``restore.restore`` on single documents of growing length.

    Each document continues the corpus where the last one stopped, so no
    length is timed on text a shorter one has already read; small documents
    are timed over enough of them to take a second.
    """
    print(f"\n{'length':>8} " + " ".join(f"{c.name + ' words/s':>18}" for c in corpora))
    rates: dict[str, list[float]] = {c.name: [] for c in corpora}
    streams = {c.name: c.more() for c in corpora}
    for size in sizes:
        row = []
        for corpus in corpora:
            words, elapsed = 0, 0.0
            while elapsed < 1.0 or not words:
                text = document_of(streams[corpus.name], size)
                start = time.process_time()
                restore.restore(text)
                elapsed += time.process_time() - start
                words += len(WORD_PATTERN.findall(text))
            rates[corpus.name].append(words / elapsed)
            row.append(f"{rates[corpus.name][-1]:>18,.0f}")
        label = f"{size // 1000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"
        print(f"{label:>8} " + " ".join(row))
    for name, values in rates.items():
        # A short document pays a fixed cost per document (and short ones pass the
        # screen more often), so it may be slower per word; what must not happen is
        # a longer one being slower per word than a shorter one.
        growth = min(rate / max(values[:k]) for k, rate in enumerate(values) if k)
        check(f"{name} scaling: per-word rate vs shorter", growth, FLAT_RATIO, "")
        print(f"  {'':<40} (slowest/fastest of all lengths {min(values) / max(values):.2f})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=350, help="documents per corpus (350)")
    parser.add_argument(
        "--quick", action="store_true", help="100 documents, one timing pass, sizes up to 1 MB"
    )
    parser.add_argument(
        "--warm-up",
        type=int,
        default=WARM_UP,
        metavar="N",
        help=f"training documents restored, clean and spun, before timing ({WARM_UP})",
    )
    parser.add_argument(
        "--long-run",
        action="store_true",
        help="also the peak memory of restoring the whole corpus, then the held-out "
        "documents spun (about a minute more)",
    )
    args = parser.parse_args(argv)
    limit = 100 if args.quick and args.docs == 350 else args.docs
    repeat = 1 if args.quick else 3
    sizes = SIZES[:-1] if args.quick else SIZES

    print(f"restore {restore.__version__} from {Path(restore.__file__).parent}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, one process")
    from restore.language_model import available

    print(f"language model (restore[lm]): {'installed, used' if available() else 'not installed'}")
    docs = held_out_texts(3 * limit)
    if len(docs) < 3 * limit:
        limit = len(docs) // 3
        print(f"only {len(docs)} held-out documents: {limit} per corpus")
    spin = spinner_or_none()
    corpora = corpora_of(docs, limit, spin)
    other = other_field_corpus()
    training = held_out_texts(args.warm_up, held_out=False)
    warm_up = [text for _, text in training]
    if spin is not None:
        warm_up += [spin(text, doc_id, 0) for doc_id, text in training]

    rates = measure_corpora([*corpora, *([other] if other else [])], repeat, warm_up)
    print_targets(rates)
    measure_startup(rounds=3)
    measure_peak_rss(corpora[:2], warm_up)
    if args.long_run:
        measure_long_run(spin)
    measure_scaling(corpora[:2], sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
