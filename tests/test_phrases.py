"""Phrase matching: the token matcher, the fast scan, and where phrases may be joined."""

from __future__ import annotations

import pytest

import restore
from restore.phrases import PhraseIndex
from restore.tables import parse_table
from restore.text import tokenize

PHRASE_TABLE = """\
# format: 1
# name: scan-test
# kind: phrase
# source: test
# licence: test
spun\toriginal\tinflect\tscore\tprovenance\tnote
profound learning\tdeep learning\tnoun\t0.99\tt\t
profound learning model\tdeep learning model\texact\t0.99\tt\t
learning model\tstudy model\texact\t0.9\tt\t
nation's leader\tcountry's leader\texact\t0.9\tt\t
don't care\tdo not mind\texact\t0.9\tt\t
irregular woodland\trandom forest\tnoun\t0.95\tt\t
all time excessive\tall-time high\tnoun\t0.95\tt\t
"""
SCAN_WORDS = [
    "profound",
    "Profound",
    "PROFOUND",
    "learning",
    "learnings",
    "model",
    "nation",
    "Nation",
    "'s",
    "’s",
    "’S",
    "leader",
    "don't",
    "don’t",
    "care",
    "irregular",
    "woodland",
    "woodlands",
    "counterfeit",
    "news",
    "imaginative",
    "and",
    "prescient",
    "the",
    "İ",
    "ß",
    "x",
    "all",
    "time",
    "excessive",
    *[
        "profound learning",
        "all-time excessive",
        "All\u2010time  excessives",
        "Profound  Learning model",
        "nation’s leader",
        "irregular\nwoodland",
    ]
    * 3,
]
SCAN_GAPS = [
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "",
    ", ",
    ". ",
    "-",
    "\u2010",
    " - ",
    "’",
    "'",
    "(",
    "“",
]


def test_phrase_scan_finds_exactly_what_the_token_matcher_finds() -> None:
    hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed")
    st = hypothesis.strategies
    indexes = [
        PhraseIndex([parse_table("scan-test", PHRASE_TABLE)]),
        restore.default_restorer()._phrases,
    ]
    pieces = st.lists(st.tuples(st.sampled_from(SCAN_WORDS), st.sampled_from(SCAN_GAPS)))
    joined = st.tuples(st.sampled_from(SCAN_GAPS), pieces).map(
        lambda lead_pairs: lead_pairs[0] + "".join(w + g for w, g in lead_pairs[1])
    )
    texts = joined | st.text(max_size=60)

    @hypothesis.settings(max_examples=400, deadline=None)
    @hypothesis.given(texts)
    def check(text: str) -> None:
        for index in indexes:
            assert index.scan(text) == list(index.matches(text, tokenize(text)))

    check()


def _index() -> PhraseIndex:
    return PhraseIndex([parse_table("scan-test", PHRASE_TABLE)])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("an all-time excessive", "all-time excessive"),
        ("all\u2010time excessives", "all\u2010time excessives"),
        ("an all time excessive", "all time excessive"),
    ],
)
def test_a_hyphen_joins_a_phrase_where_the_original_has_one(text: str, found: str) -> None:
    matches = _index().scan(text)
    assert [text[m.start : m.end] for m in matches] == [found]


@pytest.mark.parametrize(
    "text", ["an irregular-woodland walk", "all time-excessive", "all - time excessive"]
)
def test_other_hyphens_break_a_phrase(text: str) -> None:
    assert _index().scan(text) == []


def test_a_hyphenated_fingerprint_is_restored_with_its_hyphen() -> None:
    assert restore.restore("Bitcoin hit an all-time excessive.") == "Bitcoin hit an all-time high."


@pytest.mark.parametrize(("gap", "found"), [("\n", True), ("  \n  ", True), ("\n\n", False)])
def test_a_line_break_joins_a_phrase_but_a_blank_line_does_not(gap: str, found: bool) -> None:
    # A blank line ends a paragraph, a heading or a list item.
    text = f"a new profound{gap}learning method"
    assert bool(_index().scan(text)) == found
