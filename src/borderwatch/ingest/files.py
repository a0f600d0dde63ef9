"""Read ``.txt``, ``.md`` and ``.html`` files and directories of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import RawDocument, Skipped

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}


def iter_path(
    item: str,
    *,
    published: date | None,
    outlet: str | None,
    url: str | None,
    max_bytes: int,
) -> Iterator[RawDocument | Skipped]:
    """Yield documents under ``item``: a file, or every supported file below a directory."""
    path = Path(item)
    if not path.exists():
        yield Skipped(item, "ingest", "no such file or directory")
        return
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in MEDIA_TYPES
        )
        if not files:
            yield Skipped(item, "ingest", "directory holds no .txt, .md or .html files")
        for child in files:
            yield read_file(child, published=published, outlet=outlet, url=url, max_bytes=max_bytes)
        return
    yield read_file(path, published=published, outlet=outlet, url=url, max_bytes=max_bytes)


def read_file(
    path: Path,
    *,
    published: date | None,
    outlet: str | None,
    url: str | None,
    max_bytes: int,
) -> RawDocument | Skipped:
    """Read one file, refusing unsupported, oversized and unreadable ones with a reason."""
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        return Skipped(str(path), "ingest", f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(
                str(path), "ingest", f"file is {size:,} bytes, over the {max_bytes:,} limit"
            )
        content = path.read_bytes()
    except OSError as exc:
        return Skipped(str(path), "ingest", f"cannot read file ({exc.strerror or exc})")
    return RawDocument(
        source=str(path),
        content=content,
        media_type=media_type,
        published=published,
        outlet=outlet,
        url=url,
    )
