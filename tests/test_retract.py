"""Withdrawing a report: its mentions leave their events, the events are fused again from their
other reports, an event left with none is retired, revisions record it, alerts go out; through
the library, the API (DELETE /api/documents/{key}) and the CLI.  Invented wire-style reports."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from borderwatch.commit import retract
from borderwatch.errors import StoreError
from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import SavedSearch, Store

from .conftest import LOCAL, borderwatch_command
from .test_alerts_end_to_end import FIRST, SECOND

RULE = "conservative"


def _report(text: str, name: str, day: int) -> RawDocument:
    return RawDocument(
        source=name,
        content=text.encode(),
        media_type="text/plain",
        published=date(2025, 3, day),
        outlet=f"Outlet {name}",
    )


def _ingest(pipeline: Pipeline, store: Store, *reports: RawDocument) -> list[str]:
    """The reports' document keys, in order, as the stored event cites them."""
    done = list(pipeline.ingest(store, list(reports)))
    assert all(d.status == "stored" for d in done), done
    cited = {s["doc"]: s["doc_key"] for e in store.events() for s in e["sources"]}
    return [cited[r.source] for r in reports]


@pytest.fixture()
def two_reports(tmp_path: Path, pipeline: Pipeline) -> tuple[Store, list[str]]:
    store = Store(str(tmp_path / "r.db"))
    store.add_search(SavedSearch("arsal", place="Arsal"))
    keys = _ingest(pipeline, store, _report(FIRST, "one.txt", 4), _report(SECOND, "two.txt", 5))
    [event] = store.events()
    assert event["n_sources"] == 2
    return store, keys


def test_withdrawing_one_of_two_reports_updates_then_the_last_retires(
    two_reports: tuple[Store, list[str]], pipeline: Pipeline
) -> None:
    store, (first, second) = two_reports
    [before] = store.events()
    done = retract(store, "two.txt", RULE)  # by its source name
    assert (done.doc_key, done.mentions, done.retired) == (second, 1, [])
    [after] = store.events()
    assert after["event_id"] == before["event_id"] and after["n_sources"] == 1
    assert {s["doc_key"] for s in after["sources"]} == {first}
    assert [r["kind"] for r in after["revisions"]][-2:] == ["updated", "retracted"]

    gone = retract(store, first, RULE)  # by its key
    assert gone.events == [] and gone.retired == [before["event_id"]]
    assert store.events() == [] and store.count_events() == 0
    [retired] = store.retired()
    assert (retired["event_id"], retired["replaced_by"]) == (before["event_id"], [])
    changes = [(a["change"], a["revision"]) for a in store.recent_alerts("arsal")][::-1]
    assert changes == [("new", 1), ("updated", 2), ("retracted", 3)]

    with pytest.raises(StoreError, match="already retracted"):
        retract(store, first, RULE)
    with pytest.raises(StoreError, match="no stored document"):
        retract(store, "never-stored.txt", RULE)
    # the withdrawn text is not taken in again
    again = list(pipeline.ingest(store, [_report(FIRST, "one.txt", 4)]))
    assert again[0].status != "stored" and store.count_events() == 0


def test_delete_through_the_api_needs_the_token(
    two_reports: tuple[Store, list[str]], pipeline: Pipeline
) -> None:
    store, (first, _) = two_reports
    app = create_app(Settings(db=str(store.url), api_token="t0ken"), store, pipeline)
    with TestClient(app, base_url=LOCAL) as client:
        assert client.delete(f"/api/documents/{first}").status_code == 401
        auth = {"Authorization": "Bearer t0ken"}
        answer = client.delete(f"/api/documents/{first}", headers=auth)
        assert answer.status_code == 200 and answer.json()["mentions"] == 1
        assert client.delete(f"/api/documents/{first}", headers=auth).status_code == 409
        assert client.delete("/api/documents/nothing", headers=auth).status_code == 404
    assert store.events()[0]["n_sources"] == 1


def test_cli_retract(tmp_path: Path, cli_env: dict[str, str]) -> None:
    article = tmp_path / "report.txt"
    article.write_text(FIRST, encoding="utf-8")
    command = borderwatch_command()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], env=cli_env, capture_output=True, text=True, timeout=300
        )

    assert "Example:" in run("retract", "--help").stdout
    assert run("ingest", str(article), "--published", "2025-03-04").returncode == 0
    done = run("retract", str(article))
    assert done.returncode == 0, done.stderr
    assert "1 mentions removed" in done.stderr and "1 retired" in done.stderr
    again = run("retract", str(article))
    assert again.returncode == 1 and "already retracted" in again.stderr
