"""Migration 0016's ``event_light`` with the free-text index (``store.text_view``) answers the
dashboard's free-text view on SQLite and PostgreSQL as the one pass over every matching row
does: over random searches (confirmed events or all, either date order, paged by offset),
after deletes, updates and withdrawals; text the index does not answer exactly is read from the
rows as before."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from borderwatch.serve.synthetic import fill
from borderwatch.store import EventFilter, Store, facets, text_view
from borderwatch.store import dashboard as dash
from borderwatch.store import dashboard_views as views
from borderwatch.store.schema import events

from .test_facets import CONFIDENCES, months, shown
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

# invented searches: common letters, a word of the synthetic texts' kind, nothing found
WORDS = ["ara", "al-", "clash", "border", "ers", "zzq", "the", "ARM", "ing "]


def check_searches_agree(store: Store, seed: int) -> int:
    """Each random search's view from the index and ``event_light`` against the one pass over
    its rows; returns how many the narrow table answered."""
    pick = random.Random(seed)
    answered = 0
    with store.engine.connect() as conn:
        for _ in range(20):
            flt = EventFilter(
                text=pick.choice(WORDS),
                include_unconfirmed=pick.random() < 0.4,
                min_confidence=pick.choice(CONFIDENCES),
                sort=pick.choice(["-date", "date"]),
                offset=pick.choice([0, 0, 4]),
                limit=6,
            )
            assert text_view.holds(conn, flt)
            answered += 1
            found = views.free_text_view(conn, flt, 10_000)
            scan = dash.one_pass(conn, flt, "month", 10_000)
            assert found.total == scan.total, flt
            assert [e["event_id"] for e in found.page] == [e["event_id"] for e in scan.page], flt
            assert found.next_key == scan.next_key, flt
            assert months(found.timeline) == months(scan.timeline), flt
            assert sorted(found.timeline) == sorted(scan.timeline), flt
            assert shown(found.map_rows) == shown(scan.map_rows), flt
    return answered


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_narrow_table_answers_as_the_scan_when_events_change(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dash, "FEW_POINTS", 3)
    if backend == "sqlite":
        store = Store(str(tmp_path / "text.db"))
    else:
        store = Store(request.getfixturevalue("pg_url"))
    fill(store, 250 if backend == "sqlite" else 150, seed=51)
    assert check_searches_agree(store, 1)  # pages walking the date index
    monkeypatch.setattr(facets, "WALK_ROWS", 0)  # pages sorted from the index's answer
    check_searches_agree(store, 1)
    [first] = store.events(EventFilter(limit=1, sort="date"))
    with store.transaction() as tx:
        tx.conn.execute(events.delete().where(events.c.event_id == first["event_id"]))
        tx.conn.execute(
            events.update()
            .where(events.c.event_date >= date(2024, 6, 1))
            .values(latitude=events.c.latitude + 0.3, event_type="Riots", fatalities=3)
        )
        tx.conn.execute(
            events.update()
            .where(events.c.event_date < date(2023, 4, 1))
            .values(latitude=None, longitude=None, modality="denied", event_date=None)
        )
    check_searches_agree(store, 2)
    from borderwatch.commit import retract

    for event in store.events(EventFilter(limit=3, include_unconfirmed=True)):
        retract(store, event["sources"][0]["doc_key"], "conservative")
    check_searches_agree(store, 3)


def test_other_searches_keep_their_paths(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "paths.db"))
    fill(store, 40, seed=52)
    with store.engine.connect() as conn:
        assert text_view.holds(conn, EventFilter(text="clash"))
        assert not text_view.holds(conn, EventFilter(text="al"))  # too short for the index
        assert not text_view.holds(conn, EventFilter(text="qusayr\u00e9"))  # not ASCII
        assert not text_view.holds(conn, EventFilter(text="clash", country="Syria"))
        assert not text_view.holds(conn, EventFilter(text="clash", sort="-fatalities"))
        flt = EventFilter(text="clash", limit=5)
        view = store.dashboard_view(conn, flt, "month", 10_000)
        assert view is not None
        assert view.total == dash.one_pass(conn, flt, "month", 10_000).total


def test_the_dashboard_reads_a_search_from_the_narrow_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(str(tmp_path / "used.db"))
    fill(store, 40, seed=53)
    used: list[EventFilter] = []
    real = views.free_text_view

    def spy(conn: object, flt: EventFilter, cap: int) -> dash.DashboardView:
        used.append(flt)
        return real(conn, flt, cap)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "free_text_view", spy)
    with store.engine.connect() as conn:
        for flt in (EventFilter(text="clash", limit=5), EventFilter(text="al", limit=5)):
            view = store.dashboard_view(conn, flt, "month", 10_000)
            assert view is not None
            assert view.total == dash.one_pass(conn, flt, "month", 10_000).total
    assert [f.text for f in used] == ["clash"]
