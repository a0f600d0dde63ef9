"""One event's page (``GET /api/events/{id}``) from the store's two joined reads
(``store.event_detail``): the same answer, field for field, as the seven separate reads it
replaced -- for plain, edited, rejected and merged-away events, on SQLite and PostgreSQL -- in
at most three statements on one connection; kept like the other reads (ETag, 304,
``X-Store-Revision``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from borderwatch.export import export_record
from borderwatch.review import Reviewer
from borderwatch.serve import create_app, events_api, views
from borderwatch.serve.synthetic import fill
from borderwatch.settings import Settings
from borderwatch.store import Store
from borderwatch.store import query as q

from .conftest import LOCAL
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs


def reference_detail(db: Store, event_id: str, include_rejected: bool = True) -> Any:
    """The answer as the seven separate reads made it before (``Store.event``, then the
    mentions, the documents' texts and the revisions' documents)."""
    event = db.event(event_id, include_rejected=include_rejected)
    if event is None:
        return None
    with db.engine.connect() as conn:
        rows = q.mention_evidence(conn, event["event_id"])
        texts = q.document_texts(conn, sorted({r["doc_key"] for r in rows if r["doc_key"]}))
        history = event.get("revisions", [])
        docs = q.document_names(conn, sorted({r["doc_key"] for r in history if r.get("doc_key")}))
    record = export_record(event)
    return {
        **record,
        "mention_ids": event.get("mention_ids", []),
        "actor_ids": {k: (event.get(k) or {}).get("actor_id") for k in events_api.ACTOR_FIELDS},
        "evidence": views.evidence(rows, texts),
        "conflicts": views.conflicts(record["claims"]),
        "revisions": views.revisions(history, docs),
    }


def detail(db: Store, event_id: str, include_rejected: bool = True) -> Any:
    try:
        return events_api.event_detail(db, event_id, include_rejected=include_rejected)
    except Exception as exc:  # 404
        if getattr(exc, "status_code", None) == 404:
            return None
        raise


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "postgresql":
        db = Store(request.getfixturevalue("pg_url"))
    else:
        db = Store(str(tmp_path / "detail.db"))
    fill(db, 24, seed=11)
    return db


def test_the_joined_reads_answer_as_the_separate_ones_did(store: Store) -> None:
    ids = sorted(e["event_id"] for e in store.events())
    reviewer = Reviewer(store, Settings())
    reviewer.review(ids[0], "edit", by="ann", sets={"fatalities": "41"}, note="a recount")
    reviewer.review(ids[1], "reject", by="ann", note="a drill, not an attack")
    reviewer.review(ids[2], "confirm", by="ben")
    reviewer.merge(ids[3], ids[4], by="ben", note="one shelling, two reports")
    several = [e for e in store.events() if len(e.get("sources", [])) > 1]
    assert several, "the synthetic store has events with several reports"
    for event_id in [*ids, "BW-NO-SUCH-EVENT"]:
        for include_rejected in (True, False):
            expected = reference_detail(store, event_id, include_rejected)
            assert detail(store, event_id, include_rejected) == expected, event_id
    assert detail(store, ids[0])["fatalities"] == 41
    assert detail(store, ids[1], include_rejected=False) is None
    assert detail(store, ids[4])["event_id"] == ids[3]  # merged away: the event it went into
    assert detail(store, ids[3])["revisions"], "revisions are read with their documents"


def test_one_event_takes_at_most_three_statements_on_one_connection(tmp_path: Path) -> None:
    db = Store(str(tmp_path / "count.db"))
    [event, *_] = fill(db, 5, seed=12)
    statements: list[str] = []
    checkouts: list[int] = []

    def executed(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", executed)
    sa.event.listen(db.engine.pool, "checkout", lambda *_: checkouts.append(1))
    answer = events_api.event_detail(db, event.event_id)
    assert answer["evidence"] and answer["revisions"]
    assert len(statements) <= 3, statements  # the review log's state, the event, its reports
    assert len(checkouts) == 1


def test_an_event_page_is_kept_with_its_etag_and_answers_304(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    [event, other, *_] = fill(Store(str(path)), 6, seed=13)
    app = create_app(Settings(db=str(path)))
    with TestClient(app, base_url=LOCAL) as client:
        url = f"/api/events/{event.event_id}"
        first = client.get(url)
        assert first.status_code == 200 and first.headers["x-store-revision"]
        etag = first.headers["etag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.headers["etag"] == etag
        assert client.get(url).content == first.content
        with sqlite3.connect(path) as outside:  # a write by another process
            outside.execute("DELETE FROM events WHERE event_id = ?", (other.event_id,))
        fresh = client.get(url, headers={"Cache-Control": "no-cache"})
        assert fresh.status_code == 200 and fresh.json() == first.json()
        assert int(fresh.headers["x-store-revision"]) > int(first.headers["x-store-revision"])
