"""The review overlay: analysts' corrections applied on top of the machine's event payload when
events are read, and the event filters and sort keys re-checked on the corrected values.

The machine's payload is never changed in the store; a corrected copy is made here, carrying
``review`` (status, who, when, note, the corrected fields) and ``machine`` (the machine's value
of each corrected field), the way ACLED keeps a coder's judgement beside its sources.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ..model import EXPORTED_MODALITIES
from .lineage import Lineage
from .query import EventFilter

# What a confirmed or edited event shows instead of the machine's confidence.
REVIEWED_CONFIDENCE = "reviewed"
# Statuses an analyst's verdict gives (``reviewed`` filter: these are reviewed).
REVIEWED_STATUSES = ("confirmed", "edited")
EDITABLE_FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "event_date",
    "date_start",
    "date_end",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "tags",
    "notes",
)
ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
PLACE_PARTS = {"location": "name", "latitude": "latitude", "longitude": "longitude"}


def display_value(name: str, payload: dict[str, Any]) -> Any:
    """Field ``name`` of an event payload as a reader sees it (an actor's name, a place's name,
    the best day): what the log's machine and analyst values hold."""
    place = payload.get("place") or {}
    when = payload.get("date") or {}
    if name in ACTOR_FIELDS:
        return (payload.get(name) or {}).get("canonical")
    if name in PLACE_PARTS:
        return place.get(PLACE_PARTS[name])
    if name == "geo_precision":
        return place.get("precision")
    if name == "event_date":
        return best_day(when)
    if name in ("date_start", "date_end"):
        return when.get(name.removeprefix("date_"))
    if name == "tags":
        return list(payload.get("tags") or [])
    return payload.get(name)


def best_day(when: dict[str, Any]) -> str | None:
    """The middle day of a date window (as ``DateSpan.best``), ISO."""
    if not when or not when.get("start") or not when.get("end"):
        return None
    start, end = date.fromisoformat(when["start"]), date.fromisoformat(when["end"])
    return (start + (end - start) / 2).isoformat()


def apply_patch(payload: dict[str, Any], patch: dict[str, Any]) -> None:
    """Set each ``path`` of ``patch`` ("date" or "date.start") in ``payload``."""
    for path, value in patch.items():
        parent, _, key = path.partition(".")
        if not key:
            payload[parent] = copy.deepcopy(value)
            continue
        inner = dict(payload.get(parent) or {})
        inner[key] = value
        payload[parent] = inner


def revision_of(machine: dict[str, Any], lineages: Sequence[Lineage]) -> str:
    """A token that changes whenever the machine's event or its reviews change (the API's
    guard against two analysts overwriting each other)."""
    body = {k: v for k, v in machine.items() if k != "revisions"}
    text = json.dumps(body, sort_keys=True) + ":" + ",".join(str(x.last_id) for x in lineages)
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def overlay(machine: dict[str, Any], lineages: Sequence[Lineage]) -> dict[str, Any]:
    """The event as analysts corrected it (``machine`` untouched).  Several lineages on one
    event (two reviewed events fused by a new report) all apply, later actions winning, and the
    review says ``conflict``."""
    event = copy.deepcopy(machine)
    actions = sorted((a for x in lineages for a in x.fields().values()), key=lambda a: a.action_id)
    for action in actions:
        apply_patch(event, action.patch)
    verdicts = [v for x in lineages if (v := x.verdict) is not None]
    last = max(verdicts, key=lambda a: a.action_id) if verdicts else None
    statuses = {x.status for x in lineages}
    status = "rejected" if last is not None and last.action == "reject" else _status(statuses)
    fields = {
        a.field: {"value": a.analyst_value, "by": a.by, "at": a.at, "note": a.note}
        for a in actions
        if a.field
    }
    event["review"] = {
        "status": status,
        "by": last.by if last else None,
        "at": last.at if last else None,
        "note": last.note if last else None,
        "fields": fields,
        "revision": revision_of(machine, lineages),
        "lineage": [x.lineage for x in lineages],
        "conflict": len([x for x in lineages if x.status != "unreviewed"]) > 1,
    }
    event["machine"] = {name: display_value(name, machine) for name in fields}
    if status in REVIEWED_STATUSES:
        event["machine"]["confidence"] = machine.get("confidence")
        event["confidence"] = REVIEWED_CONFIDENCE
    return event


def unreviewed(machine: dict[str, Any]) -> dict[str, Any]:
    """The review block of an event no analyst has touched."""
    return {
        "status": "unreviewed",
        "by": None,
        "at": None,
        "note": None,
        "fields": {},
        "revision": revision_of(machine, ()),
        "lineage": [],
        "conflict": False,
    }


def _status(statuses: set[str]) -> str:
    for status in ("edited", "confirmed"):
        if status in statuses:
            return status
    return "unreviewed"


def visible(event: dict[str, Any], flt: EventFilter) -> bool:
    """Whether a reviewed event shows under ``flt`` (rejected ones only when asked)."""
    status = event.get("review", {}).get("status", "unreviewed")
    if status == "rejected" and not flt.include_rejected:
        return False
    if flt.reviewed is True and status not in REVIEWED_STATUSES:
        return False
    if flt.reviewed is False and status in REVIEWED_STATUSES:
        return False
    return matches(event, flt)


def matches(event: dict[str, Any], flt: EventFilter) -> bool:
    """``query.apply_filter``'s conditions, checked on a (corrected) payload."""
    place = event.get("place") or {}
    when = event.get("date") or {}
    actors = [(event.get(k) or {}).get("canonical") or "" for k in ("actor1", "actor2")]
    checks = [
        not flt.event_type
        or flt.event_type.lower() in (event["event_type"].lower(), event["sub_event_type"].lower()),
        not flt.sub_event_type or flt.sub_event_type.lower() == event["sub_event_type"].lower(),
        not flt.since or bool(when.get("end")) and when["end"] >= flt.since.isoformat(),
        not flt.until or bool(when.get("start")) and when["start"] <= flt.until.isoformat(),
        not flt.place or flt.place.lower() in (place.get("name") or "").lower(),
        not flt.country or flt.country.lower() == (place.get("country") or "").lower(),
        not flt.actor or any(flt.actor.lower() in a.lower() for a in actors),
        not flt.actor_names
        or bool({a.lower() for a in actors} & {n.lower() for n in flt.actor_names}),
        flt.min_confidence is None or _confidence(event) >= flt.min_confidence,
        flt.min_sources is None or (event.get("n_sources") or 0) >= flt.min_sources,
        flt.bbox is None or _inside(place, flt.bbox),
        not flt.tags or bool(set(flt.tags) & set(event.get("tags") or [])),
        not flt.text or _has_text(event, flt.text),
        flt.updated_since is None or _updated(event) >= flt.updated_since,
        flt.include_unconfirmed or event.get("modality") in EXPORTED_MODALITIES,
    ]
    return all(checks)


def _confidence(event: dict[str, Any]) -> float:
    value = event.get("confidence")
    return 1.0 if value == REVIEWED_CONFIDENCE else float(value or 0.0)


def _inside(place: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    west, south, east, north = bbox
    lat, lon = place.get("latitude"), place.get("longitude")
    return lat is not None and lon is not None and west <= lon <= east and south <= lat <= north


def _has_text(event: dict[str, Any], text: str) -> bool:
    wanted = text.lower()
    place = event.get("place") or {}
    values = [
        event["event_id"],
        event["event_type"],
        event["sub_event_type"],
        place.get("name") or "",
        event.get("notes") or "",
        *((event.get(k) or {}).get("canonical") or "" for k in ("actor1", "actor2")),
        *(s.get("sentence") or "" for s in event.get("sources", [])),
    ]
    return any(wanted in v.lower() for v in values)


def _updated(event: dict[str, Any]) -> datetime:
    times = [r["at"] for r in event.get("revisions", [])]
    if event.get("review", {}).get("at"):
        times.append(event["review"]["at"])
    return datetime.fromisoformat(max(times)) if times else datetime.min


def ordered(found: list[dict[str, Any]], sort: str, nulls_largest: bool) -> list[dict[str, Any]]:
    """``found`` in the order ``query.order_by(sort)`` gives (ties on the event id); NULLs sort
    as the database sorts them (PostgreSQL: largest, SQLite: smallest)."""
    name = sort.lstrip("-")
    descending = sort.startswith("-") or name not in SORT_READERS
    read = SORT_READERS.get(name, SORT_READERS["date"])

    def key(event: dict[str, Any]) -> tuple[int, Any]:
        value = read(event)
        if value is None:
            return (1, 0) if nulls_largest else (0, 0)
        return (0, value) if nulls_largest else (1, value)

    by_id = sorted(found, key=lambda e: e["event_id"])
    return sorted(by_id, key=key, reverse=descending)  # stable: ties stay in id order


SORT_READERS: dict[str, Any] = {
    "date": lambda e: best_day(e.get("date") or {}),
    "fatalities": lambda e: e.get("fatalities"),
    "confidence": _confidence,
    "sources": lambda e: e.get("n_sources"),
    "location": lambda e: (e.get("place") or {}).get("name"),
    "type": lambda e: e.get("event_type"),
}
