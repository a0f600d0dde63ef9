"""The watch state in the store: which URLs are done, their validators, each source's last poll.

Every mark is one small transaction, so several watchers (on PostgreSQL, on several hosts) share
one state and a kill never leaves half a write; writers are serialised as every other write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .outbox import utc_now
from .schema import watch_urls

WatchEntry = tuple[str, str | None, str | None]  # url, etag, last_modified


class WatchStore:
    """Seen URLs and source status (mixed into :class:`~borderwatch.store.Store`)."""

    engine: Engine

    def transaction(self) -> Any:  # provided by Store
        raise NotImplementedError

    def watch_get(self, url: str) -> tuple[str | None, str | None, bool]:
        """``(etag, last_modified, seen)`` of ``url``; ``(None, None, False)`` if never marked."""
        w = watch_urls.c
        query = sa.select(w.etag, w.last_modified, w.seen).where(w.url == url)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return (row.etag, row.last_modified, bool(row.seen)) if row else (None, None, False)

    def watch_mark(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> None:
        """Record ``url`` as done, with the validators to send next time."""
        at = utc_now()
        values = {"etag": etag, "last_modified": last_modified, "seen": True, "marked_at": at}
        with self.transaction() as tx:
            _upsert(tx.conn, url, values)

    def watch_status(self, url: str, status: str, error: str | None = None) -> None:
        """Record how polling a source went (``ok``, ``not modified``, ``error``)."""
        values = {"status": status, "error": error, "checked_at": utc_now()}
        with self.transaction() as tx:
            _upsert(tx.conn, url, values)

    def watch_import(self, entries: Iterable[tuple[str, dict[str, Any]]]) -> int:
        """Take URLs marked in an old state file (those the store has not marked yet), in one
        transaction; returns how many were new."""
        added = 0
        with self.transaction() as tx:
            for url, entry in entries:
                known = tx.conn.execute(
                    sa.select(watch_urls.c.url).where(watch_urls.c.url == url)
                ).first()
                if known is None and entry.get("seen"):
                    tx.conn.execute(
                        watch_urls.insert().values(
                            url=url,
                            etag=entry.get("etag"),
                            last_modified=entry.get("last_modified"),
                            seen=True,
                            marked_at=_parsed(entry.get("at")),
                        )
                    )
                    added += 1
        return added

    def watch_sources(self) -> list[dict[str, Any]]:
        """Every URL with a polling status (the sources), with its last poll."""
        w = watch_urls.c
        query = sa.select(w.url, w.status, w.error, w.checked_at).where(w.status.is_not(None))
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(query.order_by(w.url))]


def _upsert(conn: Connection, url: str, values: dict[str, Any]) -> None:
    done = conn.execute(watch_urls.update().where(watch_urls.c.url == url).values(**values))
    if done.rowcount == 0:
        conn.execute(watch_urls.insert().values(url=url, **values))


def _parsed(text: Any) -> datetime | None:
    try:
        found = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return found.astimezone(UTC).replace(tzinfo=None) if found.tzinfo else found
