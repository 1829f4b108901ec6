"""Phrase tables: the shipped data is valid and in sync; bad user tables are refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import restore
from restore import Restorer, TableError, load_table
from restore.tables import COLUMNS, default_tables, lint_tables, parse_table

ROOT = Path(__file__).resolve().parents[1]
HEADER = "# format: 1\n# name: mine\n# kind: phrase\n# source: test\n# licence: CC0\n"
COLUMN_LINE = "\t".join(COLUMNS) + "\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text(header + COLUMN_LINE + body, encoding="utf-8")
    return path


# The shipped tables -------------------------------------------------------------


def test_shipped_tables_are_in_sync_and_lint_clean() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sync_tables.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_shipped_tables_load_and_have_no_cross_table_problems() -> None:
    tables = default_tables()
    assert {t.name for t in tables} >= {"tortured-phrases"}
    assert lint_tables(tables) == []


def test_every_shipped_row_has_provenance_and_a_score_in_range() -> None:
    for table in default_tables():
        for key in ("source", "licence"):
            assert table.meta(key), (table.path, key)
        for row in table.rows:
            assert row.provenance.strip(), (table.path, row.line)
            assert 0.0 <= row.score <= 1.0
            assert row.spun != row.original.casefold()


def test_tortured_table_credits_the_problematic_paper_screener() -> None:
    (table,) = [t for t in default_tables() if t.name == "tortured-phrases"]
    header = " ".join(value for _, value in table.header)
    for name in ("Cabanac", "Labbé", "Magazinov", "Problematic Paper Screener"):
        assert name in header
    assert table.meta("licence") == "CC BY 4.0"


def test_no_shipped_phrase_restores_to_another_phrase() -> None:
    """A chain would make restore(restore(t)) != restore(t)."""
    engine = Restorer(model=False)
    for table in default_tables():
        if table.kind != "phrase":
            continue
        for row in table.rows:
            assert engine.find(row.original, min_score=0.0) == [], (table.path, row.line)


# User tables ------------------------------------------------------------------------


def test_user_table_is_used(tmp_path: Path) -> None:
    path = write(tmp_path, "purple monkey dishwasher\tsecret phrase\tnoun\t0.99\tmine\t\n")
    engine = Restorer(tables=[path], model=False)
    assert engine.restore("A purple monkey dishwasher") == "A secret phrase"
    assert engine.restore("purple monkey dishwashers") == "secret phrases"
    (sub,) = engine.find("purple monkey dishwasher")
    assert sub.source == "mine:7"
    assert engine.restore("the irregular woodland") == "the random forest"
    alone = Restorer(tables=[load_table(path)], default_tables=False, model=False)
    assert alone.restore("counterfeit consciousness") == "counterfeit consciousness"
    assert alone.restore("purple monkey dishwasher") == "secret phrase"


def test_user_table_below_the_threshold_is_reported_not_applied(tmp_path: Path) -> None:
    path = write(tmp_path, "purple monkey dishwasher\tsecret phrase\texact\t0.5\tmine\t\n")
    engine = Restorer(tables=[path], model=False)
    assert engine.restore("purple monkey dishwasher") == "purple monkey dishwasher"
    assert [s.score for s in engine.find("purple monkey dishwasher")] == [0.5]


def test_user_table_takes_precedence_over_a_shipped_row(tmp_path: Path) -> None:
    path = write(tmp_path, "irregular woodland\trandom woods\texact\t0.99\tmine\t\n")
    engine = Restorer(tables=[path], model=False)
    assert engine.restore("the irregular woodland") == "the random woods"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("a b\tc d\texact\t0.9\tx\n", 7, "expected 6 tab-separated fields, got 5"),
        ("a b\tc d\texact\t0.9\tx\t\textra\n", 7, "got 7"),
        ("a b\tc d\texact\thigh\tx\t\n", 7, "not a number"),
        ("a b\tc d\texact\t1.5\tx\t\n", 7, "outside 0..1"),
        ("a b\tA B\texact\t0.9\tx\t\n", 7, "identity row"),
        (
            "a b\tc d\texact\t0.9\tx\t\nz\ty\texact\t0.9\tx\t\na b\te f\texact\t0.9\tx\t\n",
            9,
            "'a b' (line 7)",
        ),
        ("a b\tc d\texact\t0.9\t\t\n", 7, "provenance is empty"),
        ("a b\t\texact\t0.9\tx\t\n", 7, "original is empty"),
        ("a b\tc d\tadverb\t0.9\tx\t\n", 7, "inflect 'adverb'"),
        ("A B\tc d\texact\t0.9\tx\t\n", 7, "lower case words"),
        ("a  b\tc d\texact\t0.9\tx\t\n", 7, "single spaces"),
        ('"a b"\tc d\texact\t0.9\tx\t\n', 7, "query syntax"),
        ("a b\tc ? d\texact\t0.9\tx\t\n", 7, "placeholder"),
    ],
)
def test_bad_row_names_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(TableError, match=r"mine\.tsv") as caught:
        load_table(path)
    assert caught.value.line == line
    assert caught.value.path == str(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    with pytest.raises(TableError):
        Restorer(tables=[path])


@pytest.mark.parametrize("key", ["format", "name", "kind", "source", "licence"])
def test_missing_header_key_is_named(tmp_path: Path, key: str) -> None:
    header = "".join(line + "\n" for line in HEADER.splitlines() if not line[2:].startswith(key))
    path = write(tmp_path, "a b\tc d\texact\t0.9\tx\t\n", header=header)
    with pytest.raises(TableError, match=f"header lacks {key}"):
        load_table(path)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace("format: 1", "format: 2"), "format '2' is not supported"),
        (HEADER.replace("kind: phrase", "kind: other"), "kind must be one of"),
    ],
)
def test_bad_header_value_is_refused(tmp_path: Path, header: str, message: str) -> None:
    with pytest.raises(TableError, match=message):
        load_table(write(tmp_path, "", header=header))


def test_wrong_column_line_and_unreadable_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + "spun\toriginal\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"bad.tsv:6: expected the column line"):
        load_table(bad)
    empty = tmp_path / "empty.tsv"
    empty.write_text(HEADER, encoding="utf-8")
    with pytest.raises(TableError, match="no column line"):
        load_table(empty)
    latin = tmp_path / "latin.tsv"
    latin.write_bytes((HEADER + COLUMN_LINE + "caf\xe9 x\ty\texact\t1\tx\t\n").encode("latin-1"))
    with pytest.raises(TableError, match="not UTF-8"):
        load_table(latin)
    with pytest.raises(TableError, match="cannot read table"):
        load_table(tmp_path / "missing.tsv")
    with pytest.raises(TableError, match="cannot read table"):
        Restorer(tables=[tmp_path / "missing.tsv"])


def test_user_table_chaining_into_a_shipped_phrase_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "forest of chance\tirregular woodland\texact\t0.9\tx\t\n")
    with pytest.raises(TableError, match="chain") as raised:
        Restorer(tables=[path], model=False)
    assert raised.value.path == str(path) and raised.value.line == 7


def test_lint_reports_duplicates_across_tables() -> None:
    content = HEADER + COLUMN_LINE + "a b\tc d\texact\t0.9\tx\t\n"
    first = parse_table("one.tsv", content)
    second = parse_table("two.tsv", content)
    assert lint_tables([first, second]) == ["two.tsv:7: 'a b' is also in one.tsv:7"]


def test_table_error_is_a_value_error() -> None:
    assert issubclass(restore.TableError, ValueError)


def test_no_shipped_suggestion_has_a_known_misspelling() -> None:
    misspelt = {
        line.split("\t", 1)[0]
        for line in (ROOT / "scripts" / "pps_spelling.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert "particule" in misspelt
    written = {
        word
        for table in default_tables()
        for row in table.rows
        for word in restore.text.words(row.original)
    }
    assert written & misspelt == set()
