"""Phrase tables: reviewed data that maps spun phrases to their originals.

A table is a UTF-8 TSV file with a header of ``# key: value`` lines (format,
name, kind, source, licence), then the column line
``spun, original, inflect, score, provenance, note`` and one row a line.
The files under ``wordlists/`` are the source of truth; the package ships a
checked copy so tables load from a wheel and an editable install alike.

Two kinds of table exist:

- ``phrase``: fingerprints, applied where they match (``"profound learning"``
  is never clean English);
- ``candidate``: swaps a spinner makes with ordinary words (``"cash"`` for
  ``"money"``); they only propose candidates for the model to score.

A bad row raises :class:`TableError` naming the file and line; nothing is
half-loaded.

>>> table = parse_table("demo.tsv", '''# format: 1
... # name: demo
... # kind: phrase
... # source: example
... # licence: CC0
... spun\\toriginal\\tinflect\\tscore\\tprovenance\\tnote
... profound learning\\tdeep learning\\tnoun\\t0.99\\texample\\t
... ''')
>>> table.rows[0].original, table.rows[0].line
('deep learning', 7)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = [
    "COLUMNS",
    "Row",
    "Table",
    "TableError",
    "default_tables",
    "lint_tables",
    "load_table",
    "parse_table",
    "row_problems",
]

FORMAT = "1"
COLUMNS = ("spun", "original", "inflect", "score", "provenance", "note")
KINDS = ("phrase", "candidate")
INFLECTIONS = ("exact", "noun", "verb")
_REQUIRED_HEADER = ("format", "name", "kind", "source", "licence")
_QUERY_SYNTAX = re.compile(r"""["()\[\]{}|*~]|\b(?:AND|OR|NOT)\b""")
_PLACEHOLDER = re.compile(r"\?")
_SPUN_WORDS = re.compile(r"^[^\sA-Z]+(?: [^\sA-Z]+)*$")


class TableError(ValueError):
    """A table file that cannot be used, with the file and line at fault."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: ``spun`` is folded words separated by single spaces."""

    spun: str
    original: str
    inflect: str
    score: float
    provenance: str
    note: str
    line: int


@dataclass(frozen=True, slots=True)
class Table:
    """A validated table: its header, its rows and where it came from."""

    name: str
    kind: str
    header: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]
    path: str

    def meta(self, key: str) -> str:
        """Value of header ``key`` (empty string when absent)."""
        return dict(self.header).get(key, "")


def parse_table(path: str, content: str) -> Table:
    """Parse and validate table ``content`` read from ``path``.

    Raises :class:`TableError` for the first problem, naming ``path`` and
    the line, so a user's table is either loaded whole or not at all.
    """
    header: dict[str, str] = {}
    rows: list[Row] = []
    seen: dict[str | tuple[str, str], int] = {}
    columns_seen = False
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not columns_seen:
            if line.startswith("#"):
                key, sep, value = line[1:].partition(":")
                if sep and key.strip() and " " not in key.strip():
                    header[key.strip().lower()] = value.strip()
                continue
            if not line.strip():
                continue
            if tuple(line.split("\t")) != COLUMNS:
                raise TableError(
                    path, number, f"expected the column line {'<TAB>'.join(COLUMNS)!r}"
                )
            _check_header(path, number, header)
            columns_seen = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        row = _parse_row(path, number, line)
        # A fingerprint has one restoration; a candidate swap may have several.
        identity = (
            row.spun if header.get("kind") == "phrase" else (row.spun, row.original.casefold())
        )
        if identity in seen:
            raise TableError(
                path, number, f"duplicate row for {row.spun!r} (line {seen[identity]})"
            )
        seen[identity] = number
        rows.append(row)
    if not columns_seen:
        raise TableError(path, 0, "no column line: is this a restore table?")
    return Table(
        name=header["name"],
        kind=header["kind"],
        header=tuple(header.items()),
        rows=tuple(rows),
        path=path,
    )


def _check_header(path: str, line: int, header: dict[str, str]) -> None:
    missing = [key for key in _REQUIRED_HEADER if not header.get(key)]
    if missing:
        raise TableError(path, line, f"header lacks {', '.join(missing)} (write '# key: value')")
    if header["format"] != FORMAT:
        raise TableError(path, line, f"format {header['format']!r} is not supported (use {FORMAT})")
    if header["kind"] not in KINDS:
        raise TableError(path, line, f"kind must be one of {', '.join(KINDS)}")


def _parse_row(path: str, number: int, line: str) -> Row:
    fields = line.split("\t")
    if len(fields) != len(COLUMNS):
        raise TableError(
            path, number, f"expected {len(COLUMNS)} tab-separated fields, got {len(fields)}"
        )
    spun, original, inflect, score_text, provenance, note = (f.strip() for f in fields)
    try:
        score = float(score_text)
    except ValueError:
        raise TableError(path, number, f"score {score_text!r} is not a number") from None
    row = Row(spun, original, inflect, score, provenance, note, number)
    problems = row_problems(row)
    if problems:
        raise TableError(path, number, problems[0])
    return row


def row_problems(row: Row) -> list[str]:
    """What is wrong with one row on its own, first problem first (empty if nothing).

    >>> row_problems(Row("a b", "A B", "exact", 0.9, "x", "", 1))
    ["identity row: 'a b' restores to itself"]
    """
    problems = []
    if not _SPUN_WORDS.match(row.spun):
        problems.append(f"spun {row.spun!r} must be lower case words separated by single spaces")
    if not row.original:
        problems.append("original is empty")
    for column, value in (("spun", row.spun), ("original", row.original)):
        if _QUERY_SYNTAX.search(value) or _PLACEHOLDER.search(value):
            problems.append(f"{column} {value!r} holds query syntax or a placeholder")
    if row.spun == row.original.casefold():
        problems.append(f"identity row: {row.spun!r} restores to itself")
    if row.inflect not in INFLECTIONS:
        problems.append(f"inflect {row.inflect!r} must be one of {', '.join(INFLECTIONS)}")
    if not 0.0 <= row.score <= 1.0:
        problems.append(f"score {row.score} is outside 0..1")
    if not row.provenance:
        problems.append("provenance is empty: say where the row comes from")
    return problems


def load_table(path: str | Path) -> Table:
    """Read and validate the table file at ``path``.

    >>> load_table("missing.tsv")
    Traceback (most recent call last):
    ...
    restore.tables.TableError: missing.tsv: cannot read table: No such file or directory
    """
    try:
        content = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise TableError(str(path), 0, f"cannot read table: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise TableError(str(path), 0, f"not UTF-8 at byte {error.start}") from None
    return parse_table(str(path), content)


@lru_cache(maxsize=1)
def default_tables() -> tuple[Table, ...]:
    """The tables shipped in the package, loaded once, in name order."""
    folder = resources.files("restore") / "tables"
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".tsv")),
        key=lambda entry: entry.name,
    )
    return tuple(
        parse_table(f"restore/tables/{entry.name}", entry.read_text(encoding="utf-8"))
        for entry in entries
    )


def lint_tables(tables: Sequence[Table], *, overrides: bool = False) -> list[str]:
    """Problems across tables that a single file cannot show, as ``file:line: what``.

    A spun phrase listed by two phrase tables, and chains (a restoration
    that is itself a spun phrase, so restoring twice would change the text
    again), break idempotence. With ``overrides``, a phrase in an earlier
    table shadows the same phrase in later ones (a user's table over the
    shipped ones), and only the rows in effect are checked for chains.

    >>> t = parse_table("t.tsv", "# format: 1\\n# name: t\\n# kind: phrase\\n# source: s\\n"
    ...     "# licence: l\\nspun\\toriginal\\tinflect\\tscore\\tprovenance\\tnote\\n"
    ...     "a b\\tc d\\texact\\t1\\tx\\t\\nc d\\te f\\texact\\t1\\tx\\t\\n")
    >>> lint_tables([t])
    ["t.tsv:7: chain: the restoration 'c d' is itself a spun phrase (t.tsv:8)"]
    """
    problems: list[str] = []
    keys: dict[str, tuple[Table, Row]] = {}
    in_effect: list[tuple[Table, Row]] = []
    for table in (t for t in tables if t.kind == "phrase"):
        for row in table.rows:
            if row.spun not in keys:
                keys[row.spun] = (table, row)
                in_effect.append((table, row))
            elif not overrides:
                other, first = keys[row.spun]
                problems.append(
                    f"{table.path}:{row.line}: {row.spun!r} is also in {other.path}:{first.line}"
                )
    for table, row in in_effect:
        for form in _surface_keys(row.original):
            if form in keys:
                other, target = keys[form]
                problems.append(
                    f"{table.path}:{row.line}: chain: the restoration {form!r} "
                    f"is itself a spun phrase ({other.path}:{target.line})"
                )
    return problems


def _surface_keys(phrase: str) -> Iterable[str]:
    from restore.text import words

    folded = " ".join(words(phrase))
    yield folded
