"""A date window closed at both ends of ``ix_events_window``.

A window (``since`` .. ``until``) selects the events whose dates overlap it: ``date_end >=
since`` and ``date_start <= until``.  The index ``ix_events_window`` (``date_end``,
``date_start``, ...) finds the first condition as a range, but it is open: from ``since`` to the
last date stored, so a week of 2023 in a store running to 2025 reads two years of the index
(an export of a place's week at 100,000 events: 12-19 ms of SQL).  No event is longer than the
longest span stored, so every event the window selects also ends by ``until`` plus that span:
with this upper bound the range is the window's own (the same export: 2-6 ms).

The longest span is one scan of the index's two date columns (about 19 ms at 100,000 events),
kept per store revision (``Store.revision``, which counts every write).  A bound is only as
good as the revision it was read at, so a read with it is checked: when the revision read after
it is not the one the span was read at, a write came in between (perhaps an event with a longer
span) and the read is done again without the bound.  So no event is ever lost to the bound.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .schema import events


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
    """The longest span, kept for the revision it was read at (one scan per revision; requests
    arriving while it is read wait for that read rather than scanning too)."""

    def __init__(self, engine: Engine, revision: Callable[[], Any]) -> None:
        self.engine = engine
        self.revision = revision
        self.kept: tuple[Any, int | None] | None = None  # (revision, longest span)
        self.lock = threading.Lock()
        self.scans = 0

    def at_current(self) -> tuple[Any, int | None]:
        """(the store's revision now, the longest span at it)."""
        revision = self.revision()
        kept = self.kept
        if kept is not None and kept[0] == revision:
            return kept
        with self.lock:
            kept = self.kept
            if kept is not None and kept[0] == revision:
                return kept
            with self.engine.connect() as conn:  # read after the revision: at least as new
                span = longest_span_days(conn)
            self.scans += 1
            self.kept = (revision, span)
            return revision, span


def end_bound(until: Any, span: int | None) -> Any:
    """The latest ``date_end`` an event overlapping a window ending ``until`` can have."""
    if span is None:
        return None
    try:
        return until + timedelta(days=span)
    except OverflowError:  # past the last date there is: no bound
        return None
