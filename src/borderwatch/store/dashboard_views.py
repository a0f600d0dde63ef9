"""The dashboard's views of migration 0016 and the reads that pick each view's path.

* a date window (alone, or with an event type and a country): total and map from the months
  wholly inside it (``month_cells``) and its edge days' events, the page from date-bounded
  queries (``window_view``, ``store.date_window``);
* a free-text search: its events' few columns from ``event_light`` by the free-text index's
  answer (``free_text_view``, ``store.text_view``).

The other views are ``store.dashboard``'s.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import dashboard as base
from . import date_window, facets, text_view
from . import query as q
from .changes import Changes, read_changes
from .dashboard import (
    ALERTS_COUNTER,
    EVENTS_COUNTER,
    DashboardView,
    aggregated_view,
    coarsened,
    map_rows,
    map_view,
    one_pass,
    page_rows,
    rollup_holds,
    rollup_total,
    scan_only,
    sort_value,
    store_changes,
    timeline_counts,
    total,
)
from .query import EventFilter

if TYPE_CHECKING:
    from .window import SpanBound


def window_view(
    conn: Connection,
    flt: EventFilter,
    interval: str,
    map_cap: int,
    span: int,
    after: str | None = None,
) -> DashboardView:
    """A date window's view (``date_window.holds`` and ``in_order`` first, the rollup holding
    the rest): total and map from 0016's months and the edge events, the page and few points
    by date-bounded queries, the timeline from the rollup over every date."""
    whole = dataclasses.replace(flt, limit=None, offset=0)
    counts = date_window.window_counts(conn, whole, span)
    key = sort_value(conn, flt.sort, after) if after else None
    limit = flt.limit or q.MAX_LIMIT
    descending = flt.sort.startswith("-")
    for dated in date_window.page_ranges(counts.dated, descending, key and key[0]):
        page = page_rows(conn, flt, key, dated)
        if len(page) == limit:
            break
    located = coarsened(counts.cells)
    undated = dataclasses.replace(whole, since=None, until=None)
    return DashboardView(
        total=counts.total,
        page=q.payloads(conn, [event_id for event_id, _ in page]),
        next_key=page[-1][0] if len(page) == limit else None,
        map_rows=map_rows(conn, whole, map_cap, counts.where)
        if located.located <= base.FEW_POINTS
        else located,
        timeline=timeline_counts(conn, undated, interval),
    )


def free_text_view(conn: Connection, flt: EventFilter, map_cap: int) -> DashboardView:
    """A free-text view's first page (``text_view.holds`` first) from the free-text index and
    ``event_light``: the same answer as ``one_pass`` without reading the events' rows."""
    whole = dataclasses.replace(flt, limit=None, offset=0)
    if conn.dialect.name == "postgresql":
        found, ids = text_view.read_once(conn, flt)
    else:
        found = text_view.counts(conn, whole)
        stored = rollup_total(conn, EventFilter(include_unconfirmed=True))
        walk = (flt.offset + (flt.limit or q.MAX_LIMIT)) * stored <= facets.WALK_ROWS * found.total
        ids = text_view.page_ids(conn, flt, walk)
    few = found.located <= base.FEW_POINTS
    return DashboardView(
        total=found.total,
        page=q.payloads(conn, ids),
        next_key=ids[-1] if len(ids) == (flt.limit or q.MAX_LIMIT) else None,
        map_rows=map_rows(conn, whole, map_cap) if few else coarsened(found.cells),
        timeline=found.days,
    )


class DashboardReads:
    """The dashboard's reads (mixed into :class:`~borderwatch.store.Store`)."""

    _spans: SpanBound  # Store's: the longest span stored, kept per revision

    def has_reviews(self, conn: Connection) -> bool:
        raise NotImplementedError  # ReviewStore's

    engine: sa.Engine

    def revision(self) -> int:
        """A number that changes whenever anything the events' answers are read from is
        written (events, reports, documents, revisions, reviews; migration 0013), by any
        process: answers computed at one revision stay true until it changes."""
        return self._counters()[EVENTS_COUNTER]

    def alerts_revision(self) -> tuple[int, int]:
        """:meth:`revision` and a number that changes whenever saved searches or their
        alerts are written: what a saved search's feed is read from."""
        counters = self._counters()
        return counters[EVENTS_COUNTER], counters[ALERTS_COUNTER]

    def changes_since(self, revision: int) -> Changes | None:
        """The events changed since :meth:`revision` stood at ``revision`` (at least those;
        migration 0020), or None when this store does not tell (``store.changes``)."""
        with self.engine.connect() as conn:
            return read_changes(conn, revision)

    def _counters(self) -> dict[int, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(store_changes.c.id, store_changes.c.n))
            return {int(i): int(n) for i, n in rows}

    def dashboard_view(
        self,
        conn: Connection,
        flt: EventFilter,
        interval: str,
        map_cap: int,
        after: str | None = None,
    ) -> DashboardView | None:
        """Total, page, map rows and timeline of one dashboard view (the timeline ignores
        ``flt``'s dates, so the chosen range shows in context); the page starts after the
        event ``after`` when given (KeyError: no such event).  None while analysts' reviews
        exist, or when only a scan answers the filter (the caller then reads
        ``dashboard_rows`` in one pass, which also corrects reviewed events)."""
        whole = dataclasses.replace(flt, limit=None, offset=0)
        if self.has_reviews(conn):
            return None
        if flt.reviewed is True:  # no review exists: no event is reviewed
            return DashboardView(0, [], None, [], [])
        if (view := aggregated_view(conn, flt, interval, map_cap, after)) is not None:
            return view
        if after is None and text_view.holds(conn, flt):
            return free_text_view(conn, flt, map_cap)
        undated = dataclasses.replace(whole, since=None, until=None)
        if date_window.holds(whole) and rollup_holds(conn, undated) and date_window.in_order(conn):
            span = self._spans.span_in(conn) or 0
            return window_view(conn, flt, interval, map_cap, span, after)
        if after is None and not rollup_holds(conn, whole, with_dates=False):
            return one_pass(conn, flt, interval, map_cap)
        if scan_only(conn, whole):
            return None
        key = sort_value(conn, flt.sort, after) if after else None
        page = page_rows(conn, flt, key)
        limit = flt.limit or q.MAX_LIMIT
        return DashboardView(
            total=total(conn, whole),
            page=q.payloads(conn, [event_id for event_id, _ in page]),
            next_key=page[-1][0] if len(page) == limit else None,
            map_rows=map_view(conn, whole, map_cap),
            timeline=timeline_counts(
                conn, dataclasses.replace(whole, since=None, until=None), interval
            ),
        )

    def timeline_counts(
        self, conn: Connection, flt: EventFilter, interval: str
    ) -> list[tuple[str, str, int, int]] | None:
        """(day or month start, event type, events, killed) of what ``flt`` selects; None
        while analysts' reviews exist (``ReviewStore.timeline_rows`` corrects them)."""
        if self.has_reviews(conn):
            return None
        if flt.reviewed is True:
            return []
        return timeline_counts(conn, flt, interval)
