"""The OpenAPI document is the contract: a real server, a strict client (schemathesis with every
check, its stateful phase following the schema's links) and no failure on any operation.

The run is seeded and short here; ``bench/api_contract.py`` (which this test runs) takes 200
examples per operation by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from borderwatch.serve import create_app
from borderwatch.serve.synthetic import fill
from borderwatch.settings import Settings
from borderwatch.store import Store

from .conftest import LOCAL, ROOT


def test_schemathesis_with_every_check_finds_no_failure() -> None:
    pytest.importorskip("schemathesis")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "api_contract.py"), "--examples", "15"],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-6000:]
    assert "No issues found" in report or " passed" in report, report[-2000:]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("contract") / "c.db"
    fill(Store(str(db)), 40, seed=3)
    return TestClient(create_app(Settings(db=str(db), api_token="t" * 20)), base_url=LOCAL)


def test_a_number_is_no_time(client: TestClient) -> None:
    """``updated_since=0.5`` is no ISO 8601 time (pydantic alone reads it as a timestamp)."""
    assert client.get("/api/events", params={"updated_since": "0.5"}).status_code == 422
    assert client.get("/api/retired", params={"since": "1"}).status_code == 422
    assert client.get("/api/events", params={"until": "0"}).status_code == 422
    ok = client.get("/api/events", params={"updated_since": "2024-01-01T00:00:00Z"})
    assert ok.status_code == 200


def test_bbox_is_declared_and_read_as_declared(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    (bbox,) = [p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "bbox"]
    assert bbox["schema"]["pattern"].startswith("^")  # (applies to the string member)
    everything = client.get("/api/events", params={"limit": 500}).json()["total"]
    world = client.get("/api/events", params={"bbox": "-180,-90,180,90", "limit": 500})
    assert world.json()["total"] == everything
    # west > east crosses the antimeridian: the strip 170..180 and -180..-170 holds no Levant
    across = client.get("/api/events", params={"bbox": "170,-90,-170,90"})
    assert across.status_code == 200 and across.json()["total"] == 0
    # ... and the other way round, everything but that strip is the whole region
    rest = client.get("/api/events", params={"bbox": "-170,-90,170,90", "limit": 500})
    assert rest.json()["total"] == everything
    assert client.get("/api/events", params={"bbox": "0,0,200,10"}).status_code == 422


def test_credentials_missing_401_with_challenge_wrong_403(client: TestClient) -> None:
    missing = client.delete("/api/alerts/some-search")
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"] == "Bearer"
    wrong = client.delete("/api/alerts/some-search", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    spec = client.get("/openapi.json").json()
    responses = spec["paths"]["/api/alerts/{name}"]["delete"]["responses"]
    assert {"401", "403"} <= set(responses)
    assert "WWW-Authenticate" in responses["401"]["headers"]


def test_feed_and_search_routes_do_not_overlap(client: TestClient) -> None:
    """``DELETE /api/alerts/x.atom`` reaches no delete route, and a 405 lists every method of
    the path (Starlette's own answer named only the first route it tried)."""
    auth = {"Authorization": "Bearer " + "t" * 20}
    assert client.delete("/api/alerts/x.atom", headers=auth).status_code == 405
    assert client.options("/api/alerts/x.atom").headers["Allow"] == "GET"
    assert client.options("/api/alerts/x").headers["Allow"] == "DELETE, GET"


def test_a_webhook_that_is_no_url_is_a_422(client: TestClient) -> None:
    auth = {"Authorization": "Bearer " + "t" * 20}
    answer = client.post("/api/alerts", json={"name": "w", "webhook": "http://["}, headers=auth)
    assert answer.status_code == 422 and "not a URL" in answer.json()["detail"]


def test_a_single_value_parameter_given_twice_is_refused(client: TestClient) -> None:
    twice = client.get("/api/events?q=a&q=b")
    assert twice.status_code == 422 and "once" in twice.json()["detail"]
    assert client.get("/api/events?tag=a&tag=b").status_code == 200  # tag is a list


def test_exactly_one_input_is_in_the_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    document = spec["components"]["schemas"]["DocumentIn"]
    assert sorted(alt["required"][0] for alt in document["oneOf"]) == ["html", "text", "url"]


def test_links_declared_for_the_stateful_phase(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    created = spec["paths"]["/api/alerts"]["post"]["responses"]["201"]["links"]
    assert {"GetSearch", "GetFeed", "DeleteSearch"} <= set(created)
    listed = spec["paths"]["/api/events"]["get"]["responses"]["200"]["links"]
    assert listed["GetEvent"]["parameters"] == {"event_id": "$response.body#/events/0/event_id"}


def test_contract_bench_is_runnable_from_a_checkout() -> None:
    assert (ROOT / "schemathesis.toml").is_file()
    assert httpx is not None and Path(ROOT / "bench" / "api_contract.py").is_file()


def test_an_empty_date_range_is_read_literally(client: TestClient) -> None:
    """since after until is a schema-valid request: it matches what overlaps both ends (here
    nothing), as SQL's BETWEEN would, instead of being refused."""
    inverted = client.get("/api/events", params={"since": "2031-05-01", "until": "2031-01-01"})
    assert inverted.status_code == 200 and inverted.json()["total"] == 0
