"""The dashboard's map from the cell pre-aggregate (migration 0014) answers as a scan does, on
real SQLite and PostgreSQL stores: over random filters, after events are rewritten, updated in
place and withdrawn; merged cells keep every event; and the dashboard's one-pass reads (tags,
free text, place, box, dates) answer as the per-event scan the dashboard used before."""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from borderwatch.serve import create_app, events_api
from borderwatch.serve.params import DashboardQuery
from borderwatch.serve.synthetic import fill
from borderwatch.settings import Settings
from borderwatch.store import EventFilter, Store
from borderwatch.store import dashboard as dash
from borderwatch.store import map_cells as mc
from borderwatch.store import query as q
from borderwatch.store.schema import events

from .conftest import LOCAL
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

TYPES = ["Battles", "Explosions/Remote violence", "Protests", "Riots", "Violence against civilians"]


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("cells") / "c.db"))
    fill(store, 300, seed=21)
    return store


@pytest.fixture()
def pg_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    store = Store(request.getfixturevalue("pg_url"))
    try:
        fill(store, 120, seed=22)
        yield store
    finally:
        store.engine.dispose()


def random_filters(seed: int, n: int) -> list[EventFilter]:
    """Filters the pre-aggregate holds: type, country, confidence in tenths, sources, with or
    without unconfirmed events, drawn at random."""
    pick = random.Random(seed)
    found = [EventFilter(), EventFilter(include_unconfirmed=True)]
    while len(found) < n:
        found.append(
            EventFilter(
                event_type=pick.choice([None, *TYPES]),
                country=pick.choice([None, "Syria", "lebanon"]),
                min_confidence=pick.choice([None, 0.0, 0.5, 0.7, 0.9]),
                min_sources=pick.choice([None, 1, 2, 3]),
                include_unconfirmed=pick.random() < 0.3,
            )
        )
    return found


def check_cells_agree(store: Store, seed: int) -> None:
    """The pre-aggregate's cells against SQL's count over the events and Python's count over
    their rows, for random filters."""
    with store.engine.connect() as conn:
        for flt in random_filters(seed, 12):
            assert dash.rollup_holds(conn, flt)
            cube = sorted(dash.cube_cells(conn, flt))
            assert cube == sorted(mc.scan_cells(conn, flt)), flt
            if conn.dialect.name == "sqlite":  # Python rounds micro-degrees as SQLite does
                assert cube == mc.cells_of_rows(q.light_rows(conn, flt, 10**6)), flt
            rows = q.light_rows(conn, flt, 10**6)
            located = [r for r in rows if r[7] is not None and r[8] is not None]
            assert sum(row[3] for row in cube) == len(located), flt


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_cells_stay_right_when_events_change(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        store = Store(str(tmp_path / "changes.db"))
        fill(store, 200, seed=23)
    else:
        store = request.getfixturevalue("pg_store")
    check_cells_agree(store, 1)
    [first] = store.events(EventFilter(limit=1, sort="date"))
    with store.transaction() as tx:
        tx.conn.execute(events.delete().where(events.c.event_id == first["event_id"]))
    check_cells_agree(store, 2)
    with store.transaction() as tx:  # moved, retyped, unlocated in place
        tx.conn.execute(
            events.update()
            .where(events.c.event_date >= date(2024, 6, 1))
            .values(latitude=events.c.latitude + 0.3, event_type="Riots", fatalities=2)
        )
        tx.conn.execute(
            events.update()
            .where(events.c.event_date < date(2023, 6, 1))
            .values(latitude=None, longitude=None)
        )
        tx.conn.execute(  # west of Greenwich and south of the equator: cells floor, not truncate
            events.update()
            .where(events.c.event_date.between(date(2023, 6, 1), date(2023, 9, 30)))
            .values(latitude=-events.c.latitude, longitude=-events.c.longitude)
        )
    check_cells_agree(store, 3)
    from borderwatch.commit import retract

    for event in store.events(EventFilter(limit=3, include_unconfirmed=True)):
        retract(store, event["sources"][0]["doc_key"], "conservative")
    check_cells_agree(store, 4)


def test_cells_of_filters_the_aggregate_does_not_hold_equal_the_rows(sqlite_store: Store) -> None:
    filters = [
        EventFilter(tags=("smuggling",)),
        EventFilter(text="qusayr"),
        EventFilter(since=date(2024, 3, 1), until=date(2024, 5, 31)),
        EventFilter(bbox=(35.9, 33.9, 36.6, 34.5), min_confidence=0.55),
        EventFilter(place="a", event_type="Armed clash"),
    ]
    with sqlite_store.engine.connect() as conn:
        for flt in filters:
            rows = q.light_rows(conn, flt, 10**6)
            assert mc.scan_cells(conn, flt) == mc.cells_of_rows(rows), flt


def test_merged_cells_keep_every_event_in_the_coarser_cell() -> None:
    # invented positions on a line, a few metres to degrees apart, several types
    pick = random.Random(5)
    rows = [
        (f"e{i}", None, None, None, pick.choice(TYPES), None, i % 3, lat, lon, None, None, None)
        for i in range(400)
        for lat, lon in [(33 + pick.random() * 3, 35 + pick.random() * 3)]
    ]
    fine = mc.cells_of_rows(rows)
    for limit in (1000, 50, 7, 1):
        merged = mc.coarsened(fine, limit)
        assert len({(x, y) for x, y, *_ in merged.rows}) <= limit
        assert sum(r[3] for r in merged.rows) == 400
        assert sum(r[4] for r in merged.rows) == sum(i % 3 for i in range(400))
        per = round(merged.size * mc.CELLS_PER_DEGREE)  # 1/64-degree cells per merged cell
        for x, y, kind, n, *_ in merged.rows:
            inside = [
                r
                for r in rows
                if r[4] == kind
                and math.floor(r[8] * mc.CELLS_PER_DEGREE) // per == x
                and math.floor(r[7] * mc.CELLS_PER_DEGREE) // per == y
            ]
            assert len(inside) == n


VIEWS = [
    {"tag": ["smuggling"]},
    {"q": "qusayr"},
    {"place": "a"},
    {"actor": "hezbollah"},
    {"bbox": "35.9,33.9,36.6,34.5"},
    {"since": "2024-03-01", "until": "2024-05-31"},
    {"type": "Battles", "country": "Syria", "since": "2024-01-01", "until": "2024-12-31"},
    {"sub_type": "Armed clash", "min_confidence": 0.5},
]


@pytest.mark.parametrize("few", [mc.FEW_POINTS, 5])
@pytest.mark.parametrize("interval", ["month", "week"])
def test_one_pass_views_equal_the_per_event_scan(
    sqlite_store: Store, interval: str, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/api/dashboard for the filters no pre-aggregate holds against the scan over every
    matching row the dashboard answered them with before (``events_api.reviewed_dashboard``):
    the same total, page, timeline, and a map of the same points or of cells counting them."""
    monkeypatch.setattr(dash, "FEW_POINTS", few)
    for view in VIEWS:
        p = DashboardQuery.model_validate({**view, "limit": 20, "interval": interval})
        found = events_api.dashboard(sqlite_store, p)
        scanned = events_api.reviewed_dashboard(sqlite_store, p)
        for key in ("total", "events", "next", "timeline"):
            assert found[key] == scanned[key], (view, key)
        points = scanned["map"]
        if "cells" in found["map"]:
            assert found["map"]["located"] == points["n"] > few, view
            assert sum(found["map"]["cells"]["count"]) == points["n"]
        else:
            assert found["map"] == points, view


def test_the_dashboard_sends_cells_for_many_located_events(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ``FEW_POINTS`` located events the map is cells: each cell's count is the number of
    /api/map's points in it, by type, at the cell's size; at or below, the points themselves."""
    settings = Settings(db=sqlite_store.url)
    with TestClient(create_app(settings, store=sqlite_store), base_url=LOCAL) as client:
        points = client.get("/api/map", params={"min_confidence": 0.5}).json()
        monkeypatch.setattr(dash, "FEW_POINTS", points["n"])
        same = client.get("/api/dashboard", params={"min_confidence": 0.5, "sort": "date"})
        assert "cells" not in same.json()["map"]
        monkeypatch.setattr(dash, "FEW_POINTS", 10)
        found = client.get("/api/dashboard", params={"min_confidence": 0.5}).json()["map"]
    cells, names = found["cells"], found["values"]["event_type"]
    assert found["located"] == points["n"] == sum(cells["count"]) and found["n"] == 0
    per = round(cells["size"] * mc.CELLS_PER_DEGREE)
    key = [
        (math.floor(lon * 64) // per, math.floor(lat * 64) // per)
        for lat, lon in zip(points["latitude"], points["longitude"], strict=True)
    ]
    for i in range(cells["n"]):
        lat, lon = cells["latitude"][i], cells["longitude"][i]
        cell = (math.floor(lon * 64) // per, math.floor(lat * 64) // per)  # a mean lies in it
        members = [j for j, k in enumerate(key) if k == cell]
        assert cells["count"][i] == len(members)
        by_type = {names[t]: n for t, n in cells["types"][i]}
        kinds = points["values"]["event_type"]
        expect: dict[str, int] = {}
        for j in members:
            kind = kinds[points["event_type"][j]]
            expect[kind] = expect.get(kind, 0) + 1
        assert by_type == expect
        mean = sum(points["latitude"][j] for j in members) / len(members)
        assert abs(mean - lat) < 1e-6


def test_one_pass_is_used_only_without_a_page_key(sqlite_store: Store) -> None:
    flt = EventFilter(tags=("smuggling",), limit=5)
    with sqlite_store.engine.connect() as conn:
        first = sqlite_store.dashboard_view(conn, flt, "month", 100)
        assert first is not None and first.next_key
        after = sqlite_store.dashboard_view(conn, flt, "month", 100, first.next_key)
        offset = sqlite_store.dashboard_view(conn, dataclasses.replace(flt, offset=5), "month", 100)
    assert after is not None and offset is not None
    assert [e["event_id"] for e in after.page] == [e["event_id"] for e in offset.page]
