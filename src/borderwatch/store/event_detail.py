"""One event with everything its page shows, in two joined reads.

``GET /api/events/{id}`` used to take seven queries on two connections (is the id an alias?
the payload, the revisions, then the mentions with their documents, the documents' texts and
the revisions' documents): 2.7 ms of server CPU per answer at 100,000 events, most of it
SQLAlchemy's work per statement, and under ``bench/load.py`` the slowest read (p50 307 ms,
waiting for the thread pool).  Here one connection reads the event with its revisions and
their documents (one row per revision), then its mentions with their documents and texts (one
row per mention), after the review log's state (one indexed read while no review exists).  An
id that is not an event now (merged away by an analyst or by fusion) is resolved as
``Store.event`` resolves it; the answer is the one ``Store.event`` and the three reads of
``query`` gave, field for field (``tests/test_api_detail.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from .query import mention_document_columns
from .review_overlay import overlay, unreviewed
from .review_state import ReviewState, current_id
from .schema import documents, event_mentions, events, mentions, revisions
from .stored_json import loads

DocumentName = tuple[str | None, str | None]  # (outlet, URL or source)


@dataclass(frozen=True)
class EventDetail:
    """An event (corrected by its reviews, with its ``revisions``), its mentions with their
    documents (``query.mention_evidence``'s rows), the texts of those documents and the names
    of the documents its revisions cite."""

    event: dict[str, Any]
    mentions: list[dict[str, Any]]
    texts: dict[str, str]
    documents: dict[str, DocumentName]


def read_detail(
    conn: Connection,
    state: ReviewState,
    event_id: str,
    *,
    include_rejected: bool = True,
) -> EventDetail | None:
    """``event_id``'s detail, or None when no event is or replaces it (or it was rejected by an
    analyst and ``include_rejected`` is false)."""
    rows = conn.execute(EVENT_WITH_HISTORY, {"event_id": event_id}).all()
    found = event_id
    if not rows:  # not an event now: an id merged away, or changed by an earlier report
        resolved = current_id(conn, state, event_id)
        if resolved is None or resolved == event_id:
            return None
        found = resolved
        rows = conn.execute(EVENT_WITH_HISTORY, {"event_id": found}).all()
        if not rows:
            return None
    machine: dict[str, Any] = loads(rows[0].payload)
    lineages = state.on(found)
    event = overlay(machine, lineages) if lineages else {**machine, "review": unreviewed(machine)}
    if event["review"]["status"] == "rejected" and not include_rejected:
        return None
    history = [row for row in rows if row.kind is not None]
    event["revisions"] = [_revision(row) for row in history]
    names = {r.doc_key: (r.outlet, r.url or r.source) for r in history if r.named is not None}
    reports, texts = _mentions(conn, event["event_id"])
    return EventDetail(event, reports, texts, names)


def _event_with_history() -> sa.Select:
    """The event's payload, once per revision (oldest first) with the revision's document
    name; one row with no revision when it has none."""
    r, d = revisions.c, documents.c
    return (
        sa.select(
            events.c.payload,
            r.kind,
            r.at,
            r.doc_key,
            r.changes,
            d.doc_key.label("named"),
            d.outlet,
            d.url,
            d.source,
        )
        .select_from(events)
        .join(revisions, r.event_id == events.c.event_id, isouter=True)
        .join(documents, d.doc_key == r.doc_key, isouter=True)
        .where(events.c.event_id == sa.bindparam("event_id"))
        .order_by(r.id)
    )


def _revision(row: Row[Any]) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "at": row.at.isoformat(),
        "doc_key": row.doc_key,
        "changes": loads(row.changes),
    }


def _mentions_with_documents() -> sa.Select:
    """Every mention of the event with its document's metadata and text."""
    m, d = mentions.c, documents.c
    return (
        sa.select(
            *mention_document_columns(),
            d.ingested_at,
            d.doc_key.label("found"),
            d.text,
        )
        .join(event_mentions, event_mentions.c.mention_id == m.mention_id)
        .join(documents, d.doc_key == m.doc_key, isouter=True)
        .where(event_mentions.c.event_id == sa.bindparam("event_id"))
        .order_by(d.published, d.ingested_at, m.mention_id)
    )


# Built once: a statement made per request cost about a tenth of a millisecond of CPU each.
EVENT_WITH_HISTORY = _event_with_history()
MENTIONS_WITH_DOCUMENTS = _mentions_with_documents()


def _mentions(conn: Connection, event_id: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Every mention of the event with its document's metadata (as
    ``query.mention_evidence``), and the texts of the documents found."""
    reports: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    for row in conn.execute(MENTIONS_WITH_DOCUMENTS, {"event_id": event_id}):
        found = row._asdict()
        if found.pop("found") is not None:
            texts[row.doc_key] = found.pop("text") or ""
        else:
            found.pop("text")
        found["payload"] = loads(row.payload)
        reports.append(found)
    return reports, texts
