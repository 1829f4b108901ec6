"""Repairs around a restoration: letter case, a/an agreement, spintax.

A restoration must read as if it had always been there: it takes the case
of the text it replaces, and the article before it agrees with it
("a chance" restored becomes "an opportunity", never "a opportunity").

>>> match_case("Imaginative and prescient", "vision")
'Vision'
>>> match_case("COUNTERFEIT NEWS", "fake news")
'FAKE NEWS'
>>> article_for("hour"), article_for("union"), article_for("idea")
('an', 'a', 'an')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import regex

__all__ = [
    "SPINTAX_PATTERN",
    "article_for",
    "in_format_string",
    "match_case",
    "reads_as_program",
    "spintax_choices",
]

_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "in",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)


def match_case(found: str, suggestion: str) -> str:
    """``suggestion`` written in the letter case of ``found``.

    A suggestion that has capitals of its own (a name such as "Securities
    and Exchange Commission") is kept as it is, but for a leading capital
    where it starts with a word in lower case ("on May 20" for "On Might 20"
    at the start of a sentence), and in capitals for a phrase found in
    capitals. Otherwise all-capitals stay all-capitals, a title-cased phrase
    gives a title-cased phrase, and a leading capital gives a leading capital.

    >>> match_case("Profound Learning", "deep learning")
    'Deep Learning'
    >>> match_case("Change Fee", "Exchange Commission")
    'Exchange Commission'
    >>> match_case("On Might 20", "on May 20")
    'On May 20'
    """
    if "’" in found:
        suggestion = suggestion.replace("'", "’")
    first = found[:1]
    if first.isalpha() and not first.isupper():  # no rule below can apply
        return suggestion
    letters = [c for c in found if c.isalpha()]
    shouted = len(letters) > 1 and all(c.isupper() for c in letters)
    if suggestion != suggestion.lower():
        if shouted and " " in found.strip():
            return suggestion.upper()
        if first.isupper() and suggestion.split(" ", 1)[0].islower():
            return suggestion[:1].upper() + suggestion[1:]
        return suggestion
    if shouted:
        return suggestion.upper()
    if not found[:1].isupper():
        return suggestion
    found_words = found.split()
    if len(found_words) > 1 and all(
        w[:1].isupper() for w in found_words if w.lower() not in _MINOR_WORDS
    ):
        return " ".join(
            w if (i and w in _MINOR_WORDS) else w[:1].upper() + w[1:]
            for i, w in enumerate(suggestion.split(" "))
        )
    return suggestion[:1].upper() + suggestion[1:]


_CONSONANT_SOUND = (
    "uni",
    "use",
    "usu",
    "uti",
    "ure",
    "eu",
    "ewe",
    "one",
    "once",
    "ubiq",
    "uk",
    "ur",
)
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


def article_for(word: str) -> str:
    """The indefinite article that goes before ``word``, by its first sound.

    >>> article_for("European"), article_for("honest"), article_for("apple")
    ('a', 'an', 'an')
    """
    lowered = word.lower()
    if lowered.startswith(_SILENT_H):
        return "an"
    if lowered.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lowered[:1] in ("a", "e", "i", "o", "u") else "a"


#: A brace group that looks like spinner template syntax: one to four plain
#: words per alternative, standing apart from the words around it. Code, JSON
#: and templates have quotes, colons, operators or dots inside and do not
#: match; nor does interpolation marked by a ``$``, ``#`` or ``%`` before the
#: brace (``${name}`` in JavaScript and shells, ``#{name}`` in Ruby), nor a
#: group glued to a word, path or member access, as shells and build files
#: expand them (``po/{de|fr}.po``, ``buf.{read|write}``). A hyphen may join a
#: group to a word: spinners swap parts of compounds. Templates nest groups
#: ("{quick {brown|red}|fast}"); a nested group has two alternatives or more,
#: and so does a group that holds one, so that ``{{name}}`` and
#: ``{{value|upper}}`` (Jinja, Handlebars) are left alone. Group 1 is the inside.
SPINTAX_PATTERN = regex.compile(
    r"(?<![\w{}|$#%./\\:@=])"
    r"\{((?&words)|(?&alternative)(?:\|(?&alternative))+)\}"
    r"(?![\w{}|/\\]|[.:][\w{])"
    r"(?(DEFINE)"
    r"(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)"
    r"(?P<words>(?&word)(?: (?&word)){0,3})"
    r"(?P<item>(?&word)|\{(?&alternative)(?:\|(?&alternative))+\})"
    r"(?P<alternative>(?&item)(?: (?&item)){0,3})"
    r")"
)


_IDENTIFIER = re.compile(r"[^\W\d_]*[^\W\d_A-Z][A-Z]")

#: Names of types as the documentation of JavaScript, TypeScript and Python writes them in
#: braces (JSDoc's and Node's ``{string|null}``, ``{integer}``, ``{Promise}``), folded.
_TYPE_NAMES = frozenset(
    {
        *("any", "array", "bigint", "bool", "boolean", "buffer", "bytes", "date", "dict"),
        *("double", "error", "float", "function", "int", "integer", "list", "map", "never"),
        *("none", "null", "number", "object", "promise", "regexp", "set", "str", "string"),
        *("symbol", "tuple", "undefined", "unknown", "url", "void"),
    }
)


def reads_as_program(choices: Sequence[str]) -> bool:
    """Whether the alternatives of a brace group read as program text, not a spinner's
    words: one is an identifier with an inner capital, or some start with a
    capital and some do not, as the types of a documented parameter do
    (``{ArrayBuffer|string}``, ``{Object|integer}``), or every one is the name of
    a type (``{string|null}``, ``{integer}``). A spinner's alternatives stand in
    one place of a sentence and are capitalised alike, and "null" or "bigint"
    is no word's synonym.

    >>> reads_as_program(["ArrayBuffer", "string"]), reads_as_program(["Buffer", "null"])
    (True, True)
    >>> reads_as_program(["string", "null"]), reads_as_program(["integer"])
    (True, True)
    >>> reads_as_program(["big", "large"]), reads_as_program(["The", "A"])
    (False, False)
    >>> reads_as_program(["promise", "pledge"]), reads_as_program(["long", "lengthy"])
    (False, False)
    """
    if any(_IDENTIFIER.match(word) for choice in choices for word in choice.split()):
        return True
    if all(choice.lower() in _TYPE_NAMES for choice in choices):
        return True
    return len({choice[:1].isupper() for choice in choices}) > 1


def spintax_choices(group: str) -> list[str]:
    """The alternatives of a spintax group's inside, in order; a group nested in one reads
    as its first alternative, as a template renders it when told nothing else.

    >>> spintax_choices("big|large|huge")
    ['big', 'large', 'huge']
    >>> spintax_choices("quick {brown|red}|{fast|{swift|rapid} runner}")
    ['quick brown', 'fast']
    """
    choices: list[str] = []
    depth = start = 0
    for i, char in enumerate(group):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "|" and depth == 0:
            choices.append(group[start:i])
            start = i + 1
    choices.append(group[start:])
    return [_rendered(choice) for choice in choices]


_INNERMOST_GROUP = re.compile(r"\{([^{}|]*)[^{}]*\}")


def _rendered(choice: str) -> str:
    """``choice`` with every group in it read as its first alternative, innermost first.

    A brace left unclosed stays as it is (the pattern never yields one; a caller may):

    >>> _rendered("quick {brown|red}"), _rendered("a{b")
    ('quick brown', 'a{b')
    """
    replaced = 1
    while replaced and "{" in choice:
        choice, replaced = _INNERMOST_GROUP.subn(r"\1", choice)
    return choice


# An f-string opened on the line and not closed before the brace; a string closed
# after it and formatted.
_F_STRING_OPEN = re.compile(r"(?<![\w\"'])[rR]?[fF][rR]?([\"'])(?:(?!\1)[^\n])*\Z")
_FORMATTED_AFTER = re.compile(r"[^\"'\n]*[\"']\.format\(")
#: How far from a brace group a format string's opening or end is looked for.
_FORMAT_WINDOW = 400


def in_format_string(text: str, start: int, end: int) -> bool:
    """Whether the brace group ``text[start:end]`` is a placeholder in a Python format
    string: inside an f-string, or inside a string that ``.format(`` fills, either
    opened or closed on its line within :data:`_FORMAT_WINDOW` code points.

    A lone ``{word}`` in spun prose is a spinner's leftover; in code shown on
    the same page it is the program's own.

    >>> code = 'print(f"Hello, {name}!")'
    >>> in_format_string(code, 15, 21), in_format_string("the {firm} said", 4, 10)
    (True, False)
    >>> in_format_string('"Dear {name},".format(name=n)', 6, 12)
    True
    """
    # Only the string's own stretch of the line is read: a page with thousands of
    # groups on one long line must not be read once per group.
    line_start = text.rfind("\n", max(0, start - _FORMAT_WINDOW), start) + 1
    if _F_STRING_OPEN.search(text, max(line_start, start - _FORMAT_WINDOW), start):
        return True
    return _FORMATTED_AFTER.match(text, end, end + _FORMAT_WINDOW) is not None
