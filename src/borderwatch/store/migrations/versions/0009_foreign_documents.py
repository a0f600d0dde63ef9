"""Documents in other languages, kept with their text, language and a status (``pending`` until a
pipeline for that language reads them) instead of being dropped.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.create_table(
        "foreign_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_foreign_documents_source", "foreign_documents", ["source"], unique=True)
    op.create_index("ix_foreign_documents_status", "foreign_documents", ["status", "language"])


def downgrade() -> None:
    op.drop_index("ix_foreign_documents_status", "foreign_documents")
    op.drop_index("ix_foreign_documents_source", "foreign_documents")
    op.drop_table("foreign_documents")
