"""The SQLite store: migrations, one transaction per document, idempotent re-ingest."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from borderwatch.errors import StoreError
from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings
from borderwatch.store import Store

TEXT = "Gunmen kidnapped two shepherds near Arsal on Tuesday, residents said."


def raw(text: str = TEXT, name: str = "a.txt") -> RawDocument:
    return RawDocument(
        source=name, content=text.encode(), media_type="text/plain", published=date(2024, 3, 8)
    )


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}


def test_migrations_create_the_schema_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store(str(db))
    Store(str(db))  # a second open migrates nothing and does not fail
    assert {
        "documents",
        "mentions",
        "events",
        "event_mentions",
        "failures",
        "alembic_version",
    } <= tables(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path, pipeline: Pipeline) -> None:
    store = Store(str(tmp_path / "s.db"))
    processed = pipeline.process(raw())
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.add_document(processed.article)  # type: ignore[arg-type]
        tx.add_mentions(processed.mentions)
        raise RuntimeError("crash in the middle of a document")
    assert store.document_count() == 0
    assert store.count_events() == 0


def test_reingesting_a_document_changes_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    store = Store(str(tmp_path / "s.db"))
    first = pipeline.commit(store, pipeline.process(raw()))
    events = store.events()
    second = pipeline.commit(store, pipeline.process(raw(name="copy-elsewhere.txt")))
    assert (first.status, second.status) == ("stored", "unchanged")
    assert store.events() == events


def test_a_stored_document_is_not_parsed_again(
    tmp_path: Path, pipeline: Pipeline, settings: Settings
) -> None:
    """A re-run (or a feed item seen again) finds the text stored before parsing it: a fresh
    pipeline never even loads its model, and the outcome is the one committing would give."""
    store = Store(str(tmp_path / "s.db"))
    first = [c.status for c in pipeline.ingest(store, [raw()])]
    events = store.events()
    fresh = Pipeline(settings)
    new_text = raw(name="other.txt", text="Gunmen abducted a shepherd near Arsal on Monday.")
    again = [(c.source, c.status) for c in fresh.ingest(store, [raw(name="x.txt"), new_text])]
    assert first == ["stored"]
    assert again == [("x.txt", "unchanged"), ("other.txt", "stored")]
    assert store.document_count() == 2 and len(store.events()) > len(events)
    rerun = Pipeline(settings)
    assert [c.status for c in rerun.ingest(store, [raw(), new_text])] == ["unchanged"] * 2
    assert rerun._extractor is None  # nothing was parsed: the model was never loaded


def test_unwritable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store(str(tmp_path / "no-such-dir" / "x.db"))


def test_settings_db_default_is_a_local_file() -> None:
    assert Settings().db == "borderwatch.db"


def test_mention_cache_decodes_evicts_and_can_be_off() -> None:
    import json

    from borderwatch.model import Mention, Span, to_jsonable
    from borderwatch.store.transaction import MentionCache

    def payload(i: int) -> str:
        m = Mention(f"m{i}", "d", "Battles", "Armed clash", Span(0, 1, "x"), Span(0, 1, "x"))
        return json.dumps(to_jsonable(m))

    off = MentionCache(0)
    assert off.decode(payload(1)).mention_id == "m1"
    small = MentionCache(1)
    first = small.decode(payload(1))
    assert small.decode(payload(1)) is first  # served from the cache
    small.decode(payload(2))  # evicts the first
    assert small.decode(payload(1)) is not first
