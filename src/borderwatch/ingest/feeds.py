"""RSS and Atom feeds: which pages a feed lists, with each entry's title and date.

Feeds carry summaries, not articles, so each entry's page is fetched and read like any page; the
entry's date is kept as the publication date for pages that state none.  feedparser is given the
bytes already fetched (never a URL or a path), so it cannot reach the network by itself.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin

from .guard import FetchError

# The first elements of a feed document, for servers that send feeds as text/html or text/plain.
FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
HTML_START = re.compile(rb"<(?:!doctype\s+html|html)\b", re.I)


class NotAFeed(FetchError):
    """The document at a feed address is not RSS or Atom (an HTML page, an error page...)."""


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str | None = None
    published: date | None = None


def looks_like_feed(content: bytes, media_type: str) -> bool:
    """True when a response is a feed by its declared type or by its first element."""
    head = content[:2048]
    if HTML_START.search(head):
        return False
    return media_type in {"application/rss+xml", "application/atom+xml"} or bool(
        FEED_START.search(head)
    )


def parse_feed(content: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom document, with absolute links; ``NotAFeed`` for anything else."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(content), response_headers={"content-location": base_url})
    if not parsed.get("version"):
        kind = "an HTML page" if HTML_START.search(content[:2048]) else "unreadable"
        raise NotAFeed(f"not an RSS/Atom feed ({kind})")
    entries = []
    for item in parsed.get("entries", []):
        link = _link(item, base_url)
        if link:
            entries.append(FeedEntry(link, _title(item), _entry_date(item)))
    return entries


def _link(item: Any, base_url: str) -> str | None:
    link = item.get("link")
    if not isinstance(link, str) or not link.strip():
        return None
    absolute = urljoin(base_url, link.strip())
    return absolute if absolute.startswith(("http://", "https://")) else None


def _title(item: Any) -> str | None:
    title = item.get("title")
    return " ".join(title.split()) or None if isinstance(title, str) else None


def _entry_date(item: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None
