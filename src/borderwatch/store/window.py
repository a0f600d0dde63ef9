"""A date window closed at both ends of ``ix_events_window``.

A window (``since`` .. ``until``) selects the events whose dates overlap it: ``date_end >=
since`` and ``date_start <= until``.  The index ``ix_events_window`` (``date_end``,
``date_start``, ...) finds the first condition as a range, but it is open: from ``since`` to the
last date stored, so a week of 2023 in a store running to 2025 reads two years of the index
(an export of a place's week at 100,000 events: 12-19 ms of SQL).  No event is longer than the
longest span stored, so every event the window selects also ends by ``until`` plus that span:
with this upper bound the range is the window's own (the same export: 2-6 ms).

The longest span is one scan of the index's two date columns (about 19 ms at 100,000 events),
kept per store revision (the counter of migration 0013 that every write counts up).  A bound is
only as good as the revision it was read at, so the revision, the span (kept or scanned) and
the events are all read in one snapshot of the store (``snapshot``: SQLite's read transaction,
PostgreSQL's repeatable read): the span is exactly that of the events read, and no event is
ever lost to the bound, whatever a writer commits meanwhile.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .dashboard import EVENTS_COUNTER, store_changes
from .schema import events


@contextmanager
def snapshot(conn: Connection) -> Iterator[Connection]:
    """``conn`` reading one state of the store until the block ends, whatever is committed
    meanwhile (read only).  SQLite: a read transaction, begun explicitly (the driver begins
    none for reads: each statement would see the latest commit); PostgreSQL: a repeatable-read
    transaction."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")
        try:
            yield conn
        finally:
            conn.rollback()
        return
    with conn.execution_options(isolation_level="REPEATABLE READ").begin():
        yield conn


def revision_in(conn: Connection) -> int:
    """The store's revision (``Store.revision``) as ``conn`` sees it."""
    query = sa.select(store_changes.c.n).where(store_changes.c.id == EVENTS_COUNTER)
    return int(conn.execute(query).scalar_one())


def longest_span_days(conn: Connection) -> int | None:
    """The most days any stored event's ``date_end`` lies after its ``date_start`` (whole
    days, at least 0); None when no event has both."""
    c = events.c
    if conn.dialect.name == "sqlite":
        span: Any = sa.func.julianday(c.date_end) - sa.func.julianday(c.date_start)
    else:
        span = c.date_end - c.date_start
    value = conn.execute(sa.select(sa.func.max(span))).scalar()
    return None if value is None else max(0, math.ceil(value))


class SpanBound:
    """The longest span, kept for the revision it was read at (one scan per revision; readers
    of a new revision wait for the one scanning it rather than scanning too)."""

    def __init__(self) -> None:
        self.kept: tuple[int, int | None] | None = None  # (revision, longest span)
        self.lock = threading.Lock()
        self.scans = 0

    def span_in(self, conn: Connection) -> int | None:
        """The longest span of the store as ``conn`` sees it (``conn`` in a ``snapshot``)."""
        revision = revision_in(conn)
        kept = self.kept
        if kept is not None and kept[0] == revision:
            return kept[1]
        with self.lock:
            kept = self.kept
            if kept is not None and kept[0] == revision:
                return kept[1]
            span = longest_span_days(conn)
            self.scans += 1
            if kept is None or revision > kept[0]:
                self.kept = (revision, span)
            return span


def end_bound(until: date, span: int | None) -> date | None:
    """The latest ``date_end`` an event overlapping a window ending ``until`` can have."""
    if span is None:
        return None
    try:
        return until + timedelta(days=span)
    except OverflowError:  # past the last date there is: no bound
        return None
