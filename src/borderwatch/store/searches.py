"""Saved searches: a named filter over events, and which events match one.

A saved search uses the same conditions as the API's and the CLI's event filters (``apply_filter``
over the ``events`` table), so an alert fires for exactly the events the same filter lists on the
dashboard, plus two that only saved searches have: a minimum number of fatalities and a circle
(a centre and a radius in km; checked in SQL by its bounding box, then by great-circle distance).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import StoreError
from .query import EventFilter, apply_filter
from .schema import events, saved_searches

# Mean Earth radius (IUGG), and the length of a degree of latitude, both in km.
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.32
MAX_RADIUS_KM = 2000.0  # a wider circle is a country or a continent: use --country or a bbox
NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
CHUNK = 500

# The filter fields of a saved search (stored as one JSON object).
FILTER_FIELDS = (
    "event_type",
    "sub_event_type",
    "actor",
    "place",
    "latitude",
    "longitude",
    "radius_km",
    "bbox",
    "country",
    "tag",
    "min_fatalities",
    "min_sources",
    "text",
    "crossing",
)


class SearchError(StoreError):
    """A saved search is malformed, or its name is taken or unknown."""


@dataclass(frozen=True)
class SavedSearch:
    """A named filter over events, with where its alerts go.

    ``place`` alone matches events whose location name contains it; with ``radius_km`` (and the
    centre ``latitude``/``longitude``, resolved from ``place`` when the search is made) it
    matches events located within that distance instead.  ``bbox`` is (west, south, east,
    north) in degrees.  ``secret`` signs webhook bodies (HMAC-SHA256)."""

    name: str
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    tag: str | None = None
    min_fatalities: int | None = None
    min_sources: int | None = None
    text: str | None = None
    # a crossing id (or "all"): the search watches that crossing's status, not events
    crossing: str | None = None
    webhook: str | None = None
    secret: str | None = None
    allow_private: bool = False
    search_id: int | None = None
    created_at: datetime | None = None

    def filters(self) -> dict[str, Any]:
        """The filter fields that are set."""
        values = {k: getattr(self, k) for k in FILTER_FIELDS}
        return {k: list(v) if k == "bbox" else v for k, v in values.items() if v is not None}

    def public(self) -> dict[str, Any]:
        """What lists show: name, filters, webhook (never the secret)."""
        return {
            "name": self.name,
            "filters": self.filters(),
            "webhook": self.webhook,
            "allow_private": self.allow_private,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }

    def event_filter(self) -> EventFilter:
        """The event filter this search applies (the circle as its bounding box)."""
        bbox = self.bbox
        if self.radius_km is not None and self.latitude is not None and self.longitude is not None:
            bbox = circle_box(self.latitude, self.longitude, self.radius_km)
        return EventFilter(
            event_type=self.event_type,
            sub_event_type=self.sub_event_type,
            actor=self.actor,
            place=self.place if self.radius_km is None else None,
            country=self.country,
            tags=(self.tag,) if self.tag else (),
            bbox=bbox,
            min_sources=self.min_sources,
            text=self.text,
        )

    def within_circle(self, latitude: float | None, longitude: float | None) -> bool:
        if self.radius_km is None or self.latitude is None or self.longitude is None:
            return True
        if latitude is None or longitude is None:
            return False
        distance = distance_km(self.latitude, self.longitude, latitude, longitude)
        return distance <= self.radius_km


def validated(search: SavedSearch) -> SavedSearch:
    """``search`` if it is well-formed, else a :class:`SearchError` that says what to fix."""
    if not NAME.match(search.name):
        raise SearchError(f"search name {search.name!r} must be 1-100 letters, digits, '-' or '_'")
    if search.radius_km is not None:
        if search.latitude is None or search.longitude is None:
            raise SearchError("a radius needs a place (or a latitude and longitude) as its centre")
        if not 0 < search.radius_km <= MAX_RADIUS_KM:
            raise SearchError(f"radius_km must be over 0 and at most {MAX_RADIUS_KM:g}")
    if search.bbox is not None:
        west, south, east, north = search.bbox
        # west > east crosses the antimeridian; south > north holds nothing (read literally)
        if not (-180 <= min(west, east) <= max(west, east) <= 180 and -90 <= south <= 90):
            raise SearchError("bbox must be WEST,SOUTH,EAST,NORTH in degrees")
        if not -90 <= north <= 90:
            raise SearchError("bbox must be WEST,SOUTH,EAST,NORTH in degrees")
    for name in ("min_fatalities", "min_sources"):
        value = getattr(search, name)
        if value is not None and value < 0:
            raise SearchError(f"{name} must not be negative")
    if search.webhook is not None:
        try:
            parts = urlsplit(search.webhook)
            host = parts.hostname  # "http://[" raises here, not in urlsplit
        except ValueError:
            raise SearchError(f"webhook {search.webhook!r} is not a URL") from None
        if parts.scheme not in ("http", "https") or not host:
            raise SearchError(f"webhook {search.webhook!r} must be an http:// or https:// URL")
        if not search.secret:
            raise SearchError("a webhook needs a secret to sign its bodies")
    return search


def circle_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) around a circle (a little wider; exact test: distance)."""
    dlat = radius_km / KM_PER_DEGREE
    dlon = radius_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return (
        max(lon - dlon, -180.0),
        max(lat - dlat, -90.0),
        min(lon + dlon, 180.0),
        min(lat + dlat, 90.0),
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def search_row(search: SavedSearch, at: datetime) -> dict[str, Any]:
    return {
        "name": search.name,
        "filters": json.dumps(search.filters(), sort_keys=True),
        "webhook": search.webhook,
        "secret": search.secret,
        "allow_private": search.allow_private,
        "created_at": at,
    }


def search_from(row: Any) -> SavedSearch:
    filters = json.loads(row.filters)
    known = {f.name for f in fields(SavedSearch)} & set(FILTER_FIELDS)
    values = {k: v for k, v in filters.items() if k in known}
    if values.get("bbox") is not None:
        values["bbox"] = tuple(values["bbox"])
    return SavedSearch(
        name=row.name,
        webhook=row.webhook,
        secret=row.secret,
        allow_private=bool(row.allow_private),
        search_id=row.id,
        created_at=row.created_at,
        **values,
    )


def load_searches(conn: Connection) -> list[SavedSearch]:
    rows = conn.execute(sa.select(saved_searches).order_by(saved_searches.c.id))
    return [search_from(r) for r in rows]


def matching(
    conn: Connection, searches: Sequence[SavedSearch], event_ids: Sequence[str]
) -> dict[int, set[str]]:
    """Search id -> which of the stored events ``event_ids`` it matches."""
    found: dict[int, set[str]] = {}
    ids = sorted(set(event_ids))
    if not ids:
        return found
    c = events.c
    for search in searches:
        assert search.search_id is not None
        hits = found.setdefault(search.search_id, set())
        if search.crossing is not None:
            continue  # watches a crossing's status (store/crossing_alerts.py), not events
        for start in range(0, len(ids), CHUNK):
            query = sa.select(c.event_id, c.latitude, c.longitude).where(
                c.event_id.in_(ids[start : start + CHUNK])
            )
            query = apply_filter(query, search.event_filter(), paginate=False)
            if search.min_fatalities is not None:
                query = query.where(c.fatalities >= search.min_fatalities)
            hits |= {
                r.event_id
                for r in conn.execute(query)
                if search.within_circle(r.latitude, r.longitude)
            }
    return found
