"""Documents in other languages, kept with their text and language instead of being dropped, so a
pipeline for that language can read them later: one row per source (a document read again
replaces its row), ``status`` ``pending`` until such a pipeline marks it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import NotEnglish
from .failures import clear_failures
from .schema import foreign_documents

PENDING = "pending"


def keep_foreign(conn: Connection, doc: NotEnglish, at: datetime) -> None:
    """Store (or refresh) a foreign-language document; it is a skip, so any failure noted for
    the same source before is dropped."""
    values = {
        "language": doc.language or "und",
        "status": PENDING,
        "text": doc.text,
        "title": doc.title,
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published,
        "at": at,
    }
    key = foreign_documents.c.source == doc.source
    if conn.execute(foreign_documents.update().where(key).values(**values)).rowcount == 0:
        conn.execute(foreign_documents.insert().values(source=doc.source, **values))
    clear_failures(conn, [doc.source])


def list_foreign(
    conn: Connection, *, language: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """The kept documents (with their text), oldest first, optionally of one language/status."""
    f = foreign_documents.c
    query = sa.select(foreign_documents).order_by(f.at, f.id)
    if language is not None:
        query = query.where(f.language == language)
    if status is not None:
        query = query.where(f.status == status)
    return [dict(r._mapping) for r in conn.execute(query)]
