"""Fuzz the corpus readers: text blocks and JSONL field splicing.

Invariants: text blocks concatenate back to the input and their line,
column and position bookkeeping matches a direct count; for a JSON object
line, ``find_field`` points at the value ``json.loads`` sees and
``set_field`` changes that one field and nothing else.

Run: ``python fuzz/fuzz_jsonl.py -max_total_time=60 fuzz/corpus/jsonl``
"""

from __future__ import annotations

import io
import json
import sys

import atheris

with atheris.instrument_imports():
    from restore import corpus

_NAMES = ["text", "id", "", "t\u00e9xt", "\\", '"']


def check_blocks(data: bytes, size: int) -> None:
    """Blocks rebuild ``data`` exactly and say where each one starts."""
    blocks = list(corpus.text_blocks(io.BytesIO(data), size=size))
    assert b"".join(b.data for b in blocks) == data, (data, size)
    for block in blocks:
        before = data[: block.offset]
        assert block.position == corpus.code_points(before), (data, block)
        assert block.line == 1 + corpus.line_breaks(before), (data, block)
        if block.offset:
            assert block.data, (data, block)


def check_fields(line: str, name: str, value: object) -> None:
    """``find_field``/``set_field`` agree with the json module on ``line``."""
    try:
        parsed = json.loads(line)
    except ValueError:
        return
    if not isinstance(parsed, dict):
        return
    span = corpus.find_field(line, name)
    assert span is not None
    if name in parsed:
        assert json.loads(line[span.start : span.end]) == parsed[name], (line, name)
    else:
        assert span.start == -1, (line, name)
    updated = corpus.set_field(line, name, value)
    reparsed = json.loads(updated)
    assert reparsed[name] == value, (line, name, updated)
    assert {k: v for k, v in reparsed.items() if k != name} == {
        k: v for k, v in parsed.items() if k != name
    }, (line, name, updated)


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    size = provider.ConsumeIntInRange(1, 64)
    name = _NAMES[provider.ConsumeIntInRange(0, len(_NAMES) - 1)]
    value = provider.ConsumeUnicode(provider.ConsumeIntInRange(0, 16))
    rest = provider.ConsumeBytes(provider.remaining_bytes())
    check_blocks(rest, size)
    check_fields(rest.decode("utf-8", "replace"), name, value)
    if provider.remaining_bytes() == 0 and rest[:1] != b"{":
        check_fields("{" + rest.decode("utf-8", "replace"), name, value)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
