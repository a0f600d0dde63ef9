"""The store's side of withdrawing a report (``commit.retract``): find the document, read its
mentions and their events' other mentions, and once the events are rewritten, remove the
mentions and mark the document retracted (the row stays, so the same text is not stored again).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Mention
from .outbox import utc_now
from .schema import doc_bands, documents, event_mentions, mentions, revisions

CHUNK = 500


class RetractionOps:
    """Mixed into :class:`~borderwatch.store.Transaction`."""

    conn: Connection

    def decode_mention(self, payload: str) -> Mention:  # provided by Transaction
        raise NotImplementedError

    def find_document(self, ref: str) -> tuple[str, bool] | None:
        """(doc key, already retracted) of the document whose key, URL or source is ``ref``."""
        d = documents.c
        query = sa.select(d.doc_key, d.retracted_at).where(
            sa.or_(d.doc_key == ref, d.url == ref, d.source == ref)
        )
        row = self.conn.execute(query.order_by(d.ingested_at).limit(1)).first()
        return (row.doc_key, row.retracted_at is not None) if row else None

    def document_mention_ids(self, doc_key: str) -> list[str]:
        query = sa.select(mentions.c.mention_id).where(mentions.c.doc_key == doc_key)
        return sorted(self.conn.execute(query).scalars().all())

    def mentions_by_id(self, mention_ids: Sequence[str]) -> list[Mention]:
        found: list[Mention] = []
        ids = sorted(set(mention_ids))
        for start in range(0, len(ids), CHUNK):
            query = sa.select(mentions.c.payload).where(
                mentions.c.mention_id.in_(ids[start : start + CHUNK])
            )
            found += [self.decode_mention(p) for p in self.conn.execute(query).scalars()]
        return found

    def drop_retracted(
        self, doc_key: str, mention_ids: Sequence[str], events: Sequence[str]
    ) -> None:
        """Record the retraction on each event it touched, remove the document's mentions and
        mark it retracted (call after the events holding them were rewritten)."""
        at = utc_now()
        rows: list[dict[str, Any]] = [
            {
                "event_id": event_id,
                "kind": "retracted",
                "doc_key": doc_key,
                "changes": json.dumps({"retracted": doc_key}),
                "at": at,
            }
            for event_id in sorted(set(events))
        ]
        if rows:
            self.conn.execute(revisions.insert(), rows)
        ids = sorted(set(mention_ids))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            self.conn.execute(event_mentions.delete().where(event_mentions.c.mention_id.in_(chunk)))
            self.conn.execute(mentions.delete().where(mentions.c.mention_id.in_(chunk)))
        self.conn.execute(doc_bands.delete().where(doc_bands.c.doc_key == doc_key))
        self.conn.execute(
            documents.update().where(documents.c.doc_key == doc_key).values(retracted_at=at)
        )
