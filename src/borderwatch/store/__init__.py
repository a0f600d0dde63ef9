"""Store: the only code that touches the database (SQLite by default, PostgreSQL by URL).

SQLAlchemy Core over a schema kept by Alembic migrations (``store/migrations``).  SQLite runs in
WAL mode so the dashboard can read while an ingest writes.  Every document is written in one
transaction together with its mentions and the events they change, so a crash never leaves a
document half-stored, and a document already stored (same content key) is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreError
from ..fuse import DocInfo
from ..model import Article, Event, Mention, Skipped, mention_from, to_jsonable
from .query import EventFilter, apply_filter
from .schema import documents, event_mentions, events, failures, mentions

__all__ = ["EventFilter", "Store", "Transaction", "database_url"]


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL as given, else a SQLite file path."""
    if "://" in db:
        return (
            db.replace("postgresql://", "postgresql+psycopg://", 1)
            if db.startswith("postgresql://")
            else db
        )
    return f"sqlite:///{Path(db).expanduser()}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Transaction:
    """One unit of work: everything done through it commits together or not at all."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def has_document(self, doc_key: str) -> bool:
        row = self.conn.execute(
            sa.select(documents.c.doc_key).where(documents.c.doc_key == doc_key)
        )
        return row.first() is not None

    def add_document(self, article: Article, near_duplicate_of: str | None = None) -> None:
        self.conn.execute(
            documents.insert().values(
                doc_key=article.doc_key,
                source=article.source,
                url=article.url,
                outlet=article.outlet,
                published=article.published,
                published_from=article.published_from,
                title=article.title,
                author=article.author,
                text=article.text,
                near_duplicate_of=near_duplicate_of,
                ingested_at=_now(),
            )
        )

    def add_mentions(self, items: Sequence[Mention]) -> None:
        if not items:
            return
        self.conn.execute(
            mentions.insert(),
            [
                {
                    "mention_id": m.mention_id,
                    "doc_key": m.doc_key,
                    "event_type": m.event_type,
                    "date_start": m.date.start if m.date else None,
                    "date_end": m.date.end if m.date else None,
                    "modality": m.modality,
                    "payload": json.dumps(to_jsonable(m)),
                }
                for m in items
            ],
        )

    def mentions_in_block(
        self, event_types: set[str], start: date | None, end: date | None
    ) -> list[Mention]:
        """Mentions of these types whose windows overlap [start, end] (fusion's blocking)."""
        query = sa.select(mentions.c.payload).where(mentions.c.event_type.in_(sorted(event_types)))
        if start is not None and end is not None:
            query = query.where(
                sa.or_(
                    mentions.c.date_start.is_(None),
                    sa.and_(mentions.c.date_start <= end, mentions.c.date_end >= start),
                )
            )
        return [mention_from(json.loads(row.payload)) for row in self.conn.execute(query)]

    def expand_to_events(self, block: list[Mention]) -> list[Mention]:
        """``block`` plus every other mention of the events its mentions belong to, so that
        re-fusing the result never strands part of an existing event."""
        known = {m.mention_id for m in block}
        event_ids: set[str] = set()
        for chunk in _chunks(sorted(known), 500):
            event_ids |= {
                r.event_id
                for r in self.conn.execute(
                    sa.select(event_mentions.c.event_id).where(
                        event_mentions.c.mention_id.in_(chunk)
                    )
                )
            }
        extra: list[Mention] = []
        for chunk in _chunks(sorted(event_ids), 500):
            rows = self.conn.execute(
                sa.select(mentions.c.mention_id, mentions.c.payload)
                .join(event_mentions, event_mentions.c.mention_id == mentions.c.mention_id)
                .where(event_mentions.c.event_id.in_(chunk))
            )
            extra += [
                mention_from(json.loads(r.payload)) for r in rows if r.mention_id not in known
            ]
        return block + extra

    def doc_infos(self, doc_keys: set[str]) -> dict[str, DocInfo]:
        rows = self.conn.execute(
            sa.select(
                documents.c.doc_key,
                documents.c.source,
                documents.c.url,
                documents.c.outlet,
                documents.c.published,
                documents.c.near_duplicate_of,
            ).where(documents.c.doc_key.in_(sorted(doc_keys)))
        )
        return {
            r.doc_key: DocInfo(r.url or r.source, r.outlet, r.published, r.near_duplicate_of)
            for r in rows
        }

    def replace_events(self, mention_ids: set[str], new_events: Sequence[Event]) -> None:
        """Drop the events that hold any of ``mention_ids`` and write ``new_events`` instead."""
        ids = sorted(mention_ids)
        old = set()
        for chunk in _chunks(ids, 500):
            old |= {
                r.event_id
                for r in self.conn.execute(
                    sa.select(event_mentions.c.event_id).where(
                        event_mentions.c.mention_id.in_(chunk)
                    )
                )
            }
        for chunk in _chunks(sorted(old), 500):
            self.conn.execute(event_mentions.delete().where(event_mentions.c.event_id.in_(chunk)))
            self.conn.execute(events.delete().where(events.c.event_id.in_(chunk)))
        for event in new_events:
            self.conn.execute(events.insert().values(**_event_row(event)))
            self.conn.execute(
                event_mentions.insert(),
                [{"event_id": event.event_id, "mention_id": m} for m in event.mention_ids],
            )

    def record_failure(self, skipped: Skipped) -> None:
        self.conn.execute(
            failures.insert().values(
                source=skipped.source, stage=skipped.stage, reason=skipped.reason, at=_now()
            )
        )


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _event_row(event: Event) -> dict[str, Any]:
    place, when = event.place, event.date
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "event_date": when.best if when else None,
        "date_start": when.start if when else None,
        "date_end": when.end if when else None,
        "location": place.name if place else None,
        "country": place.country if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "actor1": event.actor1.canonical if event.actor1 else None,
        "actor2": event.actor2.canonical if event.actor2 else None,
        "fatalities": event.fatalities,
        "confidence": event.confidence,
        "modality": event.modality,
        "n_sources": len({s.doc for s in event.sources}),
        "payload": json.dumps(to_jsonable(event)),
        "updated_at": _now(),
    }


class Store:
    """A database of documents, mentions and events; create with a path or a URL."""

    def __init__(self, db: str) -> None:
        self.url = database_url(db)
        try:
            self.engine: Engine = sa.create_engine(self.url, future=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open database {db!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema up to date (Alembic migrations shipped in the package)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("borderwatch.store") / "migrations")
        )
        try:
            with self.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open database {self.url}: {exc.orig}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with self.engine.begin() as conn:
            yield Transaction(conn)

    def has_document(self, doc_key: str) -> bool:
        with self.transaction() as tx:
            return tx.has_document(doc_key)

    def record_failure(self, skipped: Skipped) -> None:
        with self.transaction() as tx:
            tx.record_failure(skipped)

    def events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events as stored (the full JSON payload), filtered and ordered by date, newest first."""
        query = apply_filter(sa.select(events.c.payload), flt or EventFilter())
        with self.engine.connect() as conn:
            return [json.loads(r.payload) for r in conn.execute(query)]

    def count_events(self, flt: EventFilter | None = None) -> int:
        base = sa.select(sa.func.count()).select_from(events)
        query = apply_filter(base, flt or EventFilter(), paginate=False)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(events.c.payload).where(events.c.event_id == event_id)
            ).first()
        return json.loads(row.payload) if row else None

    def document_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())

    def document_text(self, doc_key: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(documents.c.text).where(documents.c.doc_key == doc_key)
            ).first()
        return row.text if row else None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
