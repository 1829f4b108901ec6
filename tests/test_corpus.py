"""Corpus I/O pieces: block cutting, JSON splicing, input discovery, atomic output, ordered map."""

from __future__ import annotations

import gc
import io
import json
import os
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from restore.batch import CORPUS_GC_THRESHOLDS, Settings, Task, prepare, run
from restore.corpus import (
    AtomicOutput,
    RecordBatch,
    discover_inputs,
    find_field,
    line_breaks,
    record_batches,
    set_field,
    text_blocks,
)
from restore.parallel import OrderedPool


class Trickle(io.RawIOBase):
    """A stream that hands out at most ``step`` bytes per read, like a slow pipe."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.position = data, step, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self.data[self.position : self.position + min(len(buffer), self.step)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


# Text blocks -------------------------------------------------------------------

TEXTS = st.text(alphabet=st.sampled_from(list("ab é\r\n\t€")), max_size=300)


@given(TEXTS, st.integers(4, 64))
def test_blocks_join_back_to_the_exact_bytes(text: str, size: int) -> None:
    data = text.encode("utf-8")
    blocks = list(text_blocks(io.BytesIO(data), size=size))
    assert b"".join(b.data for b in blocks) == data
    for block in blocks:
        block.data.decode("utf-8")  # never cut inside a character
        after = data[block.offset + len(block.data) :][:1]
        assert not (block.data.endswith(b"\r") and after == b"\n")


@given(TEXTS, st.integers(4, 64), st.integers(1, 7))
def test_cuts_depend_on_content_not_on_how_it_arrives(text: str, size: int, step: int) -> None:
    data = text.encode("utf-8")
    whole = [b.data for b in text_blocks(io.BytesIO(data), size=size)]
    slow = Trickle(data, step)
    trickled = [b.data for b in text_blocks(slow, size=size)]  # type: ignore[arg-type]
    assert whole == trickled


@given(TEXTS, st.integers(4, 64))
def test_blocks_know_their_line_and_column(text: str, size: int) -> None:
    data = text.encode("utf-8")
    for block in text_blocks(io.BytesIO(data), size=size):
        before = data[: block.offset].decode("utf-8")
        assert block.line == 1 + line_breaks(before.encode())
        last = max(before.rfind("\n"), before.rfind("\r"))
        assert block.column == len(before) - last
        assert block.position == len(before)


def test_blocks_prefer_blank_lines_and_never_split_a_crlf() -> None:
    data = b"para one\r\nstill one\r\n\r\npara two\r\n"
    blocks = [b.data for b in text_blocks(io.BytesIO(data), size=26)]
    assert blocks[0] == b"para one\r\nstill one\r\n\r\n"


def test_a_crlf_across_the_size_limit_stays_in_one_block() -> None:
    data = "aaé\r\né€".encode()
    blocks = list(text_blocks(io.BytesIO(data), size=5))
    assert [b.data for b in blocks] == ["aaé\r\n".encode(), "é€".encode()]
    assert [(b.line, b.column) for b in blocks] == [(1, 1), (2, 1)]


def test_a_huge_line_is_cut_at_whitespace() -> None:
    data = b"word " * 100
    blocks = [b.data for b in text_blocks(io.BytesIO(data), size=64)]
    assert all(b.endswith(b" ") for b in blocks)
    assert b"".join(blocks) == data


def test_a_small_file_is_one_block() -> None:
    assert len(list(text_blocks(io.BytesIO(b"a\n\nb\n" * 10)))) == 1


# JSONL -------------------------------------------------------------------------


def test_record_batches_keep_every_line_and_number_them() -> None:
    data = b"".join(b'{"i": %d}\n' % i for i in range(7)) + b"\n" + b"last"
    batches = list(record_batches(io.BytesIO(data), records=3))
    assert b"".join(b"".join(b.lines) for b in batches) == data
    assert [b.first_line for b in batches] == [1, 4, 7]
    assert [b.offset for b in batches] == [0, data.index(b'{"i": 3}'), data.index(b'{"i": 6}')]


@pytest.mark.parametrize(
    "line",
    [
        '{"text": "x", "id": 1}',
        '{ "id" : 1 ,"text" :"x\\"y" , "z": [1, {"text": 2}] }',
        '{"text": "first", "text": "last"}',
        '{"a\\"text": 0, "text": "\\u00e9"}',
    ],
)
def test_find_field_points_at_the_value_json_loads_sees(line: str) -> None:
    span = find_field(line, "text")
    assert json.loads(line[span.start : span.end]) == json.loads(line)["text"]


def test_set_field_keeps_everything_else_as_written() -> None:
    line = '{"id": 1.50, "text": "old", "meta": {"text": "keep"}, "u": "\\u00e9"}'
    assert set_field(line, "text", "new") == line.replace('"old"', '"new"')


def test_set_field_escapes_only_where_the_old_value_did() -> None:
    assert set_field('{"text": "Caf\\u00e9"}', "text", "Café!") == '{"text": "Caf\\u00e9!"}'
    assert set_field('{"text": "Café"}', "text", "Café!") == '{"text": "Café!"}'


def test_set_field_adds_a_missing_field_at_the_end() -> None:
    assert json.loads(set_field('{"a": 1}', "s", 0.5)) == {"a": 1, "s": 0.5}
    assert json.loads(set_field("{}", "s", 0.5)) == {"s": 0.5}


JSON_SPACE = st.text(alphabet=st.sampled_from(list(" \t\r\n")), max_size=6)


@given(JSON_SPACE, JSON_SPACE, JSON_SPACE)
def test_set_field_fills_an_empty_object_whatever_its_spacing(
    outer: str, inner: str, after: str
) -> None:
    line = outer + "{" + inner + "}" + after
    assert json.loads(set_field(line, "text", "x")) == {"text": "x"}


@given(JSON_SPACE, JSON_SPACE)
def test_set_field_appends_after_a_last_field_whatever_its_spacing(before: str, after: str) -> None:
    line = '{"id": 1' + before + "}" + after
    assert json.loads(set_field(line, "text", "x")) == {"id": 1, "text": "x"}


# Inputs and outputs ----------------------------------------------------------------


def test_discover_walks_folders_and_expands_quoted_globs(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.jsonl", "sub/skip.bin", ".hidden.txt"):
        (tmp_path / "in" / name).write_text("x")
    walked = discover_inputs([str(tmp_path / "in")])
    assert [str(i.relative) for i in walked] == ["a.txt", "sub/b.jsonl"]
    globbed = discover_inputs([str(tmp_path / "in" / "**" / "*.jsonl")])
    assert [str(i.relative) for i in globbed] == ["sub/b.jsonl"]
    with pytest.raises(FileNotFoundError):
        discover_inputs([str(tmp_path / "nothing-*.txt")])


def test_atomic_output_appears_only_when_committed(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"good old output")
    with pytest.raises(RuntimeError), AtomicOutput(target) as output:
        output.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"good old output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    with AtomicOutput(target) as output:
        output.write(b"new")
        output.commit()
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# Batches and the pool ----------------------------------------------------------------


def test_a_bad_record_passes_through_and_is_reported() -> None:
    prepare(Settings(model=False))
    lines = (b'{"text": "The imaginative and prescient."}\n', b"oops\n", b'{"id": 2}\n')
    result = run(Task("f.jsonl", True, RecordBatch(lines, 10, 0)))
    assert result.main.splitlines(keepends=True)[1:] == list(lines[1:])
    assert result.warnings == [
        "f.jsonl:11: not valid JSON (Expecting value at column 1)",
        'f.jsonl:12: no "text" field',
    ]


def test_a_corpus_run_collects_garbage_less_often() -> None:
    before = gc.get_threshold()
    try:
        defaults = (700, 10, 10)
        gc.set_threshold(*defaults)
        prepare(Settings(model=False))
        assert gc.get_threshold() == CORPUS_GC_THRESHOLDS
        assert all(a > b for a, b in zip(CORPUS_GC_THRESHOLDS, defaults, strict=True))
    finally:
        gc.set_threshold(*before)


def test_ordered_pool_keeps_order_with_two_workers() -> None:
    with OrderedPool(2, window=3) as pool:
        assert list(pool.map(abs, range(-50, 0))) == list(range(50, 0, -1))


@pytest.mark.parametrize("items", [1, 10])
def test_a_pool_runs_its_before_start_only_when_workers_start(items: int) -> None:
    # The command loads all the data there, for the workers to share: a short input that
    # this process restores itself reads only what it needs.
    started: list[int] = []
    with OrderedPool(2, before_start=lambda: started.append(os.getpid())) as pool:
        assert list(pool.map(abs, range(-items, 0))) == list(range(items, 0, -1))
    assert started == ([os.getpid()] if items > 1 else [])


def test_closing_a_pool_without_waiting_stops_its_workers_and_their_thread() -> None:
    # A run ended by a signal closes the pool without waiting; a thread of the pool
    # still running at exit could print a traceback after the run.
    pool = OrderedPool(2, window=3)
    results = pool.map(time.sleep, [0, 60, 60])
    assert next(results) is None  # the long batches are now in flight
    pool.close(wait=False)
    assert not [t for t in threading.enumerate() if "Executor" in type(t).__name__]
