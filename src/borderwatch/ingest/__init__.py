"""Ingest: turn paths (files, directories) into ``RawDocument`` records, or ``Skipped`` ones.

One module per source kind; this front function dispatches on what each input is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ..model import RawDocument, Skipped
from .files import iter_path

__all__ = ["read_inputs"]


def read_inputs(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    max_bytes: int = 5_000_000,
) -> Iterator[RawDocument | Skipped]:
    """Yield one record per document found in ``inputs`` (files or directories, recursively).

    ``published``/``outlet``/``url`` are defaults for documents that carry none of their own.
    A problem with one input yields a ``Skipped`` naming it; the others go on.
    """
    for item in inputs:
        if item.startswith(("http://", "https://")):
            yield Skipped(
                item, "ingest", "URLs are not supported yet; save the page and pass the file"
            )
            continue
        yield from iter_path(item, published=published, outlet=outlet, url=url, max_bytes=max_bytes)
