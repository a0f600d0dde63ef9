"""The one background thread of a ``ResponseCache`` that computes its out-of-date answers again
(``serve.cache``: after a write, an answer is served as it was while this recomputes it)."""

from __future__ import annotations

import heapq
import logging
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cache import Compute, ResponseCache

# The background thread ends after this long with nothing to do (started again when needed).
IDLE_EXIT_S = 30.0
log = logging.getLogger(__name__)


class Refresher:
    """The one background thread that computes out-of-date answers again, each when it is due
    (at most every ``refresh_s`` per key), earliest first."""

    def __init__(self, cache: ResponseCache) -> None:
        self.cache = cache
        self.wake = threading.Condition()
        self.due: list[tuple[float, int, str]] = []  # a heap of (when, order, key)
        self.work: dict[str, Compute] = {}
        self.order = 0
        self.thread: threading.Thread | None = None

    def schedule(self, key: str, compute: Compute, when: float) -> None:
        """Compute ``key`` again at ``when`` (now if past), unless it is already waiting."""
        with self.wake:
            if key in self.work:
                return
            self.work[key] = compute
            self.order += 1
            heapq.heappush(self.due, (when, self.order, key))
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="answers", daemon=True)
                self.thread.start()
            self.wake.notify()

    def _next(self) -> tuple[str, Compute] | None:
        """The next key due, waiting for it; None after ``IDLE_EXIT_S`` with nothing to do
        (the thread then ends; ``schedule`` starts another)."""
        with self.wake:
            while True:
                if self.due:
                    wait = self.due[0][0] - time.monotonic()
                    if wait <= 0:
                        key = heapq.heappop(self.due)[2]
                        return key, self.work.pop(key)
                    self.wake.wait(wait)
                elif not self.wake.wait(IDLE_EXIT_S) and not self.due:
                    self.thread = None
                    return None

    def _run(self) -> None:
        while (job := self._next()) is not None:
            key, compute = job
            self._refresh(key, compute)

    def _refresh(self, key: str, compute: Compute) -> None:
        """Compute ``key`` again unless a request is computing it or it is current already;
        a failure (the event was merged away: 404) drops the kept answer instead."""
        cache = self.cache
        with cache.lock:
            flight = cache.computing.setdefault(key, threading.Lock())
        if not flight.acquire(blocking=False):
            return  # a request is computing it now
        try:
            with cache.lock:
                found = cache.answers.get(key)
            if found is None or found.revision == cache.current:
                return  # gone (the next request computes it) or current already
            cache._compute(key, compute, found.headers, found.reads)
            cache.refreshed += 1
        except Exception as exc:  # any failure: the request that next asks gets it itself
            log.debug("recomputing %s failed: %s", key, exc)
            cache.drop(key)
        finally:
            flight.release()
            with cache.lock:
                if cache.computing.get(key) is flight and not flight.locked():
                    del cache.computing[key]
