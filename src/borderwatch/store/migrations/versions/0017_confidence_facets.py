"""The dashboard's pre-aggregates by confidence: the views the browser asks for.

The dashboard hides events below confidence 0.5 unless told otherwise (``static/js/api.js``),
so every view it asks for carries ``min_confidence=0.5``.  The pre-aggregates of 0015
(``event_facets``, ``facet_cells``, ``cell_months``) and 0016 (``month_cells``) did not hold
confidence, and ``event_light`` did not copy it: a tag, actor, place, sub-type, map box, date
window or free-text view from the browser read every matching event's row instead (at 100,000
events, server CPU per answer without -> with the 0.5: box 15 -> 167 ms, actor 47 -> 90, tag 10
-> 66, place 13 -> 59, date window 14 -> 42).  Here the four tables are keyed by confidence in
tenths too, as ``event_rollup`` (0012) is -- the largest k with ``confidence >= k / 10``, -1
without one: a minimum confidence of whole tenths is then a condition on the key -- and
``event_light`` copies the confidence.  The tables are dropped and refilled from the events
stored, with their triggers (0015's and 0016's own statements, given the extra key).

On SQLite the four tables are created ``WITHOUT ROWID``: a view reads a range of their key
(an actor's pairs: 7,000 rows of ``event_facets`` at 100,000 events), and a table with a rowid
finds each row of its key's index in the table again, on pages spread over the whole table;
stored in the key's order, the range is read where it lies (an actor's timeline: 16 -> 10 ms
of CPU, and a fraction of the pages).

Revision ID: 0017
Revises: 0016
"""

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = "0017"
down_revision = "0016"


def _migration(name: str) -> ModuleType:
    """Migration ``name`` of this folder, loaded as a module (its statements, by key)."""
    spec = importlib.util.spec_from_file_location(f"_borderwatch_{name}", Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rebuild(tenths: bool) -> None:
    """The tables keyed by confidence too (``tenths``), or as 0015 and 0016 made them."""
    facets, months = _migration("0015_facets"), _migration("0016_month_cells")
    facets.drop_tables()
    months.drop_tables()
    facets._tables(tenths=tenths, clustered=tenths)
    facets.fill_and_keep(tenths=tenths)
    months.month_cells(tenths=tenths, clustered=tenths)
    if op.get_bind().dialect.name == "postgresql":
        months.light_postgresql(confidence=tenths)
    else:
        months.light_sqlite(confidence=tenths)


def upgrade() -> None:
    _rebuild(tenths=True)


def downgrade() -> None:
    _rebuild(tenths=False)
