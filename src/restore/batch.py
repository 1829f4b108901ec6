"""One unit of corpus work: restore, check or score a batch of documents.

A batch is a block of plain text or a run of JSONL lines
(:mod:`restore.corpus`). :func:`run` turns it into the bytes for each
output plus counts and warnings, and is what a worker process executes:
workers receive raw bytes and return bytes, so the parent only reads,
writes and keeps order. Every input line leaves as exactly one output line
(in the main output or the reject output), whatever is wrong with it.

>>> prepare(Settings(model=False))
>>> result = run(Task("doc.txt", False, text_block("The imaginative and prescient.\\n")))
>>> result.main, result.findings
(b'The vision.\\n', 1)
"""

from __future__ import annotations

import bisect
import gc
import json
import math
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing import parent_process

from restore.corpus import RecordBatch, TextBlock, set_field
from restore.engine import DEFAULT_MIN_SCORE, Restorer
from restore.findings import Substitution

__all__ = ["Result", "Settings", "Task", "prepare", "run", "text_block"]

#: Code points of context shown on each side of a finding in ``--format json``.
CONTEXT = 40
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE_RUN = re.compile(r"\s+")
_NO_ATTRIBUTES = b'{"id": null, "attributes": {}}\n'
#: The cyclic garbage collector's thresholds in a corpus run. The engine keeps hundreds
#: of thousands of small objects alive in its caches, and with Python's defaults
#: (700, 10, 10) the collector walks them all every few documents: a run over held-out
#: documents, half of them spun, took 8-17 % longer so.
CORPUS_GC_THRESHOLDS = (50_000, 50, 100)


@dataclass(frozen=True, slots=True)
class Settings:
    """What to do with each document; picklable, so workers get their own copy.

    ``mode`` is ``"restore"`` (rewrite text), ``"check"`` (report findings)
    or ``"filter"`` (score JSONL records, optionally restoring them too
    when ``restore_text``). ``errors`` is the UTF-8 error policy:
    ``strict``, ``replace`` or ``surrogateescape``.
    """

    tables: tuple[str, ...] = ()
    default_tables: bool = True
    model: bool = True
    language_model: bool | None = None
    min_score: float = DEFAULT_MIN_SCORE
    mode: str = "restore"
    field: str = "text"
    errors: str = "strict"
    report_format: str = "human"
    attribute: str | None = None
    restore_text: bool = False
    max_spin: float | None = None
    attributes: bool = False
    spin: bool = False
    strict: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    """A batch to process and the input it came from."""

    label: str
    is_jsonl: bool
    unit: TextBlock | RecordBatch


@dataclass(slots=True)
class Result:
    """The outputs and counts of one batch.

    ``fatal`` is set when the batch stopped early (invalid UTF-8 in plain
    text, or a bad record under ``--strict``); the outputs then hold what
    came before the fault.
    """

    main: bytes = b""
    reject: bytes = b""
    attributes: bytes = b""
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None
    size: int = 0
    documents: int = 0
    changed: int = 0
    findings: int = 0
    spin_total: float = 0.0


_settings: Settings | None = None
_restorer: Restorer | None = None


def prepare(settings: Settings, *, load: bool = False) -> None:
    """Build the engine for ``settings`` once per process; the pool's initializer.

    Loads the tables right away, so a bad table fails here with a
    :class:`~restore.tables.TableError` rather than inside a worker. The
    process is a corpus run's, so the garbage collector runs less often
    (:data:`CORPUS_GC_THRESHOLDS`).

    ``load`` reads all the engine's data now (:meth:`Restorer.load`): for a
    process about to fork workers (:class:`~restore.parallel.OrderedPool`),
    which then share it rather than each reading its own copy.
    """
    global _settings, _restorer
    gc.set_threshold(*CORPUS_GC_THRESHOLDS)
    if parent_process() is not None:
        # A worker: Ctrl-C and SIGTERM are the parent's to handle.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _settings != settings or _restorer is None:
        restorer = Restorer(
            tables=settings.tables,
            default_tables=settings.default_tables,
            min_score=settings.min_score,
            model=settings.model,
            language_model=settings.language_model,
        )
        restorer.tables  # noqa: B018 - loads and lints the tables now
        _settings, _restorer = settings, restorer
    if load:
        _restorer.load()


def text_block(text: str) -> TextBlock:
    """A whole text as one block starting at line 1 (for tests and examples)."""
    return TextBlock(text.encode("utf-8"), 0, 1, 1, 0)


def run(task: Task) -> Result:
    """Process one batch with the engine :func:`prepare` built."""
    if _settings is None or _restorer is None:
        raise RuntimeError("call prepare(settings) before run(task)")
    if isinstance(task.unit, RecordBatch):
        return _run_records(_settings, _restorer, task.label, task.unit)
    return _run_text(_settings, _restorer, task.label, task.unit)


def _output_errors(settings: Settings) -> str:
    return "surrogateescape" if settings.errors == "surrogateescape" else "strict"


# Plain text ------------------------------------------------------------------


def _run_text(settings: Settings, restorer: Restorer, label: str, block: TextBlock) -> Result:
    result = Result(size=len(block.data))
    try:
        text = block.data.decode("utf-8", settings.errors)
    except UnicodeDecodeError as error:
        result.fatal = (
            f"{label}: invalid UTF-8 at byte {block.offset + error.start} ({error.reason}); "
            "use --errors replace or --errors surrogateescape to go on"
        )
        return result
    result.documents = 1
    restored = restorer.explain(text, min_score=settings.min_score)
    result.findings = len(restored.substitutions)
    if settings.spin:
        result.spin_total = restored.spin_score
    if settings.mode == "check":
        found = restored.substitutions
        locate = _text_locator(text, block)
        report = [
            _report(settings, label, text, s, *locate(s.start), block.position + s.start)
            for s in found
        ]
        result.main = "".join(report).encode("utf-8", "backslashreplace")
        return result
    if restored.text == text and settings.errors != "replace":
        result.main = block.data
    else:
        result.changed = int(restored.text != text)
        result.main = restored.text.encode("utf-8", _output_errors(settings))
    return result


def _text_locator(text: str, block: TextBlock) -> Callable[[int], tuple[int, int]]:
    starts = [m.end() for m in _LINE_BREAK.finditer(text)]

    def locate(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, offset)
        if index == 0:
            return block.line, block.column + offset
        return block.line + index, offset - starts[index - 1] + 1

    return locate


# JSONL -------------------------------------------------------------------------


class _BadRecord(Exception):
    """A line that cannot be processed; it passes through unchanged."""


def _run_records(settings: Settings, restorer: Restorer, label: str, batch: RecordBatch) -> Result:
    result = Result()
    main: list[bytes] = []
    reject: list[bytes] = []
    attributes: list[bytes] = []
    offset = batch.offset
    for number, raw in enumerate(batch.lines, batch.first_line):
        try:
            _run_record(
                settings, restorer, label, number, offset, raw, result, main, reject, attributes
            )
        except _BadRecord as bad:
            where = f"{label}:{number}: {bad}"
            if settings.strict:
                result.fatal = where
                break
            result.warnings.append(where)
            if settings.mode != "check":
                main.append(raw)
            if settings.attributes:
                attributes.append(_NO_ATTRIBUTES)
        result.size += len(raw)
        offset += len(raw)
    result.main = b"".join(main)
    result.reject = b"".join(reject)
    result.attributes = b"".join(attributes)
    return result


def _parse(settings: Settings, raw: bytes, offset: int) -> tuple[str, dict[str, object], str]:
    """Decode and parse one JSONL line; returns (line text, record, field value)."""
    try:
        line = raw.decode("utf-8", settings.errors)
    except UnicodeDecodeError as error:
        raise _BadRecord(f"invalid UTF-8 at byte {offset + error.start} ({error.reason})") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _BadRecord(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise _BadRecord(f"not a JSON object but {_json_type(record)}")
    if settings.field not in record:
        raise _BadRecord(f"no {json.dumps(settings.field)} field")
    value = record[settings.field]
    if not isinstance(value, str):
        raise _BadRecord(f"field {json.dumps(settings.field)} is {_json_type(value)}, not a string")
    return line, record, value


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "an object"


def _run_record(
    settings: Settings,
    restorer: Restorer,
    label: str,
    number: int,
    offset: int,
    raw: bytes,
    result: Result,
    main: list[bytes],
    reject: list[bytes],
    attributes: list[bytes],
) -> None:
    if not raw.strip():
        if settings.mode != "check":
            main.append(raw)
        if settings.attributes:
            attributes.append(_NO_ATTRIBUTES)
        return
    line, record, value = _parse(settings, raw, offset)
    result.documents += 1
    # One pass gives the findings, the restored text and the spin score.
    restored = restorer.explain(value, min_score=settings.min_score)
    spin = None
    if settings.spin or settings.mode == "filter" or settings.attributes:
        spin = restored.spin_score
        result.spin_total += spin
    if settings.mode == "check":
        found = list(restored.substitutions)
        result.findings += len(found)
        report = [_report(settings, label, value, s, number, s.start + 1, s.start) for s in found]
        main.append("".join(report).encode("utf-8", "backslashreplace"))
        if settings.attributes:
            attributes.append(_attributes(record, value, found, spin))
        return
    new_line = line
    if settings.mode == "restore" or settings.restore_text:
        found = list(restored.substitutions)
        if restored.text != value:
            result.changed += 1
            new_line = _set(new_line, settings.field, restored.text)
    else:
        found = list(restored.substitutions) if settings.attributes else []
    result.findings += len(found)
    if settings.mode == "filter" and settings.attribute is not None:
        new_line = _set(new_line, settings.attribute, round(spin or 0.0, 6))
    unchanged = new_line is line and settings.errors != "replace"
    out = raw if unchanged else _encode(new_line, settings)
    rejected = settings.max_spin is not None and spin is not None and spin > settings.max_spin
    (reject if rejected else main).append(out)
    if settings.attributes:
        attributes.append(_attributes(record, value, found, spin))


def _set(line: str, name: str, value: object) -> str:
    """``line`` with ``name`` set, the line ending kept outside the JSON object."""
    body = line.rstrip("\r\n")
    return set_field(body, name, value) + line[len(body) :]


def _encode(line: str, settings: Settings) -> bytes:
    try:
        return line.encode("utf-8", _output_errors(settings))
    except UnicodeEncodeError:
        # A lone surrogate from a \\u escape: JSON can carry it, UTF-8 cannot.
        body = line.rstrip("\r\n")
        record = json.loads(body)
        escaped = set_field(body, settings.field, record[settings.field], escape=True)
        return (escaped + line[len(body) :]).encode("utf-8", "backslashreplace")


def _attributes(
    record: dict[str, object], value: str, found: list[Substitution], spin: float | None
) -> bytes:
    """A Dolma-style attributes line: finding spans and the document's spin score."""
    spans = [[s.start, s.end, round(s.score, 4)] for s in found]
    line = {
        "id": record.get("id"),
        "attributes": {
            "restore__spin": spans,
            "restore__doc_spin": [[0, len(value), round(spin or 0.0, 6)]],
        },
    }
    return (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


# Reports -------------------------------------------------------------------------


def _report(
    settings: Settings,
    label: str,
    text: str,
    found: Substitution,
    line: int,
    column: int,
    offset: int,
) -> str:
    """One finding as a ``--check`` output line, human or LanguageTool-like JSON."""
    if settings.report_format == "human":
        original = _SPACE_RUN.sub(" ", found.original)
        return (
            f"{label}:{line}:{column}: {original} -> {found.suggestion} "
            f"({found.score:.2f}) [{found.source}]\n"
        )
    before = max(0, found.start - CONTEXT)
    after = min(len(text), found.end + CONTEXT)
    replacements = [found.suggestion, *(a.text for a in found.alternatives)]
    match = {
        "offset": offset,
        "length": found.length,
        "message": f"Possibly spun wording; the original was probably “{found.suggestion}”.",
        "replacements": [{"value": r} for r in replacements],
        "rule": {"id": found.source},
        "context": {
            "text": text[before:after],
            "offset": found.start - before,
            "length": found.length,
        },
        "score": round(found.score, 4),
        "file": label,
        "line": line,
        "column": column,
    }
    if not math.isfinite(found.score):
        match["score"] = None
    return json.dumps(match, ensure_ascii=False) + "\n"
