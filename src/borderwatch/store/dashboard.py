"""The dashboard's reads at 100,000 and 1,000,000 events: each part of a view from the index or
aggregate that answers it, instead of one pass over every matching row.

* the total: the pre-aggregate ``event_rollup`` when the filter is one it holds (type, country,
  confidence in tenths, sources up to 3, confirmed or not; no dates), else ``count(*)`` over the
  narrow covering indexes of migration 0012;
* the list's page: the filter sorted and cut by SQL (by offset, or by keyset after the last row
  of the previous page, ``query.after_key``);
* the map: located events counted per grid cell and type (``map_cells``), from the
  pre-aggregate ``event_cells`` when it holds the filter (as ``event_rollup``), else by SQL;
  the first ``cap`` located events in the list's order when the filter leaves few;
* the timeline: ``event_rollup`` at month resolution when it holds the filter, else events
  counted per day and type by SQL (``GROUP BY``) and summed into weeks or months here.

At 1,000,000 events (migration 0015, ``store.facets``): a sub-type, place, actor or single-tag
filter alone, and a map box alone, read their total, map and monthly timeline from
pre-aggregates (a box: its whole cells, and the events of its edge cells), and the page is its
own ``ORDER BY ... LIMIT`` query, walking the date index when the view's count says that stops
soon (``aggregated_view``).  Migration 0016: a date window's whole months, a free-text search's
few columns (``store.dashboard_views``).

While analysts' reviews exist, the reviewed events (few) are corrected in Python and the rest is
read as above without them (``ReviewStore.dashboard_rows``): the same answers as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import date_window, facets
from . import query as q
from .map_cells import (
    FEW_POINTS,
    CellRow,
    MapCells,
    Positions,
    cells_of_positions,
    coarsened,
    count_position,
    scan_cells,
)
from .query import EventFilter, apply_filter
from .schema import event_cells, event_facets, event_rollup, events, facet_cells

SOURCES_CAP = 3  # event_rollup.sources holds 0, 1, 2, or 3 for three sources and more
# One row, counted up by every write to what the API reads (migration 0013).
store_changes = sa.table("store_changes", sa.column("id"), sa.column("n"))
# The rows of ``store_changes`` (migration 0013): the events' side and the alerts' side.
EVENTS_COUNTER, ALERTS_COUNTER = 1, 2


@dataclass
class DashboardView:
    """What one dashboard view shows, as the store reads it."""

    total: int
    page: list[dict[str, Any]]  # payloads
    next_key: str | None  # ``after`` for the next page: its last event (None: no more)
    # the map: cells with counts, or (few located events) query.LIGHT_FIELDS in list order
    map_rows: list[tuple[Any, ...]] | MapCells
    timeline: list[tuple[str, str, int, int]]  # (day or bucket start, type, events, killed)


def rollup_holds(conn: Connection, flt: EventFilter, *, with_dates: bool = False) -> bool:
    """Whether ``event_rollup`` answers ``flt`` exactly (its dates too when ``with_dates``)."""
    if (
        flt.place
        or flt.actor
        or flt.actor_names
        or flt.bbox
        or flt.tags
        or flt.text
        or flt.scope  # the rollup does not split by scope: a scope filter is read from events
        or flt.updated_since
        or flt.sub_event_type
        or flt.reviewed is True
        or (not with_dates and (flt.since or flt.until))
    ):
        return False
    if flt.min_confidence is not None and round(flt.min_confidence * 10) / 10 != flt.min_confidence:
        return False
    if flt.min_sources is not None and flt.min_sources > SOURCES_CAP:
        return False
    if flt.event_type:
        # the type filter also matches sub-types, which the rollup does not hold
        named = sa.func.lower(events.c.sub_event_type) == flt.event_type.lower()
        if conn.execute(sa.select(events.c.event_id).where(named).limit(1)).first():
            return False
    return True


def _rollup_where(query: sa.Select, flt: EventFilter, table: sa.Table = event_rollup) -> sa.Select:
    """``flt``'s conditions on a pre-aggregate keyed as ``event_rollup`` (or ``event_cells``)."""
    r = table.c
    if flt.event_type:
        query = query.where(sa.func.lower(r.event_type) == flt.event_type.lower())
    if flt.country:
        query = query.where(sa.func.lower(r.country) == flt.country.lower())
    if flt.min_confidence is not None:
        query = query.where(r.tenths >= round(flt.min_confidence * 10))
    if flt.min_sources is not None:
        query = query.where(r.sources >= flt.min_sources)
    if not flt.include_unconfirmed:
        query = query.where(r.exported == 1)
    return query


def rollup_total(conn: Connection, flt: EventFilter) -> int:
    """How many events ``flt`` selects, from the pre-aggregate (``rollup_holds`` first)."""
    query = _rollup_where(sa.select(sa.func.coalesce(sa.func.sum(event_rollup.c.n), 0)), flt)
    return int(conn.execute(query).scalar_one())


def rollup_timeline(conn: Connection, flt: EventFilter) -> list[tuple[str, str, int, int]]:
    """(month start, event type, events, killed) of the dated events ``flt`` selects."""
    r = event_rollup.c
    n = sa.func.sum(r.n)
    query = sa.select(r.month, r.event_type, n, sa.func.sum(r.fatalities))
    query = _rollup_where(query.where(r.month != ""), flt).group_by(r.month, r.event_type)
    return [tuple(row) for row in conn.execute(query.having(n > 0))]


def day_timeline(conn: Connection, flt: EventFilter) -> list[tuple[str, str, int, int]]:
    """(day, event type, events, killed) of the dated events ``flt`` selects, by SQL."""
    c = events.c
    killed = sa.func.sum(sa.func.coalesce(c.fatalities, 0))
    query = sa.select(sa.cast(c.event_date, sa.String), c.event_type, sa.func.count(), killed)
    query = apply_filter(query, flt, paginate=False).where(c.event_date.is_not(None))
    query = query.group_by(c.event_date, c.event_type)
    return [tuple(row) for row in conn.execute(query)]


def timeline_counts(
    conn: Connection, flt: EventFilter, interval: str
) -> list[tuple[str, str, int, int]]:
    """The timeline's counts: from the pre-aggregate for months when it holds ``flt``."""
    if interval == "month" and rollup_holds(conn, flt):
        return rollup_timeline(conn, flt)
    return day_timeline(conn, flt)


def total(conn: Connection, flt: EventFilter) -> int:
    """How many events ``flt`` selects (no reviews)."""
    if rollup_holds(conn, flt, with_dates=False) and not (flt.since or flt.until):
        return rollup_total(conn, flt)
    query = apply_filter(sa.select(sa.func.count()).select_from(events), flt, paginate=False)
    return int(conn.execute(query).scalar_one())


def page_rows(
    conn: Connection,
    flt: EventFilter,
    after: tuple[Any, str] | None = None,
    extra: Iterable[Any] = (),
) -> list[tuple[str, Any]]:
    """(event id, sort value) of the page ``flt`` (and the conditions ``extra``) asks for: its
    limit, after its offset or, with ``after``, after that key (``query.after_key``)."""
    column = q.SORTS.get(flt.sort.lstrip("-"), events.c.event_date)
    query = sa.select(events.c.event_id, column).where(*extra)
    if after is not None:
        nulls_largest = conn.dialect.name == "postgresql"
        query = query.where(q.after_key(flt.sort, after, nulls_largest))
        flt = dataclasses.replace(flt, offset=0)
    return [(r[0], r[1]) for r in conn.execute(apply_filter(query, flt))]


def sort_value(conn: Connection, sort: str, event_id: str) -> tuple[Any, str]:
    """The key of ``event_id`` in the order ``sort`` gives, for keyset paging after it;
    KeyError when no such event is stored (merged away or withdrawn since)."""
    column = q.SORTS.get(sort.lstrip("-"), events.c.event_date)
    row = conn.execute(sa.select(column).where(events.c.event_id == event_id)).first()
    if row is None:
        raise KeyError(event_id)
    return row[0], event_id


def map_rows(
    conn: Connection, flt: EventFilter, cap: int, extra: Iterable[Any] = ()
) -> list[tuple[Any, ...]]:
    """The first ``cap`` events with coordinates (and the conditions ``extra``), as the list
    orders them, laid out as ``query.LIGHT_FIELDS`` with only what the map shows read (the
    others are None)."""
    c, nothing = events.c, sa.null()
    query = sa.select(
        c.event_id,
        sa.cast(c.event_date, sa.String),
        nothing,
        nothing,
        c.event_type,
        c.sub_event_type,
        c.fatalities,
        c.latitude,
        c.longitude,
        c.location,
        nothing,
        nothing,
    )
    query = apply_filter(query, dataclasses.replace(flt, located=True), paginate=False)
    query = query.where(*extra).order_by(*q.order_by(flt.sort)).limit(cap)
    return q.tuples(conn, query)  # at once, the driver's tuples: 20,000 rows a view


def cube_cells(conn: Connection, flt: EventFilter) -> list[CellRow]:
    """The located events ``flt`` selects per 1/64-degree cell and type, from ``event_cells``
    (``rollup_holds`` first, and no dates)."""
    r = event_cells.c
    n = sa.func.sum(r.n)
    sums = (sa.func.sum(r.fatalities), sa.func.sum(r.lat_e6), sa.func.sum(r.lon_e6))
    query = _rollup_where(sa.select(r.cx, r.cy, r.event_type, n, *sums), flt, event_cells)
    query = query.group_by(r.cx, r.cy, r.event_type).having(n > 0)
    return [
        (int(x), int(y), str(t), int(k), int(f), int(la), int(lo))
        for x, y, t, k, f, la, lo in conn.execute(query)
    ]


def map_view(conn: Connection, flt: EventFilter, cap: int) -> list[tuple[Any, ...]] | MapCells:
    """The map of ``flt``: its located events per cell (at most ``map_cells.MAX_CELLS``), or
    its first ``cap`` points in list order when it holds at most ``FEW_POINTS``."""
    undated = not (flt.since or flt.until)
    rows = cube_cells(conn, flt) if undated and rollup_holds(conn, flt) else scan_cells(conn, flt)
    cells = coarsened(rows)
    if cells.located <= FEW_POINTS:
        return map_rows(conn, flt, cap)
    return cells


def scan_only(conn: Connection, flt: EventFilter) -> bool:
    """Whether only a scan answers ``flt`` (a place, actor or box; neither the rollup nor the
    tag or text index holds it): then one pass over the matching rows, which the list, map and
    timeline share, is cheaper than the four queries that each re-read them.  Measured at
    100,000 events, alternating: actor 0.6x, place 0.5x the one pass's speed as four queries."""
    undated = dataclasses.replace(flt, since=None, until=None)
    return not (flt.tags or flt.text) and not rollup_holds(conn, undated)


@dataclass
class _Pass:
    """What one pass keeps of the rows it reads, as it reads them: the page's ids, the first
    located rows (points, while few), events per position (cells) and per day (timeline).
    Days are keyed by text and counted in ints: values the collector does not track, however
    many days a pass counts."""

    page: range
    total: int = 0
    shown: list[str] = dataclasses.field(default_factory=list)
    points: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    positions: Positions = dataclasses.field(default_factory=dict)
    days: dict[str, int] = dataclasses.field(default_factory=dict)  # "day\ntype": events
    killed: dict[str, int] = dataclasses.field(default_factory=dict)  # "day\ntype": fatalities

    def read(self, rows: Iterable[tuple[Any, ...]], flt: EventFilter, every_date: bool) -> None:
        """Count ``rows`` (``query.LIGHT_FIELDS``, in list order); ``every_date``: the rows
        are read over every date, counted in the days, and only those in ``flt``'s window
        (date_end >= since and date_start <= until, as SQL's) further.  One loop of locals:
        a million rows pass through it."""
        lo, hi = flt.since and flt.since.isoformat(), flt.until and flt.until.isoformat()
        days, killed, positions, points, shown = (
            self.days,
            self.killed,
            self.positions,
            self.points,
            self.shown,
        )
        first, end, total = self.page.start, self.page.stop, self.total
        for r in rows:
            if every_date:
                if r[1] is not None:
                    key = f"{r[1]}\n{r[4] or ''}"
                    days[key] = days.get(key, 0) + 1
                    if r[6]:
                        killed[key] = killed.get(key, 0) + r[6]
                if (lo and (r[3] is None or r[3] < lo)) or (hi and (r[2] is None or r[2] > hi)):
                    continue
            if first <= total < end:
                shown.append(r[0])
            total += 1
            if r[7] is not None and r[8] is not None:
                if len(points) <= FEW_POINTS:
                    points.append(r)
                count_position(positions, r)
        self.total = total


def _day_count(key: str, n: int, killed: int) -> tuple[str, str, int, int]:
    day, _, kind = key.partition("\n")
    return day, kind, n, killed


def one_pass(conn: Connection, flt: EventFilter, interval: str, map_cap: int) -> DashboardView:
    """A view the pre-aggregates do not hold (tags, free text, place, actor, box, dates), from
    one read of the matching events' light rows: a tag or text sieve, or a scan, is paid once
    instead of by each of the total, page, map and timeline (CPU per answer at 100,000 events,
    with the map's cells: tag 158 -> 104 ms, text 205 -> 93 ms, type+country+year 191 -> 50
    ms).  The timeline, over every date, comes from the rollup when it holds the rest of the
    filter, else from the same rows read over every date.  Rows are counted as they come and
    let go (a list of 30,000 rows kept to the end made the collector's full passes, 75 ms, run
    every few answers)."""
    whole = dataclasses.replace(flt, limit=None, offset=0)
    undated = dataclasses.replace(whole, since=None, until=None)
    rolled = interval == "month" and rollup_holds(conn, undated)
    query = apply_filter(sa.select(*q.LIGHT_COLUMNS), whole if rolled else undated, paginate=False)
    limit = flt.limit or q.MAX_LIMIT
    seen = _Pass(range(flt.offset, flt.offset + limit))
    result = conn.execute(query.order_by(*q.order_by(flt.sort)))
    try:
        seen.read(result.cursor, flt, every_date=not rolled)  # type: ignore[arg-type]
    finally:
        result.close()
    located = seen.points if len(seen.points) <= FEW_POINTS else None
    days = [_day_count(key, n, seen.killed.get(key, 0)) for key, n in seen.days.items()]
    return DashboardView(
        total=seen.total,
        page=q.payloads(conn, seen.shown),
        next_key=seen.shown[-1] if len(seen.shown) == limit else None,
        map_rows=located[:map_cap]
        if located is not None
        else coarsened(cells_of_positions(seen.positions)),
        timeline=rollup_timeline(conn, undated) if rolled else days,
    )


def aggregated_view(
    conn: Connection, flt: EventFilter, interval: str, map_cap: int, after: str | None = None
) -> DashboardView | None:
    """A view of one sub-type, place, actor or tag filter, or of a map box, with its total,
    map and monthly timeline from migration 0015's pre-aggregates (``store.facets``) and its
    page by its own query; None for any other view, or another timeline interval.  At
    1,000,000 events this reads a few thousand aggregate rows instead of up to a third of a
    million events' rows."""
    if interval != "month":
        return None
    whole = dataclasses.replace(flt, limit=None, offset=0)
    where = facets.facet_where(whole, event_facets)
    box = facets.box_of(whole) if where is None else None
    if where is None and box is None:
        return None
    if box is not None:
        edge = facets.edge_rows(conn, box)
        count = facets.box_total(conn, box, edge)
        cells = facets.box_map(conn, box, edge)
        timeline = facets.box_timeline(conn, box, edge)
    else:
        assert where is not None
        count, timeline = facets.facet_counts(conn, where)
        cells = facets.facet_map(conn, facets.facet_where(whole, facet_cells) or [])
    key = sort_value(conn, flt.sort, after) if after else None
    stored = rollup_total(conn, EventFilter(include_unconfirmed=True))
    page_filter, extra = facets.page_conditions(flt, count, stored)
    if conn.dialect.name == "postgresql" and not extra and flt.sort.lstrip("-") == "date":
        read = lambda more: page_rows(conn, page_filter, key, more)  # noqa: E731
        page = date_window.newest_page(conn, read, flt, count, key and key[0])
    else:
        page = page_rows(conn, page_filter, key, extra)
    limit = flt.limit or q.MAX_LIMIT
    located = coarsened(cells)
    return DashboardView(
        total=count,
        page=q.payloads(conn, [event_id for event_id, _ in page]),
        next_key=page[-1][0] if len(page) == limit else None,
        map_rows=map_rows(conn, whole, map_cap) if located.located <= FEW_POINTS else located,
        timeline=timeline,
    )
