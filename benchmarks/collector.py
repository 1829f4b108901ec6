"""How much of ``restore``'s time goes to Python's garbage collector, and what a corpus run saves.

The engine's caches hold a few hundred thousand small objects, and with
Python's default thresholds (700, 10, 10) the cyclic collector walks all of
them every few documents. A corpus run of the ``restore`` command sets
:data:`restore.batch.CORPUS_GC_THRESHOLDS` instead. This script times the
same work both ways, side by side: two fresh interpreters, one per setting,
are warmed on the same training documents and then restore the same
held-out documents in alternating chunks, each timing its own CPU, so a
machine whose speed drifts slows both alike. Both must return the same
texts (a checksum per chunk): the setting changes when memory is freed,
never what is restored.

    python benchmarks/collector.py              # clean and spun held-out documents
    python benchmarks/collector.py --docs 200   # fewer documents, a faster run
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

#: What each interpreter runs: warm up, then restore the chunks it is sent, one per line
#: of stdin ("start end"), and answer with the CPU seconds and a checksum of the output.
WORKER = """
import gc, json, sys, time, zlib
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import restore
from restore.batch import CORPUS_GC_THRESHOLDS
from quality import load_held_out
import spinner

kind, limit, tuned = sys.argv[3], int(sys.argv[4]), sys.argv[5] == "tuned"
docs = load_held_out(limit)
texts = [d["text"] for d in docs]
if kind == "spun":
    texts = [spinner.spin(d["text"], seed=0, key=d["id"]).text for d in docs]
for doc in load_held_out(200, held_out=False):
    restore.restore(doc["text"])
if tuned:
    gc.set_threshold(*CORPUS_GC_THRESHOLDS)
print(len(texts), flush=True)
for line in sys.stdin:
    start, end = map(int, line.split())
    began, checksum = time.process_time(), 0
    for text in texts[start:end]:
        checksum = zlib.crc32(restore.restore(text).encode("utf-8"), checksum)
    print(time.process_time() - began, checksum, flush=True)
"""


def duel(kind: str, limit: int, chunk: int) -> tuple[float, float, bool]:
    """CPU seconds of the default and the corpus run's setting on ``kind`` documents, and
    whether both restored them alike."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(SRC), str(HERE), kind, str(limit), setting],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for setting in ("default", "tuned")
    ]
    sizes = []
    for worker in workers:
        assert worker.stdout is not None
        sizes.append(int(worker.stdout.readline()))
    seconds, alike = [0.0, 0.0], True
    for round_, start in enumerate(range(0, min(sizes), chunk)):
        # Whoever goes first in a round gains nothing from the other's work: the order
        # alternates all the same.
        order = (0, 1) if round_ % 2 == 0 else (1, 0)
        answers: dict[int, list[str]] = {}
        for k in order:
            stdin, stdout = workers[k].stdin, workers[k].stdout
            assert stdin is not None and stdout is not None
            stdin.write(f"{start} {start + chunk}\n")
            stdin.flush()
            answers[k] = stdout.readline().split()
        for k in (0, 1):
            seconds[k] += float(answers[k][0])
        alike &= answers[0][1] == answers[1][1]
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()
    return seconds[0], seconds[1], alike


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=600, help="held-out documents per kind")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(SRC))
    from restore.batch import CORPUS_GC_THRESHOLDS

    print(f"collector thresholds: default {gc.get_threshold()}, corpus run {CORPUS_GC_THRESHOLDS}")
    header = f"{'documents':<10} {'default s':>10} {'corpus run s':>13} {'time saved':>11}"
    print(f"{header}  same output")
    for kind, limit, chunk in (("clean", args.docs, 50), ("spun", args.docs // 3, 20)):
        default, tuned, alike = duel(kind, limit, chunk)
        print(
            f"{kind:<10} {default:>10.2f} {tuned:>13.2f} {1 - tuned / default:>10.0%}  "
            f"{'yes' if alike else 'NO'}"
        )
        if not alike:
            print(json.dumps({"error": f"{kind}: the two settings restored differently"}))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
