"""Migration 0015's pre-aggregates (one-filter facets, a box's whole cells) answer the dashboard
as the one pass over every matching row does, on real SQLite and PostgreSQL stores: over random
sub-type, place, actor, tag and box views, after events are deleted, updated in place and
withdrawn, and when the migration fills the tables from events already stored."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from borderwatch.model import ACLED_TYPES
from borderwatch.serve.synthetic import TAGS, fill
from borderwatch.store import EventFilter, Store, facets
from borderwatch.store import dashboard as dash
from borderwatch.store import map_cells as mc
from borderwatch.store.schema import event_facets, events

from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

SUB_TYPES = [s for subs in ACLED_TYPES.values() for s in subs]
# invented substrings of place and actor names: common letters, a word, a bracket, nothing found
PARTS = ["a", "al", "AR", "qa", "forces", "(", "state", "zz_q", "%", "rs of"]
# minimum confidences: none, the dashboard's default, whole tenths (held by the tables' tenths,
# migration 0017) and one between tenths (not held: read from the rows)
CONFIDENCES = [None, None, 0.5, 0.5, 0.0, 0.7, 1.0, 0.55]


def random_views(seed: int, n: int) -> list[EventFilter]:
    """One-filter views and boxes (some with no whole cell, one across the antimeridian, some on
    cell edges: 36.25 is 2320/64 exactly), with or without unconfirmed events, with a minimum
    confidence or not."""
    pick = random.Random(seed)
    found = [
        EventFilter(bbox=(36.25, 33.5, 36.75, 34.25)),
        EventFilter(bbox=(36.2, 34.0, 36.21, 34.5)),  # narrower than a cell: no whole cell
        EventFilter(bbox=(179.0, 33.0, -179.0, 35.0)),  # across the antimeridian
        EventFilter(tags=("smuggling", "handover")),  # two tags: not a facet
        EventFilter(actor="a", min_confidence=0.5),  # the dashboard's default
        EventFilter(bbox=(36.25, 33.5, 36.75, 34.25), min_confidence=0.55),  # between tenths
    ]
    while len(found) < n:
        west, south = 35.5 + pick.random(), 33.2 + pick.random() * 1.4
        box = (west, south, west + pick.random() * 0.9, south + pick.random() * 0.9)
        flt = pick.choice(
            [
                EventFilter(sub_event_type=pick.choice(SUB_TYPES).upper()),
                EventFilter(place=pick.choice(PARTS)),
                EventFilter(actor=pick.choice(PARTS)),
                EventFilter(tags=(pick.choice(TAGS),)),
                EventFilter(bbox=box),
            ]
        )
        found.append(
            dataclasses.replace(
                flt,
                include_unconfirmed=pick.random() < 0.3,
                min_confidence=pick.choice(CONFIDENCES),
            )
        )
    return found


def months(timeline: list[tuple[str, str, int, int]]) -> dict[tuple[str, str], tuple[int, int]]:
    """Day or month counts summed per (month start, type)."""
    sums: dict[tuple[str, str], tuple[int, int]] = {}
    for day, kind, n, killed in timeline:
        was = sums.get((day[:7], kind), (0, 0))
        sums[(day[:7], kind)] = (was[0] + n, was[1] + killed)
    return {key: value for key, value in sums.items() if value[0]}


def shown(rows: object) -> object:
    """The map's cells, or its points as the map shows them (``dashboard.map_rows`` reads
    those fields only)."""
    if isinstance(rows, list):
        return [tuple(r[i] for i in (0, 1, 4, 5, 6, 7, 8, 9)) for r in rows]
    return rows


def check_views_agree(store: Store, seed: int) -> int:
    """Each random view from the pre-aggregates against main's one pass over its rows (map
    cells, not points: ``map_cells.FEW_POINTS`` is set low by the callers); returns how many
    the pre-aggregates answered."""
    answered = 0
    with store.engine.connect() as conn:
        for flt in random_views(seed, 30):
            page = dataclasses.replace(flt, limit=7)
            found = dash.aggregated_view(conn, page, "month", 10_000)
            expected = facets.facet_where(flt, event_facets) is not None or facets.box_of(flt)
            assert (found is not None) == bool(expected), flt
            if found is None:
                continue
            answered += 1
            scan = dash.one_pass(conn, page, "month", 10_000)
            assert found.total == scan.total, flt
            assert [e["event_id"] for e in found.page] == [e["event_id"] for e in scan.page], flt
            assert found.next_key == scan.next_key, flt
            assert months(found.timeline) == months(scan.timeline), flt
            assert shown(found.map_rows) == shown(scan.map_rows), flt
    return answered


def _few_points(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dash, "FEW_POINTS", 3)


def _change_events(store: Store) -> None:
    """Delete one event, move, retype and unlocate others in place, put some on a cell edge."""
    [first] = store.events(EventFilter(limit=1, sort="date"))
    with store.transaction() as tx:
        tx.conn.execute(events.delete().where(events.c.event_id == first["event_id"]))
        tx.conn.execute(
            events.update()
            .where(events.c.event_date >= date(2024, 6, 1))
            .values(latitude=events.c.latitude + 0.3, sub_event_type="Armed clash", fatalities=2)
        )
        tx.conn.execute(
            events.update()
            .where(events.c.event_date < date(2023, 4, 1))
            .values(latitude=None, longitude=None, actor2=None, location=None)
        )
        tx.conn.execute(
            events.update()
            .where(events.c.event_date.between(date(2023, 6, 1), date(2023, 9, 30)))
            .values(longitude=36.25, modality="denied")
        )


@pytest.fixture()
def pg_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    store = Store(request.getfixturevalue("pg_url"))
    try:
        fill(store, 150, seed=32)
        yield store
    finally:
        store.engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_aggregates_answer_as_the_scan_when_events_change(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    _few_points(monkeypatch)
    if backend == "sqlite":
        store = Store(str(tmp_path / "facets.db"))
        fill(store, 250, seed=31)
    else:
        store = request.getfixturevalue("pg_store")
    assert check_views_agree(store, 1) > 15
    monkeypatch.setattr(facets, "WALK_ROWS", 0)  # each page from its filter's own index
    check_views_agree(store, 1)
    monkeypatch.setattr(facets, "WALK_ROWS", 10**9)  # each page walking the date index
    _change_events(store)
    check_views_agree(store, 2)
    from borderwatch.commit import retract

    for event in store.events(EventFilter(limit=3, include_unconfirmed=True)):
        retract(store, event["sources"][0]["doc_key"], "conservative")
    check_views_agree(store, 3)


def _tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.engine.connect() as conn:
        return {
            table: sorted(
                tuple(row) for row in conn.execute(sa.text(f"SELECT * FROM {table} WHERE n <> 0"))
            )
            for table in ("event_facets", "facet_cells", "cell_months")
        }


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_migration_fills_what_the_triggers_keep(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Rows written through the triggers (with changes) equal those the migration counts from
    the events stored, after a downgrade and upgrade."""
    if backend == "sqlite":
        store = Store(str(tmp_path / "fill.db"))
        fill(store, 150, seed=33)
    else:
        store = request.getfixturevalue("pg_store")
    _change_events(store)
    kept = _tables(store)
    assert all(kept.values())
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("borderwatch.store") / "migrations")
    )
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0014")
        command.upgrade(config, "head")
    assert _tables(store) == kept


def test_a_box_on_cell_edges_splits_whole_cells_from_edge_ones() -> None:
    box = facets.box_of(EventFilter(bbox=(36.25, 33.5, 36.75, 34.2)))
    assert box is not None
    # 36.25 * 64 = 2320 (a cell's west side: whole); 36.75 * 64 = 2352 (the east side of
    # cell 2351, whose events may lie at 36.75 itself, east of it: the cell 2352 is an edge)
    assert (box.x0, box.x1) == (2320, 2351)
    assert (box.y0, box.y1) == (2144, 2187)
    assert facets.box_of(EventFilter(bbox=(36.2, 34.0, 36.21, 34.5))) is None
    assert facets.box_of(EventFilter(bbox=(36.0, 34.0, 36.5, 34.5), country="Syria")) is None


def test_week_timelines_and_other_filters_keep_their_paths(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "paths.db"))
    fill(store, 60, seed=34)
    with store.engine.connect() as conn:
        assert dash.aggregated_view(conn, EventFilter(actor="a"), "week", 10) is None
        assert (
            dash.aggregated_view(conn, EventFilter(actor="a", country="Syria"), "month", 10) is None
        )
        assert dash.aggregated_view(conn, EventFilter(text="arsal"), "month", 10) is None
        assert dash.aggregated_view(conn, EventFilter(actor="a"), "month", 10) is not None
    assert mc.FEW_POINTS > 3
