"""The false-edit check: clean documents must come back byte-identical.

The corpus is 5,358 public-domain press releases, none of them spun; every
edit the engine makes to one is a false edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import restore

pytestmark = pytest.mark.corpus

_SHOWN = 20


def documents(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                yield record["id"], record["text"]


def describe(doc_id: str, findings: list[restore.Substitution]) -> list[str]:
    return [f"{doc_id}: {s.original!r} -> {s.suggestion!r} ({s.source})" for s in findings]


def test_default_engine_leaves_every_clean_document_unchanged(corpus_path: Path) -> None:
    failures: list[str] = []
    count = 0
    for doc_id, text in documents(corpus_path):
        count += 1
        result = restore.explain(text)
        if result.text != text:
            failures.extend(describe(doc_id, list(result.substitutions)))
    assert count > 5000
    assert not failures, f"{len(failures)} false edits, first {_SHOWN}:\n" + "\n".join(
        failures[:_SHOWN]
    )


def test_tables_find_nothing_in_clean_documents_at_any_score(corpus_path: Path) -> None:
    engine = restore.Restorer(model=False)
    failures: list[str] = []
    for doc_id, text in documents(corpus_path):
        failures.extend(describe(doc_id, engine.find(text, min_score=0.0)))
    assert not failures, f"{len(failures)} table findings, first {_SHOWN}:\n" + "\n".join(
        failures[:_SHOWN]
    )
