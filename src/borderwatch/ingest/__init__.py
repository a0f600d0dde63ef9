"""Ingest: turn inputs (files, directories, JSONL dumps, URLs, feeds) into ``RawDocument`` records,
or ``Skipped`` ones naming the input and the reason.

One module per source kind; this front function dispatches on what each input is.  Readers never
raise for a bad input: one bad file, record or URL yields a ``Skipped`` and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import date

from ..model import RawDocument, Skipped
from .base import Defaults
from .feeds import FeedEntry, NotAFeed, parse_feed
from .fetch import Fetched, Fetcher
from .files import iter_path
from .guard import FetchError, URLRefused
from .web import fetch_article, fetch_entry, fetch_page, read_url

__all__ = [
    "Defaults",
    "FeedEntry",
    "FetchError",
    "Fetched",
    "Fetcher",
    "NotAFeed",
    "URLRefused",
    "fetch_article",
    "fetch_entry",
    "fetch_page",
    "parse_feed",
    "read_inputs",
]


def read_inputs(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    max_bytes: int = 5_000_000,
    allow_private: bool = False,
    allowed_ports: Iterable[int] = (),
    fetcher: Fetcher | None = None,
) -> Iterator[RawDocument | Skipped]:
    """Yield one record per document found in ``inputs``: files, directories (recursively),
    JSONL dumps (one record per line), page URLs and RSS/Atom feed URLs (each entry's page).

    ``published``/``outlet``/``url`` are defaults for documents that carry none of their own.
    URLs on private, loopback or link-local addresses are refused unless ``allow_private``, and
    ports other than 80 and 443 unless listed in ``allowed_ports`` (or ``allow_private``).
    A problem with one input yields a ``Skipped`` naming it; the others go on.
    """
    defaults = Defaults(published=published, outlet=outlet, url=url)
    with ExitStack() as stack:
        for item in inputs:
            if not item.lower().startswith(("http://", "https://")):
                yield from iter_path(item, defaults, max_bytes)
                continue
            if fetcher is None:
                fetcher = stack.enter_context(
                    Fetcher(
                        max_bytes=max_bytes,
                        allow_private=allow_private,
                        allowed_ports=allowed_ports,
                    )
                )
            yield from read_url(item, fetcher, Defaults(published=published, outlet=outlet))
