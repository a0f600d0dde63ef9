"""Analysts' reviews in the store: the overlay applied when events are read, and the writes of
the review log (see :mod:`.lineage` for how a review finds its event again).

``Store.events``, ``Store.count_events`` and ``Store.event`` read through :class:`ReviewStore`:
while no review exists they are the machine's queries unchanged; once one does, the reviewed
events (few) are read, corrected and filtered here, the others by SQL as before, and the two
are merged in the order asked for.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreConflict, StoreError
from ..model import Mention
from . import query as q
from .lineage import FusionLink, Lineage, fusion_links
from .outbox import Outbox
from .query import MAX_LIMIT, EventFilter, apply_filter
from .review_overlay import ordered, overlay, revision_of, unreviewed, visible
from .review_rows import page_payloads, reviewed_light_rows
from .review_schema import review_actions, review_anchors
from .review_state import (
    ReviewState,
    current_id,
    linked_lineages,
    load_state,
    mention_key,
    state_key,
)
from .schema import events
from .stored_json import loads
from .transaction import MentionCache

CHUNK = 500


class ReviewError(StoreError):
    """A review action that cannot be done (unknown event, bad field or value)."""


class ReviewConflict(StoreConflict):
    """The event changed since the analyst loaded it (its revision differs)."""


def fusion_links_of(conn: Connection) -> list[FusionLink]:
    """Analysts' merges and splits, as constraints for fusion (see ``review_links``)."""
    return fusion_links(linked_lineages(conn))


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ReviewStore:
    """The review overlay and log (mixed into :class:`~borderwatch.store.Store`)."""

    engine: Engine
    _decoded: MentionCache
    _review_cache: tuple[tuple[Any, ...] | None, ReviewState] | None = None
    _corrected_cache: tuple[ReviewState, dict[str, dict[str, Any]]] | None = None

    def review_state(self, conn: Connection) -> ReviewState:
        """The review log as it applies to the events now (re-read only when either changed)."""
        key = state_key(conn)
        if key is None:
            return ReviewState()
        if self._review_cache is not None and self._review_cache[0] == key:
            return self._review_cache[1]
        state = load_state(conn, self._decoded.decode)
        self._review_cache = (key, state)
        return state

    def has_reviews(self, conn: Connection) -> bool:
        """Whether any review applies (reads then correct the reviewed events)."""
        return bool(self.review_state(conn).lineages)

    # reads -----------------------------------------------------------------------------------
    def read_events(self, conn: Connection, flt: EventFilter) -> list[dict[str, Any]]:
        """The events ``flt`` selects, corrected by their reviews (without revisions for the
        unreviewed; reviewed ones carry theirs, as the filter needed them)."""
        state = self.review_state(conn)
        if not state.lineages:
            if flt.reviewed is True:
                return []
            query = apply_filter(sa.select(events.c.payload), flt)
            return [loads(r.payload) for r in conn.execute(query)]
        reviewed = sorted(state.reviewed_events())
        found = self._corrected(conn, state, reviewed, flt)
        if flt.reviewed is not True:
            window = (flt.limit or MAX_LIMIT) + flt.offset
            machine = dataclasses.replace(flt, limit=min(window, MAX_LIMIT), offset=0)
            query = apply_filter(_without(sa.select(events.c.payload), reviewed), machine)
            found += [loads(r.payload) for r in conn.execute(query)]
        nulls_largest = conn.dialect.name == "postgresql"
        end = flt.offset + min(flt.limit or MAX_LIMIT, MAX_LIMIT)
        return ordered(found, flt.sort, nulls_largest)[flt.offset : end]

    def count_visible(self, conn: Connection, flt: EventFilter) -> int:
        """How many events ``flt`` selects, reviews applied."""
        state = self.review_state(conn)
        base = sa.select(sa.func.count()).select_from(events)
        if not state.lineages:
            if flt.reviewed is True:
                return 0
            return int(conn.execute(apply_filter(base, flt, paginate=False)).scalar_one())
        reviewed = sorted(state.reviewed_events())
        unlimited = dataclasses.replace(flt, limit=None, offset=0)
        total = len(self._corrected(conn, state, reviewed, unlimited))
        if flt.reviewed is not True:
            query = apply_filter(_without(base, reviewed), flt, paginate=False)
            total += int(conn.execute(query).scalar_one())
        return total

    def dashboard_rows(self, conn: Connection, flt: EventFilter, cap: int) -> list[tuple[Any, ...]]:
        """``query.light_rows`` (the map, timeline and list of the dashboard), reviews applied."""
        state = self.review_state(conn)
        if not state.lineages:
            return [] if flt.reviewed is True else q.light_rows(conn, flt, cap)
        reviewed = sorted(state.reviewed_events())
        return reviewed_light_rows(
            conn, flt, cap, reviewed, lambda c, ids, f: self._corrected(c, state, ids, f)
        )

    def timeline_rows(self, conn: Connection, flt: EventFilter) -> list[tuple[Any, ...]]:
        """``query.timeline_rows`` (event_date, event_type, fatalities), reviews applied."""
        if not self.review_state(conn).lineages and flt.reviewed is not True:
            return q.timeline_rows(conn, flt)
        rows = self.dashboard_rows(conn, flt, MAX_LIMIT * 10)
        return [(r[1], r[4], r[6]) for r in rows if r[1] is not None]

    def dashboard_payloads(
        self, conn: Connection, event_ids: Sequence[str]
    ) -> list[dict[str, Any]]:
        """``query.payloads`` (a page of the dashboard's list), reviewed events corrected."""
        state = self.review_state(conn)
        reviewed = sorted(set(event_ids) & state.reviewed_events())
        every = EventFilter(include_unconfirmed=True, include_rejected=True)
        found = self._corrected(conn, state, reviewed, every) if reviewed else []
        return page_payloads(conn, event_ids, {e["event_id"]: e for e in found})

    def read_event(
        self, conn: Connection, event_id: str, *, include_rejected: bool = True
    ) -> dict[str, Any] | None:
        """One event, corrected, with its ``review`` block (revision included) -- found by its
        id now or by an id it had (merged away by an analyst, changed by an earlier report)."""
        state = self.review_state(conn)
        found = current_id(conn, state, event_id)
        if found is None:
            return None
        row = conn.execute(sa.select(events.c.payload).where(events.c.event_id == found)).first()
        if row is None:
            return None
        machine: dict[str, Any] = loads(row.payload)
        lineages = state.on(found)
        event = (
            overlay(machine, lineages) if lineages else {**machine, "review": unreviewed(machine)}
        )
        if event["review"]["status"] == "rejected" and not include_rejected:
            return None
        return event

    def _corrected(
        self, conn: Connection, state: ReviewState, ids: Sequence[str], flt: EventFilter
    ) -> list[dict[str, Any]]:
        """The reviewed events ``ids`` that show under ``flt``, corrected (copies)."""
        every = self._every_corrected(conn, state)
        return [_copy(every[i]) for i in ids if i in every and visible(every[i], flt)]

    def _every_corrected(self, conn: Connection, state: ReviewState) -> dict[str, dict[str, Any]]:
        """Every reviewed event, corrected and with its revisions: kept as long as ``state``
        is (the log and the events unchanged), so a page or a count reads no payload."""
        cached = self._corrected_cache
        if cached is not None and cached[0] is state:
            return cached[1]
        from . import _revisions  # the store's own reader of revisions

        ids = sorted(state.reviewed_events())
        history = _revisions(conn, ids)
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), CHUNK):
            query = sa.select(events.c.event_id, events.c.payload).where(
                events.c.event_id.in_(ids[start : start + CHUNK])
            )
            for row in conn.execute(query):
                event = overlay(loads(row.payload), state.on(row.event_id))
                event["revisions"] = history.get(row.event_id, [])
                found[row.event_id] = event
        self._corrected_cache = (state, found)
        return found

    def rejected_since(self, conn: Connection, since: datetime | None) -> list[dict[str, Any]]:
        """Events analysts rejected (at or after ``since``), as rows of the deletions list an
        incremental sync reads (``Store.retired``): gone, replaced by nothing."""
        state = self.review_state(conn)
        every = self._every_corrected(conn, state) if state.lineages else {}
        found = []
        for event_id, event in every.items():
            review = event["review"]
            if review["status"] != "rejected" or (since and review["at"] < since.isoformat()):
                continue
            row = {"event_id": event_id, "replaced_by": [], "doc_key": None, "at": review["at"]}
            found.append({**row, "rejected": True})
        return found

    def review_accuracy(self) -> dict[str, Any]:
        """Per field, how often analysts changed the machine's value (see ``field_changes``)."""
        with self.engine.connect() as conn:
            return field_changes(self.review_state(conn))

    def review_log(self, event_id: str) -> list[dict[str, Any]]:
        """Every review action on the event (and on the lineages merged into it), oldest
        first: who, when, action, field, machine value, analyst value, note."""
        with self.engine.connect() as conn:
            state = self.review_state(conn)
            now = current_id(conn, state, event_id)
            lineages = state.on(now) if now else _named_by_id(state, event_id)
            names = {x.lineage for x in lineages}
            names |= {n for n, x in state.lineages.items() if x.merged_into in names}
        actions = sorted(
            (a for n in names for a in state.lineages[n].actions), key=lambda a: a.action_id
        )
        return [
            {
                "at": a.at,
                "by": a.by,
                "action": a.action,
                "event_id": a.event_id,
                "field": a.field,
                "machine_value": a.machine_value,
                "analyst_value": a.analyst_value,
                "note": a.note,
            }
            for a in actions
        ]

    def review_queue(
        self, *, status: str = "unreviewed", max_confidence: float | None = None, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Events to review, lowest machine confidence first.  ``status`` ``conflict``: events
        that two separately reviewed events were fused into."""
        with self.engine.connect() as conn:
            state = self.review_state(conn)
            if status == "conflict":
                ids = sorted(state.conflicts())
            elif status == "unreviewed":
                ids = None
            else:
                ids = [e for e in state.reviewed_events() if _status_on(state.on(e)) == status]
            query = sa.select(events.c.event_id, events.c.payload)
            if ids is None:
                skip = [
                    e for e in state.reviewed_events() if _status_on(state.on(e)) != "unreviewed"
                ]
                query = _without(query, sorted(skip))
            else:
                query = query.where(events.c.event_id.in_(ids))
            if max_confidence is not None:
                query = query.where(events.c.confidence <= max_confidence)
            query = query.order_by(events.c.confidence, events.c.event_id).limit(limit)
            rows = list(conn.execute(query))
        return [overlay(loads(r.payload), state.on(r.event_id)) for r in rows]


def field_changes(state: ReviewState) -> dict[str, Any]:
    """Per editable field, how often analysts changed the machine's value among the events
    they confirmed or edited (the accuracy a deployment actually sees)."""
    from .review_overlay import EDITABLE_FIELDS

    reviewed = [x for x in state.lineages.values() if x.status in ("confirmed", "edited")]
    fields: dict[str, dict[str, Any]] = {}
    for name in EDITABLE_FIELDS:
        changed = sum(
            1
            for x in reviewed
            if name in x.fields()
            and x.fields()[name].analyst_value != x.fields()[name].machine_value
        )
        share = changed / len(reviewed) if reviewed else None
        fields[name] = {
            "changed": changed,
            "share": share,
            "machine_right": None if share is None else 1 - share,
        }
    return {"reviewed": len(reviewed), "fields": fields}


def _copy(event: dict[str, Any]) -> dict[str, Any]:
    """A copy a caller may change at the top level and in its revisions."""
    return {**event, "revisions": [dict(r) for r in event.get("revisions", [])]}


def _status_on(lineages: list[Lineage]) -> str:
    if len([x for x in lineages if x.status != "unreviewed"]) > 1:
        return "conflict"
    statuses = {x.status for x in lineages}
    for status in ("rejected", "edited", "confirmed"):
        if status in statuses:
            return status
    return "unreviewed"


def _named_by_id(state: ReviewState, event_id: str) -> list[Lineage]:
    return [x for x in state.lineages.values() if any(a.event_id == event_id for a in x.actions)]


def _without(query: sa.Select, event_ids: Sequence[str]) -> sa.Select:
    return query.where(events.c.event_id.not_in(list(event_ids))) if event_ids else query


class ReviewWriter:
    """The writes of one review, inside the caller's store transaction."""

    def __init__(self, conn: Connection, decode: MentionCache) -> None:
        self.conn = conn
        self.decode = decode

    def state(self) -> ReviewState:
        return load_state(self.conn, self.decode.decode)

    def current_id(self, state: ReviewState, event_id: str) -> str | None:
        return current_id(self.conn, state, event_id)

    def machine(self, event_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            sa.select(events.c.payload).where(events.c.event_id == event_id)
        ).first()
        return loads(row.payload) if row else None

    def check_revision(self, state: ReviewState, event_id: str, expected: str | None) -> None:
        """Refuse (``ReviewConflict``) when the event is no longer at revision ``expected``."""
        machine = self.machine(event_id)
        if machine is None or expected is None:
            return
        now = revision_of(machine, state.on(event_id))
        if now != expected:
            raise ReviewConflict(
                f"event {event_id} changed since revision {expected} (now {now}): "
                "reload it and review again"
            )

    def append(self, rows: list[dict[str, Any]]) -> None:
        """Add actions to the log (``lineage``, ``event_id``, ``action``, ``by`` required)."""
        at = utc_now()
        self.conn.execute(
            review_actions.insert(),
            [
                {
                    "field": None,
                    "note": None,
                    **row,
                    "machine_value": _json(row.get("machine_value")),
                    "analyst_value": _json(row.get("analyst_value")),
                    "patch": _json(row.get("patch")),
                    "at": at,
                }
                for row in rows
            ],
        )

    def anchor(self, lineage: str, found: Sequence[Mention]) -> None:
        """Tie ``lineage`` to these mentions (those it is tied to already are skipped)."""
        a = review_anchors.c
        have = set(self.conn.execute(sa.select(a.mention_id).where(a.lineage == lineage)).scalars())
        rows = [
            {
                "lineage": lineage,
                "mention_id": k.mention_id,
                "doc_key": k.doc_key,
                "sentence_start": k.sentence_start,
                "event_type": k.event_type,
            }
            for k in {mention_key(m) for m in found}
            if k.mention_id not in have
        ]
        if rows:
            self.conn.execute(review_anchors.insert(), rows)

    def unanchor(self, lineage: str, doc_key: str) -> None:
        """Untie ``lineage`` from one document's reports (they were split off)."""
        a = review_anchors.c
        self.conn.execute(review_anchors.delete().where(a.lineage == lineage, a.doc_key == doc_key))

    def raise_retracted(self, event_id: str, payload: dict[str, Any]) -> int:
        """Queue a ``retracted`` alert for every saved search ``event_id`` matches (an analyst
        rejected it): the outbox's own rule for an event gone without a successor."""
        outbox = Outbox(self.conn, {event_id: payload})
        return outbox.queue([], {event_id: payload}, set(), {}, lambda _ids: None)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)
