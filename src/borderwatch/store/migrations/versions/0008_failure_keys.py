"""Failures keyed by (source, stage): one row per document and stage, updated on each attempt.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    # keep the latest row of each (source, stage); older attempts become its count
    op.execute(
        "DELETE FROM failures WHERE id NOT IN "
        "(SELECT max(id) FROM failures GROUP BY source, stage)"
    )
    with op.batch_alter_table("failures") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("version", sa.String(32)))
    op.create_index("ix_failures_key", "failures", ["source", "stage"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_failures_key", "failures")
    with op.batch_alter_table("failures") as batch:
        batch.drop_column("version")
        batch.drop_column("attempts")
