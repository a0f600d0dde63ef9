"""The dashboard's map at 100,000 and 1,000,000 events: located events counted per grid cell
instead of 20,000 points read, sent and drawn one by one.

The cells are those of ``event_cells`` (migration 0014): 1/64 degree, column ``floor(longitude *
64)`` and row ``floor(latitude * 64)``, counted per event type with their fatalities and their
coordinates summed in micro-degrees (a cell's marker stands at its events' centroid).  A filter
the pre-aggregate holds (``dashboard.rollup_holds``) sums its rows; any other filter counts the
matching events per cell by SQL (``scan_cells``), with the very same cell and micro-degree
expressions, so both answer alike.  Cells are then merged by halves (1/32, 1/16 ... degree) until
at most ``MAX_CELLS`` remain: the zoom's resolution for a whole view; the browser's clusters
sum the cells' counts at closer zooms.  A filter that leaves few located events
(``FEW_POINTS``) is shown as its exact points instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnElement

from .query import EventFilter, apply_filter
from .schema import events

CELLS_PER_DEGREE = 64  # event_cells' resolution (migration 0014)
MICRO = 1_000_000
MAX_CELLS = 500  # cells sent at most: finer ones are merged by halves until they fit
FEW_POINTS = 1_000  # a view of at most this many located events shows its exact points

# (cell column, cell row, event type, events, killed, sum of latitudes and of longitudes in
# micro-degrees)
CellRow = tuple[int, int, str, int, int, int, int]


@dataclass(frozen=True)
class MapCells:
    """Located events counted per cell of ``size`` degrees and event type."""

    size: float  # the cells' side in degrees (1/64, or a power of two times it)
    rows: list[CellRow]

    @property
    def located(self) -> int:
        return sum(row[3] for row in self.rows)


class CellIndex(ColumnElement[int]):
    """``floor(value * 64)`` as an integer: the cell column or row of a longitude or latitude,
    written as migration 0014's triggers write it."""

    inherit_cache = False
    type = sa.Integer()

    def __init__(self, column: Any) -> None:
        self.column = column


@compiles(CellIndex, "sqlite")
def _cell_sqlite(element: CellIndex, compiler: SQLCompiler, **kw: Any) -> str:
    v = f"{compiler.process(element.column, **kw)} * {CELLS_PER_DEGREE}"
    return f"(CAST({v} AS INTEGER) - ({v} < CAST({v} AS INTEGER)))"


@compiles(CellIndex, "postgresql")
def _cell_pg(element: CellIndex, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(floor({compiler.process(element.column, **kw)} * {CELLS_PER_DEGREE}) AS INTEGER)"


class MicroDegrees(ColumnElement[int]):
    """A coordinate in micro-degrees, an integer (as migration 0014's triggers sum them)."""

    inherit_cache = False
    type = sa.BigInteger()

    def __init__(self, column: Any) -> None:
        self.column = column


@compiles(MicroDegrees, "sqlite")
def _micro_sqlite(element: MicroDegrees, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(round({compiler.process(element.column, **kw)} * {MICRO}) AS INTEGER)"


@compiles(MicroDegrees, "postgresql")
def _micro_pg(element: MicroDegrees, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(round({compiler.process(element.column, **kw)} * {MICRO}) AS BIGINT)"


def scan_cells(conn: Connection, flt: EventFilter) -> list[CellRow]:
    """The located events ``flt`` selects, counted per 1/64-degree cell and type by SQL."""
    c = events.c
    x, y = CellIndex(c.longitude), CellIndex(c.latitude)
    kind = sa.func.coalesce(c.event_type, "")
    query = sa.select(
        x,
        y,
        kind,
        sa.func.count(),
        sa.func.sum(sa.func.coalesce(c.fatalities, 0)),
        sa.func.sum(MicroDegrees(c.latitude)),
        sa.func.sum(MicroDegrees(c.longitude)),
    )
    query = apply_filter(query, flt, paginate=False)
    query = query.where(c.latitude.is_not(None), c.longitude.is_not(None))
    return _cell_rows(conn.execute(query.group_by(x, y, kind)))


def _cell_rows(result: Any) -> list[CellRow]:
    return [
        (int(x), int(y), str(t), int(n), int(k or 0), int(la), int(lo))
        for x, y, t, n, k, la, lo in result
        if n
    ]


def coarsened(rows: list[CellRow], max_cells: int = MAX_CELLS) -> MapCells:
    """``rows`` (1/64-degree cells) merged by halves until at most ``max_cells`` cells remain."""
    shift = 0
    while len({(x >> shift, y >> shift) for x, y, *_ in rows}) > max_cells:
        shift += 1
    if not shift:
        return MapCells(1 / CELLS_PER_DEGREE, sorted(rows))
    merged: dict[tuple[int, int, str], list[int]] = {}
    for x, y, kind, n, killed, lat, lon in rows:
        sums = merged.setdefault((x >> shift, y >> shift, kind), [0, 0, 0, 0])
        for i, value in enumerate((n, killed, lat, lon)):
            sums[i] += value
    found = [(x, y, t, n, k, la, lo) for (x, y, t), (n, k, la, lo) in merged.items()]
    return MapCells((1 << shift) / CELLS_PER_DEGREE, sorted(found))


# events and fatalities per (latitude, longitude, event type): what cells are counted from
Positions = dict[tuple[float, float, str], list[int]]


def count_position(at: Positions, row: tuple[Any, ...]) -> None:
    """Count a located ``query.LIGHT_FIELDS`` row at its position and type."""
    key = (row[7], row[8], row[4] or "")
    sums = at.get(key)
    if sums is None:
        sums = at[key] = [0, 0]
    sums[0] += 1
    sums[1] += row[6] or 0


def cells_of_positions(at: Positions) -> list[CellRow]:
    """The 1/64-degree cells of counted positions, as ``scan_cells`` counts them: each position
    is put in its cell once (events share their place's coordinates)."""
    merged: dict[tuple[int, int, str], list[int]] = {}
    for (lat, lon, kind), (n, killed) in at.items():
        key = (math.floor(lon * CELLS_PER_DEGREE), math.floor(lat * CELLS_PER_DEGREE), kind)
        cell = merged.setdefault(key, [0, 0, 0, 0])
        for i, value in enumerate((n, killed, n * _micro(lat), n * _micro(lon))):
            cell[i] += value
    return sorted((x, y, t, n, k, la, lo) for (x, y, t), (n, k, la, lo) in merged.items())


def cells_of_rows(rows: list[tuple[Any, ...]]) -> list[CellRow]:
    """Cells counted in Python from ``query.LIGHT_FIELDS`` rows: what ``scan_cells`` answers
    for the same events."""
    at: Positions = {}
    for row in rows:
        if row[7] is not None and row[8] is not None:
            count_position(at, row)
    return cells_of_positions(at)


def _micro(value: float) -> int:
    """SQL's ``round(value * 1e6)``: halves away from zero (Python's ``round`` goes to even)."""
    scaled = value * MICRO
    whole = int(abs(scaled) + 0.5)
    return whole if scaled >= 0 else -whole
