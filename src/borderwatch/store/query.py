"""Event filters shared by the CLI, the API and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..model import EXPORTED_MODALITIES
from .schema import events

MAX_LIMIT = 100_000


@dataclass(frozen=True)
class EventFilter:
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    actor: str | None = None
    country: str | None = None
    min_confidence: float | None = None
    include_unconfirmed: bool = False
    limit: int | None = None
    offset: int = 0


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def apply_filter(query: sa.Select, flt: EventFilter, *, paginate: bool = True) -> sa.Select:  # type: ignore[type-arg]
    """Add ``flt``'s conditions (and ordering/pagination) to a select over ``events``."""
    c = events.c
    if flt.event_type:
        query = query.where(sa.or_(sa.func.lower(c.event_type) == flt.event_type.lower(),
                                   sa.func.lower(c.sub_event_type) == flt.event_type.lower()))
    if flt.since:
        query = query.where(c.date_end >= flt.since)
    if flt.until:
        query = query.where(c.date_start <= flt.until)
    if flt.place:
        query = query.where(sa.func.lower(c.location).like(_like(flt.place), escape="\\"))
    if flt.country:
        query = query.where(sa.func.lower(c.country) == flt.country.lower())
    if flt.actor:
        pattern = _like(flt.actor)
        query = query.where(sa.or_(sa.func.lower(c.actor1).like(pattern, escape="\\"),
                                   sa.func.lower(c.actor2).like(pattern, escape="\\")))
    if flt.min_confidence is not None:
        query = query.where(c.confidence >= flt.min_confidence)
    if not flt.include_unconfirmed:
        query = query.where(c.modality.in_(EXPORTED_MODALITIES))
    if paginate:
        query = query.order_by(c.event_date.desc(), c.event_id)
        query = query.limit(min(flt.limit or MAX_LIMIT, MAX_LIMIT)).offset(flt.offset)
    return query
