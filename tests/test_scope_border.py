"""Borderwatch's border scope beside ACLED's (issue 24, item 2).

In the region's border zone (``scope.yaml`` ``border_zone``: the first-level units on either
side of the Lebanon-Syria border) smuggling stopped, irregular crossings stopped, handovers at the
border and crossing closures are events of scope "border" even where ACLED's rules set them aside
(drug crime); outside the zone the same news stays out.  Each event carries its scope in the model,
the JSONL export and the API; ``borderwatch export --scope`` and ``/api/events?scope=`` filter on
it, and the ACLED CSV carries ACLED's scope by default.  Invented sentences, real CLI, real
SQLite (and PostgreSQL where a server answers).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from borderwatch.serve import create_app
from borderwatch.settings import Settings

from .conftest import LOCAL, borderwatch_command
from .extracting import exported

# Border business inside the zone: exported with scope "border" (ACLED would not code it).
IN_ZONE = [
    "Lebanese army soldiers seized 200 kilograms of captagon pills being smuggled at the Masnaa"
    " crossing on Monday.",
    "Lebanese soldiers stopped a group of migrants crossing illegally into Hermel from Syria.",
    "Border guards seized a truck loaded with smuggled hashish near Arsal on Tuesday.",
    "Lebanese soldiers detained 20 migrants trying to cross into Akkar from Syria on Tuesday.",
]
# The same business outside the zone, or with no place: not exported.
OUT_OF_ZONE = [
    "Police seized 40 kilograms of heroin at the port of Marseille on Monday.",
    "Border guards seized heroin and cocaine hidden in a truck at the border crossing.",
    "Police in Texas seized cocaine smuggled across the border at the Laredo crossing.",
    "Coast guards stopped a boat carrying migrants trying to enter Greece illegally.",
    "Border police detained 20 migrants at the Hungarian border on Tuesday.",
]
# Events ACLED's own rules admit keep scope "acled", in the zone or out of it.
ACLED_EVENTS = [
    "The army arrested 30 Syrians trying to cross the border illegally near Arsal on Tuesday.",
    "Hezbollah fighters clashed with gunmen near Qusayr on Monday.",
    "Soldiers seized rockets and explosives from a militant hideout near Homs.",
]


@pytest.mark.parametrize("text", IN_ZONE)
def test_border_business_in_the_zone_is_border_scope(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got, f"nothing exported from {text!r}"
    assert got[0].scope == "border", got[0].why
    assert "border-business" in got[0].why["scope"]


@pytest.mark.parametrize("text", OUT_OF_ZONE)
def test_border_business_outside_the_zone_stays_out(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text) == []


@pytest.mark.parametrize("text", ACLED_EVENTS)
def test_acled_events_keep_acled_scope(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got and got[0].scope == "acled", [(m.sub_event_type, m.scope) for m in got]


def test_the_zone_is_region_data(extractor) -> None:  # type: ignore[no-untyped-def]
    """The zone is read from scope.yaml: both sides of the border, not the whole world."""
    zone = extractor.scope.border_zone
    assert ("LB", "baalbek-hermel") in zone and ("SY", "homs") in zone
    assert not any(country not in ("LB", "SY") for country, _ in zone)


# --- the scope through the store, the CLI and the API ------------------------------------------

STORY = " ".join([IN_ZONE[0], ACLED_EVENTS[1]])


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [*borderwatch_command(), *args], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture()
def ingested(tmp_path: Path, cli_env: dict[str, str]) -> dict[str, str]:
    doc = tmp_path / "story.txt"
    doc.write_text(STORY, encoding="utf-8")
    _run(["ingest", str(doc), "--published", "2024-05-20"], cli_env)
    return cli_env


def _scopes(jsonl: str) -> list[str]:
    return sorted(json.loads(line)["scope"] for line in jsonl.splitlines() if line.strip())


def test_export_filters_on_scope(ingested: dict[str, str]) -> None:
    everything = _run(["export", "--format", "jsonl"], ingested)
    assert _scopes(everything) == ["acled", "border"]
    assert _scopes(_run(["export", "--format", "jsonl", "--scope", "border"], ingested)) == [
        "border"
    ]
    assert _scopes(_run(["export", "--format", "jsonl", "--scope", "acled"], ingested)) == ["acled"]


def test_acled_csv_carries_acled_scope_by_default(ingested: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(_run(["export", "--format", "csv"], ingested))))
    assert [r["sub_event_type"] for r in rows] == ["Armed clash"]
    every = _run(["export", "--format", "csv", "--scope", "all"], ingested)
    assert len(list(csv.DictReader(io.StringIO(every)))) == 2


def test_export_help_shows_scope_with_an_example(cli_env: dict[str, str]) -> None:
    text = _run(["export", "--help"], cli_env)
    assert "--scope" in text and "--scope border" in text


def test_api_filters_on_scope(ingested: dict[str, str]) -> None:
    app = create_app(Settings(db=ingested["BORDERWATCH_DB"]))
    with TestClient(app, base_url=LOCAL) as client:

        def scopes(**params: str) -> list[str]:
            response = client.get("/api/events", params=params)
            assert response.status_code == 200, response.text
            return sorted(e["scope"] for e in response.json()["events"])

        assert scopes() == ["acled", "border"]
        assert scopes(scope="border") == ["border"]
        assert scopes(scope="acled") == ["acled"]
        assert scopes(scope="all") == ["acled", "border"]
        bad = client.get("/api/events", params={"scope": "world"})
        assert bad.status_code == 422 and "scope" in bad.text
        csv_text = client.get("/api/export", params={"format": "csv"}).text
        assert len(list(csv.DictReader(io.StringIO(csv_text)))) == 1


def test_scope_filter_on_postgresql(tmp_path: Path, cli_env: dict[str, str]) -> None:
    """The same filter in PostgreSQL's JSON functions (skipped without a server)."""
    import os
    import uuid

    psycopg = pytest.importorskip("psycopg")
    admin = os.environ.get("BORDERWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        psycopg.connect(admin, autocommit=True, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL at {admin}: {str(exc).strip().splitlines()[0]}")
    name = f"borderwatch_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"{admin.rpartition('/')[0]}/{name}"
        doc = tmp_path / "story.txt"
        doc.write_text(STORY, encoding="utf-8")
        _run(["ingest", str(doc), "--published", "2024-05-20", "--db", url], cli_env)
        border = _run(["export", "--format", "jsonl", "--scope", "border", "--db", url], cli_env)
        assert _scopes(border) == ["border"]
        every = _run(["export", "--format", "jsonl", "--db", url], cli_env)
        assert _scopes(every) == ["acled", "border"]
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
