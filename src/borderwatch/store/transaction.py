"""Writes: one ``Transaction`` per document, so a crash never leaves a document half-stored."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import (
    Article,
    DocInfo,
    Event,
    Mention,
    NotEnglish,
    Skipped,
    mention_from,
    to_jsonable,
)
from .failures import clear_failures, record_failure
from .foreign import keep_foreign
from .outbox import Outbox
from .retraction import RetractionOps
from .schema import (
    REVISED_FIELDS,
    doc_bands,
    documents,
    event_mentions,
    events,
    mentions,
    retired_events,
    revisions,
)

CHUNK = 500
BOXES = 4  # the most places fusion's block query draws a box around each
T = TypeVar("T")
# Decoded values kept per store: fusion reads the same recent mentions back for every new
# document of the same weeks (decoding their JSON was a fifth of the cost of a commit), and
# near-duplicate detection the same signatures.
DECODED_MENTIONS = 20_000
DECODED_SIGNATURES = 5_000  # ~3 KB each; the documents near copies are looked for among are recent


class Decoded(Generic[T]):
    """Values decoded from their stored JSON, keyed by that JSON itself (so a payload that
    changed can never be served stale); the oldest entries go first when it is full.  Callers
    must not modify the values they get."""

    def __init__(self, decode: Callable[[str], T], capacity: int = DECODED_MENTIONS) -> None:
        self.capacity = capacity
        self._decode = decode
        self._items: dict[str, T] = {}

    def decode(self, payload: str) -> T:
        value = self._items.get(payload)
        if value is None:
            value = self._decode(payload)
            if self.capacity <= 0:
                return value
            if len(self._items) >= self.capacity:
                del self._items[next(iter(self._items))]
            self._items[payload] = value
        return value


class MentionCache(Decoded[Mention]):
    """Mentions decoded from their stored JSON (see :class:`Decoded`)."""

    def __init__(self, capacity: int = DECODED_MENTIONS) -> None:
        super().__init__(lambda payload: mention_from(json.loads(payload)), capacity)


def signature_cache() -> Decoded[list[int]]:
    """MinHash signatures decoded from their stored JSON (see :class:`Decoded`)."""
    return Decoded(json.loads, DECODED_SIGNATURES)


@dataclass(frozen=True)
class NewDocument:
    """A document to store, with what near-duplicate detection found and needs."""

    article: Article
    near_duplicate_of: str | None = None
    minhash: list[int] | None = None
    bands: tuple[str, ...] = ()


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Transaction(RetractionOps):
    """One unit of work: everything done through it commits together or not at all."""

    def __init__(
        self,
        conn: Connection,
        decoded: MentionCache | None = None,
        signatures: Decoded[list[int]] | None = None,
    ) -> None:
        self.conn = conn
        self.decoded = decoded if decoded is not None else MentionCache()
        self.signatures = signatures if signatures is not None else signature_cache()

    def decode_mention(self, payload: str) -> Mention:
        return self.decoded.decode(payload)

    # documents -------------------------------------------------------------------------------
    def has_document(self, doc_key: str) -> bool:
        query = sa.select(documents.c.doc_key).where(documents.c.doc_key == doc_key)
        return self.conn.execute(query).first() is not None

    def stored_documents(self, doc_keys: Sequence[str]) -> set[str]:
        """Which of ``doc_keys`` are stored."""
        found: set[str] = set()
        for chunk in chunks(sorted(set(doc_keys))):
            query = sa.select(documents.c.doc_key).where(documents.c.doc_key.in_(chunk))
            found.update(self.conn.execute(query).scalars().all())
        return found

    def add_document(
        self,
        article: Article,
        *,
        near_duplicate_of: str | None = None,
        minhash: list[int] | None = None,
        bands: Sequence[str] = (),
    ) -> None:
        self.add_documents([NewDocument(article, near_duplicate_of, minhash, tuple(bands))])

    def add_documents(self, new: Sequence[NewDocument]) -> None:
        """Insert documents (with their near-duplicate bands) in two statements."""
        if not new:
            return
        at = now()
        self.conn.execute(documents.insert(), [document_row(d, at) for d in new])
        clear_failures(self.conn, [d.article.source for d in new])
        bands = [{"band": b, "doc_key": d.article.doc_key} for d in new for b in d.bands]
        if bands:
            self.conn.execute(doc_bands.insert(), bands)

    def near_duplicate_candidates(
        self, bands: Sequence[str]
    ) -> list[tuple[str, str, str | None, list[int]]]:
        """Documents sharing any of ``bands``: (band, doc_key, its near_duplicate_of, signature),
        by band then key."""
        d, b = documents.c, doc_bands.c
        found = []
        for chunk in chunks(sorted(set(bands))):
            rows = self.conn.execute(
                sa.select(b.band, d.doc_key, d.near_duplicate_of, d.minhash)
                .join(documents, d.doc_key == b.doc_key)
                .where(b.band.in_(chunk), d.minhash.is_not(None))
            )
            found += [
                (r.band, r.doc_key, r.near_duplicate_of, self.signatures.decode(r.minhash))
                for r in rows
            ]
        return sorted(found, key=lambda row: row[:2])

    def doc_infos(self, doc_keys: set[str]) -> dict[str, DocInfo]:
        c = documents.c
        rows = self.conn.execute(
            sa.select(c.doc_key, c.source, c.url, c.outlet, c.published, c.near_duplicate_of).where(
                c.doc_key.in_(sorted(doc_keys))
            )
        )
        return {
            r.doc_key: DocInfo(r.url or r.source, r.outlet, r.published, r.near_duplicate_of)
            for r in rows
        }

    def record_failure(self, skipped: Skipped) -> None:
        """Record a document not stored: one in another language is kept with its text (a
        skip); any other is a failure keyed by (source, stage), a repeated one updating its row."""
        if isinstance(skipped, NotEnglish):
            keep_foreign(self.conn, skipped, now())
        else:
            record_failure(self.conn, skipped, now())

    # mentions --------------------------------------------------------------------------------
    def add_mentions(self, items: Sequence[Mention]) -> None:
        if items:
            self.conn.execute(mentions.insert(), [mention_row(m) for m in items])

    def mentions_in_block(
        self,
        event_types: set[str],
        windows: Sequence[tuple[date, date]] | None,
        near: Sequence[tuple[float, float]] = (),
        degrees: float = 1.0,
    ) -> list[Mention]:
        """Mentions of these types without a date or whose windows overlap one of ``windows``
        (fusion's blocking; None: of any date) and, when ``near`` is given, whose place lies
        within ``degrees`` of one of those points or is missing or coarse (a region or a
        country may fuse with anything inside it)."""
        c = mentions.c
        query = sa.select(c.payload).where(c.event_type.in_(sorted(event_types)))
        if near:
            boxes = [
                sa.and_(
                    c.latitude.between(south - degrees, north + degrees),
                    c.longitude.between(west - degrees, east + degrees),
                )
                for south, north, west, east in _boxes(near)
            ]
            query = query.where(sa.or_(c.latitude.is_(None), c.geo_precision >= 3, *boxes))
        queries = [query]
        if windows is not None:
            # one query per window and one for the undated, each served by an index: an OR of
            # them would scan every mention of these types, a cost that grows with the store
            queries = [query.where(c.date_start.is_(None))]
            queries += [query.where(c.date_end >= s, c.date_start <= e) for s, e in windows]
        decode = self.decoded.decode
        found = {p: None for q in queries for p in self.conn.execute(q).scalars().all()}
        return [decode(p) for p in found]

    def events_holding(self, mention_ids: Sequence[str]) -> dict[str, frozenset[str]]:
        """The stored events that hold any of ``mention_ids``, each with all its mention ids."""
        members: dict[str, set[str]] = {}
        for chunk in chunks(sorted(self._events_of(sorted(mention_ids)))):
            rows = self.conn.execute(
                sa.select(event_mentions.c.event_id, event_mentions.c.mention_id).where(
                    event_mentions.c.event_id.in_(chunk)
                )
            )
            for row in rows:
                members.setdefault(row.event_id, set()).add(row.mention_id)
        return {event_id: frozenset(ids) for event_id, ids in members.items()}

    def events_left_in_place(
        self, event_ids: Sequence[str], rewritten: Sequence[str], dropped: Sequence[str] = ()
    ) -> set[str]:
        """Of ``event_ids``, the stored events that a rewrite of the mentions ``rewritten``
        (and of the events ``dropped``) leaves as they are: their ids are taken, and no event
        the rewrite builds may be given one (see ``review_links.name_events``)."""
        stored: set[str] = set()
        for chunk in chunks(sorted(set(event_ids))):
            query = sa.select(events.c.event_id).where(events.c.event_id.in_(chunk))
            stored.update(self.conn.execute(query).scalars().all())
        if not stored:
            return stored
        return stored - self._events_of(sorted(set(rewritten))) - set(dropped)

    def expand_to_events(
        self, block: list[Mention], held: dict[str, frozenset[str]]
    ) -> list[Mention]:
        """``block`` plus every other mention of the events ``held`` (those holding its
        mentions), so that re-fusing the result never strands part of an existing event."""
        known = {m.mention_id for m in block}
        missing = sorted({m for ids in held.values() for m in ids} - known)
        extra: list[Mention] = []
        for chunk in chunks(missing):
            rows = self.conn.execute(
                sa.select(mentions.c.payload).where(mentions.c.mention_id.in_(chunk))
            )
            extra += [self.decoded.decode(r.payload) for r in rows]
        return block + extra

    def _events_of(self, mention_ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(mention_ids):
            query = sa.select(event_mentions.c.event_id).where(
                event_mentions.c.mention_id.in_(chunk)
            )
            found |= {r.event_id for r in self.conn.execute(query)}
        return found

    # events ----------------------------------------------------------------------------------
    def replace_events(
        self,
        mention_ids: set[str],
        new_events: Sequence[Event],
        doc_key: str | None = None,
        brought: Mapping[str, tuple[int, str]] | None = None,
        also: Sequence[str] = (),
    ) -> None:
        """Drop the events that hold any of ``mention_ids``, write ``new_events`` instead, and
        record what changed: a revision per created or changed event, and the ids that no
        longer exist with the events that replaced them (ACLED's deletions list).  Each change
        is put down to a document: of the mentions ``brought`` (mention id -> (order, doc key)
        of the documents committed together), the last one's in the event; else ``doc_key``.
        ``also``: ids of further events to drop (whose mentions were already removed)."""
        cause = _Cause(brought or {}, doc_key)
        old = self._payloads(sorted(self._events_of(sorted(mention_ids)) | set(also)))
        outbox = Outbox(self.conn, old)  # reads which saved searches the old events matched
        fresh = {e.event_id: (e, to_jsonable(e)) for e in new_events}
        # events that come out of re-fusion exactly as they were are left alone
        unchanged = {eid for eid, (_, payload) in fresh.items() if old.get(eid) == payload}
        stale = sorted(set(old) - unchanged)
        for chunk in chunks(stale):
            self.conn.execute(event_mentions.delete().where(event_mentions.c.event_id.in_(chunk)))
            self.conn.execute(events.delete().where(events.c.event_id.in_(chunk)))
        changed = [fresh[eid] for eid in sorted(set(fresh) - unchanged)]
        if changed:
            self.conn.execute(events.insert(), [event_row(e, p) for e, p in changed])
            self.conn.execute(
                event_mentions.insert(),
                [
                    {"event_id": e.event_id, "mention_id": m}
                    for e, _ in changed
                    for m in e.mention_ids
                ],
            )
        owner = {m: eid for eid, payload in old.items() for m in payload["mention_ids"]}
        revised = [
            row
            for event, payload in changed
            if (row := revision_row(event, payload, old.get(event.event_id), owner, cause(event)))
        ]
        if revised:
            self.conn.execute(revisions.insert(), revised)
        self._retire(old, new_events, cause)
        by_id = {e.event_id: e for e in new_events}
        outbox.queue(
            [(e.event_id, p) for e, p in changed],
            old,
            set(by_id),
            owner,
            lambda ids: cause(*(by_id[i] for i in ids if i in by_id)),
        )

    def _payloads(self, event_ids: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for chunk in chunks(event_ids):
            rows = self.conn.execute(
                sa.select(events.c.event_id, events.c.payload).where(events.c.event_id.in_(chunk))
            )
            found.update({r.event_id: json.loads(r.payload) for r in rows})
        return found

    def _retire(
        self, old: dict[str, dict[str, Any]], new_events: Sequence[Event], cause: _Cause
    ) -> None:
        new_ids = sorted(e.event_id for e in new_events)
        for chunk in chunks(new_ids):  # an id that comes back is no longer retired
            self.conn.execute(retired_events.delete().where(retired_events.c.event_id.in_(chunk)))
        for event_id in sorted(set(old) - set(new_ids)):
            members = set(old[event_id]["mention_ids"])
            successors = [e for e in new_events if members & set(e.mention_ids)]
            self.conn.execute(
                retired_events.insert().values(
                    event_id=event_id,
                    replaced_by=json.dumps(sorted(e.event_id for e in successors)),
                    doc_key=cause(*successors),
                    at=now(),
                )
            )


class _Cause:
    """Which document a change to events is put down to (see ``Transaction.replace_events``)."""

    def __init__(self, brought: Mapping[str, tuple[int, str]], default: str | None) -> None:
        self.brought = brought
        self.default = default

    def __call__(self, *changed: Event) -> str | None:
        found = [self.brought[m] for e in changed for m in e.mention_ids if m in self.brought]
        return max(found)[1] if found else self.default


def _boxes(points: Sequence[tuple[float, float]]) -> list[tuple[float, float, float, float]]:
    """(south, north, west, east) bounds around ``points``: one per distinct point when there
    are a few, else one around them all (a larger block is cheaper than a long query)."""
    distinct = sorted(set(points))
    if len(distinct) <= BOXES:
        return [(lat, lat, lon, lon) for lat, lon in distinct]
    lats, lons = [lat for lat, _ in distinct], [lon for _, lon in distinct]
    return [(min(lats), max(lats), min(lons), max(lons))]


def revision_row(
    event: Event,
    after: dict[str, Any],
    before: dict[str, Any] | None,
    owner: dict[str, str],
    doc_key: str | None,
) -> dict[str, Any] | None:
    """The revision row for an event written anew (None when nothing a user sees changed)."""
    if before is None:
        merged = sorted({owner[m] for m in event.mention_ids if m in owner})
        kind = "merged" if len(merged) > 1 else ("split" if merged else "created")
        changes: dict[str, Any] = {"from_events": merged} if merged else {}
    else:
        changes = {
            f: [before.get(f), after.get(f)]
            for f in REVISED_FIELDS
            if before.get(f) != after.get(f)
        }
        if not changes:
            return None
        kind = "updated"
    return {
        "event_id": event.event_id,
        "kind": kind,
        "doc_key": doc_key,
        "changes": json.dumps(changes),
        "at": now(),
    }


def document_row(d: NewDocument, at: datetime) -> dict[str, Any]:
    """The ``documents`` row of a new document stored at ``at``."""
    a = d.article
    return {
        "doc_key": a.doc_key,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published,
        "published_from": a.published_from,
        "title": a.title,
        "author": a.author,
        "text": a.text,
        "near_duplicate_of": d.near_duplicate_of,
        "ingested_at": at,
        "minhash": json.dumps(d.minhash) if d.minhash else None,
    }


def mention_row(m: Mention) -> dict[str, Any]:
    return {
        "mention_id": m.mention_id,
        "doc_key": m.doc_key,
        "event_type": m.event_type,
        "date_start": m.date.start if m.date else None,
        "date_end": m.date.end if m.date else None,
        "modality": m.modality,
        "latitude": m.place.latitude if m.place else None,
        "longitude": m.place.longitude if m.place else None,
        "geo_precision": m.place.precision if m.place else None,
        "payload": json.dumps(to_jsonable(m)),
    }


def event_row(event: Event, payload: dict[str, Any]) -> dict[str, Any]:
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
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "fatalities": event.fatalities,
        "confidence": event.confidence,
        "modality": event.modality,
        "n_sources": event.n_sources,
        "payload": json.dumps(payload),
        "updated_at": now(),
    }
