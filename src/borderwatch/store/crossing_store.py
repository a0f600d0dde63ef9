"""The crossing board in the store: status claims and the crossings mentions name, written with
their document (in its transaction), removed with it when it is withdrawn, and read back as the
board (``crossings.board`` derives each status; nothing here stores a status).

Claims are keyed by ``claim_id`` (document, crossing, sentence, status), so storing a document
again changes nothing; a withdrawn document's claims are deleted and, until then, every read
leaves out documents marked retracted.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..crossings.board import NEAR_KM, describe, evidence_of, link_events, recent, status_at
from ..crossings.records import CrossingClaim, claim_from
from ..crossings.registry import Crossing, Crossings
from ..model import EXPORTED_MODALITIES, to_jsonable
from .crossing_alerts import with_status_alerts
from .schema import documents, event_mentions, events, metadata
from .transaction import Transaction, chunks

crossing_claims = sa.Table(
    "crossing_claims",
    metadata,
    sa.Column("claim_id", sa.String(32), primary_key=True),
    sa.Column("crossing_id", sa.String(64)),
    sa.Column("doc_key", sa.String(32)),
    sa.Column("status", sa.String(16)),
    sa.Column("window_start", sa.Date),
    sa.Column("window_end", sa.Date),
    sa.Column("payload", sa.Text),
)
crossing_mentions = sa.Table(
    "crossing_mentions",
    metadata,
    sa.Column("mention_id", sa.String(32), primary_key=True),
    sa.Column("crossing_id", sa.String(64), primary_key=True),
    sa.Column("doc_key", sa.String(32)),
)
# Degrees of latitude per km, for the box a crossing's nearby events are first looked for in.
DEGREES_PER_KM = 1 / 111.0
NamedIn = tuple[str, str, str]  # (mention id, crossing id, doc key)


def store_crossing_records(
    tx: Transaction, claims: Sequence[CrossingClaim], named: Sequence[NamedIn]
) -> None:
    """Add claims and the crossings mentions name (those already stored are left as they are)."""
    conn = tx.conn
    if not claims and not named:
        return  # most documents: nothing to read or write
    doc_keys = sorted({c.doc_key for c in claims})
    with_status_alerts(
        conn,
        {c.crossing_id for c in claims},
        lambda: _add_claims(conn, claims),
        doc_keys[-1] if doc_keys else None,
        crossing_claims,
    )
    _add_names(conn, named)


def _add_claims(conn: Connection, claims: Sequence[CrossingClaim]) -> None:
    ids = sorted({c.claim_id for c in claims})
    have: set[str] = set()
    for chunk in chunks(ids):
        query = sa.select(crossing_claims.c.claim_id).where(crossing_claims.c.claim_id.in_(chunk))
        have.update(conn.execute(query).scalars())
    rows = [
        _claim_row(c) for c in {c.claim_id: c for c in claims}.values() if c.claim_id not in have
    ]
    if rows:
        conn.execute(crossing_claims.insert(), rows)


def _add_names(conn: Connection, named: Sequence[NamedIn]) -> None:
    pairs = sorted(set(named))
    stored: set[tuple[str, str]] = set()
    for chunk in chunks(sorted({m for m, _, _ in pairs})):
        query = sa.select(crossing_mentions.c.mention_id, crossing_mentions.c.crossing_id)
        stored.update(
            (r.mention_id, r.crossing_id)
            for r in conn.execute(query.where(crossing_mentions.c.mention_id.in_(chunk)))
        )
    fresh = [
        {"mention_id": m, "crossing_id": c, "doc_key": d}
        for m, c, d in pairs
        if (m, c) not in stored
    ]
    if fresh:
        conn.execute(crossing_mentions.insert(), fresh)


def drop_crossing_records(tx: Transaction, doc_key: str) -> int:
    """Remove a withdrawn document's claims and names; returns how many claims went."""
    conn = tx.conn
    c = crossing_claims.c
    touched = set(conn.execute(sa.select(c.crossing_id).where(c.doc_key == doc_key)).scalars())
    gone: list[int] = []

    def delete() -> None:
        result = conn.execute(crossing_claims.delete().where(c.doc_key == doc_key))
        gone.append(int(result.rowcount or 0))

    with_status_alerts(conn, touched, delete, doc_key, crossing_claims)
    conn.execute(crossing_mentions.delete().where(crossing_mentions.c.doc_key == doc_key))
    return gone[0]


def _claim_row(claim: CrossingClaim) -> dict[str, Any]:
    return {
        "claim_id": claim.claim_id,
        "crossing_id": claim.crossing_id,
        "doc_key": claim.doc_key,
        "status": claim.status,
        "window_start": claim.window.start,
        "window_end": claim.window.end,
        "payload": json.dumps(to_jsonable(claim), ensure_ascii=False),
    }


class CrossingStore:
    """The board's reads (mixed into :class:`~borderwatch.store.Store`)."""

    engine: Engine

    def crossing_claims(
        self, crossing_ids: Sequence[str] | None = None, *, until: date | None = None
    ) -> list[CrossingClaim]:
        """Claims of live documents (of these crossings; starting on or before ``until``),
        newest first."""
        c = crossing_claims.c
        query = (
            sa.select(c.payload)
            .select_from(crossing_claims.join(documents, documents.c.doc_key == c.doc_key))
            .where(documents.c.retracted_at.is_(None))
            .order_by(c.window_start.desc(), c.claim_id)
        )
        if crossing_ids is not None:
            query = query.where(c.crossing_id.in_(list(crossing_ids)))
        if until is not None:
            query = query.where(c.window_start <= until)
        with self.engine.connect() as conn:
            return [claim_from(json.loads(p)) for p in conn.execute(query).scalars()]

    def crossing_board(self, crossings: Crossings, at: date) -> list[dict[str, Any]]:
        """One row per crossing: its facts, status at ``at`` with the evidence, and the events
        of the 30 days before ``at`` around it."""
        by_crossing: dict[str, list[CrossingClaim]] = {c.crossing_id: [] for c in crossings}
        for claim in self.crossing_claims(until=at):
            by_crossing.setdefault(claim.crossing_id, []).append(claim)
        since = at - timedelta(days=30)
        linked = self._linked_events(crossings, list(crossings), since, at)
        rows = []
        for crossing in crossings:
            row = describe(crossing) | status_at(by_crossing[crossing.crossing_id], at)
            around = recent(linked[crossing.crossing_id], at)
            row["events"] = around
            row["pressure"] = sum(1 for e in around if e["pressure"])
            rows.append(row)
        return rows

    def crossing_history(
        self, crossings: Crossings, crossing: Crossing, at: date
    ) -> dict[str, Any]:
        """One crossing: its row at ``at``, every claim newest first, and all its events."""
        claims = self.crossing_claims([crossing.crossing_id])
        linked = self._linked_events(crossings, [crossing], None, None)
        row = describe(crossing) | status_at(claims, at)
        row["claims"] = [evidence_of(c) for c in claims]
        row["events"] = linked[crossing.crossing_id]
        row["pressure"] = sum(1 for e in row["events"] if e["pressure"])
        row["sources"] = list(crossing.sources)
        row["point"] = crossing.point
        return row

    def _linked_events(
        self,
        crossings: Crossings,
        wanted: list[Crossing],
        since: date | None,
        until: date | None,
    ) -> dict[str, list[dict[str, Any]]]:
        """The events of ``wanted`` crossings (pressure events go to their nearest of all)."""
        ids = {c.crossing_id for c in wanted}
        with self.engine.connect() as conn:
            named = _events_naming(conn, [c.crossing_id for c in crossings])
            naming_wanted = {e for e, named_ids in named.items() if named_ids & ids}
            payloads = _event_payloads(conn, wanted, naming_wanted, since, until)
        return link_events(payloads, named, crossings)


def _dated(query: Any, since: date | None, until: date | None) -> Any:
    c = events.c
    query = query.where(c.modality.in_(EXPORTED_MODALITIES))
    if since is not None:
        query = query.where(c.date_end >= since)
    if until is not None:
        query = query.where(c.date_start <= until)
    return query


def _events_naming(conn: Connection, crossing_ids: list[str]) -> dict[str, set[str]]:
    """Event id -> the crossings (of ``crossing_ids``) its reports' sentences name."""
    m = crossing_mentions.c
    query = (
        sa.select(event_mentions.c.event_id, m.crossing_id)
        .select_from(
            crossing_mentions.join(event_mentions, event_mentions.c.mention_id == m.mention_id)
        )
        .where(m.crossing_id.in_(crossing_ids))
    )
    found: dict[str, set[str]] = {}
    for row in conn.execute(query):
        found.setdefault(row.event_id, set()).add(row.crossing_id)
    return found


def _event_payloads(
    conn: Connection,
    wanted: Iterable[Crossing],
    named: set[str],
    since: date | None,
    until: date | None,
) -> list[dict[str, Any]]:
    """Events near a wanted crossing's point (a box around it) or naming one, in the dates."""
    c = events.c
    near = [_box(x) for x in wanted if x.latitude is not None and x.longitude is not None]
    found: dict[str, dict[str, Any]] = {}
    if near:
        query = _dated(sa.select(c.event_id, c.payload).where(sa.or_(*near)), since, until)
        found.update((r.event_id, json.loads(r.payload)) for r in conn.execute(query))
    for chunk in chunks(sorted(named - set(found))):
        query = _dated(sa.select(c.event_id, c.payload).where(c.event_id.in_(chunk)), since, until)
        found.update((r.event_id, json.loads(r.payload)) for r in conn.execute(query))
    return list(found.values())


def _box(crossing: Crossing) -> Any:
    assert crossing.latitude is not None and crossing.longitude is not None
    dlat = NEAR_KM * DEGREES_PER_KM
    dlon = dlat / max(math.cos(math.radians(crossing.latitude)), 0.1)
    c = events.c
    return sa.and_(
        c.latitude.between(crossing.latitude - dlat, crossing.latitude + dlat),
        c.longitude.between(crossing.longitude - dlon, crossing.longitude + dlon),
    )
