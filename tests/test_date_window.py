"""Migration 0016's months (``store.date_window``) answer the dashboard's date brush as the one
pass over every matching row does, on real SQLite and PostgreSQL stores: over random windows
(with an event type and a country or not, whole months or none, events whose spans reach into
a window from outside it), after deletes, updates and withdrawals; the migration fills what
the triggers keep; an event with its dates out of order sends views back to the rows."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from borderwatch.model import ACLED_TYPES
from borderwatch.serve.synthetic import fill
from borderwatch.store import EventFilter, Store, date_window
from borderwatch.store import dashboard as dash
from borderwatch.store import dashboard_views as views
from borderwatch.store.schema import events

from .test_facets import CONFIDENCES, months, shown
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

FIRST = date(2022, 11, 1)  # a little before the synthetic events' first day


def random_windows(seed: int, n: int) -> list[EventFilter]:
    """Windows from a day to a year (some on month edges), alone or with a type and country,
    confirmed events or all, with a minimum confidence or not, sorted by date either way,
    paged by offset."""
    pick = random.Random(seed)
    found = [
        EventFilter(since=date(2023, 3, 1), until=date(2023, 5, 31)),  # whole months only
        EventFilter(since=date(2023, 3, 2), until=date(2023, 3, 30)),  # no whole month
        EventFilter(since=date(2023, 2, 10), until=date(2023, 2, 10)),  # one day
    ]
    while len(found) < n:
        since = FIRST + timedelta(days=pick.randrange(900))
        if pick.random() < 0.3:
            since = since.replace(day=1)
        until = since + timedelta(days=pick.choice([0, 6, 30, 45, 90, 200, 365]))
        flt = EventFilter(
            since=since,
            until=until,
            event_type=pick.choice([None, None, *ACLED_TYPES]),
            country=pick.choice([None, None, "Syria", "LEBANON"]),
            include_unconfirmed=pick.random() < 0.3,
            min_confidence=pick.choice(CONFIDENCES),
            sort=pick.choice(["-date", "-date", "date"]),
            offset=pick.choice([0, 0, 3]),
        )
        found.append(flt)
    return found


def check_windows_agree(store: Store, seed: int) -> int:
    """Each random window's view from the months against the one pass over its rows; returns
    how many the months answered."""
    answered = 0
    with store.engine.connect() as conn:
        for flt in random_windows(seed, 30):
            page = dataclasses.replace(flt, limit=7)
            view = store.dashboard_view(conn, page, "month", 10_000)
            assert view is not None
            if not date_window.holds(flt) or not dash.rollup_holds(
                conn, dataclasses.replace(flt, since=None, until=None)
            ):
                continue
            answered += 1
            scan = dash.one_pass(conn, page, "month", 10_000)
            assert view.total == scan.total, flt
            assert [e["event_id"] for e in view.page] == [e["event_id"] for e in scan.page], flt
            assert view.next_key == scan.next_key, flt
            assert months(view.timeline) == months(scan.timeline), flt
            assert shown(view.map_rows) == shown(scan.map_rows), flt
            if view.next_key:  # the next page, after the last event's key
                after = views.window_view(
                    conn,
                    dataclasses.replace(page, offset=0),
                    "month",
                    10_000,
                    _span(conn),
                    view.next_key,
                )
                scan = dash.one_pass(
                    conn, dataclasses.replace(page, offset=page.offset + 7), "month", 10_000
                )
                assert [e["event_id"] for e in after.page] == [e["event_id"] for e in scan.page]
    return answered


def _span(conn: sa.Connection) -> int:
    from borderwatch.store.window import longest_span_days

    return longest_span_days(conn) or 0


def _spread_dates(store: Store) -> None:
    """Give some events spans reaching weeks before and after their date (still in order)."""
    with store.transaction() as tx:
        ids = [
            r[0] for r in tx.conn.execute(sa.select(events.c.event_id).order_by(events.c.event_id))
        ]
        for i, event_id in enumerate(ids[::7]):
            row = tx.conn.execute(
                sa.select(events.c.event_date).where(events.c.event_id == event_id)
            ).one()
            tx.conn.execute(
                events.update()
                .where(events.c.event_id == event_id)
                .values(
                    date_start=row[0] - timedelta(days=3 + i % 40),
                    date_end=row[0] + timedelta(days=i % 50),
                )
            )


def _change_events(store: Store) -> None:
    """Delete one event, move, retype, unlocate and re-date others in place."""
    [first] = store.events(EventFilter(limit=1, sort="date"))
    with store.transaction() as tx:
        tx.conn.execute(events.delete().where(events.c.event_id == first["event_id"]))
        tx.conn.execute(
            events.update()
            .where(events.c.event_date >= date(2024, 6, 1))
            .values(latitude=events.c.latitude + 0.3, event_type="Riots", fatalities=2)
        )
        tx.conn.execute(
            events.update()
            .where(events.c.event_date < date(2023, 4, 1))
            .values(latitude=None, longitude=None, country="Lebanon")
        )
        tx.conn.execute(
            events.update()
            .where(events.c.event_date.between(date(2023, 6, 1), date(2023, 9, 30)))
            .values(modality="denied", event_date=events.c.date_end)
        )


@pytest.fixture()
def pg_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    store = Store(request.getfixturevalue("pg_url"))
    try:
        fill(store, 150, seed=42)
        yield store
    finally:
        store.engine.dispose()


def _store(backend: str, tmp_path: Path, request: pytest.FixtureRequest, n: int) -> Store:
    if backend == "postgresql":
        return request.getfixturevalue("pg_store")
    store = Store(str(tmp_path / "window.db"))
    fill(store, n, seed=41)
    return store


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_months_answer_as_the_scan_when_events_change(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dash, "FEW_POINTS", 3)
    used = []
    real = views.window_view
    monkeypatch.setattr(
        views,
        "window_view",
        lambda *a, **k: used.append(1) or real(*a, **k),  # type: ignore[func-returns-value]
    )
    store = _store(backend, tmp_path, request, 250)
    assert check_windows_agree(store, 1) > 15 and used
    _spread_dates(store)
    assert check_windows_agree(store, 2) > 15
    monkeypatch.setattr(date_window, "FIRST_DAYS", 1)  # pages from a day's range, widened
    assert check_windows_agree(store, 5) > 15
    _change_events(store)
    check_windows_agree(store, 3)
    from borderwatch.commit import retract

    for event in store.events(EventFilter(limit=3, include_unconfirmed=True)):
        retract(store, event["sources"][0]["doc_key"], "conservative")
    count = len(used)
    check_windows_agree(store, 4)
    assert len(used) > count


def test_dates_out_of_order_send_the_view_back_to_the_rows(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "order.db"))
    fill(store, 80, seed=43)
    with store.engine.connect() as conn:
        assert date_window.in_order(conn)
    [first] = store.events(EventFilter(limit=1))
    with store.transaction() as tx:
        tx.conn.execute(
            events.update()
            .where(events.c.event_id == first["event_id"])
            .values(date_end=events.c.date_start - timedelta(days=2))
        )
    with store.engine.connect() as conn:
        assert not date_window.in_order(conn)
        flt = EventFilter(since=date(2023, 1, 1), until=date(2024, 12, 31), limit=5)
        view = store.dashboard_view(conn, flt, "month", 10_000)
        scan = dash.one_pass(conn, flt, "month", 10_000)
        assert view is not None and view.total == scan.total


def test_whole_months_of_a_window() -> None:
    assert date_window.whole_months(date(2024, 3, 1), date(2024, 5, 31)) == (
        date(2024, 3, 1),
        date(2024, 6, 1),
    )
    assert date_window.whole_months(date(2024, 3, 2), date(2024, 5, 30)) == (
        date(2024, 4, 1),
        date(2024, 5, 1),
    )
    assert date_window.whole_months(date(2024, 12, 1), date(2024, 12, 31)) == (
        date(2024, 12, 1),
        date(2025, 1, 1),
    )
    assert date_window.whole_months(date(2024, 3, 2), date(2024, 3, 30)) is None
    assert not date_window.holds(EventFilter(since=date(2024, 1, 1)))
    assert not date_window.holds(
        EventFilter(since=date(2024, 1, 1), until=date(2024, 2, 1), place="a")
    )
    assert not date_window.holds(
        EventFilter(since=date(2024, 1, 1), until=date(2024, 2, 1), sort="-fatalities")
    )


def _month_rows(store: Store) -> list[tuple[object, ...]]:
    """``month_cells``' rows and ``event_light``'s (SQLite: with the events' rowids)."""
    with store.engine.connect() as conn:
        rows = sorted(
            tuple(r) for r in conn.execute(sa.text("SELECT * FROM month_cells WHERE n <> 0"))
        )
        if conn.dialect.name == "sqlite":
            light = "SELECT l.*, e.rowid FROM event_light l JOIN events e ON e.rowid = l.ref"
            rows += sorted(tuple(r) for r in conn.execute(sa.text(light)))
            count = "SELECT (SELECT count(*) FROM events) - (SELECT count(*) FROM event_light)"
            assert conn.execute(sa.text(count)).scalar() == 0
        else:
            light = "SELECT l.* FROM event_light l JOIN events e ON e.event_id = l.event_id"
            rows += sorted(tuple(r) for r in conn.execute(sa.text(light)))
            count = "SELECT (SELECT count(*) FROM events) - (SELECT count(*) FROM event_light)"
            assert conn.execute(sa.text(count)).scalar() == 0
        return rows


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_migration_fills_what_the_triggers_keep(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    store = _store(backend, tmp_path, request, 150)
    _spread_dates(store)
    _change_events(store)
    kept = _month_rows(store)
    assert kept
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("borderwatch.store") / "migrations")
    )
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0015")
        command.upgrade(config, "head")
    assert _month_rows(store) == kept


def test_facet_pages_on_postgresql_read_from_the_newest_days(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's actor and place pages, read from date ranges widened until full (undated
    events first in newest-first order, as PostgreSQL sorts nulls), equal the one pass's, by
    offset and after an event."""
    store = request.getfixturevalue("pg_store")
    with store.transaction() as tx:
        tx.conn.execute(
            events.update()
            .where(events.c.event_date < date(2023, 3, 1))
            .values(event_date=None, date_start=None, date_end=None)
        )
    ranged = []
    real = date_window.newest_page
    monkeypatch.setattr(
        date_window, "newest_page", lambda *a, **k: ranged.append(1) or real(*a, **k)
    )
    with store.engine.connect() as conn:
        for name in ("a", "al", "forces", "zz_q", "state"):
            for flt in (
                EventFilter(actor=name, limit=4),
                EventFilter(place=name, limit=3, sort="date", include_unconfirmed=True),
                EventFilter(actor=name, limit=5, offset=5),
            ):
                found = dash.aggregated_view(conn, flt, "month", 10_000)
                scan = dash.one_pass(conn, flt, "month", 10_000)
                assert found is not None
                assert [e["event_id"] for e in found.page] == [e["event_id"] for e in scan.page]
                if found.next_key:
                    nxt = dash.aggregated_view(conn, flt, "month", 10_000, found.next_key)
                    later = dataclasses.replace(flt, offset=flt.offset + (flt.limit or 0))
                    scan = dash.one_pass(conn, later, "month", 10_000)
                    assert nxt is not None
                    assert [e["event_id"] for e in nxt.page] == [e["event_id"] for e in scan.page]
    assert ranged
