"""The dashboard at 100,000 and 1,000,000 events: filters answered from indexes and a
pre-aggregate instead of scans over every event's row.

* ``event_tags`` (event id, border tag): the tag filter reads an index instead of every
  payload's JSON.
* A free-text index over what the ``q`` filter searches (event id, type, sub-type, place,
  actors, notes, source sentences): SQLite's FTS5 with the trigram tokenizer (``events_fts``,
  its rowid is the event row's rowid), PostgreSQL's ``event_search`` with a pg_trgm GIN index.
  Both answer ``LIKE '%words%'`` from the index; the query keeps the old condition on the few
  rows found, so the answer is the old one exactly.
* ``event_rollup``: events counted (and fatalities summed) per month, event type, country,
  confirmed or not, confidence in tenths and sources (1, 2, 3 or more): the timeline and the
  total of the unfiltered dashboard (the common view) read a few thousand rows, not every event.
* Narrow covering indexes for the type, sub-type, country, confidence, sources and date filters.

Triggers keep all three in step with every insert, update and delete of an event row (fusion
deletes and re-inserts events, retractions delete them); the migration fills them from the
events already stored.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"

# The text the free-text filter searches, one field a line (store.query._free_text).
_SQLITE_DOC = """
    coalesce({r}.event_id, '') || char(10) || coalesce({r}.event_type, '') || char(10) ||
    coalesce({r}.sub_event_type, '') || char(10) || coalesce({r}.location, '') || char(10) ||
    coalesce({r}.actor1, '') || char(10) || coalesce({r}.actor2, '') || char(10) ||
    coalesce(json_extract({r}.payload, '$.notes'), '') || char(10) ||
    coalesce((SELECT group_concat(json_extract(s.value, '$.sentence'), char(10))
              FROM json_each({r}.payload, '$.sources') AS s), '')
"""
# Confidence in tenths: the largest k with confidence >= k / 10 (the same float comparison the
# min_confidence filter makes), -1 without a confidence.
_SQLITE_TENTHS = (
    "CASE "
    + " ".join(f"WHEN {{r}}.confidence >= {k / 10!r} THEN {k}" for k in range(10, -1, -1))
    + " ELSE -1 END"
)
_ROLLUP_KEY_SQLITE = {
    "month": "coalesce(substr({r}.event_date, 1, 7) || '-01', '')",
    "event_type": "coalesce({r}.event_type, '')",
    "country": "coalesce({r}.country, '')",
    "exported": "CASE WHEN {r}.modality IN ('asserted', 'reported') THEN 1 ELSE 0 END",
    "tenths": _SQLITE_TENTHS,
    "sources": "min(coalesce({r}.n_sources, 0), 3)",
}
SOURCES_CAP = 3  # the rollup's sources column: 0, 1, 2 or 3 and more


def _sqlite_rollup(row: str, sign: str) -> str:
    keys = {k: v.format(r=row) for k, v in _ROLLUP_KEY_SQLITE.items()}
    killed = f"coalesce({row}.fatalities, 0)"
    return (
        f"INSERT INTO event_rollup ({', '.join(keys)}, n, fatalities) "
        f"VALUES ({', '.join(keys.values())}, {sign}1, {sign}{killed}) "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = n {sign} 1, "
        f"fatalities = fatalities {sign} {killed};"
    )


def _sqlite_added(row: str) -> str:
    return (
        f"INSERT INTO event_tags (event_id, tag) SELECT {row}.event_id, t.value "
        f"FROM json_each({row}.payload, '$.tags') AS t WHERE t.type = 'text';\n"
        f"INSERT INTO events_fts (rowid, doc) VALUES ({row}.rowid, {_SQLITE_DOC.format(r=row)});\n"
        + _sqlite_rollup(row, "+")
    )


def _sqlite_removed(row: str) -> str:
    return (
        f"DELETE FROM event_tags WHERE event_id = {row}.event_id;\n"
        f"DELETE FROM events_fts WHERE rowid = {row}.rowid;\n" + _sqlite_rollup(row, "-")
    )


_PG_DOC = """
    lower(concat_ws(E'\\n', {r}.event_id, {r}.event_type, {r}.sub_event_type, {r}.location,
        {r}.actor1, {r}.actor2, CAST({r}.payload AS jsonb) ->> 'notes',
        (SELECT string_agg(s ->> 'sentence', E'\\n') FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(CAST({r}.payload AS jsonb) -> 'sources') = 'array'
            THEN CAST({r}.payload AS jsonb) -> 'sources' ELSE '[]'::jsonb END) AS s)))
"""
_PG_TENTHS = (
    "CASE "
    + " ".join(f"WHEN {{r}}.confidence >= {k / 10!r} THEN {k}" for k in range(10, -1, -1))
    + " ELSE -1 END"
)
_ROLLUP_KEY_PG = {
    "month": "coalesce(to_char({r}.event_date, 'YYYY-MM-01'), '')",
    "event_type": "coalesce({r}.event_type, '')",
    "country": "coalesce({r}.country, '')",
    "exported": "CASE WHEN {r}.modality IN ('asserted', 'reported') THEN 1 ELSE 0 END",
    "tenths": _PG_TENTHS,
    "sources": "least(coalesce({r}.n_sources, 0), 3)",
}


def _pg_rollup(row: str, sign: str) -> str:
    keys = {k: v.format(r=row) for k, v in _ROLLUP_KEY_PG.items()}
    killed = f"coalesce({row}.fatalities, 0)"
    return (
        f"INSERT INTO event_rollup AS r ({', '.join(keys)}, n, fatalities) "
        f"VALUES ({', '.join(keys.values())}, {sign}1, {sign}{killed}) "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = r.n {sign} 1, "
        f"fatalities = r.fatalities {sign} {killed};"
    )


_PG_TAGS = """
    INSERT INTO event_tags (event_id, tag) SELECT {r}.event_id, t FROM jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(CAST({r}.payload AS jsonb) -> 'tags') = 'array'
        THEN CAST({r}.payload AS jsonb) -> 'tags' ELSE '[]'::jsonb END) AS t;
"""
_PG_FUNCTION = f"""
CREATE FUNCTION borderwatch_event_indexes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM event_tags WHERE event_id = OLD.event_id;
        DELETE FROM event_search WHERE event_id = OLD.event_id;
        {_pg_rollup("OLD", "-")}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_PG_TAGS.format(r="NEW")}
        INSERT INTO event_search (event_id, doc) VALUES (NEW.event_id, {_PG_DOC.format(r="NEW")});
        {_pg_rollup("NEW", "+")}
    END IF;
    RETURN NULL;
END $$;
"""

# Narrow covering indexes: each filter reads a few small columns instead of the wide
# ix_events_light (16 columns) or the rows themselves.
INDEXES = {
    "ix_events_confidence": ["confidence", "modality", "n_sources", "event_date"],
    "ix_events_window": ["date_end", "date_start", "modality", "confidence"],
    "ix_events_sources": ["n_sources", "modality", "confidence"],
}
LOWER_INDEXES = {  # the filters compare lower-cased values
    "ix_events_sub_type_lower": "lower(sub_event_type), modality, confidence",
}
# (Not type or country: a store holds a handful of each, so an index on them only sends the
# list's and the map's queries to fetch a sixth or a half of the rows one by one and sort them,
# where reading the date index from the newest stops at the page or the map's cap; the rollup
# answers their totals and timeline.  Measured at 1,000,000 events: type 1.4 s with the index.)


def _tables() -> None:
    op.create_table(
        "event_tags",
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("tag", sa.Text, nullable=False),
    )
    op.create_index("ix_event_tags_tag", "event_tags", ["tag", "event_id"])
    op.create_index("ix_event_tags_event", "event_tags", ["event_id"])
    op.create_table(
        "event_rollup",
        sa.Column("month", sa.String(10), nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("exported", sa.Integer, nullable=False),
        sa.Column("tenths", sa.Integer, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("fatalities", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("month", "event_type", "country", "exported", "tenths", "sources"),
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns)
    for name, expressions in LOWER_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON events ({expressions})")


def _backfill_rollup(keys: dict[str, str]) -> None:
    exprs = {k: v.format(r="events") for k, v in keys.items()}
    op.execute(
        f"INSERT INTO event_rollup ({', '.join(exprs)}, n, fatalities) "
        f"SELECT {', '.join(exprs.values())}, count(*), sum(coalesce(fatalities, 0)) "
        f"FROM events GROUP BY {', '.join(exprs.values())}"
    )


def _upgrade_sqlite() -> None:
    op.execute("CREATE VIRTUAL TABLE events_fts USING fts5(doc, tokenize='trigram')")
    op.execute(
        "INSERT INTO event_tags (event_id, tag) SELECT e.event_id, t.value FROM events AS e, "
        "json_each(e.payload, '$.tags') AS t WHERE t.type = 'text'"
    )
    op.execute(
        f"INSERT INTO events_fts (rowid, doc) SELECT rowid, {_SQLITE_DOC.format(r='events')} "
        "FROM events"
    )
    _backfill_rollup(_ROLLUP_KEY_SQLITE)
    op.execute(
        "CREATE TRIGGER events_indexes_insert AFTER INSERT ON events BEGIN\n"
        f"{_sqlite_added('new')}\nEND"
    )
    op.execute(
        "CREATE TRIGGER events_indexes_delete AFTER DELETE ON events BEGIN\n"
        f"{_sqlite_removed('old')}\nEND"
    )
    op.execute(
        "CREATE TRIGGER events_indexes_update AFTER UPDATE ON events BEGIN\n"
        f"{_sqlite_removed('old')}\n{_sqlite_added('new')}\nEND"
    )


def _upgrade_postgresql() -> None:
    op.create_table(
        "event_search",
        sa.Column("event_id", sa.String(32), primary_key=True),
        sa.Column("doc", sa.Text, nullable=False),
    )
    op.execute(
        "INSERT INTO event_tags (event_id, tag) SELECT e.event_id, t FROM events AS e, "
        "jsonb_array_elements_text(CASE WHEN jsonb_typeof(CAST(e.payload AS jsonb) -> 'tags') "
        "= 'array' THEN CAST(e.payload AS jsonb) -> 'tags' ELSE '[]'::jsonb END) AS t"
    )
    op.execute(
        f"INSERT INTO event_search (event_id, doc) SELECT event_id, {_PG_DOC.format(r='events')} "
        "FROM events"
    )
    _backfill_rollup(_ROLLUP_KEY_PG)
    op.execute(_PG_FUNCTION)
    op.execute(
        "CREATE TRIGGER events_indexes AFTER INSERT OR UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION borderwatch_event_indexes()"
    )
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        return  # the free-text filter still works, by a scan of event_search
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return  # not allowed to install it here: a scan of event_search, as above
    op.execute("CREATE INDEX ix_event_search_doc ON event_search USING gin (doc gin_trgm_ops)")


def upgrade() -> None:
    _tables()
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_indexes ON events")
        op.execute("DROP FUNCTION borderwatch_event_indexes()")
        op.drop_table("event_search")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER events_indexes_{name}")
        op.execute("DROP TABLE events_fts")
    for name in [*INDEXES, *LOWER_INDEXES]:
        op.drop_index(name, "events")
    op.drop_table("event_rollup")
    op.drop_index("ix_event_tags_event", "event_tags")
    op.drop_index("ix_event_tags_tag", "event_tags")
    op.drop_table("event_tags")
