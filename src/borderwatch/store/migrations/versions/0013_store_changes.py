"""A change counter for the whole store: ``store_changes`` holds one row whose ``n`` every
write to a table the API reads from adds one to (triggers), so that ``Store.revision`` tells in
one indexed read whether anything an answer was computed from has changed since.  The server
keeps answers by that revision (``serve.cache``) instead of recomputing them per request.

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

# What the cached answers are read from: events and their indexes, reports and documents
# (evidence), revisions and retirements, analysts' reviews, saved searches and their alerts.
COUNTED = (
    "events",
    "mentions",
    "documents",
    "event_mentions",
    "revisions",
    "retired_events",
    "review_actions",
    "review_anchors",
    "saved_searches",
    "alerts",
)
_BUMP = "UPDATE store_changes SET n = n + 1 WHERE id = 1;"


def upgrade() -> None:
    op.create_table(
        "store_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO store_changes (id, n) VALUES (1, 0)")
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute(
            "CREATE FUNCTION borderwatch_count_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {_BUMP} RETURN NULL; END $$"
        )
    for table in COUNTED:
        if postgresql:
            op.execute(
                f"CREATE TRIGGER {table}_changes AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION borderwatch_count_change()"
            )
            continue
        for action in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_changes_{action.lower()} AFTER {action} ON {table} "
                f"BEGIN {_BUMP} END"
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
        op.execute("DROP FUNCTION borderwatch_count_change()")
    op.drop_table("store_changes")
