"""Check the shipped phrase tables against the clean corpus, and lint them.

A phrase-table row is applied wherever it matches, so a row that occurs in
clean text would edit clean text. This script counts, for every row of every
table in ``wordlists/``, how often its spun phrase (with the inflections the
row allows) occurs in the clean press-statement corpus, and runs the table
lints (identity rows, duplicate keys, chains, query syntax, placeholders).

Matching is done on ``restore.text.words`` tokens and ignores whatever lies
between two words, so it finds every whitespace-separated occurrence and also
those split by punctuation: it errs towards reporting a hit.

Usage: ``python scripts/check_corpus_hits.py [TABLE.tsv ...]``; exits 1 when a
row hits the corpus or a lint fails.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
CORPUS = SHARED / "corpus" / "whitehouse_statements" / "docs.jsonl"
WORDLISTS = REPO / "wordlists"
TABLES = (WORDLISTS / "tortured-phrases.tsv", WORDLISTS / "fingerprints.tsv")

sys.path.insert(0, str(REPO / "src"))
from restore.tables import Table, TableError, lint_tables, load_table  # noqa: E402
from restore.text import words  # noqa: E402

Phrase = tuple[str, ...]


def regular_forms(word: str, suffixes: Iterable[str]) -> set[str]:
    """Regular inflections of ``word``, generous on purpose (a superset is safe to check)."""
    forms = {word}
    for suffix in suffixes:
        forms.add(word + suffix)
        if suffix in ("ed", "d") and word.endswith("e"):
            forms.add(word + "d")
        if suffix in ("ed", "ing") and word[-1:].isalpha():
            forms.add(word + word[-1] + suffix)
        if suffix == "ing" and word.endswith("e"):
            forms.add(word[:-1] + "ing")
        if suffix in ("s", "es", "ed") and word.endswith("y"):
            forms.add(word[:-1] + ("ied" if suffix == "ed" else "ies"))
    return forms


def variants(spun: str, inflect: str) -> set[Phrase]:
    """Every word sequence a row with this ``spun`` and ``inflect`` can match."""
    phrase = tuple(spun.split(" "))
    if inflect == "noun":
        return {(*phrase[:-1], form) for form in regular_forms(phrase[-1], ("s", "es"))}
    if inflect == "verb":
        forms = regular_forms(phrase[0], ("s", "es", "ed", "ing"))
        return {(form, *phrase[1:]) for form in forms}
    return {phrase}


def corpus_documents(path: Path = CORPUS) -> Iterator[list[str]]:
    """Folded words of each clean corpus document (title and body)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            yield [*words(doc.get("title") or ""), "\n", *words(doc["text"])]


def count_hits(phrases: Iterable[Phrase], documents: Iterable[list[str]]) -> Counter[Phrase]:
    """How often each phrase occurs, as consecutive words, in ``documents``."""
    by_first: dict[str, set[Phrase]] = defaultdict(set)
    for phrase in phrases:
        by_first[phrase[0]].add(phrase)
    hits: Counter[Phrase] = Counter()
    for tokens in documents:
        for i, token in enumerate(tokens):
            for phrase in by_first.get(token, ()):
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    hits[phrase] += 1
    return hits


def name(table: Table) -> str:
    """The table's file name, for messages."""
    return Path(table.path).name


def main(argv: list[str]) -> int:
    """Print corpus hits and lint failures for the given tables (default: both shipped)."""
    paths = [Path(a) for a in argv] or [p for p in TABLES if p.exists()]
    try:
        tables = [load_table(p) for p in paths]
    except TableError as error:
        print(error)
        return 1
    row_variants = {(name(t), r.line): variants(r.spun, r.inflect) for t in tables for r in t.rows}
    hits = count_hits(set().union(*row_variants.values()), corpus_documents())
    failed = False
    for table in tables:
        hit_rows = 0
        for row in table.rows:
            found = {" ".join(v): hits[v] for v in row_variants[(name(table), row.line)]}
            found = {k: n for k, n in found.items() if n}
            if found:
                hit_rows += 1
                print(f"{name(table)}:{row.line}: {row.spun!r} occurs in clean text: {found}")
        print(f"{name(table)}: {len(table.rows)} rows, {hit_rows} with corpus hits")
        failed |= bool(hit_rows)
    problems = lint_tables(tables)
    for problem in problems:
        print(problem)
    print(f"lint: {len(problems)} problems")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
