"""Fuzz ``find``/``restore``/``explain``/``apply`` against their invariants.

Each input is decoded to a str (any code points, lone surrogates included)
and salted with spun phrases from the shipped tables, so findings occur.
The harness fails on any exception other than none, and on a broken
invariant: offsets, order, replay, idempotence and score range.

Run: ``python fuzz/fuzz_restore.py -max_total_time=60 fuzz/corpus/restore``.
``RESTORE_FUZZ_ENGINE=tables`` fuzzes the engine without the swap model
(tables and spintax only); the default fuzzes ``restore.Restorer()``.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports():
    import restore
    from restore.tables import default_tables

_ENGINE = restore.Restorer(model=os.environ.get("RESTORE_FUZZ_ENGINE", "default") != "tables")
_PHRASES = [row.spun for table in default_tables() for row in table.rows][:4000]
_SALT = [
    "{a|b}",
    "{word}",
    " an ",
    " a ",
    "\n",
    "’s",
    "https://ex.com/",
    "@",
    "#",
    "<b>",
    "`",
    "İ",
    "ß",
    "\u0301",
]


def build_text(data: bytes) -> str:
    """A fuzzed text: random code points interleaved with table phrases."""
    provider = atheris.FuzzedDataProvider(data)
    parts: list[str] = []
    for _ in range(provider.ConsumeIntInRange(0, 12)):
        choice = provider.ConsumeIntInRange(0, 3)
        if choice == 0:
            phrase = _PHRASES[provider.ConsumeIntInRange(0, len(_PHRASES) - 1)]
            style = provider.ConsumeIntInRange(0, 2)
            phrase = (phrase, phrase.upper(), phrase.title())[style]
            parts.append(phrase)
        elif choice == 1:
            parts.append(_SALT[provider.ConsumeIntInRange(0, len(_SALT) - 1)])
        else:
            parts.append(provider.ConsumeUnicode(provider.ConsumeIntInRange(0, 40)))
        parts.append(" " if provider.ConsumeBool() else "")
    return "".join(parts)


def check(text: str) -> None:
    """Raise AssertionError when an invariant of the engine breaks on ``text``."""
    engine = _ENGINE
    found = engine.find(text)
    previous_end = 0
    for sub in found:
        assert text[sub.start : sub.end] == sub.original, (text, sub)
        assert sub.start >= previous_end, (text, found)
        assert sub.start < sub.end, (text, sub)
        assert 0.0 <= sub.score <= 1.0, (text, sub)
        previous_end = sub.end
    result = engine.explain(text)
    restored = engine.restore(text)
    assert result.text == restored, (text, result, restored)
    assert restore.apply(text, result.substitutions) == restored, (text, result)
    assert engine.restore(restored) == restored, (text, restored)
    assert 0.0 <= engine.spin_score(text) <= 1.0, text
    if not found:
        assert restored == text, (text, restored)


def test_one_input(data: bytes) -> None:
    check(build_text(data))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
