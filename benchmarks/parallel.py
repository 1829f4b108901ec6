"""The corpus command's speed-up with ``--jobs``: one JSONL input, restored by
``restore -j 1`` and ``restore -j N`` in fresh processes.

A corpus run is what ``--jobs`` is for, so the input is one large JSONL file
shaped like a scraped corpus: held-out press releases, every tenth spun by
``spinner.py`` (as ``throughput.py``'s mixed corpus), cycled with a new
spinner seed until the file reaches ``--mb`` megabytes. Each run is the
whole command, start-up included, timed on the wall clock (the point of
more jobs is less waiting), in the order 1, N, N, 1 so that a machine whose
speed drifts slows both alike; the best of each is printed, with the outputs
checked to be byte-identical. One more run of each, untimed, samples the
peak memory of all its processes together.

    python benchmarks/parallel.py               # 10 MB, -j 1 against -j 2
    python benchmarks/parallel.py --mb 3 --jobs 4
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from throughput import (
    check,
    checkout_environment,
    count_words,
    held_out_texts,
    spinner_or_none,
)

#: ``-j 2`` must restore a large input at least this many times as fast as ``-j 1``.
SPEED_UP_TWO_JOBS = 1.8
#: Every this many documents, one is spun, as in a scraped corpus.
SPUN_EVERY = 10


def corpus_lines(megabytes: float) -> tuple[list[str], list[str]]:
    """JSONL lines of held-out documents, every tenth spun, about ``megabytes`` in all,
    and the documents' texts."""
    docs = held_out_texts(10_000)
    spin = spinner_or_none()
    lines: list[str] = []
    texts: list[str] = []
    size, seed = 0, 0
    while size < megabytes * 1e6:
        for i, (doc_id, text) in enumerate(docs):
            if spin is not None and i % SPUN_EVERY == 0:
                text = spin(text, doc_id, seed)
            line = json.dumps({"id": f"{doc_id}-{seed}", "text": text}, ensure_ascii=False)
            lines.append(line + "\n")
            texts.append(text)
            size += len(line.encode("utf-8")) + 1
            if size >= megabytes * 1e6:
                break
        seed += 1
    return lines, texts


def run(jobs: int, source: Path, output: Path) -> float:
    """Wall-clock seconds of ``restore -j jobs source -o output`` in a fresh interpreter."""
    command = [sys.executable, "-m", "restore", "-j", str(jobs), str(source), "-o", str(output)]
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, env=checkout_environment(), check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"parallel: {' '.join(command[1:])} failed:\n{done.stderr}")
    return elapsed


def peak_memory(jobs: int, source: Path, output: Path) -> float | None:
    """Peak total memory in MB of ``restore -j jobs source -o output`` and its workers, as
    proportional set sizes (PSS: a page shared by several processes counts as a share of
    it in each), sampled every 0.1 s; None where ``/proc`` does not tell (not Linux).

    Not timed: reading the processes' memory maps takes time of its own.
    """
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    command = [sys.executable, "-m", "restore", "-j", str(jobs), str(source), "-o", str(output)]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=checkout_environment()
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss_kilobytes(pid) for pid in _process_tree(process.pid)))
        time.sleep(0.1)
    if process.returncode != 0:
        sys.exit(f"parallel: {' '.join(command[1:])} failed")
    return peak / 1024


def _process_tree(root: int) -> list[int]:
    """``root`` and its descendants, as ``/proc`` lists them now."""
    try:
        children = Path(f"/proc/{root}/task/{root}/children").read_text().split()
    except OSError:
        return [root]
    return [root] + [pid for child in children for pid in _process_tree(int(child))]


def _pss_kilobytes(pid: int) -> int:
    """The proportional set size of process ``pid`` in kB; 0 if it has ended."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="input size in MB (10)")
    parser.add_argument("--jobs", type=int, default=2, help="jobs to compare with one (2)")
    args = parser.parse_args(argv)
    if args.jobs < 2:
        parser.error("--jobs must be at least 2")

    lines, texts = corpus_lines(args.mb)
    megabytes = sum(len(line.encode("utf-8")) for line in lines) / 1e6
    words = count_words(texts)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    print(f"input: {len(lines):,} JSONL records, {megabytes:.1f} MB, {words:,} words")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        source.write_text("".join(lines), encoding="utf-8")
        outputs = {1: Path(folder) / "one.jsonl", args.jobs: Path(folder) / "many.jsonl"}
        seconds: dict[int, list[float]] = {1: [], args.jobs: []}
        for jobs in (1, args.jobs, args.jobs, 1):
            seconds[jobs].append(run(jobs, source, outputs[jobs]))
        same = outputs[1].read_bytes() == outputs[args.jobs].read_bytes()
        memory = {jobs: peak_memory(jobs, source, outputs[jobs]) for jobs in seconds}
    print(f"\n{'jobs':>4} {'best s':>8} {'MB/s':>8} {'words/s':>12} {'peak MB':>8}")
    for jobs, times in seconds.items():
        best = min(times)
        peak = memory[jobs]
        print(
            f"{jobs:>4} {best:>8.2f} {megabytes / best:>8.2f} {words / best:>12,.0f} "
            f"{'n/a' if peak is None else f'{peak:.0f}':>8}"
        )
    print("(peak MB: all the run's processes together, memory they share counted once)")
    speed_up = min(seconds[1]) / min(seconds[args.jobs])
    print(f"\noutputs byte-identical: {'yes' if same else 'NO'}")
    if args.jobs == 2:
        check("speed-up, -j 2 vs -j 1", speed_up, SPEED_UP_TWO_JOBS, "x")
    else:
        print(f"  {f'speed-up, -j {args.jobs} vs -j 1':<40} {speed_up:>12.2f}x  no target")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
