"""Properties of the engine on arbitrary text, salted with shipped spun phrases.

For any str: findings point into the text, are sorted and disjoint, score in
[0, 1]; explain replays through apply; restoring is idempotent; and text
holding no table phrase comes back byte-identical from the table engine.
"""

from __future__ import annotations

from conftest import confident_phrases
from hypothesis import given
from hypothesis import strategies as st

import restore
from restore import Restorer, Substitution
from restore.tables import default_tables
from restore.text import tokenize

PHRASES = confident_phrases()
FIRST_WORDS = frozenset(
    row.spun.split(" ")[0]
    for table in default_tables()
    if table.kind == "phrase"
    for row in table.rows
)
TABLES_ONLY = Restorer(model=False)

ANY_CHARS = st.characters(blacklist_categories=())
TRICKY = st.sampled_from(
    [
        "İ",
        "ß",
        "\u0301",
        "👍🏽",
        "\u200f",
        "\x00",
        "\ud800",
        "’s",
        "\r\n",
        "\n\n",
        "\t",
        "{a|b}",
        "{word}",
        " a ",
        " an ",
        "A ",
        "https://ex.com/",
        "<b>",
        "</b>",
        "`",
        "@",
        "#",
        ",",
        ".",
    ]
)


def spun_phrase() -> st.SearchStrategy[str]:
    return st.sampled_from(PHRASES).flatmap(
        lambda p: st.sampled_from([p, p.upper(), p.title(), p.capitalize()])
    )


SALTED_TEXT = st.lists(
    st.one_of(st.text(ANY_CHARS, max_size=20), TRICKY, spun_phrase()),
    max_size=12,
).flatmap(lambda parts: st.sampled_from([" ", "", "\n"]).map(lambda sep: sep.join(parts)))


def check_findings(text: str, findings: list[Substitution]) -> None:
    end = 0
    for sub in findings:
        assert text[sub.start : sub.end] == sub.original
        assert end <= sub.start < sub.end
        assert 0.0 <= sub.score <= 1.0
        assert all(0.0 <= a.score <= 1.0 for a in sub.alternatives)
        end = sub.end


@given(SALTED_TEXT)
def test_default_engine_invariants(text: str) -> None:
    findings = restore.find(text)
    check_findings(text, findings)
    result = restore.explain(text)
    assert result.text == restore.restore(text)
    assert restore.apply(text, result.substitutions) == result.text
    assert all(s.score >= restore.DEFAULT_MIN_SCORE for s in result.substitutions)
    # Applied substitutions are findings, widened by an article they repair or
    # folded with a phrase they complete: each lies over the findings it applies.
    for sub in result.substitutions:
        assert text[sub.start : sub.end] == sub.original
        assert any(sub.start <= f.start and f.end <= sub.end for f in findings)
    assert 0.0 <= restore.spin_score(text) <= 1.0
    assert restore.restore(result.text) == result.text


@given(SALTED_TEXT)
def test_table_engine_invariants(text: str) -> None:
    findings = TABLES_ONLY.find(text)
    check_findings(text, findings)
    restored = TABLES_ONLY.restore(text)
    assert restore.apply(text, TABLES_ONLY.explain(text).substitutions) == restored
    assert TABLES_ONLY.restore(restored) == restored


@given(st.text(ANY_CHARS, max_size=200))
def test_text_without_table_words_or_braces_is_untouched(text: str) -> None:
    if "{" in text or any(t.norm in FIRST_WORDS for t in tokenize(text)):
        text = "".join(c for c in text if not c.isalnum() and c != "{")
    assert TABLES_ONLY.find(text) == []
    assert TABLES_ONLY.restore(text) == text


@given(st.sampled_from(PHRASES))
def test_every_confident_phrase_is_restored_when_standing_alone(phrase: str) -> None:
    text = f"The {phrase}."
    restored = TABLES_ONLY.restore(text)
    assert restored != text
    assert restored.startswith("The ") and restored.endswith(".")
