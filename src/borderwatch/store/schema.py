"""Table definitions for queries; the migrations in ``migrations/versions`` create them."""

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_key", sa.String(32), primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("published_from", sa.String(16)),
    sa.Column("title", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("near_duplicate_of", sa.String(32)),
    sa.Column("ingested_at", sa.DateTime),
    sa.Column("minhash", sa.Text),
    sa.Column("retracted_at", sa.DateTime),
)
doc_bands = sa.Table(
    "doc_bands",
    metadata,
    sa.Column("band", sa.String(40)),
    sa.Column("doc_key", sa.String(32)),
)
mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("mention_id", sa.String(32), primary_key=True),
    sa.Column("doc_key", sa.String(32)),
    sa.Column("event_type", sa.Text),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("modality", sa.String(16)),
    sa.Column("payload", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
)
events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(32), primary_key=True),
    sa.Column("event_type", sa.Text),
    sa.Column("sub_event_type", sa.Text),
    sa.Column("event_date", sa.Date),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("location", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("actor1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("fatalities", sa.Integer),
    sa.Column("confidence", sa.Float),
    sa.Column("modality", sa.String(16)),
    sa.Column("n_sources", sa.Integer),
    sa.Column("payload", sa.Text),
    sa.Column("updated_at", sa.DateTime),
)
# Kept by triggers from ``events`` (migration 0012): the border tags, and the pre-aggregate the
# dashboard's timeline and total read (events per month, type, country, confirmed or not,
# confidence in tenths, sources 0-3+).
event_tags = sa.Table(
    "event_tags",
    metadata,
    sa.Column("event_id", sa.String(32)),
    sa.Column("tag", sa.Text),
)
event_rollup = sa.Table(
    "event_rollup",
    metadata,
    sa.Column("month", sa.String(10)),
    sa.Column("event_type", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("exported", sa.Integer),
    sa.Column("tenths", sa.Integer),
    sa.Column("sources", sa.Integer),
    sa.Column("n", sa.Integer),
    sa.Column("fatalities", sa.Integer),
)
# Kept by triggers from ``events`` (migration 0014): located events counted per map cell of
# 1/64 degree (``cx``, ``cy``: floor of longitude and latitude times 64) and the rollup's keys
# but the month, with their fatalities and summed coordinates in micro-degrees (store.map_cells).
event_cells = sa.Table(
    "event_cells",
    metadata,
    sa.Column("cx", sa.Integer),
    sa.Column("cy", sa.Integer),
    sa.Column("event_type", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("exported", sa.Integer),
    sa.Column("tenths", sa.Integer),
    sa.Column("sources", sa.Integer),
    sa.Column("n", sa.Integer),
    sa.Column("fatalities", sa.Integer),
    sa.Column("lat_e6", sa.BigInteger),
    sa.Column("lon_e6", sa.BigInteger),
)
# Kept by triggers from ``events`` (migration 0015): events per facet (``kind`` "sub": the
# lower-cased sub-type, "place", "actor": actor 1 and 2 as ``v1``, ``v2``, "tag"), month, type and
# confirmed or not; the same facets' located events per cell; located events per cell and month.
# Each keyed by confidence in tenths too (``tenths``, as event_rollup's; migration 0017).
event_facets = sa.Table(
    "event_facets",
    metadata,
    sa.Column("kind", sa.Text),
    sa.Column("v1", sa.Text),
    sa.Column("v2", sa.Text),
    sa.Column("month", sa.String(10)),
    sa.Column("event_type", sa.Text),
    sa.Column("exported", sa.Integer),
    sa.Column("tenths", sa.Integer),
    sa.Column("n", sa.Integer),
    sa.Column("fatalities", sa.Integer),
)
facet_cells = sa.Table(
    "facet_cells",
    metadata,
    sa.Column("kind", sa.Text),
    sa.Column("v1", sa.Text),
    sa.Column("v2", sa.Text),
    sa.Column("cx", sa.Integer),
    sa.Column("cy", sa.Integer),
    sa.Column("event_type", sa.Text),
    sa.Column("exported", sa.Integer),
    sa.Column("tenths", sa.Integer),
    sa.Column("n", sa.Integer),
    sa.Column("fatalities", sa.Integer),
    sa.Column("lat_e6", sa.BigInteger),
    sa.Column("lon_e6", sa.BigInteger),
)
cell_months = sa.Table(
    "cell_months",
    metadata,
    sa.Column("cx", sa.Integer),
    sa.Column("cy", sa.Integer),
    sa.Column("month", sa.String(10)),
    sa.Column("event_type", sa.Text),
    sa.Column("exported", sa.Integer),
    sa.Column("tenths", sa.Integer),
    sa.Column("n", sa.Integer),
    sa.Column("fatalities", sa.Integer),
)
# Kept by triggers from ``events`` (migration 0016): events per month (of ``event_date``, for
# events whose dates are in order; "x": any other dated event, "": no dates), country, type,
# confirmed or not and 1/64-degree cell (``located`` 0: cell 0, 0) and confidence in tenths
# (0017), with ``event_cells``' sums.
month_cells = sa.Table(
    "month_cells",
    metadata,
    sa.Column("month", sa.String(10)),
    sa.Column("country", sa.Text),
    sa.Column("event_type", sa.Text),
    sa.Column("exported", sa.Integer),
    sa.Column("located", sa.Integer),
    sa.Column("cx", sa.Integer),
    sa.Column("cy", sa.Integer),
    sa.Column("tenths", sa.Integer),
    sa.Column("n", sa.Integer),
    sa.Column("fatalities", sa.Integer),
    sa.Column("lat_e6", sa.BigInteger),
    sa.Column("lon_e6", sa.BigInteger),
)
# Kept by triggers from ``events`` (migration 0016): the columns a free-text view reads, keyed
# as the free-text index answers: SQLite by the events' rowid (``ref``), PostgreSQL by event id.
event_light = sa.Table(
    "event_light",
    metadata,
    sa.Column("ref", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.String(32)),
    sa.Column("event_date", sa.Date),
    sa.Column("event_type", sa.Text),
    sa.Column("exported", sa.Integer),
    sa.Column("fatalities", sa.Integer),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("confidence", sa.Float),  # migration 0017
)
event_mentions = sa.Table(
    "event_mentions",
    metadata,
    sa.Column("event_id", sa.String(32)),
    sa.Column("mention_id", sa.String(32), primary_key=True),
)
failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("stage", sa.String(32)),
    sa.Column("reason", sa.Text),
    sa.Column("at", sa.DateTime),
    sa.Column("attempts", sa.Integer),
    sa.Column("version", sa.String(32)),
)
revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.String(32)),
    sa.Column("kind", sa.String(16)),
    sa.Column("doc_key", sa.String(32)),
    sa.Column("changes", sa.Text),
    sa.Column("at", sa.DateTime),
)
retired_events = sa.Table(
    "retired_events",
    metadata,
    sa.Column("event_id", sa.String(32), primary_key=True),
    sa.Column("replaced_by", sa.Text),
    sa.Column("doc_key", sa.String(32)),
    sa.Column("at", sa.DateTime),
)
saved_searches = sa.Table(
    "saved_searches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100)),
    sa.Column("filters", sa.Text),
    sa.Column("webhook", sa.Text),
    sa.Column("secret", sa.Text),
    sa.Column("allow_private", sa.Boolean),
    sa.Column("created_at", sa.DateTime),
)
alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("search_id", sa.Integer),
    sa.Column("key", sa.String(160)),
    sa.Column("event_id", sa.String(32)),
    sa.Column("change", sa.String(16)),
    sa.Column("revision", sa.Integer),
    sa.Column("doc_key", sa.String(32)),
    sa.Column("body", sa.Text),
    sa.Column("created_at", sa.DateTime),
    sa.Column("delivered_at", sa.DateTime),
    sa.Column("attempts", sa.Integer),
    sa.Column("next_attempt_at", sa.DateTime),
    sa.Column("last_error", sa.Text),
)
watch_urls = sa.Table(
    "watch_urls",
    metadata,
    sa.Column("url", sa.String(2048), primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("seen", sa.Boolean),
    sa.Column("marked_at", sa.DateTime),
    sa.Column("status", sa.String(16)),
    sa.Column("error", sa.Text),
    sa.Column("checked_at", sa.DateTime),
)

# Fields whose change makes a revision (mention ids and sources change with every report).
REVISED_FIELDS = (
    "event_type",
    "sub_event_type",
    "date",
    "place",
    "actor1",
    "actor2",
    "fatalities",
    "counts",
    "modality",
    "n_sources",
)

foreign_documents = sa.Table(
    "foreign_documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("language", sa.String(16)),
    sa.Column("status", sa.String(16)),
    sa.Column("text", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("at", sa.DateTime),
)
