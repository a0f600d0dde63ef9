"""Read URLs: a page becomes one document; a feed becomes one document per entry's page."""

from __future__ import annotations

import codecs
from collections.abc import Iterator

from ..model import RawDocument, Skipped
from .base import Defaults
from .feeds import FeedEntry, NotAFeed, looks_like_feed, parse_feed
from .fetch import PAGE_TYPES, Fetched, Fetcher
from .guard import FetchError


def read_url(url: str, fetcher: Fetcher, defaults: Defaults) -> Iterator[RawDocument | Skipped]:
    """Fetch ``url``; yield its page, or every entry's page when it is an RSS/Atom feed."""
    try:
        fetched = fetcher.get(url)
    except FetchError as exc:
        yield Skipped(url, "fetch", str(exc))
        return
    if looks_like_feed(fetched.content, fetched.media_type):
        yield from read_feed(url, fetched, fetcher, defaults)
    else:
        yield page_document(url, fetched, defaults)


def read_feed(
    url: str, fetched: Fetched, fetcher: Fetcher, defaults: Defaults
) -> Iterator[RawDocument | Skipped]:
    """Every entry's page of an already fetched feed (a broken feed is one ``Skipped``)."""
    try:
        entries = parse_feed(fetched.content, fetched.url)
    except NotAFeed as exc:
        yield Skipped(url, "feed", str(exc))
        return
    if not entries:
        yield Skipped(url, "feed", "feed lists no entries with links")
    for entry in entries:
        yield fetch_entry(entry, fetcher, defaults)


def fetch_entry(entry: FeedEntry, fetcher: Fetcher, defaults: Defaults) -> RawDocument | Skipped:
    """One feed entry's page; the entry's date and title fill in what the page lacks."""
    entry_defaults = defaults.override(published=entry.published, title=entry.title)
    return fetch_page(entry.link, fetcher, entry_defaults)


def fetch_page(url: str, fetcher: Fetcher, defaults: Defaults) -> RawDocument | Skipped:
    """Fetch one page as a document; any problem becomes a ``Skipped`` naming the URL."""
    try:
        return fetch_article(url, fetcher, defaults)
    except FetchError as exc:
        return Skipped(url, "fetch", str(exc))


def fetch_article(url: str, fetcher: Fetcher, defaults: Defaults) -> RawDocument:
    """Fetch one article page as a document, or raise ``FetchError`` (``URLRefused`` when the
    guard will not read the URL, or a redirect, at all): for callers that answer at once."""
    fetched = fetcher.get(url)
    if looks_like_feed(fetched.content, fetched.media_type):
        raise FetchError("expected an article page, got an RSS/Atom feed")
    page = page_document(url, fetched, defaults)
    if isinstance(page, Skipped):
        raise FetchError(page.reason)
    return page


def page_document(source: str, fetched: Fetched, defaults: Defaults) -> RawDocument | Skipped:
    """A fetched page as a ``RawDocument`` (cleaning decides later whether it holds an article)."""
    media_type = PAGE_TYPES.get(fetched.media_type) or _sniff_media_type(
        fetched.content, fetched.media_type
    )
    if media_type is None:
        return Skipped(source, "fetch", f"not a page ({fetched.media_type or 'no content type'})")
    return RawDocument(
        source=source,
        content=_as_utf8(fetched.content, fetched.charset),
        media_type=media_type,
        published=defaults.published,
        outlet=defaults.outlet,
        url=fetched.url,
        title=defaults.title,
    )


def _sniff_media_type(content: bytes, declared: str) -> str | None:
    """Servers that send no type, or a generic XML one: HTML if it looks like HTML; untyped
    bodies are read as plain text (cleaning refuses binary ones)."""
    head = content[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head or b"<body" in head:
        return "text/html"
    return "text/plain" if not declared else None


def _as_utf8(content: bytes, charset: str | None) -> bytes:
    """Re-encode a body whose declared charset is not UTF-8 (clean reads UTF-8 first).

    Servers often declare ISO-8859-1 for UTF-8 pages, so the declaration is only believed when
    the bytes are not valid UTF-8.
    """
    if not charset:
        return content
    try:
        content.decode("utf-8")
        return content
    except UnicodeDecodeError:
        pass
    try:
        codecs.lookup(charset)
    except LookupError:
        return content
    return content.decode(charset, errors="replace").encode("utf-8")
