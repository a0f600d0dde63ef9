"""The dashboard's free-text view at 1,000,000 events, from the free-text index and a narrow
table.

A free-text filter (alone) selected tens of thousands of events (71,000 for a town's name in
a million-event store), and the dashboard read each one's whole row, payload and all, to count
its total, map and timeline and sort its page (0.8 s on SQLite).  The free-text index
(migration 0012) answers with the events' rowids (SQLite) or ids (PostgreSQL), and migration
0016's ``event_light`` holds, keyed so, just what the view counts: so the total, the map's positions
and the day counts are one ``GROUP BY`` over that narrow table, and the page one sorted
``LIMIT`` over it; only the page's payloads are read from ``events``.

Used where the index's answer is the filter's answer (``query.index_is_exact``: printable ASCII
of three characters or more), the view sorted by date, and the first page (after an event,
keyset paging reads as before).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import query as q
from .map_cells import CellRow, Positions, cells_of_positions
from .query import EventFilter
from .schema import event_light

# What a free-text view may also set (a minimum confidence: ``event_light.confidence``, 0017).
_FREE = (
    "text",
    "limit",
    "offset",
    "sort",
    "include_unconfirmed",
    "include_rejected",
    "min_confidence",
)
_DEFAULT = EventFilter()


def holds(conn: Connection, flt: EventFilter) -> bool:
    """Whether ``flt`` is a free-text filter alone that the index answers exactly, in date
    order."""
    if not flt.text or not q.index_is_exact(flt.text):
        return False
    if flt.sort.lstrip("-") != "date":
        return False
    return all(
        getattr(flt, f.name) == getattr(_DEFAULT, f.name)
        for f in dataclasses.fields(EventFilter)
        if f.name not in _FREE
    )


@dataclass
class TextCounts:
    """A free-text view's total, located events per cell, and (day, type, events, killed)."""

    total: int
    located: int
    cells: list[CellRow]
    days: list[tuple[str, str, int, int]]


def _matching(conn: Connection, flt: EventFilter, walk: bool = False) -> list[Any]:
    """``event_light``'s rows the free-text index finds (confirmed ones unless asked); when
    ``walk``, written so that only the date index's order reads them (``query.Unindexed``).
    SQLite's index answers with rowids (``ref``), PostgreSQL's with event ids."""
    text = flt.text or ""
    t = event_light.c
    ref, exported = (q.Unindexed(t.ref), q.Unindexed(t.exported)) if walk else (t.ref, t.exported)
    if conn.dialect.name == "postgresql":
        found = sa.text("SELECT event_id FROM event_search WHERE doc LIKE :pattern")
        found = found.bindparams(pattern=f"%{text.lower()}%")
        where: list[Any] = [t.event_id.in_(found)]
    else:
        found = sa.text("SELECT rowid FROM events_fts WHERE events_fts MATCH :phrase")
        where = [ref.in_(found.bindparams(phrase='"' + text.replace('"', '""') + '"'))]
    if not flt.include_unconfirmed:
        where.append(exported == 1)
    if flt.min_confidence is not None:
        sure = q.Unindexed(t.confidence) if walk else t.confidence
        where.append(sure >= flt.min_confidence)
    return where


def _counted(rows: Iterable[tuple[Any, ...]]) -> TextCounts:
    """Counts of (day, type, latitude, longitude, events, killed) rows."""
    total = located = 0
    days: dict[tuple[str, str], list[int]] = {}
    positions: Positions = {}
    for when, kind, lat, lon, n, dead in rows:
        total += n
        if when is not None:
            sums = days.setdefault((when, kind or ""), [0, 0])
            sums[0] += n
            sums[1] += dead
        if lat is not None and lon is not None:
            located += n
            at = positions.setdefault((lat, lon, kind or ""), [0, 0])
            at[0] += n
            at[1] += dead
    return TextCounts(
        total=total,
        located=located,
        cells=cells_of_positions(positions),
        days=[(d, k, n, dead) for (d, k), (n, dead) in days.items()],
    )


def counts(conn: Connection, flt: EventFilter) -> TextCounts:
    """The view's counts from one ``GROUP BY`` of its events' day, type and position."""
    t = event_light.c
    day = sa.cast(t.event_date, sa.String)
    killed = sa.func.sum(sa.func.coalesce(t.fatalities, 0))
    query = sa.select(day, t.event_type, t.latitude, t.longitude, sa.func.count(), killed)
    query = query.where(*_matching(conn, flt))
    return _counted(q.tuples(conn, query.group_by(*query.selected_columns[:4])))


def read_once(conn: Connection, flt: EventFilter) -> tuple[TextCounts, list[str]]:
    """PostgreSQL's counts and page from one read of the matching rows: its index's answer
    is rechecked on each row it finds (the trigram ``LIKE``, about 95 ms for 21,000 events at
    300,000), which two queries would pay twice.  Sorted as ``query.order_by`` with
    PostgreSQL's nulls: undated events first newest-first, last oldest-first."""
    t = event_light.c
    day = sa.cast(t.event_date, sa.String)
    query = sa.select(t.event_id, day, t.event_type, t.latitude, t.longitude, t.fatalities)
    rows = q.tuples(conn, query.where(*_matching(conn, flt)))
    found = _counted((d, k, la, lo, 1, f or 0) for _, d, k, la, lo, f in rows)
    rows.sort(key=lambda r: r[0])
    rows.sort(key=lambda r: (r[1] is None, r[1] or ""), reverse=flt.sort.startswith("-"))
    first = flt.offset
    return found, [r[0] for r in rows[first : first + (flt.limit or q.MAX_LIMIT)]]


def page_ids(conn: Connection, flt: EventFilter, walk: bool) -> list[str]:
    """The page's event ids, sorted by date (either way) and then id as the list is; ``walk``:
    read by walking the date index from the newest (or oldest) event, each row checked against
    the index's answer, instead of sorting every matching row (a town's 64,000 events at
    1,000,000: 110 -> 50 ms), which pays when the view's share of the store is large
    (``facets.WALK_ROWS``)."""
    t = event_light.c
    key = t.event_date.desc() if flt.sort.startswith("-") else t.event_date.asc()
    query = sa.select(t.event_id).where(*_matching(conn, flt, walk)).order_by(key, t.event_id)
    query = query.limit(flt.limit or q.MAX_LIMIT).offset(flt.offset)
    return [row[0] for row in conn.execute(query)]
