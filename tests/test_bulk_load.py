"""The benchmarks' bulk load (``Store.bulk_load``, ``synthetic.bulk_fill``) stores what the
ordinary transactions store for the same events: the same rows in every table, the same derived
rows (border tags, free-text index, rollup, change counters), on SQLite and PostgreSQL -- so a
benchmark over a bulk-loaded store measures a store as ingest leaves it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from borderwatch.serve import synthetic
from borderwatch.serve.synthetic import bulk_fill, fill
from borderwatch.store import EventFilter, Store

from .test_postgres import _query, pg_url  # noqa: F401 - the fixture, for the PostgreSQL run

# Every column but the write times (the two loads run at different moments).
COMPARED = {
    "documents": "doc_key, source, url, outlet, published, published_from, title, author, text, "
    "near_duplicate_of, minhash, retracted_at",
    "mentions": "mention_id, doc_key, event_type, date_start, date_end, modality, payload, "
    "latitude, longitude, geo_precision",
    "events": "event_id, event_type, sub_event_type, event_date, date_start, date_end, location, "
    "country, latitude, longitude, actor1, actor2, fatalities, confidence, modality, n_sources, "
    "payload",
    "event_mentions": "event_id, mention_id",
    "revisions": "event_id, kind, doc_key, changes",
    "event_tags": "event_id, tag",
    "event_rollup": "month, event_type, country, exported, tenths, sources, n, fatalities",
    "retired_events": "event_id",
}


def _sqlite_rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute(f"SELECT {COMPARED[table]} FROM {table}"), key=repr)


def _timeless(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events without their revisions' times (the two loads ran at different moments)."""
    return [
        {**r, "revisions": [{k: v for k, v in x.items() if k != "at"} for x in r["revisions"]]}
        for r in records
    ]


@pytest.fixture()
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 700 events, so that a few hundred events make several blocks (and a partial
    one) written in order from two worker processes."""
    monkeypatch.setattr(synthetic, "BLOCK", 700)


@pytest.mark.parametrize("documents", [True, False])
def test_bulk_fill_stores_what_fill_stores(
    tmp_path: Path, small_blocks: None, documents: bool
) -> None:
    one, bulk = tmp_path / "fill.db", tmp_path / "bulk.db"
    fill(Store(str(one)), 2000, seed=5, documents=documents)
    bulk_fill(Store(str(bulk)), 2000, seed=5, documents=documents, workers=2)
    for table in COMPARED:
        expected = _sqlite_rows(one, table)
        assert _sqlite_rows(bulk, table) == expected, table
    assert len(_sqlite_rows(bulk, "events")) == 2000
    with sqlite3.connect(one) as a, sqlite3.connect(bulk) as b:
        fts = "SELECT rowid, doc FROM events_fts ORDER BY rowid"
        assert a.execute(fts).fetchall() == b.execute(fts).fetchall()
        # the change counter moved: a server's kept answers are not served after a load
        assert b.execute("SELECT n FROM store_changes WHERE id = 1").fetchone()[0] > 0


def test_bulk_fill_on_postgresql(tmp_path: Path, small_blocks: None, pg_url: str) -> None:  # noqa: F811
    """COPY with the triggers running: the same events, tags, rollup and searchable text as
    a fill through transactions (into SQLite, compared through the store's reads)."""
    one = Store(str(tmp_path / "fill.db"))
    fill(one, 1500, seed=9)
    bulk = Store(pg_url)
    try:
        bulk_fill(bulk, 1500, seed=9, workers=2)
        every = EventFilter(include_unconfirmed=True, sort="date")
        assert _timeless(bulk.events(every)) == _timeless(one.events(every))
        for table in ("event_tags", "event_rollup", "event_mentions"):
            found = sorted(_query(pg_url, f"SELECT {COMPARED[table]} FROM {table}"), key=repr)
            assert [tuple(r) for r in found] == _sqlite_rows(tmp_path / "fill.db", table), table
        searched = _query(pg_url, "SELECT count(*) FROM event_search WHERE doc LIKE '%qusayr%'")
        every_qusayr = EventFilter(text="qusayr", include_unconfirmed=True)
        assert searched[0][0] == one.count_events(every_qusayr)
        assert _query(pg_url, "SELECT n FROM store_changes WHERE id = 1")[0][0] > 0
        # the planner knows what was loaded (autovacuum is off on the test server)
        for table in ("events", "event_tags", "event_search"):
            planned = _query(pg_url, f"SELECT reltuples FROM pg_class WHERE relname = '{table}'")
            counted = _query(pg_url, f"SELECT count(*) FROM {table}")
            assert planned[0][0] == counted[0][0] > 0, table
    finally:
        bulk.engine.dispose()
