"""How well does collocation evidence tell an original word from a spinner's synonym?

Takes random content-word positions in the held-out documents of
``../shared/corpus/whitehouse_statements``, swaps each word for a random
WordNet synonym (what a sense-blind spinner does) and counts how often each
score prefers the original in its context:

- ``ngrams``: ``restore.ngrams.fit(prev, word, next)``, the shipped bigram model;
- ``wordfreq``: unigram Zipf frequency alone, no context;
- ``ngrams+wordfreq``: the two log10 scores added;
- ``pocketsphinx`` (if installed): the same bigram window under its en-us trigram LM,
  with and without two further words of context, and added to ``ngrams``.

With ``--other-field`` the words are swapped in clean text of another field
(the installed packages' descriptions, as in ``quality.py``) instead.
Ties count as half a win and are also reported. Run from the repository root:
``PYTHONPATH=src python benchmarks/collocation.py [--samples 3000] [--seed 1] [--other-field]``.
Needs WordNet (Debian ``wordnet-base``) at ``/usr/share/wordnet``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from wordfreq import word_frequency, zipf_frequency

from restore.ngrams import fit
from restore.text import WORD_PATTERN, fold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse_statements" / "docs.jsonl"
WORDNET = Path("/usr/share/wordnet")
# Closed-class and auxiliary words WordNet also lists as lemmas; a spinner's
# synonym table leaves them alone or handles them as phrases.
FUNCTION_WORDS = frozenset(
    """a an the and or but if of in on at by for with to from as is are was were be been being am
    do does did have has had will would can could may might must shall should not no yes this
    that these those it its he she they we you i me him her them us our their his my your who
    whom which what when where why how all any some each every one two also very just so than
    then there here up out over only more most such""".split()  # noqa: SIM905
)

Context = tuple[str | None, str | None, str | None, str | None]  # prev2, prev, next, next2
Case = tuple[Context, str, str]  # context, original, synonym


def is_held_out(doc_id: str) -> bool:
    return zlib.crc32(doc_id.encode("utf-8")) % 5 == 0


def load_synonyms() -> dict[str, list[str]]:
    """Single-word WordNet synonyms: same synset, plus similar-to links for adjectives."""
    synsets: dict[tuple[str, str], list[str]] = {}
    similar: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with (WORDNET / f"data.{pos}").open(encoding="latin-1") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split()
                offset, ss_type = fields[0], fields[2]
                count = int(fields[3], 16)
                lemmas = [fields[4 + 2 * k].split("(")[0].lower() for k in range(count)]
                key = (offset, "a" if ss_type == "s" else ss_type)
                synsets[key] = lemmas
                at = 4 + 2 * count
                pointers = int(fields[at])
                for k in range(pointers):
                    symbol, target, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
                    if symbol == "&":
                        tpos = "a" if target_pos == "s" else target_pos
                        similar.setdefault(key, []).append((target, tpos))
    synonyms: dict[str, set[str]] = {}
    for key, lemmas in synsets.items():
        group = set(lemmas)
        for other in similar.get(key, []):
            group.update(synsets.get(other, []))
        for lemma in lemmas:
            synonyms.setdefault(lemma, set()).update(group)
    return {
        w: sorted(s for s in syn if s != w and "_" not in s and "-" not in s and s.isalpha())
        for w, syn in synonyms.items()
        if w.isalpha()
    }


def iter_positions(text: str) -> Iterator[tuple[str, Context]]:
    """Each lower-case word of ``text`` with its joined neighbours (None across punctuation)."""
    matches = list(WORD_PATTERN.finditer(text))
    gaps = [text[matches[k - 1].end() : m.start()] if k else "\n\n" for k, m in enumerate(matches)]
    # The same rule as scripts/build_ngrams.py: whitespace alone, no blank line.
    joined = [(g == "" or g.isspace()) and g.count("\n") < 2 for g in gaps]
    folded = [fold(m.group()) for m in matches]

    def left(k: int) -> str | None:
        return folded[k - 1] if k > 0 and joined[k] else None

    def right(k: int) -> str | None:
        return folded[k + 1] if k + 1 < len(matches) and joined[k + 1] else None

    for k, m in enumerate(matches):
        if not m.group().islower():
            continue
        prev, nxt = left(k), right(k)
        prev2 = left(k - 1) if prev is not None else None
        next2 = right(k + 1) if nxt is not None else None
        yield folded[k], (prev2, prev, nxt, next2)


def held_out_texts() -> Iterator[str]:
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if is_held_out(doc["id"]):
                yield doc["text"]


def sample_cases(samples: int, seed: int, texts: Iterable[str]) -> list[Case]:
    synonyms = load_synonyms()
    plausible = {
        w: [s for s in syn if zipf_frequency(s, "en") >= 2.5] for w, syn in synonyms.items()
    }
    positions: list[tuple[str, Context]] = []
    for text in texts:
        for word, context in iter_positions(text):
            if len(word) >= 3 and word not in FUNCTION_WORDS and plausible.get(word):
                positions.append((word, context))
    rng = random.Random(seed)
    chosen = rng.sample(positions, min(samples, len(positions)))
    return [(context, word, rng.choice(plausible[word])) for word, context in chosen]


def score_ngrams(context: Context, word: str) -> float:
    return fit(context[1], word, context[2])


def score_wordfreq(context: Context, word: str) -> float:
    return zipf_frequency(word, "en")


def score_combined(context: Context, word: str) -> float:
    return fit(context[1], word, context[2]) + math.log10(word_frequency(word, "en") + 1e-9)


def pocketsphinx_scorers() -> dict[str, Callable[[Context, str], float]]:
    """Scores under pocketsphinx's en-us LM, queried through the package (if installed)."""
    try:
        import pocketsphinx
    except ImportError:
        return {}
    path = os.path.join(pocketsphinx.get_model_path(), "en-us", "en-us.lm.bin")
    lm = pocketsphinx.NGramModel.readfile(path)
    to_log10 = math.log10(1.0001)  # pocketsphinx's default LogMath base
    unknown = -8.0  # log10 floor for a word the LM lacks (it reports about -53,687)

    def log_prob(word: str, *history: str) -> float:
        # prob() takes the predicted word first, then its history nearest-first.
        if lm.prob([word]) < -1e8:
            return unknown
        return float(lm.prob([word, *reversed(history)])) * to_log10

    def window(words: list[str | None], centre: int, order: int) -> float:
        score = 0.0
        last = max(k for k, w in enumerate(words) if w is not None)
        for k in range(centre, last + 1):
            history: list[str] = []
            for j in range(k - 1, max(k - order, -1), -1):
                w = words[j]
                if w is None:
                    break
                history.insert(0, w)
            if not history and k != centre:
                break
            score += log_prob(words[k] or "", *history)
        return score

    def bigram(context: Context, word: str) -> float:
        prev, nxt = context[1], context[2]
        return window([prev, word, nxt], 1, 2) if prev else window([word, nxt], 0, 2)

    def trigram(context: Context, word: str) -> float:
        prev2, prev, nxt, next2 = context
        words = [prev2, prev, word, nxt, next2]
        centre = (prev is not None) + (prev2 is not None)
        return window(words[2 - centre :], centre, 3)

    return {
        "pocketsphinx bigram window": bigram,
        "pocketsphinx trigram window": trigram,
        "ngrams+pocketsphinx": lambda c, w: score_ngrams(c, w) + bigram(c, w),
    }


def measure(cases: list[Case], score: Callable[[Context, str], float]) -> tuple[float, float]:
    wins = ties = 0
    for context, original, synonym in cases:
        a, b = score(context, original), score(context, synonym)
        wins += a > b
        ties += a == b
    return (wins + ties / 2) / len(cases), ties / len(cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--other-field",
        action="store_true",
        help="swap words in the installed packages' descriptions (see quality.py), not the corpus",
    )
    args = parser.parse_args()
    if not CORPUS.exists() or not WORDNET.exists():
        sys.exit("collocation.py: needs ../shared/corpus and /usr/share/wordnet")
    if args.other_field:
        import quality

        texts: Iterable[str] = [d["text"] for d in quality.load_other_field()]
        where = "other-field documents"
    else:
        texts, where = held_out_texts(), "held-out documents"
    cases = sample_cases(args.samples, args.seed, texts)
    with_left = sum(1 for c, _, _ in cases if c[1] is not None)
    with_right = sum(1 for c, _, _ in cases if c[2] is not None)
    print(f"{len(cases)} swaps in {where}; {with_left} with a joined left")
    print(f"neighbour, {with_right} with a joined right neighbour. Examples:")
    for (_, prev, nxt, _), original, synonym in cases[:5]:
        print(f"  {prev} [{original} -> {synonym}] {nxt}")
    scorers: dict[str, Callable[[Context, str], float]] = {
        "ngrams": score_ngrams,
        "wordfreq": score_wordfreq,
        "ngrams+wordfreq": score_combined,
    }
    scorers.update(pocketsphinx_scorers())
    print(f"{'score':<30}{'original wins':>14}{'ties':>8}{'µs/score':>10}")
    for name, score in scorers.items():
        start = time.perf_counter()
        accuracy, ties = measure(cases, score)
        per_score = (time.perf_counter() - start) / (2 * len(cases)) * 1e6
        print(f"{name:<30}{accuracy:>14.1%}{ties:>8.1%}{per_score:>10.1f}")


if __name__ == "__main__":
    main()
