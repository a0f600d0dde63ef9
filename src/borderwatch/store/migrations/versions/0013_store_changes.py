"""Change counters: ``store_changes`` holds one row per side of the store -- 1 for the events
and what they are read from, 2 for saved searches and their alerts -- whose ``n`` every write to
one of the side's tables adds one to (triggers), so that ``Store.revision`` tells in one indexed
read whether anything an answer was computed from has changed since.  The server keeps answers
by that revision (``serve.cache``) instead of recomputing them per request; alert deliveries
and saved-search writes, which are frequent, do not throw away the events' answers.

PostgreSQL counts once per statement (writers already take one advisory lock at a time, so the
row is never contended); SQLite, which has no statement triggers, once per row (a one-row
update in the same transaction: microseconds).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"

# What the cached answers are read from, by counter: 1, events and their indexes, reports and
# documents (evidence), revisions and retirements, analysts' reviews; 2, saved searches and
# their alerts.
EVENTS, ALERTS = 1, 2
COUNTED = {
    "events": EVENTS,
    "mentions": EVENTS,
    "documents": EVENTS,
    "event_mentions": EVENTS,
    "revisions": EVENTS,
    "retired_events": EVENTS,
    "review_actions": EVENTS,
    "review_anchors": EVENTS,
    "saved_searches": ALERTS,
    "alerts": ALERTS,
}


def _bump(counter: int) -> str:
    return f"UPDATE store_changes SET n = n + 1 WHERE id = {counter};"


def upgrade() -> None:
    op.create_table(
        "store_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.execute(f"INSERT INTO store_changes (id, n) VALUES ({EVENTS}, 0), ({ALERTS}, 0)")
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        for counter in (EVENTS, ALERTS):
            op.execute(
                f"CREATE FUNCTION borderwatch_count_change_{counter}() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN {_bump(counter)} RETURN NULL; END $$"
            )
    for table, counter in COUNTED.items():
        if postgresql:
            op.execute(
                f"CREATE TRIGGER {table}_changes AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION borderwatch_count_change_{counter}()"
            )
            continue
        for action in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_changes_{action.lower()} AFTER {action} ON {table} "
                f"BEGIN {_bump(counter)} END"
            )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in COUNTED:
        if postgresql:
            op.execute(f"DROP TRIGGER {table}_changes ON {table}")
            continue
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER {table}_changes_{action}")
    if postgresql:
        for counter in (EVENTS, ALERTS):
            op.execute(f"DROP FUNCTION borderwatch_count_change_{counter}()")
    op.drop_table("store_changes")
