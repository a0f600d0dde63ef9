"""The dashboard's date brush at 1,000,000 events: a window's total and map from months.

A date window (alone, or with an event type and a country) read every event in it to count
its total and map: 84,000 rows for three months of a million-event store (0.5 s on SQLite).
``month_cells``, kept by triggers in the write's own transaction like 0014's and 0015's,
counts events per month, country, event type, confirmed or not and 1/64-degree cell (``located``
0: no coordinates, cell 0, 0), with fatalities and summed coordinates in micro-degrees
(``store.map_cells``): the months wholly inside a window are read from it, the days at its
ends from their events (``store.date_window``).

``month`` is the event's date's month only for an event whose dates are in order
(``date_start <= event_date <= date_end``): such an event dated inside a window overlaps it.
Any other event with a date is counted under ``'x'`` (a view then reads the events, as
before), an event without dates under ``''``.

``event_light`` copies the few columns a free-text view counts and pages by (date, type,
confirmed or not, fatalities, position, id), keyed as the free-text index (0012) answers: by
the events' rowid on SQLite (``ref``, ``events_fts``), by event id on PostgreSQL
(``event_search``; ``ref`` is null).  The matching events are counted, mapped and paged from
this narrow table instead of from their whole rows (``store.text_view``).

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"

CELLS_PER_DEGREE = 64
MICRO = 1_000_000
KEYS = ("month", "country", "event_type", "exported", "located", "cx", "cy")
SUMS = ("n", "fatalities", "lat_e6", "lon_e6")
# Confidence in tenths, as event_rollup's (0012): the largest k with confidence >= k / 10, -1
# without one.  Not a key here; migration 0017 adds it (``tenths=True``).
TENTHS = (
    "CASE "
    + " ".join(f"WHEN {{r}}.confidence >= {k / 10!r} THEN {k}" for k in range(10, -1, -1))
    + " ELSE -1 END"
)


def keyed(tenths: bool) -> tuple[str, ...]:
    """``month_cells``' key columns, with confidence in tenths when ``tenths`` (0017)."""
    return (*KEYS, "tenths") if tenths else KEYS
_MONTH = {
    False: "substr({r}.event_date, 1, 7) || '-01'",
    True: "to_char({r}.event_date, 'YYYY-MM-01')",
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


def _values(pg: bool, r: str) -> dict[str, str]:
    """The keys and summed values of event row ``r``."""
    located = f"{r}.latitude IS NOT NULL AND {r}.longitude IS NOT NULL"
    month = (
        f"CASE WHEN {r}.event_date IS NULL AND {r}.date_start IS NULL AND {r}.date_end IS NULL "
        f"THEN '' WHEN {r}.event_date IS NULL OR {r}.date_start IS NULL OR {r}.date_end IS NULL "
        f"OR {r}.date_start > {r}.event_date OR {r}.event_date > {r}.date_end THEN 'x' "
        f"ELSE {_MONTH[pg].format(r=r)} END"
    )

    def where_located(value: str) -> str:
        return f"CASE WHEN {located} THEN {value} ELSE 0 END"

    return {
        "month": month,
        "country": f"coalesce({r}.country, '')",
        "event_type": f"coalesce({r}.event_type, '')",
        "exported": f"CASE WHEN {r}.modality IN ('asserted', 'reported') THEN 1 ELSE 0 END",
        "located": f"CASE WHEN {located} THEN 1 ELSE 0 END",
        "tenths": TENTHS.format(r=r),
        "cx": where_located(_CELL[pg].format(v=f"{r}.longitude")),
        "cy": where_located(_CELL[pg].format(v=f"{r}.latitude")),
        "n": "1",
        "fatalities": f"coalesce({r}.fatalities, 0)",
        "lat_e6": where_located(_MICRO[pg].format(v=f"{r}.latitude")),
        "lon_e6": where_located(_MICRO[pg].format(v=f"{r}.longitude")),
    }


def _upsert(pg: bool, select: str, keys: tuple[str, ...]) -> str:
    old = "agg." if pg else ""
    target = "month_cells AS agg" if pg else "month_cells"
    updates = ", ".join(f"{s} = {old}{s} + excluded.{s}" for s in SUMS)
    return (
        f"INSERT INTO {target} ({', '.join([*keys, *SUMS])}) {select} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates};"
    )


def _change(pg: bool, r: str, sign: str, keys: tuple[str, ...]) -> str:
    """The statement adding (``+``) or taking away (``-``) event ``r`` in a trigger."""
    values = _values(pg, r)
    picked = [values[k] for k in keys] + [f"{sign}{values[s]}" for s in SUMS]
    return _upsert(pg, f"SELECT {', '.join(picked)}", keys)


def _fill(pg: bool, keys: tuple[str, ...]) -> str:
    values = _values(pg, "events")
    sums = ["count(*)"] + [f"sum({values[s]})" for s in SUMS[1:]]
    group = ", ".join(str(i) for i in range(1, len(keys) + 1))
    picked = ", ".join([*(values[k] for k in keys), *sums])
    return (
        f"INSERT INTO month_cells ({', '.join([*keys, *SUMS])}) "
        f"SELECT {picked} FROM events GROUP BY {group}"
    )


_LIGHT = (
    "{r}.event_id, {r}.event_date, {r}.event_type, "
    "CASE WHEN {r}.modality IN ('asserted', 'reported') THEN 1 ELSE 0 END, "
    "{r}.fatalities, {r}.latitude, {r}.longitude"
)
# 0017 adds the event's confidence (the free-text view's minimum confidence, compared as the
# filter compares it)
_CONFIDENT = ", {r}.confidence"


def _light(confidence: bool) -> str:
    return _LIGHT + _CONFIDENT if confidence else _LIGHT


def _light_columns(confidence: bool) -> str:
    return (
        "event_date DATE, event_type TEXT, exported INTEGER NOT NULL, fatalities INTEGER, "
        "latitude FLOAT, longitude FLOAT" + (", confidence FLOAT" if confidence else "")
    )


def light_sqlite(confidence: bool = False) -> None:
    """``event_light`` and its triggers (with the events' confidence when ``confidence``:
    0017)."""
    light = _light(confidence)
    op.execute(
        "CREATE TABLE event_light (ref INTEGER PRIMARY KEY, event_id VARCHAR(32) NOT NULL, "
        f"{_light_columns(confidence)})"
    )
    op.execute(f"INSERT INTO event_light SELECT rowid, {light.format(r='events')} FROM events")
    # a search's page: the newest events walked in order, each checked against the index's
    op.execute("CREATE INDEX ix_event_light_date ON event_light (event_date, exported)")
    added = f"INSERT OR REPLACE INTO event_light SELECT new.rowid, {light.format(r='new')};"
    removed = "DELETE FROM event_light WHERE ref = old.rowid;"
    op.execute(f"CREATE TRIGGER events_light_insert AFTER INSERT ON events BEGIN {added} END")
    op.execute(f"CREATE TRIGGER events_light_delete AFTER DELETE ON events BEGIN {removed} END")
    op.execute(
        f"CREATE TRIGGER events_light_update AFTER UPDATE ON events BEGIN {removed} {added} END"
    )


def light_postgresql(confidence: bool = False) -> None:
    """``event_light`` and its trigger on PostgreSQL (see ``light_sqlite``)."""
    light = _light(confidence)
    op.execute(
        "CREATE TABLE event_light (ref BIGINT, event_id VARCHAR(32) PRIMARY KEY, "
        f"{_light_columns(confidence)})"
    )
    op.execute(f"INSERT INTO event_light SELECT NULL, {light.format(r='events')} FROM events")
    op.execute("CREATE INDEX ix_event_light_date ON event_light (event_date, exported)")
    op.execute(
        "CREATE FUNCTION borderwatch_event_light() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\nIF TG_OP IN ('UPDATE', 'DELETE') THEN\n"
        "DELETE FROM event_light WHERE event_id = OLD.event_id;\nEND IF;\n"
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
        f"INSERT INTO event_light SELECT NULL, {light.format(r='NEW')};\nEND IF;\n"
        "RETURN NULL;\nEND $$;"
    )
    op.execute(
        "CREATE TRIGGER events_light AFTER INSERT OR UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION borderwatch_event_light()"
    )
    op.execute("ANALYZE event_light")


def upgrade() -> None:
    month_cells(tenths=False)
    if op.get_bind().dialect.name == "postgresql":
        light_postgresql()
    else:
        light_sqlite()


def month_cells(tenths: bool, clustered: bool = False) -> None:
    """``month_cells``, filled, and its triggers (keyed by confidence in tenths too when
    ``tenths``, stored in its key's order on SQLite when ``clustered``: 0017)."""
    pg = op.get_bind().dialect.name == "postgresql"
    keys = keyed(tenths)
    op.create_table(
        "month_cells",
        sa.Column("month", sa.String(10), nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("exported", sa.Integer, nullable=False),
        sa.Column("located", sa.Integer, nullable=False),
        sa.Column("cx", sa.Integer, nullable=False),
        sa.Column("cy", sa.Integer, nullable=False),
        *([sa.Column("tenths", sa.Integer, nullable=False)] if tenths else []),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("fatalities", sa.Integer, nullable=False),
        sa.Column("lat_e6", sa.BigInteger, nullable=False),
        sa.Column("lon_e6", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint(*keys),
        **({"sqlite_with_rowid": False} if clustered else {}),
    )
    op.execute(_fill(pg, keys))
    added, removed = (
        _change(pg, "NEW" if pg else "new", "+", keys),
        _change(pg, "OLD" if pg else "old", "-", keys),
    )
    if pg:
        op.execute(
            "CREATE FUNCTION borderwatch_month_cells() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\nIF TG_OP IN ('UPDATE', 'DELETE') THEN\n{removed}\nEND IF;\n"
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN\n{added}\nEND IF;\nRETURN NULL;\nEND $$;"
        )
        op.execute(
            "CREATE TRIGGER events_month_cells AFTER INSERT OR UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION borderwatch_month_cells()"
        )
        op.execute("ANALYZE month_cells")
        return
    op.execute(f"CREATE TRIGGER events_month_cells_insert AFTER INSERT ON events BEGIN {added} END")
    op.execute(
        f"CREATE TRIGGER events_month_cells_delete AFTER DELETE ON events BEGIN {removed} END"
    )
    op.execute(
        f"CREATE TRIGGER events_month_cells_update AFTER UPDATE ON events BEGIN {removed} {added} END"
    )


def downgrade() -> None:
    drop_tables()


def drop_tables() -> None:
    """Drop ``month_cells``, ``event_light`` and their triggers (0017 recreates them)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_month_cells ON events")
        op.execute("DROP FUNCTION borderwatch_month_cells()")
        op.execute("DROP TRIGGER events_light ON events")
        op.execute("DROP FUNCTION borderwatch_event_light()")
        op.drop_table("event_light")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER events_month_cells_{name}")
            op.execute(f"DROP TRIGGER events_light_{name}")
        op.drop_table("event_light")
    op.drop_table("month_cells")
