"""An index for fusion's blocking query: mentions of a type by the end of their window.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_index("ix_mentions_block_end", "mentions", ["event_type", "date_end", "date_start"])


def downgrade() -> None:
    op.drop_index("ix_mentions_block_end", "mentions")
