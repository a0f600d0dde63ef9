"""The alert outbox: which committed changes raise which alerts, written in the same transaction.

Events are written through ``Transaction.replace_events`` (the one path every writer takes) into
a real store, SQLite and PostgreSQL; what the outbox wrote is read back from the store.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from borderwatch.model import Article, DateSpan, Event, Mention, Place, SourceRef, Span
from borderwatch.store import SavedSearch, SearchError, Store, Transaction
from borderwatch.store.searches import distance_km

from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

ARSAL = ("Arsal", 34.1794, 36.4208, "Lebanon", "LB")
HERMEL = ("Hermel", 34.3942, 36.3847, "Lebanon", "LB")  # ~25 km north of Arsal
DAMASCUS_SOUTH = ("Daraa", 32.6189, 36.1021, "Syria", "SY")  # ~175 km south of Arsal


def _event(
    event_id: str,
    mentions: list[str],
    *,
    place: tuple = ARSAL,
    killed: int | None = 2,
    sources: int = 1,
    confidence: float = 0.6,
    event_type: str = "Violence against civilians",
) -> Event:
    name, lat, lon, country, code = place
    return Event(
        event_id=event_id,
        event_type=event_type,
        sub_event_type="Attack",
        date=DateSpan(date(2024, 5, 2), date(2024, 5, 2), 1),
        place=Place(name, lat, lon, 1, country, code),
        fatalities=killed,
        counts={"killed": killed} if killed is not None else {},
        confidence=confidence,
        n_sources=sources,
        sources=[
            SourceRef(f"doc{m}", "Outlet", date(2024, 5, 2), "Gunmen shot two men.", None, m, m)
            for m in mentions
        ],
        mention_ids=mentions,
    )


def _write(store: Store, mention_ids: set[str], *events: Event) -> None:
    """Store the reports the events cite (first time only), then the events."""
    with store.transaction() as tx:
        _write_in(tx, mention_ids, *events)


def _write_in(tx: Transaction, mention_ids: set[str], *events: Event) -> None:
    ids = sorted({m for e in events for m in e.mention_ids})
    new = sorted(set(ids) - tx.stored_documents(ids))
    for m in new:
        tx.add_document(Article(doc_key=m, source=f"doc{m}", text="Gunmen shot two men."))
    tx.add_mentions([_mention(m) for m in new])
    tx.replace_events(mention_ids, list(events), doc_key="d")


def _mention(mention_id: str) -> Mention:
    span = Span(0, 20, "Gunmen shot two men.")
    return Mention(mention_id, mention_id, "Violence against civilians", "Attack", span, span)


def _alerts(store: Store, name: str) -> list[tuple[str, str, int]]:
    """(event id, change, revision) of a search's alerts, oldest first."""
    return [(a["event_id"], a["change"], a["revision"]) for a in store.recent_alerts(name)][::-1]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """A fresh store on SQLite, and on PostgreSQL (see test_postgres: skipped without a server)."""
    if request.param == "postgresql":
        return Store(request.getfixturevalue("pg_url"))
    return Store(str(tmp_path / "alerts.db"))


def test_a_new_matching_event_raises_one_new_alert_and_others_none(store: Store) -> None:
    store.add_search(SavedSearch("near-arsal", latitude=34.18, longitude=36.42, radius_km=50))
    store.add_search(SavedSearch("battles", event_type="Battles"))
    _write(store, set(), _event("E1", ["m1"]))
    assert _alerts(store, "near-arsal") == [("E1", "new", 1)]
    assert _alerts(store, "battles") == []


def test_far_events_do_not_match_a_circle(store: Store) -> None:
    assert 150 < distance_km(ARSAL[1], ARSAL[2], DAMASCUS_SOUTH[1], DAMASCUS_SOUTH[2]) < 200
    store.add_search(SavedSearch("near-arsal", latitude=34.18, longitude=36.42, radius_km=50))
    _write(
        store, set(), _event("E1", ["m1"], place=DAMASCUS_SOUTH), _event("E2", ["m2"], place=HERMEL)
    )
    assert _alerts(store, "near-arsal") == [("E2", "new", 1)]


def test_material_update_raises_updated_and_immaterial_change_none(store: Store) -> None:
    store.add_search(SavedSearch("arsal", place="arsal"))
    _write(store, set(), _event("E1", ["m1"], killed=2))
    _write(store, {"m1"}, _event("E1", ["m1"], killed=2, confidence=0.9))  # only confidence
    _write(store, {"m1", "m2"}, _event("E1", ["m1", "m2"], killed=4, sources=2))
    assert _alerts(store, "arsal") == [("E1", "new", 1), ("E1", "updated", 2)]
    body = store.recent_alerts("arsal")[0]["body"]
    assert body["id"] == store.recent_alerts("arsal")[0]["id"]
    assert (body["alert"], body["change"], body["revision"]) == ("arsal", "updated", 2)
    assert body["event"]["fatalities"] == 4 and body["event"]["event_id"] == "E1"


def test_threshold_crossed_is_new_and_merge_is_updated(store: Store) -> None:
    store.add_search(SavedSearch("deadly", min_fatalities=5))
    _write(store, set(), _event("E1", ["m1"], killed=2), _event("E2", ["m2"], killed=1))
    assert _alerts(store, "deadly") == []
    _write(store, {"m1"}, _event("E1", ["m1"], killed=6))
    assert _alerts(store, "deadly") == [("E1", "new", 1)]
    # E1 and E2 fuse into E3: an update of what the search already reported, not a new event
    _write(store, {"m1", "m2"}, _event("E3", ["m1", "m2"], killed=6, sources=2))
    assert _alerts(store, "deadly") == [("E1", "new", 1), ("E3", "updated", 1)]


def test_an_event_left_without_reports_is_retracted(store: Store) -> None:
    store.add_search(SavedSearch("arsal", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]), _event("E2", ["m2"], place=HERMEL))
    _write(store, {"m1"})  # the only report of E1 withdrawn: E1 is gone, nothing replaces it
    assert _alerts(store, "arsal") == [("E1", "new", 1), ("E1", "retracted", 2)]
    assert store.recent_alerts("arsal")[0]["body"]["event"]["event_id"] == "E1"


def test_alerts_roll_back_with_the_change(store: Store) -> None:
    store.add_search(SavedSearch("arsal", place="Arsal"))
    with pytest.raises(RuntimeError), store.transaction() as tx:
        _write_in(tx, set(), _event("E1", ["m1"]))
        assert tx.conn.execute(sa.text("SELECT count(*) FROM alerts")).scalar() == 1
        raise RuntimeError("crash before commit")
    assert store.recent_alerts("arsal") == [] and store.event("E1") is None


def test_filters_as_the_api_applies_them(store: Store) -> None:
    tagged = dataclasses.replace(_event("E1", ["m1"]), tags=("border-crossing",))
    store.add_search(SavedSearch("tag", tag="border-crossing", country="Lebanon"))
    store.add_search(SavedSearch("text", text="shot two"))
    store.add_search(SavedSearch("two-sources", min_sources=2))
    _write(store, set(), tagged, _event("E2", ["m2"], place=DAMASCUS_SOUTH))
    assert _alerts(store, "tag") == [("E1", "new", 1)]
    assert sorted(e for e, *_ in _alerts(store, "text")) == ["E1", "E2"]
    assert _alerts(store, "two-sources") == []


def test_saved_searches_round_trip_and_validate(store: Store) -> None:
    made = store.add_search(
        SavedSearch("w", bbox=(35.5, 33.0, 37.0, 35.0), webhook="http://x.test/h", secret="s")
    )
    assert made.search_id and store.search("w") == made
    assert "secret" not in json.dumps(made.public())
    with pytest.raises(SearchError, match="exists"):
        store.add_search(SavedSearch("w"))
    for bad, message in (
        (SavedSearch("bad name"), "name"),
        (SavedSearch("r", radius_km=10), "centre"),
        (SavedSearch("h", webhook="http://x.test/h"), "secret"),
        (SavedSearch("f", webhook="ftp://x.test/h", secret="s"), "http"),
        (SavedSearch("b", bbox=(190.0, 33.0, 35.0, 35.0)), "bbox"),
    ):
        with pytest.raises(SearchError, match=message):
            store.add_search(bad)
    assert store.remove_search("w") and not store.remove_search("w")
    assert store.searches() == []


def test_a_search_made_again_never_reuses_an_alert_id(store: Store) -> None:
    store.add_search(SavedSearch("arsal", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]))
    [first] = store.recent_alerts("arsal")
    store.remove_search("arsal")
    store.add_search(SavedSearch("arsal", place="Arsal"))  # same name, maybe the same row id
    _write(store, {"m1"}, _event("E1", ["m1"], killed=9))
    [again] = store.recent_alerts("arsal")
    assert (again["event_id"], again["revision"]) == (first["event_id"], first["revision"])
    assert again["id"] != first["id"] and again["id"].startswith("E1-1-")
