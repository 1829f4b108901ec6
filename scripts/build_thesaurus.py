"""Build the reverse thesaurus shipped as ``src/restore/data/thesaurus.tsv.gz``.

A spinner replaced an original word O by a thesaurus entry S. Reading spun
text we see S, so the table maps each SURFACE form S to the surface forms O it
may stand for, already inflected like S ("mentioned" -> "said", "nations" ->
"countries"). The runtime is then a dict lookup with no morphology.

Sources:
  * WordNet 3.0 (WNDB files, /usr/share/wordnet): synset co-members, similar-to,
    also-see, derivational and pertainym links, one level of hypernyms/hyponyms;
  * wordlists/candidates.tsv: curated spinner swaps no thesaurus has;
  * optionally MyThes th_en_US_v2 (``--mythes``), only to measure what it adds.

Usage (from the repository root):
    python scripts/build_thesaurus.py [--relations synonym,similar,...] [--mythes]
        [--out src/restore/data/thesaurus.tsv.gz] [--report]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from restore import thesaurus  # noqa: E402
from restore.text import words  # noqa: E402

WORDNET = Path("/usr/share/wordnet")
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
CURATED = ROOT / "wordlists" / "candidates.tsv"
OUT = ROOT / "src" / "restore" / "data" / "thesaurus.tsv.gz"

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
MAX_WORDS = 4
MIN_CANDIDATE_ZIPF = 3.0
MIN_KEY_ZIPF = 1.0
#: A regular form next to an irregular one ("dreamed"/"dreamt") must be this common.
MIN_REGULAR_BESIDE_IRREGULAR_ZIPF = 3.0

#: Relation name -> one-letter code in the shipped file, in order of preference.
#: Hypernyms come before hyponyms: in real spun text the spun word is more often the more
#: specific one ("cash" for "money", "firms" for "companies", "mentioned" for "said").
RELATIONS = {
    "curated": "c",
    "synonym": "s",
    "similar": "m",
    "hypernym": "e",
    "hyponym": "o",
    "also": "a",
    "derivation": "d",
    "pertainym": "p",
    "mythes": "t",
}
#: Measured: hypernym and hyponym links add the most recall of real swaps; the others are
#: cheap. MyThes adds little on top (see --mythes) and is left out.
DEFAULT_RELATIONS = (
    "synonym",
    "similar",
    "also",
    "hyponym",
    "derivation",
    "pertainym",
    "hypernym",
)

SLOTS = {"n": ("base", "plural"), "v": ("base", "s", "ed", "ing"), "a": ("base", "er", "est")}


@cache
def zipf(phrase: str) -> float:
    return zipf_frequency(phrase, "en")


# --- WNDB parsing -------------------------------------------------------------------------


@dataclass
class Synset:
    pos: str  # n v a r ("s" satellites folded into "a")
    lemmas: list[str]  # folded, space-separated words
    proper: list[bool]
    pointers: list[tuple[str, str, int, int]]  # symbol, target key, source idx, target idx


def clean_lemma(raw: str) -> str:
    """WNDB lemma -> folded words ("Den_Haag" -> "den haag", "well-known(a)" -> "well known")."""
    if raw.endswith(")") and "(" in raw:
        raw = raw[: raw.rindex("(")]
    return " ".join(words(raw.replace("_", " ")))


def read_synsets() -> dict[str, Synset]:
    synsets: dict[str, Synset] = {}
    for pos_name in ("noun", "verb", "adj", "adv"):
        with open(WORDNET / f"data.{pos_name}", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("  "):
                    continue
                fields = line.split(" | ", 1)[0].split()
                offset, pos = fields[0], fields[2]
                pos = "a" if pos == "s" else pos
                count = int(fields[3], 16)
                raws = fields[4 : 4 + 2 * count : 2]
                i = 4 + 2 * count
                n_ptr = int(fields[i])
                pointers = []
                for j in range(n_ptr):
                    sym, target, tpos, st = fields[i + 1 + 4 * j : i + 5 + 4 * j]
                    tpos = "a" if tpos == "s" else tpos
                    pointers.append((sym, f"{tpos}{target}", int(st[:2], 16), int(st[2:], 16)))
                synsets[f"{pos}{offset}"] = Synset(
                    pos,
                    [clean_lemma(r) for r in raws],
                    [any(c.isupper() for c in r) for r in raws],
                    pointers,
                )
    return synsets


def read_exceptions() -> dict[str, dict[str, list[str]]]:
    """pos -> base lemma -> irregular inflected forms."""
    table: dict[str, dict[str, list[str]]] = {}
    for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
        by_base: dict[str, list[str]] = defaultdict(list)
        with open(WORDNET / f"{name}.exc", encoding="utf-8") as handle:
            for line in handle:
                form, *bases = line.split()
                for base in bases:
                    by_base[base.replace("_", " ")].append(form.replace("_", " "))
        table[pos] = dict(by_base)
    return table


# --- inflection ---------------------------------------------------------------------------

VOWELS = set("aeiou")


def most_common(options: Iterable[str]) -> str:
    return max(options, key=zipf)


def is_cvc(word: str) -> bool:
    return (
        len(word) >= 3
        and word[-1] not in VOWELS | {"w", "x", "y"}
        and word[-2] in VOWELS
        and word[-3] not in VOWELS
    )


def add_s(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        return word[:-1] + "ies"
    if word.endswith("o") and len(word) > 1 and word[-2] not in VOWELS:
        return most_common((word + "s", word + "es"))
    return word + "s"


def add_suffix(word: str, suffix: str) -> str:
    """Regular -ed/-ing/-er/-est, choosing between doubtful spellings by frequency."""
    if suffix == "ing":
        if word.endswith("ie"):
            return word[:-2] + "ying"
        if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
            return most_common((word[:-1] + "ing", word + "ing"))
    elif word.endswith("e"):
        return word + suffix[1:]
    elif word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        return word[:-1] + "i" + suffix
    if is_cvc(word):
        return most_common((word + suffix, word + word[-1] + suffix))
    return word + suffix


def verb_slot(form: str, base: str) -> str:
    if form.endswith("ing") and not base.endswith("ing"):
        return "ing"
    if form.endswith("s") and form != "was":
        return "s"
    return "ed"


def inflect_word(word: str, pos: str, slot: str, exc: dict[str, dict[str, list[str]]]) -> set[str]:
    if slot == "base":
        return {word}
    irregular = exc[pos].get(word, [])
    if pos == "v":
        irregular = [f for f in irregular if verb_slot(f, word) == slot]
    elif pos == "a":
        irregular = [f for f in irregular if f.endswith("st") == (slot == "est")]
    regular = add_s(word) if slot in ("plural", "s") else add_suffix(word, slot)
    if not irregular:
        return {regular}
    forms = set(irregular)
    if zipf(regular) >= MIN_REGULAR_BESIDE_IRREGULAR_ZIPF:
        forms.add(regular)
    return forms


def inflect(lemma: str, pos: str, slot: str, exc: dict[str, dict[str, list[str]]]) -> set[str]:
    """Surface forms of ``lemma`` in ``slot``: nouns inflect their last word, verbs the first."""
    if slot == "base":
        return {lemma}
    parts = lemma.split(" ")
    if len(parts) > 1 and pos == "a":
        return set()
    at = -1 if pos == "n" else 0
    forms = set()
    for form in inflect_word(parts[at], pos, slot, exc):
        new = list(parts)
        new[at] = form
        forms.add(" ".join(new))
    return forms


# --- lemma pairs ----------------------------------------------------------------------------


def lemma_pairs(
    synsets: dict[str, Synset], relations: set[str]
) -> Iterator[tuple[str, str, str, str, str]]:
    """(spun lemma, spun pos, original lemma, original pos, relation) from WordNet."""
    for synset in synsets.values():
        members = [m for m, p in zip(synset.lemmas, synset.proper, strict=True) if not p]
        if "synonym" in relations:
            for s, o in itertools.permutations(members, 2):
                yield s, synset.pos, o, synset.pos, "synonym"
        for sym, target_key, src, tgt in synset.pointers:
            target = synsets[target_key]
            relation = {
                "&": "similar",
                "^": "also",
                "+": "derivation",
                "\\": "pertainym",
                "@": "hypernym",
                "@i": "hypernym",
                "~": "hyponym",
                "~i": "hyponym",
            }.get(sym)
            if relation is None or relation not in relations:
                continue
            targets = [m for m, p in zip(target.lemmas, target.proper, strict=True) if not p]
            sources = members
            if src:  # lexical pointer: only the named words are linked
                if synset.proper[src - 1] or target.proper[tgt - 1]:
                    continue
                sources = [synset.lemmas[src - 1]]
                targets = [target.lemmas[tgt - 1]]
            # The pointer runs from the spun word's synset to the original's.
            for s in sources:
                for o in targets:
                    yield s, synset.pos, o, target.pos, relation


def mythes_pairs() -> Iterator[tuple[str, str, str, str, str]]:
    """MyThes lists, for headword O, the words S a spinner would put in its place."""
    pos_map = {"(noun)": "n", "(verb)": "v", "(adj)": "a", "(adv)": "r"}
    with open(MYTHES, encoding="utf-8") as handle:
        handle.readline()
        for line in handle:
            head, count = line.rstrip("\n").rsplit("|", 1)
            original = " ".join(words(head))
            for _ in range(int(count)):
                pos_tag, *entries = handle.readline().rstrip("\n").split("|")
                pos = pos_map.get(pos_tag, "x")
                for entry in entries:
                    if "(antonym)" in entry:
                        continue
                    spun = " ".join(words(entry.split(" (")[0]))
                    yield spun, pos, original, pos, "mythes"


@dataclass
class CuratedRow:
    spun: str
    original: str
    inflect: str
    score: float


def read_curated(path: Path = CURATED) -> list[CuratedRow]:
    rows = []
    seen = set()
    header_seen = False
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if not header_seen:
                header_seen = True
                continue
            if len(fields) != 6:
                raise ValueError(f"{path}:{number}: expected 6 tab-separated fields")
            spun, original, how, score = fields[0], fields[1], fields[2], float(fields[3])
            if spun == original or (spun, original) in seen:
                raise ValueError(f"{path}:{number}: identity or duplicate row")
            if how not in ("exact", "noun", "verb"):
                raise ValueError(f"{path}:{number}: bad inflect value {how!r}")
            seen.add((spun, original))
            rows.append(CuratedRow(spun, original, how, score))
    return rows


def surface_pairs(
    pairs: Iterable[tuple[str, str, str, str, str]], exc: dict[str, dict[str, list[str]]]
) -> Iterator[tuple[str, str, str]]:
    for s, spos, o, opos, relation in pairs:
        if s == o or not s or not o:
            continue
        if s.count(" ") >= MAX_WORDS or o.count(" ") >= MAX_WORDS:
            continue
        if spos != opos or spos not in SLOTS:
            yield s, o, relation
            continue
        for slot in SLOTS[spos]:
            for sf in inflect(s, spos, slot, exc):
                for of in inflect(o, opos, slot, exc):
                    yield sf, of, relation


def curated_surface_pairs(
    rows: Iterable[CuratedRow], exc: dict[str, dict[str, list[str]]]
) -> Iterator[tuple[str, str, str]]:
    for row in rows:
        pos = {"noun": "n", "verb": "v"}.get(row.inflect)
        if pos is None:
            yield row.spun, row.original, "curated"
            continue
        for slot in SLOTS[pos]:
            for sf in inflect(row.spun, pos, slot, exc):
                for of in inflect(row.original, pos, slot, exc):
                    yield sf, of, "curated"


# --- coverage -----------------------------------------------------------------------------

#: The real aligned example of ../shared/notes/spinner-examples.md, hand-aligned word by word
#: (spun, original), folded; phrases stay whole where a spinner swapped a phrase.
EXAMPLE_PAIRS = [
    ("level", "point"),
    ("increased", "higher"),
    ("earlier", "previous"),
    ("shut", "close"),
    ("might", "may"),
    ("partially", "in part"),
    ("yr", "year"),
    ("introduced", "brought"),
    ("buyers", "investors"),
    ("pleasure", "excitement"),
    ("across", "around"),
    ("costs", "prices"),
    ("through", "during"),
    ("equally", "similarly"),
    ("shopping for", "buying"),
    ("buying", "purchasing"),
    ("file", "record"),
    ("as soon as extra", "once more"),
    ("within", "in"),
    ("change", "exchange"),
    ("fee", "commission"),
    ("additionally", "also"),
    ("enterprise", "venture"),
    ("funding", "investment"),
    ("firms", "companies"),
    ("rising", "increasing"),
    ("almost", "nearly"),
    ("saying", "announcing"),
    ("newest", "latest"),
    ("outcomes", "results"),
    ("proprietor", "owner"),
    ("enormous", "huge"),
    ("on", "at"),
    ("finish", "end"),
    ("corporate", "company"),
    ("round", "around"),
    ("imagine", "believe"),
    ("wants", "needs"),
    ("cash", "money"),
    ("which", "that"),
    ("managed", "controlled"),
    ("mentioned", "said"),
    ("perfect", "best"),
    ("solely", "only"),
    ("finally", "ultimately"),
    ("change into", "become"),
    ("foreign money", "currency"),
    ("web", "internet"),
    ("occasion", "event"),
    ("each", "every"),
    ("4", "four"),
    ("quantity", "amount"),
    ("obtainable", "available"),
    ("cash", "coins"),
    ("extra", "more"),
    ("shortage", "scarcity"),
    ("favored", "popular"),
]


TORTURED = ROOT.parent / "shared" / "data" / "tortured-phrases" / "pps_hahuyhoang411_tortured.csv"


def tortured_pairs(path: Path = TORTURED) -> list[tuple[str, str]]:
    """Word swaps from the tortured-phrase list: phrases of equal length, aligned by position.

    Used only to measure recall on many real (scientific) swaps; nothing from it is shipped.
    """
    if not path.exists():
        return []
    pairs = set()
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            query = row["tortured_phrase"]
            if any(op in query for op in (" AND ", " OR ", " NOT ", "~")):
                continue
            spun, original = words(query), words(row["expected_phrase"])
            if len(spun) != len(original) or "?" in row["expected_phrase"]:
                continue
            pairs.update((s, o) for s, o in zip(spun, original, strict=True) if s != o)
    return sorted(pairs)


def coverage(
    table: dict[str, list[tuple[str, str]]], pairs: list[tuple[str, str]]
) -> tuple[int, int]:
    hits = sum(any(o == original for o, _ in table.get(s, ())) for s, original in pairs)
    return hits, len(pairs)


# --- table ----------------------------------------------------------------------------------


def _has_digit(phrase: str) -> bool:
    return any(c.isdigit() for c in phrase)


def build_table(
    pairs: Iterable[tuple[str, str, str]], curated_scores: dict[tuple[str, str], float]
) -> dict[str, list[tuple[str, str]]]:
    """key -> [(original, relation)] keeping each pair's strongest relation, best first."""
    rank = {name: i for i, name in enumerate(RELATIONS)}
    best: dict[str, dict[str, str]] = defaultdict(dict)
    for s, o, relation in pairs:
        if s == o or (_has_digit(o) and not _has_digit(s)):
            # Spinners write "4" for "four" ("each 4 years"), never a word for digits.
            continue
        old = best[s].get(o)
        if old is None or rank[relation] < rank[old]:
            best[s][o] = relation
    table: dict[str, list[tuple[str, str]]] = {}
    z = zipf
    for key, originals in best.items():
        if z(key) < MIN_KEY_ZIPF:
            continue
        kept = [
            (o, r) for o, r in originals.items() if r == "curated" or z(o) >= MIN_CANDIDATE_ZIPF
        ]
        if not kept:
            continue
        # The original itself breaks ties, so the table is the same whatever the hash seed;
        # then the runtime's ranking, stable, so these keys break its ties.
        kept.sort(
            key=lambda item: (
                rank[item[1]],
                -curated_scores.get((key, item[0]), 0),
                -z(item[0]),
                item[0],
            )
        )
        kept.sort(key=lambda item: thesaurus.rank(item[1], z(item[0])))
        table[key] = kept
    return table


HEADER = """\
# restore reverse thesaurus
# format: 1
# description: spun surface form -> original surface forms it may stand for, best first
# columns: spun<TAB>original:relation<TAB>original:relation...
# relations: {codes}
# source: WordNet 3.0 (Princeton University, see WORDNET-LICENSE.txt); wordlists/candidates.tsv
# built-by: scripts/build_thesaurus.py --relations {relations}
"""


def write_table(table: dict[str, list[tuple[str, str]]], path: Path, relations: str) -> None:
    codes = " ".join(f"{c}={name}" for name, c in RELATIONS.items())
    lines = [HEADER.format(codes=codes, relations=relations)]
    for key in sorted(table):
        cells = "\t".join(f"{o}:{RELATIONS[r]}" for o, r in table[key])
        lines.append(f"{key}\t{cells}\n")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write("".join(lines).encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relations", default=",".join(DEFAULT_RELATIONS))
    parser.add_argument("--mythes", action="store_true", help="also merge MyThes")
    parser.add_argument("--no-curated", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    relations = set(args.relations.split(","))
    unknown = relations - set(RELATIONS)
    if unknown:
        parser.error(f"unknown relations: {sorted(unknown)}")

    started = time.perf_counter()
    synsets = read_synsets()
    exc = read_exceptions()
    sources: list[Iterable[tuple[str, str, str]]] = [
        surface_pairs(lemma_pairs(synsets, relations), exc)
    ]
    if args.mythes:
        sources.append(surface_pairs(mythes_pairs(), exc))
    curated_scores: dict[tuple[str, str], float] = {}
    if not args.no_curated:
        rows = read_curated()
        curated = list(curated_surface_pairs(rows, exc))
        for row in rows:
            curated_scores[(row.spun, row.original)] = row.score
        sources.append(curated)
    table = build_table(itertools.chain.from_iterable(sources), curated_scores)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    label = (
        args.relations
        + (",mythes" if args.mythes else "")
        + ("" if args.no_curated else ",curated")
    )
    write_table(table, args.out, label)
    fanouts = sorted(len(v) for v in table.values())
    print(
        f"{args.out}: {len(table)} keys, {sum(fanouts)} pairs, "
        f"fan-out median {fanouts[len(fanouts) // 2]} p90 {fanouts[int(len(fanouts) * 0.9)]} "
        f"max {fanouts[-1]}, {args.out.stat().st_size / 1e6:.2f} MB, "
        f"{time.perf_counter() - started:.0f} s"
    )
    hits, total = coverage(table, EXAMPLE_PAIRS)
    t_hits, t_total = coverage(table, tortured_pairs())
    print(f"coverage of tortured-phrase word swaps: {t_hits}/{t_total}")
    missed = [p for p in EXAMPLE_PAIRS if all(o != p[1] for o, _ in table.get(p[0], ()))]
    print(f"coverage of the real example pairs: {hits}/{total}; missed: {missed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
