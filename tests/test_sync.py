"""Incremental sync: ``/api/events?updated_since=`` returns only what was written since, and
``/api/retired?since=`` the ids that went away since (here: a report withdrawn)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import Store

from .conftest import LOCAL
from .test_alerts_outbox import HERMEL, _event, _write


def _ids(client: TestClient, **params: str) -> list[str]:
    answer = client.get("/api/events", params=params)
    assert answer.status_code == 200, answer.text
    return sorted(e["event_id"] for e in answer.json()["events"])


def test_updated_since_and_retired_since(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "sync.db"))
    _write(store, set(), _event("E1", ["m1"]), _event("E2", ["m2"], place=HERMEL))
    time.sleep(0.05)
    mark = datetime.now(UTC)
    time.sleep(0.05)
    _write(store, {"m2"}, _event("E2", ["m2"], place=HERMEL, killed=7))  # E2 changes
    _write(store, {"m1"})  # E1 loses its only report
    with TestClient(create_app(Settings(db=store.url), store=store), base_url=LOCAL) as client:
        assert _ids(client) == ["E2"]
        assert _ids(client, updated_since=mark.isoformat()) == ["E2"]
        wall = (mark + timedelta(hours=2)).replace(tzinfo=None).isoformat()
        assert _ids(client, updated_since=wall + "+02:00") == ["E2"]  # the same instant
        assert _ids(client, updated_since=wall) == []  # no zone: UTC, two hours later
        later = (mark + timedelta(hours=1)).isoformat()
        assert _ids(client, updated_since=later) == []
        retired = client.get("/api/retired", params={"since": mark.isoformat()}).json()
        assert [(r["event_id"], r["replaced_by"]) for r in retired["retired"]] == [("E1", [])]
        assert client.get("/api/retired", params={"since": later}).json() == {"retired": []}
        bad = client.get("/api/retired", params={"since": "yesterday"})
        assert bad.status_code == 422
