"""The dashboard's date brush at 1,000,000 events: a window's total and map from months.

A date window alone (or with an event type and a country, the rollup's keys) selected up to
a hundred thousand events of a million-event store, and the dashboard read every one of their
rows for the total and the map (about 0.5 s on SQLite).  Migration 0016's ``month_cells``
counts events per month of their date and map cell: the months wholly inside the window are
read from it, and only the events dated in its partial months at each end (and those dated
just outside it whose span reaches into it) are read from the date index.  The page is its own
``ORDER BY event_date ... LIMIT`` query over the window's last (or first) ``FIRST_DAYS`` days,
twice as many each time until the page is full: the date index's walk starts at the window
instead of at the newest event, and PostgreSQL's planner, which finds a type and a country in a
year's window few (a row, by its estimate), sorts a month of rows instead of scanning the table
(the combined view at 300,000 events: 221 ms of SQL).

Exact because of one property ``month_cells`` checks: every dated event has its dates in order
(``date_start <= event_date <= date_end``; the others are counted under month ``x``, and while
any is stored this view is not used).  Such an event overlaps a window (``date_end >= since``
and ``date_start <= until``) whenever its date is inside it, and otherwise only when its date
lies within the store's longest span (``store.window``) of the window's ends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement

from . import query as q
from .facets import confident, tenths_hold
from .map_cells import CellRow, cells_of_rows
from .query import EventFilter, apply_filter
from .schema import events, month_cells

# What a window view may also set besides its dates: the rest of the rollup's month keys
# (a minimum confidence of whole tenths: ``month_cells.tenths``, migration 0017).
_KEPT = ("since", "until", "event_type", "country", "min_confidence")
_FREE = ("limit", "offset", "sort", "include_unconfirmed", "include_rejected")
_DEFAULT = EventFilter()
# The days of a window's end its page is first read from (a month: a page of 50 events even
# for a type and country of a million-event store); doubled until the page is full.
FIRST_DAYS = 32


def holds(flt: EventFilter) -> bool:
    """Whether ``flt`` is a date window (both ends) with at most an event type and a country,
    in date order: the views this module answers (the caller checks the type names no
    sub-type, as for the rollup)."""
    if not (flt.since and flt.until) or flt.sort.lstrip("-") != "date" or not tenths_hold(flt):
        return False
    return all(
        getattr(flt, f.name) == getattr(_DEFAULT, f.name)
        for f in dataclasses.fields(EventFilter)
        if f.name not in (*_KEPT, *_FREE)
    )


def in_order(conn: Connection) -> bool:
    """Whether every stored dated event has its dates in order (none counted under ``x``)."""
    query = sa.select(month_cells.c.n).where(month_cells.c.month == "x", month_cells.c.n > 0)
    return conn.execute(query.limit(1)).first() is None


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def whole_months(since: date, until: date) -> tuple[date, date] | None:
    """The first day of the first month wholly inside ``since .. until`` and the first day of
    the month after the last one; None when no month is."""
    first = since if since.day == 1 else _next_month(since)
    after = _next_month(until) if _next_month(until) - timedelta(days=1) == until else None
    if after is None:
        after = date(until.year, until.month, 1)
    return (first, after) if first < after else None


def _where(flt: EventFilter, months: tuple[date, date]) -> list[ColumnElement[bool]]:
    m = month_cells.c
    where = [m.month >= months[0].isoformat(), m.month < months[1].isoformat()]
    if flt.event_type:
        where.append(sa.func.lower(m.event_type) == flt.event_type.lower())
    if flt.country:
        where.append(sa.func.lower(m.country) == flt.country.lower())
    if not flt.include_unconfirmed:
        where.append(m.exported == 1)
    return where + confident(flt, month_cells)


def month_total(conn: Connection, flt: EventFilter, months: tuple[date, date]) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(month_cells.c.n), 0))
    return int(conn.execute(query.where(*_where(flt, months))).scalar_one())


def month_map(conn: Connection, flt: EventFilter, months: tuple[date, date]) -> list[CellRow]:
    """The located events of the whole months per 1/64-degree cell and type."""
    m = month_cells.c
    n = sa.func.sum(m.n)
    sums = (sa.func.sum(m.fatalities), sa.func.sum(m.lat_e6), sa.func.sum(m.lon_e6))
    query = sa.select(m.cx, m.cy, m.event_type, n, *sums).where(*_where(flt, months))
    query = query.where(m.located == 1).group_by(m.cx, m.cy, m.event_type).having(n > 0)
    return [
        (int(x), int(y), str(k), int(c), int(f), int(la), int(lo))
        for x, y, k, c, f, la, lo in conn.execute(query)
    ]


def dated_between(lo: date | None, hi: date | None) -> list[ColumnElement[bool]]:
    """``event_date`` from ``lo`` to before ``hi`` (either open when None)."""
    c = events.c.event_date
    return [c >= lo] if hi is None else [c < hi] if lo is None else [c >= lo, c < hi]


def edge_rows(
    conn: Connection, flt: EventFilter, span: int, months: tuple[date, date] | None
) -> list[tuple[Any, ...]]:
    """``query.LIGHT_FIELDS`` of the window's events not dated in its whole months: those
    dated from ``span`` days before it to its first whole month, and from after its last one
    to ``span`` days after it (each read from the date index)."""
    assert flt.since and flt.until
    lo, hi = flt.since - timedelta(days=span), flt.until + timedelta(days=span + 1)
    ranges = [(lo, hi)] if months is None else [(lo, months[0]), (months[1], hi)]
    rows: list[tuple[Any, ...]] = []
    for start, end in ranges:
        query = apply_filter(sa.select(*q.LIGHT_COLUMNS), flt, paginate=False)
        rows += q.tuples(conn, query.where(*dated_between(start, end)))
    return rows


def merged_cells(*parts: list[CellRow]) -> list[CellRow]:
    """Cells of several reads summed per cell and type."""
    sums: dict[tuple[int, int, str], list[int]] = {}
    for rows in parts:
        for x, y, kind, *values in rows:
            cell = sums.setdefault((x, y, kind), [0, 0, 0, 0])
            for i, value in enumerate(values):
                cell[i] += value
    return sorted((x, y, k, n, f, la, lo) for (x, y, k), (n, f, la, lo) in sums.items())


@dataclasses.dataclass
class WindowCounts:
    """A window's total and map cells, and the dates its page is bounded by."""

    total: int
    cells: list[CellRow]
    dated: tuple[date, date]  # the dates (from, before) of every event the window selects

    @property
    def where(self) -> list[ColumnElement[bool]]:
        return dated_between(*self.dated)


def window_counts(conn: Connection, flt: EventFilter, span: int) -> WindowCounts:
    """The total and cells of the window view ``flt`` (``holds`` and ``in_order`` first)."""
    assert flt.since and flt.until
    months = whole_months(flt.since, flt.until)
    edge = edge_rows(conn, flt, span, months)
    total, cells = len(edge), cells_of_rows(edge)
    if months is not None:
        total += month_total(conn, flt, months)
        cells = merged_cells(cells, month_map(conn, flt, months))
    lo, hi = flt.since - timedelta(days=span), flt.until + timedelta(days=span + 1)
    return WindowCounts(total, cells, (lo, hi))


def page_ranges(
    dated: tuple[date, date], descending: bool, key_date: Any = None, days: int = 0
) -> Iterator[list[ColumnElement[bool]]]:
    """Conditions on ``event_date`` for reading a window's page: its last (``descending``) or
    first ``days`` (else ``FIRST_DAYS``), then twice as many, up to all its dates; after the
    event whose date is ``key_date`` (keyset paging), from that date on.  Every event a range
    leaves out comes after those it holds in the page's order: a range filling the page holds
    it."""
    lo, hi = dated
    if isinstance(key_date, date):
        lo, hi = (
            (lo, min(hi, key_date + timedelta(days=1))) if descending else (max(lo, key_date), hi)
        )
    days = days or FIRST_DAYS
    while True:
        start, end = (
            (max(lo, hi - timedelta(days=days)), hi)
            if descending
            else (lo, min(hi, lo + timedelta(days=days)))
        )
        yield dated_between(start, end)
        if start <= lo and end >= hi:
            return
        days *= 2


Page = list[tuple[str, Any]]  # (event id, sort value), as ``dashboard.page_rows`` reads them


def newest_page(
    conn: Connection,
    read: Callable[[list[ColumnElement[bool]]], Page],
    flt: EventFilter,
    count: int,
    key_date: Any = None,
) -> Page:
    """The date-ordered page of a view of ``count`` events on PostgreSQL, ``read`` (with extra
    conditions) from the store's last (or first) days, as many as should hold the page twice,
    doubled until it is full; then from every date.  The planner, which guesses a name's
    ``LIKE`` matches a few rows, otherwise scans the table and sorts (an actor's page at
    300,000 events: about 400 ms, against a few thousand rows read by the date index).  Where
    the order puts undated events first (descending), each read holds them too."""
    c = events.c.event_date
    lo, hi = conn.execute(sa.select(sa.func.min(c), sa.func.max(c))).one()
    limit = flt.offset + (flt.limit or q.MAX_LIMIT)
    if lo is None or not count:
        return read([])
    descending = flt.sort.startswith("-")
    stored = (hi - lo).days + 1
    days = max(1, -(-2 * limit * stored // count))
    for where in page_ranges((lo, hi + timedelta(days=1)), descending, key_date, days):
        found = read([sa.or_(sa.and_(*where), c.is_(None))] if descending else where)
        if len(found) == (flt.limit or q.MAX_LIMIT):
            return found
    return read([])
