"""The HTTP API and dashboard.  Routes are thin: check the query, ask the store, shape the answer.

Every filter endpoint takes the same query parameters (``params.EventFilters``); unknown or
malformed parameters get a 4xx that says what was wrong.  Work per request is bounded: page sizes
and the number of map points are capped, and submitted documents are size-limited.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import json
import threading
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from ..export import export, export_record
from ..model import ACLED_TYPES, MODALITIES, RawDocument
from ..pipeline import Pipeline, note_failure
from ..region import RegionData
from ..settings import Settings
from ..store import EventFilter, Store
from ..store import query as q
from . import views
from .alerts_api import alerts_router
from .documents_api import documents_router
from .hosts import HostGuard, server_names
from .params import (
    MAX_PAGE_SIZE,
    DashboardQuery,
    DocumentIn,
    EventPage,
    ExportQuery,
    ListQuery,
    MapQuery,
    TimelineQuery,
)
from .sync_api import sync_router

MAX_MAP_POINTS = 20_000
ACTOR_EVENTS = 200
ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}
MAX_DASHBOARD_ROWS = 200_000
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
    },
}
EventId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
ActorId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,100}$")]


class Error(BaseModel):
    detail: str
    errors: list[dict[str, Any]] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Error, "description": text}
    for code, text in ((400, "Bad request"), (404, "Not found"), (422, "Invalid parameters"))
}
bearer = HTTPBearer(auto_error=False, description="The server's api_token setting")


def _json(body: dict[str, Any]) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")


def _validation_message(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
    if error.get("type") == "extra_forbidden":
        return f"unknown parameter {where!r}"
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors: list[dict[str, Any]] = [
        {
            "loc": [str(p) for p in e.get("loc", ())],
            "msg": _validation_message(e),
            "type": str(e.get("type")),
        }
        for e in exc.errors()
    ]
    detail = "; ".join(dict.fromkeys(e["msg"] for e in errors)) or "invalid request"
    return JSONResponse({"detail": detail, "errors": errors}, status_code=422)


def _content_security_policy(tile_url: str | None) -> str:
    """The dashboard's pages load nothing but their own files (and the tiles, when set)."""
    tiles = ""
    if tile_url:
        parts = urlsplit(tile_url)
        tiles = f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:{tiles}; connect-src 'self'; frame-ancestors 'none'"
    )


def create_app(
    settings: Settings, store: Store | None = None, pipeline: Pipeline | None = None
) -> FastAPI:
    """The app over ``settings.db`` (or the given store); documents sent to it are processed
    with ``pipeline`` (built on first use when not given: it loads the spaCy model)."""
    db = store or Store(settings.db)
    app = FastAPI(
        title="Borderwatch",
        version="0.1.0",
        responses=ERRORS,
        description="Evidence-backed event database from news reports: events with "
        "every source, the sentence behind each field, actors, places.",
    )
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_middleware(HostGuard, names=server_names(settings))
    static = resources.files("borderwatch.serve") / "static"
    tile_url = getattr(settings, "tile_url", None) or settings.extra.get("tile_url")
    csp = _content_security_policy(tile_url)
    submit_lock = threading.Lock()

    @functools.cache
    def region() -> RegionData:
        from ..resolve import Resolver

        return Resolver.for_region(settings.region_dirs).region

    @functools.cache
    def processor() -> Pipeline:
        return pipeline or Pipeline(settings)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method == "POST":
            length = request.headers.get("content-length")
            cap = 2 * settings.max_document_bytes + 65_536  # text or html, JSON-escaped
            if length is None or not length.isdigit():
                return JSONResponse({"detail": "send a Content-Length header"}, status_code=411)
            if int(length) > cap:
                return JSONResponse({"detail": f"request body over {cap} bytes"}, status_code=413)
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.get("/api/events", tags=["events"])
    def list_events(p: Annotated[EventPage, Query()]) -> dict[str, Any]:
        """Events matching the filters, sorted (newest first by default), one page at a time,
        with the total count."""
        flt = p.to_filter(sort=p.sort)
        page = p.to_filter(sort=p.sort, limit=p.limit, offset=p.offset)
        return {
            "total": db.count_events(flt),
            "limit": p.limit,
            "offset": p.offset,
            "sort": p.sort,
            "events": [export_record(e) for e in db.events(page)],
        }

    @app.get(
        "/api/map",
        tags=["events"],
        response_class=Response,
        responses={200: {"content": {"application/json": {"schema": POINTS_SCHEMA}}}},
    )
    def map_points(p: Annotated[MapQuery, Query()]) -> Response:
        """Matching events with coordinates for the map (at most 20,000), column by column:
        ``event_type``, ``sub_event_type`` and ``location`` are indexes into ``values``."""
        with db.engine.connect() as conn:
            rows = q.light_rows(conn, p.to_filter(sort=p.sort), MAX_MAP_POINTS + 1)
        return _json(views.points(rows, MAX_MAP_POINTS))

    @app.get(
        "/api/dashboard",
        tags=["dashboard"],
        response_class=Response,
        responses={200: {"content": {"application/json": {"schema": DASHBOARD_SCHEMA}}}},
    )
    def dashboard_view(p: Annotated[DashboardQuery, Query()]) -> Response:
        """Everything one dashboard view shows, from one pass over the matching events: a page
        of the list with the total, the map's points (as ``/api/map``) and the timeline (as
        ``/api/stats/timeline``, over every date, so the chosen range shows in context)."""
        every_date = dataclasses.replace(p.to_filter(sort=p.sort), since=None, until=None)
        with db.engine.connect() as conn:
            rows = q.light_rows(conn, every_date, MAX_DASHBOARD_ROWS)
            chosen = views.in_dates(rows, p.since, p.until)
            page = q.payloads(conn, [r[0] for r in chosen[p.offset : p.offset + p.limit]])
        return _json(
            {
                "total": len(chosen),
                "limit": p.limit,
                "offset": p.offset,
                "sort": p.sort,
                "truncated": len(rows) >= MAX_DASHBOARD_ROWS,
                "events": [export_record(e) for e in page],
                "map": views.points(chosen, MAX_MAP_POINTS),
                "timeline": views.timeline(((r[1], r[4], r[6]) for r in rows if r[1]), p.interval),
            }
        )

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: EventId) -> dict[str, Any]:
        """One event with every source, the sentence and character span behind each field,
        conflicting claims and its revisions."""
        event = db.event(event_id)
        if event is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
        with db.engine.connect() as conn:
            rows = q.mention_evidence(conn, event_id)
            texts = q.document_texts(conn, sorted({r["doc_key"] for r in rows if r["doc_key"]}))
            history = event.get("revisions", [])
            docs = q.document_names(
                conn, sorted({r["doc_key"] for r in history if r.get("doc_key")})
            )
        record = export_record(event)
        actor_ids = {k: (event.get(k) or {}).get("actor_id") for k in ACTOR_FIELDS}
        return {
            **record,
            "mention_ids": event.get("mention_ids", []),
            "actor_ids": actor_ids,
            "evidence": views.evidence(rows, texts),
            "conflicts": views.conflicts(record["claims"]),
            "revisions": views.revisions(history, docs),
        }

    @app.get("/api/stats/timeline", tags=["stats"])
    def stats_timeline(p: Annotated[TimelineQuery, Query()]) -> dict[str, Any]:
        """Event counts and fatalities per day, week (from Monday) or month, by event type."""
        with db.engine.connect() as conn:
            rows = q.timeline_rows(conn, p.to_filter())
        return views.timeline(rows, p.interval)

    @app.get(
        "/api/export",
        tags=["events"],
        responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
    )
    def export_events(p: Annotated[ExportQuery, Query()]) -> StreamingResponse:
        """Every matching event as JSONL, CSV (ACLED column names) or GeoJSON."""
        chunks = export(db.events(p.to_filter(sort=p.sort)), p.format)
        name = f'attachment; filename="borderwatch-events.{p.format}"'
        return StreamingResponse(
            chunks, media_type=MEDIA_TYPES[p.format], headers={"Content-Disposition": name}
        )

    @app.get("/api/actors", tags=["actors"])
    def list_actors(p: Annotated[ListQuery, Query()]) -> dict[str, Any]:
        """Actors of the region's knowledge base with how many events name them."""
        with db.engine.connect() as conn:
            counts = q.actor_event_counts(conn)
        found = []
        for entry in region().actors:
            names = {entry.canonical, *entry.aliases}
            if p.q and not any(p.q.lower() in n.lower() for n in names):
                continue
            stored = names | views.localised_names(entry, counts)
            found.append(views.actor_summary(entry, sum(counts.get(n.lower(), 0) for n in stored)))
        found.sort(key=lambda a: (-a["n_events"], a["canonical"].lower()))
        return {"total": len(found), "actors": found[: p.limit]}

    @app.get("/api/actors/{actor_id}", tags=["actors"])
    def get_actor(actor_id: ActorId) -> dict[str, Any]:
        """One actor: aliases, roles over time and the events that name it (newest first)."""
        entry = next((a for a in region().actors if a.actor_id == actor_id), None)
        if entry is None:
            raise HTTPException(status_code=404, detail=f"no actor {actor_id!r}")
        with db.engine.connect() as conn:
            localised = views.localised_names(entry, q.actor_event_counts(conn))
        flt = EventFilter(actor_names=(entry.canonical, *entry.aliases, *sorted(localised)))
        total = db.count_events(flt)
        page = db.events(EventFilter(**{**flt.__dict__, "limit": ACTOR_EVENTS}))
        names = {a.actor_id: a.canonical for a in region().actors}
        detail = views.actor_detail(entry, total, names)
        return {**detail, "events": [export_record(e) for e in page]}

    @app.get("/api/places", tags=["places"])
    def list_places(p: Annotated[ListQuery, Query()]) -> dict[str, Any]:
        """Places events are located at, with their coordinates and number of events."""
        with db.engine.connect() as conn:
            rows = q.place_counts(conn, p.q, p.limit)
        return {"places": [r._asdict() for r in rows]}

    @app.get("/api/meta", tags=["meta"])
    def meta() -> dict[str, Any]:
        """What the dashboard needs to build its filters, and the optional tile layer."""
        with db.engine.connect() as conn:
            countries = sorted({*q.countries(conn), "Lebanon", "Syria"})
            first, last = q.date_range(conn)
        return {
            "event_types": {k: list(v) for k, v in ACLED_TYPES.items()},
            "tags": sorted(region().lexicon.tag_words),
            "modalities": list(MODALITIES),
            "sorts": list(q.SORT_KEYS),
            "max_page_size": MAX_PAGE_SIZE,
            "countries": countries,
            "dates": {"first": first and first.isoformat(), "last": last and last.isoformat()},
            "tiles": {"url": tile_url, "attribution": settings.extra.get("tile_attribution", "")}
            if tile_url
            else None,
        }

    @app.post(
        "/api/documents",
        tags=["documents"],
        status_code=201,
        responses={
            200: {"description": "Already stored (same content)"},
            401: {"model": Error},
            403: {"model": Error},
            413: {"model": Error},
            501: {"model": Error, "description": "URL fetching is not supported yet"},
        },
    )
    def submit_document(
        doc: DocumentIn,
        response: Response,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
    ) -> dict[str, Any]:
        """Process an article (plain text or HTML) and store its events.  Needs the header
        ``Authorization: Bearer <api_token>``; refused when the server has no api_token."""
        _authorise(settings.api_token, credentials)
        if doc.url is not None:
            raise HTTPException(
                status_code=501,
                detail="fetching a URL is not supported yet; send the article as text or html",
            )
        content = (doc.text if doc.text is not None else doc.html or "").encode("utf-8")
        if len(content) > settings.max_document_bytes:
            raise HTTPException(
                status_code=413,
                detail=f"document is over max_document_bytes ({settings.max_document_bytes})",
            )
        source = doc.source or f"api:{hashlib.sha256(content).hexdigest()[:16]}"
        raw = RawDocument(
            source=source,
            content=content,
            published=doc.published,
            media_type="text/html" if doc.html is not None else "text/plain",
            outlet=doc.outlet,
            title=doc.title,
        )
        with submit_lock:  # one document at a time: the pipeline holds one spaCy model
            processed = processor().process(raw)
            if processed.skipped is not None:
                note_failure(db, processed.skipped)
            done = processor().commit(db, processed)
        if done.status == "failed" and done.retry:  # the database is locked or out of reach
            raise HTTPException(
                status_code=503, detail=f"not stored: {done.reason}", headers={"Retry-After": "30"}
            )
        if done.status == "failed":
            raise HTTPException(status_code=422, detail=f"not processed: {done.reason}")
        if done.status == "unchanged":
            response.status_code = 200
        key = processed.article.doc_key if processed.article else None
        return {
            "status": done.status,
            "source": source,
            "doc_key": key,
            "mentions": done.mentions,
            "events": done.events,
        }

    app.include_router(alerts_router(settings, db, _authorise))
    app.include_router(documents_router(settings, db, _authorise))
    app.include_router(sync_router(db))

    def page(name: str) -> FileResponse:
        headers = {"Cache-Control": "no-cache", "Content-Security-Policy": csp}
        return FileResponse(str(static / name), headers=headers)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return page("index.html")

    @app.get("/actors", include_in_schema=False)
    @app.get("/actors/{actor_id}", include_in_schema=False)
    def actor_page(actor_id: str | None = None) -> FileResponse:
        return page("actor.html")

    @app.get("/alerts", include_in_schema=False)
    def alerts_page() -> FileResponse:
        return page("alerts.html")

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def _authorise(token: str | None, credentials: HTTPAuthorizationCredentials | None) -> None:
    if not token:
        raise HTTPException(
            status_code=403,
            detail="document submission is off: the server has no api_token setting",
        )
    if credentials is None:
        raise HTTPException(
            status_code=401,
            detail="send Authorization: Bearer <api_token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(status_code=403, detail="wrong api token")
