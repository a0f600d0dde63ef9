"""The HTTP API over a real SQLite database of synthetic events: filters against the generated
truth, the event detail's evidence spans, actors, places, timeline, exports, document submission
and its token, 4xx answers to bad requests, and a bounded schemathesis run asserting no 500s."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from sqlalchemy.dialects import postgresql

from borderwatch.model import EXPORTED_MODALITIES, Event, RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.serve.synthetic import fill
from borderwatch.settings import Settings
from borderwatch.store import EventFilter, Store
from borderwatch.store.query import apply_filter, events

from .conftest import LOCAL

N_EVENTS = 300
TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Event]]:
    db = tmp_path_factory.mktemp("api") / "api.db"
    return db, fill(Store(str(db)), N_EVENTS)


@pytest.fixture(scope="module")
def truth(made: tuple[Path, list[Event]]) -> list[Event]:
    """The generated events the API exports by default (asserted or reported)."""
    return [e for e in made[1] if e.modality in EXPORTED_MODALITIES]


@pytest.fixture(scope="module")
def app(made: tuple[Path, list[Event]]) -> FastAPI:
    return create_app(Settings(db=str(made[0])))


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL) as c:
        yield c


def ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["events"]), "raise limit: the page should hold everything"
    return {e["event_id"] for e in body["events"]}


def expect(truth: list[Event], keep: Any) -> set[str]:
    return {e.event_id for e in truth if keep(e)}


# --- listing and filters ----------------------------------------------------------------------


def test_list_pages_with_total_and_no_overlap(client: TestClient, truth: list[Event]) -> None:
    first = client.get("/api/events", params={"limit": 40}).json()
    second = client.get("/api/events", params={"limit": 40, "offset": 40}).json()
    assert first["total"] == second["total"] == len(truth)
    assert len(first["events"]) == len(second["events"]) == 40
    assert not {e["event_id"] for e in first["events"]} & {e["event_id"] for e in second["events"]}
    dates = [e["event_date"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates, reverse=True)  # newest first by default


@pytest.mark.parametrize(
    "params, keep",
    [
        ({"type": "Battles"}, lambda e: e.event_type == "Battles"),
        ({"sub_type": "Armed clash"}, lambda e: e.sub_event_type == "Armed clash"),
        ({"tag": ["smuggling", "handover"]}, lambda e: {"smuggling", "handover"} & set(e.tags)),
        (
            {"actor": "hezbollah"},
            lambda e: any(a and a.canonical == "Hezbollah" for a in (e.actor1, e.actor2)),
        ),
        ({"place": "arsal"}, lambda e: e.place.name == "Arsal"),
        ({"country": "Syria"}, lambda e: e.place.country == "Syria"),
        (
            {"bbox": "36.0,34.0,36.5,34.45"},
            lambda e: 36.0 <= e.place.longitude <= 36.5 and 34.0 <= e.place.latitude <= 34.45,
        ),
        ({"min_confidence": 0.8}, lambda e: e.confidence >= 0.8),
        ({"min_sources": 2}, lambda e: len(e.sources) >= 2),
        (
            {"since": "2024-02-01", "until": "2024-04-30"},
            lambda e: date(2024, 2, 1) <= e.date.end and e.date.start <= date(2024, 4, 30),
        ),
        ({"q": "QUSAYR"}, lambda e: e.place.name == "Qusayr"),
        ({"q": "officials said"}, lambda e: True),  # in every source sentence
        (
            {"type": "Battles", "country": "Lebanon", "min_sources": 2},
            lambda e: (
                e.event_type == "Battles" and e.place.country == "Lebanon" and len(e.sources) > 1
            ),
        ),
    ],
)
def test_filters_match_the_generated_truth(
    client: TestClient, truth: list[Event], params: dict[str, Any], keep: Any
) -> None:
    wanted = expect(truth, keep)
    assert wanted, "the filter should match something"
    assert ids(client.get("/api/events", params={**params, "limit": 500})) == wanted


def test_free_text_finds_words_of_source_sentences_only(client: TestClient) -> None:
    # "place" and "sources" are keys of the stored JSON, not text of any event.
    assert client.get("/api/events", params={"q": "sources"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "leaving"}).json()["total"] > 0


def test_include_unconfirmed_adds_denied_events(
    client: TestClient, made: tuple[Path, list[Event]]
) -> None:
    total = client.get("/api/events", params={"include_unconfirmed": True}).json()["total"]
    assert total == len(made[1])


@pytest.mark.parametrize(
    "sort, key, reverse",
    [
        ("-fatalities", "fatalities", True),
        ("date", "event_date", False),
        ("-sources", "n_sources", True),
        ("location", "location", False),
    ],
)
def test_sorting(client: TestClient, sort: str, key: str, reverse: bool) -> None:
    page = client.get("/api/events", params={"sort": sort, "limit": 100}).json()["events"]
    values = [e[key] for e in page]
    assert values == sorted(values, reverse=reverse)


# --- bad requests: a 4xx that says what was wrong, never a 500 ---------------------------------


@pytest.mark.parametrize(
    "path, params, words",
    [
        ("/api/events", {"colour": "red"}, "unknown parameter 'colour'"),
        ("/api/events", {"since": "2024-13-01"}, "since"),
        ("/api/events", {"until": "yesterday"}, "until"),
        ("/api/events", {"limit": 501}, "limit"),
        ("/api/events", {"limit": 0}, "limit"),
        ("/api/events", {"offset": -1}, "offset"),
        ("/api/events", {"bbox": "1,2,3"}, "four numbers"),
        ("/api/events", {"bbox": "35,91,36,92"}, "out of range"),
        ("/api/events", {"bbox": "35, 33,36,34"}, "plain decimal degrees"),
        ("/api/events", {"bbox": "a,b,c,d"}, "not a number"),
        ("/api/events", {"bbox": "nan,1,2,3"}, "out of range"),
        ("/api/events", {"min_confidence": 2}, "min_confidence"),
        ("/api/events", {"sort": "colour"}, "sort"),
        ("/api/events", {"tag": ["x"] * 21}, "tag"),
        ("/api/events", {"q": "x" * 201}, "q"),
        ("/api/map", {"min_sources": 0}, "min_sources"),
        ("/api/stats/timeline", {"interval": "hour"}, "interval"),
        ("/api/export", {"format": "xml"}, "format"),
        ("/api/export", {"limit": 3}, "unknown parameter 'limit'"),
        ("/api/actors", {"limit": 100000}, "limit"),
        ("/api/events/not%20an%20id", {}, "event_id"),
    ],
)
def test_bad_requests_get_a_4xx_saying_what_was_wrong(
    client: TestClient, path: str, params: dict[str, Any], words: str
) -> None:
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, response.text
    assert words in response.json()["detail"]


def test_unknown_event_and_actor_are_404(client: TestClient) -> None:
    assert client.get("/api/events/BW-NOPE").status_code == 404
    assert client.get("/api/actors/nobody-at-all").status_code == 404


# --- event detail: sources, evidence spans, conflicts, revisions -------------------------------


def test_event_detail_has_the_span_of_each_field(client: TestClient, truth: list[Event]) -> None:
    event = next(e for e in truth if len(e.sources) == 3 and e.actor2)
    body = client.get(f"/api/events/{event.event_id}").json()
    assert body["event_id"] == event.event_id
    assert {s["outlet"] for s in body["sources"]} == {s.outlet for s in event.sources}
    assert len(body["evidence"]) == 3
    for report in body["evidence"]:
        fields = {f["field"]: f for f in report["fields"]}
        assert {"trigger", "actor1", "actor2", "place", "date", "counts.killed"} <= set(fields)
        for field in fields.values():
            start, end = field["highlight"]
            assert field["sentence"][start:end] == field["text"]
            assert field["end"] - field["start"] == len(field["text"])
        assert fields["place"]["text"] == event.place.name
        assert report["sentence"] in {s.sentence for s in event.sources}
    # The third report gives two more dead than the others: a conflict on counts.killed.
    assert [c["value"] for c in body["conflicts"]["counts.killed"]].count(event.fatalities) == 2
    assert body["revisions"][0]["kind"] == "created"
    assert body["actor_ids"]["actor1"] == event.actor1.actor_id


# --- timeline, map, dashboard, actors, places, meta --------------------------------------------


def test_timeline_counts_add_up_by_type_and_interval(
    client: TestClient, truth: list[Event]
) -> None:
    for interval in ("day", "week", "month"):
        body = client.get("/api/stats/timeline", params={"interval": interval}).json()
        assert sum(b["count"] for b in body["buckets"]) == len(truth)
        killed = sum(e.fatalities or 0 for e in truth)
        assert sum(b["fatalities"] for b in body["buckets"]) == killed
        starts = [date.fromisoformat(b["start"]) for b in body["buckets"]]
        assert starts == sorted(starts)
        if interval == "week":
            assert {d.weekday() for d in starts} == {0}
        if interval == "month":
            assert {d.day for d in starts} == {1}
    battles = client.get("/api/stats/timeline", params={"type": "Battles"}).json()
    assert battles["types"] == ["Battles"]


def test_dashboard_answers_like_the_public_endpoints(client: TestClient) -> None:
    params = {"country": "Lebanon", "since": "2024-01-01", "until": "2024-12-31"}
    view = client.get("/api/dashboard", params={**params, "limit": 20}).json()
    page = client.get("/api/events", params={**params, "limit": 20}).json()
    assert view["total"] == page["total"]
    assert [e["event_id"] for e in view["events"]] == [e["event_id"] for e in page["events"]]
    points = client.get("/api/map", params=params).json()
    assert view["map"]["event_id"] == points["event_id"] and points["n"] == page["total"]
    every_date = client.get("/api/stats/timeline", params={"country": "Lebanon"}).json()
    assert view["timeline"] == every_date


def test_map_points_are_columns_with_shared_values(client: TestClient, truth: list[Event]) -> None:
    body = client.get("/api/map", params={"type": "Riots"}).json()
    assert body["n"] == len(expect(truth, lambda e: e.event_type == "Riots"))
    assert {body["values"]["event_type"][i] for i in body["event_type"]} == {"Riots"}
    assert len(body["latitude"]) == len(body["longitude"]) == body["n"]


def test_actors_list_and_detail(client: TestClient, truth: list[Event]) -> None:
    listed = client.get("/api/actors", params={"q": "hizbullah"}).json()["actors"]
    assert [a["actor_id"] for a in listed] == ["hezbollah"]
    actor = client.get("/api/actors/hezbollah").json()
    assert "Hizbullah" in actor["aliases"]
    wanted = expect(
        truth, lambda e: any(a and a.actor_id == "hezbollah" for a in (e.actor1, e.actor2))
    )
    assert actor["n_events"] == listed[0]["n_events"] == len(wanted)
    assert {e["event_id"] for e in actor["events"]} == wanted
    assert isinstance(actor["roles"], list)
    sharaa = client.get("/api/actors/ahmad-al-sharaa").json()
    assert [r["start"] for r in sharaa["roles"]] == sorted(r["start"] for r in sharaa["roles"])
    assert "Hayat Tahrir al-Sham" in {r["org_name"] for r in sharaa["roles"]}


def test_places_and_meta(client: TestClient) -> None:
    places = client.get("/api/places", params={"q": "ars"}).json()["places"]
    assert [p["location"] for p in places] == ["Arsal"] and places[0]["n_events"] > 0
    meta = client.get("/api/meta").json()
    assert "Battles" in meta["event_types"] and "smuggling" in meta["tags"]
    assert meta["tiles"] is None  # no tile server unless configured


def test_pages_load_only_their_own_files_unless_tiles_are_set(
    client: TestClient, made: tuple[Path, list[Event]]
) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/js/main.js" in page.text
    assert "img-src 'self' data:;" in page.headers["content-security-policy"]
    assert client.get("/actors/hezbollah").headers["content-security-policy"]
    tiles = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    app = create_app(Settings(db=str(made[0]), extra={"tile_url": tiles}))
    with TestClient(app, base_url=LOCAL) as c:
        assert (
            "img-src 'self' data: https://*.tile.example.org;"
            in (c.get("/").headers["content-security-policy"])
        )
        assert c.get("/api/meta").json()["tiles"]["url"] == tiles


# --- export -----------------------------------------------------------------------------------


def test_export_formats_take_the_same_filters(client: TestClient, truth: list[Event]) -> None:
    wanted = expect(truth, lambda e: e.event_type == "Battles")
    jsonl = client.get("/api/export", params={"format": "jsonl", "type": "Battles"})
    assert {json.loads(line)["event_id"] for line in jsonl.text.splitlines()} == wanted
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/api/export", params={"format": "csv", "type": "Battles"}).text)
        )
    )
    assert {r["event_id_cnty"] for r in rows} == wanted
    geo = client.get("/api/export", params={"format": "geojson", "type": "Battles"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert len(geo.json()["features"]) == len(wanted)


# --- documents --------------------------------------------------------------------------------

ARTICLE = (
    "ARSAL, Lebanon (Test Wire) — Lebanese army troops clashed with gunmen near Arsal on "
    "Monday, killing two of them, a security source said."
)


@pytest.fixture(scope="module")
def token_client(made: tuple[Path, list[Event]], pipeline: Pipeline) -> Iterator[TestClient]:
    app = create_app(Settings(db=str(made[0]), api_token=TOKEN), pipeline=pipeline)
    with TestClient(app, base_url=LOCAL) as c:
        yield c


def test_documents_refused_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/documents", json={"text": ARTICLE})
    assert response.status_code == 403 and "api_token" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": TOKEN}, 401),
    ],
)
def test_documents_need_the_right_token(
    token_client: TestClient, headers: dict[str, str], status: int
) -> None:
    response = token_client.post("/api/documents", json={"text": ARTICLE}, headers=headers)
    assert response.status_code == status


@pytest.mark.parametrize(
    "body, status",
    [
        ({"url": "http://192.168.0.7/article"}, 400),  # fetched only when public (test_api_fetch)
        ({"text": "a", "html": "<p>a</p>"}, 422),
        ({}, 422),
        ({"text": ARTICLE, "extra": 1}, 422),
    ],
)
def test_document_bodies(token_client: TestClient, body: dict[str, Any], status: int) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert token_client.post("/api/documents", json=body, headers=auth).status_code == status


def test_oversized_document_is_413(made: tuple[Path, list[Event]]) -> None:
    app = create_app(Settings(db=str(made[0]), api_token=TOKEN, max_document_bytes=100))
    with TestClient(app, base_url=LOCAL) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert c.post("/api/documents", json={"text": "x" * 101}, headers=auth).status_code == 413
        big = b"x" * 70_000  # over the body cap (twice the document limit, plus 64 KiB)
        assert c.post("/api/documents", content=big, headers=auth).status_code == 413


def test_submitted_document_is_processed_and_stored(token_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    published = (date(2025, 3, 4) + timedelta(days=0)).isoformat()
    body = {"text": ARTICLE, "outlet": "Test Wire", "published": published, "source": "test:1"}
    first = token_client.post("/api/documents", json=body, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "stored" and first.json()["doc_key"]
    again = token_client.post("/api/documents", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    html = {
        "html": f"<html><body><article><p>{ARTICLE}</p></article></body></html>",
        "published": published,
    }
    assert token_client.post("/api/documents", json=html, headers=auth).status_code in (200, 201)


# --- the JSON filters compile for PostgreSQL too -----------------------------------------------


PG = postgresql.dialect()


def test_json_filters_compile_for_postgresql() -> None:
    flt = EventFilter(tags=("smuggling",), text="ʿarsal")
    sql = str(apply_filter(sa.select(events.c.event_id), flt, paginate=False).compile(dialect=PG))
    # tags from the trigger-kept table; free text looked up in event_search, then (text the
    # index folds differently from lower()) checked as written on the payload's source sentences
    assert "FROM event_tags" in sql and "FROM event_search" in sql
    assert "jsonb_array_elements(CAST(events.payload AS jsonb) -> 'sources')" in sql
    # printable ASCII: the index's answer is the filter's (store.query.index_is_exact)
    flt = EventFilter(text="arsal")
    sql = str(apply_filter(sa.select(events.c.event_id), flt, paginate=False).compile(dialect=PG))
    assert "FROM event_search" in sql and "jsonb" not in sql


def test_json_filters_are_compiled_once_and_bound_anew(tmp_path: Path) -> None:
    """The JSON and text constructs are cached compiled (``store.query``): one store asked
    filter after filter of the same shape with other values finds what a store compiling
    each afresh finds -- each value's own events, not those of the statement compiled first."""
    path = str(tmp_path / "j.db")
    made = [e for e in fill(Store(path), 80, seed=3) if e.modality in EXPORTED_MODALITIES]
    places = sorted({e.place.name for e in made if e.place})[:4]
    texts = [p.lower() for p in places] + [p.lower()[1:3] for p in places] + ["ʿ" + places[0]]
    filters = [EventFilter(text=t, scope="acled") for t in texts]
    filters += [EventFilter(place=p, scope="acled", since=date(2020, 1, 1)) for p in places]
    reused = Store(path)
    answers = []
    for flt in filters:
        fresh = Store(path)  # an engine of its own: nothing compiled yet
        expected = [e["event_id"] for e in fresh.events(flt)]
        fresh.engine.dispose()
        answers.append(expected)
        assert [e["event_id"] for e in reused.events(flt)] == expected, flt
    assert len({tuple(a) for a in answers}) > len(places)  # the values found different events


PG_ADMIN = os.environ.get("BORDERWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database, when a server answers at $BORDERWATCH_TEST_PG."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL at {PG_ADMIN}: {str(exc).strip().splitlines()[0]}")
    name = f"borderwatch_api_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.close()


def test_filters_and_dashboard_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url)
    made = [e for e in fill(store, 120, seed=5) if e.modality in EXPORTED_MODALITIES]
    cases: list[tuple[dict[str, Any], Any]] = [
        ({"tag": "smuggling"}, lambda e: "smuggling" in e.tags),
        ({"q": "qusayr"}, lambda e: e.place.name == "Qusayr"),
        ({"q": "officials said"}, lambda e: True),
        (
            {"bbox": "36.0,34.0,36.5,34.45", "min_sources": 2},
            lambda e: (
                36.0 <= e.place.longitude <= 36.5
                and 34.0 <= e.place.latitude <= 34.45
                and len(e.sources) > 1
            ),
        ),
    ]
    with TestClient(create_app(Settings(db=pg_url), store=store), base_url=LOCAL) as c:
        for params, keep in cases:
            assert ids(c.get("/api/events", params={**params, "limit": 500})) == expect(made, keep)
            view = c.get("/api/dashboard", params={**params, "limit": 500}).json()
            assert {e["event_id"] for e in view["events"]} == expect(made, keep)
        detail = c.get(f"/api/events/{made[0].event_id}").json()
        assert all(f["highlight"] for r in detail["evidence"] for f in r["fields"])
        assert c.get("/api/stats/timeline").json()["buckets"]
        assert c.get("/api/actors/hezbollah").status_code == 200
    store.engine.dispose()


# --- schemathesis: generated requests against the OpenAPI schema never get a 500 ---------------


def test_no_generated_request_makes_a_500(made: tuple[Path, list[Event]]) -> None:
    """Every operation of the OpenAPI schema, with up to 25 valid and 25 invalid requests each
    that schemathesis derives from it, each answered within 2 s: no 5xx."""
    schemathesis = pytest.importorskip("schemathesis")
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error

    # schemathesis's in-process client calls itself "testserver": named like a deployment's host
    app = create_app(Settings(db=str(made[0]), allowed_hosts=("testserver",)))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=25,
            deadline=2000,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        try:
            no_server_error()
        except Unsatisfiable:  # nothing invalid to send (an operation without parameters)
            assert mode is GenerationMode.NEGATIVE


def test_generic_actor_page_lists_its_events_named_with_a_country(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    """ "Protesters (Lebanon)" is stored as ACLED writes it; the Protesters page finds it, with
    the inter codes and interaction the dashboard shows."""
    store = Store(str(tmp_path / "g.db"))
    text = "Hundreds of protesters rallied in Baalbek on Monday before police dispersed them."
    raw = RawDocument(
        source="protest.txt",
        content=text.encode(),
        media_type="text/plain",
        published=date(2024, 3, 6),
    )
    assert pipeline.commit(store, pipeline.process(raw)).status != "failed"
    with TestClient(create_app(Settings(db=str(tmp_path / "g.db"))), base_url=LOCAL) as c:
        page = c.get("/api/actors/protesters").json()
        listed = c.get("/api/actors", params={"q": "protesters"}).json()["actors"]
    assert page["n_events"] == 1 == listed[0]["n_events"]
    (event,) = page["events"]
    assert event["actor1"] == "Protesters (Lebanon)"
    assert event["inter1"] == 6 and event["interaction"] in (16, 60)
