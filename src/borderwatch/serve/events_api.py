"""The API's events: the list, the map's points, the dashboard's one-pass view, one event with
its evidence, the timeline and the export.  Every filter endpoint takes ``params.EventFilters``."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import StreamingResponse

from ..export import export, export_record
from ..store import Store
from ..store.changes import EventsRead, WindowRead
from . import views
from .cache import Computed, ResponseCache
from .common import not_found
from .params import DashboardQuery, EventPage, ExportQuery, MapQuery, TimelineQuery

MAX_MAP_POINTS = 20_000
ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}
MAX_DASHBOARD_ROWS = 200_000
# An export is sent in pieces of about this many characters: each piece of a streamed answer
# costs a hop through the server's thread pool, which 50 clients keep busy (one hop per event
# made a 40-event export wait 16 s under bench/load.py).
EXPORT_PIECE_CHARS = 256 * 1024
# An export of at most this many events is answered whole and kept while the store is
# unchanged, as the other reads' answers are (serve.cache; about 3 MB of CSV); a larger one is
# streamed and never kept.
KEPT_EXPORT_EVENTS = 2_000
POINTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "n": {"type": "integer"},
        "truncated": {"type": "boolean"},
        "event_id": {"type": "array", "items": {"type": "string"}},
        "values": {"type": "object"},
    },
}
DASHBOARD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "total": {"type": "integer"},
        "events": {"type": "array", "items": {"type": "object"}},
        "map": POINTS_SCHEMA,
        "timeline": {"type": "object"},
        "next": {
            "type": ["string", "null"],
            "description": "``after`` for the next page (keyset paging: this page's last event); "
            "null on the last page",
        },
    },
}
EventId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]


def _event_answer(db: Store, event_id: str, include_rejected: bool) -> Computed:
    """One event's page as JSON, with the event it read: a kept page stays current through a
    write that changed no event it shows (an alias's page follows the alias chain, which no
    change log bounds, so it names none and is computed again after any write)."""
    found = event_detail(db, event_id, include_rejected=include_rejected)
    reads = EventsRead(frozenset({event_id})) if found["event_id"] == event_id else None
    return json_bytes(found), "application/json", reads


def events_router(db: Store, cache: ResponseCache | None = None) -> APIRouter:
    """The event routes over ``db``; each route's work is the module function it calls.  The
    reads' answers are kept in ``cache`` while the store is unchanged (``serve.cache``)."""
    router = APIRouter()
    answers = cache or ResponseCache(db.revision)

    def respond(request: Request, compute: Callable[[], Any]) -> Response:
        """``compute()``'s answer as JSON, kept."""
        return answers.respond(request, lambda: (json_bytes(compute()), "application/json"))

    @_json_get(router, "/api/events")
    def list_events(request: Request, p: Annotated[EventPage, Query()]) -> Response:
        """Events matching the filters, sorted (newest first by default), one page at a time,
        with the total count."""
        return respond(request, lambda: event_page(db, p))

    @_json_get(router, "/api/map", POINTS_SCHEMA)
    def map_points(request: Request, p: Annotated[MapQuery, Query()]) -> Response:
        """Matching events with coordinates for the map (at most 20,000), column by column:
        ``event_type``, ``sub_event_type`` and ``location`` are indexes into ``values``."""
        return respond(request, lambda: map_columns(db, p))

    @_json_get(router, "/api/dashboard", DASHBOARD_SCHEMA, tag="dashboard")
    def dashboard_view(request: Request, p: Annotated[DashboardQuery, Query()]) -> Response:
        """Everything one dashboard view shows, from one pass over the matching events: a page
        of the list with the total, the map's points (as ``/api/map``) and the timeline (as
        ``/api/stats/timeline``, over every date, so the chosen range shows in context)."""
        return respond(request, lambda: dashboard(db, p))

    @_json_get(router, "/api/events/{event_id}")
    def get_event(request: Request, event_id: EventId, include_rejected: bool = False) -> Response:
        """One event with every source, the sentence and character span behind each field,
        conflicting claims, its revisions and its review (an id merged away by an analyst
        answers the event it was merged into)."""

        return answers.respond(request, lambda: _event_answer(db, event_id, include_rejected))

    @_json_get(router, "/api/stats/timeline", tag="stats")
    def stats_timeline(request: Request, p: Annotated[TimelineQuery, Query()]) -> Response:
        """Event counts and fatalities per day, week (from Monday) or month, by event type."""
        return respond(request, lambda: timeline(db, p))

    @router.get(
        "/api/export",
        tags=["events"],
        responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
    )
    def export_events(request: Request, p: Annotated[ExportQuery, Query()]) -> Response:
        """Every matching event as JSONL, CSV (ACLED column names) or GeoJSON."""
        try:
            return answers.respond(request, lambda: small_export(db, p), export_headers(p))
        except LargeExport as large:  # streamed, never kept
            return export_stream(p, large.events)

    return router


OBJECT: dict[str, Any] = {"type": "object"}


def _schema(schema: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answer of a route that writes its JSON itself (through the cache)."""
    return {200: {"content": {"application/json": {"schema": schema}}}}


def _json_get(
    router: APIRouter, path: str, schema: dict[str, Any] | None = None, tag: str = "events"
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A GET route answering JSON it writes itself (through the cache), as the schema says."""
    return router.get(
        path, tags=[tag], response_class=Response, responses=_schema(schema or OBJECT)
    )


def json_bytes(body: dict[str, Any]) -> bytes:
    """The JSON FastAPI would write (dates and datetimes as ISO text, anything else through its
    encoder), by orjson: a dashboard answer of 1.4 MB took 28 ms with ``json.dumps`` and takes
    3.5 ms, a page of 50 events 7.4 ms with FastAPI's encoder (which walks every value) and
    0.1 ms.  The same JSON values; the text is compact (no spaces after ``,`` and ``:``).  An
    integer beyond 64 bits, which orjson refuses, is written by the standard library."""
    try:
        return orjson.dumps(body, default=jsonable_encoder, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(jsonable_encoder(body), ensure_ascii=False).encode()


def _pieces(chunks: Iterable[str], size: int = EXPORT_PIECE_CHARS) -> Iterator[str]:
    """``chunks`` joined into pieces of at least ``size`` characters (the last may be less)."""
    held: list[str] = []
    n = 0
    for chunk in chunks:
        held.append(chunk)
        n += len(chunk)
        if n >= size:
            yield "".join(held)
            held, n = [], 0
    if held:
        yield "".join(held)


def event_page(db: Store, p: EventPage) -> dict[str, Any]:
    """One page of the matching events, with the total count."""
    flt = p.to_filter(sort=p.sort)
    page = p.to_filter(sort=p.sort, limit=p.limit, offset=p.offset)
    return {
        "total": db.count_events(flt),
        "limit": p.limit,
        "offset": p.offset,
        "sort": p.sort,
        "events": [export_record(e) for e in db.events(page)],
    }


def map_columns(db: Store, p: MapQuery) -> dict[str, Any]:
    """The matching events' points, column by column, at most ``MAX_MAP_POINTS``."""
    with db.engine.connect() as conn:
        rows = db.dashboard_rows(conn, p.to_filter(sort=p.sort), MAX_MAP_POINTS + 1)
    return views.points(rows, MAX_MAP_POINTS)


def timeline(db: Store, p: TimelineQuery) -> dict[str, Any]:
    """Event counts and fatalities of the matching events per ``p.interval``, by type: from the
    store's aggregates, or per event while analysts' reviews are applied."""
    with db.engine.connect() as conn:
        counts = db.timeline_counts(conn, p.to_filter(), p.interval)
        if counts is None:
            return views.timeline(db.timeline_rows(conn, p.to_filter()), p.interval)
    return views.timeline_counts(counts, p.interval)


def dashboard(db: Store, p: DashboardQuery) -> dict[str, Any]:
    """The dashboard's page, map points and timeline; the timeline ignores the date range so
    the chosen range shows in context.  Each part from the store's indexes and aggregates
    (``store.dashboard``); while reviews exist, or for a filter only a scan answers (place,
    actor, box), from one pass over the matching rows."""
    flt = p.to_filter(sort=p.sort, limit=p.limit, offset=p.offset)
    with db.engine.connect() as conn:
        try:
            view = db.dashboard_view(conn, flt, p.interval, MAX_MAP_POINTS + 1, p.after)
        except KeyError:
            not_found(f"event {p.after!r} (after): page by offset from the start instead")
    if view is None:
        return reviewed_dashboard(db, p)
    return {
        "total": view.total,
        "limit": p.limit,
        "offset": p.offset,
        "sort": p.sort,
        "truncated": False,
        "events": [export_record(e) for e in view.page],
        "next": view.next_key,
        "map": views.points(view.map_rows, MAX_MAP_POINTS),
        "timeline": views.timeline_counts(view.timeline, p.interval),
    }


def reviewed_dashboard(db: Store, p: DashboardQuery) -> dict[str, Any]:
    """The dashboard from one pass over the matching rows, reviews applied (few reviewed
    events are corrected in Python; see ``store.review_rows``): the list, map and timeline
    share the rows a scan reads once."""
    every_date = dataclasses.replace(p.to_filter(sort=p.sort), since=None, until=None)
    with db.engine.connect() as conn:
        rows = db.dashboard_rows(conn, every_date, MAX_DASHBOARD_ROWS)
        chosen = views.in_dates(rows, p.since, p.until)
        start = p.offset
        if p.after:
            start = next((i + 1 for i, r in enumerate(chosen) if r[0] == p.after), len(chosen))
        shown = chosen[start : start + p.limit]
        page = db.dashboard_payloads(conn, [r[0] for r in shown])
    return {
        "total": len(chosen),
        "limit": p.limit,
        "offset": p.offset,
        "sort": p.sort,
        "truncated": len(rows) >= MAX_DASHBOARD_ROWS,
        "events": [export_record(e) for e in page],
        "next": shown[-1][0] if len(shown) == p.limit else None,
        "map": views.points(chosen, MAX_MAP_POINTS),
        "timeline": views.timeline(((r[1], r[4], r[6]) for r in rows if r[1]), p.interval),
    }


def event_detail(db: Store, event_id: str, *, include_rejected: bool = True) -> dict[str, Any]:
    """One event with its evidence, conflicting claims and revisions (404 when unknown), from
    the store's two joined reads (``Store.event_detail``)."""
    found = db.event_detail(event_id, include_rejected=include_rejected)
    if found is None:
        not_found(f"event {event_id!r}")
    event = found.event
    record = export_record(event)
    actor_ids = {k: (event.get(k) or {}).get("actor_id") for k in ACTOR_FIELDS}
    return {
        **record,
        "mention_ids": event.get("mention_ids", []),
        "actor_ids": actor_ids,
        "evidence": views.evidence(found.mentions, found.texts),
        "conflicts": views.conflicts(record["claims"]),
        "revisions": views.revisions(event["revisions"], found.documents),
    }


class LargeExport(Exception):
    """An export of more than ``KEPT_EXPORT_EVENTS`` events: streamed, not kept."""

    def __init__(self, events: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(events)} events")
        self.events = events


def export_events_of(db: Store, p: ExportQuery) -> list[dict[str, Any]]:
    """The events an export of ``p`` holds."""
    flt = p.to_filter(sort=p.sort)
    if p.scope is None and p.format == "csv":  # the ACLED CSV carries ACLED's scope by default
        flt = dataclasses.replace(flt, scope="acled")
    return db.events(flt)


def export_headers(p: ExportQuery) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="borderwatch-events.{p.format}"'}


def small_export(db: Store, p: ExportQuery) -> Computed:
    """A small export's whole answer (body, media type, what it was read from: its date
    window's events), to be kept as the reads' answers are (a place's week, a saved view's
    month: asked again by many, and left true by a write elsewhere); raises ``LargeExport``
    with the events when they are more than ``KEPT_EXPORT_EVENTS``."""
    events = export_events_of(db, p)
    if len(events) > KEPT_EXPORT_EVENTS:
        raise LargeExport(events)
    flt = p.to_filter()
    body = "".join(export(events, p.format)).encode()
    return body, MEDIA_TYPES[p.format], WindowRead(flt.since, flt.until)


def export_stream(p: ExportQuery, events: list[dict[str, Any]]) -> StreamingResponse:
    """``events`` in ``p.format``, streamed as an attachment."""
    chunks = _pieces(export(events, p.format))
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[p.format], headers=export_headers(p))
