"""Fit the swap model's weights on synthetic spins of the training documents.

The model (``src/restore/model.py``) combines its evidence with logistic
weights and boosted trees. This script makes the data to fit them: it spins clean training
documents (never the held-out ones) with the engine's own candidate sources
read backwards (an original word replaced by a word whose candidates
include it), so every label is known, then fits

1. the spinner-word table: the log ratio of a word's rate in spun and in
   clean text (naive Bayes evidence, smoothed and pruned), fitted on one
   half of the documents (:func:`spinner_word_weight`);
2. the document gate's weights, on the other half, spun and clean, at
   varied lengths and spin rates;
3. the token model: logistic weights on every candidate of every scored
   site of spun documents (spun with a spinner's fixed swaps taken more
   often, :data:`CURATED_RATE`), then boosted trees (scikit-learn's histogram
   gradient boosting, deterministic), fitted on each word's best candidate,
   that refine its log-odds, and the document share's weights on those
   refined decisions;
4. on a third part, the gate's weights on the token model's strong words, and
   the final gate's, which judges a document read whole on its strong and its
   sure words (``SwapModel.final_features``);
5. on that part spun again, the weights with which a language model of general
   English weighs the engine's findings (``restore.model.context_score``), if
   pocketsphinx is installed (it is in the ``train`` extra).

The quality benchmark spins with a different thesaurus (MyThes) and other
rules, on held-out documents, so it measures how this generalises.

Needs the ``train`` extra (``pip install -e '.[train]'``). Usage:
``python scripts/train_model.py [--docs N] [--seed S] [--output DIR]`` (every
training document by default); writes ``model.json`` and ``spinner-words.tsv.gz``
to ``src/restore/data`` or to ``DIR``. With ``--final-gate-only`` it draws
the same spins, fits only the final gate on the token model there and writes
its weights into that ``model.json``, leaving the rest as it is;
with ``--screen-only``, likewise the screen's, and with
``--language-model-only``, the language model's.

The seed draws the documents' order, the split and every spin, and two seeds
give models whose figures differ by as much as many changes to the model do
(``benchmarks/README.md``): train a change with several seeds into folders of
their own and compare them with ``benchmarks/quality.py --weights DIR``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from restore import model as swap_model  # noqa: E402
from restore import ngrams, thesaurus  # noqa: E402
from restore.engine import Restorer  # noqa: E402
from restore.frequency import frequency  # noqa: E402
from restore.model import zipf  # noqa: E402
from restore.tables import default_tables  # noqa: E402
from restore.text import count_words, tokenize, words  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus" / "whitehouse_statements" / "docs.jsonl"
DATA = ROOT / "src" / "restore" / "data"


def training_documents(limit: int | None, seed: int) -> list[str]:
    """Texts of non-held-out corpus documents, shuffled with ``seed``."""
    if not CORPUS.exists():
        raise SystemExit(f"train_model: corpus not found at {CORPUS} (needs ../shared)")
    texts = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if zlib.crc32(doc["id"].encode("utf-8")) % 5 != 0:
                texts.append(doc["text"])
    random.Random(seed).shuffle(texts)
    return texts[:limit]


def spinner_word_weight(spun_rate: float, clean_rate: float, general_rate: float) -> float:
    """What a word says about spinning, per occurrence: the log ratio of its rate in
    spun statements to its rate in clean ones, and for a word spinners overuse at
    most its log ratio to general English (wordfreq's frequency, if known).

    A spinner's word is overused against general English too, not only
    against the corpus: "via" is rare in statements, not in manuals.

    The cap can turn a word spinners overuse into evidence of clean text:
    a word press statements use far less than English does ("you", "it",
    "minutes") gets a negative weight though the training spinner writes it
    more often than clean statements hold it. About half the table's
    negative weights come so (781 of 1,645 in the seed-13 training), and
    narrative news, which uses such words as English does, reads as clean
    to the screen (the strict xfails in ``tests/test_model.py``; the engine
    reads such text all the same where the words spinners overuse are dense
    in it, ``SwapModel.spinner_overuse``). The same words are what keeps clean
    text of other fields, and clean text that holds a spinner's phrases,
    from being judged spun, so they stay until something else does that
    (``benchmarks/README.md``, "Spinner-word evidence").

    >>> round(spinner_word_weight(4e-4, 1e-4, 2e-4), 6) == round(math.log(2), 6)
    True
    >>> round(spinner_word_weight(1e-4, 4e-4, 2e-4), 6) == round(math.log(0.25), 6)
    True
    """
    ratio = math.log(spun_rate) - math.log(clean_rate)
    if ratio > 0 and general_rate > 0:
        ratio = min(ratio, math.log(spun_rate / general_rate))
    return ratio


def spin_map() -> dict[str, list[tuple[str, str]]]:
    """original word -> [(spun form, relation)], the engine's candidates read backwards.

    Thesaurus entries of several words, made of words the corpus knows, are
    spun forms too: a spinner writes "component part" for "part" as readily
    as a single word. Sorted, so a seed gives the same spins in every process.
    """
    inverse: dict[str, list[tuple[str, str]]] = {}
    vocabulary = set(ngrams.load_model().vocabulary)
    phrases = {
        key for key in thesaurus.entries() if " " in key and vocabulary.issuperset(key.split(" "))
    }
    curated = {row.spun for t in default_tables() if t.kind == "candidate" for row in t.rows}
    keys = sorted(vocabulary | phrases | curated)
    for spun in keys:
        for candidate in thesaurus.candidates(spun):
            if candidate.original != spun and " " not in candidate.original:
                inverse.setdefault(candidate.original, []).append((spun, candidate.relation))
    return inverse


#: How often a thesaurus-driven spinner takes a replacement of each relation:
#: mostly synonyms, now and then a broader or narrower word. A curated swap is
#: what spinners are seen to write ("said" -> "mentioned"), so where an original
#: has one it is the usual choice, as in real spun text.
RELATION_WEIGHTS = {
    "curated": 20.0,
    "synonym": 1.0,
    "similar": 0.7,
    "hypernym": 0.25,
    "hyponym": 0.15,
}


#: The least share of words with a curated swap that the token model's training
#: spins swap, whatever share of the other words they swap. A spinner writes its
#: fixed swaps ("mentioned" for "said") nearly every time and thesaurus synonyms
#: now and then; spun uniformly, the model learned to doubt the fixed swaps as
#: much as any synonym. At 0.9 the simulated set's edit precision (another
#: spinner, which writes few of them) fell to 0.940; at 0.6 it stays at 0.95.
#: The screen and the gates learn from uniform spins: taught that fixed swaps
#: make a spun text, they judged many spins without them clean (simulated
#: AUC 0.964, gap closed 0.16).
CURATED_RATE = 0.6


#: Spinners' thesauri list common words first: a replacement one Zipf unit more
#: frequent is this power of ten more likely to be taken.
COMMON_PREFERENCE = 0.5


def match_case(found: str, replacement: str) -> str:
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def spin(
    text: str,
    inverse: dict[str, list[tuple[str, str]]],
    rate: float,
    rng: random.Random,
    *,
    names: bool = False,
    curated_rate: float = 0.0,
):
    """Spin ``text``; return the spun text and {(start, end): original} of each swap.

    A word with a curated swap is swapped at ``curated_rate`` at least.
    Capitalised words inside a sentence are swapped only with ``names``. The
    screen and the gate learn from spins that leave names alone, so that
    they judge a document by its ordinary words; the token model learns
    from spins that swap them too ("White Home", "Securities and Change
    Fee"), as real spinners, blind to case, do.
    """
    choice: dict[str, str | None] = {}
    pieces: list[str] = []
    swaps: dict[tuple[int, int], str] = {}
    position = 0
    out_length = 0
    for token in tokenize(text):
        norm = token.norm
        surface = token.surface
        if len(surface) > 1 and surface.isupper():
            continue
        if (
            not names
            and surface[:1].isupper()
            and token.start > 0
            and text[token.start - 2 : token.start - 1] not in ".\n"
        ):
            continue
        if norm not in choice:
            options = inverse.get(norm)
            take = rate
            if options and curated_rate > rate and any(r == "curated" for _, r in options):
                take = curated_rate
            if not options or rng.random() > take:
                choice[norm] = None
            else:
                spelled = [s for s, _ in options]
                weights = [
                    RELATION_WEIGHTS.get(relation, 0.1) * 10 ** (COMMON_PREFERENCE * zipf(s))
                    for s, relation in options
                ]
                choice[norm] = rng.choices(spelled, weights)[0]
        replacement = choice[norm]
        if replacement is None:
            continue
        between = text[position : token.start]
        pieces.append(between)
        out_length += len(between)
        new = match_case(surface, replacement)
        swaps[(out_length, out_length + len(new))] = norm
        pieces.append(new)
        out_length += len(new)
        position = token.end
    pieces.append(text[position:])
    return "".join(pieces), swaps


def truncate(text: str, rng: random.Random) -> str:
    """A prefix of ``text`` of a random length, ending at a word boundary."""
    tokens = tokenize(text)
    if len(tokens) < 60:
        return text
    keep = rng.randint(40, min(len(tokens) - 1, 1500))
    return text[: tokens[keep].start].rstrip()


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 60) -> np.ndarray:
    """Newton's method for L2-regularised logistic regression."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) / len(y) + l2 * w
        hessian = (x.T * (p * (1 - p))) @ x / len(y) + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


#: Boosting settings: shallow trees, as many as pay on held-back words of the training spins.
TREE_DEPTH = 3
TREE_COUNT = 100
TREE_RATE = 0.2


def fit_trees(x: np.ndarray, y: np.ndarray):
    """Gradient-boosted trees on ``x`` (rows laid out as ``tree_input`` does); deterministic."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_depth=TREE_DEPTH,
        max_iter=TREE_COUNT,
        learning_rate=TREE_RATE,
        early_stopping=False,
        random_state=0,
    ).fit(x, y)


def export_trees(boosted) -> dict[str, object]:
    """The trees in the layout :class:`restore.model.Trees` reads."""
    nodes = []
    for (predictor,) in boosted._predictors:
        tree = []
        for node in predictor.nodes:
            leaf = bool(node["is_leaf"])
            tree.append(
                [
                    -1 if leaf else int(node["feature_idx"]),
                    0.0 if leaf else float(node["num_threshold"]),
                    -1 if leaf else int(node["left"]),
                    -1 if leaf else int(node["right"]),
                    float(node["value"]) if leaf else 0.0,
                ]
            )
        nodes.append(tree)
    return {"baseline": float(boosted._baseline_prediction.ravel()[0]), "nodes": nodes}


def dump_model(meta: dict[str, object]) -> str:
    """``model.json``: one key a line, and each tree on one line."""
    trees = meta["trees"]
    assert isinstance(trees, dict)
    text = json.dumps({**meta, "trees": "TREES"}, indent=1)
    lines = ",\n".join("  " + json.dumps(tree) for tree in trees["nodes"])
    compact = f'{{\n  "baseline": {trees["baseline"]!r},\n  "nodes": [\n{lines}\n  ]\n }}'
    return text.replace('"TREES"', compact.replace("\n", "\n ")) + "\n"


def refit_shipped(
    part: str,
    weights: np.ndarray,
    documents: int,
    seed: int,
    out: Path,
    extra: dict[str, str] | None = None,
) -> None:
    """Write ``weights`` as the ``part`` weights of the ``model.json`` in ``out``, with where
    they come from (and the ``extra`` keys), leaving the rest as it is (``--screen-only``,
    ``--final-gate-only``, ``--language-model-only``)."""
    shipped = json.loads((out / "model.json").read_text(encoding="utf-8"))
    shipped[f"{part}_weights"] = [round(float(w), 5) for w in weights]
    shipped[f"{part}_trained_on"] = (
        f"{documents} documents of the corpus training split, synthetic spins, seed {seed}, "
        f"on the shipped weights; scripts/train_model.py --{part.replace('_', '-')}-only"
    )
    shipped.update(extra or {})
    (out / "model.json").write_text(dump_model(shipped), encoding="utf-8")


def language_model_source() -> dict[str, str]:
    """Which language model the language model's weights were fitted with."""
    from importlib.metadata import version

    return {
        "language_model_trained_with": (
            f"pocketsphinx {version('pocketsphinx')}, model/en-us/en-us.lm.bin"
        )
    }


def read_weights_from(out: Path) -> None:
    """Have the model read its weights from ``out``, where this training writes them."""
    if out.resolve() != DATA.resolve():
        swap_model._use_weights(out)


def gate_examples(
    scorer: swap_model.SwapModel, examples: list[tuple]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gate's and the final gate's features of each document, and its label.

    Strong and sure words are counted as ``SwapModel.read`` counts them for
    the final gate: every word outside names, each decided on its own.
    """
    gate_x, final_x, labels = [], [], []
    for doc, label, _, scan, _ in examples:
        total = sum(scan.counts.values())
        evidence = scorer.spinner_evidence(scan.counts)
        groups = scorer.sites(doc, [(s.start, s.end) for s in scan.findings])
        best = [
            scorer.decide(g, scan.counts, total)[0] for (_, name), g in groups.items() if not name
        ]
        strong, sure = swap_model.strong_and_sure(best)
        gate_x.append(scorer.gate_features(evidence, strong, total))
        final_x.append(scorer.final_features(evidence, strong, sure, total))
        labels.append(label)
    return np.array(gate_x), np.array(final_x), np.array(labels, dtype=float)


#: Least score of the findings the language model's weights are fitted on.
CONTEXT_FLOOR = 0.3


def fit_context(
    examples: list[tuple], inverse: dict[str, list[tuple[str, str]]], seed: int, curated_rate: float
) -> np.ndarray | None:
    """The weights of ``restore.model.context_score``, or None without pocketsphinx.

    The originals of the spun ``examples`` are spun again as the token model's
    documents are (names too, curated swaps often), with a generator of their
    own so that ``--language-model-only`` draws the same spins as a whole
    training. Each model finding scoring at least :data:`CONTEXT_FLOOR` is an
    example, labelled by whether it puts back the spinner's original.
    """
    from restore.language_model import load

    language_model = load()
    if language_model is None:
        print("language model: pocketsphinx is not installed, no weights fitted")
        return None
    rng = random.Random(f"{seed} language model")
    engine = Restorer(language_model=False)
    rows, labels = [], []
    for _, label, _, _, original in examples:
        if not label:
            continue
        doc, swaps = spin(
            original, inverse, rng.uniform(0.15, 0.8), rng, names=True, curated_rate=curated_rate
        )
        found = [
            s for s in engine.find(doc, min_score=CONTEXT_FLOOR) if s.source.startswith("model:")
        ]
        for finding, preference in zip(
            found, swap_model.preferences(doc, found, language_model), strict=True
        ):
            rows.append(list(swap_model.context_features(finding.score, preference)))
            truth = swaps.get((finding.start, finding.end))
            labels.append(float(truth is not None and " ".join(words(finding.suggestion)) == truth))
    x, y = np.array(rows), np.array(labels)
    weights = fit_logistic(x, y, l2=1e-4)
    fitted = 1 / (1 + np.exp(-(x @ weights)))
    print(
        f"language model: {len(y)} findings ({int(y.sum())} right), weights "
        f"{np.round(weights, 3).tolist()}; AUC {auc(x[:, 1].tolist(), y.astype(int).tolist()):.4f} "
        f"by score, {auc(fitted.tolist(), y.astype(int).tolist()):.4f} with the language model"
    )
    return weights


def auc(scores: list[float], labels: list[int]) -> float:
    order = sorted(zip(scores, labels, strict=True))
    positives = sum(labels)
    negatives = len(labels) - positives
    rank_sum = sum(i + 1 for i, (_, label) in enumerate(order) if label)
    return (rank_sum - positives * (positives + 1) / 2) / max(positives * negatives, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=int, default=None, help="training documents to use (default: all)"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--final-gate-only",
        action="store_true",
        help="fit only the final gate, on the shipped weights, and write it into model.json",
    )
    parser.add_argument(
        "--screen-only",
        action="store_true",
        help="fit only the screen, on the shipped weights, and write it into model.json",
    )
    parser.add_argument(
        "--language-model-only",
        action="store_true",
        help="fit only the language model's weights, on the shipped weights, and write them "
        "into model.json",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DATA,
        help="folder for model.json and spinner-words.tsv.gz (default: the package's data); "
        "with --screen-only or --final-gate-only, the model to refit",
    )
    parser.add_argument(
        "--curated-rate",
        type=float,
        default=CURATED_RATE,
        help=f"least share of words with a curated swap swapped (default {CURATED_RATE})",
    )
    args = parser.parse_args()
    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)
    read_weights_from(out)
    rng = random.Random(args.seed)
    started = time.time()
    docs = training_documents(args.docs, args.seed)
    inverse = spin_map()
    print(f"{len(docs)} training documents, {len(inverse)} spinnable originals")
    half = len(docs) // 2

    # 1. Spinner words: log rate ratio spun/clean on the first half.
    spun_counts: Counter[str] = Counter()
    clean_counts: Counter[str] = Counter()
    for text in docs[:half]:
        spun, _ = spin(text, inverse, rng.uniform(0.3, 0.8), rng)
        spun_counts.update(count_words(spun))
        clean_counts.update(count_words(text))
    spun_total, clean_total = sum(spun_counts.values()), sum(clean_counts.values())
    spinner_words: dict[str, float] = {}
    for word in set(spun_counts) | set(clean_counts):
        s, c = spun_counts[word], clean_counts[word]
        if s + c < 8:
            continue
        ratio = spinner_word_weight((s + 2) / spun_total, (c + 2) / clean_total, frequency(word))
        if abs(ratio) >= 0.7:
            spinner_words[word] = round(max(-4.0, min(4.0, ratio)), 3)
    lines = [
        "# word\tlog(rate in synthetic spun text / rate in clean text), if positive at most "
        "log(rate in synthetic spun text / wordfreq frequency); "
        "built by scripts/train_model.py from the corpus training split\n"
    ]
    lines += [f"{word}\t{spinner_words[word]}\n" for word in sorted(spinner_words)]
    # No time stamp in the header: the same training gives the same bytes.
    packed = gzip.compress("".join(lines).encode("utf-8"), compresslevel=9, mtime=0)
    partial = args.final_gate_only or args.screen_only or args.language_model_only
    if not partial:
        (out / "spinner-words.tsv.gz").write_bytes(packed)
    print(f"spinner words: {len(spinner_words)}")

    # The weights file must exist for the model to compute features; start neutral.
    neutral = {
        "features": list(swap_model.FEATURES),
        "token_weights": [0.0] * len(swap_model.FEATURES),
        "screen_weights": [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0],
        "gate_weights": [0.0, 1.0, 0.0, 0.0, 0.0],
        "document_weights": [0.0, 1.0, 0.0, 0.0],
    }
    if not partial:
        (out / "model.json").write_text(json.dumps(neutral), encoding="utf-8")
    swap_model._load_weights.cache_clear()
    engine = Restorer(model=False)
    scorer = swap_model.SwapModel([])

    # 2. Screen on the second part: clean and spun, varied lengths and rates.
    third = (len(docs) - half) // 2
    screen_x, screen_y, examples = [], [], []
    for text in docs[half:]:
        text = truncate(text, rng)
        spun, swaps = spin(text, inverse, rng.uniform(0.15, 0.8), rng)
        for doc, label, doc_swaps in ((text, 0, {}), (spun, 1, swaps)):
            scan = engine._first_pass(doc)
            screen_x.append(scorer.screen_features(doc, scan.counts, scan.findings))
            screen_y.append(label)
            examples.append((doc, label, doc_swaps, scan, text))
    sx, sy = np.array(screen_x[: 2 * third]), np.array(screen_y[: 2 * third], dtype=float)
    screen_w = fit_logistic(sx, sy, l2=1e-4)
    print(f"screen weights {np.round(screen_w, 3).tolist()}")
    if args.screen_only:
        screen_scores = 1 / (1 + np.exp(-(np.array(screen_x[2 * third :]) @ screen_w)))
        labels = [int(y) for y in screen_y[2 * third :]]
        print(f"screen AUC on the third part {auc(screen_scores.tolist(), labels):.4f}")
        refit_shipped("screen", screen_w, len(docs), args.seed, out)
        print(f"done in {time.time() - started:.0f} s")
        return 0
    if args.final_gate_only:
        _, fx, fy = gate_examples(scorer, examples[2 * third :])
        final_w = fit_logistic(fx, fy, l2=1e-4)
        final_scores = 1 / (1 + np.exp(-(fx @ final_w)))
        print(
            f"final gate weights {np.round(final_w, 3).tolist()}; AUC on the third part "
            f"{auc(final_scores.tolist(), fy.astype(int).tolist()):.4f}"
        )
        refit_shipped("final_gate", final_w, len(docs), args.seed, out)
        print(f"done in {time.time() - started:.0f} s")
        return 0
    if args.language_model_only:
        context_w = fit_context(examples[2 * third :], inverse, args.seed, args.curated_rate)
        if context_w is None:
            raise SystemExit("train_model: --language-model-only needs pocketsphinx")
        refit_shipped(
            "language_model", context_w, len(docs), args.seed, out, language_model_source()
        )
        print(f"done in {time.time() - started:.0f} s")
        return 0

    # 3. Token model on the spun documents of the second part: one example per
    # word type found and candidate, labelled by what the spinner did to that type.
    token_x, token_y, token_group, group_doc, group_sampled = [], [], [], [], []
    token_likely = []  # whether the candidate's relation is one a restoration may have
    for number, (_, label, _, _, original) in enumerate(examples[: 2 * third]):
        if not label:
            continue
        doc, swaps = spin(
            original,
            inverse,
            rng.uniform(0.15, 0.8),
            rng,
            names=True,
            curated_rate=args.curated_rate,
        )
        scan = engine._first_pass(doc)
        counts = scan.counts
        total = sum(counts.values())
        groups = scorer.sites(doc, [(s.start, s.end) for s in scan.findings])
        plain = 0  # the gate samples the words outside names, in order
        for (_, name), group in groups.items():
            truths = Counter(swaps.get((site.start, site.end)) for site in group)
            truth, _ = truths.most_common(1)[0]
            for candidate, features in scorer.type_features(group, counts, total):
                token_x.append(features)
                token_y.append(1 if truth is not None and candidate.original == truth else 0)
                token_likely.append(not candidate.unlikely)
                token_group.append(len(group_doc))
            group_doc.append(number)
            group_sampled.append(not name and plain < swap_model.GATE_SAMPLE)
            plain += not name
    tx, ty = np.array(token_x), np.array(token_y, dtype=float)
    token_w = fit_logistic(tx, ty, l2=1e-4)
    linear = tx @ token_w
    print(
        f"token examples {len(ty)} ({int(ty.sum())} positive), "
        f"weights {dict(zip(swap_model.FEATURES, np.round(token_w, 3).tolist(), strict=True))}, "
        f"train AUC {auc((1 / (1 + np.exp(-linear))).tolist(), token_y):.4f}"
    )

    # 3a. Trees that refine the best candidate's log-odds from what tree_input lays out:
    # evidence that counts only in combination. They learn from best candidates only, as
    # they are used.
    groups_of = np.array(token_group)
    likely = np.array(token_likely)
    # Each word's candidates by the linear model, the first of equals first, as at run time.
    # Candidates of an unlikely relation rank after the others (SwapModel.decide_many).
    order = np.lexsort((-linear, ~likely, groups_of))
    _, first = np.unique(groups_of[order], return_index=True)
    top = order[first]
    ends = np.append(first[1:], len(order))
    tree_x = np.array(
        [
            swap_model.tree_input(
                tx[k].tolist(), linear[order[start : min(start + 2, end)]].tolist()
            )
            for k, start, end in zip(top, first, ends, strict=True)
        ]
    )
    boosted = fit_trees(tree_x, ty[top])
    refined = boosted.predict_proba(tree_x)[:, 1]
    print(
        f"trees: {boosted.n_iter_} of depth <= {boosted.max_depth}; AUC of best candidates "
        f"{auc((1 / (1 + np.exp(-linear[top]))).tolist(), ty[top].tolist()):.4f} linear, "
        f"{auc(refined.tolist(), ty[top].tolist()):.4f} refined (training data)"
    )

    # 3b. The document's share of strong words, from the sampled words as the model reads
    # them, and how it shifts each best candidate's decision.
    sampled = np.array(group_sampled)
    docs_of = np.array(group_doc)
    # Strong as SwapModel.read counts it (is_strong): probable, of a likely relation.
    strong_best = (refined >= swap_model.STRONG) & likely[top]
    strong = np.bincount(docs_of[sampled], weights=strong_best[sampled])
    shares = strong / np.maximum(np.bincount(docs_of[sampled], minlength=len(strong)), 1)
    clipped = np.clip(refined, 1e-9, 1 - 1e-9)
    log_odds = np.log(clipped / (1 - clipped))
    share = shares[docs_of]
    dx = np.column_stack([np.ones(len(top)), log_odds, share, share * log_odds])
    document_w = fit_logistic(dx, ty[top], l2=1e-4)
    print(f"document weights {np.round(document_w, 3).tolist()}")
    trees = export_trees(boosted)

    # 4. Final gate on the third part, from the spinner words and the local findings.
    weights = {
        "features": list(swap_model.FEATURES),
        "token_weights": token_w.tolist(),
        "screen_weights": screen_w.tolist(),
        "gate_weights": [0.0, 1.0, 0.0, 0.0, 0.0],
        "document_weights": document_w.tolist(),
        "trees": trees,
    }
    (out / "model.json").write_text(json.dumps(weights), encoding="utf-8")
    swap_model._load_weights.cache_clear()
    scorer = swap_model.SwapModel([])
    gx, fx, gy = gate_examples(scorer, examples[2 * third :])
    gate_w = fit_logistic(gx, gy, l2=1e-4)
    final_w = fit_logistic(fx, gy, l2=1e-4)
    gate_scores = 1 / (1 + np.exp(-(gx @ gate_w)))
    final_scores = 1 / (1 + np.exp(-(fx @ final_w)))
    screen_scores = 1 / (1 + np.exp(-(np.array(screen_x[2 * third :]) @ screen_w)))
    labels = gy.astype(int).tolist()
    print(
        f"gate weights {np.round(gate_w, 3).tolist()}, final gate weights "
        f"{np.round(final_w, 3).tolist()}; AUC on the third part: "
        f"screen {auc(screen_scores.tolist(), labels):.4f}, "
        f"gate {auc(gate_scores.tolist(), labels):.4f}, "
        f"final gate {auc(final_scores.tolist(), labels):.4f}"
    )
    meta = {
        "features": list(swap_model.FEATURES),
        "token_weights": [round(float(w), 5) for w in token_w],
        "screen_weights": [round(float(w), 5) for w in screen_w],
        "gate_weights": [round(float(w), 5) for w in gate_w],
        "final_gate_weights": [round(float(w), 5) for w in final_w],
        "document_weights": [round(float(w), 5) for w in document_w],
        "trees": trees,
        "trained_on": (
            f"{len(docs)} documents of the corpus training split (crc32(id) % 5 != 0), "
            f"synthetic spins, seed {args.seed}; scripts/train_model.py"
        ),
    }
    (out / "model.json").write_text(dump_model(meta), encoding="utf-8")

    # 5. The language model's weights, on the finished model's findings.
    swap_model._load_weights.cache_clear()
    context_w = fit_context(examples[2 * third :], inverse, args.seed, args.curated_rate)
    if context_w is not None:
        meta["language_model_weights"] = [round(float(w), 5) for w in context_w]
        meta.update(language_model_source())
        (out / "model.json").write_text(dump_model(meta), encoding="utf-8")
    print(f"done in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
