"""Repairs: case transfer, a/an choice, spintax groups."""

from __future__ import annotations

import pytest

import restore
from restore.repair import (
    SPINTAX_PATTERN,
    article_for,
    in_format_string,
    match_case,
    reads_as_program,
    spintax_choices,
)


@pytest.mark.parametrize(
    ("found", "suggestion", "expected"),
    [
        ("imaginative and prescient", "vision", "vision"),
        ("Imaginative and prescient", "vision", "Vision"),
        ("IMAGINATIVE AND PRESCIENT", "vision", "VISION"),
        ("Profound Learning", "deep learning", "Deep Learning"),
        ("Irregular Woodland Of Trees", "random forest of trees", "Random Forest of Trees"),
        ("Counterfeit consciousness", "artificial intelligence", "Artificial intelligence"),
        ("Change Fee", "Exchange Commission", "Exchange Commission"),
        ("512mb smash", "512 MB RAM", "512 MB RAM"),
        ("On Might 20", "on May 20", "On May 20"),
        ("in Might 2005", "in May 2005", "in May 2005"),
        ("IPhone", "iPhone", "iPhone"),
        ("IN MIGHT 2005", "in May 2005", "IN MAY 2005"),
        ("DNA", "Deoxyribonucleic acid", "Deoxyribonucleic acid"),
        ("mentioned", "said", "said"),
    ],
)
def test_match_case(found: str, suggestion: str, expected: str) -> None:
    assert match_case(found, suggestion) == expected


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("apple", "an"),
        ("idea", "an"),
        ("hour", "an"),
        ("honest", "an"),
        ("union", "a"),
        ("European", "a"),
        ("one", "a"),
        ("useful", "a"),
        ("forest", "a"),
        ("Artificial", "an"),
    ],
)
def test_article_for(word: str, article: str) -> None:
    assert article_for(word) == article


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("{like|love}", "like|love"),
        ("{big|large|huge}", "big|large|huge"),
        ("{word}", "word"),
        ("{don't|do not}", "don't|do not"),
        ("{state-of-the-art|modern}", "state-of-the-art|modern"),
    ],
)
def test_spintax_pattern_matches_spinner_groups(text: str, group: str) -> None:
    match = SPINTAX_PATTERN.fullmatch(text)
    assert match is not None and match.group(1) == group
    assert spintax_choices(group) == group.split("|")


@pytest.mark.parametrize(
    "code",
    [
        *('{"a": 1}', "{ a | b }", "{x: 1}", "{a.b}", "{0}", "{}", "{a||b}", "{f(x)}", "{a_b}"),
        # Interpolation in templates and shells: JavaScript, Ruby, Bash, Jinja.
        *("`Hello, ${name}!`", '"#{name}"', "%{name}", "{{name}}", "${word|other}"),
        # Brace expansion in paths, names and member access: shells and build files.
        *("po/{de|fr}.po", "buf.{read|write}", "config/{alpha|powerpc}/", "test{After|Before}"),
        *("{de|fr}.po", "x.{read|write}{BE|LE}", "version {X}.{Y}"),
        # Template expressions that nest braces: Jinja, Handlebars, Vue.
        *("{{value|upper}}", "{{{raw}}}", "{{ name }}"),
    ],
)
def test_spintax_pattern_leaves_code_and_json_alone(code: str) -> None:
    assert SPINTAX_PATTERN.search(code) is None


@pytest.mark.parametrize(
    "text",
    ["a {big|large}, red box", "({best|top}) offers", '"{Sure|Certainly}." he', "{high|top}-end"],
)
def test_spintax_pattern_finds_a_group_beside_punctuation(text: str) -> None:
    assert SPINTAX_PATTERN.search(text) is not None


@pytest.mark.parametrize(
    ("choices", "program"),
    [
        (["ArrayBuffer", "string"], True),
        (["Buffer", "TypedArray"], True),
        (["Object", "integer"], True),
        (["big", "large", "huge"], False),
        (["The", "A"], False),
        (["New York", "Boston"], False),
    ],
)
def test_a_brace_group_of_types_reads_as_program_text(choices: list[str], program: bool) -> None:
    assert reads_as_program(choices) == program


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ('print(f"Hello, {name}!")', True),
        ("msg = rf'{word} here'", True),
        ('"Dear {name},".format(name=n)', True),
        ("the staff's {firm} said", False),
        ('he said "the {firm} agreed" on Monday', False),
        ('f"closed" and then {word}', False),
        ('f"open\nthe {firm}', False),
    ],
)
def test_a_placeholder_is_one_in_a_python_format_string(text: str, placeholder: bool) -> None:
    start = text.index("{")
    assert in_format_string(text, start, text.index("}") + 1) == placeholder


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("{rose|{went up|climbed}}", ["rose", "went up"]),
        ("{{big|large}|huge}", ["big", "huge"]),
        ("{quick {brown|red}|fast}", ["quick brown", "fast"]),
        ("{a|{b|{c|d}} e}", ["a", "b e"]),
    ],
)
def test_nested_spintax_is_one_group_read_as_rendered(text: str, choices: list[str]) -> None:
    match = SPINTAX_PATTERN.fullmatch(text)
    assert match is not None
    assert spintax_choices(match.group(1)) == choices


@pytest.mark.parametrize("text", ["{{name}}", "{x|{a}}", "{{a|b}}"])
def test_a_nested_group_needs_alternatives_at_every_level(text: str) -> None:
    assert SPINTAX_PATTERN.search(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "* `fd` {integer|null} The file descriptor, or null when the file is closed.",
        "* `size` {integer|bigint} How many bytes to read from the start.",
        "Returns: {string|undefined} The path of the link, if there is one.",
    ],
)
def test_a_group_of_type_names_is_a_parameter_type_not_spintax(text: str) -> None:
    assert restore.restore(text) == text
