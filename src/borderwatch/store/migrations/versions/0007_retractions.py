"""Withdrawn reports: when a document was retracted (its mentions are removed, the row stays so
the same text is not taken in again).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("retracted_at", sa.DateTime))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("retracted_at")
