"""The ``restore`` command: a Unix filter and a corpus tool in one.

``restore [FILE...]`` reads files (or standard input) and writes the
restored text to standard output, like ``cat``. ``--jsonl`` rewrites one
field of each JSON line; ``--check`` reports findings instead; ``--filter``
scores records for corpus cleaning. Input and output are UTF-8 whatever the
locale; bytes that are not rewritten come out exactly as they went in.

Exit status: 0 ok, 1 findings (``--check`` only), 2 usage or input error
(including bad JSONL lines, which are passed through with a warning), 130
on Ctrl-C. Messages go to standard error as ``restore: error: ...`` and
name the file (and line, for JSONL).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from restore import __version__
from restore.batch import Result, Settings, Task, prepare, run
from restore.corpus import AtomicOutput, InputFile, discover_inputs, record_batches, text_blocks
from restore.engine import DEFAULT_MIN_SCORE
from restore.language_model import INSTALL_HINT as LM_INSTALL_HINT
from restore.language_model import installed as lm_installed
from restore.parallel import OrderedPool
from restore.tables import TableError

__all__ = ["main"]

#: ``--min-score`` when only reporting (``--check``, ``--filter`` without ``--restore``).
REPORT_MIN_SCORE = 0.5

EPILOG = """\
Plain text is restored in blocks of about 1 MB cut at blank lines or line
ends; each block is one document. JSONL: a line whose text is unchanged is
written back byte for byte; a changed line gets the new string spliced in,
the rest kept as written. Files named *.jsonl or *.ndjson are read as JSONL
even without --jsonl (use --text to stop that). A directory argument is
walked recursively for *.txt, *.jsonl and *.ndjson files; a quoted glob is
expanded (** recurses).

--check --format json prints one LanguageTool-style match per line:
offset and length count Python code points (not bytes, not UTF-16 units),
from the start of the file for text and of the field for JSONL; line is
1-based, column is the 1-based code point in the line (in the field for
JSONL).

--filter (JSONL) adds each record's spin score in [0, 1] as the field
named by --attribute; the text is left alone unless --restore is given.
With --reject FILE --max-spin X, records scoring above X go to FILE
instead; every record goes to exactly one of the two, in order.
--attributes FILE writes one Dolma-style line per input line:
{"id", "attributes": {"restore__spin": [[start, end, score], ...],
"restore__doc_spin": [[0, length, spin]]}} (offsets in code points of the
original field).

Exit status: 0 ok, 1 findings with --check, 2 usage or input error or bad
JSONL lines, 130 interrupted."""


class CommandError(Exception):
    """A problem to report as ``restore: error: ...`` with exit status 2."""


class Terminated(Exception):
    """Raised by the SIGTERM handler so that ``finally`` blocks clean up."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation tools)."""
    parser = argparse.ArgumentParser(
        prog="restore",
        description="Find and undo article-spinner synonym swaps in UTF-8 text or JSONL.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="inputs: files, folders or globs; - is stdin"
    )
    where = parser.add_argument_group("output")
    out = where.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) not stdout")
    out.add_argument(
        "--output-dir", metavar="DIR", help="one output per input, same relative paths, in DIR"
    )
    where.add_argument(
        "--resume", action="store_true", help="with --output-dir, skip inputs already done"
    )
    what = parser.add_argument_group("what to do")
    kind = what.add_mutually_exclusive_group()
    kind.add_argument("--jsonl", action="store_true", help="inputs are JSON Lines")
    kind.add_argument("--text", action="store_true", help="inputs are plain text, whatever name")
    what.add_argument("--field", default="text", help="JSONL field to work on (default: text)")
    what.add_argument("--check", action="store_true", help="print findings instead of text")
    what.add_argument(
        "--format",
        dest="report_format",
        choices=("human", "json"),
        default="human",
        help="--check output: FILE:LINE:COL lines, or LanguageTool-style JSON lines",
    )
    what.add_argument("--filter", action="store_true", help="score JSONL records (see below)")
    what.add_argument(
        "--attribute", default="spin_score", help="--filter: field for the spin score"
    )
    what.add_argument("--restore", action="store_true", help="--filter: also restore the text")
    what.add_argument("--reject", metavar="FILE", help="--filter: where spun records go")
    what.add_argument("--max-spin", type=float, metavar="X", help="--reject records above X")
    what.add_argument("--attributes", metavar="FILE", help="JSONL: Dolma-style attributes file")
    engine = parser.add_argument_group("engine")
    engine.add_argument(
        "--min-score",
        type=float,
        metavar="X",
        help=f"confidence needed, 0-1 (default {DEFAULT_MIN_SCORE}; {REPORT_MIN_SCORE} "
        "with --check or --filter without --restore)",
    )
    engine.add_argument(
        "--table", action="append", default=[], metavar="FILE", help="extra table (repeatable)"
    )
    engine.add_argument("--no-model", action="store_true", help="use the tables only")
    engine.add_argument(
        "--language-model",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="weigh findings with a language model of general English (default: when the "
        "lm extra is installed; --language-model without it is an error)",
    )
    run_group = parser.add_argument_group("running")
    run_group.add_argument(
        "--errors",
        choices=("strict", "replace", "surrogateescape"),
        default="strict",
        help="invalid UTF-8: stop (default), replace with U+FFFD, or keep the bytes as they are",
    )
    run_group.add_argument(
        "--strict", action="store_true", help="JSONL: stop at the first bad line"
    )
    run_group.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores; 1 runs in this process)",
    )
    run_group.add_argument("--progress", action="store_true", help="show progress on stderr")
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _version() -> str:
    """The version, and whether the optional language model is there to use."""
    extra = "installed" if lm_installed() else f"not installed ({LM_INSTALL_HINT})"
    return f"restore {__version__}; language model {extra}"


def main(argv: list[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = _install_sigterm()
    try:
        return _run(parser, args)
    except CommandError as error:
        _say(f"restore: error: {error}")
        return 2
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 143
    except BrokenPipeError:
        # The reader went away (``restore big.jsonl | head``): stop quietly.
        # Python flushes stdout at exit, so point it at devnull first.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _install_sigterm() -> signal.Handlers | None:
    def terminate(number: int, frame: FrameType | None) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread
        return None
    return previous if isinstance(previous, signal.Handlers) else signal.SIG_DFL


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@dataclass
class Totals:
    """What a run did, for the summary and the exit status."""

    files: int = 0
    skipped: int = 0
    documents: int = 0
    changed: int = 0
    findings: int = 0
    warnings: int = 0
    spin_total: float = 0.0
    size: int = 0

    def add(self, result: Result) -> None:
        self.documents += result.documents
        self.changed += result.changed
        self.findings += result.findings
        self.warnings += len(result.warnings)
        self.spin_total += result.spin_total
        self.size += result.size


class Progress:
    """A self-overwriting status line on stderr, at most twice a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.shown = 0.0

    def update(self, totals: Totals, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.shown < 0.5:
            return
        self.shown = now
        rate = totals.size / 1e6 / max(now - self.started, 1e-6)
        sys.stderr.write(
            f"\rrestore: {totals.documents:,} documents, {rate:.1f} MB/s, "
            f"{totals.findings:,} findings"
        )
        if final:
            sys.stderr.write("\n")
        sys.stderr.flush()


@dataclass
class Sinks:
    """Where one input's results go."""

    main: BinaryIO
    reject: BinaryIO | None = None
    attributes: BinaryIO | None = None


def _settings(args: argparse.Namespace, *, summary: bool) -> Settings:
    mode = "check" if args.check else "filter" if args.filter else "restore"
    reporting = mode == "check" or (mode == "filter" and not args.restore)
    min_score = args.min_score
    if min_score is None:
        min_score = REPORT_MIN_SCORE if reporting else DEFAULT_MIN_SCORE
    return Settings(
        tables=tuple(args.table),
        model=not args.no_model,
        language_model=args.language_model,
        min_score=min_score,
        mode=mode,
        field=args.field,
        errors=args.errors,
        report_format=args.report_format,
        attribute=args.attribute if mode == "filter" else None,
        restore_text=args.restore,
        max_spin=args.max_spin,
        attributes=args.attributes is not None,
        spin=summary,
        strict=args.strict,
    )


def _validate(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.min_score is not None and not 0.0 <= args.min_score <= 1.0:
        parser.error(f"--min-score must be within 0..1, got {args.min_score}")
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    if args.check and args.filter:
        parser.error("--check and --filter do not go together")
    if (args.reject is None) != (args.max_spin is None):
        parser.error("--reject FILE and --max-spin X go together")
    if args.reject is not None and not args.filter:
        parser.error("--reject needs --filter")
    if args.restore and not args.filter:
        parser.error("--restore is for --filter (restoring is the default otherwise)")
    if args.resume and args.output_dir is None:
        parser.error("--resume needs --output-dir")
    if args.filter or args.attributes:
        if args.text:
            parser.error("--filter and --attributes work on JSONL, not --text")
        args.jsonl = True


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    _validate(parser, args)
    arguments = args.files or ["-"]
    output_dir = Path(args.output_dir) if args.output_dir is not None else None
    try:
        inputs = discover_inputs(arguments, exclude=output_dir)
    except OSError as error:
        raise CommandError(str(error)) from None
    if output_dir is not None and any(i.path is None for i in inputs):
        raise CommandError("--output-dir needs input files, not stdin")
    summary = output_dir is not None or len(inputs) > 1
    settings = _settings(args, summary=summary)
    try:
        prepare(settings)
    except (TableError, ImportError) as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"{error.filename}: {error.strerror}") from None
    totals = Totals()
    progress = Progress(args.progress or sys.stderr.isatty())
    # Workers start only for an input of several batches: all the data is read before they
    # do, for them to share. A short input is restored here, reading only what it needs.
    load_all = functools.partial(prepare, settings, load=True)
    with OrderedPool(
        args.jobs, initializer=prepare, initargs=(settings,), before_start=load_all
    ) as pool:
        if output_dir is None:
            _run_to_one_output(args, inputs, pool, totals, progress)
        else:
            _run_to_folder(args, inputs, output_dir, pool, totals, progress)
    progress.update(totals, final=True)
    if summary:
        mean = totals.spin_total / totals.documents if totals.documents else 0.0
        skipped = f" ({totals.skipped} skipped, already done)" if totals.skipped else ""
        _say(
            f"restore: {totals.files} files{skipped}, {totals.documents} documents, "
            f"{totals.changed} changed, {totals.findings} findings, "
            f"mean spin score {mean:.3f}"
        )
    if totals.warnings:
        what = "left out of the report" if args.check else "passed through unchanged"
        _say(f"restore: error: {totals.warnings} bad lines {what}")
        return 2
    return 1 if args.check and totals.findings else 0


def _refuse_overwrite(target: Path, inputs: list[InputFile]) -> None:
    """Stop before an output could replace an input (same path, link or stdin)."""
    resolved = target.resolve()
    for source in inputs:
        if source.path is None:
            with contextlib.suppress(OSError):
                if target.exists() and os.path.samestat(os.fstat(0), target.stat()):
                    raise CommandError(f"{target}: refusing to write over the input (stdin)")
            continue
        same = source.path.resolve() == resolved
        with contextlib.suppress(OSError):
            same = same or (target.exists() and os.path.samefile(source.path, target))
        if same:
            raise CommandError(f"{target}: refusing to write over the input {source.path}")


def _refuse_stdout_over_input(inputs: list[InputFile]) -> None:
    """``restore a.txt >> a.txt`` would read its own output forever."""
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return
    for source in inputs:
        if source.path is None:
            continue
        with contextlib.suppress(OSError):
            if os.path.samestat(out, os.stat(source.path)):
                raise CommandError(f"{source.path}: refusing to write over the input (stdout)")


@contextlib.contextmanager
def _outputs(targets: list[Path | None]) -> Iterator[list[AtomicOutput | None]]:
    """Atomic outputs for ``targets``, committed together (the first one last) on success."""
    opened: list[AtomicOutput | None] = []
    try:
        for target in targets:
            opened.append(None if target is None else AtomicOutput(target))
        yield opened
        for output in reversed(opened):
            if output is not None:
                output.commit()
    finally:
        for output in opened:
            if output is not None:
                output.discard()


def _run_to_one_output(
    args: argparse.Namespace,
    inputs: list[InputFile],
    pool: OrderedPool,
    totals: Totals,
    progress: Progress,
) -> None:
    main_target = Path(args.output) if args.output is not None else None
    reject = Path(args.reject) if args.reject is not None else None
    attributes = Path(args.attributes) if args.attributes is not None else None
    targets = [main_target, reject, attributes]
    named = [t for t in targets if t is not None]
    if len({t.resolve() for t in named}) < len(named):
        raise CommandError("the output, --reject and --attributes files must differ")
    for target in named:
        _refuse_overwrite(target, inputs)
    if main_target is None:
        _refuse_stdout_over_input(inputs)
    try:
        with _outputs(targets) as (main_out, reject_out, attributes_out):
            stdout = sys.stdout.buffer if main_out is None else None
            if stdout is not None:
                sys.stdout.flush()
            sinks = Sinks(
                main=main_out.stream if main_out is not None else _unwrap(stdout),
                reject=reject_out.stream if reject_out is not None else None,
                attributes=attributes_out.stream if attributes_out is not None else None,
            )
            for source in inputs:
                _process(args, source, sinks, pool, totals, progress)
            if stdout is not None:
                stdout.flush()
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            raise
        raise CommandError(_describe(error)) from None


def _unwrap(stream: BinaryIO | None) -> BinaryIO:
    assert stream is not None
    return stream


def _describe(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


def _run_to_folder(
    args: argparse.Namespace,
    inputs: list[InputFile],
    output_dir: Path,
    pool: OrderedPool,
    totals: Totals,
    progress: Progress,
) -> None:
    side = {
        "reject": Path(args.reject) if args.reject is not None else None,
        "attributes": Path(args.attributes) if args.attributes is not None else None,
    }
    plans: list[tuple[InputFile, list[Path | None]]] = []
    seen: dict[Path, InputFile] = {}
    for source in inputs:
        targets: list[Path | None] = [output_dir / source.relative]
        targets += [
            None if folder is None else folder / source.relative for folder in side.values()
        ]
        for target in targets:
            if target is None:
                continue
            _refuse_overwrite(target, inputs)
            other = seen.setdefault(target.resolve(), source)
            if other is not source:
                raise CommandError(f"{target}: both {other.label} and {source.label} go here")
        plans.append((source, targets))
    for source, targets in plans:
        if args.resume and targets[0] is not None and targets[0].exists():
            totals.skipped += 1
            continue
        try:
            for target in targets:
                if target is not None:
                    target.parent.mkdir(parents=True, exist_ok=True)
            with _outputs(targets) as (main_out, reject_out, attributes_out):
                assert main_out is not None
                sinks = Sinks(
                    main=main_out.stream,
                    reject=reject_out.stream if reject_out is not None else None,
                    attributes=attributes_out.stream if attributes_out is not None else None,
                )
                _process(args, source, sinks, pool, totals, progress)
        except OSError as error:
            raise CommandError(_describe(error)) from None


def _process(
    args: argparse.Namespace,
    source: InputFile,
    sinks: Sinks,
    pool: OrderedPool,
    totals: Totals,
    progress: Progress,
) -> None:
    """Stream one input through the workers into ``sinks``."""
    is_jsonl = args.jsonl or (source.is_jsonl and not args.text)
    try:
        stream: BinaryIO = sys.stdin.buffer if source.path is None else source.path.open("rb")
    except OSError as error:
        raise CommandError(f"{source.label}: {error.strerror}") from None
    totals.files += 1
    with contextlib.ExitStack() as stack:
        if source.path is not None:
            stack.enter_context(stream)
        units = record_batches(stream) if is_jsonl else text_blocks(stream)
        tasks = (Task(source.label, is_jsonl, unit) for unit in units)
        for result in pool.map(run, tasks):
            sinks.main.write(result.main)
            if sinks.reject is not None:
                sinks.reject.write(result.reject)
            if sinks.attributes is not None:
                sinks.attributes.write(result.attributes)
            for warning in result.warnings:
                _say(f"restore: warning: {warning}")
            totals.add(result)
            progress.update(totals)
            if result.fatal is not None:
                raise CommandError(result.fatal)
