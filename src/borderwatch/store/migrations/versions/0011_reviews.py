"""Analysts' reviews: an append-only log of review actions (confirm, edit, reject, merge, split)
and the anchors that tie each reviewed event's lineage to the reports behind it, so that a
correction follows its event through re-fusion, new reports and re-processing.  The machine's
rows are never changed by a review.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    op.create_table(
        "review_actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("lineage", sa.String(32), nullable=False),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("machine_value", sa.Text),
        sa.Column("analyst_value", sa.Text),
        sa.Column("patch", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_review_actions_lineage", "review_actions", ["lineage", "id"])
    op.create_index("ix_review_actions_event", "review_actions", ["event_id"])
    op.create_table(
        "review_anchors",
        sa.Column("lineage", sa.String(32), nullable=False),
        sa.Column("mention_id", sa.String(32), nullable=False),
        sa.Column("doc_key", sa.String(32), nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("event_type", sa.Text),
        sa.PrimaryKeyConstraint("lineage", "mention_id"),
    )
    op.create_index("ix_review_anchors_mention", "review_anchors", ["mention_id"])
    op.create_index("ix_review_anchors_doc", "review_anchors", ["doc_key", "sentence_start"])
    # the review overlay's cache is keyed on the last event write (and updated_since filters)
    op.create_index("ix_events_updated_at", "events", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_events_updated_at", "events")
    op.drop_index("ix_review_anchors_doc", "review_anchors")
    op.drop_index("ix_review_anchors_mention", "review_anchors")
    op.drop_table("review_anchors")
    op.drop_index("ix_review_actions_event", "review_actions")
    op.drop_index("ix_review_actions_lineage", "review_actions")
    op.drop_table("review_actions")
