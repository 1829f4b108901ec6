"""Corpus I/O: inputs cut into documents, JSON fields spliced, outputs written atomically.

A corpus run must never drop, reorder or corrupt a record, and must never
leave half an output file in place of a good one. This module holds the
byte-level pieces that make that so; :mod:`restore.batch` does the work on
each piece and :mod:`restore.cli` wires them together.

Plain text is read as bytes and cut into blocks of about a megabyte at
paragraph or line breaks, so a multi-gigabyte file streams in bounded memory
and every line ending (LF, CRLF, a lone CR), a byte order mark and a missing
final newline come out as they went in. Cuts fall on ASCII bytes, which never
occur inside a UTF-8 sequence, and never between the CR and LF of a CRLF.

>>> from io import BytesIO
>>> [b.data for b in text_blocks(BytesIO(b"one\\r\\n\\r\\ntwo\\r\\nthree"), size=8)]
[b'one\\r\\n\\r\\n', b'two\\r\\n', b'three']
"""

from __future__ import annotations

import glob
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

__all__ = [
    "BLOCK_SIZE",
    "RECORDS_PER_BATCH",
    "AtomicOutput",
    "FieldSpan",
    "InputFile",
    "RecordBatch",
    "TextBlock",
    "code_points",
    "discover_inputs",
    "find_field",
    "line_breaks",
    "record_batches",
    "set_field",
    "text_blocks",
]

#: Plain text is restored in blocks of at most this many bytes (unless a line is longer).
BLOCK_SIZE = 1 << 20
#: JSONL records are handed to a worker in batches of at most this many lines...
RECORDS_PER_BATCH = 50
#: ...or of about this many bytes, whichever comes first. Small enough that
#: the last batches of a run keep every worker busy; a batch still takes
#: seconds to restore and milliseconds to pass between processes.
BATCH_BYTES = 1 << 18

_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_WHITESPACE = (b" ", b"\t", b"\f", b"\v")
#: Directory walks pick these up; anything else must be named explicitly.
CORPUS_SUFFIXES = (".txt", ".jsonl", ".ndjson")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


# Plain text ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A run of whole lines (or, for a huge line, of whole words) from a text file.

    ``offset`` is the byte offset of the block in its file; ``line`` and
    ``column`` (1-based, column in code points) and ``position`` (code
    points from the start of the file) say where its first character is.
    """

    data: bytes
    offset: int
    line: int
    column: int
    position: int


def code_points(data: bytes) -> int:
    """How many code points ``data`` decodes to, counted without decoding.

    Every UTF-8 character has exactly one byte that is not a continuation
    byte, so the count is exact for valid UTF-8 (and close for invalid).

    >>> code_points("naïve €".encode())
    7
    """
    return len(data.translate(None, _CONTINUATION_BYTES))


def line_breaks(data: bytes) -> int:
    """Line breaks in ``data``: LF, CRLF and a lone CR each count once.

    >>> line_breaks(b"a\\r\\nb\\rc\\nd")
    3
    """
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _cut(buffer: bytes, limit: int) -> int:
    """Where to end the next block of ``buffer``: an index in ``1..limit + 1``.

    Prefers a blank line, then a line end, in the second half of the
    window; then any line end; then whitespace; a single huge word is cut
    at a character boundary as a last resort. A CRLF that straddles the
    limit is kept whole by widening the window by its LF; ``buffer`` must
    be longer than ``limit``, so that byte is always known.
    """
    if buffer[limit - 1 : limit + 1] == b"\r\n":
        limit += 1
    window = buffer[:limit]
    half = limit // 2
    blank = max(window.rfind(b"\n\n"), window.rfind(b"\n\r\n"))
    if blank >= half:
        return window.index(b"\n", blank + 1) + 1
    newline = window.rfind(b"\n")
    if newline >= 0:
        return newline + 1
    # Any CR left in the window is a lone one: a CRLF would have a newline.
    best = max(window.rfind(space) for space in (*_WHITESPACE, b"\r"))
    if best >= 0:
        return best + 1
    cut = limit
    while cut > 1 and buffer[cut] in _CONTINUATION_BYTES:
        cut -= 1
    return cut


def text_blocks(stream: BinaryIO, *, size: int = BLOCK_SIZE) -> Iterator[TextBlock]:
    """Cut a byte stream into :class:`TextBlock` s of at most about ``size`` bytes.

    Where a cut falls depends only on the content, never on how the stream
    delivers it, so the same file always yields the same documents.
    """
    buffer = b""
    offset, line, column, position = 0, 1, 1, 0
    at_end = False
    while True:
        while not at_end and len(buffer) <= size:
            chunk = stream.read(size)
            if not chunk:
                at_end = True
            buffer += chunk
        if not buffer:
            return
        cut = len(buffer) if at_end and len(buffer) <= size else _cut(buffer, size)
        data, buffer = buffer[:cut], buffer[cut:]
        yield TextBlock(data, offset, line, column, position)
        offset += len(data)
        position += code_points(data)
        breaks = line_breaks(data)
        if breaks:
            line += breaks
            last = max(data.rfind(b"\n"), data.rfind(b"\r"))
            column = 1 + code_points(data[last + 1 :])
        else:
            column += code_points(data)


# JSONL -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordBatch:
    """Consecutive raw lines of a JSONL file, each with its line ending."""

    lines: tuple[bytes, ...]
    first_line: int
    offset: int

    @property
    def size(self) -> int:
        return sum(len(line) for line in self.lines)


def record_batches(
    stream: BinaryIO, *, records: int = RECORDS_PER_BATCH, size: int = BATCH_BYTES
) -> Iterator[RecordBatch]:
    """Group the lines of a JSONL stream into batches for the workers.

    >>> from io import BytesIO
    >>> [b.lines for b in record_batches(BytesIO(b'{"a": 1}\\n\\n{}'), records=2)]
    [(b'{"a": 1}\\n', b'\\n'), (b'{}',)]
    """
    lines: list[bytes] = []
    first_line, offset, pending = 1, 0, 0
    for raw in stream:
        lines.append(raw)
        pending += len(raw)
        if len(lines) >= records or pending >= size:
            yield RecordBatch(tuple(lines), first_line, offset)
            first_line += len(lines)
            offset += pending
            lines, pending = [], 0
    if lines:
        yield RecordBatch(tuple(lines), first_line, offset)


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where a top-level field's value sits in a raw JSON line (code points)."""

    start: int
    end: int
    object_end: int


def _skip_space(line: str, index: int) -> int:
    while index < len(line) and line[index] in " \t\r\n":
        index += 1
    return index


_DECODER = json.JSONDecoder()


def find_field(line: str, name: str) -> FieldSpan:
    """The span of top-level ``name``'s value in the JSON object ``line``.

    The line must already be known to be a valid JSON object. With
    duplicate keys the last wins, as in :func:`json.loads`. When the field
    is absent ``start`` and ``end`` are -1; ``object_end`` is the index of
    the closing brace, where a new field can be inserted.

    >>> line = '{"id": 1, "text": "a \\\\"b\\\\"", "n": {"text": 0}}'
    >>> span = find_field(line, "text")
    >>> line[span.start : span.end]
    '"a \\\\"b\\\\""'
    """
    index = _skip_space(line, 0)
    if line[index : index + 1] != "{":
        raise ValueError("not a JSON object")
    index = _skip_space(line, index + 1)
    bounds = (-1, -1)
    while line[index] != "}":
        key, index = json.decoder.scanstring(line, index + 1)  # type: ignore[attr-defined]
        index = _skip_space(line, _skip_space(line, index) + 1)  # past the colon
        _, end = _DECODER.raw_decode(line, index)
        if key == name:
            bounds = (index, end)
        index = _skip_space(line, end)
        if line[index] == ",":
            index = _skip_space(line, index + 1)
    return FieldSpan(bounds[0], bounds[1], index)


def _dump_like(value: object, raw: str, escape: bool | None) -> str:
    """``value`` as JSON, escaping non-ASCII only if the raw value it replaces did."""
    if escape is None:
        escape = raw.isascii() and "\\u" in raw
    return json.dumps(value, ensure_ascii=escape)


def set_field(line: str, name: str, value: object, *, escape: bool | None = None) -> str:
    """``line`` with top-level field ``name`` set to ``value``, all else kept as written.

    The new value is spliced into the raw line, so other fields keep their
    exact spelling (number formats, escapes, key order, spacing). A new
    field is added at the end of the object. Non-ASCII characters are
    escaped as ``\\uXXXX`` if the old value was written that way, or if
    ``escape`` is true.

    >>> set_field('{"id": 1.0, "text": "old"}', "text", "new")
    '{"id": 1.0, "text": "new"}'
    >>> set_field('{"id": 1}', "score", 0.5)
    '{"id": 1, "score": 0.5}'
    >>> set_field('{ }', "score", 0.5)
    '{"score": 0.5}'
    >>> set_field('{\\r\\n}', "score", 0.5)
    '{"score": 0.5}'
    """
    span = find_field(line, name)
    if span.start >= 0:
        raw = line[span.start : span.end]
        return line[: span.start] + _dump_like(value, raw, escape) + line[span.end :]
    member = f"{json.dumps(name, ensure_ascii=bool(escape))}: {_dump_like(value, '', escape)}"
    before = line[: span.object_end].rstrip(" \t\r\n")
    if not before.endswith("{"):
        member = ", " + member
    return before + member + line[span.object_end :]


# Inputs and outputs ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input and where its outputs go, relative to an output directory.

    ``path`` is ``None`` for standard input.
    """

    path: Path | None
    relative: Path

    @property
    def label(self) -> str:
        """How messages name this input."""
        return "<stdin>" if self.path is None else str(self.path)

    @property
    def is_jsonl(self) -> bool:
        """Whether the file name says JSON Lines."""
        return self.path is not None and self.path.suffix.lower() in JSONL_SUFFIXES


def _glob_base(pattern: str) -> Path:
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts:
        if glob.has_magic(part):
            break
        base.append(part)
    return Path(*base) if base else Path(".")


def discover_inputs(arguments: list[str], *, exclude: Path | None = None) -> list[InputFile]:
    """The input files named by command-line ``arguments``.

    ``-`` is standard input; a file is taken as given; a directory is
    walked recursively for ``*.txt``, ``*.jsonl`` and ``*.ndjson`` files
    (hidden files and folders skipped, ``exclude`` skipped); a quoted glob
    that the shell did not expand is expanded here (``**`` recurses). The
    ``relative`` path of each input mirrors the argument it came from, so
    an output directory gets the same structure.
    """
    found: list[InputFile] = []
    for argument in arguments:
        if argument == "-":
            found.append(InputFile(None, Path("stdin")))
            continue
        path = Path(argument)
        if path.is_dir():
            found.extend(_walk(path, exclude))
        elif not path.exists() and glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise FileNotFoundError(f"{argument}: no file matches this pattern")
            base = _glob_base(argument)
            for match in matches:
                matched = Path(match)
                if matched.is_dir():
                    found.extend(_walk(matched, exclude, base))
                else:
                    found.append(InputFile(matched, matched.relative_to(base)))
        elif path.exists():
            found.append(InputFile(path, Path(path.name)))
        else:
            raise FileNotFoundError(f"{argument}: no such file or directory")
    return found


def _walk(root: Path, exclude: Path | None, base: Path | None = None) -> Iterator[InputFile]:
    base = root if base is None else base
    excluded = exclude.resolve() if exclude is not None else None
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith(".") and (here / name).resolve() != excluded
        )
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(CORPUS_SUFFIXES):
                continue
            yield InputFile(here / name, (here / name).relative_to(base))


class AtomicOutput:
    """A binary output file that appears under its name only when complete.

    Bytes go to a hidden temporary file in the same folder; :meth:`commit`
    moves it into place with :func:`os.replace`, which is atomic on POSIX.
    Leaving the ``with`` block without committing (an error, Ctrl-C,
    SIGTERM) deletes the temporary file, so an interrupted run never leaves
    a truncated file in place of a good one; a SIGKILL leaves only a hidden
    ``.NAME.*.part`` file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent or Path(".")
        )
        self._temporary = Path(temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(descriptor, 0o666 & ~umask)
        self.stream: BinaryIO = open(descriptor, "wb", buffering=1 << 16)  # noqa: SIM115

    def write(self, data: bytes) -> None:
        """Append ``data`` to the pending file."""
        self.stream.write(data)

    def commit(self) -> None:
        """Flush to disk and move the file into place."""
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self._temporary, self.path)

    def discard(self) -> None:
        """Delete the pending file; the final name is left as it was."""
        if not self.stream.closed:
            self.stream.close()
        self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()
