"""The board: each crossing's status at a date, derived from the claims (never stored), and
the events around it.

Status at D is the status of the latest claim whose window starts on or before D.  Claims
that start on the same day and disagree are all kept and the status is ``disputed``; a
crossing no claim speaks of is ``unknown``, never ``open``.  "Since" is where the current
status began: the earliest claim of the unbroken run of that status up to D.

An event is a crossing's when it is within ``NEAR_KM`` of the crossing's point or one of its
reports names the crossing.  Seizures, arrests and handovers (the smuggling pressure on a
crossing) count for one crossing only: the one named, else the nearest within ``NEAR_KM``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from .records import CrossingClaim
from .registry import Crossing, Crossings

# How close an event must be to a crossing's point to be one of its events (km): the posts'
# points are village records up to ~3 km off (shared/reference/crossings.md), and the
# approaches, queues and smuggling paths of a crossing lie within a few km of it.
NEAR_KM = 5.0
# The board lists the events of this many days before the date it is drawn for.
RECENT_DAYS = 30
# ACLED-coded events that are smuggling pressure (PLOVER modes of the trigger lexicon).
PRESSURE_MODES = frozenset({"confiscate", "arrest", "deport"})
PRESSURE_TAGS = frozenset({"handover", "infiltration"})


def status_at(claims: Sequence[CrossingClaim], day: date) -> dict[str, Any]:
    """The status of one crossing at ``day`` from its claims (any order)."""
    known = sorted((c for c in claims if c.window.start <= day), key=_order)
    if not known:
        return _row("unknown", None, [], False)
    latest = known[-1].window.start
    same_day = [c for c in known if c.window.start == latest]
    statuses = {c.status for c in same_day}
    if len(statuses) > 1:
        return _row("disputed", latest, same_day, True)
    status = same_day[0].status
    since = latest
    for claim in reversed(known):
        if claim.status != status:
            break
        since = claim.window.start
    run = [c for c in known if c.window.start >= since]
    row = _row(status, since, same_day, False)
    row["damaged"] = any(c.damaged for c in run) and status != "open"
    return row


def _order(claim: CrossingClaim) -> tuple[date, date]:
    return (claim.window.start, claim.published or claim.window.start)


def _row(status: str, since: date | None, evidence: list[CrossingClaim], disputed: bool) -> dict:
    latest = evidence[-1] if evidence else None
    return {
        "status": status,
        "restriction": next((c.restriction for c in evidence if c.restriction), None),
        "reason": next((c.reason for c in evidence if c.reason), None),
        "damaged": any(c.damaged for c in evidence),
        "side": latest.side if latest else None,
        "since": since.isoformat() if since else None,
        "disputed": disputed,
        "evidence": [evidence_of(c) for c in evidence],
    }


def evidence_of(claim: CrossingClaim) -> dict[str, Any]:
    """What a reader needs to check a claim: its sentence and where it came from."""
    return {
        "claim_id": claim.claim_id,
        "status": claim.status,
        "restriction": claim.restriction,
        "reason": claim.reason,
        "damaged": claim.damaged,
        "side": claim.side,
        "window": {
            "start": claim.window.start.isoformat(),
            "end": claim.window.end.isoformat(),
            "precision": claim.window.precision,
            "text": claim.window.text,
        },
        "dated_by": claim.dated_by,
        "scope": claim.scope,
        "sentence": claim.sentence.text,
        "doc": claim.doc,
        "doc_key": claim.doc_key,
        "outlet": claim.outlet,
        "published": claim.published.isoformat() if claim.published else None,
        "attribution": claim.attribution,
    }


def describe(crossing: Crossing) -> dict[str, Any]:
    """The crossing's fixed facts, as every board row starts."""
    return {
        "id": crossing.crossing_id,
        "name": crossing.name,
        "kind": crossing.kind,
        "lebanese_post": crossing.lebanese_post,
        "syrian_post": crossing.syrian_post,
        "latitude": crossing.latitude,
        "longitude": crossing.longitude,
    }


def is_pressure(event: dict[str, Any]) -> bool:
    """A seizure, an arrest or a handover: smuggling pressure on a crossing."""
    tags = set(event.get("tags") or ())
    return event.get("plover_mode") in PRESSURE_MODES or bool(tags & PRESSURE_TAGS)


def link_events(
    events: Iterable[dict[str, Any]], named: dict[str, set[str]], crossings: Crossings
) -> dict[str, list[dict[str, Any]]]:
    """Each crossing's events (summaries, newest first).  ``named`` maps an event id to the
    crossings its reports name."""
    linked: dict[str, list[dict[str, Any]]] = {c.crossing_id: [] for c in crossings}
    for event in events:
        for crossing_id, how, km in _links(event, named.get(event["event_id"], set()), crossings):
            if crossing_id in linked:
                linked[crossing_id].append(summary(event, how, km))
    for rows in linked.values():
        rows.sort(key=lambda e: (e["date"] or "", e["event_id"]), reverse=True)
    return linked


def _links(
    event: dict[str, Any], names: set[str], crossings: Crossings
) -> list[tuple[str, str, float | None]]:
    place = event.get("place") or {}
    lat, lon = place.get("latitude"), place.get("longitude")
    fine = lat is not None and lon is not None and int(place.get("precision") or 4) <= 2
    distances = {
        c.crossing_id: km
        for c in crossings
        if fine and (km := c.km_to(lat, lon)) is not None and km <= NEAR_KM
    }
    if is_pressure(event):
        if names:
            first = sorted(names, key=lambda cid: distances.get(cid, NEAR_KM + 1))[0]
            return [(first, "named", distances.get(first))]
        if distances:
            nearest = min(distances, key=lambda cid: distances[cid])
            return [(nearest, "near", distances[nearest])]
        return []
    found = [(cid, "named", distances.get(cid)) for cid in sorted(names)]
    found += [(cid, "near", km) for cid, km in distances.items() if cid not in names]
    return found


def summary(event: dict[str, Any], how: str, km: float | None) -> dict[str, Any]:
    """An event as a crossing's row lists it."""
    place = event.get("place") or {}
    when = event.get("date") or {}
    return {
        "event_id": event["event_id"],
        "date": when.get("start"),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "location": place.get("name"),
        "fatalities": event.get("fatalities"),
        "pressure": is_pressure(event),
        "linked_by": how,
        "km": None if km is None else round(km, 1),
    }


def recent(rows: list[dict[str, Any]], at: date, days: int = RECENT_DAYS) -> list[dict[str, Any]]:
    """The events of the ``days`` days up to ``at``."""
    start = (at - timedelta(days=days)).isoformat()
    end = at.isoformat()
    return [r for r in rows if r["date"] and start <= r["date"] <= end]
