"""Store: the only code that touches the database (SQLite by default, PostgreSQL by URL).

SQLAlchemy Core over a schema kept by Alembic migrations (``store/migrations``).  SQLite runs in
WAL mode so the dashboard can read while an ingest writes.  Every document is written in one
transaction together with its mentions and the events they change (``Transaction``), so a crash
never leaves a document half-stored, and a document already stored (same content key) is skipped.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreConflict, StoreError
from ..model import Skipped
from . import backup
from .alert_store import AlertStore, PendingAlert
from .backup import Fingerprint, Progress
from .bulk import BulkLoader, Rows, rows_of
from .crossing_store import CrossingStore, drop_crossing_records, store_crossing_records
from .dashboard import DashboardView
from .dashboard_views import DashboardReads
from .event_detail import EventDetail, read_detail
from .failures import RETRYABLE_STAGES, clear_failures, list_failures, sources_failed_before
from .foreign import list_foreign
from .health import is_unavailable, one_line
from .query import EventFilter
from .review_store import ReviewConflict, ReviewError, ReviewStore, ReviewWriter
from .revision import fill_new_sqlite, is_current, newer_than_shipped, shipped_heads, upgrade
from .schema import documents, retired_events, revisions
from .searches import SavedSearch, SearchError
from .stored_json import loads
from .transaction import Decoded, MentionCache, NewDocument, Transaction, chunks, signature_cache
from .watch_store import WatchStore
from .window import SpanBound, end_bound, snapshot

__all__ = [
    "BulkLoader",
    "DashboardView",
    "EventDetail",
    "EventFilter",
    "Fingerprint",
    "NewDocument",
    "RETRYABLE_STAGES",
    "Rows",
    "PendingAlert",
    "ReviewConflict",
    "ReviewError",
    "ReviewWriter",
    "SavedSearch",
    "SearchError",
    "Store",
    "Transaction",
    "is_unavailable",
    "one_line",
    "rows_of",
    "database_url",
    "drop_crossing_records",
    "store_crossing_records",
]

# Any constant shared by every Borderwatch process: the advisory lock taken while migrating.
MIGRATION_LOCK_KEY = 0x626F7264
WRITE_LOCK_KEY = 0x626F7265
# Read connections kept open, and how many more may be opened (and closed again after use) at
# busy moments.  ``serve`` reads on up to ``serve.app.COMPUTE_THREADS`` (8) threads computing
# answers, ``serve.cache.REVISION_READERS`` (4) reading the store's revision, the answers'
# refresher and the alert delivery.  With SQLAlchemy's default (5 kept, 10 more opened per
# use) bench/load.py's threads waited in the pool's queue (mean 23 ms, p95 147, up to 840 ms)
# and opened a SQLite connection, PRAGMAs and all, for most reads beyond five at once.
READ_POOL_SIZE = 16
READ_POOL_OVERFLOW = 16


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL as given, else a SQLite file path."""
    if db.startswith("postgresql://"):
        return db.replace("postgresql://", "postgresql+psycopg://", 1)
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


class Store(AlertStore, WatchStore, CrossingStore, ReviewStore, DashboardReads):
    """A database of documents, mentions and events (and saved searches with their alerts);
    create with a path or a URL."""

    def __init__(self, db: str) -> None:
        self.url = database_url(db)
        self._decoded = MentionCache()
        self._signatures: Decoded[list[int]] = signature_cache()
        try:
            self.engine: Engine = _read_engine(self.url)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open database {db!r}: {exc}") from exc
        self.writer: Engine = self.engine
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            # writes take the database lock when they begin, not when they first write, so
            # two writers never both read a block and then both rewrite it
            self.writer = sa.create_engine(self.url, future=True)
            sa.event.listen(self.writer, "connect", _sqlite_pragmas)
            sa.event.listen(self.writer, "connect", _sqlite_manual_transactions)
            sa.event.listen(self.writer, "begin", _sqlite_begin_immediate)
        self.migrate()
        self._spans = SpanBound()

    def migrate(self) -> None:
        """Bring the schema up to date (Alembic migrations shipped in the package); a schema
        already current is seen in one query, and a new SQLite file is a copy of a migrated
        empty one, both without Alembic (``store.revision``)."""
        try:
            with self.engine.connect() as conn:
                if is_current(conn):
                    return
                newer = newer_than_shipped(conn)
            if newer:
                raise StoreError(
                    f"{self.url}: written by a newer Borderwatch (schema {', '.join(sorted(newer))}"
                    f", this one knows up to {', '.join(sorted(shipped_heads()))}); upgrade "
                    "Borderwatch to use it"
                )
            with self._migration_lock():
                if self._is_sqlite_file() and fill_new_sqlite(self.engine):
                    return
                with self.engine.begin() as conn:
                    if self.engine.dialect.name == "postgresql":
                        # writers starting together (batch workers, the API) migrate one at
                        # a time
                        conn.execute(
                            sa.text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": MIGRATION_LOCK_KEY},
                        )
                    upgrade(conn)
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open database {self.url}: {exc.orig}") from exc

    def _is_sqlite_file(self) -> bool:
        database = self.engine.url.database
        return self.engine.dialect.name == "sqlite" and bool(database) and database != ":memory:"

    def backup(self, path: Path, progress: Progress | None = None) -> Fingerprint:
        """A consistent copy of this store at ``path`` while others write (``store.backup``)."""
        return backup.backup(self.engine, path, progress)

    def restore(self, path: Path, progress: Progress | None = None) -> Fingerprint:
        """Replace this store with the backup ``path`` and check it against its manifest."""
        return backup.restore(self.engine, path, progress)

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """On SQLite, a lock file beside the database serialises concurrent migrations."""
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            yield
            return
        import fcntl

        lock_path = Path(f"{database}.migrate-lock")
        try:
            handle = lock_path.open("a")
        except OSError as exc:
            raise StoreError(f"cannot open database {self.url}: {exc}") from exc
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A write transaction.  Writers are serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL:
        an advisory lock), because re-fusion reads a block of events and rewrites it.  A
        document stored meanwhile by another writer raises :class:`StoreConflict`."""
        try:
            with self.writer.begin() as conn:
                if self.writer.dialect.name == "postgresql":
                    conn.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY}
                    )
                yield Transaction(conn, self._decoded, self._signatures)
        except sa.exc.IntegrityError as exc:
            raise StoreConflict(f"{self.url}: {exc.orig}") from exc

    def bulk_load(self) -> BulkLoader:
        """A writer of new events in bulk, a write transaction per block of rows
        (``store.bulk``: benchmarks' millions of synthetic events, row for row what
        ``transaction`` writes)."""

        @contextmanager
        def begin() -> Iterator[Connection]:
            with self.transaction() as tx:
                yield tx.conn

        return BulkLoader(begin)

    def has_document(self, doc_key: str) -> bool:
        with self.transaction() as tx:
            return tx.has_document(doc_key)

    def stored_among(self, doc_keys: Sequence[str]) -> set[str]:
        """Which of ``doc_keys`` are stored: a read, which waits on no writer."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(doc_keys))):
                query = sa.select(documents.c.doc_key).where(documents.c.doc_key.in_(chunk))
                found.update(conn.execute(query).scalars())
        return found

    def record_failure(self, skipped: Skipped) -> None:
        with self.transaction() as tx:
            tx.record_failure(skipped)

    def failed_under_older_versions(self) -> list[str]:
        """Sources that failed at extraction or later under an older version of Borderwatch."""
        with self.engine.connect() as conn:
            return sources_failed_before(conn)

    def foreign_documents(
        self, *, language: str | None = None, status: str | None = None
    ) -> list[dict[str, Any]]:
        """Documents kept in other languages, with their text (for a pipeline for them)."""
        with self.engine.connect() as conn:
            return list_foreign(conn, language=language, status=status)

    def forget_failures(self, sources: Sequence[str]) -> None:
        """Drop the failures of these sources (found stored after all)."""
        with self.transaction() as tx:
            clear_failures(tx.conn, sources)

    def failures(self, stages: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Documents that failed (one row per source and stage), latest first."""
        with self.engine.connect() as conn:
            return list_failures(conn, stages)

    def events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events as stored (the full JSON payload, analysts' corrections applied) with their
        revisions, filtered and ordered by date, newest first.  A date window is read through
        its index closed at both ends, in one snapshot with the bound (``store.window``)."""
        flt = flt or EventFilter()
        with self.engine.connect() as conn:
            if not (flt.since and flt.until) or flt.date_end_until:
                return self._read_with_revisions(conn, flt)
            with snapshot(conn):
                end = end_bound(flt.until, self._spans.span_in(conn))
                if end is not None:
                    flt = dataclasses.replace(flt, date_end_until=end)
                return self._read_with_revisions(conn, flt)

    def _read_with_revisions(self, conn: Connection, flt: EventFilter) -> list[dict[str, Any]]:
        found = self.read_events(conn, flt)
        bare = [e["event_id"] for e in found if "revisions" not in e]
        history = _revisions(conn, bare)
        for event in found:
            event.setdefault("revisions", history.get(event["event_id"], []))
        return found

    def retired(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """Event ids that no longer exist (merged into or split across others, or rejected by an
        analyst: ``rejected``), for syncing."""
        query = sa.select(retired_events).order_by(retired_events.c.at)
        if since is not None:
            query = query.where(retired_events.c.at >= since)
        with self.engine.connect() as conn:
            found = [
                {
                    "event_id": r.event_id,
                    "replaced_by": json.loads(r.replaced_by or "[]"),
                    "doc_key": r.doc_key,
                    "at": r.at.isoformat(),
                }
                for r in conn.execute(query)
            ]
            rejected = self.rejected_since(conn, since)  # analysts' rejections are deletions too
        return sorted(found + rejected, key=lambda row: row["at"]) if rejected else found

    def count_events(self, flt: EventFilter | None = None) -> int:
        with self.engine.connect() as conn:
            return self.count_visible(conn, flt or EventFilter())

    def event(self, event_id: str, *, include_rejected: bool = True) -> dict[str, Any] | None:
        """One event's payload (corrected, with its ``review``) with its revisions, or None;
        an id merged away by an analyst finds the event it was merged into."""
        with self.engine.connect() as conn:
            event = self.read_event(conn, event_id, include_rejected=include_rejected)
            if event is None:
                return None
            event["revisions"] = _revisions(conn, [event["event_id"]]).get(event["event_id"], [])
        return event

    def event_detail(self, event_id: str, *, include_rejected: bool = True) -> EventDetail | None:
        """``event`` with its mentions, their documents' texts and its revisions' documents,
        on one connection in two joined reads (``store.event_detail``: the API's event page)."""
        with self.engine.connect() as conn:
            state = self.review_state(conn)
            return read_detail(conn, state, event_id, include_rejected=include_rejected)

    def document_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())


def _revisions(conn: Connection, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for chunk in chunks(event_ids):
        query = sa.select(revisions).where(revisions.c.event_id.in_(chunk))
        for r in conn.execute(query.order_by(revisions.c.id)):
            found.setdefault(r.event_id, []).append(
                {
                    "kind": r.kind,
                    "at": r.at.isoformat(),
                    "doc_key": r.doc_key,
                    "changes": loads(r.changes),
                }
            )
    return found


def _sqlite_manual_transactions(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN itself


def _read_engine(url: str) -> Engine:
    """The engine of reads: a pool of ``READ_POOL_SIZE`` connections kept open when the
    database is a file or a server (SQLAlchemy's queue pool; an in-memory SQLite database has
    one connection per thread, as SQLAlchemy gives it)."""
    engine = sa.create_engine(url, future=True)
    if not isinstance(engine.pool, sa.pool.QueuePool):
        return engine
    engine.dispose()
    return sa.create_engine(
        url, future=True, pool_size=READ_POOL_SIZE, max_overflow=READ_POOL_OVERFLOW
    )


def _sqlite_begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut can lose the
    # last few documents (a re-run stores them again) but never corrupts the file; an
    # application crash loses nothing.  Saves an fsync (~2 ms) per stored document.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA mmap_size=268435456")  # scans for the dashboard: 2-3x faster
    cursor.close()
