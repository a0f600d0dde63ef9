"""Kept answers re-validated after a write (migration 0020, ``store.changes``, ``serve.cache``):
an event's page or a date window's export that no change since its revision touches stays kept
as current instead of being computed again.  The rule that matters: every kept answer the
server gives after any write is the answer it computes afresh (``no-cache``).  Real SQLite
stores, the real app, writes by other connections as an ``ingest`` makes them."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from borderwatch.serve import cache as cache_module
from borderwatch.serve import create_app
from borderwatch.serve.cache import ResponseCache
from borderwatch.serve.kept_answers import KeptAnswers
from borderwatch.serve.synthetic import fill, stream
from borderwatch.settings import Settings
from borderwatch.store import NewDocument, Store
from borderwatch.store.changes import Changes, EventsRead, WindowRead

from .conftest import LOCAL
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL run

D = date(2024, 3, 10)


def _events_cache(app: Any) -> ResponseCache:
    stack = app.build_middleware_stack()
    while not isinstance(stack, KeptAnswers):
        stack = stack.app
    return stack.caches[0]


def _urls(store: Store) -> list[str]:
    """Every event's page, and exports of weekly and monthly windows over the events' dates
    (CSV, JSONL, GeoJSON, with and without a place), and one with no window."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT event_id, location FROM events")).all()
        first, last = conn.execute(
            sa.text("SELECT min(date_start), max(date_end) FROM events")
        ).one()
    urls = [f"/api/events/{event_id}" for event_id, _ in rows]
    day, end = date.fromisoformat(str(first)), date.fromisoformat(str(last))
    place = rows[0][1]
    formats = ("csv", "jsonl", "geojson")
    n = 0
    while day <= end:
        fmt = formats[n % 3]
        for span in (7, 31):
            until = day + timedelta(days=span)
            urls.append(f"/api/export?format={fmt}&since={day}&until={until}")
        urls.append(f"/api/export?format=csv&place={place}&since={day}&until={until}")
        day, n = day + timedelta(days=23), n + 1
    return [*urls, "/api/export?format=csv&min_confidence=0.3"]


def _same_as_computed(client: TestClient, urls: list[str]) -> None:
    """Every URL's answer (kept, re-validated or computed) is the one computed now."""
    kept = {url: client.get(url) for url in urls}
    for url, answer in kept.items():
        fresh = client.get(url, headers={"Cache-Control": "no-cache"})
        assert answer.status_code == fresh.status_code, url
        assert answer.content == fresh.content, url
        if fresh.status_code == 200:
            assert answer.headers["etag"] == fresh.headers["etag"], url


def _add(store: Store, made: list[Any]) -> None:
    """New events with their documents and reports, as an ``ingest`` writes them."""
    with store.transaction() as tx:
        tx.add_documents([NewDocument(a) for articles, _, _ in made for a in articles])
        tx.add_mentions([m for _, mentions, _ in made for m in mentions])
        tx.replace_events(set(), [event for _, _, event in made])


def _replace_one(store: Store, event: Any) -> None:
    """A report changes one event as fusion does: its row replaced, a revision written."""
    changed = dataclasses.replace(event, fatalities=(event.fatalities or 0) + 3)
    with store.transaction() as tx:
        tx.replace_events(set(event.mention_ids), [changed])


def test_every_kept_answer_after_writes_is_the_computed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept event pages and exports of many windows, then writes of each kind an ``ingest``,
    an analyst or an operator makes: new events with their reports, an event changed, one
    deleted, a report added to an event, a document retracted.  After each, every answer given
    equals the one computed afresh; the untouched are re-validated (kept, not computed)."""
    monkeypatch.setattr(cache_module, "UNCONFIRMED_S", -1.0)  # every lookup reads the revision
    path = tmp_path / "r.db"
    store = Store(str(path))
    made = fill(store, 40, seed=21)
    app = create_app(Settings(db=str(path)))
    with TestClient(app, base_url=LOCAL) as client:
        cache = _events_cache(app)
        cache.stale_s = -1.0  # never an answer from before a write: kept means re-validated
        urls = _urls(store)
        _same_as_computed(client, urls)
        revalidated = []

        def check() -> None:
            before = cache.revalidated
            _same_as_computed(client, urls)
            revalidated.append(cache.revalidated - before)

        _add(store, list(stream(44, seed=21))[40:])  # new events, documents, reports
        check()
        _replace_one(store, made[20])
        check()
        gone = store.events()[3]["event_id"]
        with sqlite3.connect(path) as other:
            other.execute("DELETE FROM events WHERE event_id = ?", (gone,))
        check()
        with sqlite3.connect(path) as other:  # a report of one event now counts for another
            mention, owner = other.execute(
                "SELECT mention_id, event_id FROM event_mentions"
            ).fetchone()
            to = other.execute(
                "SELECT event_id FROM events WHERE event_id != ? LIMIT 1", (owner,)
            ).fetchone()[0]
            other.execute(
                "UPDATE event_mentions SET event_id = ? WHERE mention_id = ?", (to, mention)
            )
        check()
        with sqlite3.connect(path) as other:  # an undated event (a report without a date)
            undated = other.execute("SELECT event_id FROM events LIMIT 1 OFFSET 7").fetchone()[0]
            columns = [r[1] for r in other.execute("PRAGMA table_info(events)")]
            picked = ", ".join(
                "'BW-UNDATED01'" if c == "event_id" else "NULL" if c.startswith("date_") else c
                for c in columns
            )
            other.execute(
                f"INSERT INTO events ({', '.join(columns)}) SELECT {picked} "
                "FROM events WHERE event_id = ?",
                (undated,),
            )
        check()
        with sqlite3.connect(path) as other:  # a retraction: every answer computed again
            other.execute(
                "UPDATE documents SET retracted_at = '2026-01-01 00:00:00' WHERE rowid = 1"
            )
        check()
    assert all(n > len(urls) // 2 for n in revalidated[:5]), (revalidated, len(urls))
    # the undated event is in no window: every export of a window stays kept
    windows = sum("since=" in u for u in urls)
    assert revalidated[4] >= windows + sum("/api/events/" in u for u in urls) - 1, revalidated
    assert revalidated[5] == 0


def test_the_log_names_the_events_a_write_touched(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "l.db"))
    made = fill(store, 12, seed=23)
    start = store.revision()
    assert store.changes_since(start) == Changes(frozenset(), ())
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.text("SELECT event_id, date_start, date_end FROM events LIMIT 1")
        ).one()
        conn.execute(sa.text("DELETE FROM events WHERE event_id = :e"), {"e": row.event_id})
    found = store.changes_since(start)
    assert found is not None and found.ids == {row.event_id} and not found.everything
    assert found.spans == (
        (date.fromisoformat(str(row.date_start)), date.fromisoformat(str(row.date_end))),
    )
    later = store.revision()
    assert store.changes_since(later + 1) == Changes(frozenset(), ())
    evidence = made[5]
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE mentions SET modality = 'x' WHERE mention_id = :m"),
            {"m": evidence.mention_ids[0]},
        )
    found = store.changes_since(later)
    assert found is not None and evidence.event_id in found.ids
    # the log is read from the revision on, itself included: the delete's row may come again
    assert found.ids <= {evidence.event_id, row.event_id} and len(found.spans) <= 1
    evidence_only = Changes(frozenset({evidence.event_id}), ())
    assert not WindowRead(None, None).touched_by(evidence_only)  # no export's rows
    assert EventsRead(frozenset({evidence.event_id})).touched_by(found)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE documents SET title = 't' WHERE rowid = 2"))
    assert store.changes_since(later).everything  # type: ignore[union-attr]


def test_a_window_is_touched_by_changes_that_meet_it() -> None:
    changes = Changes(frozenset({"a"}), ((D, D + timedelta(days=2)),))
    assert WindowRead(D - timedelta(days=5), D).touched_by(changes)
    assert WindowRead(D + timedelta(days=2), None).touched_by(changes)
    assert not WindowRead(D + timedelta(days=3), D + timedelta(days=9)).touched_by(changes)
    assert not WindowRead(None, D - timedelta(days=1)).touched_by(changes)
    # an undated row (NULL dates) is in no window bounded on its missing side, as the filter
    # reads it; a window open on that side holds it
    undated = Changes(frozenset({"b"}), ((None, None),))
    assert not WindowRead(D, D).touched_by(undated)
    assert not WindowRead(D, None).touched_by(undated)
    assert WindowRead(None, None).touched_by(undated)
    no_end = Changes(frozenset({"b"}), ((D, None),))
    assert WindowRead(None, D).touched_by(no_end) and not WindowRead(D, None).touched_by(no_end)
    both = Changes(frozenset({"b", "a"}), ((None, None), (D, D)))
    assert both.hull == (D, D) and WindowRead(D, D).touched_by(both)
    assert not WindowRead(D + timedelta(days=1), None).touched_by(both)
    assert WindowRead(D, D).touched_by(Changes(frozenset(), (), everything=True))
    assert not EventsRead(frozenset({"c"})).touched_by(changes)


def test_postgresql_logs_nothing_and_every_write_outdates_every_answer(
    pg_url: str,  # noqa: F811
) -> None:
    store = Store(pg_url)
    try:
        fill(store, 3, seed=24)
        assert store.changes_since(store.revision()) is None
    finally:
        store.engine.dispose()


def test_a_restore_outdates_every_kept_answer(tmp_path: Path) -> None:
    """A restored store's rows were not written through the log's triggers: a server that
    read the store before must find everything changed, not the backup's own log."""
    store = Store(str(tmp_path / "live.db"))
    fill(store, 8, seed=25)
    saved = tmp_path / "b.db"
    store.backup(saved)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM events WHERE rowid = 1"))
    seen = store.revision()  # what a running server last read
    store.restore(saved)
    found = store.changes_since(seen)
    assert store.revision() > seen and found is not None and found.everything
