"""The watch state in the store: seen URLs, their validators and each source's last poll.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "watch_urls",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("seen", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("marked_at", sa.DateTime),
        sa.Column("status", sa.String(16)),
        sa.Column("error", sa.Text),
        sa.Column("checked_at", sa.DateTime),
    )


def downgrade() -> None:
    op.drop_table("watch_urls")
