"""An order-preserving parallel map with bounded memory, for corpus runs.

A corpus can be larger than memory, so work is submitted through a
fixed-size window: at most ``window`` batches are in flight, results come
back in input order, and the input is read only as fast as results are
consumed. (``multiprocessing.Pool.imap`` reads its whole input ahead, so it
is not used.) Workers are started only when there are at least two
batches to share: a small input runs in the calling process.

>>> with OrderedPool(jobs=1) as pool:
...     list(pool.map(abs, [-2, 1, -3]))
[2, 1, 3]
"""

from __future__ import annotations

import concurrent.futures
import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from types import TracebackType
from typing import Any, TypeVar

__all__ = ["OrderedPool"]

Item = TypeVar("Item")
Output = TypeVar("Output")


class OrderedPool:
    """Worker processes that map a function over an iterable, keeping order.

    ``initializer(*initargs)`` runs once in each worker (build the engine
    there, once). The caller is expected to have run it in this process
    too, since small inputs and ``jobs=1`` are handled here.
    ``before_start()`` runs once in this process just before the workers
    start, and only if they do: load there what they should share.
    """

    def __init__(
        self,
        jobs: int,
        *,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        before_start: Callable[[], None] | None = None,
        window: int | None = None,
    ) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.jobs = jobs
        self.window = window if window is not None else 2 * jobs + 2
        self._initializer = initializer
        self._initargs = initargs
        self._before_start = before_start
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._executor is None:
            if self._before_start is not None:
                self._before_start()
            # Forked workers share this process's memory until they write to it, and the
            # garbage collector writes to every object it walks: frozen, what is here now
            # (the engine's data, loaded first) is not walked, so it stays shared.
            gc.freeze()
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.jobs, initializer=self._initializer, initargs=self._initargs
            )
        return self._executor

    def map(self, function: Callable[[Item], Output], items: Iterable[Item]) -> Iterator[Output]:
        """``function(item)`` for each item, in order, computed up to ``jobs`` at a time."""
        iterator = iter(items)
        if self.jobs == 1:
            yield from map(function, iterator)
            return
        head = [item for _, item in zip(range(2), iterator, strict=False)]
        if len(head) < 2 and self._executor is None:
            yield from map(function, head)
            return
        executor = self._start()
        pending: deque[concurrent.futures.Future[Output]] = deque()
        try:
            for item in chain(head, iterator):
                pending.append(executor.submit(function, item))
                if len(pending) >= self.window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers; with ``wait=False`` stop them at once, not waiting for running
        batches.

        Either way the executor's own thread is waited for: left running at
        exit, it can race the interpreter's shutdown of the executor and
        print a traceback after the run ends on a signal.
        """
        if self._executor is not None:
            if not wait:
                for process in list(self._executor._processes.values()):
                    process.terminate()
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            gc.unfreeze()

    def __enter__(self) -> OrderedPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(wait=error is None)
