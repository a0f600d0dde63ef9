"""Incremental sync for downstream systems: ``GET /api/retired?since=`` lists the event ids that
no longer exist (merged away, split, retracted) with what replaced them; together with
``GET /api/events?updated_since=`` a client keeps a copy current without reading everything."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..store import Store
from .params import IsoDateTime, utc_naive


def sync_router(db: Store) -> APIRouter:
    router = APIRouter(tags=["events"])

    @router.get("/api/retired")
    def retired(
        since: Annotated[
            IsoDateTime | None,
            Query(description="Retired at or after (ISO 8601; no zone: UTC)"),
        ] = None,
    ) -> dict[str, Any]:
        """Event ids retired (at or after ``since``), oldest first, each with the ids that
        replaced it (none: its reports were withdrawn) and the document that caused it."""
        return {"retired": db.retired(utc_naive(since))}

    return router
