"""A store error fails one document in one line, on every path (a group, a single document, the
API, watch), and ``watch`` outlives a locked database with backoff.  The lock is real: another
SQLite connection holds the database with BEGIN EXCLUSIVE; the store's busy timeout is cut to a
fraction of a second so that "database is locked" comes quickly."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from borderwatch.errors import StoreError
from borderwatch.ingest import Fetcher
from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import Store
from borderwatch.watch import Watcher, WatchState, load_sources

from .conftest import LOCAL
from .test_ingest_url import LocalSite, Page, site  # noqa: F401

REPORTS = [
    "Syrian army troops clashed with gunmen near the border town of Qusayr on Monday, killing "
    "two fighters, a war monitor said.",
    "Lebanese soldiers arrested four men who tried to cross into Syria through an illegal "
    "crossing near Hermel on Tuesday, the army said.",
]


def quick_lock_timeout(store: Store) -> Store:
    """Make the store give up on a locked database after 0.2 s instead of 30 s."""

    def short(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout=200")

    for engine in {store.engine, store.writer}:
        sa.event.listen(engine, "connect", short)
        engine.dispose()
    return store


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another process's view: a connection holding an exclusive lock on the database."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return quick_lock_timeout(Store(str(tmp_path / "locked.db")))


def raw(n: int) -> RawDocument:
    return RawDocument(f"report-{n}.txt", REPORTS[n].encode(), "text/plain")


def test_a_single_document_fails_in_one_line(pipeline: Pipeline, store: Store, tmp_path: Path):
    with locked(tmp_path / "locked.db"):
        (outcome,) = list(pipeline.ingest(store, [raw(0)]))
        processed = pipeline.process(raw(0))
        alone = pipeline.commit(store, processed)
    for failed in (outcome, alone):
        assert failed.status == "failed"
        assert failed.retry
        assert "database is locked" in failed.reason
        assert "\n" not in failed.reason
    (again,) = list(pipeline.ingest(store, [raw(0)]))
    assert again.status == "stored"


def test_a_failed_group_logs_its_error_before_going_one_by_one(
    pipeline: Pipeline, store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="borderwatch.pipeline"),
        locked(tmp_path / "locked.db"),
    ):
        outcomes = list(pipeline.ingest(store, [raw(0), raw(1)]))
    assert [o.status for o in outcomes] == ["failed", "failed"]
    (record,) = [r for r in caplog.records if "one by one" in r.getMessage()]
    assert "database is locked" in record.getMessage()


def test_the_api_answers_503_when_the_database_is_locked(
    pipeline: Pipeline, store: Store, tmp_path: Path
) -> None:
    settings = Settings(db=str(tmp_path / "locked.db"), api_token="t0ken")
    app = create_app(settings, store=store, pipeline=pipeline)
    with TestClient(app, base_url=LOCAL) as client:
        headers = {"Authorization": "Bearer t0ken"}
        with locked(tmp_path / "locked.db"):
            busy = client.post("/api/documents", json={"text": REPORTS[0]}, headers=headers)
        assert busy.status_code == 503
        assert "database is locked" in busy.json()["detail"]
        assert busy.headers["Retry-After"]
        done = client.post("/api/documents", json={"text": REPORTS[0]}, headers=headers)
        assert done.status_code == 201


def test_watch_outlives_a_locked_database_with_backoff(
    pipeline: Pipeline,
    store: Store,
    tmp_path: Path,
    site: LocalSite,  # noqa: F811
) -> None:
    site.pages["/story"] = Page(REPORTS[0].encode(), content_type="text/plain")
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"sources:\n  - url: {site.url('/story')}\n", encoding="utf-8")
    lock = locked(tmp_path / "locked.db")
    slept: list[float] = []
    reports: list[Any] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 2:
            lock.__exit__(None, None, None)  # the other writer lets go during the backoff
        if len(slept) == 3:
            raise KeyboardInterrupt

    with (
        Watcher(
            load_sources(feeds),
            pipeline=pipeline,
            store=store,
            state=WatchState(store),
            fetcher=Fetcher(max_bytes=100_000, allow_private=True),
        ) as watcher,
        pytest.raises(KeyboardInterrupt),
    ):
        lock.__enter__()
        watcher.run(every=900, on_cycle=reports.append, sleep=sleep)
    assert len(reports) == 3
    assert all("database is locked" in e for r in reports[:2] for e in r.errors)
    assert slept[0] < slept[1] < 900  # backing off, well before the next regular cycle
    assert reports[2].errors == [] and reports[2].new_documents == 1
    assert store.count_events() >= 1


def test_a_store_written_by_a_newer_borderwatch_is_refused_in_one_line(tmp_path: Path) -> None:
    """A database whose schema a newer version migrated is not touched: opening it says so in
    one line, through the real command, and its schema is left as it was."""
    import subprocess

    from .conftest import borderwatch_command

    db = tmp_path / "newer.db"
    Store(str(db)).engine.dispose()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    schema = "SELECT version_num FROM alembic_version UNION ALL SELECT sql FROM sqlite_master"

    def read(query: str) -> list[Any]:
        with sqlite3.connect(db) as conn:
            return conn.execute(query).fetchall()

    before = read(schema)
    with pytest.raises(StoreError, match="written by a newer Borderwatch"):
        Store(str(db))
    done = subprocess.run(
        [*borderwatch_command(), "events", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "written by a newer Borderwatch" in lines[0], done.stderr
    assert "9999_from_the_future" in lines[0]
    assert read(schema) == before  # nothing migrated
