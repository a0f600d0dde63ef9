"""The API's JSON answers are written by orjson (``events_api.json_bytes``) and served by uvicorn
over httptools and uvloop: the answers must hold the same JSON values as FastAPI's own encoder
and the standard library give, and the server must really run on the faster stack (both are
dependencies, picked by uvicorn when installed) and keep an idle client's connection open while
a person reads an answer."""

from __future__ import annotations

import enum
import http.client
import json
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

from borderwatch.cli.serving import KEEP_ALIVE_S
from borderwatch.serve import events_api
from borderwatch.serve.params import DashboardQuery, EventPage
from borderwatch.serve.synthetic import fill
from borderwatch.store import Store

from .serving import served


def _as_fastapi_writes(body: Any) -> Any:
    return json.loads(json.dumps(jsonable_encoder(body), ensure_ascii=False))


class Colour(enum.Enum):
    RED = "red"


class Place(BaseModel):
    name: str
    day: date


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = Store(str(tmp_path_factory.mktemp("json") / "j.db"))
    fill(db, 80, seed=11)
    return db


def test_invented_values_are_written_as_fastapi_writes_them() -> None:
    body = {
        "day": date(2024, 2, 29),
        "at": datetime(2024, 3, 1, 12, 30, 5, 123456, tzinfo=UTC),
        "local": datetime(2024, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=3))),
        "naive": datetime(2024, 3, 1, 8, 0),
        "pair": (1, "two"),
        "colour": Colour.RED,
        "place": Place(name="Qusayr", day=date(2013, 6, 5)),
        "by_year": {2013: 4, 2014: 0},
        "text": "Baalbek–Hermel \u00e9 \U0001f600",
        "small": 1e-05,
        "none": None,
    }
    assert json.loads(events_api.json_bytes(body)) == _as_fastapi_writes(body)


def test_an_integer_orjson_refuses_is_written_all_the_same() -> None:
    body = {"n": 2**70, "m": -(2**65)}
    assert json.loads(events_api.json_bytes(body)) == body


def test_real_answers_hold_the_same_values(store: Store) -> None:
    page = events_api.event_page(store, EventPage.model_validate({"limit": 20, "sort": "-date"}))
    view = events_api.dashboard(store, DashboardQuery.model_validate({"limit": 10}))
    detail = events_api.event_detail(store, page["events"][0]["event_id"])
    for answer in (page, view, detail):
        assert json.loads(events_api.json_bytes(answer)) == _as_fastapi_writes(answer)
    assert view["map"]["n"] > 0 and detail["evidence"]


def test_uvicorn_serves_over_httptools_and_uvloop(tmp_path: Path) -> None:
    config = uvicorn.Config(FastAPI(), log_level="warning")
    config.load()
    assert config.http_protocol_class.__module__.endswith("httptools_impl")
    factory = config.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert type(loop).__module__.startswith("uvloop")
    finally:
        loop.close()


def test_an_idle_connection_outlives_a_readers_pause(tmp_path: Path) -> None:
    """uvicorn closes an idle keep-alive connection after 5 s by default; a request sent just
    as it does is reset.  ``borderwatch serve`` keeps it for ``KEEP_ALIVE_S``."""
    db = tmp_path / "k.db"
    fill(Store(str(db)), 5, seed=3)
    assert KEEP_ALIVE_S > 30
    with served(db) as base:
        host, port = base.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", "/api/meta")
        first = conn.getresponse()
        assert first.status == 200 and first.read()
        held = conn.sock
        time.sleep(6.5)  # past uvicorn's default
        conn.request("GET", "/api/meta")
        again = conn.getresponse()
        assert again.status == 200 and conn.sock is held
        conn.close()
