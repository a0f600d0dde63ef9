"""The local engine: a pool of worker processes on this machine, each loading the spaCy
pipeline once, each calling ``Pipeline.process`` -- the function ``ingest`` calls -- on one
document at a time.  Results come back in input order so that a batch stores documents in the
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

from ..model import RawDocument, Skipped
from ..pipeline import Pipeline, Processed
from ..settings import Settings
from .sources import BatchError

# Documents in flight per worker: enough to keep every worker busy while the driver commits.
IN_FLIGHT_PER_WORKER = 4

_PIPELINE: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    global _PIPELINE
    _PIPELINE = Pipeline(settings)
    _PIPELINE.extractor  # noqa: B018  (load the spaCy pipeline once per worker)


def _ready() -> bool:
    return _PIPELINE is not None


def process_one(pipeline: Pipeline, raw: RawDocument) -> Processed:
    """``pipeline.process(raw)``; an unexpected exception becomes a failure of this document."""
    try:
        return pipeline.process(raw)
    except Exception as exc:  # one bad document never stops the batch
        reason = f"{type(exc).__name__}: {exc}"
        return Processed(raw.source, skipped=Skipped(raw.source, "process", reason))


def _work(raw: RawDocument) -> Processed:
    assert _PIPELINE is not None, "worker not started"
    return process_one(_PIPELINE, raw)


def process_local(
    raws: Iterable[RawDocument], settings: Settings, workers: int
) -> Iterator[Processed]:
    """Process ``raws`` on ``workers`` processes (0: in this process), yielding in input order."""
    if workers == 0:
        pipeline = Pipeline(settings)
        for raw in raws:
            yield process_one(pipeline, raw)
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
        queue: deque[tuple[RawDocument, Future[Processed]]] = deque()
        suspects: deque[RawDocument] = deque()  # in flight when a worker died: retried alone
        while True:
            while not suspects and len(queue) < window and (raw := next(raws, None)) is not None:
                queue.append((raw, self.executor.submit(_work, raw)))
            if suspects and not queue:
                raw = suspects.popleft()
                yield self._alone(raw)
                continue
            if not queue:
                return
            raw, future = queue.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:
                # Everything in flight is lost with the pool; keep order and retry one by one.
                suspects.extend([raw, *(r for r, _ in queue)])
                queue.clear()
                self.executor.shutdown(wait=True, cancel_futures=True)
                self.executor = self._start()
            except Exception as exc:  # e.g. a result that cannot be sent back
                reason = f"{type(exc).__name__}: {exc}"
                yield Processed(raw.source, skipped=Skipped(raw.source, "process", reason))

    def _alone(self, raw: RawDocument) -> Processed:
        try:
            return self.executor.submit(_work, raw).result()
        except BrokenProcessPool:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = self._start()
            reason = "the worker process died while processing it (out of memory?)"
            return Processed(raw.source, skipped=Skipped(raw.source, "process", reason))
