"""Tables of analysts' reviews (migration 0011): the append-only action log and the anchors that
tie a reviewed event's lineage to the reports behind it."""

import sqlalchemy as sa

from .schema import metadata

review_actions = sa.Table(
    "review_actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("lineage", sa.String(32)),
    sa.Column("event_id", sa.String(32)),
    sa.Column("action", sa.String(16)),
    sa.Column("field", sa.String(32)),
    sa.Column("machine_value", sa.Text),
    sa.Column("analyst_value", sa.Text),
    sa.Column("patch", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("by", sa.Text),
    sa.Column("at", sa.DateTime),
)
review_anchors = sa.Table(
    "review_anchors",
    metadata,
    sa.Column("lineage", sa.String(32), primary_key=True),
    sa.Column("mention_id", sa.String(32), primary_key=True),
    sa.Column("doc_key", sa.String(32)),
    sa.Column("sentence_start", sa.Integer),
    sa.Column("event_type", sa.Text),
)
