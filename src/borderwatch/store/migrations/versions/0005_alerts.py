"""Saved searches and their alerts (an outbox written with the events that raise them).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("filters", sa.Text, nullable=False),
        sa.Column("webhook", sa.Text),
        sa.Column("secret", sa.Text),
        sa.Column("allow_private", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("search_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(160), nullable=False, unique=True),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("change", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("doc_key", sa.String(32)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("delivered_at", sa.DateTime),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime),
        sa.Column("last_error", sa.Text),
    )
    op.create_index("ix_alerts_search", "alerts", ["search_id", "id"])
    op.create_index("ix_alerts_event", "alerts", ["search_id", "event_id"])
    op.create_index("ix_alerts_pending", "alerts", ["delivered_at", "next_attempt_at"])


def downgrade() -> None:
    op.drop_table("alerts")
    op.drop_table("saved_searches")
