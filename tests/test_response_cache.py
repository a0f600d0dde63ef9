"""The server keeps read answers while the store is unchanged (``serve.cache``): a write by
another process (here another connection, as an ``ingest`` would) is seen by the next request;
identical requests at once cost one computation; ETag and 304; the cache stays in its bounds.
Real SQLite and PostgreSQL stores, the real app, real threads."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from starlette.requests import Request

from borderwatch.serve import create_app
from borderwatch.serve.cache import ResponseCache
from borderwatch.serve.synthetic import fill
from borderwatch.settings import Settings
from borderwatch.store import SavedSearch, Store

from .conftest import LOCAL
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs


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


def test_a_write_by_another_process_is_seen_by_the_next_request(
    db: Path, client: TestClient
) -> None:
    first = client.get("/api/dashboard")
    again = client.get("/api/dashboard")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    listed = client.get("/api/events?limit=5").json()
    gone = listed["events"][0]["event_id"]
    assert client.get(f"/api/events/{gone}").status_code == 200
    with sqlite3.connect(db) as other:  # not the server's connections: as an ingest would
        other.execute("DELETE FROM events WHERE event_id = ?", (gone,))
    after = client.get("/api/dashboard").json()
    assert after["total"] == first.json()["total"] - 1
    assert client.get("/api/events?limit=5").json()["total"] == listed["total"] - 1
    assert client.get(f"/api/events/{gone}").status_code == 404


def test_if_none_match_gets_304_until_the_store_changes(db: Path, client: TestClient) -> None:
    url = "/api/events?limit=3&sort=-fatalities"
    first = client.get(url)
    etag = first.headers["etag"]
    unchanged = client.get(url, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    top = first.json()["events"][0]["event_id"]
    with sqlite3.connect(db) as other:
        other.execute("UPDATE events SET fatalities = 9999 WHERE event_id != ?", (top,))
    changed = client.get(url, headers={"If-None-Match": etag})
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


def test_while_one_request_computes_anew_the_others_get_the_answer_it_replaces() -> None:
    revision = [1]
    started, release = threading.Event(), threading.Event()
    cache = ResponseCache(lambda: revision[0])

    def compute() -> tuple[bytes, str]:
        if revision[0] == 2:
            started.set()
            release.wait(5)
        return str(revision[0]).encode(), "application/json"

    assert cache.respond(_request("/x"), compute).body == b"1"
    revision[0] = 2
    first: list[bytes] = []
    computing = threading.Thread(
        target=lambda: first.append(cache.respond(_request("/x"), compute).body)
    )
    computing.start()
    assert started.wait(5)
    assert cache.respond(_request("/x"), compute).body == b"1"  # not a wait: the one before
    release.set()
    computing.join()
    assert first == [b"2"]
    assert cache.respond(_request("/x"), compute).body == b"2"  # afterwards: the new one


def test_a_new_revision_computes_again_and_no_cache_always_does() -> None:
    revision = [1]
    calls = []
    cache = ResponseCache(lambda: revision[0])

    def compute() -> tuple[bytes, str]:
        calls.append(revision[0])
        return str(revision[0]).encode(), "application/json"

    assert cache.respond(_request("/x"), compute).body == b"1"
    assert cache.respond(_request("/x"), compute).body == b"1"
    revision[0] = 2
    assert cache.respond(_request("/x"), compute).body == b"2"
    fresh = Request({**_request("/x").scope, "headers": [(b"cache-control", b"no-cache")]})
    cache.respond(fresh, compute)
    assert calls == [1, 2, 2]


def test_the_cache_stays_within_its_bounds() -> None:
    cache = ResponseCache(lambda: 1, max_bytes=10_000, max_entries=50)
    for i in range(400):
        cache.respond(_request(f"/x?i={i}"), lambda: (b"x" * 300, "text/plain"))
        assert cache.size <= 10_000 and len(cache.answers) <= 50
    assert cache.size == sum(len(a.body) for a in cache.answers.values())
    assert "http://testserver/x?i=399" in cache.answers  # the latest kept, the oldest gone
    assert "http://testserver/x?i=0" not in cache.answers


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
