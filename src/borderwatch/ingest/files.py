"""Read ``.txt``, ``.md``, ``.html`` and ``.jsonl`` files and directories of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from ..model import RawDocument, Skipped
from .base import Defaults
from .jsonl import iter_jsonl

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUPPORTED = (*MEDIA_TYPES, *JSONL_SUFFIXES)


def iter_path(item: str, defaults: Defaults, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    """Yield documents under ``item``: a file, or every supported file below a directory."""
    path = Path(item)
    if not path.exists():
        yield Skipped(item, "ingest", "no such file or directory")
        return
    if not path.is_dir():
        yield from read_path(path, defaults, max_bytes)
        return
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
    if not files:
        yield Skipped(item, "ingest", "directory holds no .txt, .md, .html or .jsonl files")
    for child in files:
        yield from read_path(child, defaults, max_bytes)


def read_path(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    """One file: a JSONL dump gives one document per line, any other file one document."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from iter_jsonl(path, defaults, max_bytes)
    else:
        yield read_file(path, defaults, max_bytes)


def read_file(path: Path, defaults: Defaults, max_bytes: int) -> RawDocument | Skipped:
    """Read one file, refusing unsupported, oversized and unreadable ones with a reason.

    The size is checked before reading, and the read is bounded, so that a huge file is never
    loaded into memory.
    """
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        return Skipped(str(path), "ingest", f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size <= max_bytes:
            with path.open("rb") as handle:  # a bounded read: device files report size 0
                content = handle.read(max_bytes + 1)
            size = max(size, len(content))
    except OSError as exc:
        return Skipped(str(path), "ingest", f"cannot read file ({exc.strerror or exc})")
    if size > max_bytes:
        return Skipped(str(path), "ingest", f"file is {size:,} bytes, over the {max_bytes:,} limit")
    return RawDocument(str(path), content, media_type, **asdict(defaults))
