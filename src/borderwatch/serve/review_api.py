"""The API's reviews: an analyst confirms, corrects, rejects, merges or splits an event
(``POST /api/events/{id}/review``, with the write token of ``POST /api/documents``).  The
``revision`` the analyst loaded guards against two analysts overwriting each other: 409 when
the event changed since."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from ..export import export_record
from ..model import REVIEW_STATUSES as STATUSES
from ..review import Reviewer, default_reviewer
from ..settings import Settings
from ..store import ReviewConflict, ReviewError, Store
from .common import ERRORS, Authorise, Credentials
from .events_api import event_detail

EventId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
Short = Annotated[str, Field(max_length=2000)]


class ReviewIn(BaseModel):
    """One review action on the event named in the path."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "edit", "reject", "merge", "split"]
    set: Annotated[
        dict[str, str | int | float],
        Field(max_length=20, description="edit: field -> corrected value (as `review edit`)"),
    ] = {}
    note: Short | None = None
    by: Annotated[str | None, Field(max_length=100)] = None
    revision: Annotated[
        str | None, Field(max_length=40, description="The event's review.revision as loaded")
    ] = None
    new_actor: bool = False
    other: Annotated[
        str | None, Field(max_length=64, description="merge: the event merged into this one")
    ] = None
    source: Annotated[
        str | None, Field(max_length=2048, description="split: the report split off")
    ] = None


def review_router(settings: Settings, db: Store, authorise: Authorise) -> APIRouter:
    router = APIRouter(tags=["review"])
    reviewer = Reviewer(db, settings)

    @router.post(
        "/api/events/{event_id}/review",
        responses={**ERRORS, 409: {"description": "The event changed since that revision"}},
    )
    def review_event(
        event_id: EventId, body: ReviewIn, credentials: Credentials = None
    ) -> dict[str, Any]:
        """Confirm, edit (``set``), reject (``note`` required), merge (``other`` into this one)
        or split (``source`` off this one) an event; answers the event as it reads now."""
        authorise(settings.api_token, credentials)
        done = apply_review(reviewer, event_id, body)
        return event_detail(db, done["event_id"])

    @router.get("/api/review/queue")
    def review_queue(
        status: Annotated[Literal[STATUSES], Query()] = "unreviewed",  # type: ignore[valid-type]
        max_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> dict[str, Any]:
        """Events to review, lowest machine confidence first (``conflict``: reviewed events
        that fusion joined)."""
        found = db.review_queue(status=status, max_confidence=max_confidence, limit=limit)
        return {"status": status, "events": [export_record(e) for e in found]}

    return router


def apply_review(reviewer: Reviewer, event_id: str, body: ReviewIn) -> dict[str, Any]:
    """Run the action; a refusal becomes 400 (bad value), 404 (no event) or 409 (changed)."""
    by = body.by or default_reviewer()
    try:
        if body.action == "merge":
            if not body.other:
                raise ReviewError("merge: name the other event in 'other'")
            reviewer_check(reviewer, event_id, body.revision)
            return reviewer.merge(event_id, body.other, by=by, note=body.note)
        if body.action == "split":
            if not body.source:
                raise ReviewError("split: name the report in 'source'")
            reviewer_check(reviewer, event_id, body.revision)
            return reviewer.split(event_id, body.source, by=by, note=body.note)
        return reviewer.review(
            event_id,
            body.action,
            by=by,
            note=body.note,
            sets=body.set,
            new_actor=body.new_actor,
            revision=body.revision,
        )
    except ReviewConflict as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    except ReviewError as exc:
        status = 404 if str(exc).startswith("no event") else 400
        raise HTTPException(status_code=status, detail=str(exc)) from exc


def reviewer_check(reviewer: Reviewer, event_id: str, revision: str | None) -> None:
    """409 before a merge or split when the event is no longer at ``revision``."""
    if revision is None:
        return
    event = reviewer.store.event(event_id, include_rejected=True)
    if event is None:
        raise ReviewError(f"no event {event_id!r}")
    if event["review"]["revision"] != revision:
        raise ReviewConflict(
            f"event {event_id} changed since revision {revision} "
            f"(now {event['review']['revision']}): reload it and review again"
        )
