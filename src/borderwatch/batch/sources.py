"""What a batch reads: a directory or a file of articles (through ``ingest.read_inputs``, which
reads ``.txt``/``.md``/``.html`` files and ``.jsonl`` dumps), a Parquet dataset of articles (one
row per article), or a Parquet dataset of processed documents written by an earlier batch with
``--out DIR.parquet`` (loaded into the store without processing again).

Parquet rows of articles have the fields of a JSONL record -- ``text`` (or ``html``) and optional
``title``, ``url``, ``published``, ``outlet`` -- and are read the same way, so a row and a line
with the same values give the same document.  Each is named ``FILE:ROW`` in messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import BorderwatchError
from ..ingest import Defaults, read_inputs
from ..ingest.jsonl import record_document
from ..model import RawDocument, Skipped

PROCESSED_MARK = b"borderwatch"  # schema metadata key of a processed-documents dataset
PROCESSED_VERSION = b"processed/1"
RECORD_COLUMNS = ("text", "html", "title", "url", "published", "outlet", "language")
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
LINE_SUFFIXES = {".jsonl", ".ndjson"}


class BatchError(BorderwatchError):
    """A batch cannot run at all (bad input, missing engine, workers that cannot start)."""


def pyarrow_parquet() -> Any:
    """``pyarrow.parquet``, or a clear error naming the extra that installs it."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise BatchError(
            "Parquet needs pyarrow; install it with: pip install 'borderwatch[ray]'"
        ) from exc
    return pq


def parquet_files(path: Path) -> list[Path]:
    """The ``.parquet`` files of a dataset: the file itself, or every one below a directory."""
    if path.is_file():
        return [path] if path.suffix.lower() == ".parquet" else []
    if path.is_dir():
        return sorted(p for p in path.rglob("*.parquet") if p.is_file() and _visible(p, path))
    return []


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


@dataclass(frozen=True)
class Input:
    """One batch input and what kind it is: ``documents``, ``parquet`` or ``processed``."""

    path: str
    kind: str
    published: date | None = None
    outlet: str | None = None
    max_bytes: int = 5_000_000

    def count(self) -> int:
        """How many documents (or rows) the input holds, cheaply (for the progress bar)."""
        if self.kind in ("parquet", "processed"):
            pq = pyarrow_parquet()
            return sum(pq.ParquetFile(f).metadata.num_rows for f in parquet_files(Path(self.path)))
        root = Path(self.path)
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        total = 0
        for f in files:
            suffix = f.suffix.lower()
            if suffix in LINE_SUFFIXES and f.is_file():
                with f.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix in DOCUMENT_SUFFIXES or not root.is_dir():
                total += 1
        return total

    def documents(self) -> Iterator[RawDocument | Skipped]:
        """The input's articles as raw documents (or ``Skipped`` ones with a reason)."""
        if self.kind == "documents":
            yield from read_inputs(
                [self.path], published=self.published, outlet=self.outlet, max_bytes=self.max_bytes
            )
        elif self.kind == "parquet":
            yield from self._parquet_documents()
        else:
            raise BatchError(f"{self.path} holds processed documents, not articles")

    def rows(self) -> Iterator[dict[str, Any]]:
        """Rows of a processed-documents dataset, in the order they were written."""
        pq = pyarrow_parquet()
        for f in parquet_files(Path(self.path)):
            for batch in pq.ParquetFile(f).iter_batches(batch_size=256):
                yield from batch.to_pylist()

    def _parquet_documents(self) -> Iterator[RawDocument | Skipped]:
        pq = pyarrow_parquet()
        defaults = Defaults(published=self.published, outlet=self.outlet)
        for f in parquet_files(Path(self.path)):
            parquet = pq.ParquetFile(f)
            present = set(parquet.schema_arrow.names)
            columns = [c for c in RECORD_COLUMNS if c in present]
            if "text" not in present and "html" not in present:
                yield Skipped(str(f), "ingest", "Parquet file has no 'text' or 'html' column")
                continue
            number = 0
            for batch in parquet.iter_batches(batch_size=256, columns=columns):
                for row in batch.to_pylist():
                    number += 1
                    yield self._record(row, f"{f}:{number}", defaults)

    def _record(
        self, row: dict[str, Any], source: str, defaults: Defaults
    ) -> RawDocument | Skipped:
        size = sum(len(v.encode()) for k, v in row.items() if k in ("text", "html") and v)
        if size > self.max_bytes:
            return Skipped(source, "ingest", f"record is over the {self.max_bytes:,}-byte limit")
        # A row is read exactly as the same record on a JSONL line would be.
        return record_document(json.dumps(row, default=str).encode(), source, defaults)


def open_input(
    path: str, *, published: date | None = None, outlet: str | None = None, max_bytes: int
) -> Input:
    """Classify ``path``: a Parquet dataset (of articles or of processed documents), or files
    and directories that ``ingest`` reads."""
    where = Path(path)
    if not where.exists():
        raise BatchError(f"{path}: no such file or directory")
    files = parquet_files(where)
    if not files:
        return Input(path, "documents", published, outlet, max_bytes)
    pq = pyarrow_parquet()
    marks = {(pq.read_schema(f).metadata or {}).get(PROCESSED_MARK) for f in files}
    if marks == {PROCESSED_VERSION}:
        return Input(path, "processed", published, outlet, max_bytes)
    if PROCESSED_VERSION in marks:
        raise BatchError(f"{path} mixes processed documents with articles; keep them apart")
    return Input(path, "parquet", published, outlet, max_bytes)
