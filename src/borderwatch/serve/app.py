"""The HTTP API and dashboard: the app, its middleware and pages; the routes live in routers by
resource (``events_api``, ``catalog_api``, ``documents_api``, ``alerts_api``, ``sync_api``).
Routes are thin: check the query, ask the store, shape the answer.

Every filter endpoint takes the same query parameters (``params.EventFilters``); unknown or
malformed parameters get a 4xx that says what was wrong.  Work per request is bounded: page sizes
and the number of map points are capped, and submitted documents are size-limited.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..pipeline import Pipeline
from ..region import RegionData
from ..settings import Settings
from ..store import Store
from .alerts_api import alerts_router
from .cache import FEED_CACHE_BYTES, STALE_S, ResponseCache
from .catalog_api import catalog_router
from .common import ERRORS, authorise
from .contract import add_method_not_allowed, contract_schema, refuse_repeated_parameters
from .crossings_api import crossings_router
from .documents_api import documents_router
from .events_api import events_router
from .hosts import HostGuard, server_names
from .kept_answers import KeptAnswers
from .processes import WriteClock
from .review_api import review_router
from .sync_api import sync_router

# How long a thread holding the GIL keeps it while another waits (``tune_process``).
SWITCH_INTERVAL_S = 0.001
# Threads computing answers at once (the routes' thread pool; anyio's default is 40).  The
# computations are Python holding the GIL but for their SQLite calls, so a few threads keep
# both cores busy; with 40, bench/load.py's 50 clients had ~40 threads taking the GIL in turns
# every millisecond: the event loop waited behind all of them to send a kept answer, and the
# server spent a third more CPU per request (2.8 ms, 2.0 with 8; the machine otherwise
# loaded).  The requests beyond these wait their turn in order, as in any queue.
COMPUTE_THREADS = 8


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
    settings: Settings,
    store: Store | None = None,
    pipeline: Pipeline | None = None,
    *,
    warm: bool = False,
    writes: WriteClock | None = None,
) -> FastAPI:
    """The app over ``settings.db`` (or the given store); documents sent to it are processed
    with ``pipeline`` (built on first use when not given: it loads the spaCy model; ``warm``:
    loaded and run once in the background now, as ``borderwatch serve`` does).  ``writes``:
    the clock of this server's writes, shared by its worker processes (``serve.processes``)."""
    writes = writes or WriteClock()
    db = store or Store(settings.db)
    app = FastAPI(
        lifespan=_few_threads,
        title="Borderwatch",
        version="0.1.0",
        responses=ERRORS,
        description="Evidence-backed event database from news reports: events with "
        "every source, the sentence behind each field, actors, places.\n\n"
        "Read answers are kept while the store is unchanged. After a write by another "
        f"process (an ingest), an answer may be served as it was for at most {STALE_S:g} s "
        "while it is computed again in the background (an event's page or an export of a date "
        "window that the write did not touch stays current); `X-Store-Revision` names the "
        "revision it was computed or found still true at, `Cache-Control: no-cache` asks for "
        "one computed now, and a write "
        "through this API is read at once. `ETag` is a hash of the body (304 to "
        "`If-None-Match` only for the same body).",
    )
    app.add_exception_handler(RequestValidationError, _invalid)
    # the reads' answers, kept while the store is unchanged (or the events they read are)
    answers = ResponseCache(db.revision, changes=db.changes_since, writes=writes)
    # a feed is read from the events and its search's alerts: kept by both counters, apart
    # from the events' answers, which alert deliveries and search writes leave standing
    feeds = ResponseCache(db.alerts_revision, max_bytes=FEED_CACHE_BYTES, writes=writes)
    app.add_middleware(KeptAnswers, caches=(answers, feeds))  # inside the Host check
    app.add_middleware(HostGuard, names=server_names(settings))
    tile_url = getattr(settings, "tile_url", None) or settings.extra.get("tile_url")
    region = _region_loader(settings)

    app.include_router(events_router(db, answers))
    app.include_router(catalog_router(settings, db, region, tile_url))
    app.include_router(documents_router(settings, db, authorise, pipeline, warm=warm))

    def written() -> None:  # a write through this server: its writer reads it at once
        answers.expire()
        feeds.expire()

    app.add_middleware(BodyGuard, max_document_bytes=settings.max_document_bytes, written=written)
    app.include_router(alerts_router(settings, db, authorise, feeds))
    app.include_router(sync_router(db))
    app.include_router(crossings_router(settings, db, _content_security_policy(tile_url)))
    app.include_router(review_router(settings, db, authorise))
    _add_pages(app, _content_security_policy(tile_url))
    contract_schema(app)
    add_method_not_allowed(app)
    refuse_repeated_parameters(app)
    return app


@asynccontextmanager
async def _few_threads(_app: FastAPI) -> AsyncIterator[None]:
    """The routes' thread pool limited to ``COMPUTE_THREADS`` (set on the event loop, whose
    pool it is)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = COMPUTE_THREADS
    yield


def tune_process() -> None:
    """For a serving process: the GIL handed to a waiting thread after ``SWITCH_INTERVAL_S``
    (CPython's default is 5 ms).  Kept answers are given on the event loop's thread, which
    gives the GIL up at every socket read and write and then waits for it behind a thread
    computing an answer or an export: with 5 ms per wait a cached answer took hundreds of ms
    under bench/load.py."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def _region_loader(settings: Settings) -> Callable[[], RegionData]:
    """Load the region data on first use only (it builds the resolver)."""

    @functools.cache
    def region() -> RegionData:
        from ..resolve import Resolver

        return Resolver.for_region(settings.region_dirs).region

    return region


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NOSNIFF = (b"x-content-type-options", b"nosniff")


class BodyGuard:
    """ASGI middleware (plain ASGI: Starlette's ``BaseHTTPMiddleware`` cost ~1 ms of CPU per
    request in task groups and streams): refuses a POST without a Content-Length (411) or with
    a body over what a document of ``max_document_bytes`` needs (413), marks answers
    ``nosniff``, and calls ``written`` when a write succeeds (its answer starts with a status
    under 400), so that the kept answers are not served stale to whoever wrote."""

    def __init__(self, app: Any, max_document_bytes: int, written: Callable[[], None]) -> None:
        self.app = app
        self.cap = 2 * max_document_bytes + 65_536  # text or html, JSON-escaped
        self.written = written

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method == "POST":
            refusal = self._refusal(dict(scope.get("headers") or ()).get(b"content-length"))
            if refusal is not None:
                await refusal(scope, receive, send)
                return

        async def marked(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), NOSNIFF]
                if method not in SAFE_METHODS and message["status"] < 400:
                    self.written()
            await send(message)

        await self.app(scope, receive, marked)

    def _refusal(self, length: bytes | None) -> JSONResponse | None:
        if length is None or not length.isdigit():
            return JSONResponse({"detail": "send a Content-Length header"}, status_code=411)
        if int(length) > self.cap:
            return JSONResponse({"detail": f"request body over {self.cap} bytes"}, status_code=413)
        return None


def _add_pages(app: FastAPI, csp: str) -> None:
    """The dashboard's pages (outside the API schema) and its static files."""
    static = resources.files("borderwatch.serve") / "static"

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

    @app.get("/review", include_in_schema=False)
    def review_page() -> FileResponse:
        return page("review.html")

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
