"""The server keeps read answers while the store is unchanged (``serve.cache``): a write by
another process (here another connection, as an ``ingest`` would) is seen by the next request;
identical requests at once cost one computation; ETag and 304; the cache stays in its bounds.
Real SQLite and PostgreSQL stores, the real app, real threads."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import threading
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from starlette.requests import Request

from borderwatch.serve import cache as cache_module
from borderwatch.serve import create_app, events_api
from borderwatch.serve.cache import REVISION_CHECK_S, STALE_S, ResponseCache
from borderwatch.serve.kept_answers import KeptAnswers
from borderwatch.serve.synthetic import fill
from borderwatch.settings import Settings
from borderwatch.store import SavedSearch, Store

from .conftest import LOCAL
from .serving import served
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

TOKEN = "cache-test-token-of-some-length"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cache") / "c.db"
    fill(Store(str(path)), 60, seed=5)
    return path


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db))), base_url=LOCAL) as c:
        yield c


def _request(url: str) -> Request:
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "server": ("testserver", 80),
        "path": path,
        "query_string": query.encode(),
        "headers": [],
    }
    return Request(scope)


def test_after_a_write_by_another_process_the_answers_change_within_the_bound(
    tmp_path: Path,
) -> None:
    """A real server: after an outside write (as an ``ingest`` would), a kept answer may be
    served as it was (the same body and ETag, so a 304 to its ETag) while it is computed again
    in the background, and the new one comes within ``STALE_S``; never anything else."""
    path = tmp_path / "w.db"
    fill(Store(str(path)), 40, seed=6)
    with served(path) as base, httpx.Client(base_url=base, timeout=30) as http:
        url = "/api/events?limit=5"
        first = http.get(url)
        etag = first.headers["etag"]
        assert http.get(url, headers={"If-None-Match": etag}).status_code == 304
        gone = first.json()["events"][0]["event_id"]
        assert http.get(f"/api/events/{gone}").status_code == 200
        with sqlite3.connect(path) as other:  # not the server's connections
            other.execute("DELETE FROM events WHERE event_id = ?", (gone,))
        written = time.monotonic()
        while (answer := http.get(url, headers={"If-None-Match": etag})).status_code == 304:
            assert answer.headers["etag"] == etag  # the old answer, whole, while it is stale
            assert time.monotonic() - written < STALE_S + 2
            time.sleep(0.05)
        changed = time.monotonic() - written
        assert answer.status_code == 200 and answer.headers["etag"] != etag
        assert answer.json()["total"] == first.json()["total"] - 1
        assert gone not in {e["event_id"] for e in answer.json()["events"]}
        assert int(answer.headers["x-store-revision"]) > int(first.headers["x-store-revision"])
        while (detail := http.get(f"/api/events/{gone}")).status_code == 200:
            assert time.monotonic() - written < STALE_S + 2
            time.sleep(0.05)
        assert detail.status_code == 404
    assert changed < STALE_S + 1


def test_a_write_through_the_server_is_read_at_once_by_its_writer(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "r.db"))
    fill(store, 10, seed=8)
    client = TestClient(create_app(Settings(api_token=TOKEN), store), base_url=LOCAL)
    event_id = client.get("/api/events?limit=1").json()["events"][0]["event_id"]
    loaded = client.get(f"/api/events/{event_id}").json()
    assert client.get(f"/api/events/{event_id}").json() == loaded  # kept
    edit = {"action": "edit", "set": {"fatalities": loaded["fatalities"] + 7}, "by": "ann"}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    done = client.post(f"/api/events/{event_id}/review", headers=auth, json=edit)
    assert done.status_code == 200, done.text
    assert client.get(f"/api/events/{event_id}").json()["fatalities"] == loaded["fatalities"] + 7


def test_if_none_match_gets_304_until_the_store_changes(db: Path, client: TestClient) -> None:
    url = "/api/events?limit=3&sort=-fatalities"
    first = client.get(url)
    etag = first.headers["etag"]
    unchanged = client.get(url, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    top = first.json()["events"][0]["event_id"]
    with sqlite3.connect(db) as other:
        other.execute("UPDATE events SET fatalities = 9999 WHERE event_id != ?", (top,))
    deadline = time.monotonic() + STALE_S + 2
    while (changed := client.get(url, headers={"If-None-Match": etag})).status_code == 304:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert changed.json()["events"][0]["event_id"] != top


def test_every_read_table_counts_a_change_on_its_side(db: Path) -> None:
    """A saved search changes the feeds' counter, not the events' one: alert deliveries and
    search writes, which are frequent, leave the events' kept answers standing."""
    store = Store(str(db))
    before, feeds = store.revision(), store.alerts_revision()
    store.add_search(SavedSearch(f"s-{uuid.uuid4().hex[:6]}", place="Arsal"))
    assert store.revision() == before
    searched = store.alerts_revision()
    assert searched[1] > feeds[1] and searched[0] == feeds[0]
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE documents SET title = title || '' WHERE rowid = 1"))
    assert store.revision() > before
    assert store.alerts_revision()[0] > searched[0]  # a feed lists events: it changes too


def test_a_search_written_meanwhile_keeps_the_events_answer(db: Path, client: TestClient) -> None:
    url = "/api/events?limit=3"
    first = client.get(url)
    etag = first.headers["etag"]
    Store(str(db)).add_search(SavedSearch(f"s-{uuid.uuid4().hex[:6]}", place="Hermel"))
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_identical_requests_at_once_are_computed_once() -> None:
    calls = []
    cache = ResponseCache(lambda: 1)

    def compute() -> tuple[bytes, str]:
        calls.append(1)
        time.sleep(0.2)
        return b'{"n": 1}', "application/json"

    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.respond(_request("/x?a=1"), compute)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len(answers) == 8
    assert {a.body for a in answers} == {b'{"n": 1}'}


def test_a_lookup_never_waits_for_another_threads_revision_query() -> None:
    """The event loop looks kept answers up itself: while a thread computing an answer reads
    the store's revision (a query, slow while the database is busy), a lookup with the revision
    last read answers at once instead of waiting for that query."""
    release, reads = threading.Event(), []

    def revision() -> int:
        reads.append(1)
        if len(reads) == 3:  # the computing thread's read below: held until released
            release.wait(10)
        return 1

    cache = ResponseCache(revision)
    page = _request("/api/events?limit=1")
    cache.respond(page, lambda: (b'{"n": 1}', "application/json"))  # two reads
    other = threading.Thread(
        target=cache.respond, args=(_request("/api/map"), lambda: (b"{}", "application/json"))
    )
    other.start()
    while len(reads) < 3:
        time.sleep(0.001)
    started = time.monotonic()
    try:
        found = cache.kept(str(page.url), read=False)
        also = cache.kept(str(page.url))  # may read the revision again: a read of its own
        waited = time.monotonic() - started
    finally:
        release.set()
        other.join()
    assert found is not None and also is not None and found.body == b'{"n": 1}'
    assert waited < 1.0


def test_lookups_due_at_once_read_the_revision_once_and_none_waits_for_it() -> None:
    """Many requests finding the revision due at the same moment: one reads it (a query), the
    others answer at once with the revision last read."""
    reads = []

    def revision() -> int:
        reads.append(1)
        if len(reads) == 3:  # the lookups' read: slow, as under load
            time.sleep(0.5)
        return 1

    cache = ResponseCache(revision)
    page = _request("/api/events?limit=1")
    cache.respond(page, lambda: (b'{"n": 1}', "application/json"))  # two reads
    time.sleep(REVISION_CHECK_S * 2)
    waits: list[float] = []

    def look_up() -> None:
        started = time.monotonic()
        assert cache.kept(str(page.url)) is not None
        waits.append(time.monotonic() - started)

    threads = [threading.Thread(target=look_up) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reads) == 3 and len(waits) == 8
    assert sorted(waits)[-2] < 0.25  # all but the one that read


def test_a_read_begun_before_a_write_through_the_server_does_not_count() -> None:
    """While a revision read begun before this server wrote is under way, a lookup reads the
    revision again instead of taking the one last read: whoever wrote reads what they wrote."""
    revision, release = [1], threading.Event()

    def read() -> int:
        seen = revision[0]
        if seen == 1 and len(reads) == 2:  # the third read (below): held
            release.wait(10)
        reads.append(seen)
        return seen

    reads: list[int] = []
    cache = ResponseCache(read)
    page = _request("/api/events?limit=1")
    cache.respond(page, lambda: (b'{"n": 1}', "application/json"))
    time.sleep(REVISION_CHECK_S * 2)
    slow = threading.Thread(target=cache.kept, args=(str(page.url),))
    slow.start()
    while not cache.read_since:
        time.sleep(0.001)
    assert not cache.revision_due()  # a read is under way: the others take the last one
    revision[0] = 2
    cache.expire()  # this server wrote
    try:
        assert cache.revision_due()
        assert cache.kept(str(page.url)) is None  # read again: revision 2, nothing kept at 2
    finally:
        release.set()
        slow.join()
    assert 2 in reads


def _after_a_write(revision: list[int]) -> None:
    revision[0] += 1
    time.sleep(REVISION_CHECK_S * 2)  # the revision is read once per REVISION_CHECK_S


def test_after_a_write_the_old_answer_is_served_while_one_background_task_computes_it() -> None:
    revision, calls = [1], []
    cache = ResponseCache(lambda: revision[0], refresh_s=0.3, stale_s=5)

    def compute() -> tuple[bytes, str]:
        calls.append((revision[0], threading.current_thread().name))
        time.sleep(0.05)
        return str(revision[0]).encode(), "application/json"

    first = cache.respond(_request("/x"), compute)
    assert first.body == b"1" and first.headers["x-store-revision"] == "1"
    _after_a_write(revision)
    answers: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.respond(_request("/x"), compute).body))
        for _ in range(8)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [b"1"] * 8 and time.monotonic() - started < 0.3  # none waited
    assert len(calls) == 1  # nothing computed by the requests
    deadline = time.monotonic() + 5
    while (again := cache.respond(_request("/x"), compute)).body == b"1":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert again.body == b"2" and again.headers["x-store-revision"] == "2"
    assert calls[1:] == [(2, "answers")]  # once, in the background
    assert cache.respond(_request("/x"), compute).body == b"2" and len(calls) == 2


def test_past_the_bound_a_request_computes_the_answer_itself() -> None:
    revision = [1]
    cache = ResponseCache(lambda: revision[0], refresh_s=60, stale_s=0.2)

    def compute() -> tuple[bytes, str]:
        return str(revision[0]).encode(), "application/json"

    assert cache.respond(_request("/x"), compute).body == b"1"
    _after_a_write(revision)
    assert cache.respond(_request("/x"), compute).body == b"1"  # stale, within 0.2 s
    time.sleep(0.25)
    assert cache.respond(_request("/x"), compute).body == b"2"  # past it: computed now


def test_an_idle_server_does_not_serve_an_answer_older_than_the_bound() -> None:
    """The write happened at some moment since the revision was last read: counted from then."""
    revision = [1]
    cache = ResponseCache(lambda: revision[0], refresh_s=60, stale_s=0.2)

    def compute() -> tuple[bytes, str]:
        return str(revision[0]).encode(), "application/json"

    assert cache.respond(_request("/x"), compute).body == b"1"
    time.sleep(0.3)
    revision[0] = 2  # written at some moment of the idle time
    assert cache.respond(_request("/x"), compute).body == b"2"


def test_expire_ends_staleness_and_a_failed_refresh_drops_the_answer() -> None:
    revision = [1]
    cache = ResponseCache(lambda: revision[0], refresh_s=0, stale_s=5)

    def compute() -> tuple[bytes, str]:
        return str(revision[0]).encode(), "application/json"

    assert cache.respond(_request("/a"), compute).body == b"1"
    revision[0] = 2
    cache.expire()  # this server wrote: the next request reads it
    assert cache.respond(_request("/a"), compute).body == b"2"

    def gone() -> tuple[bytes, str]:
        if revision[0] > 2:
            raise LookupError("merged away")
        return b"here", "application/json"

    assert cache.respond(_request("/b"), gone).body == b"here"
    _after_a_write(revision)
    assert cache.respond(_request("/b"), gone).body == b"here"  # stale; its refresh fails
    deadline = time.monotonic() + 5
    while "http://testserver/b" in cache.answers:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    with pytest.raises(LookupError):
        cache.respond(_request("/b"), gone)


def test_with_no_staleness_a_new_revision_computes_again_and_no_cache_always_does() -> None:
    revision = [1]
    calls = []
    cache = ResponseCache(lambda: revision[0], stale_s=0)

    def compute() -> tuple[bytes, str]:
        calls.append(revision[0])
        return str(revision[0]).encode(), "application/json"

    assert cache.respond(_request("/x"), compute).body == b"1"
    assert cache.respond(_request("/x"), compute).body == b"1"
    _after_a_write(revision)
    assert cache.respond(_request("/x"), compute).body == b"2"
    fresh = Request({**_request("/x").scope, "headers": [(b"cache-control", b"no-cache")]})
    cache.respond(fresh, compute)
    assert calls == [1, 2, 2]


def _counted(cache: ResponseCache) -> int:
    """The bytes of a cache's entries, counted from scratch."""
    return sum(cache_module.entry_size(k, a) for k, a in cache.answers.items())


def test_the_cache_stays_within_its_bounds_in_entries() -> None:
    cache = ResponseCache(lambda: 1, max_bytes=10**9, max_entries=50)
    for i in range(400):
        cache.respond(_request(f"/x?i={i}"), lambda: (b"x" * 300, "text/plain"))
        assert len(cache.answers) <= 50
    assert "http://testserver/x?i=399" in cache.answers  # the latest kept, the oldest gone
    assert "http://testserver/x?i=0" not in cache.answers
    assert cache.size == _counted(cache)


def test_the_cache_stays_within_its_bounds_in_bytes_all_counted() -> None:
    """Bodies, their gzip-compressed copies, keys and headers all count against ``max_bytes``,
    and what the cache holds in memory (tracemalloc) is within what it counts."""
    cap = 200_000
    cache = ResponseCache(lambda: 1, max_bytes=cap, max_entries=10**6)
    long_query = "&".join(f"place=Town{i}" for i in range(30))  # keys count too
    headers = {"Content-Disposition": 'attachment; filename="borderwatch-events.csv"'}
    bodies = [
        f"event,{i},".encode() * (cache_module.GZIP_MIN_BYTES // 8 + i % 50) for i in range(300)
    ]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i, body in enumerate(bodies):
            url = f"/api/export?i={i}&{long_query}"
            cache.respond(_request(url), lambda body=body: (body, "text/csv"), headers)
            assert cache.size <= cap
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    kept = list(cache.answers.values())
    assert all(a.gzipped and a.plain is None for a in kept)  # kept compressed only
    assert all(a.headers for a in kept)
    assert cache.size == _counted(cache)
    assert cache.size > sum(len(a.gzipped or b"") for a in kept)  # not the bodies only
    assert len(kept) < len(bodies)  # the oldest went
    # everything the cache holds (compressed bodies, keys, answers, headers) it made while
    # traced, and it is within what it counts
    assert held <= cache.size
    assert [a.body for a in kept] == bodies[-len(kept) :]  # each given back whole


def test_one_large_answer_is_not_kept_and_leaves_the_others() -> None:
    cache = ResponseCache(lambda: 1, max_bytes=100_000)
    for i in range(10):
        cache.respond(_request(f"/small?i={i}"), lambda: (b"s" * 1000, "text/plain"))
    size = cache.size
    large = int(100_000 * cache_module.MAX_ANSWER_SHARE) + 1
    body = random.Random(3).randbytes(large)  # does not compress: kept as it is, or not
    answer = cache.respond(_request("/large"), lambda: (body, "application/octet-stream"))
    assert len(answer.body) >= large  # answered, not kept
    assert "http://testserver/large" not in cache.answers
    assert len(cache.answers) == 10 and cache.size == size == _counted(cache)


def test_answers_computed_again_replace_their_entry_in_the_count() -> None:
    cache = ResponseCache(lambda: 1, max_bytes=10**6)
    fresh = Request({**_request("/x").scope, "headers": [(b"cache-control", b"no-cache")]})
    for n in range(1, 30):
        cache.respond(fresh, lambda n=n: (b"y" * (100 * n), "text/plain"))
        assert len(cache.answers) == 1 and cache.size == _counted(cache)
    cache.drop("http://testserver/x")
    assert cache.size == 0 and not cache.answers


def test_postgresql_counts_changes_too(request: pytest.FixtureRequest) -> None:
    store = Store(request.getfixturevalue("pg_url"))
    try:
        before = store.revision()
        fill(store, 20, seed=3)
        filled = store.revision()
        assert filled > before
        with store.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "DELETE FROM events WHERE event_id IN (SELECT event_id FROM events LIMIT 1)"
                )
            )
        assert store.revision() > filled
    finally:
        store.engine.dispose()


def test_a_kept_answer_is_given_before_routing_as_the_route_gives_it(db: Path) -> None:
    """``KeptAnswers`` finds the route's answer under the same key: the second request of a URL
    is a hit there (the route, which counts a miss of its own, is not reached), with the same
    body and headers."""
    app = create_app(Settings(db=str(db)))
    with TestClient(app, base_url=LOCAL) as client:
        url = "/api/events?limit=2&sort=-date"
        first = client.get(url)
        kept = next(c for c in _caches(app) if c.answers)
        assert (kept.hits, kept.misses) == (0, 1)  # the route's (the middleware found none)
        again = client.get(url)
        assert (kept.hits, kept.misses) == (1, 1)
        assert again.content == first.content
        for name in ("etag", "x-store-revision", "content-type", "x-content-type-options"):
            assert again.headers[name] == first.headers[name]
        fresh = client.get(url, headers={"Cache-Control": "no-cache"})
        assert fresh.content == first.content and (kept.hits, kept.misses) == (1, 1)


def _caches(app: Any) -> list[ResponseCache]:
    stack = app.build_middleware_stack()
    while not isinstance(stack, KeptAnswers):
        stack = stack.app
    return list(stack.caches)


def test_a_small_export_is_kept_with_its_file_name_and_changes_with_the_store(
    tmp_path: Path,
) -> None:
    """An export of few events is answered whole and kept like the other reads (ETag,
    X-Store-Revision, 304), its file name included; a write by another process is seen within
    the bound, as for every kept answer."""
    db = tmp_path / "x.db"
    fill(Store(str(db)), 30, seed=9)
    app = create_app(Settings(db=str(db)))
    with TestClient(app, base_url=LOCAL) as client:
        url = "/api/export?format=csv&since=2000-01-01&until=2100-01-01&min_confidence=0.5"
        first = client.get(url)
        assert first.status_code == 200 and first.headers["etag"]
        assert first.headers["content-disposition"].endswith('borderwatch-events.csv"')
        rows = list(csv.DictReader(io.StringIO(first.text)))
        assert 0 < len(rows) <= events_api.KEPT_EXPORT_EVENTS
        kept = next(c for c in _caches(app) if any("/api/export" in k for k in c.answers))
        hits = kept.hits
        again = client.get(url)
        assert kept.hits == hits + 1 and again.content == first.content
        for name in ("etag", "x-store-revision", "content-type", "content-disposition"):
            assert again.headers[name] == first.headers[name]
        assert client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        gone = rows[0]["event_id_cnty"]
        with sqlite3.connect(db) as other:
            other.execute("DELETE FROM events WHERE event_id = ?", (gone,))
        deadline = time.monotonic() + STALE_S + 2
        while (changed := client.get(url)).content == first.content:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        ids = [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(changed.text))]
        assert gone not in ids and len(ids) == len(rows) - 1


def test_a_large_export_is_streamed_and_never_kept(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(events_api, "KEPT_EXPORT_EVENTS", 3)
    app = create_app(Settings(db=str(db)))
    with TestClient(app, base_url=LOCAL) as client:
        url = "/api/export?format=jsonl"
        first = client.get(url)
        lines = first.text.splitlines()
        assert first.status_code == 200 and len(lines) > 3
        assert "etag" not in first.headers and first.headers["content-disposition"]
        assert not any("/api/export" in k for c in _caches(app) for k in c.answers)
        assert client.get(url).text.splitlines() == lines


def test_a_request_nothing_is_kept_for_goes_on_without_reading_the_revision() -> None:
    """``KeptAnswers`` asks only a cache that holds the URL: a request for anything else goes
    straight on to the app, with no revision read (a query, and a thread hop under load)."""
    reads: list[int] = []
    cache = ResponseCache(lambda: reads.append(1) or 1)
    page = _request("/api/events?limit=1")
    cache.respond(page, lambda: (b'{"n": 1}', "application/json"))
    before, reached = len(reads), []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        reached.append(scope["path"])

    async def call(path: str) -> None:
        scope = {**page.scope, "path": path, "query_string": b"", "headers": []}
        await KeptAnswers(app, [cache])(scope, None, None)

    time.sleep(REVISION_CHECK_S * 2)  # the revision is due: a kept URL would read it
    anyio.run(call, "/api/events/BW-NOT-KEPT")
    assert reached == ["/api/events/BW-NOT-KEPT"] and len(reads) == before


def test_a_large_answer_is_kept_compressed_and_sent_so_to_who_accepts_gzip(
    client: TestClient,
) -> None:
    url = "/api/events?limit=40"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert plain.headers.get("content-encoding") is None
    assert len(plain.content) >= cache_module.GZIP_MIN_BYTES
    raw = client.get(url, headers={"Accept-Encoding": "br, gzip;q=0.5"})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["vary"] == "Accept-Encoding"
    assert raw.content == plain.content  # decompressed by the client: the same bytes
    assert int(raw.headers["content-length"]) < len(plain.content) / 3
    assert raw.headers["etag"] != plain.headers["etag"]
    for etag in (raw.headers["etag"], plain.headers["etag"]):
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and "content-encoding" not in again.headers
    refused = client.get(url, headers={"Accept-Encoding": "gzip;q=0, *"})
    assert refused.headers.get("content-encoding") is None
    small = client.get("/api/events?limit=1", headers={"Accept-Encoding": "gzip"})
    assert len(small.content) < cache_module.GZIP_MIN_BYTES
    assert small.headers.get("content-encoding") is None


def test_accept_encoding_is_read_as_http_says() -> None:
    takes = cache_module.accepts_gzip
    assert takes("gzip") and takes("deflate, gzip") and takes("*") and takes("GZIP;q=0.1")
    assert not takes("") and not takes("identity") and not takes("gzip;q=0")
    assert not takes("*, gzip;q=0") and takes("identity;q=0, *") and not takes("br;q=x")
