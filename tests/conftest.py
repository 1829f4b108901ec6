"""Shared fixtures: the shared corpus location, table phrases, a spun news report, the
language model hidden, Hypothesis profile."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import restore
from restore.tables import default_tables

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus" / "whitehouse_statements" / "docs.jsonl"
CASES = Path(__file__).resolve().parent / "cases"
#: A news report as a news spinner rewrites it ("said" -> "mentioned", "study" -> "examine",
#: "doctors" -> "medical doctors", "sales" -> "gross sales"): text the engine restores.
SPUN_NEWS = (
    "A brand new examine means that individuals who stroll extra may additionally sleep "
    "higher, researchers mentioned on Monday. Medical doctors who weren't concerned within "
    "the examine mentioned the outcomes had been encouraging, and the corporate mentioned "
    "gross sales of its trackers had slowed in recent times."
)

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


@pytest.fixture
def without_pocketsphinx(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the language model's package (``restore[lm]``) were not installed."""
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "pocketsphinx" else real(name, *args),
    )
