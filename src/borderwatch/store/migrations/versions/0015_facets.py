"""The dashboard at 1,000,000 events: one-filter views and map boxes from pre-aggregates.

A sub-type, place, actor or border-tag filter (alone), or a map box, selected up to a third of
the events, and the dashboard read every one of their rows to count its total, map and
timeline (0.7-1.0 s at a million on SQLite).  Three tables, kept by triggers in the write's own
transaction like 0012's and 0014's, answer them from a few thousand rows:

* ``event_facets``: events counted (and fatalities summed) per facet -- ``kind`` ``sub`` (the
  lower-cased sub-type), ``place`` (the location), ``actor`` (actor 1 and actor 2 as a pair, so
  that an event whose two actors both match a name is counted once) or ``tag`` (each distinct
  border tag) -- and month, event type and confirmed or not: the total and the timeline;
* ``facet_cells``: the same facets' located events per 1/64-degree cell and type, with the sums
  of 0014's ``event_cells``: the map;
* ``cell_months``: located events per cell, month, type and confirmed or not: a box's timeline
  from the cells wholly inside it (the cells on its edge are read from their events, found by
  the two position indexes added here).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"

CELLS_PER_DEGREE = 64
MICRO = 1_000_000
_EXPORTED = "CASE WHEN {r}.modality IN ('asserted', 'reported') THEN 1 ELSE 0 END"
_MONTH = {  # as event_rollup's month (0012)
    False: "coalesce(substr({r}.event_date, 1, 7) || '-01', '')",
    True: "coalesce(to_char({r}.event_date, 'YYYY-MM-01'), '')",
}
_CELL = {  # floor(v * 64) as an integer, as 0014's
    False: (
        f"(CAST({{v}} * {CELLS_PER_DEGREE} AS INTEGER) - "
        f"({{v}} * {CELLS_PER_DEGREE} < CAST({{v}} * {CELLS_PER_DEGREE} AS INTEGER)))"
    ),
    True: f"CAST(floor({{v}} * {CELLS_PER_DEGREE}) AS INTEGER)",
}
_MICRO = {
    False: f"CAST(round({{v}} * {MICRO}) AS INTEGER)",
    True: f"CAST(round({{v}} * {MICRO}) AS BIGINT)",
}
# The event's tags as event_tags holds them (0012), one row each, in a trigger.
_TAGS = {
    False: "json_each({r}.payload, '$.tags') AS t",
    True: (
        "jsonb_array_elements_text(CASE WHEN jsonb_typeof(CAST({r}.payload AS jsonb) -> 'tags') "
        "= 'array' THEN CAST({r}.payload AS jsonb) -> 'tags' ELSE '[]'::jsonb END) AS t(value)"
    ),
}
FACET_KEYS = ("kind", "v1", "v2", "month", "event_type", "exported")
CELL_KEYS = ("kind", "v1", "v2", "cx", "cy", "event_type", "exported")
MONTH_KEYS = ("cx", "cy", "month", "event_type", "exported")
# Confidence in tenths, as event_rollup's (0012): the largest k with confidence >= k / 10, -1
# without one.  Not a key here; migration 0017 adds it to the three tables (``tenths=True``).
TENTHS = (
    "CASE "
    + " ".join(f"WHEN {{r}}.confidence >= {k / 10!r} THEN {k}" for k in range(10, -1, -1))
    + " ELSE -1 END"
)


def keyed(names: tuple[str, ...], tenths: bool) -> tuple[str, ...]:
    """A table's key columns, with confidence in tenths last when ``tenths`` (0017)."""
    return (*names, "tenths") if tenths else names


def _primary(names: tuple[str, ...], tenths: bool) -> tuple[str, ...]:
    """The order of a facet table's primary key: its columns' order, or with ``tenths`` (0017)
    confirmation and confidence right after the facet's names, where a view's seek skips the
    rows it does not count (``exported = 1 AND tenths >= 5``: 40% of an actor's rows)."""
    if not tenths:
        return names
    first = ("kind", "v1", "v2", "exported", "tenths")
    return (*first, *(n for n in names if n not in first))


def _facets(postgresql: bool, r: str, trigger: bool) -> list[tuple[str, str, str, str]]:
    """(kind, v1, v2, FROM-and-WHERE) of the facets of event row ``r``: in a trigger the row is
    ``NEW``/``OLD``; filling, ``r`` is ``events`` and the tags are read from event_tags."""
    if trigger:
        strings = "" if postgresql else " WHERE t.type = 'text'"
        tags = f"FROM {_TAGS[postgresql].format(r=r)}{strings}"
        tag = ("'tag'", "t.value", "''", tags)
    else:
        tag = (
            "'tag'",
            "t.tag",
            "''",
            "FROM events JOIN (SELECT DISTINCT event_id, tag FROM event_tags) AS t "
            "ON t.event_id = events.event_id",
        )
    rows = "" if trigger else "FROM events "
    return [
        (
            "'sub'",
            f"lower({r}.sub_event_type)",
            "''",
            f"{rows}WHERE {r}.sub_event_type IS NOT NULL",
        ),
        ("'place'", f"{r}.location", "''", f"{rows}WHERE {r}.location IS NOT NULL"),
        ("'actor'", f"coalesce({r}.actor1, '')", f"coalesce({r}.actor2, '')", rows),
        tag,
    ]


def _keys(postgresql: bool, r: str) -> dict[str, str]:
    cell = _CELL[postgresql]
    return {
        "tenths": TENTHS.format(r=r),
        "month": _MONTH[postgresql].format(r=r),
        "event_type": f"coalesce({r}.event_type, '')",
        "exported": _EXPORTED.format(r=r),
        "cx": cell.format(v=f"{r}.longitude"),
        "cy": cell.format(v=f"{r}.latitude"),
    }


def _sums(postgresql: bool, r: str, sign: str, trigger: bool) -> dict[str, str]:
    micro = _MICRO[postgresql]
    values = {
        "n": "1",
        "fatalities": f"coalesce({r}.fatalities, 0)",
        "lat_e6": micro.format(v=f"{r}.latitude"),
        "lon_e6": micro.format(v=f"{r}.longitude"),
    }
    if trigger:
        return {k: f"{sign}{v}" for k, v in values.items()}
    return {k: "count(*)" if k == "n" else f"sum({v})" for k, v in values.items()}


def _upserts(
    postgresql: bool, r: str, sign: str, trigger: bool, tenths: bool = False
) -> list[str]:
    """The statements adding (``+``) or taking away (``-``) event ``r`` (filling: every event)
    in the three tables (keyed by confidence in tenths too when ``tenths``: 0017)."""
    keys, sums = _keys(postgresql, r), _sums(postgresql, r, sign, trigger)
    located = f"{r}.latitude IS NOT NULL AND {r}.longitude IS NOT NULL"
    statements = []
    for table, key_names, sum_names in (
        ("event_facets", keyed(FACET_KEYS, tenths), ("n", "fatalities")),
        ("facet_cells", keyed(CELL_KEYS, tenths), ("n", "fatalities", "lat_e6", "lon_e6")),
    ):
        for kind, v1, v2, source in _facets(postgresql, r, trigger):
            values = {"kind": kind, "v1": v1, "v2": v2, **keys}
            where = source if "WHERE" in source else f"{source} WHERE true"
            if table == "facet_cells":
                where += f" AND {located}"
            picked = [values[k] for k in key_names]
            select = "SELECT DISTINCT" if trigger and kind == "'tag'" else "SELECT"
            group = "" if trigger else f" GROUP BY {_positions(len(picked))}"
            statements.append(
                _upsert(
                    table,
                    key_names,
                    sum_names,
                    f"{select} {', '.join(picked)}, "
                    f"{', '.join(sums[s] for s in sum_names)} {where}{group}",
                    postgresql,
                )
            )
    picked = [keys[k] for k in keyed(MONTH_KEYS, tenths)]
    group = "" if trigger else f" GROUP BY {_positions(len(picked))}"
    rows = "" if trigger else " FROM events"
    statements.append(
        _upsert(
            "cell_months",
            keyed(MONTH_KEYS, tenths),
            ("n", "fatalities"),
            f"SELECT {', '.join(picked)}, "
            f"{sums['n']}, {sums['fatalities']}{rows} WHERE {located}{group}",
            postgresql,
        )
    )
    return statements


def _positions(n: int) -> str:
    """GROUP BY the first ``n`` columns, by position (PostgreSQL groups by no constant)."""
    return ", ".join(str(i) for i in range(1, n + 1))


def _upsert(table: str, keys: tuple[str, ...], sums: tuple[str, ...], select: str, pg: bool) -> str:
    old = "agg." if pg else ""
    target = f"{table} AS agg" if pg else table
    updates = ", ".join(f"{s} = {old}{s} + excluded.{s}" for s in sums)
    return (
        f"INSERT INTO {target} ({', '.join([*keys, *sums])}) {select} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates};"
    )


def _counts() -> list[sa.Column]:
    return [sa.Column(k, sa.Integer, nullable=False) for k in ("n", "fatalities")]


def _facet_columns() -> list[sa.Column]:
    return [sa.Column(k, sa.Text, nullable=False) for k in ("kind", "v1", "v2")]


def _tenths(tenths: bool) -> list[sa.Column]:
    return [sa.Column("tenths", sa.Integer, nullable=False)] if tenths else []


def _tables(tenths: bool = False, clustered: bool = False) -> None:
    """The three tables (with confidence in tenths when ``tenths``, stored in their key's order
    on SQLite when ``clustered``: 0017)."""
    options = {"sqlite_with_rowid": False} if clustered else {}
    op.create_table(
        "event_facets",
        *_facet_columns(),
        sa.Column("month", sa.String(10), nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("exported", sa.Integer, nullable=False),
        *_tenths(tenths),
        *_counts(),
        sa.PrimaryKeyConstraint(*_primary(keyed(FACET_KEYS, tenths), tenths)),
        **options,
    )
    op.create_table(
        "facet_cells",
        *_facet_columns(),
        sa.Column("cx", sa.Integer, nullable=False),
        sa.Column("cy", sa.Integer, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("exported", sa.Integer, nullable=False),
        *_tenths(tenths),
        *_counts(),
        sa.Column("lat_e6", sa.BigInteger, nullable=False),
        sa.Column("lon_e6", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint(*_primary(keyed(CELL_KEYS, tenths), tenths)),
        **options,
    )
    op.create_table(
        "cell_months",
        sa.Column("cx", sa.Integer, nullable=False),
        sa.Column("cy", sa.Integer, nullable=False),
        sa.Column("month", sa.String(10), nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("exported", sa.Integer, nullable=False),
        *_tenths(tenths),
        *_counts(),
        sa.PrimaryKeyConstraint(*keyed(MONTH_KEYS, tenths)),
        **options,
    )


def _indexes() -> None:
    # a box's edge cells: their events found by position, not by reading the box's every row
    op.create_index("ix_events_lon", "events", ["longitude", "latitude", "modality"])
    op.create_index("ix_events_lat", "events", ["latitude", "longitude", "modality"])


def upgrade() -> None:
    _tables()
    _indexes()
    fill_and_keep()


def fill_and_keep(tenths: bool = False) -> None:
    """Fill the three tables from the events stored and create the triggers that keep them
    (keyed by confidence in tenths too when ``tenths``: 0017)."""
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _upserts(postgresql, "events", "+", trigger=False, tenths=tenths):
        op.execute(statement.rstrip(";"))
    new, old = ("NEW", "OLD") if postgresql else ("new", "old")
    added = "\n".join(_upserts(postgresql, new, "+", trigger=True, tenths=tenths))
    removed = "\n".join(_upserts(postgresql, old, "-", trigger=True, tenths=tenths))
    if postgresql:
        op.execute(
            "CREATE FUNCTION borderwatch_event_facets() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\nIF TG_OP IN ('UPDATE', 'DELETE') THEN\n{removed}\nEND IF;\n"
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN\n{added}\nEND IF;\nRETURN NULL;\nEND $$;"
        )
        op.execute(
            "CREATE TRIGGER events_facets AFTER INSERT OR UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION borderwatch_event_facets()"
        )
        # the planner's statistics now, not when autovacuum next passes: without them it
        # guesses the new tables' sizes (and the box's strips' index) from nothing
        op.execute("ANALYZE event_facets, facet_cells, cell_months, events")
        return
    op.execute(f"CREATE TRIGGER events_facets_insert AFTER INSERT ON events BEGIN {added} END")
    op.execute(f"CREATE TRIGGER events_facets_delete AFTER DELETE ON events BEGIN {removed} END")
    op.execute(
        f"CREATE TRIGGER events_facets_update AFTER UPDATE ON events BEGIN {removed} {added} END"
    )


def downgrade() -> None:
    drop_tables()
    op.drop_index("ix_events_lat", "events")
    op.drop_index("ix_events_lon", "events")


def drop_tables() -> None:
    """Drop the triggers and the three tables (0017 recreates them)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_facets ON events")
        op.execute("DROP FUNCTION borderwatch_event_facets()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER events_facets_{name}")
    for table in ("cell_months", "facet_cells", "event_facets"):
        op.drop_table(table)
