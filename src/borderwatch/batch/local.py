"""The local engine: a pool of worker processes on this machine, each calling
``Pipeline.process_many`` -- the function ``ingest`` calls -- on a few documents at a time.
Results come back in input order so that a batch stores documents in the same order as
``ingest`` would.

Workers start cheap: the driver loads the pipeline once (the spaCy model, the GeoNames indexes,
the date parser's tables: ``Pipeline.warm_up``) and the workers are *forked* from it, so they
begin with everything loaded (shared copy-on-write, ``gc.freeze`` keeping it shared) instead of
each importing and loading it again (~2-3 s each on a small machine, about what a batch of a
hundred articles costs).  Forking is only safe while the driver runs no other thread (a lock
held by another thread at the fork stays held forever in the child), so the pool is started
before the progress display (``Batch.start``); when other threads are alive, workers are
spawned fresh and load the pipeline themselves, as before.

Tasks are balanced by text length rather than by document count: a task takes documents until
they hold ``CHARACTERS_PER_TASK`` characters, so a long article does not hold its worker far
longer than the other worker's task, and the batch's tail stays short.

A worker that dies (killed for memory, a crash in native code) breaks the pool; the pool is
started again and the documents that were in flight are tried again one at a time, so that the
one that kills a worker is found and reported as failed while the others go through.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from ..model import RawDocument, Skipped
from ..pipeline import Pipeline, Processed
from ..settings import Settings
from .sources import BatchError

# Characters of text per task: ~6 real news articles (~2,200 characters each).  Large enough
# that a task's candidate sentences parse in one efficient batch, small enough that a batch of
# a few hundred articles splits into dozens of tasks and the two workers finish together.
CHARACTERS_PER_TASK = 12_000
# ... and never more documents than this in one task (short texts: feed items, tests).
DOCUMENTS_PER_TASK = 16
# Tasks in flight per worker: enough that a worker always has the next task waiting while the
# driver commits and while a long task ahead of it (results are taken in input order) finishes.
IN_FLIGHT_PER_WORKER = 3
# Documents in the batch given to the in-process path (``workers=0``), as ``ingest`` does.
DOCUMENTS_IN_PROCESS = 8

_PIPELINE: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    """Initializer of a spawned worker: load the pipeline (a forked one has it already)."""
    global _PIPELINE
    _PIPELINE = Pipeline(settings)
    _PIPELINE.warm_up()


def _ready() -> bool:
    return _PIPELINE is not None


def process_one(pipeline: Pipeline, raw: RawDocument) -> Processed:
    """``pipeline.process(raw)``; an unexpected exception becomes a failure of this document."""
    try:
        return pipeline.process(raw)
    except Exception as exc:  # one bad document never stops the batch
        reason = f"{type(exc).__name__}: {exc}"
        return Processed(raw.source, skipped=Skipped(raw.source, "process", reason))


def process_group(pipeline: Pipeline, raws: list[RawDocument]) -> list[Processed]:
    """``pipeline.process_many(raws)`` (what ``ingest`` calls); after an unexpected exception
    each document is tried alone, so that only the one at fault fails."""
    try:
        return pipeline.process_many(raws)
    except Exception:  # one bad document never stops the batch
        return [process_one(pipeline, raw) for raw in raws]


def _work(raws: list[RawDocument]) -> list[Processed]:
    assert _PIPELINE is not None, "worker not started"
    return process_group(_PIPELINE, raws)


def tasks(raws: Iterator[RawDocument]) -> Iterator[list[RawDocument]]:
    """Consecutive documents in groups of about ``CHARACTERS_PER_TASK`` characters (at least
    one document, at most ``DOCUMENTS_PER_TASK``)."""
    group: list[RawDocument] = []
    size = 0
    for raw in raws:
        group.append(raw)
        size += len(raw.content)
        if size >= CHARACTERS_PER_TASK or len(group) >= DOCUMENTS_PER_TASK:
            yield group
            group, size = [], 0
    if group:
        yield group


def process_local(
    raws: Iterable[RawDocument],
    settings: Settings,
    workers: int,
    pool: LocalPool | None = None,
) -> Iterator[Processed]:
    """Process ``raws`` on ``workers`` processes (0: in this process), yielding in input order.
    ``pool``: one already started (``LocalPool``), used and closed."""
    if workers == 0:
        pipeline = Pipeline(settings)
        items = iter(raws)
        while group := list(islice(items, DOCUMENTS_IN_PROCESS)):
            yield from process_group(pipeline, group)
        return
    pool = pool or LocalPool(settings, workers)
    try:
        yield from pool.run(iter(raws))
    finally:
        pool.close()


def can_fork() -> bool:
    """Whether workers may be forked from this process now: the platform forks, and no other
    thread runs (one holding a lock at the fork would leave it held in the child)."""
    return "fork" in mp.get_all_start_methods() and threading.active_count() == 1


class LocalPool:
    """The worker processes.  Started at once (``Batch.start`` starts it before the progress
    display's thread), from ``pipeline`` warmed up in this process when workers can be forked."""

    def __init__(self, settings: Settings, workers: int, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.workers = workers
        self.pipeline = pipeline or Pipeline(settings)
        self.forked = False
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        global _PIPELINE
        self.forked = can_fork()
        if self.forked:
            try:
                self.pipeline.warm_up()
            except Exception as exc:  # e.g. the spaCy model is not installed
                raise BatchError(
                    f"batch workers could not start: {type(exc).__name__}: {exc}; "
                    "check that `borderwatch ingest` works"
                ) from exc
            _PIPELINE = self.pipeline  # what the forked workers find loaded
            executor = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("fork"))
        else:
            executor = ProcessPoolExecutor(
                self.workers,
                mp_context=mp.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.settings,),
            )
        try:
            executor.submit(_ready).result()
        except BrokenProcessPool as exc:
            executor.shutdown(cancel_futures=True)
            raise BatchError(
                "batch workers could not start (their error is printed above); "
                "check that `borderwatch ingest` works"
            ) from exc
        return executor

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def _restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def run(self, raws: Iterator[RawDocument]) -> Iterator[Processed]:
        window = self.workers * IN_FLIGHT_PER_WORKER
        queue: deque[tuple[list[RawDocument], Future[list[Processed]]]] = deque()
        suspects: deque[RawDocument] = deque()  # in flight when a worker died: retried alone
        groups = tasks(raws)
        while True:
            while not suspects and len(queue) < window:
                group = next(groups, None)
                if group is None:
                    break
                queue.append((group, self.executor.submit(_work, group)))
            if suspects and not queue:
                raw = suspects.popleft()
                yield self._alone(raw)
                continue
            if not queue:
                return
            group, future = queue.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                # Everything in flight is lost with the pool; keep order and retry one by one.
                suspects.extend([*group, *(r for g, _ in queue for r in g)])
                queue.clear()
                self._restart()
            except Exception as exc:  # e.g. a result that cannot be sent back
                reason = f"{type(exc).__name__}: {exc}"
                for raw in group:
                    yield Processed(raw.source, skipped=Skipped(raw.source, "process", reason))

    def _alone(self, raw: RawDocument) -> Processed:
        try:
            return self.executor.submit(_work, [raw]).result()[0]
        except BrokenProcessPool:
            self._restart()
            reason = "the worker process died while processing it (out of memory?)"
            return Processed(raw.source, skipped=Skipped(raw.source, "process", reason))
