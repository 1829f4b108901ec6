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
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
CORPUS = SHARED / "corpus" / "whitehouse_statements" / "docs.jsonl"
WORDLISTS = REPO / "wordlists"
TABLES = (WORDLISTS / "tortured-phrases.tsv", WORDLISTS / "fingerprints.tsv")

sys.path.insert(0, str(REPO / "src"))
from restore.text import words  # noqa: E402

COLUMNS = ("spun", "original", "inflect", "score", "provenance", "note")
REQUIRED_HEADERS = ("format", "name", "kind", "source", "licence")
INFLECTIONS = ("exact", "noun", "verb")
#: Screener query operators and placeholders that must never reach a table.
QUERY_TOKENS = frozenset({"AND", "OR", "NOT"})
FORBIDDEN_CHARS = set('"[](){}~*|?')

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One table row, with the file line it came from for error messages."""

    line: int
    spun: str
    original: str
    inflect: str
    score: float
    provenance: str
    note: str


@dataclass(frozen=True)
class Table:
    """A parsed phrase table: its ``key: value`` header and its rows."""

    path: Path
    header: dict[str, str]
    rows: list[Row]


def read_table(path: Path) -> Table:
    """Parse a format-1 phrase table; raise ``ValueError`` naming file and line."""
    header: dict[str, str] = {}
    rows: list[Row] = []
    seen_columns = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not seen_columns:
            if line.startswith("#"):
                key, sep, value = line[1:].partition(":")
                if sep:
                    header[key.strip()] = value.strip()
                continue
            if tuple(line.split("\t")) != COLUMNS:
                raise ValueError(f"{path}:{number}: expected the column header {COLUMNS}")
            seen_columns = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            raise ValueError(f"{path}:{number}: expected {len(COLUMNS)} fields, got {len(fields)}")
        spun, original, inflect, score, provenance, note = fields
        rows.append(Row(number, spun, original, inflect, float(score), provenance, note))
    return Table(path, header, rows)


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


def row_problems(row: Row) -> list[str]:
    """Lints that concern one row on its own."""
    problems = []
    if row.spun != " ".join(words(row.spun)) or row.spun != row.spun.lower():
        problems.append("spun is not lower-case words separated by single spaces")
    if row.spun == row.original.lower():
        problems.append("identity row")
    for field in (row.spun, row.original):
        if QUERY_TOKENS & set(field.split()) or FORBIDDEN_CHARS & set(field):
            problems.append(f"query syntax or placeholder in {field!r}")
    if row.inflect not in INFLECTIONS:
        problems.append(f"inflect must be one of {INFLECTIONS}")
    if not 0.0 <= row.score <= 1.0:
        problems.append("score outside 0..1")
    if not row.provenance:
        problems.append("missing provenance")
    return problems


def lint(tables: list[Table]) -> list[str]:
    """All lint failures across ``tables``, as ``file:line: message`` strings."""
    problems: list[str] = []
    keys: dict[str, str] = {}
    for table in tables:
        for key in REQUIRED_HEADERS:
            if key not in table.header:
                problems.append(f"{table.path}: missing header {key!r}")
        for row in table.rows:
            where = f"{table.path.name}:{row.line}"
            problems += [f"{where}: {p}" for p in row_problems(row)]
            if row.spun in keys:
                problems.append(f"{where}: duplicate spun key {row.spun!r} (also {keys[row.spun]})")
            keys.setdefault(row.spun, where)
    for table in tables:
        for row in table.rows:
            chained = " ".join(words(row.original))
            if chained in keys:
                problems.append(
                    f"{table.path.name}:{row.line}: chain, original {row.original!r} "
                    f"is a spun key ({keys[chained]})"
                )
    return problems


def main(argv: list[str]) -> int:
    """Print corpus hits and lint failures for the given tables (default: both shipped)."""
    paths = [Path(a) for a in argv] or [p for p in TABLES if p.exists()]
    tables = [read_table(p) for p in paths]
    row_variants = {
        (t.path.name, r.line): variants(r.spun, r.inflect) for t in tables for r in t.rows
    }
    hits = count_hits(set().union(*row_variants.values()), corpus_documents())
    failed = False
    for table in tables:
        hit_rows = 0
        for row in table.rows:
            found = {" ".join(v): hits[v] for v in row_variants[(table.path.name, row.line)]}
            found = {k: n for k, n in found.items() if n}
            if found:
                hit_rows += 1
                print(f"{table.path.name}:{row.line}: {row.spun!r} occurs in clean text: {found}")
        print(f"{table.path.name}: {len(table.rows)} rows, {hit_rows} with corpus hits")
        failed |= bool(hit_rows)
    problems = lint(tables)
    for problem in problems:
        print(problem)
    print(f"lint: {len(problems)} problems")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
