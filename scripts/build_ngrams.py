"""Build the shipped collocation counts in ``src/restore/data/`` from the clean corpus.

Counts words and adjacent word pairs in the non-held-out documents of
``../shared/corpus/whitehouse_statements``. A pair is counted only when the
two words are separated by whitespace alone (no comma, period or paragraph
break between them), so a collocation never spans a phrase boundary. A
clitic ``'s`` is a word of its own and follows its host with no gap.

Output (see ``restore.ngrams`` for the reader):

- ``ngrams.vocab.tsv``: one word per line with its counts, most frequent first;
  a word's line number (0-based, after the header) is its id.
- ``ngrams.bigrams.bin``: little-endian arrays: ``uint32`` first-word ids,
  ``uint32`` second-word ids, ``uint32`` counts, sorted by (first, second).

Usage: ``python scripts/build_ngrams.py [--min-word N] [--min-pair N] [--measure-trigrams]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from restore.text import WORD_PATTERN, fold, joins  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse_statements" / "docs.jsonl"
DATA = ROOT / "src" / "restore" / "data"
FORMAT_VERSION = 1


def is_held_out(doc_id: str) -> bool:
    """The project-wide held-out split: one document in five, by id."""
    return zlib.crc32(doc_id.encode("utf-8")) % 5 == 0


def iter_documents(held_out: bool) -> Iterator[dict[str, str]]:
    """Documents of one side of the split, in corpus order."""
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if is_held_out(doc["id"]) == held_out:
                yield doc


def is_joining_gap(gap: str) -> bool:
    """True if two words separated by ``gap`` form one phrase: nothing (before a clitic),
    or whitespace with no blank line, as :func:`restore.text.joins` reads text."""
    return gap == "" or joins(gap)


def iter_runs(text: str) -> Iterator[list[str]]:
    """Runs of folded words in ``text`` that are joined by whitespace alone."""
    run: list[str] = []
    end = 0
    for match in WORD_PATTERN.finditer(text):
        if run and not is_joining_gap(text[end : match.start()]):
            yield run
            run = []
        run.append(fold(match.group()))
        end = match.end()
    if run:
        yield run


def count(
    held_out: bool, with_trigrams: bool = False
) -> tuple[Counter[str], Counter[tuple[str, str]], Counter[tuple[str, str, str]], int]:
    """Unigram, bigram (and optionally trigram) counts and the document count."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    trigrams: Counter[tuple[str, str, str]] = Counter()
    documents = 0
    for doc in iter_documents(held_out):
        documents += 1
        for run in iter_runs(doc["title"] + "\n\n" + doc["text"]):
            unigrams.update(run)
            bigrams.update(itertools.pairwise(run))
            if with_trigrams:
                trigrams.update(zip(run, run[1:], run[2:], strict=False))
    return unigrams, bigrams, trigrams, documents


def git_commit() -> str:
    """The repository commit the build ran at, for the provenance note."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


def build(min_word: int, min_pair: int) -> None:
    """Count, prune and write the vocabulary and bigram tables."""
    unigrams, bigrams, _, documents = count(held_out=False)
    # Kneser-Ney statistics are taken before pruning, so the pruned pairs' mass
    # is handed to the backoff instead of disappearing.
    left_total: Counter[str] = Counter()
    followers: Counter[str] = Counter()
    predecessors: Counter[str] = Counter()
    for (w1, w2), n in bigrams.items():
        left_total[w1] += n
        followers[w1] += 1
        predecessors[w2] += 1

    vocab = [w for w, n in unigrams.most_common() if n >= min_word]
    ids = {w: i for i, w in enumerate(vocab)}
    kept = sorted(
        (ids[w1], ids[w2], n)
        for (w1, w2), n in bigrams.items()
        if n >= min_pair and w1 in ids and w2 in ids
    )

    total_words = sum(unigrams.values())
    total_pairs = sum(bigrams.values())
    # The absolute discount of Kneser-Ney smoothing (Ney, Essen & Kneser 1994).
    once = sum(1 for n in bigrams.values() if n == 1)
    twice = sum(1 for n in bigrams.values() if n == 2)
    discount = round(once / (once + 2 * twice), 4)
    DATA.mkdir(parents=True, exist_ok=True)
    with (DATA / "ngrams.vocab.tsv").open("w", encoding="utf-8", newline="\n") as out:
        header = {
            "format": FORMAT_VERSION,
            "total_words": total_words,
            "total_pairs": total_pairs,
            "pair_types": len(bigrams),
            "vocabulary": len(vocab),
            "kept_pairs": len(kept),
            "discount": discount,
        }
        out.write("# restore n-gram vocabulary " + json.dumps(header, sort_keys=True) + "\n")
        out.write("# source: White House statements, non-held-out split; see NGRAMS-SOURCE.md\n")
        out.write("word\tcount\tleft_total\tfollowers\tpredecessors\n")
        for w in vocab:
            out.write(f"{w}\t{unigrams[w]}\t{left_total[w]}\t{followers[w]}\t{predecessors[w]}\n")
    first = array("I", (k[0] for k in kept))
    second = array("I", (k[1] for k in kept))
    counts = array("I", (k[2] for k in kept))
    if sys.byteorder != "little":
        for column in (first, second, counts):
            column.byteswap()
    with (DATA / "ngrams.bigrams.bin").open("wb") as out:
        for column in (first, second, counts):
            out.write(column.tobytes())

    print(
        json.dumps(
            {
                "documents": documents,
                "total_words": total_words,
                "word_types": len(unigrams),
                "vocabulary_kept": len(vocab),
                "total_pairs": total_pairs,
                "pair_types": len(bigrams),
                "pair_singletons": once,
                "discount": discount,
                "pairs_kept": len(kept),
                "min_word": min_word,
                "min_pair": min_pair,
                "commit": git_commit(),
            },
            indent=1,
        )
    )


def measure_trigrams() -> None:
    """How often a held-out trigram was seen in training, next to its bigram."""
    _, train_bi, train_tri, _ = count(held_out=False, with_trigrams=True)
    _, test_bi, test_tri, _ = count(held_out=True, with_trigrams=True)
    seen_tri = sum(n for t, n in test_tri.items() if train_tri.get(t, 0) >= 2)
    seen_bi = sum(n for b, n in test_bi.items() if train_bi.get(b, 0) >= 2)
    print(f"held-out bigram tokens seen >=2 times in training: {seen_bi / test_bi.total():.1%}")
    print(f"held-out trigram tokens seen >=2 times in training: {seen_tri / test_tri.total():.1%}")
    print(f"trigram types with count >=2: {sum(1 for n in train_tri.values() if n >= 2)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-word", type=int, default=2, help="keep words seen this often")
    parser.add_argument("--min-pair", type=int, default=2, help="keep pairs seen this often")
    parser.add_argument(
        "--measure-trigrams", action="store_true", help="report trigram coverage and stop"
    )
    args = parser.parse_args()
    if args.measure_trigrams:
        measure_trigrams()
    else:
        build(args.min_word, args.min_pair)


if __name__ == "__main__":
    main()
