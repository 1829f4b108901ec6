"""Derive ``wordlists/tortured-phrases.tsv`` from the Problematic Paper Screener exports.

The screener's list is written for a human-checked search engine, not for a
text editor: its queries carry context operators, some expected phrases are
notes, and many fingerprints are ordinary English in some other field. A
restorer applies a row wherever it matches, so this script keeps only rows
that are safe as literal phrases and says why each of the others went:

* the CSV export is the source of truth; a row's fingerprint is its first
  quoted phrase. Proximity queries (``"a b"~N``) are bags of words, not
  phrases, and are dropped. Rows whose query needs an ``AND``/``NOT`` context
  filter are kept with a lower score: the screener itself does not trust the
  bare phrase.
* expected phrases that are notes ("???", "(?)", explanations, alternatives)
  are dropped; a trailing acronym in parentheses is removed.
* JSON rows absent from the CSV are added unless they are halves of split
  queries (context terms, one string containing the other).
* single words are ordinary English unless they are garbled non-words;
  only a reviewed list of those is kept.
* a fingerprint that is an established expression (a WordNet or MyThes
  entry), that the clean corpus contains, or that is some row's correct
  phrase, is dropped.
* misspelt words in expected phrases ("particule swarm") are corrected from
  a reviewed list, ``scripts/pps_spelling.tsv``; the row's note says so.

Run from anywhere: ``python scripts/derive_tortured.py``. Output is
deterministic; the figures printed at the end go into the README.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from check_corpus_hits import (
    REPO,
    SHARED,
    WORDLISTS,
    corpus_documents,
    count_hits,
    variants,
)
from wordfreq import zipf_frequency

from restore.tables import Row, Table, lint_tables, load_table, row_problems

sys.path.insert(0, str(REPO / "src"))
from restore.text import words

SOURCE_DIR = SHARED / "data" / "tortured-phrases"
CSV_PATH = SOURCE_DIR / "pps_hahuyhoang411_tortured.csv"
JSON_PATH = SOURCE_DIR / "pps_torturedcheck_tortured-phrases.json"
OUT_PATH = WORDLISTS / "tortured-phrases.tsv"
FINGERPRINTS_PATH = WORDLISTS / "fingerprints.tsv"
WORDNET = Path("/usr/share/wordnet")
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
SPELLING_PATH = Path(__file__).resolve().with_name("pps_spelling.tsv")

HEADER = "\n".join(
    (
        "# restore phrase table",
        "# format: 1",
        "# name: tortured-phrases",
        "# kind: phrase",
        '# description: scientific terms spun by synonym tools ("profound learning" -> '
        '"deep learning")',
        "# source: Problematic Paper Screener tortured-phrase list, exports "
        "github.com/hahuyhoang411/tortured-phrase data/tortured.csv @ 00e30149 "
        "(2025-11-12, rows pps-csv:L<line>) and github.com/giladfeldman/torturedcheck "
        "src/data/tortured-phrases.json @ 3a61ac79 (list dated 2026-03-06, rows "
        "pps-json:#<index>); derived by scripts/derive_tortured.py",
        "# licence: CC BY 4.0",
        "# attribution: Problematic Paper Screener, G. Cabanac, C. Labbé, A. Magazinov, "
        '"Tortured phrases: a dubious writing style emerging in science" (arXiv:2107.06751)',
        "spun\toriginal\tinflect\tscore\tprovenance\tnote",
        "",
    )
)

#: Confidence that a match is a spin, by how the screener queries the phrase.
SCORE_PLAIN = 0.9
SCORE_LONG = 0.95  # three words or more: chance collisions with clean text are rarer
SCORE_AND = 0.7  # the screener wants the correct term elsewhere in the paper too
SCORE_NOT = 0.6  # the screener excludes a known clean use of the same words
SCORE_GARBLED = 0.99
#: Phrase zipf (wordfreq) from which a fingerprint is dropped as likely clean somewhere.
ZIPF_COMMON_PAIR = 4.3
ZIPF_COMMON_LONG = 4.9
#: Two-word fingerprints of fairly common words keep a lower score.
ZIPF_RISKY_PAIR = 3.7

#: Single-word fingerprints kept: garbled non-words left by search-and-replace
#: spinning inside words ("to" -> "updated", "fi" -> "wireless"). They never
#: occur in clean text and their expected word is right. Other single words
#: ("bosom", "ruinous", "brilliant") are ordinary English and are dropped.
GARBLED_WORDS = frozenset(
    {
        "auupdatedmate",
        "auupdatedmation",
        "ballotor",
        "butupdatedn",
        "conwirelessgure",
        "downguideline",
        "factshungry",
        "wirelessngerprints",
    }
)

QUOTED = re.compile(r'"([^"]*)"')
#: A trailing "(BP)", "(QoS)", "(LSTM network)": an acronym gloss, at least two capitals.
ACRONYM = re.compile(
    r"\s*\(\s*[A-Za-z0-9&.+\- ]*[A-Z][A-Za-z0-9&.+\-]*[A-Z0-9][A-Za-z0-9&.+\- ]*\)$"
)
#: Marks of a note rather than a phrase: operators, doubt, links, alternatives.
NOTE_MARKS = re.compile(
    r"\b(?:AND|OR|NOT)\b|\?|https?:|\bsee\b|\be\.g\.|\bi\.e\.|\betc\b|[\[\]/;:\"{}|=<>]"
)
CLEAN_TEXT = re.compile(r"[\w' -]+")
NAME_WORDS = re.compile(r"[A-Z][\w'-]*|and|of|for|the|in|on|to|&")


@dataclass(frozen=True)
class Candidate:
    """A source row on its way to the table, before the safety checks."""

    spun: str
    original: str
    score: float
    provenance: str
    note: str
    raw_spun: str


def strip_acronym(phrase: str) -> str:
    """Remove a trailing parenthesised acronym: "back propagation (BP)" -> "back propagation"."""
    return ACRONYM.sub("", phrase.strip())


def is_name(phrase: str) -> bool:
    """Whether every word is capitalised or a name-internal function word ("Centers for ...")."""
    tokens = phrase.split()
    return len(tokens) > 1 and all(NAME_WORDS.fullmatch(t) for t in tokens)


def clean_original(expected: str, raw_spun: str) -> str | None:
    """The restoration from an expected-phrase cell, or None when the cell is a note."""
    text = " ".join(strip_acronym(expected).split())
    if not text or NOTE_MARKS.search(text) or not CLEAN_TEXT.fullmatch(text):
        return None
    if is_name(text) and is_name(strip_acronym(raw_spun)):
        return text  # a proper name spun word by word keeps its capitals
    return " ".join(t if sum(c.isupper() for c in t) > 1 else t.lower() for t in text.split())


def read_spelling(path: Path = SPELLING_PATH) -> dict[str, str]:
    """Reviewed corrections: misspelt word -> correct word (both lower case)."""
    corrections = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            wrong, right, _ = line.split("\t", 2)
            corrections[wrong] = right
    return corrections


def correct_spelling(phrase: str, corrections: dict[str, str]) -> str:
    """``phrase`` with each listed misspelt word corrected, its capital kept.

    >>> correct_spelling("Stefan-Boltzman constant", {"boltzman": "boltzmann"})
    'Stefan-Boltzmann constant'
    """

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        right = corrections.get(word.lower())
        if right is None:
            return word
        return right[:1].upper() + right[1:] if word[:1].isupper() else right

    return re.sub(r"[^\W\d_]+", fix, phrase)


def clean_spun(raw: str) -> str | None:
    """The fingerprint as folded words, or None when it is not a plain phrase."""
    text = strip_acronym(raw)
    if not CLEAN_TEXT.fullmatch(text):
        return None  # commas, parentheses, slashes: a phrase never spans punctuation
    return " ".join(words(text)) or None


def read_csv(drops: Counter[str]) -> tuple[list[Candidate], set[str]]:
    """CSV candidates, and the context terms its queries name (clean phrases by definition)."""
    candidates = []
    context_terms: set[str] = set()
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            query, expected = row["tortured_phrase"], row["expected_phrase"]
            quoted = QUOTED.findall(query)
            for term in quoted[1:]:
                context_terms.add(" ".join(words(term)))
            if not quoted:
                drops["csv: query has no quoted phrase"] += 1
                continue
            if re.search(r'"\s*~\s*\d', query):
                drops["csv: proximity query (~N), not a phrase"] += 1
                continue
            if re.search(r"\bOR\b", query):
                drops["csv: OR query"] += 1
                continue
            score = SCORE_PLAIN
            note = ""
            if re.search(r"\bNOT\b", query):
                score, note = SCORE_NOT, "screener excludes: " + query.split("NOT", 1)[1]
            elif re.search(r"\bAND\b", query):
                score, note = SCORE_AND, "screener asks for context: " + query.split("AND", 1)[1]
            spun = clean_spun(quoted[0])
            if spun is None:
                drops["csv: fingerprint has punctuation"] += 1
                continue
            original = clean_original(expected, quoted[0])
            if original is None:
                drops["csv: expected phrase is a note"] += 1
                continue
            if score == SCORE_PLAIN and len(spun.split()) >= 3:
                score = SCORE_LONG
            note = " ".join(note.replace('"', "").split())
            candidates.append(Candidate(spun, original, score, f"pps-csv:L{line}", note, quoted[0]))
    return candidates, context_terms


def read_json(known: set[str], context_terms: set[str], drops: Counter[str]) -> list[Candidate]:
    """JSON candidates whose fingerprint the CSV lacks, minus halves of split queries."""
    pairs = json.loads(JSON_PATH.read_text(encoding="utf-8"))["phrases"]
    candidates = []
    for index, pair in enumerate(pairs):
        tortured, correct = pair["tortured"], pair["correct"]
        spun = clean_spun(tortured)
        if spun is None:
            drops["json: fingerprint has punctuation"] += 1
            continue
        if spun in known:
            drops["json: already in the csv"] += 1
            continue
        folded_correct = " ".join(words(correct))
        if spun in context_terms or spun in folded_correct or folded_correct in spun:
            drops["json: half of a split query"] += 1
            continue
        original = clean_original(correct, tortured)
        if original is None:
            drops["json: expected phrase is a note"] += 1
            continue
        score = SCORE_LONG if len(spun.split()) >= 3 else SCORE_PLAIN
        candidates.append(Candidate(spun, original, score, f"pps-json:#{index}", "", tortured))
        known.add(spun)
    return candidates


@dataclass(frozen=True)
class Lexicon:
    """What WordNet and MyThes say about the words of a fingerprint."""

    expressions: set[str]  # multiword entries: established English, not spins
    nouns: set[str]
    verbs: set[str]
    #: Sense-tagged corpus counts per part of speech, to tell "get" (verb) from "machine".
    tagged: dict[tuple[str, str], int]

    def is_mainly_verb(self, word: str) -> bool:
        """Whether ``word`` is a verb lemma used as a verb more often than as a noun."""
        return word in self.verbs and self.tagged.get((word, "verb"), 0) > self.tagged.get(
            (word, "noun"), 0
        )


def read_lexicon() -> Lexicon:
    """Load the WordNet index files and the MyThes headwords."""
    expressions: set[str] = set()
    lemmas: dict[str, set[str]] = {"noun": set(), "verb": set()}
    tagged: dict[tuple[str, str], int] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (WORDNET / f"index.{pos}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0].replace("_", " ")
            pointer_count = int(fields[3])
            tagged[(lemma, pos)] = int(fields[5 + pointer_count])
            if " " in lemma:
                expressions.add(" ".join(words(lemma)))
            elif pos in lemmas:
                lemmas[pos].add(lemma)
    for line in MYTHES.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.startswith("("):
            head = line.rsplit("|", 1)[0]
            if " " in head:
                expressions.add(" ".join(words(head)))
    return Lexicon(expressions, lemmas["noun"], lemmas["verb"], tagged)


#: Words that end a verb phrase ("get right of entry to") and never a noun phrase.
FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as"}
    | {"and", "or", "but", "into", "onto", "than", "that", "which", "is", "are", "be"}
)


def choose_inflect(spun: str, original: str, lexicon: Lexicon) -> str:
    """``noun`` for noun phrases ending in a singular noun, ``verb`` for verb-first phrases.

    Anything else (adjectives, already plural heads, names) matches exactly:
    a missed inflection costs recall, a wrong one could cost precision.
    """
    spun_words, original_words = spun.split(), original.split()
    if len(spun_words) < 2 or original != original.lower():
        return "exact"
    first, last = spun_words[0], spun_words[-1]
    if lexicon.is_mainly_verb(first) and original_words[0] in lexicon.verbs:
        # "get right of entry to" -> "access": gets/got right of entry to
        return "verb" if last in FUNCTION_WORDS else "exact"
    head, original_head = last, original_words[-1]
    is_singular = not head.endswith("s") and not original_head.endswith("s")
    if head in lexicon.nouns and original_head in lexicon.nouns and is_singular:
        return "noun"
    return "exact"


def is_common_english(spun: str) -> bool:
    """Whether every word of the fingerprint is so common that the phrase could be clean.

    wordfreq combines word frequencies, so a phrase's zipf is high exactly when
    all of its words are frequent ("group head", "sound just", "get to data"):
    such phrases turn up in clean text of some field far more often than a
    3.6 M-word corpus can show. Longer phrases are rarer by chance, so they get
    a higher bar.
    """
    limit = ZIPF_COMMON_PAIR if len(spun.split()) == 2 else ZIPF_COMMON_LONG
    return zipf_frequency(spun, "en") >= limit


def main() -> int:
    """Write the table and print what was kept and dropped, and why."""
    drops: Counter[str] = Counter()
    csv_candidates, context_terms = read_csv(drops)
    known = {c.spun for c in csv_candidates}
    # The first CSV row for a fingerprint wins (rows are ordered by paper count).
    candidates: list[Candidate] = []
    seen: set[str] = set()
    for c in csv_candidates:
        if c.spun in seen:
            drops["csv: duplicate fingerprint"] += 1
            continue
        seen.add(c.spun)
        candidates.append(c)
    candidates += read_json(known, context_terms, drops)

    corrections = read_spelling()
    for i, c in enumerate(candidates):
        corrected = correct_spelling(c.original, corrections)
        if corrected != c.original:
            note = f"screener's expected phrase {c.original!r} corrected (pps_spelling.tsv)"
            note = f"{c.note}; {note}" if c.note else note
            candidates[i] = replace(c, original=corrected, note=note)
            drops["kept, with spelling corrected"] += 1

    lexicon = read_lexicon()
    correct_phrases = {" ".join(words(c.original)) for c in candidates}
    curated = load_table(FINGERPRINTS_PATH) if FINGERPRINTS_PATH.exists() else None
    curated_keys = {r.spun for r in curated.rows} if curated else set()
    if curated:
        correct_phrases |= {" ".join(words(r.original)) for r in curated.rows}

    rows: list[Row] = []
    for c in candidates:
        spun_words = c.spun.split()
        if len(spun_words) == 1 and c.spun not in GARBLED_WORDS:
            drops["single ordinary word"] += 1
            continue
        if c.spun == " ".join(words(c.original)):
            drops["identity"] += 1
            continue
        if c.spun in correct_phrases:
            drops["fingerprint is some row's correct phrase"] += 1
            continue
        if c.spun in curated_keys:
            drops["fingerprint already in fingerprints.tsv"] += 1
            continue
        if c.spun in lexicon.expressions:
            drops["fingerprint is a WordNet/MyThes expression"] += 1
            continue
        if is_common_english(c.spun):
            drops["fingerprint made of common words (wordfreq)"] += 1
            continue
        inflect = choose_inflect(c.spun, c.original, lexicon)
        score = SCORE_GARBLED if len(spun_words) == 1 else c.score
        if len(spun_words) == 2 and zipf_frequency(c.spun, "en") >= ZIPF_RISKY_PAIR:
            score = round(score - 0.1, 2)
        row = Row(c.spun, c.original, inflect, score, c.provenance, c.note, 0)
        if row_problems(row):
            drops["fails a row lint"] += 1
            continue
        rows.append(row)

    row_variants = {r.spun: variants(r.spun, r.inflect) for r in rows}
    hits = count_hits(set().union(*row_variants.values()), corpus_documents())
    clean = [r for r in rows if not any(hits[v] for v in row_variants[r.spun])]
    drops["occurs in the clean corpus"] = len(rows) - len(clean)
    clean.sort(key=lambda r: r.spun)

    with OUT_PATH.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for r in clean:
            fields = (r.spun, r.original, r.inflect, f"{r.score:g}", r.provenance, r.note)
            out.write("\t".join(fields) + "\n")

    tables: list[Table] = [load_table(OUT_PATH)] + ([curated] if curated else [])
    problems = lint_tables(tables)
    for reason, count in sorted(drops.items()):
        print(f"dropped {count:5d}  {reason}")
    by_source = Counter(r.provenance.split(":")[0] for r in clean)
    by_inflect = Counter(r.inflect for r in clean)
    print(f"kept {len(clean)} rows: {dict(by_source)}; inflect {dict(by_inflect)}")
    print(f"lint: {len(problems)} problems")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
