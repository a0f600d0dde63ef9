"""The kept answers served before routing: a GET of the API whose answer ``ResponseCache``
keeps is answered by this ASGI middleware, without the route, its parameter checks or the
thread pool (see :mod:`.cache` for what is kept and for how long)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import anyio.to_thread
from starlette.datastructures import URL, Headers

from .cache import REVISION_READERS, Answer, ResponseCache

log = logging.getLogger(__name__)


class KeptAnswers:
    """ASGI middleware: a GET of the API whose answer is kept (``ResponseCache.kept``) is
    answered here, before routing, parameter checks and the thread pool (~1.5 ms of CPU a
    request on the 2-core machine, most of a kept answer's cost).  The answer and its headers
    are the ones the route gives: the key is the whole URL, and only URLs a route answered are
    kept.  Everything else, ``no-cache`` included, goes on to the app.

    The lookup takes the store's revision as last read.  When a read is due, the first lookup
    to find it so starts one in the background (a query: never on the event loop) and answers
    at once, as the others do meanwhile; only when the revision last read is too old to answer
    on (``ResponseCache.unconfirmed``: over ``UNCONFIRMED_S``, or before this server's last
    write) does a lookup wait for a read, on threads of its own rather than queued behind the
    computations of the default thread pool."""

    def __init__(self, app: Any, caches: Sequence[ResponseCache]) -> None:
        self.app = app
        self.caches = caches
        self.readers: anyio.CapacityLimiter | None = None  # made on the event loop
        self.background: set[asyncio.Task[None]] = set()  # reads under way (kept referenced)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"][:5] == "/api/":
            headers = Headers(scope=scope)
            if "no-cache" not in headers.get("cache-control", ""):
                key = str(URL(scope=scope))
                for cache in self.caches:
                    if key not in cache.answers:  # nothing kept: no revision to read
                        continue
                    answer = await self._kept(cache, key)
                    if answer is not None:
                        await cache.response(answer, headers)(scope, receive, send)
                        return
        await self.app(scope, receive, send)

    async def _kept(self, cache: ResponseCache, key: str) -> Answer | None:
        if self.readers is None:
            self.readers = anyio.CapacityLimiter(REVISION_READERS)
        if cache.unconfirmed():  # wait for a read (its own, or one begun meanwhile)
            return await anyio.to_thread.run_sync(cache.kept, key, limiter=self.readers)
        claimed = cache.claim_read()
        if claimed is not None:  # read in the background; this lookup does not wait for it
            task = asyncio.create_task(self._read(cache, claimed))
            self.background.add(task)
            task.add_done_callback(self.background.discard)
        return cache.kept(key, read=False)

    async def _read(self, cache: ResponseCache, claimed: float) -> None:
        try:
            await anyio.to_thread.run_sync(cache.read_claimed, claimed, limiter=self.readers)
        except Exception as exc:  # the next lookup reads again (the claim has ended)
            log.warning("reading the store's revision failed: %s", exc)
