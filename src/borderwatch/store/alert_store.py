"""The store's side of monitoring: saved searches, and the alerts waiting to be delivered.

Alerts are written by the outbox (``outbox.py``) in the transaction that changes their events;
here they are read for delivery and the Atom feed, and marked delivered or failed.  Only one
deliverer at a time sends a database's alerts (:meth:`AlertStore.delivery_lock`: an advisory
lock on PostgreSQL, a lock file beside a SQLite database), and both locks die with their process,
so a killed deliverer never leaves alerts claimed: the next one sends them with the same ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .outbox import prune_delivered, utc_now
from .schema import alerts, saved_searches
from .searches import SavedSearch, SearchError, load_searches, search_from, search_row, validated

DELIVERY_LOCK_KEY = 0x626F7266  # PostgreSQL advisory lock held by the one deliverer


@dataclass(frozen=True)
class PendingAlert:
    """An alert to send: its row id, idempotency key, the exact body, and its search."""

    alert_id: int
    key: str
    body: str
    attempts: int
    search: SavedSearch


class AlertStore:
    """Saved searches and alerts (mixed into :class:`~borderwatch.store.Store`)."""

    engine: Engine
    url: str

    def transaction(self) -> Any:  # provided by Store
        raise NotImplementedError

    # saved searches ------------------------------------------------------------------------
    def add_search(self, search: SavedSearch) -> SavedSearch:
        """Store a new saved search; its alerts start with the next change committed."""
        validated(search)
        with self.transaction() as tx:
            taken = tx.conn.execute(
                sa.select(saved_searches.c.id).where(saved_searches.c.name == search.name)
            ).first()
            if taken is not None:
                raise SearchError(f"a saved search named {search.name!r} exists; remove it first")
            tx.conn.execute(saved_searches.insert().values(**search_row(search, utc_now())))
        found = self.search(search.name)
        assert found is not None
        return found

    def searches(self) -> list[SavedSearch]:
        with self.engine.connect() as conn:
            return load_searches(conn)

    def search(self, name: str) -> SavedSearch | None:
        query = sa.select(saved_searches).where(saved_searches.c.name == name)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return search_from(row) if row is not None else None

    def remove_search(self, name: str) -> bool:
        """Delete a saved search and its alerts (sent or not); False when there is none."""
        with self.transaction() as tx:
            row = tx.conn.execute(
                sa.select(saved_searches.c.id).where(saved_searches.c.name == name)
            ).first()
            if row is None:
                return False
            tx.conn.execute(alerts.delete().where(alerts.c.search_id == row.id))
            tx.conn.execute(saved_searches.delete().where(saved_searches.c.id == row.id))
        return True

    # alerts --------------------------------------------------------------------------------
    def recent_alerts(self, name: str, limit: int = 50) -> list[dict[str, Any]]:
        """A search's latest alerts, newest first, each with its message body decoded."""
        search = self.search(name)
        if search is None:
            raise SearchError(f"no saved search named {name!r}")
        a = alerts.c
        query = (
            sa.select(alerts)
            .where(a.search_id == search.search_id)
            .order_by(a.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [
                {
                    "id": r.key,
                    "event_id": r.event_id,
                    "change": r.change,
                    "revision": r.revision,
                    "created_at": r.created_at,
                    "delivered_at": r.delivered_at,
                    "attempts": r.attempts,
                    "last_error": r.last_error,
                    "body": json.loads(r.body),
                }
                for r in conn.execute(query)
            ]

    def due_alerts(self, per_search: int) -> list[PendingAlert]:
        """Up to ``per_search`` undelivered alerts of each search with a webhook, oldest first,
        for the searches whose oldest undelivered alert is due (not waiting for a retry)."""
        a = alerts.c
        now = utc_now()
        found: list[PendingAlert] = []
        with self.engine.connect() as conn:
            for search in load_searches(conn):
                if not search.webhook:
                    continue
                rows = conn.execute(
                    sa.select(a.id, a.key, a.body, a.attempts, a.next_attempt_at)
                    .where(a.search_id == search.search_id, a.delivered_at.is_(None))
                    .order_by(a.id)
                    .limit(per_search)
                ).all()
                if not rows or (rows[0].next_attempt_at and rows[0].next_attempt_at > now):
                    continue
                found += [PendingAlert(r.id, r.key, r.body, r.attempts, search) for r in rows]
        return found

    def alert_delivered(self, alert_id: int) -> None:
        with self.transaction() as tx:
            tx.conn.execute(
                alerts.update()
                .where(alerts.c.id == alert_id)
                .values(delivered_at=utc_now(), attempts=alerts.c.attempts + 1, last_error=None)
            )

    def alert_failed(self, alert_ids: list[int], error: str, retry_in: timedelta) -> None:
        """Record a failed attempt (on the first id) and hold these alerts until the retry."""
        if not alert_ids:
            return
        with self.transaction() as tx:
            tx.conn.execute(
                alerts.update()
                .where(alerts.c.id == alert_ids[0])
                .values(attempts=alerts.c.attempts + 1, last_error=error[:500])
            )
            tx.conn.execute(
                alerts.update()
                .where(alerts.c.id.in_(alert_ids))
                .values(next_attempt_at=utc_now() + retry_in)
            )

    def alert_counts(self) -> dict[str, dict[str, Any]]:
        """Per saved search (by name): alerts in all, still to deliver, and the last error of
        the oldest one still to deliver (a failing endpoint shows here)."""
        a, s = alerts.c, saved_searches.c
        pending = sa.case((a.delivered_at.is_(None), 1), else_=0)
        query = (
            sa.select(s.name, sa.func.count(a.id), sa.func.coalesce(sa.func.sum(pending), 0))
            .select_from(saved_searches.outerjoin(alerts, a.search_id == s.id))
            .group_by(s.name)
        )
        errors = (
            sa.select(s.name, a.last_error)
            .join(alerts, a.search_id == s.id)
            .where(a.delivered_at.is_(None), a.last_error.is_not(None))
            .order_by(a.id.desc())
        )
        with self.engine.connect() as conn:
            found = {
                name: {"alerts": int(total), "pending": int(waiting), "last_error": None}
                for name, total, waiting in conn.execute(query)
            }
            for name, error in conn.execute(errors):
                found[name]["last_error"] = error  # the oldest pending one's wins (last written)
        return found

    def prune_alerts(self, older_than: timedelta) -> int:
        """Delete delivered alerts older than ``older_than`` (``outbox.prune_delivered``)."""
        with self.transaction() as tx:
            return prune_delivered(tx.conn, utc_now() - older_than)

    def outbox_size(self) -> dict[str, int]:
        """Alerts held in the outbox: all of them, and those still to deliver."""
        pending = sa.func.coalesce(
            sa.func.sum(sa.case((alerts.c.delivered_at.is_(None), 1), else_=0)), 0
        )
        query = sa.select(sa.func.count(alerts.c.id), pending)
        with self.engine.connect() as conn:
            total, waiting = conn.execute(query).one()
        return {"alerts": int(total), "pending": int(waiting)}

    def pending_alert_count(self) -> int:
        query = (
            sa.select(sa.func.count()).select_from(alerts).where(alerts.c.delivered_at.is_(None))
        )
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    @contextmanager
    def delivery_lock(self) -> Iterator[bool]:
        """Hold the right to deliver this database's alerts; yields False when another process
        holds it (its round is under way: skip this one)."""
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect() as conn:
                key = {"key": DELIVERY_LOCK_KEY}
                got = conn.execute(sa.text("SELECT pg_try_advisory_lock(:key)"), key).scalar()
                conn.commit()
                try:
                    yield bool(got)
                finally:
                    if got:
                        conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), key)
                        conn.commit()
            return
        database = self.engine.url.database
        if not database or database == ":memory:":
            yield True
            return
        yield from _file_lock(Path(f"{database}.deliver-lock"))


def _file_lock(path: Path) -> Iterator[bool]:
    import fcntl

    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
