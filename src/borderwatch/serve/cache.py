"""Answers of the read endpoints kept while the store is unchanged, so that many clients asking
for the same view (the dashboard's default and its common filters, the first pages of the list,
a feed) cost one computation between two writes instead of one each; and, after a write, the
answers computed again once, in the background, not by the requests that find them out of date.

The store's revision (``Store.revision``: a counter that triggers count up on every write,
migration 0013) is read at most every ``REVISION_CHECK_S`` (one read for all requests in that
time; a lookup before routing starts it in the background and answers on the revision read
last, unless that read is over ``UNCONFIRMED_S`` old).  An answer computed at the current
revision is served as it is.  After a write, an
answer computed before it is still served -- *stale*, at most ``STALE_S`` seconds after the
write, as an HTTP cache's "stale while revalidate" -- while one background thread computes it
again; a key is computed again at most every ``REFRESH_S`` seconds, so that a writer committing
every second or two does not keep a core busy recomputing every view (measured with
``bench/load.py``: see README, "Under load").  Past ``STALE_S``, or when nothing was kept, the
request computes the answer itself (once for all who ask at the same time; the others wait for
it).  So an answer is never more than ``STALE_S`` seconds behind the store (counted from the
last moment the server saw the old revision still current, so an idle server does not
understate it); ``X-Store-Revision`` says the revision it was computed at.

An answer that says what it was read from (``Answer.reads``: one event's page, a date window's
export) is re-validated instead: when the revision moves, the store's log of the events each
write touched (migration 0020, ``store.changes``) is read once, after the revision, and every
such answer current before that no change touches is current at the new revision, unchanged --
the answer a computation would give, as ``tests/test_kept_revalidation.py`` checks after every
kind of write.  Under ``bench/load.py`` an ingest's commit touches a handful of events, and the
2,000 event pages and 1,000 place-weeks the clients ask for were all computed again after each
(``bench/request_cpu.py``, written: 1.2 and 9 ms of CPU per request -> 0.3 and 0.2).  Where the
store keeps no log (PostgreSQL), every write outdates every answer, as before.

A write through this server (any successful POST, PUT, PATCH or DELETE; ``expire``) ends the
staleness of every kept answer: whoever wrote reads what they wrote.  A request with
``Cache-Control: no-cache`` is computed afresh (the benchmarks time the computation so).  An
answer carries a strong ``ETag``, a hash of its body, so ``If-None-Match`` gets 304 exactly when
the body it would get is the one the client has.

An answer of at least ``GZIP_MIN_BYTES`` is kept gzip-compressed only (when that is smaller),
compressed once when it is computed, and sent so to a client whose ``Accept-Encoding`` takes
gzip (browsers, httpx): a dashboard answer of 120 KB goes as 9 KB, compressed in ~2 ms once per
computation instead of once per request as a compressing middleware would (``Vary:
Accept-Encoding``; the compressed answer has an ETag of its own, and either ETag gets a 304).
A client that does not take gzip gets the body decompressed (~0.1 ms for a 40 KB export): an
export of a place's week is kept in 8 KB instead of 50, so the cache's bytes hold six times as
many.

The cache is bounded: at most ``MAX_BYTES`` of answers and ``MAX_ENTRIES`` entries, least
recently used first out.  An entry counts its body (as kept), its key and headers
and ``ENTRY_OVERHEAD_BYTES`` for the objects around them.  An answer larger than
``MAX_ANSWER_BYTES``, or than a ``MAX_ANSWER_SHARE`` of the cache's bytes, is not kept (a full
map of 20,000 points is about 1.5 MB): one large answer never empties the cache of the others.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response

from ..store.changes import Changes, Reads
from .processes import WriteClock
from .refresher import Refresher

MAX_BYTES = 64 * 1024 * 1024  # all answers kept together, each entry's overhead counted
# Entries at most: with each entry's objects counted in ``MAX_BYTES`` this bounds the
# bookkeeping, not the memory.  2,048 was reached first under bench/load.py (2,000 events'
# details, 1,000 place-weeks' exports: 55 MB), evicting answers asked again seconds later.
MAX_ENTRIES = 8192
FEED_CACHE_BYTES = 16 * 1024 * 1024  # saved searches' feeds, kept apart (serve.app)
MAX_ANSWER_BYTES = 8 * 1024 * 1024  # one answer kept at most this large
MAX_ANSWER_SHARE = 0.25  # ... and at most this share of its cache's bytes
# What an entry holds besides its bodies, key and headers' text: the answer object, its ETag,
# its computation's closure, the dictionaries' slots.  tracemalloc measured 1.2 KB per entry
# of a 100-byte export answer, all counted; rounded up.
ENTRY_OVERHEAD_BYTES = 1536
# How far behind the store an answer may be: served stale at most this long after a write.
STALE_S = 10.0
# A key is computed again in the background at most this often: with a writer committing
# every 2 s, the 13 dashboard views of bench/load.py cost ~1.8 s of CPU per round at 100k
# events, so once per write kept a core busy; every 3 s leaves most of it to the requests.
REFRESH_S = 3.0
# The store's revision is read once for all requests arriving within this long (a query each).
REVISION_CHECK_S = 0.05
# Answers at least this large are kept gzip-compressed only (smaller ones gain little), at this
# level (6: a 120 KB dashboard answer to 9.5 KB in 1.8 ms; 9 gains 3% for 20% more time).
GZIP_MIN_BYTES = 4 * 1024
GZIP_LEVEL = 6
# A kept answer is given on the revision last read while that read is at most this old (and
# began after this server's last write); the next read is made meanwhile in the background,
# so that no lookup waits for it.  Past this, a lookup waits for a read of its own.  Under
# bench/load.py a read took 10-60 ms but its hop to a thread and back 30-400 ms, paid by every
# lookup arriving while it was due.  Well inside ``STALE_S``, the bound every answer keeps.
UNCONFIRMED_S = 1.0
# Threads of their own for the revision reads of kept answers' lookups (``KeptAnswers``).
REVISION_READERS = 4

# A computation gives the body and its media type, and may say what it was read from (see
# ``Answer.reads``; a route's ``reads`` otherwise).
Computed = tuple[bytes, str] | tuple[bytes, str, Reads | None]
Compute = Callable[[], Computed]
OwnHeaders = tuple[tuple[str, str], ...]  # a route's own headers of an answer
log = logging.getLogger(__name__)


@dataclass(slots=True)
class Answer:
    """A kept answer.  Only ``revision`` ever changes (re-validated: ``ResponseCache._observe``,
    under the cache's lock): an answer true at one revision and found true at the next is the
    same answer at both."""

    revision: Any  # the store's revision it was computed or re-validated at (grows with writes)
    plain: bytes | None  # the body, unless kept compressed only
    media_type: str
    etag: str  # of the body (uncompressed)
    made: float  # time.monotonic() when its computation began
    compute: Compute  # how to compute it again
    headers: tuple[tuple[str, str], ...] = ()  # the route's own (an export's file name)
    gzipped: bytes | None = None  # the body gzip-compressed (bodies of ``GZIP_MIN_BYTES``)
    # What it was read from (``store.changes``): when the store's revision moves and no change
    # since ``revision`` touches it, it is the answer a computation would give, kept as current
    # (re-validated) instead of computed again.  None: anything (every write outdates it).
    reads: Reads | None = None

    @property
    def body(self) -> bytes:
        """The body (decompressed when kept compressed only)."""
        if self.plain is not None:
            return self.plain
        return gzip.decompress(self.gzipped or b"")

    @property
    def size(self) -> int:
        """Bytes kept for it (its key apart: ``entry_size``)."""
        own = sum(len(k) + len(v) for k, v in self.headers)
        kept = len(self.plain or b"") + len(self.gzipped or b"")
        return kept + own + ENTRY_OVERHEAD_BYTES


def entry_size(key: str, answer: Answer) -> int:
    """Bytes a cache entry holds: the answer and its key."""
    return len(key) + answer.size


class ResponseCache:
    """Answers by request (path and query) at the store's revision; see the module's doc."""

    def __init__(
        self,
        revision: Callable[[], Any],
        *,
        max_bytes: int = MAX_BYTES,
        max_entries: int = MAX_ENTRIES,
        stale_s: float = STALE_S,
        refresh_s: float = REFRESH_S,
        changes: Callable[[Any], Changes | None] | None = None,
        writes: WriteClock | None = None,
    ) -> None:
        self.revision = revision
        self.changes = changes  # the changes since a revision (``Store.changes_since``)
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self.stale_s, self.refresh_s = stale_s, refresh_s
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.computing: dict[str, threading.Lock] = {}
        self.hits = self.misses = self.stale = self.refreshed = self.revalidated = 0
        # the revision seen last, when it was last confirmed, and since when each kept answer
        # computed before it has been out of date (at the latest)
        self.current: Any = None
        self.checked = float("-inf")
        self.reading = threading.Lock()
        self.read_since: float | None = None  # when the revision read under way began
        self.superseded: dict[str, float] = {}
        # the last write through this server (all its worker processes: ``serve.processes``)
        self.writes = writes or WriteClock()
        self.refresher = Refresher(self)

    def respond(
        self,
        request: Request,
        compute: Compute,
        headers: Mapping[str, str] | None = None,
        reads: Reads | None = None,
    ) -> Response:
        """The answer to ``request``: kept, or ``compute()`` (body, media type) and kept, with
        the route's own ``headers`` and what it was read from (``reads``, unless the
        computation says)."""
        key = str(request.url)  # the host too: a feed's links name it
        fresh = "no-cache" in request.headers.get("cache-control", "")
        own = tuple((headers or {}).items())
        found = self._answer(key, compute, fresh=fresh, headers=own, reads=reads)
        return self.response(found, request.headers)

    @staticmethod
    def response(answer: Answer, headers: Mapping[str, str]) -> Response:
        """``answer`` as an HTTP answer to a request with ``headers``: gzip-compressed when
        kept so and accepted; 304 to its ETag (either encoding's)."""
        mine = dict(answer.headers)
        etag, packed = answer.etag, False
        if answer.gzipped is not None:
            mine["Vary"] = "Accept-Encoding"
            if accepts_gzip(headers.get("accept-encoding", "")):
                etag, packed = gzip_etag(answer.etag), True
                mine["Content-Encoding"] = "gzip"
        mine |= {"ETag": etag, "X-Store-Revision": _revision_text(answer.revision)}
        asked = headers.get("if-none-match")
        if asked is not None:
            known = {t.strip() for t in asked.split(",")}
            if answer.etag in known or gzip_etag(answer.etag) in known:
                mine.pop("Content-Encoding", None)
                return Response(status_code=304, headers=mine)
        body = answer.gzipped if packed and answer.gzipped is not None else answer.body
        return Response(body, media_type=answer.media_type, headers=mine)

    def kept(self, key: str, compute: Compute | None = None, *, read: bool = True) -> Answer | None:
        """The answer kept for ``key`` when it may be served: computed at the store's
        revision, or before it within the bound (its recomputation is then scheduled, with
        ``compute`` or the one it was made with); None when it must be computed now.
        ``read=False``: with the revision as last read (never a query: the event loop); None
        too when that read is too old to answer on (``unconfirmed``)."""
        revision, now = self._current(read=read)
        if not read and self.unconfirmed(now):
            return None
        with self.lock:
            found = self.answers.get(key)
            if found is not None and found.revision == revision:
                self.answers.move_to_end(key)
                self.hits += 1
                return found
            if found is None or not self._servable(key, found, now):
                self.misses += 1
                return None
            self.stale += 1
        self.refresher.schedule(key, compute or found.compute, found.made + self.refresh_s)
        return found

    def revision_due(self) -> bool:
        """Whether the next ``kept`` reads the store's revision (a query): last read over
        ``REVISION_CHECK_S`` ago, and no read begun since the last ``expire`` is under way."""
        if time.monotonic() - self.checked <= REVISION_CHECK_S:
            return False
        since = self.read_since
        return since is None or since < self.expired

    def unconfirmed(self, now: float | None = None) -> bool:
        """Whether the revision last read may not be answered on without reading it again: that
        read began before this server's last write (whoever wrote reads what they wrote), or
        over ``UNCONFIRMED_S`` ago."""
        now = time.monotonic() if now is None else now
        return self.checked < self.expired or now - self.checked > UNCONFIRMED_S

    def claim_read(self) -> float | None:
        """On the event loop: when the revision is due to be read (``revision_due``), the
        read is this caller's from now on -- the requests arriving meanwhile take the revision
        last read instead of each hopping to a thread to find the read under way -- and the
        moment it was claimed is returned (for ``read_claimed``); else None."""
        with self.reading:
            if not self.revision_due():
                return None
            self.read_since = time.monotonic()
            return self.read_since

    def read_claimed(self, claimed: float) -> None:
        """Read the store's revision for the read claimed at ``claimed`` (``claim_read``)."""
        self._current(claimed=claimed)

    def expire(self) -> None:
        """This server wrote to the store: no kept answer is served stale from now on, and the
        revision is read again by the next request (whoever wrote reads what they wrote)."""
        with self.reading:
            self.writes.mark()
            self.checked = float("-inf")

    @property
    def expired(self) -> float:
        """When this server last wrote: answers begun before it are never served stale."""
        return self.writes.last()

    def _answer(
        self,
        key: str,
        compute: Compute,
        *,
        fresh: bool = False,
        headers: OwnHeaders = (),
        reads: Reads | None = None,
    ) -> Answer:
        """The kept answer at the store's revision; else the one kept before it while it is
        recomputed in the background, within the bound; else computed now (once for all who
        ask at the same time); ``fresh``: computed now in any case (``no-cache``)."""
        if fresh:
            return self._compute(key, compute, headers, reads)
        found = self.kept(key, compute)
        if found is not None:
            return found
        return self._compute_once(key, compute, self.current, headers, reads)

    def _servable(self, key: str, found: Answer, now: float) -> bool:
        """Whether an out-of-date answer may still be served (the caller holds the lock)."""
        if found.made < self.expired:
            return False
        return now - self.superseded.get(key, now) <= self.stale_s

    def _compute_once(
        self,
        key: str,
        compute: Compute,
        revision: Any,
        headers: OwnHeaders = (),
        reads: Reads | None = None,
    ) -> Answer:
        """Computed by this request, or by the one already computing it (then waited for)."""
        with self.lock:
            flight = self.computing.setdefault(key, threading.Lock())
        try:
            with flight:
                with self.lock:
                    found = self.answers.get(key)
                if found is not None and found.revision == revision:
                    return found  # computed meanwhile by the request this one waited for
                return self._compute(key, compute, headers, reads)
        finally:
            with self.lock:
                if self.computing.get(key) is flight and not flight.locked():
                    del self.computing[key]

    def _compute(
        self, key: str, compute: Compute, headers: OwnHeaders = (), reads: Reads | None = None
    ) -> Answer:
        """``compute()`` at the revision read just before it, kept (with ``headers``, and
        ``reads`` unless the computation says what it read)."""
        made = time.monotonic()
        revision = self._current(force=True)[0]
        computed = compute()
        body, media_type = computed[0], computed[1]
        if len(computed) == 3:
            reads = computed[2]
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        plain: bytes | None = body
        packed = None
        if len(body) >= GZIP_MIN_BYTES:
            packed = gzip.compress(body, GZIP_LEVEL, mtime=0)
            if len(packed) < len(body):
                plain = None  # kept compressed only
            else:
                packed = None  # it does not compress: kept and sent as it is
        answer = Answer(revision, plain, media_type, etag, made, compute, headers, packed, reads)
        self._put(key, answer)
        return answer

    def _current(
        self, force: bool = False, read: bool = True, claimed: float | None = None
    ) -> tuple[Any, float]:
        """(the store's revision, now); read from the store when last read over
        ``REVISION_CHECK_S`` ago with no read under way, or too long ago to answer on
        (``unconfirmed``), or ``force``, or for the read ``claimed`` then; else the one read
        last (``read=False``: in any case).  The query runs outside every lock: a request on
        the event loop that only needs the revision last read never waits for another
        thread's query."""
        now = time.monotonic()
        if claimed is None and not force and read and not self._read_due(now):
            force = self.unconfirmed(now)  # a read under way, but too old to answer on
            if not force:
                return self.current, now
        elif claimed is None and not (force or read):
            return self.current, now
        began = now if claimed is None else claimed
        try:
            revision = self.revision()
            since, changes = self._changes(revision)
        except BaseException:
            with self.reading:
                self._read_done(began, force)
            raise
        with self.reading:
            self._read_done(began, force)
            self._observe(revision, began, since, changes)
        return self.current, now

    def _changes(self, revision: Any) -> tuple[Any, Changes | None]:
        """(the revision last noted, the changes since it) when ``revision`` differs from it
        and the store tells (read after ``revision``, so at least every change up to it)."""
        since = self.current
        if self.changes is None or since is None or revision == since:
            return since, None
        try:
            return since, self.changes(since)
        except Exception as exc:  # not known: every kept answer is out of date, as without it
            log.warning("reading the store's changes failed: %s", exc)
            return since, None

    def _read_done(self, began: float, force: bool) -> None:
        """The read begun at ``began`` is over (the caller holds ``reading``)."""
        if not force and self.read_since == began:
            self.read_since = None

    def _read_due(self, now: float) -> bool:
        """Whether this caller reads the revision: last read over ``REVISION_CHECK_S`` ago and
        no read under way that began after the last ``expire`` (while one is, every request
        takes the revision last read: one query for all, and none waits for it)."""
        with self.reading:
            if not self.revision_due():
                return False
            self.read_since = now
            return True

    def _observe(
        self, revision: Any, now: float, since: Any = None, changes: Changes | None = None
    ) -> None:
        """Note the revision read at ``now``: on a change, every answer computed before it is
        out of date since the last moment the old revision was seen current (at the latest),
        but those current at ``since`` that ``changes`` (since then) leave true, which become
        current at ``revision``.  A read begun before the last ``expire`` does not count as a
        check (the next request reads again: whoever wrote reads what they wrote).  The caller
        holds ``reading``."""
        with self.lock:
            if self.current is not None and revision != self.current:
                if revision < self.current:
                    return  # read before a newer one another request already noted
                if since != self.current:
                    changes = None  # read from another revision than the one noted since
                for key, answer in self.answers.items():  # values change, never the keys
                    if answer.revision == revision:
                        continue
                    if self._still_true(answer, since, changes):
                        answer.revision = revision  # in place: ~8,000 entries per write
                        self.superseded.pop(key, None)
                        self.revalidated += 1
                    else:
                        self.superseded.setdefault(key, self.checked)
            self.current = revision
            if now > self.expired:
                self.checked = max(self.checked, now)

    @staticmethod
    def _still_true(answer: Answer, since: Any, changes: Changes | None) -> bool:
        """Whether ``answer``, current at ``since``, is untouched by ``changes`` since then."""
        if changes is None or answer.reads is None or answer.revision != since:
            return False
        return not answer.reads.touched_by(changes)

    def _put(self, key: str, answer: Answer) -> None:
        if entry_size(key, answer) > min(MAX_ANSWER_BYTES, self.max_bytes * MAX_ANSWER_SHARE):
            return
        with self.lock:
            old = self.answers.pop(key, None)
            if old is not None:
                self.size -= entry_size(key, old)
            if old is not None and old.revision != answer.revision and old.made > answer.made:
                answer = old  # a newer one came in meanwhile: keep it
            self.answers[key] = answer
            self.size += entry_size(key, answer)
            if answer.revision == self.current:
                self.superseded.pop(key, None)
            else:  # the store changed while it was computed: out of date since it began
                self.superseded[key] = answer.made
            while self.answers and (
                self.size > self.max_bytes or len(self.answers) > self.max_entries
            ):
                dropped_key, dropped = self.answers.popitem(last=False)
                self.size -= entry_size(dropped_key, dropped)
                self.superseded.pop(dropped_key, None)

    def drop(self, key: str) -> None:
        """Forget ``key``'s answer (its recomputation failed: the next request computes it)."""
        with self.lock:
            old = self.answers.pop(key, None)
            if old is not None:
                self.size -= entry_size(key, old)
            self.superseded.pop(key, None)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` value takes gzip: named with a q above 0, or not named
    and ``*`` is (RFC 9110, 12.5.3)."""
    weights: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, _, params = item.partition(";")
        q = params.strip()
        try:
            weights[name.strip()] = float(q[2:]) if q.startswith("q=") else 1.0
        except ValueError:
            weights[name.strip()] = 0.0
    return weights.get("gzip", weights.get("*", 0.0)) > 0


def gzip_etag(etag: str) -> str:
    """The ETag of the gzip-compressed body of an answer whose own ETag is ``etag``."""
    return etag[:-1] + '-gzip"'


def _revision_text(revision: Any) -> str:
    return ".".join(map(str, revision)) if isinstance(revision, tuple) else str(revision)
