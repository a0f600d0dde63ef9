"""Delivered alerts are pruned after the retention period (``alert_retention_days``), never the
newest alert of an event and search (its revision numbers the next alert's key, which must not
repeat); the outbox's size is in ``/api/meta``.  Real webhook receiver, real SQLite and
PostgreSQL, a real HTTP server for the API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from borderwatch.alerts import Deliverer
from borderwatch.errors import SettingsError
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import Store
from borderwatch.store.schema import alerts

from .test_alerts_delivery import Receiver, _search
from .test_alerts_outbox import _event, _write
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "postgresql":
        return Store(request.getfixturevalue("pg_url"))
    return Store(str(tmp_path / "retention.db"))


@pytest.fixture()
def webhook() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.close()


def _age(store: Store, days: int) -> None:
    """Make every delivered alert ``days`` older (instead of waiting that long)."""
    with store.transaction() as tx:
        rows = tx.conn.execute(sa.select(alerts.c.id, alerts.c.delivered_at)).all()
        for alert_id, delivered in rows:
            if delivered is not None:
                tx.conn.execute(
                    alerts.update()
                    .where(alerts.c.id == alert_id)
                    .values(delivered_at=delivered - timedelta(days=days))
                )


def test_old_delivered_alerts_are_pruned_but_each_events_last_is_kept(
    store: Store, webhook: Receiver
) -> None:
    store.add_search(_search("arsal", f"{webhook.url}/hook", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]))
    _write(store, {"m1"}, _event("E1", ["m1"], killed=5))  # E1 revision 2
    _write(store, {"m1"}, _event("E1", ["m1"], killed=7))  # E1 revision 3
    _write(store, {"m1"}, _event("E1", ["m1"], killed=7), _event("E2", ["m2"]))  # E2's 1st
    with Deliverer(store, retention_days=30) as deliverer:
        report = deliverer.deliver()
        assert (report.delivered, report.pruned) == (4, 0)  # fresh: nothing old enough
        assert store.outbox_size() == {"alerts": 4, "pending": 0}
        _age(store, 31)
        _write(store, {"m1"}, _event("E1", ["m1"], killed=9))  # revision 4, not delivered yet
        report = deliverer.deliver()
    # revisions 1-3 are old and delivered, and revision 4 now numbers the event: all pruned
    assert (report.delivered, report.pruned) == (1, 3)
    assert "3 old ones pruned" in report.line()
    kept = store.recent_alerts("arsal")
    # E2's only alert is old and delivered but the newest of its event: kept
    assert [(a["event_id"], a["revision"]) for a in kept] == [("E1", 4), ("E2", 1)]
    _write(store, {"m1"}, _event("E1", ["m1"], killed=11))
    newest = store.recent_alerts("arsal")[0]
    assert newest["revision"] == 5 and newest["id"].startswith("E1-5-")  # never a repeated key
    sent = webhook.ids()
    assert len(sent) == len(set(sent)) == 5 and newest["id"] not in sent


def test_undelivered_alerts_are_never_pruned_and_zero_keeps_everything(
    store: Store, webhook: Receiver
) -> None:
    webhook.answers["/down"] = 503
    store.add_search(_search("down", f"{webhook.url}/down", place="Arsal"))
    store.add_search(_search("up", f"{webhook.url}/up", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]))
    _write(store, {"m1"}, _event("E1", ["m1"], killed=5))
    with Deliverer(store, retention_days=0) as keep_all:
        assert keep_all.deliver().delivered == 2  # "up" only; "down" waits
    _age(store, 400)
    with Deliverer(store, retention_days=0) as keep_all:
        assert keep_all.deliver().pruned == 0
    assert store.prune_alerts(timedelta(days=1)) == 1  # "up"'s revision 1; "down"'s are pending
    assert store.outbox_size() == {"alerts": 3, "pending": 2}


def test_the_retention_setting_is_checked() -> None:
    assert Settings().alert_retention_days == 30
    with pytest.raises(SettingsError, match="alert_retention_days"):
        Settings().with_overrides(alert_retention_days=-1)


def test_the_outbox_size_is_in_the_api_meta(tmp_path: Path, webhook: Receiver) -> None:
    db = tmp_path / "meta.db"
    store = Store(str(db))
    store.add_search(_search("arsal", f"{webhook.url}/hook", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]))
    with TestClient(create_app(Settings(db=str(db))), base_url="http://127.0.0.1") as client:
        assert client.get("/api/meta").json()["outbox"] == {"alerts": 1, "pending": 1}
        with Deliverer(store) as deliverer:
            deliverer.deliver()
        assert client.get("/api/meta").json()["outbox"] == {"alerts": 1, "pending": 0}
