"""What changed since a revision, by event (migration 0020's ``event_changes``), and what a kept
answer was read from, so that a server can tell which of its kept answers a write left true.

``serve.cache`` keeps answers by the store's revision (migration 0013).  When the revision
moves, an answer whose reads (``EventsRead``: one event's page; ``WindowRead``: the events of a
date window, as an export) no change since its revision touches is the answer a computation
would give now, and is kept as current instead of being computed again.  Anything this module
cannot bound -- PostgreSQL (no log), a store without the table yet, a review or a retraction
(``*``) -- is "everything changed", as before migration 0020.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

event_changes = sa.table(
    "event_changes",
    sa.column("event_id"),
    sa.column("n"),
    sa.column("lo", sa.Date),
    sa.column("hi", sa.Date),
    sa.column("dated"),
)
EVERYTHING = "*"  # the id a change of every answer is logged under (0020)
# (earliest start, latest end) of a changed event's rows.  None: none of its rows had that
# date (an undated event; a revision of an event with no row): such a row is in no window
# bounded on that side, as ``query.apply_filter`` compares its NULL with the bound (false).
# The log's upsert keeps a date over a NULL, so a None here never hides a date once logged.
Span = tuple[date | None, date | None]


@dataclass(frozen=True)
class Changes:
    """The events changed since a revision (at least those): their ids, and the date spans of
    the changes that touched their rows (events, revisions: what a date window lists)."""

    ids: frozenset[str]
    spans: tuple[Span, ...]
    everything: bool = False

    @functools.cached_property
    def hull(self) -> Span | None:
        """The span holding every span (None when there is none): most windows a server keeps
        lie outside it, decided without looking at each span.  Its dates are the earliest and
        latest of those known (None when no span has one): a window a span meets meets it."""
        if not self.spans:
            return None
        starts = [lo for lo, _ in self.spans if lo is not None]
        ends = [hi for _, hi in self.spans if hi is not None]
        return (min(starts) if starts else None, max(ends) if ends else None)

    @classmethod
    def of(cls, rows: Iterable[tuple[str, date | None, date | None, int]]) -> Changes:
        ids, spans = set(), []
        for event_id, lo, hi, dated in rows:
            if event_id == EVERYTHING:
                return cls(frozenset(), (), everything=True)
            ids.add(event_id)
            if dated:
                spans.append((lo, hi))
        return cls(frozenset(ids), tuple(spans))


class Reads(Protocol):
    """What an answer was read from: whether ``changes`` may have made it untrue."""

    def touched_by(self, changes: Changes) -> bool: ...


@dataclass(frozen=True)
class EventsRead:
    """An answer read from these events' rows, evidence and history only (one event's page,
    asked by the id it holds: an alias's page follows the alias chain, which this does not
    bound)."""

    ids: frozenset[str]

    def touched_by(self, changes: Changes) -> bool:
        return changes.everything or not self.ids.isdisjoint(changes.ids)


@dataclass(frozen=True)
class WindowRead:
    """An answer read from the events whose dates meet ``[since, until]`` (None: open), their
    rows and revisions only (``query.apply_filter``: ``date_end >= since``, ``date_start <=
    until``); the filter's other conditions are read from the same rows, so a change to no
    event of the window leaves it true."""

    since: date | None
    until: date | None

    def touched_by(self, changes: Changes) -> bool:
        if changes.everything:
            return True
        hull = changes.hull
        if hull is None or not self._meets(*hull):
            return False
        return any(self._meets(lo, hi) for lo, hi in changes.spans)

    def _meets(self, lo: date | None, hi: date | None) -> bool:
        """Whether rows spanning ``lo``..``hi`` may be in the window: as the filter reads
        them, an end before ``since`` or a start after ``until`` is out, and so is a missing
        date (NULL) on a side the window bounds.  Before, a missing date counted as any date:
        each commit of an undated event (a report without a date) outdated every kept export."""
        after_start = self.since is None or (hi is not None and hi >= self.since)
        before_end = self.until is None or (lo is not None and lo <= self.until)
        return after_start and before_end


def read_changes(conn: Connection, since: int) -> Changes | None:
    """The changes logged at or after revision ``since`` (every change committed after the
    counter stood at ``since``: migration 0020); None when this store logs none (PostgreSQL,
    or not migrated to 0020)."""
    if conn.dialect.name != "sqlite" or not _logged(conn):
        return None
    c = event_changes.c
    query = sa.select(c.event_id, c.lo, c.hi, c.dated).where(c.n >= since)
    return Changes.of(tuple(row) for row in conn.execute(query))


def log_everything(conn: Connection) -> None:
    """Log ``*`` at the events counter as it stands: every answer kept before is out of date
    (a restore: rows written without the triggers).  Nothing on a store without the log."""
    if conn.dialect.name != "sqlite" or not _logged(conn):
        return
    conn.exec_driver_sql(
        "INSERT INTO event_changes (event_id, n, dated) "
        "SELECT ?, n, 0 FROM store_changes WHERE id = 1 "
        "ON CONFLICT (event_id) DO UPDATE SET n = excluded.n",
        (EVERYTHING,),
    )


def _logged(conn: Connection) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_changes'"
    return conn.exec_driver_sql(query).first() is not None
