"""Event filters shared by the CLI, the API and exports, and the read queries the API needs.

``apply_filter`` turns an :class:`EventFilter` into SQL over the ``events`` table.  Border tags
are read from ``event_tags`` and free text is first looked up in the free-text index (FTS5
trigrams on SQLite, pg_trgm on PostgreSQL; migration 0012), both kept by triggers; the free-text
condition is then checked as written on the rows the index found, with the database's JSON
functions (:class:`JsonArrayMatch` writes them for SQLite's ``json_each`` and PostgreSQL's
``jsonb_array_elements``), so the answer is exactly that of a scan.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement

from ..model import EXPORTED_MODALITIES
from .schema import documents, event_mentions, event_tags, events, mentions
from .sql_constructs import (  # noqa: F401 - Unindexed and index_is_exact: used as query.X
    JsonArrayMatch,
    JsonText,
    TextIndexMatch,
    Unindexed,
    index_is_exact,
    indexed_text,
)
from .stored_json import loads

MAX_LIMIT = 100_000

# Sort keys the API accepts ("-" in front: descending); ties break on the event id.
SORTS = {
    "date": events.c.event_date,
    "fatalities": events.c.fatalities,
    "confidence": events.c.confidence,
    "sources": events.c.n_sources,
    "location": events.c.location,
    "type": events.c.event_type,
}
SORT_KEYS = tuple(k for key in SORTS for k in (key, f"-{key}"))


@dataclass(frozen=True)
class EventFilter:
    event_type: str | None = None  # matches the event type or the sub-event type
    since: date | None = None
    until: date | None = None
    place: str | None = None  # part of the location name
    actor: str | None = None  # part of actor 1's or actor 2's name
    country: str | None = None
    min_confidence: float | None = None
    include_unconfirmed: bool = False
    limit: int | None = None
    offset: int = 0
    sub_event_type: str | None = None
    tags: tuple[str, ...] = ()  # any of these border tags
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (degrees)
    min_sources: int | None = None
    text: str | None = None  # free text: type, place, actors, notes, source sentences
    actor_names: tuple[str, ...] = ()  # actor 1 or 2 is exactly one of these (any case)
    sort: str = "-date"
    updated_since: datetime | None = None  # written (created or changed) at or after, UTC
    reviewed: bool | None = None  # True: confirmed or edited by an analyst; False: not yet
    include_rejected: bool = False  # also events an analyst rejected (see store.review_store)
    located: bool = False  # only events with coordinates (the map's)
    scope: str | None = None  # "acled" or "border" (the scope that admitted it); None: both
    # No event the filter selects ends later (``until`` plus the longest span stored): closes
    # the window's range of ``ix_events_window``; set by ``Store.events`` (``store.window``).
    date_end_until: date | None = None


def like_pattern(value: str) -> str:
    """The LIKE pattern (ESCAPE '\\') of a lower-cased substring: what the text filters match."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    return sa.func.lower(column).like(like_pattern(value), escape="\\")


def _free_text(value: str) -> ColumnElement[bool]:
    if index_is_exact(value):
        return TextIndexMatch(value)
    c = events.c
    columns = (c.event_id, c.event_type, c.sub_event_type, c.location, c.actor1, c.actor2)
    in_payload = sa.or_(
        _contains(JsonText(c.payload, "notes"), value),
        JsonArrayMatch(c.payload, "sources", subkey="sentence", pattern=like_pattern(value)),
    )
    if value.isascii() and value.isprintable() and not {'"', "\\"} & set(value):
        # Text JSON writes as is: a plain LIKE over the whole payload is a cheap first sieve.
        in_payload = sa.and_(_contains(c.payload, value), in_payload)
    exact = sa.or_(*(_contains(col, value) for col in columns), in_payload)
    return sa.and_(TextIndexMatch(value), exact) if indexed_text(value) else exact


def apply_filter(query: sa.Select, flt: EventFilter, *, paginate: bool = True) -> sa.Select:
    """Add ``flt``'s conditions (and ordering/pagination) to a select over ``events``."""
    c = events.c
    if flt.event_type:
        query = query.where(
            sa.or_(
                sa.func.lower(c.event_type) == flt.event_type.lower(),
                sa.func.lower(c.sub_event_type) == flt.event_type.lower(),
            )
        )
    if flt.sub_event_type:
        query = query.where(sa.func.lower(c.sub_event_type) == flt.sub_event_type.lower())
    if flt.since:
        query = query.where(c.date_end >= flt.since)
    if flt.until:
        query = query.where(c.date_start <= flt.until)
    if flt.date_end_until:
        query = query.where(c.date_end <= flt.date_end_until)
    if flt.place:
        query = query.where(_contains(c.location, flt.place))
    if flt.country:
        query = query.where(sa.func.lower(c.country) == flt.country.lower())
    if flt.actor:
        query = query.where(sa.or_(_contains(c.actor1, flt.actor), _contains(c.actor2, flt.actor)))
    if flt.actor_names:
        names = sorted({n.lower() for n in flt.actor_names})
        query = query.where(
            sa.or_(sa.func.lower(c.actor1).in_(names), sa.func.lower(c.actor2).in_(names))
        )
    if flt.min_confidence is not None:
        query = query.where(c.confidence >= flt.min_confidence)
    if flt.min_sources is not None:
        query = query.where(c.n_sources >= flt.min_sources)
    if flt.bbox is not None:
        query = query.where(_in_box(flt.bbox))
    if flt.tags:
        tagged = sa.select(event_tags.c.event_id).where(event_tags.c.tag.in_(list(flt.tags)))
        query = query.where(c.event_id.in_(tagged))
    if flt.scope:  # events stored before scopes were recorded are ACLED's
        query = query.where(sa.func.coalesce(JsonText(c.payload, "scope"), "acled") == flt.scope)
    if flt.text:
        query = query.where(_free_text(flt.text))
    if flt.updated_since is not None:
        query = query.where(c.updated_at >= flt.updated_since)
    if flt.located:
        query = query.where(c.latitude.is_not(None), c.longitude.is_not(None))
    if not flt.include_unconfirmed:
        query = query.where(c.modality.in_(EXPORTED_MODALITIES))
    if paginate:
        # every row of a window (an export): found from the window's index; a page (a limit):
        # from the sort's index, which stops at the page (3x faster for the dashboard's list)
        query = query.order_by(*order_by(flt.sort, windowed=_windowed(flt) and not flt.limit))
        query = query.limit(min(flt.limit or MAX_LIMIT, MAX_LIMIT)).offset(flt.offset)
    return query


def _windowed(flt: EventFilter) -> bool:
    return bool(flt.since or flt.until)


def _in_box(bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    """Events inside ``(west, south, east, north)``; a west east of the east crosses the
    antimeridian (RFC 7946, 5.2), so it is the two strips either side of it."""
    west, south, east, north = bbox
    c = events.c
    longitude = (
        c.longitude.between(west, east)
        if west <= east
        else sa.or_(c.longitude >= west, c.longitude <= east)
    )
    return sa.and_(longitude, c.latitude.between(south, north))


def order_by(sort: str, *, windowed: bool = False) -> list[Any]:
    """ORDER BY terms for a sort key such as ``-date`` (unknown keys: newest first);
    ``windowed`` (a date window filters the rows): the sort column is not read from an index,
    so that the window's index finds the rows (see :class:`Unindexed`)."""
    column = SORTS.get(sort.lstrip("-"), events.c.event_date)
    descending = sort.startswith("-") or sort.lstrip("-") not in SORTS
    key: Any = Unindexed(column) if windowed else column
    return [key.desc() if descending else key.asc(), events.c.event_id]


def after_key(sort: str, last: tuple[Any, str], nulls_largest: bool) -> ColumnElement[bool]:
    """Keyset paging: the rows that come after ``last`` (its sort value and event id) in the
    order ``order_by(sort)`` gives, nulls placed where the database puts them (SQLite: smallest;
    PostgreSQL: largest).  A page after a key reads from the index where the last one ended
    instead of skipping ``offset`` rows."""
    name = sort.lstrip("-")
    column = SORTS.get(name, events.c.event_date)
    descending = sort.startswith("-") or name not in SORTS
    value, event_id = last
    nulls_after = descending != nulls_largest
    same_id_after = events.c.event_id > event_id
    if value is None:
        if nulls_after:
            return sa.and_(column.is_(None), same_id_after)
        return sa.or_(column.is_not(None), sa.and_(column.is_(None), same_id_after))
    bound = sa.literal(value, type_=column.type)
    beyond = column < bound if descending else column > bound
    found = [beyond, sa.and_(column == bound, same_id_after)]
    if nulls_after:
        found.append(column.is_(None))
    return sa.or_(*found)


# --- read queries for the API (each takes a connection) ---------------------------------------


_text = functools.partial(sa.cast, type_=sa.String)  # dates as YYYY-MM-DD, unparsed (faster)
LIGHT_COLUMNS = (
    events.c.event_id,
    _text(events.c.event_date),
    _text(events.c.date_start),
    _text(events.c.date_end),
    events.c.event_type,
    events.c.sub_event_type,
    events.c.fatalities,
    events.c.latitude,
    events.c.longitude,
    events.c.location,
    events.c.confidence,
    events.c.n_sources,
)
LIGHT_FIELDS = (
    "event_id",
    "event_date",
    "date_start",
    "date_end",
    "event_type",
    "sub_event_type",
    "fatalities",
    "latitude",
    "longitude",
    "location",
    "confidence",
    "n_sources",
)


def tuples(conn: Connection, query: sa.Select) -> list[tuple[Any, ...]]:
    """Every row of ``query`` as the database driver's tuples, without SQLAlchemy's row
    objects: for queries of plain columns (text, numbers; dates cast to text), whose values
    need no conversion.  Building 20,000 rows cost more than the query that read them (the
    map's points at 100,000 events: 0.5 of 0.9 s, profiled)."""
    result = conn.execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def light_rows(conn: Connection, flt: EventFilter, cap: int) -> list[tuple[Any, ...]]:
    """Up to ``cap`` matching events as tuples of ``LIGHT_FIELDS`` (no payload), sorted as
    ``flt.sort`` asks: what the map, the timeline and the dashboard's list are built from."""
    query = apply_filter(sa.select(*LIGHT_COLUMNS), flt, paginate=False)
    return tuples(conn, query.order_by(*order_by(flt.sort)).limit(cap))


def payloads(conn: Connection, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The stored payloads of these events, in the order given."""
    query = sa.select(events.c.event_id, events.c.payload).where(
        events.c.event_id.in_(list(event_ids))
    )
    found = {r.event_id: r.payload for r in conn.execute(query)}
    return [loads(found[i]) for i in event_ids if i in found]


def timeline_rows(conn: Connection, flt: EventFilter) -> list[tuple[Any, ...]]:
    """(event_date as YYYY-MM-DD, event_type, fatalities) of every matching dated event."""
    c = events.c
    query = sa.select(_text(c.event_date), c.event_type, c.fatalities)
    query = apply_filter(query, flt, paginate=False)
    return tuples(conn, query.where(c.event_date.is_not(None)))


def place_counts(conn: Connection, text: str | None, limit: int) -> list[sa.Row[Any]]:
    """Places events are located at, with how many events each, most events first."""
    c = events.c
    n = sa.func.count().label("n_events")
    query = (
        sa.select(c.location, c.country, c.latitude, c.longitude, n)
        .where(c.location.is_not(None))
        .group_by(c.location, c.country, c.latitude, c.longitude)
    )
    if text:
        query = query.where(_contains(c.location, text))
    return list(conn.execute(query.order_by(n.desc(), c.location).limit(limit)))


def date_range(conn: Connection) -> tuple[date | None, date | None]:
    """The first and last event dates stored."""
    c = events.c
    query = sa.select(sa.func.min(c.event_date), sa.func.max(c.event_date))
    first, last = conn.execute(query).one()
    return first, last


def countries(conn: Connection) -> list[str]:
    """Countries events are located in."""
    query = sa.select(events.c.country).where(events.c.country.is_not(None)).distinct()
    return sorted(r.country for r in conn.execute(query))


def actor_event_counts(conn: Connection) -> dict[str, int]:
    """Lower-cased actor name -> number of (exported) events it is actor 1 or actor 2 of."""
    c = events.c
    shown = c.modality.in_(EXPORTED_MODALITIES)
    pairs = sa.union(
        sa.select(c.event_id, c.actor1.label("actor")).where(c.actor1.is_not(None), shown),
        sa.select(c.event_id, c.actor2.label("actor")).where(c.actor2.is_not(None), shown),
    )
    sub = pairs.subquery()
    query = sa.select(sa.func.lower(sub.c.actor), sa.func.count()).group_by(
        sa.func.lower(sub.c.actor)
    )
    return {name: int(n) for name, n in conn.execute(query)}


def document_names(
    conn: Connection, doc_keys: Sequence[str]
) -> dict[str, tuple[str | None, str | None]]:
    """doc_key -> (outlet, URL or source) for these documents."""
    d = documents.c
    query = sa.select(d.doc_key, d.outlet, d.url, d.source).where(d.doc_key.in_(list(doc_keys)))
    return {r.doc_key: (r.outlet, r.url or r.source) for r in conn.execute(query)}


def mention_document_columns() -> list[Any]:
    """A mention (its payload) with its document's metadata: what evidence lists show."""
    m, d = mentions.c, documents.c
    return [m.mention_id, m.payload, m.doc_key, d.source, d.url, d.outlet, d.published, d.title]


def mention_evidence(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """Every mention of an event (its payload) with its document's metadata."""
    m, d = mentions.c, documents.c
    query = (
        sa.select(*mention_document_columns(), d.ingested_at)
        .join(event_mentions, event_mentions.c.mention_id == m.mention_id)
        .join(documents, documents.c.doc_key == m.doc_key, isouter=True)
        .where(event_mentions.c.event_id == event_id)
        .order_by(d.published, d.ingested_at, m.mention_id)
    )
    return [{**row._asdict(), "payload": loads(row.payload)} for row in conn.execute(query)]


def document_texts(conn: Connection, doc_keys: Sequence[str]) -> dict[str, str]:
    """doc_key -> clean text, for these documents."""
    d = documents.c
    query = sa.select(d.doc_key, d.text).where(d.doc_key.in_(list(doc_keys)))
    return {r.doc_key: r.text or "" for r in conn.execute(query)}
