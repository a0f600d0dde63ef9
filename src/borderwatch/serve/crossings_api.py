"""The crossing board's API (``GET /api/crossings?at=``, ``GET /api/crossings/{id}``) and its
dashboard page (``/crossings``): the same objects ``borderwatch crossings --json`` prints."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse

from ..crossings import load_crossings
from ..settings import Settings
from ..store import Store
from .common import not_found
from .params import IsoDate

CrossingId = Annotated[str, Path(pattern=r"^[a-z0-9_]{1,64}$")]
AtDate = Annotated[
    IsoDate | None, Query(description="The date the board is drawn for (YYYY-MM-DD; default today)")
]


def crossings_router(settings: Settings, db: Store, csp: str) -> APIRouter:
    """The board's routes over ``db``, with the region's crossings of ``settings``."""
    router = APIRouter()

    @router.get("/api/crossings", tags=["crossings"])
    def board(at: AtDate = None) -> dict[str, Any]:
        """Every crossing with its status at ``at`` (open, restricted, closed, disputed or
        unknown), since when, the claims behind it, and its events of the 30 days before."""
        day = at or datetime.now(UTC).date()
        rows = db.crossing_board(load_crossings(settings.region_dirs), day)
        return {"at": day.isoformat(), "crossings": rows}

    @router.get("/api/crossings/{crossing_id}", tags=["crossings"])
    def history(crossing_id: CrossingId, at: AtDate = None) -> dict[str, Any]:
        """One crossing: its status at ``at``, every claim about it (newest first) and every
        event around it."""
        registry = load_crossings(settings.region_dirs)
        crossing = registry.get(crossing_id)
        if crossing is None:
            not_found(f"crossing {crossing_id!r}")
        return db.crossing_history(registry, crossing, at or datetime.now(UTC).date())

    @router.get("/crossings", include_in_schema=False)
    def page() -> FileResponse:
        static = resources.files("borderwatch.serve") / "static"
        headers = {"Cache-Control": "no-cache", "Content-Security-Policy": csp}
        return FileResponse(str(static / "crossings.html"), headers=headers)

    return router
