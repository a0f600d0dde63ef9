"""Provenance: near-duplicate signatures, place blocking columns, revisions, retired ids.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("minhash", sa.Text))
    op.create_table(
        "doc_bands",
        sa.Column("band", sa.String(40), nullable=False),
        sa.Column("doc_key", sa.String(32), sa.ForeignKey("documents.doc_key"), nullable=False),
    )
    op.create_index("ix_doc_bands_band", "doc_bands", ["band"])
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("latitude", sa.Float))
        batch.add_column(sa.Column("longitude", sa.Float))
        batch.add_column(sa.Column("geo_precision", sa.Integer))
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("doc_key", sa.String(32)),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_revisions_event", "revisions", ["event_id"])
    op.create_table(
        "retired_events",
        sa.Column("event_id", sa.String(32), primary_key=True),
        sa.Column("replaced_by", sa.Text),
        sa.Column("doc_key", sa.String(32)),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("retired_events")
    op.drop_table("revisions")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("geo_precision")
        batch.drop_column("longitude")
        batch.drop_column("latitude")
    op.drop_table("doc_bands")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("minhash")
