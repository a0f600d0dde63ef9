"""Which events a write touched: ``event_changes`` holds, per event id, the events counter
(``store_changes`` row 1, migration 0013) at its last change and the dates it has spanned, so
that a server keeping one event's page or a date window's export (``serve.cache``) can tell,
after a write, whether that answer is still true -- instead of computing every kept answer
again because a write elsewhere moved the counter.  Under ``bench/load.py`` an ``ingest``
commits every few seconds and touches a handful of events; the 2,000 event pages and 1,000
place-weeks the clients ask for were all computed again after each commit.

Triggers (SQLite only; see below) write one row per event id touched, an upsert:

* ``events`` inserted, updated or deleted: the event's id with its row's dates (the old row's
  and the new one's);
* ``revisions``: the event's id with its current dates (an export lists revisions);
* ``event_mentions``, ``mentions`` (through ``event_mentions``) and ``retired_events``: the
  event's id, no dates (its page shows them; a date window's export does not read them);
* ``documents`` inserted: the events whose mentions or revisions name it (their pages show its
  outlet and text; both lookups indexed, ``ix_revisions_doc`` added here);
* ``documents`` updated or deleted (a retraction) and analysts' reviews (an overlay on any
  event, aliases moved): the id ``*``, every answer.

``n`` is the counter as the trigger reads it, so a change committed after the counter stood at
``r`` has ``n >= r``: the rows with ``n >= r`` are at least every change since ``r``.  On a
conflict ``n`` becomes the newer and the dates widen (``lo`` the earliest start, ``hi`` the
latest end ever logged for the id), never narrow, so a row overwritten by a later change still
covers the earlier one.  A row with ``dated`` 0 was logged by evidence only.  The table holds
one row per event id ever touched: bounded by the ids the store has seen.

PostgreSQL gets no table and no trigger: its writers may commit in another order than the one
in which they read the counter, so ``n`` would not bound the changes since a revision; a
server over PostgreSQL computes every kept answer again after a write, as before.  A restore
(``store.backup``) writes ``*``: its rows were not written through these triggers; so does this
migration (nothing is known of the changes before it).

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"

COUNTER = "(SELECT n FROM store_changes WHERE id = 1)"
EVERYTHING = "*"


def _log(event_id: str, lo: str = "NULL", hi: str = "NULL", dated: int = 0, rows: str = "") -> str:
    """An upsert of one change (``rows``: a ``FROM ... WHERE`` the values are selected from)."""
    source = rows or "WHERE true"  # an INSERT ... SELECT before ON CONFLICT needs a WHERE
    return (
        f"INSERT INTO event_changes (event_id, n, lo, hi, dated) "
        f"SELECT {event_id}, {COUNTER}, {lo}, {hi}, {dated} {source} "
        "ON CONFLICT (event_id) DO UPDATE SET n = excluded.n, "
        "lo = min(coalesce(lo, excluded.lo), coalesce(excluded.lo, lo)), "
        "hi = max(coalesce(hi, excluded.hi), coalesce(excluded.hi, hi)), "
        "dated = max(dated, excluded.dated);"
    )


def _row(row: str) -> str:
    return _log(f"{row}.event_id", f"{row}.date_start", f"{row}.date_end", 1)


def _evidence(of_mention: str) -> str:
    return _log("em.event_id", rows=f"FROM event_mentions AS em WHERE em.mention_id = {of_mention}")


def _revised(row: str) -> str:
    dates = f"FROM (SELECT 1) LEFT JOIN events AS e ON e.event_id = {row}.event_id WHERE true"
    return _log(f"{row}.event_id", "e.date_start", "e.date_end", 1, rows=dates)


def _document(row: str) -> str:
    named = (
        f"FROM (SELECT em.event_id AS id FROM mentions AS m JOIN event_mentions AS em "
        f"ON em.mention_id = m.mention_id WHERE m.doc_key = {row}.doc_key "
        f"UNION SELECT r.event_id FROM revisions AS r WHERE r.doc_key = {row}.doc_key) "
        "WHERE id IS NOT NULL"
    )
    return _log("id", rows=named)


ALL = _log(f"'{EVERYTHING}'")
# (table, action): what its trigger logs
TRIGGERS = {
    ("events", "insert"): _row("NEW"),
    ("events", "delete"): _row("OLD"),
    ("events", "update"): _row("OLD") + " " + _row("NEW"),
    ("revisions", "insert"): _revised("NEW"),
    ("revisions", "delete"): _revised("OLD"),
    ("revisions", "update"): _revised("OLD") + " " + _revised("NEW"),
    ("event_mentions", "insert"): _log("NEW.event_id"),
    ("event_mentions", "delete"): _log("OLD.event_id"),
    ("event_mentions", "update"): _log("OLD.event_id") + " " + _log("NEW.event_id"),
    ("mentions", "insert"): _evidence("NEW.mention_id"),
    ("mentions", "delete"): _evidence("OLD.mention_id"),
    ("mentions", "update"): _evidence("OLD.mention_id") + " " + _evidence("NEW.mention_id"),
    ("retired_events", "insert"): _log("NEW.event_id"),
    ("retired_events", "delete"): _log("OLD.event_id"),
    ("retired_events", "update"): _log("OLD.event_id") + " " + _log("NEW.event_id"),
    ("documents", "insert"): _document("NEW"),
    ("documents", "delete"): ALL,
    ("documents", "update"): ALL,
    **{(t, a): ALL for t in ("review_actions", "review_anchors") for a in ("insert", "update")},
    **{(t, "delete"): ALL for t in ("review_actions", "review_anchors")},
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.create_table(
        "event_changes",
        sa.Column("event_id", sa.String(32), primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
        sa.Column("lo", sa.Date),
        sa.Column("hi", sa.Date),
        sa.Column("dated", sa.Integer, nullable=False),
    )
    op.create_index("ix_event_changes_n", "event_changes", ["n"])
    # nothing is known of the changes before the log: everything changed up to now
    op.execute(f"INSERT INTO event_changes VALUES ('{EVERYTHING}', {COUNTER}, NULL, NULL, 0)")
    op.create_index("ix_revisions_doc", "revisions", ["doc_key"])
    for (table, action), body in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {table}_logged_{action} AFTER {action.upper()} ON {table} "
            f"BEGIN {body} END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    for table, action in TRIGGERS:
        op.execute(f"DROP TRIGGER {table}_logged_{action}")
    op.drop_index("ix_revisions_doc", "revisions")
    op.drop_index("ix_event_changes_n", "event_changes")
    op.drop_table("event_changes")
