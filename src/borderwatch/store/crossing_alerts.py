"""Alerts for saved searches that watch a crossing (``alerts add NAME --crossing ID|all``):
written in the transaction that adds or removes the claims that change a crossing's status,
beside the event alerts of the same outbox (``alerts`` table, delivered the same way).

A crossing's status here is its latest one (the board's rule at the latest claim's date); an
alert is raised when that status (or its restriction) differs before and after the change.  The
body carries the old and new status and the claim behind the new one, and an ``event`` summary
so the Atom feed and the API list it like any alert.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..crossings.board import status_at
from ..crossings.records import claim_from
from .outbox import search_tag, utc_now
from .schema import alerts
from .searches import SavedSearch, load_searches

ALL = "all"
CHANGE = "status"
EVENT_PREFIX = "crossing:"


def watchers(conn: Connection) -> list[SavedSearch]:
    """The saved searches that watch crossings."""
    return [s for s in load_searches(conn) if s.crossing is not None]


def with_status_alerts(
    conn: Connection,
    crossing_ids: Iterable[str],
    change: Callable[[], None],
    doc_key: str | None,
    claims_table: sa.Table,
) -> int:
    """Run ``change`` (a write of claims) and raise an alert for every watching search whose
    crossing's latest status it changed; returns how many alerts were written."""
    crossing_ids = set(crossing_ids)
    searches = watchers(conn) if crossing_ids else []
    watched = {cid for cid in crossing_ids if any(s.crossing in (cid, ALL) for s in searches)}
    if not watched:
        change()
        return 0
    before = {cid: _latest(conn, claims_table, cid) for cid in watched}
    change()
    rows = []
    for cid in sorted(watched):
        after = _latest(conn, claims_table, cid)
        if _state(after) == _state(before[cid]):
            continue
        for search in searches:
            if search.crossing in (cid, ALL):
                rows.append(_row(conn, search, cid, before[cid], after, doc_key))
    if rows:
        conn.execute(alerts.insert(), rows)
    return len(rows)


def _latest(conn: Connection, claims_table: sa.Table, crossing_id: str) -> dict[str, Any]:
    query = sa.select(claims_table.c.payload).where(claims_table.c.crossing_id == crossing_id)
    claims = [claim_from(json.loads(p)) for p in conn.execute(query).scalars()]
    return status_at(claims, date.max)


def _state(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["status"], row["restriction"])


def _row(
    conn: Connection,
    search: SavedSearch,
    crossing_id: str,
    old: dict[str, Any],
    new: dict[str, Any],
    doc_key: str | None,
) -> dict[str, Any]:
    assert search.search_id is not None
    event_id = f"{EVENT_PREFIX}{crossing_id}"
    a = alerts.c
    last = conn.execute(
        sa.select(sa.func.max(a.revision)).where(
            a.search_id == search.search_id, a.event_id == event_id
        )
    ).scalar_one_or_none()
    revision = int(last or 0) + 1
    key = f"{event_id}-{revision}-{search_tag(search)}"
    claim = new["evidence"][0] if new["evidence"] else None
    body = {
        "id": key,
        "alert": search.name,
        "change": CHANGE,
        "revision": revision,
        "crossing": crossing_id,
        "old": _brief(old),
        "new": _brief(new),
        "claim": claim,
        "event": _summary(crossing_id, old, new, claim),
    }
    return {
        "search_id": search.search_id,
        "key": key,
        "event_id": event_id,
        "change": CHANGE,
        "revision": revision,
        "doc_key": doc_key,
        "body": json.dumps(body, ensure_ascii=False),
        "created_at": utc_now(),
        "attempts": 0,
    }


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("status", "restriction", "reason", "damaged", "since", "disputed")
    return {k: row[k] for k in keys}


def _summary(
    crossing_id: str, old: dict[str, Any], new: dict[str, Any], claim: dict[str, Any] | None
) -> dict[str, Any]:
    """What a feed entry shows of a status change, in the fields it shows of an event."""
    return {
        "event_type": "Crossing status",
        "sub_event_type": f"{old['status']} -> {new['status']}",
        "location": crossing_id,
        "event_date": new["since"],
        "n_sources": len(new["evidence"]),
        "notes": claim["sentence"] if claim else "",
    }
