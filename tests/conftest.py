"""Shared fixtures: the shared corpus location, table phrases, Hypothesis profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import restore
from restore.tables import default_tables

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus" / "whitehouse_statements" / "docs.jsonl"
CASES = Path(__file__).resolve().parent / "cases"

settings.register_profile(
    "default",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("default")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "corpus: runs over the whole clean corpus in ../shared (run by default; "
        "deselect with -m 'not corpus')",
    )


def confident_phrases() -> list[str]:
    """Spun phrases of the shipped phrase tables that restore applies by default."""
    return sorted(
        row.spun
        for table in default_tables()
        if table.kind == "phrase"
        for row in table.rows
        if row.score >= restore.DEFAULT_MIN_SCORE
    )


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"clean corpus absent ({CORPUS}): it comes with ../shared, not with the repo")
    return CORPUS
