"""The alert outbox: alert rows written in the transaction that changes the events they are about.

``Transaction.replace_events`` opens an :class:`Outbox` before it drops the events it rewrites
(so it can tell which saved searches matched them), and calls :meth:`Outbox.queue` once the new
events are written.  Every writer (ingest, batch, watch, the API, a retraction) goes through
``replace_events``, so an alert exists if and only if the change that raised it was committed.

What raises an alert for a saved search:

- ``new``: an event that matches the search now and that no event it came from matched before
  (a new event, or one a change brought into the search: a toll over the threshold);
- ``updated``: an event that matches now and matched before (itself, or an event merged into
  or split from it), when something material changed (``MATERIAL_FIELDS``: type, date, place,
  actors, counts, sources, claims...);
- ``retracted``: an event that matched before and is gone with no successor that matches (its
  reports were withdrawn, or it was merged into an event outside the search).

The alert's ``key`` (the webhook's ``id``) is fixed here, once: ``<event id>-<revision>-<search
tag>``, where the revision counts this search's alerts about this event and the tag names the
search for good (``search_tag``).  The whole
message body is stored too, so every retry sends the same bytes with the same signature.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..export import export_record
from .schema import REVISED_FIELDS, alerts, revisions
from .searches import SavedSearch, load_searches, matching

# Event fields whose change is worth telling a subscriber about (a re-fusion that changes only
# the confidence or the notes is not).
MATERIAL_FIELDS = (*REVISED_FIELDS, "sources", "claims")

Payload = dict[str, Any]
# An alert decided on: (search, event id, change, event payload, document it is put down to).
Raised = tuple[SavedSearch, str, str, Payload, str | None]
CHUNK = 500


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Outbox:
    """Alerts for one ``replace_events`` call (a no-op when there are no saved searches)."""

    def __init__(self, conn: Connection, old: Mapping[str, Payload]) -> None:
        self.conn = conn
        self.searches: list[SavedSearch] = load_searches(conn)
        self.before = matching(conn, self.searches, list(old)) if self.searches else {}

    def queue(
        self,
        changed: Sequence[tuple[str, Payload]],
        old: Mapping[str, Payload],
        kept: set[str],
        owner: Mapping[str, str],
        cause: Callable[[Sequence[str]], str | None],
    ) -> int:
        """Write the alerts raised by the changed events (id, new payload) and by the events of
        ``old`` that are gone (not among the ids ``kept`` after the change); ``owner`` maps an
        old mention id to its old event, ``cause`` gives the document a change to these events
        is put down to.  Returns how many alerts were written."""
        if not self.searches:
            return 0
        after = matching(self.conn, self.searches, [eid for eid, _ in changed])
        raised: list[Raised] = []
        gone = set(old) - kept
        for search in self.searches:
            assert search.search_id is not None
            was = self.before.get(search.search_id, set())
            now = after.get(search.search_id, set())
            raised += self._raised(search, changed, old, gone, owner, (was, now), cause)
        if not raised:
            return 0
        ids = sorted({r[1] for r in raised})
        counts, histories = self._alert_counts(ids), self._histories(ids)
        rows = []
        for search, event_id, change, payload, doc in raised:
            assert search.search_id is not None
            revision = counts.get((search.search_id, event_id), 0) + 1
            counts[(search.search_id, event_id)] = revision
            event = {**payload, "revisions": histories.get(event_id, [])}
            rows.append(_row(search, event_id, change, revision, event, doc))
        self.conn.execute(alerts.insert(), rows)
        return len(rows)

    def _raised(
        self,
        search: SavedSearch,
        changed: Sequence[tuple[str, Payload]],
        old: Mapping[str, Payload],
        gone: set[str],
        owner: Mapping[str, str],
        matched: tuple[set[str], set[str]],
        cause: Callable[[Sequence[str]], str | None],
    ) -> list[Raised]:
        was, now = matched
        rows: list[Raised] = []
        successors: dict[str, set[str]] = {}
        for event_id, payload in changed:
            sources = _sources_of(event_id, payload, old, owner)
            for source in sources:
                successors.setdefault(source, set()).add(event_id)
            if event_id not in now:
                continue
            if not sources & was:
                change = "new"
            elif event_id in old and not _material(old[event_id], payload):
                continue
            else:
                change = "updated"
            rows.append((search, event_id, change, payload, cause([event_id])))
        for event_id in sorted(was & gone):
            if not successors.get(event_id, set()) & now:
                doc = cause(sorted(successors.get(event_id, set())))
                rows.append((search, event_id, "retracted", old[event_id], doc))
        return rows

    def _alert_counts(self, event_ids: list[str]) -> dict[tuple[int, str], int]:
        """(search id, event id) -> the last revision alerted, for these events."""
        a = alerts.c
        found: dict[tuple[int, str], int] = {}
        for start in range(0, len(event_ids), CHUNK):
            query = (
                sa.select(a.search_id, a.event_id, sa.func.max(a.revision))
                .where(a.event_id.in_(event_ids[start : start + CHUNK]))
                .group_by(a.search_id, a.event_id)
            )
            found.update({(r[0], r[1]): int(r[2]) for r in self.conn.execute(query)})
        return found

    def _histories(self, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Each event's revisions so far (this change's included), as the export shows them."""
        r = revisions.c
        found: dict[str, list[dict[str, Any]]] = {}
        for start in range(0, len(event_ids), CHUNK):
            query = sa.select(r.event_id, r.kind, r.at, r.doc_key, r.changes).where(
                r.event_id.in_(event_ids[start : start + CHUNK])
            )
            for row in self.conn.execute(query.order_by(r.id)):
                found.setdefault(row.event_id, []).append(
                    {
                        "kind": row.kind,
                        "at": row.at.isoformat(),
                        "doc_key": row.doc_key,
                        "changes": json.loads(row.changes),
                    }
                )
        return found


def prune_delivered(conn: Connection, cutoff: datetime) -> int:
    """Delete alerts delivered before ``cutoff``, except the newest of each (search, event):
    its revision numbers the next alert's key, which must never repeat.  Returns how many."""
    newer = alerts.alias("newer")
    later_exists = (
        sa.select(newer.c.id)
        .where(
            newer.c.search_id == alerts.c.search_id,
            newer.c.event_id == alerts.c.event_id,
            newer.c.revision > alerts.c.revision,
        )
        .exists()
    )
    done = conn.execute(
        alerts.delete().where(
            alerts.c.delivered_at.is_not(None), alerts.c.delivered_at < cutoff, later_exists
        )
    )
    return int(done.rowcount or 0)


def _row(
    search: SavedSearch,
    event_id: str,
    change: str,
    revision: int,
    event: Payload,
    doc: str | None,
) -> dict[str, Any]:
    assert search.search_id is not None
    key = f"{event_id}-{revision}-{search_tag(search)}"
    body = {
        "id": key,
        "alert": search.name,
        "change": change,
        "revision": revision,
        "event": export_record(event),
    }
    return {
        "search_id": search.search_id,
        "key": key,
        "event_id": event_id,
        "change": change,
        "revision": revision,
        "doc_key": doc,
        "body": json.dumps(body, ensure_ascii=False),
        "created_at": utc_now(),
        "attempts": 0,
    }


def search_tag(search: SavedSearch) -> str:
    """12 hex digits naming one saved search for good: a search removed and made again under
    the same name (or given a reused row id) gets another, so a receiver that keeps the ids it
    has seen never mistakes a new alert for one it had."""
    made = search.created_at.isoformat() if search.created_at else ""
    return hashlib.sha256(f"{search.search_id}\0{search.name}\0{made}".encode()).hexdigest()[:12]


def _sources_of(
    event_id: str, payload: Payload, old: Mapping[str, Payload], owner: Mapping[str, str]
) -> set[str]:
    """The old events a rewritten event comes from: itself, and those holding its mentions."""
    found = {owner[m] for m in payload.get("mention_ids", ()) if m in owner}
    if event_id in old:
        found.add(event_id)
    return found


def _material(before: Payload, after: Payload) -> bool:
    return any(before.get(f) != after.get(f) for f in MATERIAL_FIELDS)
