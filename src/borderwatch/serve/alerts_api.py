"""The API's saved searches and alerts: list, create and delete searches (writes need the token),
a search's recent alerts as JSON, and as an Atom feed at ``/api/alerts/NAME.atom``.

Also the background delivery ``serve`` runs (:class:`BackgroundDelivery`): a thread that sends
pending alerts every ``DELIVERY_INTERVAL`` seconds until the server stops.
"""

from __future__ import annotations

import logging
import threading
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..alerts import FEED_ENTRIES, Deliverer, alert_feed
from ..alerts.searches import build_search
from ..errors import BorderwatchError
from ..settings import Settings
from ..store import SearchError, Store
from ..store.searches import MAX_RADIUS_KM
from . import contract  # noqa: F401  (registers the search_name path convertor)
from .cache import ResponseCache
from .common import Authorise, Credentials, Error, not_found, refused
from .params import no_bool

log = logging.getLogger("borderwatch.alerts")
DELIVERY_INTERVAL = 30.0  # seconds between background delivery rounds
SearchName = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,100}$")]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Latitude = Annotated[float, Field(ge=-90, le=90)]


class SearchIn(BaseModel):
    """A saved search to create: a name, any of the filters, and optionally a webhook."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,100}$")
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    place: str | None = Field(default=None, description="A place the gazetteer knows")
    radius_km: float | None = Field(default=None, gt=0, le=MAX_RADIUS_KM)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    bbox: tuple[Longitude, Latitude, Longitude, Latitude] | None = Field(
        default=None,
        description="west, south, east, north (west > east crosses the antimeridian)",
    )
    country: str | None = None
    tag: str | None = None
    min_fatalities: int | None = Field(default=None, ge=0)
    min_sources: int | None = Field(default=None, ge=1)
    text: str | None = None
    webhook: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s/?#]+",
        max_length=2000,
        description="http(s) URL outside private networks",
    )
    secret: str | None = Field(default=None, min_length=16)

    @field_validator(
        "min_fatalities", "min_sources", "bbox", "latitude", "longitude", "radius_km", mode="before"
    )
    @classmethod
    def _no_bools(cls, value: Any) -> Any:
        """JSON's true/false are no numbers, whatever Python says of bool and int."""
        for item in value if isinstance(value, list | tuple) else (value,):
            no_bool(item)
        return value


def alerts_router(
    settings: Settings, db: Store, authorise: Authorise, cache: ResponseCache | None = None
) -> APIRouter:
    """The routes, over ``db``; ``authorise`` checks the bearer token of writes; feeds are
    kept in ``cache`` while the store is unchanged (``serve.cache``)."""
    router = APIRouter(tags=["alerts"])
    answers = cache or ResponseCache(db.alerts_revision)

    @router.get("/api/alerts")
    def list_searches() -> dict[str, Any]:
        """Saved searches with their filters and webhook (never their secrets)."""
        return {"searches": [s.public() for s in db.searches()]}

    @router.post(
        "/api/alerts",
        status_code=201,
        responses={409: {"model": Error, "description": "A search of that name exists"}},
    )
    def create_search(body: SearchIn, credentials: Credentials = None) -> dict[str, Any]:
        """Save a search (needs ``Authorization: Bearer <api_token>``).  A webhook without a
        secret gets one, returned here once.  Webhooks on private networks are refused: the
        API never lets a caller reach inside the server's network."""
        authorise(settings.api_token, credentials)
        return save_search(settings, db, body)

    @router.delete(
        "/api/alerts/{name:search_name}",
        status_code=204,
        responses={204: {"description": "Deleted"}},
    )
    def delete_search(name: SearchName, credentials: Credentials = None) -> Response:
        """Delete a saved search and its alerts (needs the token)."""
        authorise(settings.api_token, credentials)
        if not db.remove_search(name):
            not_found(f"saved search named {name!r}")
        return Response(status_code=204)

    @router.get(
        "/api/alerts/{name:search_name}.atom",
        response_class=Response,
        responses={200: {"content": {"application/atom+xml": {}}}},
    )
    def atom_feed(name: SearchName, request: Request) -> Response:
        """The search's latest alerts as an Atom feed, newest first."""
        return answers.respond(request, lambda: atom_of(db, name, str(request.base_url)))

    @router.get("/api/alerts/{name:search_name}")
    def search_alerts(name: SearchName) -> dict[str, Any]:
        """A saved search with its latest alerts (newest first) and their delivery state."""
        return search_with_alerts(db, name)

    return router


def atom_of(db: Store, name: str, base_url: str) -> tuple[bytes, str]:
    """The Atom feed of saved search ``name`` (404 when there is none) and its media type."""
    try:
        recent = db.recent_alerts(name, FEED_ENTRIES)
    except SearchError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    return alert_feed(name, recent, base_url), "application/atom+xml"


def save_search(settings: Settings, db: Store, body: SearchIn) -> dict[str, Any]:
    """Store the search ``body`` describes (409 when its name exists, 422 when it is invalid);
    the answer shows a secret only when the server made it."""
    values = body.model_dump(exclude={"name"})
    try:
        search, made = build_search(body.name, values, settings.region_dirs)
        search = db.add_search(search)
    except SearchError as exc:
        refused(exc, "exists", 422)
    shown = search.public()
    return {**shown, "secret": search.secret} if made else shown


def search_with_alerts(db: Store, name: str) -> dict[str, Any]:
    """A saved search with its latest alerts, dates as ISO text (404 when unknown)."""
    search = db.search(name)
    if search is None:
        not_found(f"saved search named {name!r}")
    recent = db.recent_alerts(name, FEED_ENTRIES)
    for alert in recent:
        alert["created_at"] = alert["created_at"].isoformat()
        delivered = alert["delivered_at"]
        alert["delivered_at"] = delivered.isoformat() if delivered else None
        alert["event"] = alert.pop("body")["event"]
    return {**search.public(), "alerts": recent}


class BackgroundDelivery:
    """A daemon thread delivering pending alerts every ``interval`` seconds until stopped."""

    def __init__(
        self, db: Store, interval: float = DELIVERY_INTERVAL, *, retention_days: int = 0
    ) -> None:
        self.db = db
        self.interval = interval
        self.retention_days = retention_days
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="alert-delivery", daemon=True)
        self.errors: list[str] = []

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=30)

    def _loop(self) -> None:
        with Deliverer(self.db, retention_days=self.retention_days) as deliverer:
            while not self.stopping.is_set():
                try:
                    report = deliverer.deliver()
                    self.errors = report.failed
                except BorderwatchError as exc:  # the database is down: try again next round
                    self.errors = [str(exc)]
                except Exception as exc:  # a locked database, or a bug: log it, keep the server's
                    self.errors = [f"{type(exc).__name__}: {exc}"]  # delivery alive
                    log.exception("alert delivery round failed")
                for error in self.errors:
                    log.warning("alert delivery: %s", error)
                self.stopping.wait(self.interval)
