"""Migration 0019's words (``event_words``, ``text_words``) answer PostgreSQL's free-text view
of a search of letters and digits as the search over the whole text does: words cut at
hyphens, underscores, apostrophes, accented letters and spaces, in either case; the migration
fills what the trigger keeps."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from importlib import resources

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from borderwatch.serve.synthetic import fill
from borderwatch.store import EventFilter, Store, text_view
from borderwatch.store import dashboard as dash
from borderwatch.store import dashboard_views as views
from borderwatch.store.schema import events

from .test_facets import months, shown
from .test_postgres import pg_url  # noqa: F401 - the fixture

# invented place names whose words touch other characters in every way a text can
PLACES = [
    "Al-Qusayr",
    "qusayr_2024 camp",
    "QUSAYRés",
    "Qusayr\u2019s farms",
    "x-qusayr9",
    "Tal Qusayrat",
    "2024qusayr",
    "Qusa yr",
]
SEARCHES = ["qusayr", "QUSAYR", "usay", "ayr9", "2024", "sayrat", "yrs", "farms", "qusayrs"]


@pytest.fixture()
def words_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    store = Store(request.getfixturevalue("pg_url"))
    try:
        fill(store, 90, seed=61)
        ids = [e["event_id"] for e in store.events(EventFilter(include_unconfirmed=True))]
        with store.transaction() as tx:
            for i, event_id in enumerate(ids[: 3 * len(PLACES)]):
                tx.conn.execute(
                    events.update()
                    .where(events.c.event_id == event_id)
                    .values(location=PLACES[i % len(PLACES)])
                )
        yield store
    finally:
        store.engine.dispose()


def test_a_search_of_letters_and_digits_reads_the_words_as_the_text(
    words_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dash, "FEW_POINTS", 2)
    found_any = 0
    with words_store.engine.connect() as conn:
        for text in SEARCHES:
            for sort, unconfirmed, offset in (("-date", False, 0), ("date", True, 2)):
                flt = EventFilter(
                    text=text, sort=sort, include_unconfirmed=unconfirmed, offset=offset, limit=4
                )
                assert text_view.holds(conn, flt)
                assert text_view._source(conn, flt) is text_view.event_words
                view = views.free_text_view(conn, flt, 10_000)
                scan = dash.one_pass(conn, flt, "month", 10_000)
                assert view.total == scan.total, flt
                assert [e["event_id"] for e in view.page] == [e["event_id"] for e in scan.page]
                assert view.next_key == scan.next_key, flt
                assert months(view.timeline) == months(scan.timeline), flt
                assert sorted(view.timeline) == sorted(scan.timeline), flt
                assert shown(view.map_rows) == shown(scan.map_rows), flt
                found_any += view.total
        other = EventFilter(text="al-qusayr")  # a hyphen: the trigram index, as before
        assert text_view._source(conn, other) is text_view.event_light
        assert views.free_text_view(conn, other, 10_000).total == (
            dash.one_pass(conn, other, "month", 10_000).total
        )
    assert found_any  # the invented places were found


def test_pages_across_undated_events_and_shared_days(words_store: Store) -> None:
    """Every page of a search, either way, read from the days that hold it, equals the one
    pass's: with undated events (first newest-first, last oldest-first) and days shared by
    several events (a page's last day is read whole)."""
    with words_store.transaction() as tx:
        ids = [e["event_id"] for e in words_store.events(EventFilter(text="qusayr", limit=40))]
        tx.conn.execute(
            events.update().where(events.c.event_id.in_(ids[:5])).values(event_date=None)
        )
        tx.conn.execute(
            events.update()
            .where(events.c.event_id.in_(ids[5:12]))
            .values(event_date=date(2024, 3, 9))
        )
    with words_store.engine.connect() as conn:
        for text in ("qusayr", "the"):
            for sort in ("-date", "date"):
                for offset in range(0, 40, 3):
                    flt = EventFilter(text=text, sort=sort, offset=offset, limit=3)
                    flt = dataclasses.replace(flt, include_unconfirmed=offset % 2 == 0)
                    view = views.free_text_view(conn, flt, 10_000)
                    scan = dash.one_pass(conn, flt, "month", 10_000)
                    assert view.total == scan.total, flt
                    got = [e["event_id"] for e in view.page]
                    assert got == [e["event_id"] for e in scan.page], flt
                    assert view.next_key == scan.next_key, flt


def _words(store: Store) -> list[tuple[object, ...]]:
    """``event_words``'s rows, each with its words spelled out (their numbers may differ)."""
    query = (
        "SELECT e.event_id, e.event_date, e.event_type, e.exported, e.fatalities, e.latitude, "
        "e.longitude, e.confidence, ARRAY(SELECT w.word FROM text_words AS w "
        "WHERE w.id = ANY(e.words) ORDER BY w.word) FROM event_words AS e ORDER BY e.event_id"
    )
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(query))]


def test_the_migration_fills_what_the_trigger_keeps(words_store: Store) -> None:
    with words_store.transaction() as tx:  # updates and a delete through the trigger
        [first] = words_store.events(EventFilter(limit=1, sort="date"))
        tx.conn.execute(events.delete().where(events.c.event_id == first["event_id"]))
        tx.conn.execute(events.update().where(events.c.fatalities > 2).values(fatalities=1))
    kept = _words(words_store)
    with words_store.engine.connect() as conn:
        assert len(kept) == conn.execute(sa.select(sa.func.count()).select_from(events)).scalar()
    assert any("qusayr" in row[-1] for row in kept)  # type: ignore[operator]
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("borderwatch.store") / "migrations")
    )
    with words_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0018")
        command.upgrade(config, "head")
    assert _words(words_store) == kept
