"""Bulk loading for benchmarks: a million new events written in minutes, row for row what
``Transaction`` writes for them.

``rows_of`` builds the rows of new documents, reports and events with the transaction's own row
functions (``document_row``, ``mention_row``, ``event_row``, ``revision_row``); it touches no
database, so worker processes can build them while one process writes.  ``Store.bulk_load``
writes them, a transaction per block: SQLite by ``executemany`` with a large page cache (the random
keys of documents and reports otherwise send every insert to disk once the indexes outgrow the
default 2 MB cache), PostgreSQL by ``COPY``.  The events' triggers run for every row as for any
write, so the tags, the free-text index, the rollup and the change counters are those the store
keeps.  What a fusion transaction also does and a load into an empty store does not need is left
out: no event is replaced (no retirement, no outbox: there is nothing old to compare with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Article, Event, Mention, to_jsonable
from .schema import documents, event_mentions, events, mentions, revisions
from .transaction import NewDocument, document_row, event_row, mention_row, now, revision_row

# SQLite's page cache while loading, in KiB (negative cache_size): a million events' indexes
# stay in memory instead of being re-read for every random key.
LOAD_CACHE_KIB = 1_000_000
TABLES = (documents, mentions, events, event_mentions, revisions)  # in the order written


@dataclass
class Rows:
    """Rows to insert, by table name: the columns the row builder fills, and each row's values
    in that order."""

    by_table: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = field(default_factory=dict)

    def add(self, table: sa.Table, row: dict[str, Any]) -> None:
        columns, found = self.by_table.setdefault(table.name, (list(row), []))
        if len(row) != len(columns):
            raise ValueError(f"{table.name}: a row of {list(row)}, not {columns}")
        found.append(tuple(row.values()))

    def __len__(self) -> int:
        return len(self.by_table.get(events.name, ([], []))[1])


def rows_of(items: Iterable[tuple[Sequence[Article], Sequence[Mention], Event]]) -> Rows:
    """The rows ``Transaction`` writes for these new events with their articles and reports
    (``add_documents``, ``add_mentions``, ``replace_events`` into an empty store)."""
    rows, at = Rows(), now()
    for articles, reports, event in items:
        for article in articles:
            rows.add(documents, document_row(NewDocument(article), at))
        for mention in reports:
            rows.add(mentions, mention_row(mention))
        payload = to_jsonable(event)
        rows.add(events, event_row(event, payload))
        for mention_id in event.mention_ids:
            rows.add(event_mentions, {"event_id": event.event_id, "mention_id": mention_id})
        revision = revision_row(event, payload, None, {}, None)
        if revision is not None:
            rows.add(revisions, revision)
    return rows


def _write_sqlite(conn: Connection, rows: Rows) -> None:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for table in TABLES:
        if table.name not in rows.by_table:
            continue
        names, found = rows.by_table[table.name]
        # values stored as SQLAlchemy's SQLite types store them (dates and times as text)
        process = [table.c[name].type.bind_processor(conn.dialect) for name in names]
        if any(process):
            found = [_processed(process, row) for row in found]
        marks = ", ".join("?" * len(names))
        cursor.executemany(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", found)


def _processed(process: list[Any], row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(f(v) if f else v for f, v in zip(process, row, strict=True))


def _write_postgresql(conn: Connection, rows: Rows) -> None:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for table in TABLES:
        if table.name not in rows.by_table:
            continue
        names, found = rows.by_table[table.name]
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in found:
                copy.write_row(row)


class BulkLoader:
    """Writes ``Rows``, one write transaction each (``Store.bulk_load``): one transaction for
    a million events grew SQLite's write-ahead log to 5 GB, and every page read searched it
    (the load slowed from 2 to 7 minutes per 100,000 events); a block of 10,000 a commit keeps
    the log checkpointed and small."""

    def __init__(self, begin: Callable[[], AbstractContextManager[Connection]]) -> None:
        self.begin = begin

    def write(self, rows: Rows) -> None:
        with self.begin() as conn:
            if conn.dialect.name == "postgresql":
                _write_postgresql(conn, rows)
                return
            was = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
            conn.exec_driver_sql(f"PRAGMA cache_size=-{LOAD_CACHE_KIB}")
            try:
                _write_sqlite(conn, rows)
            finally:  # set back: the connection is pooled
                conn.exec_driver_sql(f"PRAGMA cache_size={int(was)}")

    def finish(self) -> None:
        """The planner's statistics of what was loaded, on PostgreSQL.  Without them (until
        autovacuum's next pass, never where it is off) it plans a million rows as the few it
        saw at creation: a border tag's page of the dashboard at 1,000,000 events hashed all
        the tag's 134,000 ids and looked each event up (4.5 s) instead of walking the date
        index until it had a page (0.16 s).  SQLite's plans are left as they are: its stores
        are planned without ``sqlite_stat1`` everywhere else too."""
        with self.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("ANALYZE")
