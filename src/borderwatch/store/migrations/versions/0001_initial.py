"""Initial schema: documents, mentions, events, event_mentions, failures.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("doc_key", sa.String(32), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_from", sa.String(16)),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("near_duplicate_of", sa.String(32)),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("mention_id", sa.String(32), primary_key=True),
        sa.Column("doc_key", sa.String(32), sa.ForeignKey("documents.doc_key"), nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_mentions_block", "mentions", ["event_type", "date_start", "date_end"])
    op.create_index("ix_mentions_doc", "mentions", ["doc_key"])
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(32), primary_key=True),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("sub_event_type", sa.Text, nullable=False),
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
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_events_date", "events", ["event_date"])
    op.create_index("ix_events_type", "events", ["event_type"])
    op.create_table(
        "event_mentions",
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column(
            "mention_id", sa.String(32), sa.ForeignKey("mentions.mention_id"), primary_key=True
        ),
    )
    op.create_index("ix_event_mentions_event", "event_mentions", ["event_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("failures", "event_mentions", "events", "mentions", "documents"):
        op.drop_table(table)
