"""The store on PostgreSQL: the same schema, migrations and results as on SQLite, the CLI and
batch with ``--db postgresql://...``, and concurrent writers that never corrupt or duplicate.

Each test gets its own database (``borderwatch_test_<random>``), created and dropped here, on the
server at ``$BORDERWATCH_TEST_PG`` (default ``postgresql://postgres@127.0.0.1:5432/postgres``;
``scripts/start-postgres.sh`` starts one).  Without a server the tests are skipped, unless
``BORDERWATCH_TEST_PG_REQUIRED=1`` (as in ``make test``), when they fail.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing as mp
import os
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from borderwatch.batch import Batch
from borderwatch.ingest import read_inputs
from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline, Processed
from borderwatch.settings import Settings
from borderwatch.store import Store

from .conftest import borderwatch_command

ADMIN_URL = os.environ.get("BORDERWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REQUIRED = os.environ.get("BORDERWATCH_TEST_PG_REQUIRED") == "1"
TABLES = {"documents", "mentions", "events", "event_mentions", "failures", "alembic_version"}
TEXT = "Gunmen kidnapped two shepherds near Arsal on Tuesday, residents said."


def _admin() -> Any:
    import psycopg

    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)


def _server_answers() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with _admin() as conn:
            conn.execute("select 1")
    except psycopg.Error as exc:
        return f"no PostgreSQL at {ADMIN_URL} ({str(exc).strip().splitlines()[0]})"
    return None


def _url_for(name: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty database for one test; dropped afterwards (even with open connections)."""
    problem = _server_answers()
    if problem:
        if REQUIRED:
            pytest.fail(problem)
        pytest.skip(problem)
    name = f"borderwatch_test_{uuid.uuid4().hex[:12]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _url_for(name)
    finally:
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return list(conn.execute(sql).fetchall())


def raw(text: str = TEXT, name: str = "a.txt") -> RawDocument:
    return RawDocument(
        source=name, content=text.encode(), media_type="text/plain", published=date(2024, 3, 8)
    )


def demo_documents() -> list[RawDocument]:
    corpus = resources.files("borderwatch") / "data" / "demo"
    with resources.as_file(corpus) as path:
        files = sorted(str(p) for p in Path(path).glob("*.txt"))
        return [d for d in read_inputs(files) if isinstance(d, RawDocument)]


@pytest.fixture(scope="module")
def demo(pipeline: Pipeline) -> list[Processed]:
    """The demo corpus, processed once for the module."""
    return [pipeline.process(d) for d in demo_documents()]


def events_of(store: Store, *, revisions: bool = True) -> list[str]:
    """Stored events, comparable across databases: revision times and, if asked, revisions
    themselves (which record the order documents came in) left out."""
    found = []
    for event in store.events():
        if revisions:
            for revision in event.get("revisions", []):
                revision.pop("at", None)
        else:
            event.pop("revisions", None)
        found.append(json.dumps(event, sort_keys=True))
    return sorted(found)


def partition(store: Store) -> set[tuple[str, frozenset[str]]]:
    """Which mentions make which event: what fusion decided, whatever the commit order."""
    return {(e["event_id"], frozenset(e["mention_ids"])) for e in store.events()}


# -- schema and transactions ---------------------------------------------------------------------


def test_migrations_create_the_schema_once(pg_url: str) -> None:
    Store(pg_url)
    Store(pg_url)  # a second open migrates nothing and does not fail
    names = {r[0] for r in _query(pg_url, "select tablename from pg_tables")}
    assert names >= TABLES
    assert len(_query(pg_url, "select version_num from alembic_version")) == 1


def test_a_failed_transaction_leaves_nothing_behind(pg_url: str, pipeline: Pipeline) -> None:
    store = Store(pg_url)
    processed = pipeline.process(raw())
    assert processed.article is not None
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.add_document(processed.article)
        tx.add_mentions(processed.mentions)
        raise RuntimeError("crash in the middle of a document")
    assert store.document_count() == 0
    assert store.count_events() == 0


def test_reingesting_a_document_changes_nothing(pg_url: str, pipeline: Pipeline) -> None:
    store = Store(pg_url)
    first = pipeline.commit(store, pipeline.process(raw()))
    events = events_of(store)
    second = pipeline.commit(store, pipeline.process(raw(name="copy-elsewhere.txt")))
    assert (first.status, second.status) == ("stored", "unchanged")
    assert events_of(store) == events


def test_foreign_documents_are_kept_on_postgres(pg_url: str, pipeline: Pipeline) -> None:
    store = Store(pg_url)
    spanish = (
        "El ejército libanés detuvo el martes a tres hombres sospechosos de contrabando de "
        "combustible cerca del paso fronterizo, según un comunicado del mando militar."
    )
    for _ in range(2):  # read twice: one row
        assert [o.status for o in pipeline.ingest(store, [raw(spanish, "es.txt")])] == ["skipped"]
    kept = store.foreign_documents(status="pending")
    assert [(d["source"], d["language"], d["text"]) for d in kept] == [("es.txt", "es", spanish)]
    assert store.failures() == [] and store.document_count() == 0


def test_postgres_and_sqlite_store_the_same_events(
    pg_url: str, tmp_path: Path, pipeline: Pipeline, demo: list[Processed]
) -> None:
    on_sqlite, on_postgres = Store(str(tmp_path / "s.db")), Store(pg_url)
    for processed in demo:
        pipeline.commit(on_sqlite, processed)
        pipeline.commit(on_postgres, processed)
    assert on_postgres.document_count() == on_sqlite.document_count() == len(demo)
    assert on_sqlite.count_events() > 20
    assert events_of(on_postgres) == events_of(on_sqlite)


# -- the CLI and batch on PostgreSQL -------------------------------------------------------------


def test_cli_runs_on_postgres_from_db_option_and_environment(pg_url: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERWATCH_")}

    def run(args: list[str], extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            borderwatch_command() + args,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    ingest = run(["ingest", str(article), "--published", "2024-03-08", "--db", pg_url], {})
    assert ingest.returncode == 0, ingest.stderr
    exported = run(["export", "--format", "jsonl"], {"BORDERWATCH_DB": pg_url})
    assert exported.returncode == 0, exported.stderr
    events = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [e["sub_event_type"] for e in events] == ["Abduction/forced disappearance"]
    assert events[0]["location"] == "Arsal"
    listed = run(["events", "--db", pg_url], {})
    assert listed.returncode == 0 and "Arsal" in listed.stdout


def test_batch_stores_on_postgres_and_resumes(pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    lines = [
        {"text": TEXT, "published": "2024-03-08"},
        {
            "text": "Syrian troops shelled Qusayr on Monday, killing three.",
            "published": "2024-03-05",
        },
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    first = Batch(str(source), Settings(db=pg_url), workers=0)
    list(first.run())
    assert (first.report.stored, first.report.failed) == (2, [])
    again = Batch(str(source), Settings(), out=pg_url, workers=0)
    list(again.run())
    assert (again.report.done, again.report.processed) == (2, 0)
    assert Store(pg_url).document_count() == 2


# -- concurrent writers --------------------------------------------------------------------------


def _copy(processed: Processed, tag: str) -> Processed:
    """Another outlet's report of the same events: same text plus a line, new keys."""
    assert processed.article is not None
    article = processed.article
    doc_key = f"{article.doc_key[:20]}{tag}"
    copy = dataclasses.replace(
        article, doc_key=doc_key, source=f"{tag}/{article.source}", outlet=f"Outlet {tag}"
    )
    mentions = [
        dataclasses.replace(m, mention_id=f"{m.mention_id[:20]}{tag}", doc_key=doc_key)
        for m in processed.mentions
    ]
    return Processed(copy.source, article=copy, mentions=mentions)


def _writer(db: str, items: list[Processed], barrier: Any, errors: Any) -> None:
    pipeline = Pipeline(Settings())
    barrier.wait()
    try:
        store = Store(db)  # both migrate a fresh database at the same time
    except Exception as exc:
        errors.put(f"opening the store: {type(exc).__name__}: {exc}")
        return
    for processed in items:
        try:
            pipeline.commit(store, processed)
        except Exception as exc:  # reported to the test, which fails on any
            errors.put(f"{processed.source}: {type(exc).__name__}: {exc}")


def _commit_concurrently(db: str, lists: list[list[Processed]]) -> list[str]:
    context = mp.get_context("spawn")
    barrier, errors = context.Barrier(len(lists)), context.Queue()
    workers = [
        context.Process(target=_writer, args=(db, items, barrier, errors)) for items in lists
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=600)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert all(w.exitcode == 0 for w in workers), [w.exitcode for w in workers]
    return found


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_writers_never_corrupt_or_duplicate(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, pipeline: Pipeline, demo: list
) -> None:
    """Two writers open a fresh database and commit, at the same time, reports that fuse with
    each other's (every demo article and another outlet's copy of it), both starting with the
    same documents: no error, and the result is what committing them one by one gives."""
    db = request.getfixturevalue("pg_url") if backend == "postgresql" else str(tmp_path / "c.db")
    originals = [p for p in demo if p.article is not None]
    copies = [_copy(p, "b2") for p in originals]
    shared = originals[:6]  # both writers start with these: one stores each, the other skips it
    errors = _commit_concurrently(db, [originals, shared + copies])
    assert errors == []
    reference = Store(str(tmp_path / "reference.db"))
    for processed in originals + copies:
        pipeline.commit(reference, processed)
    store = Store(db)
    assert store.document_count() == len(originals) + len(copies)
    assert partition(store) == partition(reference)
    mention_ids = [m for _, members in partition(store) for m in members]
    assert len(mention_ids) == len(set(mention_ids))  # every mention in exactly one event
