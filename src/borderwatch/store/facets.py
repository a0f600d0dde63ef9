"""The dashboard's one-filter views and map boxes at 1,000,000 events, from pre-aggregates.

A sub-type, place, actor or single border-tag filter alone (confirmed events or all) is answered
from migration 0015's ``event_facets`` (total, timeline by month) and ``facet_cells`` (map), and a
map box alone from 0014's ``event_cells`` and 0015's ``cell_months`` for the 1/64-degree cells
wholly inside it plus one read of the events in the cells on its edge (found through the
position indexes ``ix_events_lon``/``ix_events_lat``), instead of one pass over every matching
event's row (a box held a third of a million-event store: 1.0 s on SQLite).  The list's page is
its own ``ORDER BY ... LIMIT`` query either way (``dashboard.page_rows``).

The facets hold exactly what the filters compare: the lower-cased sub-type (``lower(x) = v``),
the location and both actors matched with the filters' own ``LIKE`` patterns (an event whose two
actors both match is one pair, counted once), the event's distinct tags.  A box's inside cells
are exact because ``x * 64`` is exact in binary floating point: a cell ``cx`` is wholly inside
``[west, east]`` when ``cx >= ceil(west * 64)`` and ``cx + 1 <= floor(east * 64)``.

Each table is keyed by confidence in tenths too (migration 0017, as ``event_rollup``): a
minimum confidence of whole tenths -- the dashboard's default 0.5 with every view it asks for
-- is a condition on the key, and the view is still answered here.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement

from . import query as q
from .map_cells import CELLS_PER_DEGREE, CellRow, cells_of_rows
from .query import EventFilter, apply_filter
from .schema import cell_months, event_cells, event_facets, event_tags, events, facet_cells

Timeline = list[tuple[str, str, int, int]]  # (month start, event type, events, killed)
# What a view of these filters may also set: they change neither which events match nor how
# they are counted (reviews are read elsewhere: dashboard_view returns before while any exist).
_FREE = ("limit", "offset", "sort", "include_unconfirmed", "include_rejected")
_DEFAULT = EventFilter()


def tenths_hold(flt: EventFilter) -> bool:
    """Whether a ``tenths`` key answers ``flt``'s minimum confidence: none, or whole tenths."""
    least = flt.min_confidence
    return least is None or round(least * 10) / 10 == least


def confident(flt: EventFilter, table: sa.Table) -> list[ColumnElement[bool]]:
    """``flt``'s minimum confidence on ``table``'s ``tenths`` (``tenths_hold`` first)."""
    if flt.min_confidence is None:
        return []
    return [table.c.tenths >= round(flt.min_confidence * 10)]


def _alone(flt: EventFilter, name: str) -> bool:
    """Whether ``name`` is the only filter ``flt`` sets (besides paging, confirmation and a
    minimum confidence of whole tenths)."""
    return tenths_hold(flt) and all(
        getattr(flt, f.name) == getattr(_DEFAULT, f.name)
        for f in dataclasses.fields(EventFilter)
        if f.name not in (*_FREE, "min_confidence", name)
    )


def facet_where(flt: EventFilter, table: sa.Table) -> list[ColumnElement[bool]] | None:
    """``flt``'s conditions on ``event_facets`` or ``facet_cells``; None when a facet does not
    hold it (another filter set too, or several tags, which an event may have two of)."""
    t = table.c
    conditions: list[ColumnElement[bool]]
    if flt.sub_event_type and _alone(flt, "sub_event_type"):
        conditions = [t.kind == "sub", t.v1 == flt.sub_event_type.lower()]
    elif flt.place and _alone(flt, "place"):
        conditions = [t.kind == "place", _named(table, "place", q.like_pattern(flt.place), 1)]
    elif flt.actor and _alone(flt, "actor"):
        conditions = [t.kind == "actor", _named(table, "actor", q.like_pattern(flt.actor), 2)]
    elif len(flt.tags) == 1 and _alone(flt, "tags"):
        conditions = [t.kind == "tag", t.v1 == flt.tags[0]]
    else:
        return None
    if not flt.include_unconfirmed:
        conditions.append(t.exported == 1)
    return conditions + confident(flt, table)


def _named(table: sa.Table, kind: str, pattern: str, values: int) -> ColumnElement[bool]:
    """The facet's names (``v1``, or ``v1`` or ``v2``) match ``pattern``: the pattern checked on
    each distinct name once (a store holds a few hundred), not on each of their rows (an
    actor pair has one a month, type, confirmation and tenth of confidence)."""
    names = _names(table, kind)
    matches = [sa.func.lower(names.c.v1).like(pattern, escape="\\")]
    if values == 2:
        matches.append(sa.func.lower(names.c.v2).like(pattern, escape="\\"))
    found = sa.select(names.c.v1, names.c.v2).where(sa.or_(*matches))
    return sa.tuple_(table.c.v1, table.c.v2).in_(found)


def _names(table: sa.Table, kind: str) -> sa.Subquery:
    """The distinct (``v1``, ``v2``) of ``kind`` in ``table``, found by seeking its key's index
    from one to the next (a loose index scan, two or three seeks a pair) instead of reading
    every row of the kind: 90 actor pairs had 62,000 rows at 100,000 events, read three times
    a view (``SELECT DISTINCT``: 50-90 ms a query on SQLite, this: 10-20)."""
    t = table.name
    first_v2 = f"(SELECT min(f.v2) FROM {t} AS f WHERE f.kind = :kind AND f.v1 = {{v1}})"
    next_v2 = (
        f"(SELECT min(f.v2) FROM {t} AS f WHERE f.kind = :kind AND f.v1 = p.v1 AND f.v2 > p.v2)"
    )
    next_v1 = f"(SELECT min(f.v1) FROM {t} AS f WHERE f.kind = :kind AND f.v1 > p.v1)"
    walk = sa.text(
        "WITH RECURSIVE pairs(v1, v2) AS ("
        f"SELECT m.v1, {first_v2.format(v1='m.v1')} "
        f"FROM (SELECT min(v1) AS v1 FROM {t} WHERE kind = :kind) AS m WHERE m.v1 IS NOT NULL "
        f"UNION ALL SELECT CASE WHEN {next_v2} IS NULL THEN {next_v1} ELSE p.v1 END, "
        f"coalesce({next_v2}, {first_v2.format(v1=next_v1)}) "
        "FROM pairs AS p WHERE p.v1 IS NOT NULL) "
        "SELECT v1, v2 FROM pairs WHERE v1 IS NOT NULL"
    )
    return walk.bindparams(kind=kind).columns(v1=sa.Text, v2=sa.Text).subquery(f"{kind}_names")


def facet_total(conn: Connection, where: list[ColumnElement[bool]]) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(event_facets.c.n), 0)).where(*where)
    return int(conn.execute(query).scalar_one())


def _months(conn: Connection, table: sa.Table, where: list[Any]) -> Timeline:
    t = table.c
    n = sa.func.sum(t.n)
    query = sa.select(t.month, t.event_type, n, sa.func.sum(t.fatalities)).where(*where)
    query = query.where(t.month != "").group_by(t.month, t.event_type).having(n > 0)
    return [(str(m), str(k), int(c), int(f)) for m, k, c, f in conn.execute(query)]


def facet_timeline(conn: Connection, where: list[ColumnElement[bool]]) -> Timeline:
    """(month start, type, events, killed) of the facet's dated events."""
    return _months(conn, event_facets, where)


def facet_counts(conn: Connection, where: list[ColumnElement[bool]]) -> tuple[int, Timeline]:
    """The facet's total and its timeline (``facet_total``, ``facet_timeline``) from one read
    of its rows (an actor's are thousands: each read 20-40 ms at 100,000 events)."""
    t = event_facets.c
    n = sa.func.sum(t.n)
    query = sa.select(t.month, t.event_type, n, sa.func.sum(t.fatalities)).where(*where)
    rows = conn.execute(query.group_by(t.month, t.event_type))
    counts = [(str(m), str(k), int(c), int(f)) for m, k, c, f in rows]
    return sum(c for _, _, c, _ in counts), [r for r in counts if r[0] and r[2] > 0]


def _cells(conn: Connection, table: sa.Table, where: list[Any]) -> list[CellRow]:
    t = table.c
    n = sa.func.sum(t.n)
    sums = (sa.func.sum(t.fatalities), sa.func.sum(t.lat_e6), sa.func.sum(t.lon_e6))
    query = sa.select(t.cx, t.cy, t.event_type, n, *sums).where(*where)
    query = query.group_by(t.cx, t.cy, t.event_type).having(n > 0)
    return [
        (int(x), int(y), str(k), int(c), int(f), int(la), int(lo))
        for x, y, k, c, f, la, lo in conn.execute(query)
    ]


def facet_map(conn: Connection, where: list[ColumnElement[bool]]) -> list[CellRow]:
    """The facet's located events per 1/64-degree cell and type."""
    return _cells(conn, facet_cells, where)


@dataclasses.dataclass(frozen=True)
class Box:
    """A map box's whole cells (columns ``x0..x1``, rows ``y0..y1``, inclusive) and the
    filter it came with."""

    flt: EventFilter
    x0: int
    x1: int
    y0: int
    y1: int

    def inside(self, table: sa.Table) -> list[ColumnElement[bool]]:
        t = table.c
        where: list[ColumnElement[bool]] = [
            t.cx.between(self.x0, self.x1),
            t.cy.between(self.y0, self.y1),
        ]
        if not self.flt.include_unconfirmed:
            where.append(t.exported == 1)
        return where + confident(self.flt, table)


def box_of(flt: EventFilter) -> Box | None:
    """The whole cells of ``flt``'s box when the box is its only filter; None when it is not,
    the box crosses the antimeridian, or no cell fits wholly inside it."""
    if flt.bbox is None or not _alone(flt, "bbox"):
        return None
    west, south, east, north = flt.bbox
    if west > east:
        return None
    x0, x1 = math.ceil(west * CELLS_PER_DEGREE), math.floor(east * CELLS_PER_DEGREE) - 1
    y0, y1 = math.ceil(south * CELLS_PER_DEGREE), math.floor(north * CELLS_PER_DEGREE) - 1
    if x0 > x1 or y0 > y1:
        return None
    return Box(flt, x0, x1, y0, y1)


def _strip(lon: tuple[float, float, bool], lat: tuple[float, float, bool]) -> list[Any]:
    """Conditions of a strip of the box: longitude and latitude from ``lo`` to ``hi`` (the high
    end included when the flag says so), the coordinate of the long side not read from an
    index (``query.Unindexed``), so that SQLite's planner reads the narrow side's index."""
    conditions = []
    for (lo, hi, closed), column, narrow in (
        (lon, events.c.longitude, lon[1] - lon[0] <= lat[1] - lat[0]),
        (lat, events.c.latitude, lat[1] - lat[0] < lon[1] - lon[0]),
    ):
        value: Any = column if narrow else q.Unindexed(column)
        conditions += [value >= lo, value <= hi if closed else value < hi]
    return conditions


def edge_rows(conn: Connection, box: Box) -> list[tuple[Any, ...]]:
    """``query.LIGHT_FIELDS`` of the box's events outside its whole cells: four strips (west,
    east, then south and north between them), each read from a position index."""
    west, south, east, north = box.flt.bbox or (0.0, 0.0, 0.0, 0.0)
    xa, xb = box.x0 / CELLS_PER_DEGREE, (box.x1 + 1) / CELLS_PER_DEGREE
    ya, yb = box.y0 / CELLS_PER_DEGREE, (box.y1 + 1) / CELLS_PER_DEGREE
    strips = (
        ((west, xa, False), (south, north, True)),
        ((xb, east, True), (south, north, True)),
        ((xa, xb, False), (south, ya, False)),
        ((xa, xb, False), (yb, north, True)),
    )
    rest = dataclasses.replace(box.flt, bbox=None)
    rows: list[tuple[Any, ...]] = []
    for lon, lat in strips:
        query = apply_filter(sa.select(*q.LIGHT_COLUMNS), rest, paginate=False)
        rows += q.tuples(conn, query.where(*_strip(lon, lat)))
    return rows


# A page read by walking the date index from the newest event (stopping at the page) when that
# reads at most this many rows, judged from the view's count: else the filter's own index finds
# its rows and they are sorted.  (At 1,000,000 events on SQLite, without stats, the planner
# read a tag's 130,000 ids or a sub-type's 40,000 rows and sorted them: 200-320 ms a page.)
WALK_ROWS = 20_000


def page_conditions(
    flt: EventFilter, count: int, stored: int
) -> tuple[EventFilter, list[ColumnElement[bool]]]:
    """``flt`` and extra conditions for the page of a facet or box view of ``count`` events in
    a store of ``stored``: its filter written so that no index but the date's answers it when
    walking the date index reads at most ``WALK_ROWS`` rows."""
    c = events.c
    walk = flt.sort.lstrip("-") not in q.SORTS or flt.sort.lstrip("-") == "date"
    if (
        not walk
        or not count
        or (flt.offset + (flt.limit or q.MAX_LIMIT)) * stored > (WALK_ROWS * count)
    ):
        return flt, []
    if flt.sub_event_type:
        named = sa.func.lower(q.Unindexed(c.sub_event_type)) == flt.sub_event_type.lower()
        return dataclasses.replace(flt, sub_event_type=None), [named]
    if flt.tags:
        tagged = sa.exists().where(
            event_tags.c.event_id == c.event_id, event_tags.c.tag == flt.tags[0]
        )
        return dataclasses.replace(flt, tags=()), [tagged]
    if flt.bbox:
        west, south, east, north = flt.bbox
        lon, lat = q.Unindexed(c.longitude), q.Unindexed(c.latitude)
        inside = [lon >= west, lon <= east, lat >= south, lat <= north]
        return dataclasses.replace(flt, bbox=None), inside
    return flt, []


def box_total(conn: Connection, box: Box, edge: list[tuple[Any, ...]]) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(event_cells.c.n), 0))
    return int(conn.execute(query.where(*box.inside(event_cells))).scalar_one()) + len(edge)


def box_map(conn: Connection, box: Box, edge: list[tuple[Any, ...]]) -> list[CellRow]:
    """The box's cells: the whole ones from ``event_cells``, the edge ones counted from their
    events (other cells: both lists together hold each cell once)."""
    return _cells(conn, event_cells, box.inside(event_cells)) + cells_of_rows(edge)


def box_timeline(conn: Connection, box: Box, edge: list[tuple[Any, ...]]) -> Timeline:
    """(month start, type, events, killed): the whole cells' from ``cell_months``, plus the
    edge's events counted by their month."""
    counts: dict[tuple[str, str], list[int]] = {}
    for month, kind, n, killed in _months(conn, cell_months, box.inside(cell_months)):
        counts[(month, kind)] = [n, killed]
    for row in edge:
        if row[1] is not None:
            sums = counts.setdefault((f"{row[1][:7]}-01", row[4] or ""), [0, 0])
            sums[0] += 1
            sums[1] += row[6] or 0
    return [(m, k, n, f) for (m, k), (n, f) in counts.items()]
