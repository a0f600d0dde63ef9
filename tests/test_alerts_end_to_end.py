"""The issue's end-to-end script, on loopback: the API server (uvicorn on 127.0.0.1) and a webhook
receiver, real articles through the real pipeline, delivery as ``alerts deliver`` does it.

A saved search around Arsal; a matching report -> one signed POST ``new``; deliver again ->
nothing; a second report of the same attack with another toll -> one POST ``updated`` for the
same event; a report from Deir ez-Zor (about 350 km away) -> nothing; the Atom feed parses with
feedparser and lists the alerts, newest first, linking to the event pages.  The articles are
invented, written the way wire reports are.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest
import uvicorn

from borderwatch.alerts import Deliverer
from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import Store

from .test_alerts_delivery import Receiver

TOKEN = "end-to-end-token"
FIRST = (
    "Gunmen killed two Lebanese soldiers in an attack on an army checkpoint in Arsal on "
    "Monday, the Lebanese army said in a statement."
)
SECOND = (
    "Gunmen killed three Lebanese soldiers in Monday's attack on an army checkpoint in Arsal, "
    "a security source said on Tuesday."
)
FAR_AWAY = (
    "Gunmen killed four Syrian soldiers in an attack on an army checkpoint in Deir ez-Zor on "
    "Monday, a war monitor said."
)


class Server:
    """The app served by uvicorn on a free loopback port, in a thread."""

    def __init__(self, app: Any) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture()
def served(tmp_path: Path, pipeline: Pipeline) -> Iterator[tuple[Server, Store]]:
    settings = Settings(db=str(tmp_path / "e2e.db"), api_token=TOKEN)
    store = Store(settings.db)
    server = Server(create_app(settings, store, pipeline))
    yield server, store
    server.close()


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.close()


def test_saved_search_alerts_end_to_end(served: tuple[Server, Store], receiver: Receiver) -> None:
    server, store = served
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=server.url, timeout=60) as api:
        search = {"name": "arsal", "place": "Arsal", "radius_km": 50, "webhook": receiver.url}
        assert api.post("/api/alerts", json=search).status_code == 401
        made = api.post("/api/alerts", json=search, headers=auth)
        assert made.status_code == 201, made.text
        secret = made.json()["secret"]
        assert "secret" not in json.dumps(api.get("/api/alerts").json())

        def report(text: str, day: int) -> None:
            doc = {"text": text, "outlet": f"Outlet {day}", "published": f"2025-03-0{day}"}
            answer = api.post("/api/documents", json=doc, headers=auth)
            assert answer.status_code == 201, answer.text

        def deliver() -> list[dict[str, Any]]:
            before = len(receiver.received)
            # as `alerts deliver --allow-private` does: the receiver is on loopback
            with Deliverer(store, allow_private=True) as deliverer:
                assert not deliverer.deliver().failed
            return receiver.received[before:]

        report(FIRST, 4)
        [post] = deliver()
        new = json.loads(post["body"])
        signature = hmac.new(secret.encode(), post["body"], hashlib.sha256).hexdigest()
        assert post["headers"]["X-Borderwatch-Signature"] == f"sha256={signature}"
        assert (new["alert"], new["change"], new["revision"]) == ("arsal", "new", 1)
        assert new["event"]["location"] == "Arsal" and new["event"]["fatalities"] == 2
        assert deliver() == []

        report(SECOND, 5)
        [post] = deliver()
        updated = json.loads(post["body"])
        assert (updated["change"], updated["revision"]) == ("updated", 2)
        assert updated["event"]["event_id"] == new["event"]["event_id"]
        assert updated["id"] != new["id"] and updated["event"]["n_sources"] == 2
        assert [r["kind"] for r in updated["event"]["revisions"]] == ["created", "updated"]
        assert updated["event"]["timestamp"] >= new["event"]["timestamp"] > 0
        tolls = {c["value"] for c in updated["event"]["claims"] if c["field"] == "counts.killed"}
        assert tolls == {2, 3}

        report(FAR_AWAY, 5)
        assert store.count_events() == 2
        assert deliver() == []

        feed = feedparser.parse(api.get("/api/alerts/arsal.atom").content)
        assert not feed.bozo and feed.version == "atom10"
        assert [e.id.rsplit(":", 1)[1] for e in feed.entries] == [updated["id"], new["id"]]
        event_page = f"{server.url}/?event={new['event']['event_id']}"
        assert all(e.link == event_page for e in feed.entries)
        assert feed.entries[0].title.startswith("updated: ")

        assert api.delete("/api/alerts/arsal").status_code == 401
        assert api.delete("/api/alerts/arsal", headers=auth).status_code == 204
        assert api.get("/api/alerts").json() == {"searches": []}
        assert api.get("/api/alerts/arsal.atom").status_code == 404
