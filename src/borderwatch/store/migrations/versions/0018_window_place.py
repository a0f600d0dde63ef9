"""An export of a place's week filters its window's events by place from the index.

``ix_events_window`` (0012) finds a date window's events as a range; a place filter
(``lower(location) LIKE``) then read every row of the window to see its location: a week at
100,000 events is ~700 rows looked up one by one for the ~45 of one place (5.5 ms of SQLite per
export of ``bench/load.py``).  With ``location`` in the index too SQLite tests it on the index
entry and looks up only the rows that match: 2.0 ms.  The index is otherwise the same (same
name, same leading columns), so every other read keeps its plan.

Revision ID: 0018
Revises: 0017
"""

from alembic import op

revision = "0018"
down_revision = "0017"

BEFORE = ["date_end", "date_start", "modality", "confidence"]
AFTER = [*BEFORE, "location"]


def upgrade() -> None:
    op.drop_index("ix_events_window", "events")
    op.create_index("ix_events_window", "events", AFTER)


def downgrade() -> None:
    op.drop_index("ix_events_window", "events")
    op.create_index("ix_events_window", "events", BEFORE)
