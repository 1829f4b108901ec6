"""Regular English inflection, enough to match table rows written as lemmas.

Only regular rules: a table row whose forms are irregular lists each form
as its own row. Inflecting both sides of a row with the same rule keeps a
plural a plural ("profound learnings" -> "deep learnings").

>>> plural("consciousness"), plural("policy"), plural("day")
('consciousnesses', 'policies', 'days')
>>> verb_forms("store")
('stores', 'stored', 'storing')
"""

from __future__ import annotations

__all__ = ["plural", "verb_forms"]

_VOWELS = frozenset("aeiou")


def _sibilant(word: str) -> bool:
    return word.endswith(("s", "x", "z", "ch", "sh"))


def plural(noun: str) -> str:
    """Regular plural (or third person singular) of ``noun``.

    >>> plural("box"), plural("key")
    ('boxes', 'keys')
    """
    if _sibilant(noun):
        return noun + "es"
    if len(noun) > 1 and noun.endswith("y") and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"


def verb_forms(verb: str) -> tuple[str, str, str]:
    """Regular third person singular, past and -ing forms of ``verb``.

    >>> verb_forms("classify")
    ('classifies', 'classified', 'classifying')
    """
    third = plural(verb)
    if verb.endswith("e"):
        past = verb + "d"
        ing = verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing"
    elif len(verb) > 1 and verb.endswith("y") and verb[-2] not in _VOWELS:
        past = verb[:-1] + "ied"
        ing = verb + "ing"
    else:
        past = verb + "ed"
        ing = verb + "ing"
    return third, past, ing
