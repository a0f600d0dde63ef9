"""The crossing board: status claims (one row per claim a report makes about a crossing) and the
crossings each mention's sentence names, both kept with their document so a withdrawal removes
them and a re-ingest (same claim ids) changes nothing.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.create_table(
        "crossing_claims",
        sa.Column("claim_id", sa.String(32), primary_key=True),
        sa.Column("crossing_id", sa.String(64), nullable=False),
        sa.Column("doc_key", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("window_start", sa.Date, nullable=False),
        sa.Column("window_end", sa.Date, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_crossing_claims_by_date", "crossing_claims", ["crossing_id", "window_start"]
    )
    op.create_index("ix_crossing_claims_doc", "crossing_claims", ["doc_key"])
    op.create_table(
        "crossing_mentions",
        sa.Column("mention_id", sa.String(32), primary_key=True),
        sa.Column("crossing_id", sa.String(64), primary_key=True),
        sa.Column("doc_key", sa.String(32), nullable=False),
    )
    op.create_index("ix_crossing_mentions_crossing", "crossing_mentions", ["crossing_id"])
    op.create_index("ix_crossing_mentions_doc", "crossing_mentions", ["doc_key"])


def downgrade() -> None:
    op.drop_table("crossing_mentions")
    op.drop_table("crossing_claims")
