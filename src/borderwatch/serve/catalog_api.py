"""The API's catalogue: actors of the knowledge base (with how many events name them), places
events are located at, and the metadata the dashboard builds its filters from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from ..export import export_record
from ..model import ACLED_TYPES, MODALITIES
from ..region import RegionData
from ..settings import Settings
from ..store import EventFilter, Store
from ..store import query as q
from . import views
from .common import not_found
from .params import MAX_PAGE_SIZE, ListQuery

ACTOR_EVENTS = 200
ActorId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,100}$")]


def catalog_router(
    settings: Settings, db: Store, region: Callable[[], RegionData], tile_url: str | None
) -> APIRouter:
    """The actor, place and meta routes; ``region`` loads the region data on first use."""
    router = APIRouter()

    @router.get("/api/actors", tags=["actors"])
    def list_actors(p: Annotated[ListQuery, Query()]) -> dict[str, Any]:
        """Actors of the region's knowledge base with how many events name them."""
        return actor_list(db, region(), p)

    @router.get("/api/actors/{actor_id}", tags=["actors"])
    def get_actor(actor_id: ActorId) -> dict[str, Any]:
        """One actor: aliases, roles over time and the events that name it (newest first)."""
        return actor_detail(db, region(), actor_id)

    @router.get("/api/places", tags=["places"])
    def list_places(p: Annotated[ListQuery, Query()]) -> dict[str, Any]:
        """Places events are located at, with their coordinates and number of events."""
        with db.engine.connect() as conn:
            rows = q.place_counts(conn, p.q, p.limit)
        return {"places": [r._asdict() for r in rows]}

    @router.get("/api/meta", tags=["meta"])
    def meta() -> dict[str, Any]:
        """What the dashboard needs to build its filters, and the optional tile layer."""
        return filter_meta(settings, db, region(), tile_url)

    return router


def actor_list(db: Store, region: RegionData, p: ListQuery) -> dict[str, Any]:
    """The actors matching ``p.q`` (any name), most events first, with their event counts."""
    with db.engine.connect() as conn:
        counts = q.actor_event_counts(conn)
    found = []
    for entry in region.actors:
        names = {entry.canonical, *entry.aliases}
        if p.q and not any(p.q.lower() in n.lower() for n in names):
            continue
        stored = names | views.localised_names(entry, counts)
        found.append(views.actor_summary(entry, sum(counts.get(n.lower(), 0) for n in stored)))
    found.sort(key=lambda a: (-a["n_events"], a["canonical"].lower()))
    return {"total": len(found), "actors": found[: p.limit]}


def actor_detail(db: Store, region: RegionData, actor_id: str) -> dict[str, Any]:
    """One actor with its newest ``ACTOR_EVENTS`` events (404 when unknown)."""
    entry = next((a for a in region.actors if a.actor_id == actor_id), None)
    if entry is None:
        not_found(f"actor {actor_id!r}")
    with db.engine.connect() as conn:
        localised = views.localised_names(entry, q.actor_event_counts(conn))
    flt = EventFilter(actor_names=(entry.canonical, *entry.aliases, *sorted(localised)))
    total = db.count_events(flt)
    page = db.events(EventFilter(**{**flt.__dict__, "limit": ACTOR_EVENTS}))
    names = {a.actor_id: a.canonical for a in region.actors}
    detail = views.actor_detail(entry, total, names)
    return {**detail, "events": [export_record(e) for e in page]}


def filter_meta(
    settings: Settings, db: Store, region: RegionData, tile_url: str | None
) -> dict[str, Any]:
    """The dashboard's filter choices, date range and tile layer (None without a tile URL)."""
    with db.engine.connect() as conn:
        countries = sorted({*q.countries(conn), "Lebanon", "Syria"})
        first, last = q.date_range(conn)
    return {
        "event_types": {k: list(v) for k, v in ACLED_TYPES.items()},
        "tags": sorted(region.lexicon.tag_words),
        "modalities": list(MODALITIES),
        "sorts": list(q.SORT_KEYS),
        "max_page_size": MAX_PAGE_SIZE,
        "countries": countries,
        "dates": {"first": first and first.isoformat(), "last": last and last.isoformat()},
        # the alert outbox's size: what delivery has yet to send, and what retention keeps
        "outbox": db.outbox_size(),
        "tiles": {"url": tile_url, "attribution": settings.extra.get("tile_attribution", "")}
        if tile_url
        else None,
    }
