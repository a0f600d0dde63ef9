"""Webhook delivery on loopback: signed POSTs, nothing twice, retries held back, a failing
endpoint never blocking the others, the SSRF guard, and a deliverer killed mid-POST."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from borderwatch.alerts import Deliverer, retry_delay, sign
from borderwatch.store import SavedSearch, Store

from .conftest import borderwatch_command
from .test_alerts_outbox import _event, _write
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

SECRET = "a-test-secret-of-some-length"


class Receiver:
    """A webhook receiver on 127.0.0.1: records every POST; a path's answer is set per test
    (a status, or ``"hang"``: hold the request until released)."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.answers: dict[str, int | str] = {}
        self.release = threading.Event()
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                receiver.arrived.set()
                answer = receiver.answers.get(self.path, 204)
                if answer == "hang":
                    receiver.release.wait(30)
                    answer = 204
                self.send_response(int(answer))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def ids(self, path: str | None = None) -> list[str]:
        return [json.loads(r["body"])["id"] for r in self.received if path in (None, r["path"])]

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """A fresh store on SQLite, and on PostgreSQL (see test_postgres: skipped without a server)."""
    if request.param == "postgresql":
        return Store(request.getfixturevalue("pg_url"))
    return Store(str(tmp_path / "deliver.db"))


def _search(name: str, url: str, **filters: Any) -> SavedSearch:
    return SavedSearch(name, webhook=url, secret=SECRET, allow_private=True, **filters)


def test_signed_post_once_then_nothing(store: Store, receiver: Receiver) -> None:
    store.add_search(_search("arsal", f"{receiver.url}/hook", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]))
    with Deliverer(store) as deliverer:
        assert deliverer.deliver().delivered == 1
        assert deliverer.deliver().delivered == 0
    [post] = receiver.received
    body = json.loads(post["body"])
    assert set(body) == {"id", "alert", "change", "revision", "event"}
    assert (body["alert"], body["change"], body["revision"]) == ("arsal", "new", 1)
    assert body["event"]["event_id"] == "E1" and body["event"]["location"] == "Arsal"
    expected = hmac.new(SECRET.encode(), post["body"], hashlib.sha256).hexdigest()
    assert post["headers"]["X-Borderwatch-Signature"] == f"sha256={expected}"
    assert post["headers"]["Content-Type"] == "application/json"


def test_a_failing_endpoint_is_retried_later_and_blocks_no_other(
    store: Store, receiver: Receiver
) -> None:
    receiver.answers["/down"] = 503
    store.add_search(_search("down", f"{receiver.url}/down", place="Arsal"))
    store.add_search(_search("up", f"{receiver.url}/up", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]))
    _write(store, {"m1"}, _event("E1", ["m1"], killed=5))
    with Deliverer(store) as deliverer:
        report = deliverer.deliver()
        assert report.delivered == 2 and len(report.failed) == 1 and "503" in report.failed[0]
        assert deliverer.deliver().delivered == 0  # the failed stream waits for its retry
    assert len(receiver.ids("/up")) == 2 and len(receiver.ids("/down")) == 1
    held = store.recent_alerts("down")
    assert [a["attempts"] for a in held] == [0, 1] and "503" in held[1]["last_error"]
    counts = store.alert_counts()
    assert counts["up"] == {"alerts": 2, "pending": 0, "last_error": None}
    assert counts["down"]["pending"] == 2 and "503" in counts["down"]["last_error"]
    _make_due(store)
    receiver.answers["/down"] = 200
    with Deliverer(store) as deliverer:
        assert deliverer.deliver().delivered == 2
    first = receiver.ids("/down")
    assert first[0] == first[1] and len(set(first)) == 2  # the retry carried the same id


def test_backoff_doubles_up_to_a_cap() -> None:
    assert retry_delay(1) == timedelta(seconds=30)
    assert retry_delay(2) == timedelta(seconds=60)
    assert retry_delay(30) == timedelta(hours=1)


def test_the_ssrf_guard_refuses_loopback_unless_allowed(store: Store, receiver: Receiver) -> None:
    search = SavedSearch("local", place="Arsal", webhook=f"{receiver.url}/h", secret=SECRET)
    store.add_search(search)
    _write(store, set(), _event("E1", ["m1"]))
    with Deliverer(store) as deliverer:
        report = deliverer.deliver()
    assert receiver.received == [] and "loopback" in report.failed[0]
    _make_due(store)
    with Deliverer(store, allow_private=True) as deliverer:
        assert deliverer.deliver().delivered == 1


def test_signature_helper_matches_hmac() -> None:
    body = b'{"id": "E1-1-5f0c2a9e41d7"}'
    digest = hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert sign(body, "k") == f"sha256={digest}"


def test_killed_during_delivery_resends_the_same_ids_and_loses_none(
    store: Store, receiver: Receiver, cli_env: dict[str, str]
) -> None:
    store.add_search(_search("arsal", f"{receiver.url}/hook", place="Arsal"))
    store.add_search(_search("other", f"{receiver.url}/other", place="Arsal"))
    for n in range(3):
        _write(store, {"m1"} if n else set(), _event("E1", ["m1"], killed=n + 1))
    expected = {a["id"] for name in ("arsal", "other") for a in store.recent_alerts(name)}
    assert len(expected) == 6
    receiver.answers["/hook"] = "hang"  # the first POST to /hook never gets its answer
    env = {**cli_env, "BORDERWATCH_DB": store.url}
    command = [*borderwatch_command(), "alerts", "deliver"]
    proc = subprocess.Popen(command, env=env, start_new_session=True)
    assert receiver.arrived.wait(60)
    deadline = time.monotonic() + 30
    while len(receiver.ids("/other")) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)  # the other endpoint is served meanwhile
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    in_flight = receiver.ids("/hook")
    assert len(in_flight) == 1 and len(receiver.ids("/other")) == 3
    receiver.answers["/hook"] = 204
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert set(receiver.ids()) == expected  # none lost, no new id
    assert receiver.ids("/hook")[:2] == in_flight * 2  # the one in flight is resent, same id
    assert store.pending_alert_count() == 0
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and len(receiver.received) == 7  # nothing sent twice more


def _make_due(store: Store) -> None:
    """Bring every held alert's retry time to now (instead of waiting for the backoff)."""
    with store.transaction() as tx:
        tx.conn.execute(sa.text("UPDATE alerts SET next_attempt_at = NULL"))


def test_one_deliverer_at_a_time(store: Store, receiver: Receiver) -> None:
    store.add_search(_search("arsal", f"{receiver.url}/hook", place="Arsal"))
    _write(store, set(), _event("E1", ["m1"]))
    with store.delivery_lock() as held, Deliverer(store) as other:
        assert held
        report = other.deliver()  # another process's round is under way: this one sends nothing
        assert report.busy and report.delivered == 0 and receiver.received == []
    with Deliverer(store) as deliverer:
        assert deliverer.deliver().delivered == 1
