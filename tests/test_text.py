"""The text model: tokens and protected spans point into the caller's exact string."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import restore
from restore.text import code_lines, count_words, fold, protected_spans, tokenize, words

ANY_TEXT = st.text(st.characters(blacklist_categories=()))


@given(ANY_TEXT)
def test_tokens_point_into_the_text(text: str) -> None:
    end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.surface
        assert token.start >= end and token.end > token.start
        assert token.norm == fold(token.surface)
        end = token.end
    assert [t.norm for t in tokenize(text)] == words(text)


# Words, clitics, apostrophes, marks, the marks that close a word and every kind of
# whitespace, densely mixed.
WORDY_TEXT = st.text(
    st.sampled_from(
        list("aAsSé1_-'’ʼ\u0301\u0903 \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000.,;:!?)\"")
    ),
    max_size=40,
)


@given(st.one_of(ANY_TEXT, WORDY_TEXT))
def test_counting_by_chunks_counts_every_word(text: str) -> None:
    assert count_words(text) == Counter(words(text))
    assert count_words(text) == Counter(words(text))  # again, from the chunk cache


@given(ANY_TEXT)
def test_protected_spans_are_sorted_and_disjoint(text: str) -> None:
    end = 0
    for start, stop in protected_spans(text):
        assert end <= start < stop <= len(text)
        end = stop


def test_offsets_survive_characters_whose_case_changes_length() -> None:
    text = "İstanbul ß STRASSE ﬁne"
    assert [t.surface for t in tokenize(text)] == ["İstanbul", "ß", "STRASSE", "ﬁne"]
    assert fold("ß") == "ss"


def test_clitic_and_apostrophes() -> None:
    assert words("The SEC’s rule, isn’t it? rock'n'roll ʼs") == [
        "the",
        "sec",
        "'s",
        "rule",
        "isn't",
        "it",
        "rock'n'roll",
        "'s",
    ]


@pytest.mark.parametrize(
    "protected",
    [
        "https://example.com/a?b=c#d",
        "http://ex.org/irregular-woodland",
        "www.example.com/path",
        "someone.else+tag@mail.example.co.uk",
        "<a href=\"x\" title='profound learning'>",
        "</div>",
        "<!-- a comment -->",
        "`inline code`",
        "```\nfenced\ncode\n```",
        "<script>var x = 1;</script>",
        "<pre>keep   this</pre>",
        "#hashtag",
        "@handle",
    ],
)
def test_protected_kinds(protected: str) -> None:
    text = f"before {protected} after"
    spans = protected_spans(text)
    assert any(text[s:e] == protected for s, e in spans), spans
    assert not any(text[s:e] in ("before", "after") for s, e in spans)


@pytest.mark.parametrize(
    "prose",
    ["x & y", "C# and F#", "a<b and c>d", "issue #12", "me@", "no hints at all"],
)
def test_prose_around_symbols_is_not_all_protected(prose: str) -> None:
    covered = sum(e - s for s, e in protected_spans(prose))
    assert covered < len(prose)


@pytest.mark.parametrize(
    "line",
    [
        ">>> parse('Sat Oct 11')",
        "def handler(event, context):",
        "class Parser(Base):",
        "from dateutil.parser import parse",
        "import numpy as np",
        "import os, sys  # both",
        "import { render } from 'react';",
        "const total = items.length;",
        "body='within reach',",
        "args = parser.parse_args()",
        "parser.add_argument(",
        "logger.opt(colors=True).info('Per message colours')",
        "await client.send_message(channel, text)",
        "})",
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_code_lines_are_protected_whole(line: str, newline: str) -> None:
    text = f"Run it so:{newline}{newline}    {line}{newline}{newline}and read the result."
    start = text.index(line)
    spans = protected_spans(text)
    assert any(s == start and text[s:e].rstrip() == line for s, e in spans), spans
    assert "read" not in "".join(text[s:e] for s, e in spans)


@pytest.mark.parametrize(
    "line",
    [
        "The rate (in percent) rose: see section 212(a)(3) of the Act;",
        "json.dumps() -- Serialize obj to a JSON formatted str.",
        "sort_stats() and print_stats() for more examples.",
        "Tamika Mallory, Co-Founder, Until Freedom(Virtual)",
        "from there, the class grew: forty pupils by May.",
        "Let the record show that x equals y.",
        "import location for Python to search rather than the last.",
        "The company said (AP) it would return",
    ],
)
def test_prose_lines_are_not_code(line: str) -> None:
    assert code_lines(f"Intro line.\n{line}\nLast line.") == []


def test_a_spun_phrase_in_code_is_left_but_restored_in_prose() -> None:
    phrase = "counterfeit consciousness"
    text = f"Counterfeit consciousness is a field.\n\n    model.fit(label='{phrase}')\n"
    restored = restore.Restorer(model=False).restore(text)
    assert restored.startswith("Artificial intelligence is a field.")
    assert f"model.fit(label='{phrase}')" in restored


@pytest.mark.corpus
def test_no_line_of_the_reference_corpus_is_code(corpus_path: Path) -> None:
    found = []
    with corpus_path.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            found += [text[s:e] for s, e in code_lines(text)]
    assert found == []


def test_an_indented_block_with_a_code_line_is_code_whole() -> None:
    block = "    resp = requests.get(url)\n    print(resp.text)\n    # >>> within setup\n"
    text = f"Mock it:\n\n{block}\nThe mock is set up within the test."
    covered = "".join(text[s:e] for s, e in protected_spans(text))
    assert "print(resp.text)" in covered and "within setup" in covered
    assert "the test" not in covered


def test_an_indented_paragraph_of_prose_is_not_code() -> None:
    text = "Intro.\n\n    The firm said it would open new offices\n    in several countries.\n"
    assert code_lines(text) == []
