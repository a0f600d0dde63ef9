"""Query-parameter and body models of the API: each checks what a client sends and says plainly
what was wrong (unknown parameters are refused, not ignored)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..store import EventFilter
from ..store.query import SORT_KEYS

MAX_PAGE_SIZE = 500
MAX_OFFSET = 1_000_000
MAX_TAGS = 20

Text = Annotated[str, Field(min_length=1, max_length=200)]
SortKey = Literal[SORT_KEYS]  # type: ignore[valid-type]

# A longitude (-180..180) and a latitude (-90..90) as decimal text, so that the schema admits
# exactly the boxes the handler reads: an out-of-range corner is refused by the pattern itself.
_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[0-9]{1,2})(?:\.[0-9]+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[0-8]?[0-9](?:\.[0-9]+)?)"
BBOX_PATTERN = rf"^{_LON},{_LAT},{_LON},{_LAT}$"


def iso_datetime(value: Any) -> Any:
    """Only ISO 8601 text is a time here: pydantic alone would read ``0.5`` as a Unix
    timestamp, which the schema (``format: date-time``) does not allow."""
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date-time") from None
    return value


def iso_date(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` is a date here (pydantic alone reads ``0`` as a timestamp)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD")
    if isinstance(value, str):
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD") from None
    return value


def no_bool(value: Any) -> Any:
    """``true`` is no count: JSON's booleans are not integers, whatever Python says."""
    if isinstance(value, bool):
        raise ValueError("a number, not true/false")
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(iso_datetime)]
IsoDate = Annotated[date, BeforeValidator(iso_date)]


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``west,south,east,north`` in degrees -> a tuple; ValueError says what is wrong.  A box
    whose west is east of its east crosses the antimeridian (RFC 7946, 5.2); one whose south is
    north of its north holds no point, so it matches nothing (a filter is read literally)."""
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("bbox must be four numbers: west,south,east,north (degrees)")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox {value!r} holds something that is not a number") from None
    for name, v, limit in (
        ("west", west, 180),
        ("east", east, 180),
        ("south", south, 90),
        ("north", north, 90),
    ):
        if not -limit <= v <= limit:  # also refuses nan
            raise ValueError(f"bbox {name} {v} is out of range (-{limit}..{limit})")
    if not re.match(BBOX_PATTERN, value):  # 1e1, spaces, +35: numbers, but not as declared
        raise ValueError(f"bbox {value!r}: write plain decimal degrees, like 35.0,33.0,37.0,35.0")
    return west, south, east, north


def utc_naive(at: datetime | None) -> datetime | None:
    """A time as the store keeps it: UTC without a zone (a time without a zone is UTC)."""
    if at is None or at.tzinfo is None:
        return at
    return at.astimezone(UTC).replace(tzinfo=None)


class EventFilters(BaseModel):
    """Filters shared by the event list, the map, the timeline and the export."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    type: Annotated[
        str | None, Field(max_length=100, description="ACLED event type (or sub-event type)")
    ] = None
    sub_type: Annotated[str | None, Field(max_length=100, description="ACLED sub-event type")] = (
        None
    )
    tag: Annotated[
        list[Annotated[str, Field(max_length=50)]],
        Field(max_length=MAX_TAGS, description="Border tag; repeat for several (any of them)"),
    ] = []
    since: Annotated[
        IsoDate | None, Field(description="Events on or after (YYYY-MM-DD); after until: none")
    ] = None
    until: Annotated[IsoDate | None, Field(description="Events on or before (YYYY-MM-DD)")] = None
    actor: Annotated[Text | None, Field(description="Part of actor 1's or 2's name")] = None
    place: Annotated[Text | None, Field(description="Part of the location name")] = None
    bbox: Annotated[
        str | None,
        Field(
            max_length=100,
            json_schema_extra={"pattern": BBOX_PATTERN},  # enforced by parse_bbox, with reasons
            description="west,south,east,north in degrees (west > east crosses the "
            "antimeridian; south > north matches nothing)",
            examples=["35.0,33.0,37.0,35.0"],
        ),
    ] = None
    country: Annotated[str | None, Field(max_length=100)] = None
    min_confidence: Annotated[
        float | None,
        Field(
            ge=0,
            le=1,
            description="Only events at least this confident; no minimum unless given (the "
            "dashboard asks for 0.5 unless its view says otherwise)",
        ),
    ] = None
    min_sources: Annotated[int | None, Field(ge=1, le=1000)] = None
    q: Annotated[
        Text | None, Field(description="Free text: type, place, actors, notes and source sentences")
    ] = None
    include_unconfirmed: Annotated[
        bool, Field(description="Also denied, attempted, planned... events")
    ] = False
    updated_since: Annotated[
        IsoDateTime | None,
        Field(description="Events created or changed at or after (ISO 8601; no zone: UTC)"),
    ] = None
    reviewed: Annotated[
        bool | None,
        Field(description="true: only events an analyst confirmed or edited; false: the others"),
    ] = None
    include_rejected: Annotated[bool, Field(description="Also events an analyst rejected")] = False
    scope: Annotated[
        Literal["acled", "border", "all"] | None,
        Field(
            description="Which scope admitted the events: acled (ACLED's codebook), border "
            "(Borderwatch's border business in the border zone: smuggling, closures, "
            "handovers) or all (the default; the CSV export's default is acled)"
        ),
    ] = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.bbox is not None:
            parse_bbox(self.bbox)
        return self

    def to_filter(self, **extra: Any) -> EventFilter:
        return EventFilter(
            event_type=self.type,
            sub_event_type=self.sub_type,
            tags=tuple(self.tag),
            since=self.since,
            until=self.until,
            actor=self.actor,
            place=self.place,
            bbox=parse_bbox(self.bbox) if self.bbox else None,
            country=self.country,
            min_confidence=self.min_confidence,
            min_sources=self.min_sources,
            text=self.q,
            include_unconfirmed=self.include_unconfirmed,
            updated_since=utc_naive(self.updated_since),
            reviewed=self.reviewed,
            include_rejected=self.include_rejected,
            scope=None if self.scope in (None, "all") else self.scope,
            **extra,
        )


class EventPage(EventFilters):
    sort: SortKey = "-date"
    limit: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 100
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0


class MapQuery(EventFilters):
    sort: SortKey = "-date"


class TimelineQuery(EventFilters):
    interval: Literal["day", "week", "month"] = "month"


class DashboardQuery(EventPage):
    interval: Literal["day", "week", "month"] = "month"
    after: Annotated[
        str | None,
        Field(
            pattern=r"^[A-Za-z0-9_.:-]{1,64}$",
            description="Keyset paging: the previous page's ``next`` (its last event's id); "
            "the page starts after that event in this sort order instead of at ``offset`` "
            "(404 when that event is no longer stored)",
        ),
    ] = None


class ExportQuery(EventFilters):
    format: Literal["jsonl", "csv", "geojson"] = "jsonl"
    sort: SortKey = "-date"


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: Annotated[Text | None, Field(description="Part of the name (or an alias)")] = None
    limit: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 200


def _exactly_one_input() -> dict[str, Any]:
    """The schema's own word for "exactly one of text, html or url" (not null), so that a client
    generating requests from it never sends one the handler must refuse."""
    inputs = ("text", "html", "url")
    return {
        "oneOf": [{"required": [name], "properties": {name: {"type": "string"}}} for name in inputs]
    }


class DocumentIn(BaseModel):
    """An article to process: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_exactly_one_input())

    text: Annotated[str | None, Field(min_length=1)] = None
    html: Annotated[str | None, Field(min_length=1)] = None
    url: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=2000,
            description="An article page to fetch (private addresses only with the server's "
            "fetch_allow_private)",
        ),
    ] = None
    source: Annotated[
        str | None, Field(max_length=500, description="Name shown as the source document")
    ] = None
    outlet: Annotated[str | None, Field(max_length=200)] = None
    title: Annotated[str | None, Field(max_length=500)] = None
    published: Annotated[IsoDate | None, Field(description="Publication date (YYYY-MM-DD)")] = None

    @model_validator(mode="after")
    def _one_input(self) -> Self:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("send exactly one of text, html or url")
        return self
