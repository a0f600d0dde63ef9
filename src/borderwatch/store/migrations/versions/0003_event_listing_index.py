"""A covering index for listing, mapping and counting events without reading their payloads.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"

COLUMNS = ["event_date", "event_id", "date_start", "date_end", "event_type", "sub_event_type",
           "fatalities", "latitude", "longitude", "location", "confidence", "n_sources",
           "modality", "country", "actor1", "actor2"]


def upgrade() -> None:
    op.create_index("ix_events_light", "events", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_events_light", "events")
