"""The local engine: a pool of worker processes on this machine, each loading the spaCy
pipeline once, each calling ``Pipeline.process_many`` -- the function ``ingest`` calls -- on a
few documents at a time.  Results come back in input order so that a batch stores documents in the
same order as ``ingest`` would.

A worker that dies (killed for memory, a crash in native code) breaks the pool; the pool is
started again and the documents that were in flight are tried again one at a time, so that the
one that kills a worker is found and reported as failed while the others go through.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from ..model import RawDocument, Skipped
from ..pipeline import Pipeline, Processed
from ..settings import Settings
from .sources import BatchError

# Documents sent to a worker at a time: processed together, their sentences parse in one batch.
DOCUMENTS_PER_TASK = 8
# Tasks in flight per worker: enough to keep every worker busy while the driver commits.
IN_FLIGHT_PER_WORKER = 2

_PIPELINE: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
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


def process_local(
    raws: Iterable[RawDocument], settings: Settings, workers: int
) -> Iterator[Processed]:
    """Process ``raws`` on ``workers`` processes (0: in this process), yielding in input order."""
    if workers == 0:
        pipeline = Pipeline(settings)
        items = iter(raws)
        while group := list(islice(items, DOCUMENTS_PER_TASK)):
            yield from process_group(pipeline, group)
        return
    pool = _Pool(settings, workers)
    try:
        yield from pool.run(iter(raws))
    finally:
        pool.close()


class _Pool:
    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
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

    def run(self, raws: Iterator[RawDocument]) -> Iterator[Processed]:
        window = self.workers * IN_FLIGHT_PER_WORKER
        queue: deque[tuple[list[RawDocument], Future[list[Processed]]]] = deque()
        suspects: deque[RawDocument] = deque()  # in flight when a worker died: retried alone
        while True:
            while not suspects and len(queue) < window:
                group = list(islice(raws, DOCUMENTS_PER_TASK))
                if not group:
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
                self.executor.shutdown(wait=True, cancel_futures=True)
                self.executor = self._start()
            except Exception as exc:  # e.g. a result that cannot be sent back
                reason = f"{type(exc).__name__}: {exc}"
                for raw in group:
                    yield Processed(raw.source, skipped=Skipped(raw.source, "process", reason))

    def _alone(self, raw: RawDocument) -> Processed:
        try:
            return self.executor.submit(_work, [raw]).result()[0]
        except BrokenProcessPool:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = self._start()
            reason = "the worker process died while processing it (out of memory?)"
            return Processed(raw.source, skipped=Skipped(raw.source, "process", reason))
