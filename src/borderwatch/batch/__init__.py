"""Batch: process many articles in parallel -- a local process pool or Ray -- and store them.

Both engines call ``Pipeline.process``, the per-document function ``ingest`` calls, in worker
processes; the driver (this process) commits the results with ``Pipeline.commit_many`` -- a few
documents per transaction, fusion re-run once for what they touch -- in input order, as
``ingest`` does, so a batch leaves the same events as ``ingest`` of the same documents.  Or
results go to a Parquet dataset (``out="DIR.parquet"``) that a later batch loads into a store.

A batch is resumable: when the target already holds documents, a first pass cleans each input
(cheap) and skips those whose content key is already stored (or written), looked up a chunk at
a time, so a batch that was killed is started again with the same command.  That pass runs
before any worker starts: a batch with nothing left to do starts none.  Per-document failures
(unreadable input, no text, an extraction error, a worker that died) are collected in the
report, recorded in the store's failures table, and never stop the run.

    batch = Batch("articles.jsonl", settings, engine="local", workers=2)
    for outcome in batch.run():   # one ``Committed`` per input document
        ...
    print(batch.report.stored, batch.report.failed)
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..clean import clean_document
from ..model import NotEnglish, RawDocument, Skipped
from ..pipeline import INGEST_BATCH, Committed, Pipeline, Processed
from ..settings import Settings
from ..store import Store
from .codec import row_to_processed
from .sinks import ParquetSink, Sink, StoreSink, is_parquet_target
from .sources import BatchError, Input, open_input

if TYPE_CHECKING:
    from .local import LocalPool

__all__ = ["ENGINES", "Batch", "BatchError", "BatchReport", "run_batch"]

ENGINES = ("local", "ray")
# Results committed together (one transaction, one fusion pass), as ``ingest`` does.
COMMIT_GROUP = INGEST_BATCH
# Content keys looked up in the target together by the first pass of a resumed batch.
LOOKUP_CHUNK = 256


@dataclass
class BatchReport:
    """What a batch did.  ``processed`` counts documents sent to the engine (for the rate)."""

    read: int = 0
    stored: int = 0  # committed to the store, or written to Parquet
    done: int = 0  # already stored before this run: skipped without processing
    unchanged: int = 0  # found stored when committing (a duplicate within the input)
    # not English: kept with its text for a later pipeline (ingest's "skipped"), not failed
    foreign: int = 0
    mentions: int = 0
    events: int = 0
    processed: int = 0
    failed: list[Skipped] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Documents processed per second of this run so far (skipped ones not counted)."""
        elapsed = time.monotonic() - self.started if not self.seconds else self.seconds
        return self.processed / elapsed if elapsed > 0 else 0.0

    def add(self, outcome: Committed, failure: Skipped | None = None) -> Committed:
        self.read += 1
        if outcome.status in ("stored", "written"):
            self.stored += 1
            self.mentions += outcome.mentions
            self.events += outcome.events
        elif outcome.status == "done":
            self.done += 1
        elif outcome.status == "unchanged":
            self.unchanged += 1
        elif outcome.status == "skipped":
            self.foreign += 1
        else:
            self.failed.append(failure or Skipped(outcome.source, "batch", outcome.reason))
        return outcome


class Batch:
    """One batch run over one input (a directory, a JSONL file or a Parquet dataset)."""

    def __init__(
        self,
        input_path: str,
        settings: Settings,
        *,
        engine: str = "local",
        workers: int | None = None,
        address: str | None = None,
        out: str | None = None,
        published: date | None = None,
        outlet: str | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise BatchError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        if address and engine != "ray":
            raise BatchError("--address names a Ray cluster; use it with --engine ray")
        if workers is not None and workers < 0:
            raise BatchError("workers must be 0 or more")
        self.settings = settings
        self.engine = engine
        self.workers = workers
        self.address = address
        self.out = out or settings.db
        self.input: Input = open_input(
            input_path, published=published, outlet=outlet, max_bytes=settings.max_document_bytes
        )
        if self.input.kind == "processed" and is_parquet_target(self.out):
            raise BatchError(
                f"{input_path} is already processed; load it into a database with --out DB"
            )
        self.pipeline = Pipeline(settings)
        self.report = BatchReport()
        self._pool: LocalPool | None = None
        self._sink: Sink | None = None
        self._plan: Plan | None = None

    def start(self) -> None:
        """Find what is left to do, then start the local engine's workers if anything is
        (``run`` does both when not done before).  Call it before starting any thread (a
        progress display): workers are then forked from this process with the pipeline loaded
        once, instead of each loading it (see ``local.py``)."""
        sink = self._open_sink()
        if self._plan is None and self.input.kind != "processed":
            self._plan = self._planned(sink)
            sink.idle()  # no database connection is carried into forked workers
        if self._pool is None and self._uses_local_pool() and self._plan and self._plan.any_left:
            from .local import LocalPool

            self._pool = LocalPool(self.settings, self._local_workers(), self.pipeline)

    def _uses_local_pool(self) -> bool:
        return (
            self.engine == "local" and self.input.kind != "processed" and self._local_workers() > 0
        )

    def _local_workers(self) -> int:
        return self.workers if self.workers is not None else (os.cpu_count() or 1)

    @property
    def writes_parquet(self) -> bool:
        return is_parquet_target(self.out)

    def count(self) -> int:
        """How many documents the input holds (cheap; for a progress bar)."""
        return self.input.count()

    def run(self) -> Iterator[Committed]:
        """Run the batch, yielding one outcome per input document as it is stored."""
        self.report = BatchReport()
        sink = self._open_sink()
        try:
            if self.input.kind == "processed":
                yield from self._load(sink)
            else:
                if self._plan is None:
                    self._plan = self._planned(sink)
                yield from self._process(sink, self._plan)
        finally:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
            sink.close()
            self._sink = self._plan = None
            self.report.seconds = time.monotonic() - self.report.started

    def _open_sink(self) -> Sink:
        if self._sink is None:
            if self.writes_parquet:
                self._sink = ParquetSink(self.out)
            else:
                self._sink = StoreSink(Store(self.out), self.pipeline)
        return self._sink

    # loading processed documents -------------------------------------------------------------
    def _load(self, sink: Sink) -> Iterator[Committed]:
        def rows() -> Iterator[Processed | Committed]:
            for row in self.input.rows():
                doc_key = row.get("doc_key")
                if row.get("status") == "ok" and doc_key and sink.is_done(doc_key):
                    yield self.report.add(Committed(row["source"], "done"))
                else:
                    self.report.processed += 1
                    yield row_to_processed(row)

        return self._in_groups(sink, rows())

    # processing articles ---------------------------------------------------------------------
    def _planned(self, sink: Sink) -> Plan:
        """What is left to do: with a target that holds documents, every input is cleaned and
        its content key looked up (a chunk at a time); one stored before, or that cannot be
        read or is not English, is decided here, and only the others go to the workers."""
        if sink.is_empty():
            return Plan(None, {})
        todo = bytearray()
        decided: dict[int, Skipped | str] = {}
        pending: list[tuple[int, str, str]] = []  # (index, source, doc_key)
        for index, doc in enumerate(self.input.documents()):
            todo.append(0)
            article = doc if isinstance(doc, Skipped) else clean_document(doc)
            if isinstance(article, Skipped):
                decided[index] = article
            else:
                pending.append((index, doc.source, article.doc_key))
            if len(pending) >= LOOKUP_CHUNK:
                self._look_up(sink, pending, todo, decided)
                pending = []
        self._look_up(sink, pending, todo, decided)
        return Plan(todo, decided)

    @staticmethod
    def _look_up(
        sink: Sink,
        pending: list[tuple[int, str, str]],
        todo: bytearray,
        decided: dict[int, Skipped | str],
    ) -> None:
        done = sink.done_among([key for _, _, key in pending]) if pending else set()
        for index, source, key in pending:
            if key in done:
                decided[index] = source
            else:
                todo[index] = 1

    def _process(self, sink: Sink, plan: Plan) -> Iterator[Committed]:
        todo = plan.todo
        if todo is not None:
            for index in sorted(plan.decided):
                decision = plan.decided[index]
                if isinstance(decision, Skipped):
                    yield self._fail(sink, decision)
                else:
                    yield self.report.add(Committed(decision, "done"))
            if not plan.any_left:
                return
        early: deque[Committed] = deque()

        def feed() -> Iterator[RawDocument]:
            for i, doc in enumerate(self.input.documents()):
                if todo is not None and i < len(todo) and not todo[i]:
                    continue
                if isinstance(doc, Skipped):
                    early.append(self._fail(sink, doc))
                    continue
                self.report.processed += 1
                yield doc

        def results() -> Iterator[Processed | Committed]:
            for processed in self._engine(feed()):
                while early:
                    yield early.popleft()
                yield processed
            while early:
                yield early.popleft()

        yield from self._in_groups(sink, results())

    def _in_groups(self, sink: Sink, items: Iterator[Processed | Committed]) -> Iterator[Committed]:
        """Put processed documents COMMIT_GROUP at a time, in order; an outcome already decided
        (done before, failed on reading) passes through, after the group before it."""
        group: list[Processed] = []
        for item in items:
            if isinstance(item, Committed):
                yield from self._put_many(sink, group)
                group = []
                yield item
                continue
            group.append(item)
            if len(group) >= COMMIT_GROUP:
                yield from self._put_many(sink, group)
                group = []
        yield from self._put_many(sink, group)

    def _engine(self, raws: Iterator[RawDocument]) -> Iterator[Processed]:
        if self.engine == "ray":
            from .ray_engine import process_ray

            return process_ray(raws, self.settings, self.workers, self.address)
        from .local import process_local

        pool, self._pool = self._pool, None  # process_local closes it
        return process_local(raws, self.settings, self._local_workers(), pool)

    def _fail(self, sink: Sink, skipped: Skipped) -> Committed:
        """A document refused before processing (unreadable, or in another language: that
        one is kept with its text by the sink and counted apart, never as failed)."""
        sink.record_failure(skipped)
        status = "skipped" if isinstance(skipped, NotEnglish) else "failed"
        outcome = Committed(skipped.source, status, reason=f"{skipped.stage}: {skipped.reason}")
        return self.report.add(outcome, skipped)

    def _put_many(self, sink: Sink, group: list[Processed]) -> list[Committed]:
        if not group:
            return []
        try:
            outcomes = sink.put_many(group)
        except Exception:  # a store error: each document is tried alone, so it fails alone
            return [self._put(sink, processed) for processed in group]
        return [
            self.report.add(outcome, processed.skipped)
            for processed, outcome in zip(group, outcomes, strict=True)
        ]

    def _put(self, sink: Sink, processed: Processed) -> Committed:
        try:
            outcome = sink.put(processed)
        except Exception as exc:  # a store error fails this document only
            failure = Skipped(processed.source, "store", f"{type(exc).__name__}: {exc}")
            return self.report.add(
                Committed(processed.source, "failed", reason=failure.reason), failure
            )
        return self.report.add(outcome, processed.skipped)


@dataclass
class Plan:
    """A batch's first pass over a target that holds documents: ``todo[i]`` is 1 for an input
    to process; ``decided`` holds the others by input number (the source of one stored before,
    or why one cannot be processed).  ``todo`` None: a new target, everything to process."""

    todo: bytearray | None
    decided: dict[int, Skipped | str]

    @property
    def any_left(self) -> bool:
        return self.todo is None or any(self.todo)


def run_batch(input_path: str, settings: Settings, **options: object) -> BatchReport:
    """Run a whole batch (see :class:`Batch` for the options) and return its report."""
    batch = Batch(input_path, settings, **options)  # type: ignore[arg-type]
    for _ in batch.run():
        pass
    return batch.report
