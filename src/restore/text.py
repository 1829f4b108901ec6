"""The text model: tokens with exact offsets into the caller's string.

Offsets count Python code points and always point into the string the caller
passed in. The text itself is never normalised or lower-cased as a whole
(``len("İ".lower()) == 2`` would make every later offset drift); each token
carries its own folded form, used for lookups.

A word is a run of letters, marks and digits with inner apostrophes
("don't", "rock'n'roll"). A clitic ``'s`` is its own token, so "which's"
is ``which`` + ``'s`` and "Fee's" is ``Fee`` + ``'s``: a swap of the word
keeps its possessive. Typographic apostrophes fold to ``'``.

>>> [t.norm for t in tokenize("The SEC’s newest rule, isn't it?")]
['the', 'sec', "'s", 'newest', 'rule', "isn't", 'it']
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = [
    "WORD_PATTERN",
    "Token",
    "count_words",
    "fold",
    "overlaps",
    "protected_spans",
    "tokenize",
    "words",
]

_APOSTROPHES = "'\u2019\u02bc"
#: One word token: letters/marks/digits with inner apostrophes, or a clitic 's.
WORD_PATTERN = regex.compile(
    r"[\p{L}\p{M}\p{N}]+(?:['\u2019\u02bc](?![sS]\b)[\p{L}\p{M}\p{N}]+)*"
    r"|['\u2019\u02bc][sS]\b"
)
_APOSTROPHE_TABLE = str.maketrans({"\u2019": "'", "\u02bc": "'"})


@lru_cache(maxsize=1 << 15)
def fold(word: str) -> str:
    """Fold one word for lookups: case-folded, typographic apostrophes made ASCII.

    >>> fold("Nation’s")
    "nation's"
    """
    return word.casefold().translate(_APOSTROPHE_TABLE)


@dataclass(frozen=True, slots=True)
class Token:
    """A word in the caller's text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    norm: str


def joins(gap: str) -> bool:
    r"""Whether two words with ``gap`` between them may stand in one phrase or be each
    other's context: whitespace, but no blank line, which ends a paragraph, a
    heading or a list item.

    >>> joins(" "), joins("\n"), joins("\n\n"), joins(" \n \n"), joins(", ")
    (True, True, False, False, False)
    """
    return gap.isspace() and gap.count("\n") < 2


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text`` (or ``text[start:end]``) into word tokens with exact code-point offsets.

    Punctuation and spaces are not tokens; what lies between two tokens is
    read from the text itself when it matters (a phrase never spans a
    comma). Offsets always count from the start of ``text``.

    >>> [(t.start, t.end, t.surface) for t in tokenize("a b’s")]
    [(0, 1, 'a'), (2, 3, 'b'), (3, 5, '’s')]
    >>> [t.surface for t in tokenize("a b’s", 2)]
    ['b', '’s']
    """
    matches = WORD_PATTERN.finditer(text, start, len(text) if end is None else end)
    return [Token(m.start(), m.end(), m.group(), fold(m.group())) for m in matches]


def count_words(text: str) -> Counter[str]:
    """How often each folded word occurs in ``text``.

    No word holds whitespace, and the word pattern's look-aheads read a
    space as they read the end of a string, so the words of ``text`` are
    those of its whitespace-separated chunks. Chunks recur across
    documents ("the", "said,"), so each distinct chunk is tokenized and
    folded once and remembered: counting is a split and dict lookups.

    >>> count_words("Cash, CASH and cash’s")["cash"]
    3
    """
    folded: dict[str, int] = {}
    known = _CHUNK_WORDS
    for chunk, n in Counter(text.split()).items():
        found = known.get(chunk)
        if found is None:
            if len(known) >= _CHUNK_CACHE_SIZE:
                known.clear()
            found = known[chunk] = _chunk_words(chunk)
        for word in found:
            folded[word] = folded.get(word, 0) + n
    return Counter(folded)


#: Whitespace-separated chunk -> its folded words, for :func:`count_words`.
_CHUNK_WORDS: dict[str, tuple[str, ...]] = {}
_CHUNK_CACHE_SIZE = 1 << 15
#: Marks that end a chunk of ASCII letters without being part of its word.
_CLOSING = frozenset(',.;:!?)"')


def _chunk_words(chunk: str) -> tuple[str, ...]:
    """The folded words of one whitespace-separated chunk of text.

    Most chunks are a plain English word, bare or before a comma or full
    stop: its one word is the chunk in lower case, with no pattern to run.
    Every other chunk is matched with :data:`WORD_PATTERN`.

    >>> _chunk_words("Said,"), _chunk_words("SEC’s"), _chunk_words("(e.g.")
    (('said',), ('sec', "'s"), ('e', 'g'))
    """
    if chunk.isascii():
        if chunk.isalpha():
            return (chunk.lower(),)
        if chunk[-1] in _CLOSING and chunk[:-1].isalpha():
            return (chunk[:-1].lower(),)
    return tuple([fold(w) for w in WORD_PATTERN.findall(chunk)])


def words(text: str) -> list[str]:
    """Folded words of ``text``, the unit every statistic is counted in.

    >>> words("Deep  Learning’s rise")
    ['deep', 'learning', "'s", 'rise']
    """
    return [fold(w) for w in WORD_PATTERN.findall(text)]


# Spans whose words are not prose: URLs, e-mail addresses, markup tags with
# their attributes, code (HTML code/pre/script/style elements, Markdown code
# spans and fences), hashtags and @handles. Stdlib ``re``: one pass, fast.
_PROTECTED = re.compile(
    r"```.*?(?:```|\Z)"
    r"|`[^`\n]+`"
    r"|<(script|style|code|pre)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<!--.*?(?:-->|\Z)"
    r"|<[A-Za-z/!?][^<>]*>"
    r"|\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"']+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    # A handle or hashtag stands alone: not after a word, an entity's "&", or a
    # spintax group's "}" (restored, the group becomes a word).
    r"|(?<![\w&}])[#@][\w]+",
    re.DOTALL | re.IGNORECASE,
)
_PROTECTED_HINTS = ("`", "<", "://", "www.", "@", "#")

# A line of program text outside any fence: an indented code block in Markdown, a
# doctest, code pasted into a page. Its words are identifiers and string literals, and an
# edit in it changes what the program does. A line is code only as a whole, by a shape
# prose lines do not take: a prompt, a definition or import, an assignment, a line that
# starts by calling a dotted or snake_case name and ends as a statement or argument does
# (prose names functions too: "json.dumps() -- Serialize obj"), or a line that opens or
# closes a bracket. None of the 65,494 lines of the reference corpus is one.
_CODE_LINE = re.compile(
    r"[ \t]*("
    r">>>(?:[ \t].*)?"
    r"|(?:async[ \t]+)?def[ \t]+\w+[ \t]*\(.*"
    r"|class[ \t]+\w+[ \t]*(?:\([^)\n]*\))?[ \t]*:"
    r"|import[ \t]+[\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*"
    r"(?:[ \t]*[#;].*)?"
    r"|import[ \t].*[ \t]from[ \t]+[\"'].*"
    r"|from[ \t]+[\w.]+[ \t]+import[ \t].*"
    r"|(?:const|let|var)[ \t]+\w+[ \t]*=.*"
    r"|[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?[ \t]*[-+*/|&]?=(?!=)[ \t]*\S.*"
    r"|(?:(?:return|await)[ \t]+)?(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[A-Za-z]\w*_\w*)\(.*[(),;:{\[]"
    r"|.*[\w)\]][ \t]*[({\[]"
    r"|[)\]}]+[ \t]*[,;]?"
    r")[ \t\r]*"
)
# Where such a line may be, found by searches that each start with a few characters
# (faster than one alternation): only lines holding one are matched whole.
_CODE_HINTS = (
    re.compile(r"[._][A-Za-z]\w*\(|[({\[][ \t\r]*$", re.MULTILINE),
    re.compile(
        r"^[ \t]*(?:[)\]}]|(?:async|def|class|import|from|const|let|var)[ \t])", re.MULTILINE
    ),
)
_CODE_MARKS = re.compile(r"=|>>>")


def protected_spans(text: str) -> list[tuple[int, int]]:
    r"""Sorted, disjoint ``(start, end)`` spans of ``text`` that must never be edited.

    >>> text = 'See <a href="x">the web</a> at https://ex.com/web or @web #web'
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['<a href="x">', '</a>', 'https://ex.com/web', '@web', '#web']
    >>> text = "Mock it with\n\n    responses.get(\n        body='within reach',\n    )\n"
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['responses.get(', "body='within reach',", ')']
    """
    spans = (
        [m.span() for m in _PROTECTED.finditer(text)]
        if any(hint in text for hint in _PROTECTED_HINTS)
        else []
    )
    code = code_lines(text)
    if not code:
        return spans
    if not spans:
        return code
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans + code):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def code_lines(text: str) -> list[tuple[int, int]]:
    r"""``(start, end)`` of each line of ``text`` that is program text, from its first
    character that is not a space.

    A line is program text by its shape (:data:`_CODE_LINE`), or as a line of an
    indented block (four spaces or a tab, as Markdown and reStructuredText indent
    code) that holds such a line: the block's comments and plain calls are code too.

    >>> text = "x = call(1)\nThe rate (in %) rose: see section 212(a)(3);\n>>> run()"
    >>> [text[s:e] for s, e in code_lines(text)]
    ['x = call(1)', '>>> run()']
    >>> block = "Use it:\n\n    print(x)\n    # within reach\n    x.close()\n\nWithin reach."
    >>> [block[s:e] for s, e in code_lines(block)]
    ['print(x)', '# within reach', 'x.close()']
    """
    hints = [m.start() for pattern in _CODE_HINTS for m in pattern.finditer(text)]
    if "=" in text or ">>>" in text:
        hints += [m.start() for m in _CODE_MARKS.finditer(text)]
    spans: list[tuple[int, int]] = []
    end = block_end = -1
    for at in sorted(hints):
        if at < end:
            continue  # on a line already read (a block's last, if it was taken whole)
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        line = _CODE_LINE.fullmatch(text, start, end)
        if line is None:
            continue
        if not _BLOCK_INDENT.match(text, start):
            spans.append(line.span(1))
            continue
        block = _indented_block(text, start, end, after=max(block_end, 0))
        spans += block
        block_end = end = block[-1][1]
    return spans


#: The indentation of a line of a code block: four spaces or a tab, then text.
_BLOCK_INDENT = re.compile(r"(?: {4}|\t)[ \t]*(?=\S)")


def _indented_block(text: str, start: int, end: int, after: int) -> list[tuple[int, int]]:
    """The lines of the indented block around the line ``text[start:end]``, not before
    ``after``, each from its first character that is not a space to its last."""
    first = start
    while first > after:
        above = text.rfind("\n", 0, first - 1) + 1
        if above < after or not _BLOCK_INDENT.match(text, above, first - 1):
            break
        first = above
    last = end
    while last < len(text):
        below = text.find("\n", last + 1)
        below = len(text) if below < 0 else below
        if not _BLOCK_INDENT.match(text, last + 1, below):
            break
        last = below
    lines = []
    position = first
    while position < last:
        stop = text.find("\n", position, last)
        stop = last if stop < 0 else stop
        line = text[position:stop]
        lead = len(line) - len(line.lstrip())
        lines.append((position + lead, position + len(line.rstrip())))
        position = stop + 1
    return lines


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps any of ``spans`` (sorted, not overlapping).

    >>> overlaps([(0, 3), (10, 12)], 3, 10), overlaps([(0, 3), (10, 12)], 2, 4)
    (False, True)
    """
    i = bisect.bisect_right(spans, (start, math.inf))
    if i and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end
