"""The dashboard's free-text view at 1,000,000 events, from the free-text index and a narrow
table.

A free-text filter (alone) selected tens of thousands of events (71,000 for a town's name in
a million-event store), and the dashboard read each one's whole row, payload and all, to count
its total, map and timeline and sort its page (0.8 s on SQLite).  The free-text index
(migration 0012) answers with the events' rowids (SQLite) or ids (PostgreSQL), and migration
0016's ``event_light`` holds, keyed so, just what the view counts: so the total, the map's positions
and the day counts are one ``GROUP BY`` over that narrow table, and the page one sorted
``LIMIT`` over it; only the page's payloads are read from ``events``.

On PostgreSQL the trigram index's answer must be rechecked on each event's whole text, which
at 1,000,000 events read 420 MB for a town's 71,000 events (1.4 s); a search of letters and
digits only is answered instead from migration 0019's ``event_words`` (``event_light``'s
columns and the numbers of each event's words): the events holding a word that contains the
search, which is exactly where the text contains it (a run of letters and digits cannot
straddle anything else).  Other searches (a space, a hyphen) keep the trigram index.

Used where the index's answer is the filter's answer (``query.index_is_exact``: printable ASCII
of three characters or more), the view sorted by date, and the first page (after an event,
keyset paging reads as before).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import query as q
from .map_cells import CellRow, Positions, cells_of_positions
from .query import EventFilter
from .schema import event_light

# What a free-text view may also set (a minimum confidence: ``event_light.confidence``, 0017).
_FREE = (
    "text",
    "limit",
    "offset",
    "sort",
    "include_unconfirmed",
    "include_rejected",
    "min_confidence",
)
_DEFAULT = EventFilter()

# A word of migration 0019's ``text_words``: the longest run of ASCII letters and digits.
WORD = re.compile("[0-9a-z]+")
# 0019's ``event_words``: ``event_light``'s columns (less ``ref``) and the numbers of the
# words of each event's searchable text (PostgreSQL only).
event_words = sa.table(
    "event_words",
    *(sa.column(c.name, c.type) for c in event_light.c if c.name != "ref"),
    sa.column("words"),
)


def holds(conn: Connection, flt: EventFilter) -> bool:
    """Whether ``flt`` is a free-text filter alone that the index answers exactly, in date
    order."""
    if not flt.text or not q.index_is_exact(flt.text):
        return False
    if flt.sort.lstrip("-") != "date":
        return False
    return all(
        getattr(flt, f.name) == getattr(_DEFAULT, f.name)
        for f in dataclasses.fields(EventFilter)
        if f.name not in _FREE
    )


@dataclass
class TextCounts:
    """A free-text view's total, located events per cell, and (day, type, events, killed)."""

    total: int
    located: int
    cells: list[CellRow]
    days: list[tuple[str, str, int, int]]


def _words_only(conn: Connection, text: str) -> bool:
    """Whether PostgreSQL answers ``text`` from the events' words (migration 0019): letters
    and digits only, which occur in a text exactly where they occur in one of its words."""
    return conn.dialect.name == "postgresql" and WORD.fullmatch(text.lower()) is not None


def _source(conn: Connection, flt: EventFilter) -> sa.Table | sa.TableClause:
    """The narrow table a view's rows are read from: ``event_words`` for a search of one
    word's letters on PostgreSQL, else ``event_light``."""
    return event_words if _words_only(conn, flt.text or "") else event_light


def _matching(conn: Connection, flt: EventFilter, walk: bool = False) -> list[Any]:
    """The rows of ``_source`` the free-text index finds (confirmed ones unless asked); when
    ``walk``, written so that only the date index's order reads them (``query.Unindexed``).
    SQLite's index answers with rowids (``ref``), PostgreSQL's trigram index with event ids;
    its words (0019) are the numbers of the words that contain the search, which ``&&`` finds
    in ``event_words`` without reading any text."""
    text = flt.text or ""
    t = _source(conn, flt).c
    exported = q.Unindexed(t.exported) if walk else t.exported
    if _words_only(conn, text):
        numbers = "ARRAY(SELECT id FROM text_words WHERE word LIKE :pattern)"
        where: list[Any] = [sa.text(f"event_words.words && {numbers}")]
        where[0] = where[0].bindparams(pattern=f"%{text.lower()}%")
    elif conn.dialect.name == "postgresql":
        found = sa.text("SELECT event_id FROM event_search WHERE doc LIKE :pattern")
        found = found.bindparams(pattern=f"%{text.lower()}%")
        where = [t.event_id.in_(found)]
    else:
        found = sa.text("SELECT rowid FROM events_fts WHERE events_fts MATCH :phrase")
        ref = q.Unindexed(t.ref) if walk else t.ref
        where = [ref.in_(found.bindparams(phrase='"' + text.replace('"', '""') + '"'))]
    if not flt.include_unconfirmed:
        where.append(exported == 1)
    if flt.min_confidence is not None:
        sure = q.Unindexed(t.confidence) if walk else t.confidence
        where.append(sure >= flt.min_confidence)
    return where


def _counted(rows: Iterable[tuple[Any, ...]]) -> TextCounts:
    """Counts of (day, type, latitude, longitude, events, killed) rows."""
    total = located = 0
    days: dict[tuple[str, str], list[int]] = {}
    positions: Positions = {}
    for when, kind, lat, lon, n, dead in rows:
        total += n
        if when is not None:
            sums = days.setdefault((when, kind or ""), [0, 0])
            sums[0] += n
            sums[1] += dead
        if lat is not None and lon is not None:
            located += n
            at = positions.setdefault((lat, lon, kind or ""), [0, 0])
            at[0] += n
            at[1] += dead
    return TextCounts(
        total=total,
        located=located,
        cells=cells_of_positions(positions),
        days=[(d, k, n, dead) for (d, k), (n, dead) in days.items()],
    )


def counts(conn: Connection, flt: EventFilter) -> TextCounts:
    """The view's counts from one ``GROUP BY`` of its events' day, type and position."""
    t = event_light.c
    day = sa.cast(t.event_date, sa.String)
    killed = sa.func.sum(sa.func.coalesce(t.fatalities, 0))
    query = sa.select(day, t.event_type, t.latitude, t.longitude, sa.func.count(), killed)
    query = query.where(*_matching(conn, flt))
    return _counted(q.tuples(conn, query.group_by(*query.selected_columns[:4])))


def read_once(conn: Connection, flt: EventFilter) -> tuple[TextCounts, list[str]]:
    """PostgreSQL's counts and page: the matching rows counted by (day, type, position) in
    the database (at 1,000,000 events a town's 45,000 events are 6,500 rows to send, not
    45,000), then the page read from the days that hold it (``_page_days``: the date index
    finds the few rows of the newest, or oldest, days, instead of the matching rows being read
    again), sorted as ``query.order_by`` with PostgreSQL's nulls (undated events first
    newest-first, last oldest-first), then by id."""
    t = _source(conn, flt).c
    where = _matching(conn, flt)
    kind = sa.func.coalesce(t.event_type, "")
    killed = sa.func.sum(sa.func.coalesce(t.fatalities, 0))
    day = sa.cast(t.event_date, sa.String)
    query = sa.select(day, kind, t.latitude, t.longitude, sa.func.count(), killed).where(*where)
    rows = q.tuples(conn, query.group_by(t.event_date, kind, t.latitude, t.longitude))
    descending = flt.sort.startswith("-")
    key = t.event_date.desc() if descending else t.event_date.asc()
    page = sa.select(t.event_id).where(*where, *_page_days(t, rows, flt, descending))
    page = page.order_by(key, t.event_id).limit(flt.limit or q.MAX_LIMIT).offset(flt.offset)
    return _counted(rows), [row[0] for row in conn.execute(page)]


def _page_days(
    t: Any, rows: list[tuple[Any, ...]], flt: EventFilter, descending: bool
) -> list[Any]:
    """A condition on the date that holds the page's events, from the counts per day
    (``rows``): the days (newest first, undated events before them; or oldest first, undated
    after) until the page's last event is reached; none when it is not reached."""
    per_day: dict[str, int] = {}
    undated = 0
    for when, *_, n, _dead in rows:
        if when is None:
            undated += n
        else:
            per_day[when] = per_day.get(when, 0) + n
    need = flt.offset + (flt.limit or q.MAX_LIMIT)
    if descending and undated >= need:
        return [t.event_date.is_(None)]
    seen = undated if descending else 0
    for when in sorted(per_day, reverse=descending):
        seen += per_day[when]
        if seen >= need:
            edge = date.fromisoformat(when)
            if descending:
                return [sa.or_(t.event_date.is_(None), t.event_date >= edge)]
            return [t.event_date <= edge]
    return []


def page_ids(conn: Connection, flt: EventFilter, walk: bool) -> list[str]:
    """The page's event ids, sorted by date (either way) and then id as the list is; ``walk``:
    read by walking the date index from the newest (or oldest) event, each row checked against
    the index's answer, instead of sorting every matching row (a town's 64,000 events at
    1,000,000: 110 -> 50 ms), which pays when the view's share of the store is large
    (``facets.WALK_ROWS``)."""
    t = event_light.c
    key = t.event_date.desc() if flt.sort.startswith("-") else t.event_date.asc()
    query = sa.select(t.event_id).where(*_matching(conn, flt, walk)).order_by(key, t.event_id)
    query = query.limit(flt.limit or q.MAX_LIMIT).offset(flt.offset)
    return [row[0] for row in conn.execute(query)]
