"""Event filters shared by the CLI, the API and exports, and the read queries the API needs.

``apply_filter`` turns an :class:`EventFilter` into SQL over the ``events`` table.  Filters on
fields that only the JSON payload holds (border tags, notes, source sentences) use the database's
JSON functions; :class:`JsonArrayMatch` writes them for SQLite (``json_each``) and PostgreSQL
(``jsonb_array_elements``), so the same filter runs on both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnElement

from ..model import EXPORTED_MODALITIES
from .schema import documents, event_mentions, events, mentions

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


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    return sa.func.lower(column).like(_like(value), escape="\\")


class JsonArrayMatch(ColumnElement[bool]):
    """True when some element of the JSON array ``payload[key]`` matches.

    With ``values``: the element (a string) is one of them.  With ``pattern``: the element's
    ``subkey`` (a string) is LIKE ``pattern`` case-insensitively (``pattern`` already lower-case).
    """

    inherit_cache = False
    type = sa.Boolean()

    def __init__(self, column: Any, key: str, *, values: Sequence[str] = (),
                 subkey: str | None = None, pattern: str | None = None) -> None:
        self.column, self.key, self.subkey = column, key, subkey
        self.values = [sa.bindparam(None, v, type_=sa.Text) for v in values]
        self.pattern = None if pattern is None else sa.bindparam(None, pattern, type_=sa.Text)


def _json_array_match(element: JsonArrayMatch, compiler: SQLCompiler, sqlite: bool) -> str:
    column = compiler.process(element.column)
    if sqlite:
        source = f"json_each({column}, '$.{element.key}') AS j"
        item = f"json_extract(j.value, '$.{element.subkey}')" if element.subkey else "j.value"
    else:
        fn = "jsonb_array_elements" if element.subkey else "jsonb_array_elements_text"
        source = f"{fn}(CAST({column} AS jsonb) -> '{element.key}') AS j(value)"
        item = f"(j.value ->> '{element.subkey}')" if element.subkey else "j.value"
    if element.pattern is not None:
        condition = f"lower({item}) LIKE {compiler.process(element.pattern)} ESCAPE '\\'"
    else:
        condition = f"{item} IN ({', '.join(compiler.process(v) for v in element.values)})"
    return f"EXISTS (SELECT 1 FROM {source} WHERE {condition})"


@compiles(JsonArrayMatch, "sqlite")
def _json_array_match_sqlite(element: JsonArrayMatch, compiler: SQLCompiler, **_: Any) -> str:
    return _json_array_match(element, compiler, sqlite=True)


@compiles(JsonArrayMatch, "postgresql")
def _json_array_match_pg(element: JsonArrayMatch, compiler: SQLCompiler, **_: Any) -> str:
    return _json_array_match(element, compiler, sqlite=False)


class JsonText(ColumnElement[str]):
    """The string ``payload[key]`` of a JSON payload column."""

    inherit_cache = False
    type = sa.Text()

    def __init__(self, column: Any, key: str) -> None:
        self.column, self.key = column, key


@compiles(JsonText, "sqlite")
def _json_text_sqlite(element: JsonText, compiler: SQLCompiler, **_: Any) -> str:
    return f"json_extract({compiler.process(element.column)}, '$.{element.key}')"


@compiles(JsonText, "postgresql")
def _json_text_pg(element: JsonText, compiler: SQLCompiler, **_: Any) -> str:
    return f"(CAST({compiler.process(element.column)} AS jsonb) ->> '{element.key}')"


def _free_text(value: str) -> ColumnElement[bool]:
    c = events.c
    columns = (c.event_id, c.event_type, c.sub_event_type, c.location, c.actor1, c.actor2)
    return sa.or_(
        *(_contains(col, value) for col in columns),
        _contains(JsonText(c.payload, "notes"), value),
        JsonArrayMatch(c.payload, "sources", subkey="sentence", pattern=_like(value)),
    )


def apply_filter(query: sa.Select, flt: EventFilter, *, paginate: bool = True) -> sa.Select:  # type: ignore[type-arg]
    """Add ``flt``'s conditions (and ordering/pagination) to a select over ``events``."""
    c = events.c
    if flt.event_type:
        query = query.where(sa.or_(sa.func.lower(c.event_type) == flt.event_type.lower(),
                                   sa.func.lower(c.sub_event_type) == flt.event_type.lower()))
    if flt.sub_event_type:
        query = query.where(sa.func.lower(c.sub_event_type) == flt.sub_event_type.lower())
    if flt.since:
        query = query.where(c.date_end >= flt.since)
    if flt.until:
        query = query.where(c.date_start <= flt.until)
    if flt.place:
        query = query.where(_contains(c.location, flt.place))
    if flt.country:
        query = query.where(sa.func.lower(c.country) == flt.country.lower())
    if flt.actor:
        query = query.where(sa.or_(_contains(c.actor1, flt.actor), _contains(c.actor2, flt.actor)))
    if flt.actor_names:
        names = sorted({n.lower() for n in flt.actor_names})
        query = query.where(sa.or_(sa.func.lower(c.actor1).in_(names),
                                   sa.func.lower(c.actor2).in_(names)))
    if flt.min_confidence is not None:
        query = query.where(c.confidence >= flt.min_confidence)
    if flt.min_sources is not None:
        query = query.where(c.n_sources >= flt.min_sources)
    if flt.bbox is not None:
        west, south, east, north = flt.bbox
        query = query.where(c.longitude.between(west, east), c.latitude.between(south, north))
    if flt.tags:
        query = query.where(JsonArrayMatch(c.payload, "tags", values=flt.tags))
    if flt.text:
        query = query.where(_free_text(flt.text))
    if not flt.include_unconfirmed:
        query = query.where(c.modality.in_(EXPORTED_MODALITIES))
    if paginate:
        query = query.order_by(*order_by(flt.sort))
        query = query.limit(min(flt.limit or MAX_LIMIT, MAX_LIMIT)).offset(flt.offset)
    return query


def order_by(sort: str) -> list[Any]:
    """ORDER BY terms for a sort key such as ``-date`` (unknown keys: newest first)."""
    column = SORTS.get(sort.lstrip("-"), events.c.event_date)
    descending = sort.startswith("-") or sort.lstrip("-") not in SORTS
    return [column.desc() if descending else column.asc(), events.c.event_id]


# --- read queries for the API (each takes a connection) ---------------------------------------


def map_points(conn: Connection, flt: EventFilter, cap: int) -> list[sa.Row[Any]]:
    """Up to ``cap`` matching events with coordinates, as light rows for the map (no payload)."""
    c = events.c
    query = sa.select(c.event_id, c.latitude, c.longitude, c.event_type, c.sub_event_type,
                      c.fatalities, c.event_date, c.location)
    query = apply_filter(query, flt, paginate=False).where(
        c.latitude.is_not(None), c.longitude.is_not(None))
    query = query.order_by(*order_by(flt.sort)).limit(cap)
    return list(conn.execute(query))


def timeline_rows(conn: Connection, flt: EventFilter) -> list[sa.Row[Any]]:
    """(event_date, event_type, fatalities) of every matching dated event."""
    c = events.c
    query = apply_filter(sa.select(c.event_date, c.event_type, c.fatalities), flt, paginate=False)
    return list(conn.execute(query.where(c.event_date.is_not(None))))


def place_counts(conn: Connection, text: str | None, limit: int) -> list[sa.Row[Any]]:
    """Places events are located at, with how many events each, most events first."""
    c = events.c
    n = sa.func.count().label("n_events")
    query = (sa.select(c.location, c.country, c.latitude, c.longitude, n)
             .where(c.location.is_not(None))
             .group_by(c.location, c.country, c.latitude, c.longitude))
    if text:
        query = query.where(_contains(c.location, text))
    return list(conn.execute(query.order_by(n.desc(), c.location).limit(limit)))


def countries(conn: Connection) -> list[str]:
    """Countries events are located in."""
    query = sa.select(events.c.country).where(events.c.country.is_not(None)).distinct()
    return sorted(r.country for r in conn.execute(query))


def actor_event_counts(conn: Connection) -> dict[str, int]:
    """Lower-cased actor name -> number of events it is actor 1 or actor 2 of."""
    c = events.c
    pairs = sa.union(sa.select(c.event_id, c.actor1.label("actor")).where(c.actor1.is_not(None)),
                     sa.select(c.event_id, c.actor2.label("actor")).where(c.actor2.is_not(None)))
    sub = pairs.subquery()
    query = sa.select(sa.func.lower(sub.c.actor), sa.func.count()).group_by(
        sa.func.lower(sub.c.actor))
    return {name: int(n) for name, n in conn.execute(query)}


def event_updated_at(conn: Connection, event_id: str) -> Any:
    return conn.execute(sa.select(events.c.updated_at)
                        .where(events.c.event_id == event_id)).scalar_one_or_none()


def mention_evidence(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """Every mention of an event with its document's metadata and text (for evidence spans)."""
    m, d = mentions.c, documents.c
    query = (sa.select(m.mention_id, m.payload, d.doc_key, d.source, d.url, d.outlet, d.published,
                       d.title, d.text, d.ingested_at)
             .join(event_mentions, event_mentions.c.mention_id == m.mention_id)
             .join(documents, documents.c.doc_key == m.doc_key, isouter=True)
             .where(event_mentions.c.event_id == event_id)
             .order_by(d.published, d.ingested_at, m.mention_id))
    return [{**row._asdict(), "payload": json.loads(row.payload)} for row in conn.execute(query)]
