"""Reading the review log back: every lineage with its actions and anchors, and which current
event each lineage applies to (see :mod:`.lineage`).  Reviews are human-scale (thousands, not
millions), so the whole log is read and matched against the mentions of the documents it
anchors on; the result is kept until the log or the events change."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Mention
from .lineage import Action, Anchor, Lineage, MentionKey, assign
from .review_schema import review_actions, review_anchors
from .schema import event_mentions, events, mentions, retired_events, revisions

CHUNK = 500
MAX_ALIAS_HOPS = 20  # retired ids followed to their successor at most this many times


@dataclass
class ReviewState:
    """The review log as it applies to the events stored now."""

    lineages: dict[str, Lineage] = field(default_factory=dict)
    event_of: dict[str, str] = field(default_factory=dict)  # lineage -> event id
    _by_event: dict[str, list[Lineage]] | None = field(default=None, repr=False)

    def on(self, event_id: str) -> list[Lineage]:
        """The lineages that apply to ``event_id`` (in the order they were first reviewed)."""
        if self._by_event is None:
            by_event: dict[str, list[Lineage]] = {}
            for name, event in self.event_of.items():
                by_event.setdefault(event, []).append(self.lineages[name])
            for found in by_event.values():
                found.sort(key=lambda x: x.actions[0].action_id)
            self._by_event = by_event
        return list(self._by_event.get(event_id, []))

    def reviewed_events(self) -> set[str]:
        return set(self.event_of.values())

    def lineage_named(self, name: str) -> Lineage | None:
        """The lineage ``name``, or the one it was merged into (followed to the end)."""
        seen: set[str] = set()
        while name in self.lineages and name not in seen:
            seen.add(name)
            merged = self.lineages[name].merged_into
            if merged is None:
                return self.lineages[name]
            name = merged
        return None

    def conflicts(self) -> dict[str, list[Lineage]]:
        """Events that two or more reviewed lineages apply to (reviewed events that fusion
        joined): event id -> those lineages."""
        found = {e: self.on(e) for e in self.reviewed_events()}
        return {
            e: xs for e, xs in found.items() if len([x for x in xs if x.status != "unreviewed"]) > 1
        }


def state_key(conn: Connection) -> tuple[Any, ...] | None:
    """What changes whenever the review log or the events change (None: no review at all):
    the last action, the anchors, the last revision (an event retired or retracted) and the
    last time an event was written (a rewrite that changes no revised field, a new report from
    an outlet already cited, records no revision).  Each read uses an index."""
    last_action = conn.execute(sa.select(sa.func.max(review_actions.c.id))).scalar()
    if last_action is None:
        return None
    anchors = conn.execute(sa.select(sa.func.count()).select_from(review_anchors)).scalar()
    last_revision = conn.execute(sa.select(sa.func.max(revisions.c.id))).scalar()
    last_write = conn.execute(sa.select(sa.func.max(events.c.updated_at))).scalar()
    return (last_action, anchors, last_revision, last_write)


def load_state(conn: Connection, decode: Callable[[str], Mention]) -> ReviewState:
    """Every lineage and the event it applies to now."""
    lineages = load_lineages(conn)
    if not lineages:
        return ReviewState()
    docs = sorted({a.doc_key for x in lineages.values() for a in x.anchors})
    held = _events_by_mention(conn, docs, decode)
    return ReviewState(lineages, assign(lineages, held))


def load_lineages(conn: Connection, names: Sequence[str] | None = None) -> dict[str, Lineage]:
    """The lineages ``names`` (all when None) with their actions and anchors."""
    actions = sa.select(review_actions).order_by(review_actions.c.id)
    anchors = sa.select(review_anchors)
    if names is not None:
        actions = actions.where(review_actions.c.lineage.in_(list(names)))
        anchors = anchors.where(review_anchors.c.lineage.in_(list(names)))
    lineages: dict[str, Lineage] = {}
    for row in conn.execute(actions):
        lineage = lineages.setdefault(row.lineage, Lineage(row.lineage))
        lineage.actions.append(action_from(row))
    for row in conn.execute(anchors):
        if row.lineage in lineages:
            lineages[row.lineage].anchors.append(
                Anchor(row.mention_id, row.doc_key, row.sentence_start, row.event_type)
            )
    return lineages


def linked_lineages(conn: Connection) -> dict[str, Lineage]:
    """The lineages of analysts' merges and splits (what fusion must keep): cheap when none."""
    query = sa.select(review_actions.c.lineage).where(
        review_actions.c.action.in_(("merge", "merged", "split_from"))
    )
    names = sorted(set(conn.execute(query).scalars()))
    return load_lineages(conn, names) if names else {}


def action_from(row: Any) -> Action:
    return Action(
        action_id=row.id,
        lineage=row.lineage,
        event_id=row.event_id,
        action=row.action,
        field=row.field,
        machine_value=json.loads(row.machine_value) if row.machine_value else None,
        analyst_value=json.loads(row.analyst_value) if row.analyst_value else None,
        patch=json.loads(row.patch) if row.patch else {},
        note=row.note,
        by=row.by,
        at=row.at.isoformat(timespec="seconds"),
    )


def mention_key(m: Mention) -> MentionKey:
    return MentionKey(m.mention_id, m.doc_key, m.sentence.start, m.event_type)


def _events_by_mention(
    conn: Connection, docs: Sequence[str], decode: Callable[[str], Mention]
) -> dict[str, list[MentionKey]]:
    """Event id -> the keys of its mentions from ``docs`` (the anchored documents)."""
    keys: dict[str, MentionKey] = {}
    for start in range(0, len(docs), CHUNK):
        query = sa.select(mentions.c.payload).where(
            mentions.c.doc_key.in_(docs[start : start + CHUNK])
        )
        for payload in conn.execute(query).scalars():
            key = mention_key(decode(payload))
            keys[key.mention_id] = key
    held: dict[str, list[MentionKey]] = {}
    ids = sorted(keys)
    for start in range(0, len(ids), CHUNK):
        query = sa.select(event_mentions.c.event_id, event_mentions.c.mention_id).where(
            event_mentions.c.mention_id.in_(ids[start : start + CHUNK])
        )
        for row in conn.execute(query):
            held.setdefault(row.event_id, []).append(keys[row.mention_id])
    return held


def current_id(conn: Connection, state: ReviewState, event_id: str) -> str | None:
    """The event ``event_id`` is now: itself while it exists; else the event its reviewed
    lineage applies to (an id merged away by an analyst, or changed by an earlier report);
    else, for an id fusion retired into exactly one successor, that successor."""
    for _ in range(MAX_ALIAS_HOPS):
        found = conn.execute(sa.select(events.c.event_id).where(events.c.event_id == event_id))
        if found.first() is not None:
            return event_id
        named = {a.lineage for x in state.lineages.values() for a in x.actions}
        for name in sorted(named):
            lineage = state.lineage_named(name)
            if lineage is None or not any(
                a.event_id == event_id for a in state.lineages[name].actions
            ):
                continue
            if lineage.lineage in state.event_of:
                return state.event_of[lineage.lineage]
        row = conn.execute(
            sa.select(retired_events.c.replaced_by).where(retired_events.c.event_id == event_id)
        ).first()
        successors = json.loads(row.replaced_by or "[]") if row else []
        if len(successors) != 1:
            return None
        event_id = successors[0]
    return None
