"""Answers of the read endpoints kept while the store is unchanged, so that many clients asking
for the same view (the dashboard's default and its common filters, the first pages of the list,
a feed) cost one computation between two writes instead of one each.

Every request first reads the store's revision (``Store.revision``: one counter row that
triggers count up on every write, migration 0013); an answer is served from here when it was
computed at that very revision.  Identical
requests that arrive while one of them is being computed do not compute it again (one
computation, not fifty: the herd after each write): they get the answer it replaces, kept at
the revision before (a view at most one computation old, as a proxy's "stale while
revalidate"), or, when there is none, wait for it.  A request alone, or after the computation,
always gets the answer at the current revision.  A request with ``Cache-Control: no-cache``
is computed afresh (the benchmarks time the computation so).  An answer carries a strong ``ETag``;
``If-None-Match`` gets 304 without a body.

The cache is bounded: at most ``MAX_BYTES`` of answers and ``MAX_ENTRIES`` entries, least
recently used first out; an answer larger than ``MAX_ANSWER_BYTES`` is not kept (a full map
of 20,000 points is about 1.5 MB).  Measured with ``bench/load.py`` (100,000 events, 50 clients,
an ingest writing): see README, "At 100,000 and 1,000,000 events".
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from fastapi import Request, Response

MAX_BYTES = 64 * 1024 * 1024  # all answers kept together
MAX_ENTRIES = 2048
FEED_CACHE_BYTES = 16 * 1024 * 1024  # saved searches' feeds, kept apart (serve.app)
MAX_ANSWER_BYTES = 8 * 1024 * 1024  # one answer kept at most this large


@dataclass(frozen=True)
class Answer:
    revision: Hashable
    body: bytes
    media_type: str
    etag: str


class ResponseCache:
    """Answers by request (path and query) at the store's revision; see the module's doc."""

    def __init__(
        self,
        revision: Callable[[], Hashable],
        *,
        max_bytes: int = MAX_BYTES,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.revision = revision
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.computing: dict[str, threading.Lock] = {}
        self.hits = self.misses = self.stale = 0

    def respond(self, request: Request, compute: Callable[[], tuple[bytes, str]]) -> Response:
        """The answer to ``request``: kept, or ``compute()`` (body, media type) and kept."""
        key = str(request.url)  # the host too: a feed's links name it
        fresh = "no-cache" in request.headers.get("cache-control", "")
        answer = self._answer(key, compute, fresh=fresh)
        etag = request.headers.get("if-none-match")
        if etag is not None and answer.etag in {t.strip() for t in etag.split(",")}:
            return Response(status_code=304, headers={"ETag": answer.etag})
        return Response(answer.body, media_type=answer.media_type, headers={"ETag": answer.etag})

    def _answer(
        self, key: str, compute: Callable[[], tuple[bytes, str]], *, fresh: bool = False
    ) -> Answer:
        """The kept answer at the store's revision, else computed (once for all who ask at
        the same time); ``fresh``: computed in any case (the request said ``no-cache``).
        While one request computes an answer anew, the others asking for it get the answer
        it replaces (one revision older), not a wait (see the module's doc)."""
        revision = self.revision()
        found, older = (None, None) if fresh else self._get(key, revision)
        if found is not None:
            return found
        with self.lock:
            flight = self.computing.setdefault(key, threading.Lock())
        if not flight.acquire(blocking=False):
            if older is not None:
                self.stale += 1
                return older
            flight.acquire()  # nothing to give meanwhile: wait for the one computing it
        try:
            found = None if fresh else self._get(key, revision)[0]
            if found is not None:
                return found
            body, media_type = compute()
            etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
            answer = Answer(revision, body, media_type, etag)
            self._put(key, answer)
        finally:
            flight.release()
        with self.lock:
            if self.computing.get(key) is flight and not flight.locked():
                del self.computing[key]
        return answer

    def _get(self, key: str, revision: Hashable) -> tuple[Answer | None, Answer | None]:
        """(the answer kept at ``revision``, or None; else the one kept at an earlier one)."""
        with self.lock:
            found = self.answers.get(key)
            if found is None or found.revision != revision:
                self.misses += 1
                return None, found
            self.answers.move_to_end(key)
            self.hits += 1
            return found, None

    def _put(self, key: str, answer: Answer) -> None:
        if len(answer.body) > MAX_ANSWER_BYTES:
            return
        with self.lock:
            old = self.answers.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self.answers[key] = answer
            self.size += len(answer.body)
            while self.answers and (
                self.size > self.max_bytes or len(self.answers) > self.max_entries
            ):
                _, dropped = self.answers.popitem(last=False)
                self.size -= len(dropped.body)
