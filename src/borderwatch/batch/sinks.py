"""Where processed documents go: the store (committed in the driver, a few documents per
transaction, fusion re-run once for them) or a Parquet dataset for a later bulk load.

Both know what is already done, so that a batch that was killed skips it when started again:
the store by content key (``Store.has_document``), a Parquet dataset by the keys in the parts
already written.  Parts are written whole (a temporary file renamed into place), so a kill loses
at most the documents of the part being gathered.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Protocol

from ..model import Skipped
from ..pipeline import Committed, Pipeline, Processed
from ..store import Store
from .codec import ROW_FIELDS, processed_to_row, row_schema
from .sources import PROCESSED_MARK, PROCESSED_VERSION, BatchError, parquet_files, pyarrow_parquet

PART_ROWS = 256  # documents per Parquet part
PART_SECONDS = 30.0  # ... or fewer, when gathering them takes longer than this


class Sink(Protocol):
    def is_empty(self) -> bool: ...
    def is_done(self, doc_key: str) -> bool: ...
    def done_among(self, doc_keys: list[str]) -> set[str]: ...
    def put(self, processed: Processed) -> Committed: ...
    def put_many(self, group: list[Processed]) -> list[Committed]: ...
    def record_failure(self, skipped: Skipped) -> None: ...
    def idle(self) -> None: ...
    def close(self) -> None: ...


class StoreSink:
    """Commit each processed document to the store, exactly as ``ingest`` does."""

    def __init__(self, store: Store, pipeline: Pipeline) -> None:
        self.store = store
        self.pipeline = pipeline

    def is_empty(self) -> bool:
        return self.store.document_count() == 0

    def is_done(self, doc_key: str) -> bool:
        return self.store.has_document(doc_key)

    def done_among(self, doc_keys: list[str]) -> set[str]:
        """Which of ``doc_keys`` are stored, in one lookup."""
        with self.store.transaction() as tx:
            return tx.stored_documents(doc_keys)

    def put(self, processed: Processed) -> Committed:
        return self.put_many([processed])[0]

    def put_many(self, group: list[Processed]) -> list[Committed]:
        """Commit a group in one transaction (see ``Pipeline.commit_many``)."""
        outcomes = self.pipeline.commit_many(self.store, group)
        for processed in group:
            if processed.skipped is not None:
                self.record_failure(processed.skipped)
        return outcomes

    def record_failure(self, skipped: Skipped) -> None:
        self.store.record_failure(skipped)

    def idle(self) -> None:
        """Close pooled connections (reopened when next needed): done before workers fork."""
        self.store.engine.dispose()
        self.store.writer.dispose()

    def close(self) -> None:
        self.store.engine.dispose()


def is_parquet_target(out: str) -> bool:
    """Whether ``--out`` names a Parquet dataset (a ``.parquet`` directory) rather than a store."""
    return "://" not in out and out.rstrip("/").lower().endswith(".parquet")


class ParquetSink:
    """Write processed documents as rows of Parquet parts under a ``.parquet`` directory."""

    def __init__(self, path: str) -> None:
        self.pq = pyarrow_parquet()
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise BatchError(f"{path} exists and is not a directory; give a new .parquet path")
        self.path.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        parts = parquet_files(self.path)
        for part in parts:
            if (self.pq.read_schema(part).metadata or {}).get(PROCESSED_MARK) != PROCESSED_VERSION:
                raise BatchError(f"{part} is not a part written by `borderwatch batch`")
            table = self.pq.read_table(part, columns=["doc_key", "status"])
            self.done |= {
                r["doc_key"] for r in table.to_pylist() if r["status"] == "ok" and r["doc_key"]
            }
        self.next_part = len(parts)
        self.rows: list[dict[str, str | None]] = []
        self.since = time.monotonic()

    def is_empty(self) -> bool:
        return not self.done

    def is_done(self, doc_key: str) -> bool:
        return doc_key in self.done

    def done_among(self, doc_keys: list[str]) -> set[str]:
        return self.done.intersection(doc_keys)

    def put(self, processed: Processed) -> Committed:
        row = processed_to_row(processed)
        self.rows.append(row)
        if len(self.rows) >= PART_ROWS or time.monotonic() - self.since > PART_SECONDS:
            self.flush()
        if processed.skipped is not None or processed.article is None:
            return Committed(processed.source, "failed", reason=f"{row['stage']}: {row['reason']}")
        self.done.add(processed.article.doc_key)
        return Committed(processed.source, "written", mentions=len(processed.mentions))

    def put_many(self, group: list[Processed]) -> list[Committed]:
        return [self.put(processed) for processed in group]

    def record_failure(self, skipped: Skipped) -> None:
        self.put(Processed(skipped.source, skipped=skipped))

    def flush(self) -> None:
        self.since = time.monotonic()
        if not self.rows:
            return
        import pyarrow as pa

        schema = row_schema({PROCESSED_MARK: PROCESSED_VERSION})
        table = pa.table({k: [r[k] for r in self.rows] for k in ROW_FIELDS}, schema=schema)
        final = self.path / f"part-{self.next_part:06d}.parquet"
        temporary = self.path / f".{final.name}.tmp"
        self.pq.write_table(table, temporary)
        os.replace(temporary, final)
        self.next_part += 1
        self.rows = []

    def idle(self) -> None:
        pass

    def close(self) -> None:
        self.flush()
