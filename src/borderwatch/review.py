"""Analysts' review actions: confirm, edit, reject, merge and split an event.

Every action is appended to the review log (who, when, field, machine value, analyst value,
note) in one store transaction; the machine's rows are never edited.  Confirm, edit and reject
are applied when events are read (``store.review_overlay``); merge and split change which
reports make one event, so they are kept as constraints fusion honours from then on
(``review_links``) and the events they touch are fused again at once.  A rejection raises a
``retracted`` alert for the saved searches the event matched, through the alert outbox.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from .fuse import build_event, cluster
from .model import Event, Mention
from .resolve import Resolver
from .review_links import constrain, name_events, named_ids
from .review_values import Edit, check_edits, parse_sets
from .settings import Settings
from .store import ReviewError, ReviewWriter, Store, Transaction
from .store.lineage import Lineage
from .store.review_overlay import display_value, overlay
from .store.review_state import ReviewState
from .store.review_store import fusion_links_of

ACTIONS = ("confirm", "edit", "reject")


def default_reviewer() -> str:
    """Who reviews when ``--by`` is not given: ``$BORDERWATCH_REVIEWER``, else the OS user."""
    named = os.environ.get("BORDERWATCH_REVIEWER", "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


class Reviewer:
    """Review actions on one store; the region data (actors, places) loads on first need."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._resolver: Resolver | None = None

    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver.for_region(self.settings.region_dirs)
        return self._resolver

    def review(
        self,
        event_id: str,
        action: str,
        *,
        by: str,
        note: str | None = None,
        sets: Sequence[str] | Mapping[str, Any] = (),
        new_actor: bool = False,
        revision: str | None = None,
    ) -> dict[str, Any]:
        """Confirm, edit or reject ``event_id``; returns the event as it reads afterwards.
        ``revision``: the one the analyst loaded (a mismatch raises ``ReviewConflict``)."""
        if action not in ACTIONS:
            raise ReviewError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
        if action == "reject" and not (note or "").strip():
            raise ReviewError("reject: say why with a note")
        if action != "edit" and sets:
            raise ReviewError(f"{action}: takes no fields (use edit)")
        by = _who(by)
        with self.store.transaction() as tx:
            writer = ReviewWriter(tx.conn, self.store._decoded)
            state = writer.state()
            target, machine = _target(writer, state, event_id)
            writer.check_revision(state, target, revision)
            lineages = state.on(target)
            current = overlay(machine, lineages) if lineages else machine
            edits: list[Edit] = []
            if action == "edit":
                values = (
                    {str(k): str(v) for k, v in sets.items()}
                    if isinstance(sets, Mapping)
                    else parse_sets(list(sets))
                )
                edits = check_edits(values, current, self.resolver, new_actor=new_actor)
                # the log keeps the machine's value beside the analyst's, not the value a
                # previous edit left: what `evaluate --reviewed` counts as the machine's error
                edits = [replace(e, machine=display_value(e.field, machine)) for e in edits]
            name = _lineage_for(writer, tx, lineages, machine)
            base = {"lineage": name, "event_id": target, "by": by, "note": note}
            if edits:
                rows = [
                    {
                        **base,
                        "action": "edit",
                        "field": e.field,
                        "machine_value": e.machine,
                        "analyst_value": e.analyst,
                        "patch": e.patch,
                    }
                    for e in edits
                ]
            else:
                rows = [{**base, "action": action}]
            if not _repeats(lineages, rows):
                writer.append(rows)
                if action == "reject":
                    writer.raise_retracted(target, current)
        return self._read(target)

    def merge(
        self, keep_id: str, other_id: str, *, by: str, note: str | None = None
    ) -> dict[str, Any]:
        """One event, ``keep_id``, with both events' reports; ``other_id`` resolves to it.  Run
        again after it committed (its answer lost to a crash), it finds them one event already
        and answers that event, changing nothing -- as a re-run after a crash should."""
        by = _who(by)
        if keep_id == other_id:
            raise ReviewError(f"merge: {keep_id} cannot be merged with itself")
        with self.store.transaction() as tx:
            writer = ReviewWriter(tx.conn, self.store._decoded)
            state = writer.state()
            keep, keep_payload = _target(writer, state, keep_id)
            other, other_payload = _target(writer, state, other_id)
            if keep != other:  # else a merge run again after it committed: already done
                kept = _lineage_for(writer, tx, state.on(keep), keep_payload)
                gone = _lineage_for(writer, tx, state.on(other), other_payload)
                reports = tx.mentions_by_id(
                    keep_payload["mention_ids"] + other_payload["mention_ids"]
                )
                writer.anchor(kept, reports)
                writer.append(
                    [
                        {
                            "lineage": kept,
                            "event_id": keep,
                            "action": "merge",
                            "analyst_value": {"event": other, "lineage": gone},
                            "by": by,
                            "note": note,
                        },
                        {
                            "lineage": gone,
                            "event_id": other,
                            "action": "merged",
                            "analyst_value": {"event": keep, "lineage": kept},
                            "by": by,
                            "note": note,
                        },
                    ]
                )
                _refuse(tx, reports, self.settings.fatality_rule)
        return self._read(keep)

    def split(self, event_id: str, doc: str, *, by: str, note: str | None = None) -> dict[str, Any]:
        """Make document ``doc``'s (key, URL or source) reports of ``event_id`` an event of
        their own; returns that new event.  Run again after it committed, it answers the event
        split off the first time and changes nothing."""
        by = _who(by)
        with self.store.transaction() as tx:
            writer = ReviewWriter(tx.conn, self.store._decoded)
            state = writer.state()
            target, machine = _target(writer, state, event_id)
            found = tx.find_document(doc)
            if found is None:
                raise ReviewError(
                    f"split: no stored document {doc!r} (give its key, URL or source)"
                )
            doc_key = found[0]
            reports = tx.mentions_by_id(machine["mention_ids"])
            part = [m for m in reports if m.doc_key == doc_key]
            child_id = _split_id(target, doc_key)
            if not part:
                done = writer.current_id(state, child_id)
                if done is None:
                    raise ReviewError(f"split: event {target} has no report from {doc!r}")
                return_id = done  # a split run again after it committed: already done
            elif len(part) == len(reports):
                raise ReviewError(f"split: {doc!r} is the only report of event {target}")
            else:
                parent = _lineage_for(writer, tx, state.on(target), machine)
                _log_split(writer, (parent, target), child_id, doc_key, part, by=by, note=note)
                _refuse(tx, reports, self.settings.fatality_rule)
                return_id = child_id
        return self._read(return_id)

    def _read(self, event_id: str) -> dict[str, Any]:
        event = self.store.event(event_id, include_rejected=True)
        if event is None:  # pragma: no cover - written in the transaction just committed
            raise ReviewError(f"event {event_id} is gone")
        return event


def _repeats(lineages: Sequence[Lineage], rows: list[dict[str, Any]]) -> bool:
    """Whether ``rows`` are the very actions the event's log ends with (same action, field,
    value, note and reviewer): a command run again because its first run was killed after it
    committed.  Such a repeat changes nothing, so it is not logged twice (nor alerted twice)."""
    done = lineages[0].actions[-len(rows) :] if lineages else []
    if len(done) != len(rows):
        return False
    return all(
        (a.action, a.field, json.dumps(a.analyst_value), a.note, a.by)
        == (r["action"], r.get("field"), json.dumps(r.get("analyst_value")), r["note"], r["by"])
        for a, r in zip(done, rows, strict=True)
    )


def _who(by: str) -> str:
    by = (by or "").strip()
    if not by:
        raise ReviewError("--by: name the reviewer")
    if len(by) > 100:
        raise ReviewError("--by: longer than 100 characters")
    return by


def _target(writer: ReviewWriter, state: ReviewState, event_id: str) -> tuple[str, dict[str, Any]]:
    """The event ``event_id`` is now (following merges and id changes) and its machine payload."""
    found = writer.current_id(state, event_id)
    machine = writer.machine(found) if found else None
    if found is None or machine is None:
        raise ReviewError(f"no event {event_id!r}; list ids with `borderwatch review queue`")
    return found, machine


def _new_lineage() -> str:
    return "L" + uuid.uuid4().hex[:15]


def _log_split(
    writer: ReviewWriter,
    parent: tuple[str, str],
    child_id: str,
    doc_key: str,
    part: Sequence[Mention],
    *,
    by: str,
    note: str | None,
) -> None:
    """Log a split: ``part`` (one document's reports) leaves the parent lineage and event for
    a new lineage anchored on them, under the stable id ``child_id``."""
    lineage, target = parent
    writer.unanchor(lineage, doc_key)
    child = _new_lineage()
    writer.anchor(child, part)
    writer.append(
        [
            {
                "lineage": lineage,
                "event_id": target,
                "action": "split",
                "analyst_value": {"doc": doc_key, "event": child_id, "lineage": child},
                "by": by,
                "note": note,
            },
            {
                "lineage": child,
                "event_id": child_id,
                "action": "split_from",
                "analyst_value": {"doc": doc_key, "event": target, "lineage": lineage},
                "by": by,
                "note": note,
            },
        ]
    )


def _split_id(event_id: str, doc_key: str) -> str:
    """The id of the event a report is split off into (stable: the same split, the same id)."""
    return "BW-" + hashlib.sha1(f"{event_id}:split:{doc_key}".encode()).hexdigest()[:12].upper()


def _lineage_for(
    writer: ReviewWriter, tx: Transaction, lineages: Sequence[Any], machine: dict[str, Any]
) -> str:
    """The lineage a new action on this event joins (the event's first, else a new one),
    tied to every report the event has now."""
    name = lineages[0].lineage if lineages else _new_lineage()
    writer.anchor(name, tx.mentions_by_id(machine["mention_ids"]))
    return name


def _refuse(tx: Transaction, reports: list[Mention], fatality_rule: str) -> list[Event]:
    """Fuse ``reports`` again under every analyst's merge and split, and store the events."""
    links = fusion_links_of(tx.conn)
    clusters = constrain(cluster(reports), links)
    infos = tx.doc_infos({m.doc_key for m in reports})
    events = [build_event(c, infos, fatality_rule=fatality_rule) for c in clusters]
    ids = {m.mention_id for m in reports}
    name_events(events, clusters, links, tx.events_left_in_place(named_ids(links), sorted(ids)))
    tx.replace_events(ids, events)
    return events
