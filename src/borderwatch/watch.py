"""Watch: poll feeds and pages, ingest only what is new, and survive a kill at any point.

Crash safety comes from the order of writes, not from locks.  A page is marked seen only after its
document is committed (one transaction), and a feed's ETag/Last-Modified are kept only after every
entry it lists is done.  A kill before a commit loses nothing: the page is fetched again next
cycle.  A kill between a commit and the mark duplicates nothing: the same text has the same
content key and is "unchanged".  The state lives in the store (one transaction per mark), so
watchers sharing a database share it and a crash never leaves half a write.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from .errors import BorderwatchError
from .ingest import Defaults, Fetched, Fetcher, FetchError, NotAFeed, fetch_entry, parse_feed
from .ingest.feeds import looks_like_feed
from .ingest.web import page_document
from .model import RawDocument, Skipped
from .pipeline import Pipeline
from .settings import Settings
from .store import Store, is_unavailable, one_line

INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 60}
# After a cycle the database could not serve, the next try comes this many seconds later,
# doubling with each failed try up to the polling interval (SQLite's busy timeout is 30 s).
BACKOFF_FIRST = 5.0

log = logging.getLogger(__name__)


class WatchError(BorderwatchError):
    """The feeds file, the interval or the watch state is unusable."""


@dataclass(frozen=True)
class WatchSource:
    """One address to poll: a ``feed`` (must be RSS/Atom) or a ``page`` (a feed is read too)."""

    url: str
    kind: str
    name: str
    outlet: str | None = None


def parse_interval(text: str) -> float:
    """Seconds in an interval such as ``90s``, ``15m``, ``1h`` (a bare number is minutes)."""
    match = INTERVAL.match(text)
    if not match or float(match.group(1)) <= 0:
        raise WatchError(f"{text!r} is not an interval; use e.g. 30s, 15m or 1h")
    return float(match.group(1)) * UNIT_SECONDS[match.group(2).lower()]


def load_sources(path: str | Path) -> list[WatchSource]:
    """The sources listed in a feeds file (``sources:`` a list of ``feed:``/``url:`` entries)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise WatchError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise WatchError(f"{path} is not valid YAML: {str(exc).splitlines()[0]}") from exc
    items = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise WatchError(f"{path}: expected a non-empty list under 'sources:'")
    return [_source(item, f"{path}: source {n}") for n, item in enumerate(items, 1)]


def _source(item: Any, where: str) -> WatchSource:
    if isinstance(item, str):
        item = {"url": item}
    if not isinstance(item, dict):
        raise WatchError(f"{where}: expected 'feed: URL' or 'url: URL'")
    kind = "feed" if "feed" in item else "page"
    url = item.get(kind if kind == "feed" else "url")
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        raise WatchError(f"{where}: {url!r} is not an http(s) address")
    outlet = item.get("outlet")
    return WatchSource(url, kind, str(item.get("name") or url), outlet and str(outlet))


class WatchState:
    """Seen URLs, their validators (ETag, Last-Modified) and each source's last poll, kept in the
    store (so watchers sharing a database share them); callers use ``get``, ``mark`` and
    ``status``.  A state file of an older version (JSON beside the database) is taken over once
    by :meth:`import_file` and renamed ``*.imported``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, url: str) -> tuple[str | None, str | None, bool]:
        """``(etag, last_modified, seen)`` for ``url``; ``(None, None, False)`` if never marked."""
        return self.store.watch_get(url)

    def mark(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> None:
        """Record ``url`` as done (with its validators), in one transaction."""
        self.store.watch_mark(url, etag=etag, last_modified=last_modified)

    def status(self, url: str, status: str, error: str | None = None) -> None:
        """Record how polling a source went."""
        self.store.watch_status(url, status, error)

    def import_file(self, path: str | Path) -> int:
        """Take over an old JSON state file once (then renamed ``*.imported``); the number of
        URLs it added, 0 when there is no such file."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return 0
        except (OSError, ValueError) as exc:
            raise WatchError(f"cannot read watch state {path}: {exc}") from exc
        urls = data.get("urls") if isinstance(data, dict) else None
        if not isinstance(urls, dict):
            raise WatchError(f"watch state {path} is not a Borderwatch state file")
        entries = [(u, e) for u, e in urls.items() if isinstance(e, dict)]
        added = self.store.watch_import(entries)
        os.replace(path, path.with_name(f"{path.name}.imported"))
        return added


def state_path_for(db: str) -> Path:
    """Where older versions kept the state file: beside a SQLite database, else in the working
    directory."""
    if "://" in db:
        return Path("borderwatch.watch.json")
    return Path(db).expanduser().with_suffix(".watch.json")


@dataclass
class CycleReport:
    """What one polling cycle did; ``line()`` is the log line."""

    number: int
    started: datetime
    sources: int = 0
    not_modified: int = 0
    new_documents: int = 0
    unchanged: int = 0
    skipped: int = 0  # kept in another language, not processed
    events_touched: int = 0
    new_events: int = 0
    errors: list[str] = field(default_factory=list)
    store_unavailable: bool = False  # the database was locked or out of reach: back off

    def line(self) -> str:
        return (
            f"{self.started:%Y-%m-%d %H:%M:%S} cycle {self.number}: "
            f"{self.new_documents} new documents, {self.new_events} new events "
            f"({self.events_touched} touched), {len(self.errors)} errors; "
            f"{self.sources} sources, {self.not_modified} not modified, "
            f"{self.unchanged} unchanged, {self.skipped} skipped (not English)"
        )


class Watcher:
    """Polls its sources one cycle at a time; use as a context manager (it holds a client)."""

    def __init__(
        self,
        sources: list[WatchSource],
        *,
        pipeline: Pipeline,
        store: Store,
        state: WatchState,
        fetcher: Fetcher,
    ) -> None:
        self.sources = sources
        self.pipeline = pipeline
        self.store = store
        self.state = state
        self.fetcher = fetcher

    @classmethod
    def open(
        cls,
        feeds_file: str | Path,
        *,
        settings: Settings,
        store: Store,
        state_path: str | Path | None = None,
        allow_private: bool = False,
        allowed_ports: tuple[int, ...] = (),
    ) -> Watcher:
        """A watcher for the sources in ``feeds_file``, its state in the store (an old state
        file, ``state_path`` or the default one, is imported once)."""
        sources = load_sources(feeds_file)
        state = WatchState(store)
        state.import_file(state_path or state_path_for(settings.db))
        fetcher = Fetcher(
            max_bytes=settings.max_document_bytes,
            allow_private=allow_private,
            allowed_ports=allowed_ports,
        )
        return cls(sources, pipeline=Pipeline(settings), store=store, state=state, fetcher=fetcher)

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.fetcher.close()

    def run(
        self,
        *,
        every: float,
        once: bool = False,
        on_cycle: Callable[[CycleReport], None] = lambda _report: None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> CycleReport:
        """Run cycles ``every`` seconds apart (start to start) until killed, or one if ``once``.

        A cycle the database cannot serve (locked past its busy timeout, unreachable) is logged
        as an error and tried again after a backoff (``BACKOFF_FIRST`` doubling up to ``every``),
        so a monitor outlives a long write by another process or a database restart."""
        number = 0
        failures = 0
        while True:
            number += 1
            began = time.monotonic()
            report = self._guarded_cycle(number, on_cycle)
            if once:
                return report
            failures = failures + 1 if report.store_unavailable else 0
            wait = every - (time.monotonic() - began)
            if failures:
                wait = min(every, BACKOFF_FIRST * 2 ** (failures - 1))
            sleep(max(0.0, wait))

    def _guarded_cycle(self, number: int, on_cycle: Callable[[CycleReport], None]) -> CycleReport:
        """One cycle and its callback; a database that is out of reach ends the cycle with an
        error line instead of ending the watch (anything else is a bug and propagates)."""
        try:
            report = self.cycle(number)
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            report = CycleReport(number, datetime.now(UTC), sources=len(self.sources))
            report.errors.append(f"store: database unavailable ({one_line(exc)}); retrying")
            report.store_unavailable = True
        try:
            on_cycle(report)
        except Exception as exc:  # the callback (alert delivery) reads the store too
            if not is_unavailable(exc):
                raise
            log.warning("after cycle %d: database unavailable (%s)", number, one_line(exc))
            report.store_unavailable = True
        return report

    def cycle(self, number: int = 1) -> CycleReport:
        """Poll every source once; a failing source is an error line, never the end of a cycle."""
        report = CycleReport(number, datetime.now(UTC), sources=len(self.sources))
        before = self.store.count_events()
        for source in self.sources:
            self._poll(source, report)
        report.new_events = max(0, self.store.count_events() - before)
        return report

    def _poll(self, source: WatchSource, report: CycleReport) -> None:
        """Fetch a source conditionally; keep its validators once everything it lists is done."""
        etag, last_modified, _seen = self.state.get(source.url)
        try:
            fetched = self.fetcher.get(source.url, etag=etag, last_modified=last_modified)
        except FetchError as exc:
            report.errors.append(f"{source.url}: fetch: {exc}")
            self.state.status(source.url, "error", str(exc))
            return
        if fetched.status == 304:
            report.not_modified += 1
            self.state.status(source.url, "not modified")
            return
        if source.kind == "feed" or looks_like_feed(fetched.content, fetched.media_type):
            done = self._read_feed(source, fetched, report)
        else:
            done = self._ingest(page_document(source.url, fetched, _defaults(source)), report)
        if done:
            self.state.mark(source.url, etag=fetched.etag, last_modified=fetched.last_modified)
        self.state.status(source.url, "ok" if done else "incomplete")

    def _read_feed(self, source: WatchSource, fetched: Fetched, report: CycleReport) -> bool:
        """Ingest the entries not seen before; False if any must be retried next cycle."""
        try:
            entries = parse_feed(fetched.content, fetched.url)
        except NotAFeed as exc:
            report.errors.append(f"{source.url}: feed: {exc}")
            return False
        complete = True
        for entry in entries:
            if self.state.get(entry.link)[2]:
                continue
            if self._ingest(fetch_entry(entry, self.fetcher, _defaults(source)), report):
                self.state.mark(entry.link)
            else:
                complete = False
        return complete

    def _ingest(self, raw: RawDocument | Skipped, report: CycleReport) -> bool:
        """Store one document; False when it is worth another try next cycle (fetching failed,
        or the database was locked or out of reach)."""
        retry = isinstance(raw, Skipped) and raw.stage == "fetch"
        for outcome in self.pipeline.ingest(self.store, [raw]):
            if outcome.status == "stored":
                report.new_documents += 1
                report.events_touched += outcome.events
            elif outcome.status == "unchanged":
                report.unchanged += 1
            elif outcome.status == "skipped":
                report.skipped += 1
            else:
                report.errors.append(f"{outcome.source}: {outcome.reason}")
                retry = retry or outcome.retry
        return not retry


def _defaults(source: WatchSource) -> Defaults:
    return Defaults(outlet=source.outlet)
