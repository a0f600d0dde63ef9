"""Saved searches that watch crossings (``alerts add NAME --crossing ID|all``): an alert in the
transaction that changes a crossing's latest status -- by a new report or a withdrawn one --
carrying the old and new status and the claim; never for events, and event searches never get
them.  On SQLite and PostgreSQL; the alert reads back through the API and the Atom feed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from borderwatch.commit import retract
from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import SavedSearch, Store

from .conftest import LOCAL, borderwatch_command
from .test_crossing_board import raws
from .test_postgres import pg_url  # noqa: F401  (the fixture)

EXPECTED = [
    ("unknown", "open"),  # all crossings closed except Masnaa
    ("open", "closed"),  # the strike
    ("closed", "restricted"),  # pedestrians only
    ("restricted", "disputed"),  # another outlet: closed the same day
    ("disputed", "restricted"),  # that report withdrawn
]


def watch_and_ingest(pipeline: Pipeline, store: Store) -> None:
    store.add_search(SavedSearch(name="masnaa", crossing="masnaa"))
    store.add_search(SavedSearch(name="every", crossing="all"))
    store.add_search(SavedSearch(name="arsal", place="Arsal"))
    for raw in raws():  # one by one: each report is one change
        assert [c.status for c in pipeline.ingest(store, [raw])] == ["stored"]
    assert [c.status for c in pipeline.ingest(store, raws())] == ["unchanged"] * len(raws())
    retract(store, "still-closed.txt", pipeline.settings.fatality_rule)


def check_alerts(store: Store) -> None:
    masnaa = list(reversed(store.recent_alerts("masnaa")))
    seen = [(a["body"]["old"]["status"], a["body"]["new"]["status"]) for a in masnaa]
    assert seen == EXPECTED
    assert [a["revision"] for a in masnaa] == [1, 2, 3, 4, 5]
    strike = masnaa[1]["body"]
    assert strike["claim"]["sentence"].startswith("An Israeli air strike on Friday hit")
    assert strike["new"]["damaged"] is True and strike["crossing"] == "masnaa"
    every = store.recent_alerts("every")
    assert {a["event_id"] for a in every} == {
        f"crossing:{c}" for c in ("masnaa", "qaa", "arida", "aboudiyeh", "jisr_qamar", "matraba")
    }
    assert len(every) == len(EXPECTED) + 5  # and the five others closed by "all"
    arsal = store.recent_alerts("arsal")
    assert arsal and not any(a["event_id"].startswith("crossing:") for a in arsal)


def test_crossing_status_alerts_on_sqlite(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "alerts.db"
    store = Store(str(db))
    watch_and_ingest(pipeline, store)
    check_alerts(store)
    with TestClient(create_app(Settings(db=str(db))), base_url=LOCAL) as client:
        listed = client.get("/api/alerts/masnaa").json()
        feed = client.get("/api/alerts/masnaa.atom")
    assert listed["filters"] == {"crossing": "masnaa"}
    assert listed["alerts"][0]["event"]["sub_event_type"] == "disputed -> restricted"
    assert feed.status_code == 200 and b"disputed -&gt; restricted" in feed.content


def test_crossing_status_alerts_on_postgres(pipeline: Pipeline, pg_url: str) -> None:  # noqa: F811
    store = Store(pg_url)
    watch_and_ingest(pipeline, store)
    check_alerts(store)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--crossing", "nowhere"], "no crossing 'nowhere'; known: masnaa"),
        (["--crossing", "qaa", "--place", "Arsal"], "takes no event filter (place)"),
    ],
)
def test_cli_refuses_a_bad_crossing_search(
    args: list[str], message: str, cli_env: dict[str, str]
) -> None:
    done = subprocess.run(
        [*borderwatch_command(), "alerts", "add", "watch", *args],
        capture_output=True,
        text=True,
        env=cli_env,
    )
    assert done.returncode == 1 and message in done.stderr


def test_cli_adds_a_crossing_search(cli_env: dict[str, str]) -> None:
    command = [*borderwatch_command(), "alerts"]
    subprocess.run([*command, "add", "qaa-watch", "--crossing", "qaa"], env=cli_env, check=True)
    listed = subprocess.run(
        [*command, "list", "--json"], capture_output=True, text=True, env=cli_env, check=True
    )
    assert '"crossing": "qaa"' in listed.stdout
