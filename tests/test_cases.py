"""Data-driven cases from tests/cases/*.json, run through the default engine.

- positive.json: spun text and the restoration expected;
- negative.json: clean text that must come back byte-identical;
- known-failures.json: restorations we want but do not get yet, as strict
  xfails: when one starts passing, move it to positive.json.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import CASES

import restore


def load(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return cases


def ids(cases: list[dict[str, Any]]) -> list[str]:
    return [case["label"] for case in cases]


POSITIVE = load("positive.json")
NEGATIVE = load("negative.json")
KNOWN_FAILURES = load("known-failures.json")


def check_findings(text: str) -> None:
    findings = restore.find(text)
    for sub in findings:
        assert text[sub.start : sub.end] == sub.original
    assert [s.start for s in findings] == sorted(s.start for s in findings)


@pytest.mark.parametrize("case", POSITIVE, ids=ids(POSITIVE))
def test_positive(case: dict[str, Any]) -> None:
    text = case["input"]
    check_findings(text)
    assert restore.restore(text) == case["expected"]
    assert restore.apply(text, restore.explain(text).substitutions) == case["expected"]


@pytest.mark.parametrize("case", NEGATIVE, ids=ids(NEGATIVE))
def test_negative(case: dict[str, Any]) -> None:
    text = case["input"]
    check_findings(text)
    assert restore.restore(text) == text
    assert restore.explain(text).substitutions == ()


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=pytest.mark.xfail(strict=True, reason=case["reason"]))
        for case in KNOWN_FAILURES
    ],
    ids=ids(KNOWN_FAILURES),
)
def test_known_failure(case: dict[str, Any]) -> None:
    assert restore.restore(case["input"]) == case["expected"]


def test_case_files_are_well_formed() -> None:
    for cases, keys in (
        (POSITIVE, {"label", "input", "expected"}),
        (NEGATIVE, {"label", "input"}),
        (KNOWN_FAILURES, {"label", "input", "expected", "reason"}),
    ):
        assert cases
        for case in cases:
            assert set(case) == keys, case
        assert len(set(ids(cases))) == len(cases), "labels must be unique"
    for case in POSITIVE:
        assert case["input"] != case["expected"], case["label"]
