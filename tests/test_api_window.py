"""A date window read through its index closed at both ends (``store.window``): the upper bound
on ``date_end`` comes from the longest span stored, so an event that began long before the
window and runs through it is still exported; a bound read before a write that brought a longer
event is not trusted (the read is done again); the span is read once per store revision.
SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from borderwatch.model import DateSpan, Event
from borderwatch.serve import create_app
from borderwatch.serve.synthetic import fill, stream
from borderwatch.settings import Settings
from borderwatch.store import EventFilter, NewDocument, Store
from borderwatch.store.window import longest_span_days

from .conftest import LOCAL
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "postgresql":
        return Store(request.getfixturevalue("pg_url"))
    return Store(str(tmp_path / "window.db"))


Report = tuple[list[Any], list[Any], Event]  # articles, mentions, event (``synthetic``)


def prepare(store: Store, n: int, seed: int, held: int = 1) -> list[Report]:
    """``n`` synthetic one-day events stored, and ``held`` more made but not stored."""
    made = list(stream(n + held, seed))
    write(store, made[:n])
    return made[n:]


def write(store: Store, reports: list[Report]) -> None:
    with store.transaction() as tx:
        tx.add_documents([NewDocument(a) for articles, _, _ in reports for a in articles])
        tx.add_mentions([m for _, mentions, _ in reports for m in mentions])
        tx.replace_events(set(), [event for _, _, event in reports])


def running(report: Report, start: date, days: int) -> Report:
    """``report``'s event running ``days`` days from ``start`` (a siege, a blockade)."""
    articles, mentions, event = report
    span = DateSpan(start, start + timedelta(days=days), 3)
    return articles, mentions, dataclasses.replace(event, date=span, modality="asserted")


def window(since: date, days: int = 7) -> EventFilter:
    return EventFilter(since=since, until=since + timedelta(days=days))


def test_an_event_spanning_the_window_is_found(store: Store) -> None:
    [siege] = prepare(store, 30, seed=21)
    assert longest_span_days_of(store) == 0
    start = date(2024, 1, 10)
    write(store, [running(siege, start, 200)])
    siege_id = siege[2].event_id
    assert longest_span_days_of(store) == 200
    inside = window(start + timedelta(days=120))  # the siege began 120 days before the window
    assert siege_id in ids(store.events(inside))
    assert ids(store.events(inside)) == ids(store.events(unbounded(inside)))
    assert siege_id not in ids(store.events(window(start + timedelta(days=201))))
    client = TestClient(create_app(Settings(), store), base_url=LOCAL)
    since = inside.since
    url = f"/api/export?format=jsonl&since={since}&until={inside.until}"
    exported = client.get(url, headers={"Cache-Control": "no-cache"})
    assert exported.status_code == 200 and siege_id in exported.text


def test_the_bound_closes_the_window_query(store: Store) -> None:
    fill(store, 12, seed=22)
    statements: list[str] = []
    sa.event.listen(
        store.engine, "before_cursor_execute", lambda c, cur, s, *_: statements.append(s)
    )
    store.events(window(date(2023, 3, 1)))
    reads = [s for s in statements if "FROM events" in s and "payload" in s]
    assert any(s.count("date_end <=") == 1 for s in reads), reads
    store.events(window(date(2023, 5, 1)))
    assert store._spans.scans == 1  # the longest span read once while the store is unchanged


def test_a_bound_read_before_a_write_is_not_used_after_it(store: Store) -> None:
    [siege] = prepare(store, 10, seed=24)
    start = date(2024, 3, 1)
    inside = window(start + timedelta(days=45))
    assert siege[2].event_id not in ids(store.events(inside))  # the bound: one day
    other = Store(store.url)  # another process's writer
    write(other, [running(siege, start, 90)])
    other.engine.dispose()
    assert siege[2].event_id in ids(store.events(inside))
    assert store._spans.scans == 2


def test_the_bound_and_the_events_are_read_in_one_snapshot(store: Store) -> None:
    """A writer commits a long event and a short one together while the bound is read: the
    window's answer holds both or neither (without one snapshot it held the short one and
    lost the long one: a state the store never was in)."""
    blockade, raid = prepare(store, 10, seed=23, held=2)
    start = date(2024, 6, 1)
    inside = window(start + timedelta(days=60))
    original = store._spans.span_in

    def then_a_write(conn: Any) -> int | None:
        found = original(conn)  # the bound as the store was: no event longer than a day
        other = Store(store.url)
        write(other, [running(blockade, start, 90), running(raid, inside.since, 0)])
        other.engine.dispose()
        return found

    store._spans.span_in = then_a_write  # type: ignore[method-assign]
    both = {blockade[2].event_id, raid[2].event_id}
    assert both.isdisjoint(ids(store.events(inside)))
    store._spans.span_in = original  # type: ignore[method-assign]
    assert both <= set(ids(store.events(inside)))


def longest_span_days_of(store: Store) -> int | None:
    with store.engine.connect() as conn:
        return longest_span_days(conn)


def unbounded(flt: EventFilter) -> EventFilter:
    """``flt`` read with a bound past every date: the open window's answer."""
    return dataclasses.replace(flt, date_end_until=date(9999, 12, 31))


def ids(events: list[dict[str, Any]]) -> list[str]:
    return [e["event_id"] for e in events]
