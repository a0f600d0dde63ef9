"""The HTTP API and dashboard.  Routes are thin: parse the query, ask the store, return JSON."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from ..export import FORMATS, export, export_record
from ..settings import Settings
from ..store import EventFilter, Store

MAX_PAGE_SIZE = 500
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv",
               "geojson": "application/geo+json"}


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The app over ``settings.db`` (or the given store)."""
    db = store or Store(settings.db)
    app = FastAPI(title="Borderwatch", version="0.1.0",
                  description="Evidence-backed event database from news reports.")
    static = resources.files("borderwatch.serve") / "static"

    def event_filter(
        event_type: Annotated[str | None, Query(alias="type", max_length=100)] = None,
        since: date | None = None,
        until: date | None = None,
        place: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        include_unconfirmed: bool = False,
    ) -> EventFilter:
        return EventFilter(event_type=event_type, since=since, until=until, place=place,
                           actor=actor, include_unconfirmed=include_unconfirmed)

    @app.get("/api/events")
    def list_events(
        event_type: Annotated[str | None, Query(alias="type", max_length=100)] = None,
        since: date | None = None,
        until: date | None = None,
        place: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        include_unconfirmed: bool = False,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict[str, Any]:
        """Events matching the filters, newest first, with the total count."""
        flt = event_filter(event_type, since, until, place, actor, include_unconfirmed)
        page = EventFilter(**{**flt.__dict__, "limit": limit, "offset": offset})
        return {"total": db.count_events(flt), "limit": limit, "offset": offset,
                "events": [export_record(e) for e in db.events(page)]}

    @app.get("/api/events/{event_id}")
    def get_event(event_id: Annotated[str, Query(max_length=64)]) -> dict[str, Any]:
        """One event with every source, claim and the evidence span of each field."""
        event = db.event(event_id)
        if event is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
        return {**export_record(event), "mention_ids": event.get("mention_ids", [])}

    @app.get("/api/export")
    def export_events(
        format: Annotated[str, Query(pattern="^(jsonl|csv|geojson)$")] = "jsonl",
        event_type: Annotated[str | None, Query(alias="type", max_length=100)] = None,
        since: date | None = None,
        until: date | None = None,
        place: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        include_unconfirmed: bool = False,
    ) -> StreamingResponse:
        """All matching events in one of the export formats."""
        if format not in FORMATS:
            raise HTTPException(status_code=422, detail=f"format must be one of {FORMATS}")
        flt = event_filter(event_type, since, until, place, actor, include_unconfirmed)
        return StreamingResponse(export(db.events(flt), format), media_type=MEDIA_TYPES[format])

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(static / "index.html"))

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
