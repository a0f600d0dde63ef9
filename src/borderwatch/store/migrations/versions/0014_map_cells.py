"""The dashboard's map from a pre-aggregate: located events counted per grid cell.

``event_cells`` counts the events with coordinates per cell of 1/64 degree (about 1.7 km; the
cell's integer column and row, ``floor(longitude * 64)`` and ``floor(latitude * 64)``), event type,
country, confirmed or not, confidence in tenths and sources (1, 2, 3 or more) -- the keys of
``event_rollup`` (migration 0012) without the month -- with their fatalities and the sums of their
coordinates in micro-degrees (integers, so that adding and taking away events leaves the exact
sum a scan computes: the cell's marker stands at its events' centroid).  The map reads a few
thousand cells instead of 20,000 events' rows, and coarser cells (for the zoom) are summed from
these (``store.map_cells``).

Triggers keep it in step with every insert, update and delete of an event row, in the write's
own transaction (as 0012's do); the migration fills it from the events already stored.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"

CELLS_PER_DEGREE = 64
MICRO = 1_000_000
# Confidence in tenths, as event_rollup's (0012): the largest k with confidence >= k / 10.
_TENTHS = (
    "CASE "
    + " ".join(f"WHEN {{r}}.confidence >= {k / 10!r} THEN {k}" for k in range(10, -1, -1))
    + " ELSE -1 END"
)
# floor(v * 64) as an integer: SQLite's CAST truncates towards zero, PostgreSQL's rounds.
_SQLITE_CELL = (
    f"(CAST({{v}} * {CELLS_PER_DEGREE} AS INTEGER) - "
    f"({{v}} * {CELLS_PER_DEGREE} < CAST({{v}} * {CELLS_PER_DEGREE} AS INTEGER)))"
)
_PG_CELL = f"CAST(floor({{v}} * {CELLS_PER_DEGREE}) AS INTEGER)"
_SQLITE_MICRO = f"CAST(round({{v}} * {MICRO}) AS INTEGER)"
_PG_MICRO = f"CAST(round({{v}} * {MICRO}) AS BIGINT)"


def _keys(postgresql: bool, row: str) -> dict[str, str]:
    cell = _PG_CELL if postgresql else _SQLITE_CELL
    return {
        "cx": cell.format(v=f"{row}.longitude"),
        "cy": cell.format(v=f"{row}.latitude"),
        "event_type": f"coalesce({row}.event_type, '')",
        "country": f"coalesce({row}.country, '')",
        "exported": f"CASE WHEN {row}.modality IN ('asserted', 'reported') THEN 1 ELSE 0 END",
        "tenths": _TENTHS.format(r=row),
        "sources": f"{'least' if postgresql else 'min'}(coalesce({row}.n_sources, 0), 3)",
    }


def _sums(postgresql: bool, row: str) -> dict[str, str]:
    micro = _PG_MICRO if postgresql else _SQLITE_MICRO
    return {
        "fatalities": f"coalesce({row}.fatalities, 0)",
        "lat_e6": micro.format(v=f"{row}.latitude"),
        "lon_e6": micro.format(v=f"{row}.longitude"),
    }


def _count(postgresql: bool, row: str, sign: str) -> str:
    """The upsert adding (``+``) or taking away (``-``) the event ``row`` in its cell."""
    keys, sums = _keys(postgresql, row), _sums(postgresql, row)
    target = "event_cells AS c" if postgresql else "event_cells"
    old = "c." if postgresql else ""
    updates = ", ".join(f"{k} = {old}{k} {sign} {v}" for k, v in sums.items())
    located = f"{row}.latitude IS NOT NULL AND {row}.longitude IS NOT NULL"
    return (
        f"INSERT INTO {target} ({', '.join([*keys, 'n', *sums])}) "
        f"SELECT {', '.join(keys.values())}, {sign}1, "
        f"{', '.join(f'{sign}{v}' for v in sums.values())} WHERE {located} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = {old}n {sign} 1, {updates};"
    )


_PG_FUNCTION = f"""
CREATE FUNCTION borderwatch_event_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_count(True, "OLD", "-")}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_count(True, "NEW", "+")}
    END IF;
    RETURN NULL;
END $$;
"""


def _backfill(postgresql: bool) -> None:
    keys, sums = _keys(postgresql, "events"), _sums(postgresql, "events")
    op.execute(
        f"INSERT INTO event_cells ({', '.join([*keys, 'n', *sums])}) "
        f"SELECT {', '.join(keys.values())}, count(*), "
        f"{', '.join(f'sum({v})' for v in sums.values())} FROM events "
        "WHERE latitude IS NOT NULL AND longitude IS NOT NULL "
        f"GROUP BY {', '.join(keys.values())}"
    )


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "event_cells",
        sa.Column("cx", sa.Integer, nullable=False),
        sa.Column("cy", sa.Integer, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("exported", sa.Integer, nullable=False),
        sa.Column("tenths", sa.Integer, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("fatalities", sa.Integer, nullable=False),
        sa.Column("lat_e6", sa.BigInteger, nullable=False),
        sa.Column("lon_e6", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint(
            "cx", "cy", "event_type", "country", "exported", "tenths", "sources"
        ),
    )
    _backfill(postgresql)
    if postgresql:
        op.execute(_PG_FUNCTION)
        op.execute(
            "CREATE TRIGGER events_cells AFTER INSERT OR UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION borderwatch_event_cells()"
        )
        return
    added, removed = _count(False, "new", "+"), _count(False, "old", "-")
    op.execute(f"CREATE TRIGGER events_cells_insert AFTER INSERT ON events BEGIN {added} END")
    op.execute(f"CREATE TRIGGER events_cells_delete AFTER DELETE ON events BEGIN {removed} END")
    op.execute(
        f"CREATE TRIGGER events_cells_update AFTER UPDATE ON events BEGIN {removed} {added} END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_cells ON events")
        op.execute("DROP FUNCTION borderwatch_event_cells()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER events_cells_{name}")
    op.drop_table("event_cells")
