"""The dashboard's indexes and pre-aggregate (migration 0012) answer as the scans they replace,
on real SQLite and PostgreSQL stores: free text from the trigram index equals a plain substring
search, tags from ``event_tags`` equal the payload's tags, the rollup's totals and timeline equal
counts over the events -- after fusion rewrites events, a report is withdrawn and a row is
updated in place -- and keyset pages equal offset pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from borderwatch.model import EXPORTED_MODALITIES
from borderwatch.serve import create_app, views
from borderwatch.serve.synthetic import fill
from borderwatch.settings import Settings
from borderwatch.store import EventFilter, Store
from borderwatch.store import dashboard as dash
from borderwatch.store import query as q
from borderwatch.store.schema import events

from .conftest import LOCAL
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

# The columns the rollup and the timeline count over, read straight from the events table.
_COUNTED_COLUMNS = sa.select(
    events.c.event_date,
    events.c.event_type,
    events.c.sub_event_type,
    events.c.country,
    events.c.modality,
    events.c.confidence,
    events.c.n_sources,
    events.c.fatalities,
)


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("dash") / "d.db"))
    fill(store, 400, seed=11)
    return store


@pytest.fixture()
def pg_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh PostgreSQL database (``test_postgres.pg_url``: skipped without a server, failed
    when one is required), filled."""
    store = Store(request.getfixturevalue("pg_url"))
    try:
        fill(store, 150, seed=12)
        yield store
    finally:
        store.engine.dispose()


def searched_fields(event: dict[str, Any]) -> list[str]:
    """Every field the free-text filter reads (it matches text within one field)."""
    place = event.get("place") or {}
    actors = [(event.get(k) or {}).get("canonical") or "" for k in ("actor1", "actor2")]
    sentences = [s.get("sentence") or "" for s in event.get("sources", [])]
    fields = [event["event_id"], event["event_type"], event["sub_event_type"], place.get("name")]
    return [str(f or "") for f in [*fields, *actors, event.get("notes"), *sentences]]


def searchable(event: dict[str, Any]) -> str:
    """Everything the free-text filter reads, as a person would list it."""
    return "\n".join(searched_fields(event))


def every_event(store: Store) -> list[dict[str, Any]]:
    return store.events(EventFilter(include_unconfirmed=True))


# Invented queries: a place fragment, a phrase of the reports' wording, a mixed-case type, a
# word no report holds, a two-letter fragment (too short for trigrams: the plain scan), text
# with a LIKE wildcard (also the plain scan), a piece of the event ids, the end of one field and
# the start of the next (in no single field: the index's lines must not join them), and text
# the index folds case differently from SQL (checked on the rows found).
QUERIES = [
    "usay",
    "officials said",
    "ARMED clash",
    "nothing-like-this",
    "al",
    "50%",
    "near a",
    "syn0000",
    "Battles Armed",
    "Qusayr\nHezbollah",
    "QUSAYR é",
    # FTS5's query syntax, which the index's phrase lookup must take as plain text: quotes,
    # operators, a prefix star, a column filter, brackets
    'clash" OR "riot',
    "said AND NOT",
    "sy*",
    "doc: armed",
    "NEAR(armed",
]


def test_the_index_alone_answers_printable_ascii() -> None:
    assert q.index_is_exact("qusayr") and q.index_is_exact("Armed clash, officials")
    assert not q.index_is_exact("al")  # too short for trigrams
    assert not q.index_is_exact("50% of")  # a LIKE wildcard
    assert not q.index_is_exact("Qusayr\nHezbollah")  # could join two of the index's lines
    assert not q.index_is_exact("Ḩimş")  # case folding differs between the index and lower()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_free_text_from_the_index_equals_a_substring_search(
    backend: str, sqlite_store: Store, request: pytest.FixtureRequest
) -> None:
    store = sqlite_store if backend == "sqlite" else request.getfixturevalue("pg_store")
    stored = every_event(store)
    for text in QUERIES:
        found = {
            e["event_id"] for e in store.events(EventFilter(text=text, include_unconfirmed=True))
        }
        expect = {
            e["event_id"]
            for e in stored
            if any(text.lower() in field.lower() for field in searched_fields(e))
        }
        assert found == expect, text
    assert store.events(EventFilter(text="officials said", include_unconfirmed=True))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_tags_and_rollup_stay_right_when_events_change(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        store = Store(str(tmp_path / "changes.db"))
        fill(store, 200, seed=13)
    else:
        store = request.getfixturevalue("pg_store")
    check_indexes_agree(store)
    # fusion rewrites events (delete + insert): replace a stored event by a changed copy
    [first] = store.events(EventFilter(limit=1, sort="date"))
    with store.transaction() as tx:
        tx.conn.execute(events.delete().where(events.c.event_id == first["event_id"]))
    check_indexes_agree(store)
    # a row changed in place (no code path does it today; the triggers must still follow)
    with store.transaction() as tx:
        tx.conn.execute(
            events.update()
            .where(events.c.event_date >= date(2024, 6, 1))
            .values(confidence=0.25, country="Syria", n_sources=7, fatalities=3)
        )
    check_indexes_agree(store)
    # a withdrawn report: its events are fused again from the others, or retired
    from borderwatch.commit import retract

    for event in store.events(EventFilter(limit=3, include_unconfirmed=True)):
        retract(store, event["sources"][0]["doc_key"], "conservative")
    check_indexes_agree(store)


def check_indexes_agree(store: Store) -> None:
    """The rollup, the tag table and the free-text index against the events themselves."""
    filters = [
        EventFilter(),
        EventFilter(include_unconfirmed=True),
        EventFilter(min_confidence=0.5),
        EventFilter(min_confidence=0.7, min_sources=2, country="syria"),
        EventFilter(event_type="Battles", min_sources=1),
        EventFilter(country="Lebanon", include_unconfirmed=True, min_confidence=0.0),
    ]
    with store.engine.connect() as conn:
        rows = conn.execute(_COUNTED_COLUMNS).all()
        for flt in filters:
            assert dash.rollup_holds(conn, flt)
            expect = [r for r in rows if shown(r, flt)]
            assert dash.rollup_total(conn, flt) == len(expect), flt
            months: Counter[tuple[str, str]] = Counter()
            killed: Counter[tuple[str, str]] = Counter()
            for r in expect:
                key = (r.event_date.isoformat()[:7] + "-01", r.event_type)
                months[key] += 1
                killed[key] += r.fatalities or 0
            found = {(m, t): (n, k) for m, t, n, k in dash.rollup_timeline(conn, flt)}
            assert found == {key: (months[key], killed[key]) for key in months}, flt
    stored = every_event(store)
    for tag in ("smuggling", "handover"):
        tagged = EventFilter(tags=(tag,), include_unconfirmed=True)
        hits = {e["event_id"] for e in store.events(tagged)}
        assert hits == {e["event_id"] for e in stored if tag in e.get("tags", [])}
    word = "officials said"
    hits = {e["event_id"] for e in store.events(EventFilter(text=word, include_unconfirmed=True))}
    assert hits == {e["event_id"] for e in stored if word in searchable(e).lower()}


def shown(row: Any, flt: EventFilter) -> bool:
    """The rollup's filters, written out over an event's columns."""
    kinds = {row.event_type.lower(), row.sub_event_type.lower()}
    return (
        (flt.include_unconfirmed or row.modality in EXPORTED_MODALITIES)
        and (not flt.event_type or flt.event_type.lower() in kinds)
        and (not flt.country or flt.country.lower() == (row.country or "").lower())
        and (flt.min_confidence is None or (row.confidence or -1) >= flt.min_confidence)
        and (flt.min_sources is None or (row.n_sources or 0) >= flt.min_sources)
    )


def test_rollup_is_only_used_for_filters_it_holds(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert not dash.rollup_holds(conn, EventFilter(min_confidence=0.55))
        assert not dash.rollup_holds(conn, EventFilter(min_sources=4))
        assert not dash.rollup_holds(conn, EventFilter(text="arsal"))
        assert not dash.rollup_holds(conn, EventFilter(since=date(2024, 1, 1)))
        assert dash.rollup_holds(conn, EventFilter(since=date(2024, 1, 1)), with_dates=True)
        # a type filter that names a sub-type is answered by the events themselves
        assert not dash.rollup_holds(conn, EventFilter(event_type="armed clash"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "confidence", "location"])
@pytest.mark.parametrize("view", [{"min_confidence": 0.4}, {"place": "a"}])  # indexed; a scan
def test_keyset_pages_equal_offset_pages(
    backend: str,
    sort: str,
    view: dict[str, Any],
    sqlite_store: Store,
    request: pytest.FixtureRequest,
) -> None:
    store = sqlite_store if backend == "sqlite" else request.getfixturevalue("pg_store")
    with TestClient(create_app(Settings(db=store.url), store=store), base_url=LOCAL) as client:
        params: dict[str, Any] = {"sort": sort, "limit": 17, **view}
        first = client.get("/api/dashboard", params=params).json()
        total, by_offset, by_key = first["total"], [], []
        cursor = None
        for offset in range(0, total, 17):
            page = client.get("/api/dashboard", params={**params, "offset": offset}).json()
            by_offset += [e["event_id"] for e in page["events"]]
            keyset = {"after": cursor} if cursor else {}
            keyed = client.get("/api/dashboard", params={**params, **keyset}).json()
            by_key += [e["event_id"] for e in keyed["events"]]
            cursor = keyed["next"]
        assert total > 17 * 3
        assert by_key == by_offset and len(by_offset) == total == len(set(by_offset))


def test_paging_after_an_event_no_longer_stored_says_so(sqlite_store: Store) -> None:
    settings = Settings(db=sqlite_store.url)
    with TestClient(create_app(settings, store=sqlite_store), base_url=LOCAL) as client:
        gone = client.get("/api/dashboard", params={"after": "BW-NOT-STORED"})
        assert gone.status_code == 404 and "BW-NOT-STORED" in gone.text


def test_dashboard_parts_equal_the_scans_they_replace(sqlite_store: Store) -> None:
    """The total and timeline of /api/dashboard against the same view counted event by event
    (``views.timeline``, the per-event count the dashboard used before)."""
    settings = Settings(db=sqlite_store.url)
    with sqlite_store.engine.connect() as conn:
        rows = conn.execute(_COUNTED_COLUMNS).all()
    cases = [
        ({}, EventFilter()),
        ({"min_confidence": 0.5}, EventFilter(min_confidence=0.5)),
        (
            {"country": "Syria", "min_confidence": 0.55},
            EventFilter(country="Syria", min_confidence=0.55),
        ),
    ]
    with TestClient(create_app(settings, store=sqlite_store), base_url=LOCAL) as client:
        for params, flt in cases:
            expect = [r for r in rows if shown(r, flt)]
            for interval in ("month", "week"):
                view = client.get("/api/dashboard", params={**params, "interval": interval}).json()
                per_event = views.timeline(
                    ((r.event_date.isoformat(), r.event_type, r.fatalities) for r in expect),
                    interval,
                )
                assert view["timeline"] == per_event
                assert view["total"] == len(expect)
