"""An analyst's ``--set FIELD=VALUE`` checked like the machine's own values, and turned into
the patch the review overlay applies: ACLED type/sub-type pairs, real dates in order,
non-negative counts, coordinates on the globe, places the gazetteer finds, actors the knowledge
base knows (or generic ones; an unknown actor only when the analyst says it is new).

A bad field or value is a :class:`ReviewError` of one line naming it; nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import ACLED_TYPES, to_jsonable
from .resolve import Resolver
from .store import ReviewError
from .store.review_overlay import EDITABLE_FIELDS, display_value

CLEARED = ("", "-", "none")  # what empties an actor field
MAX_NOTES = 2000
TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
GENERIC_SUFFIX = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)$")  # "Protesters (Lebanon)"


@dataclass(frozen=True)
class Edit:
    """One field an analyst changes: the value as shown, and the payload patch it makes."""

    field: str
    machine: Any
    analyst: Any
    patch: dict[str, Any]


def parse_sets(items: Sequence[str]) -> dict[str, str]:
    """``FIELD=VALUE`` strings -> {field: value}, each field once and known."""
    found: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise ReviewError(f"--set {item!r}: write FIELD=VALUE")
        if name not in EDITABLE_FIELDS:
            raise ReviewError(
                f"--set {item!r}: unknown field {name!r}; one of {', '.join(EDITABLE_FIELDS)}"
            )
        if name in found:
            raise ReviewError(f"--set {item!r}: {name} is set twice")
        found[name] = value.strip()
    if not found:
        raise ReviewError("nothing to edit: give --set FIELD=VALUE")
    return found


def check_edits(
    values: dict[str, str],
    current: dict[str, Any],
    resolver: Callable[[], Resolver],
    *,
    new_actor: bool = False,
) -> list[Edit]:
    """The edits ``values`` make to the event ``current`` (as corrected so far); ``resolver``
    is called only when an actor or a place must be looked up."""
    edits: list[Edit] = []
    edits += _types(values, current)
    edits += _dates(values, current)
    edits += _place(values, current, resolver)
    for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        if name in values:
            edits.append(_actor(name, values[name], current, resolver, new_actor))
    if "fatalities" in values:
        n = _count("fatalities", values["fatalities"])
        edits.append(_edit("fatalities", current, n, {"fatalities": n, "counts.killed": n}))
    if "tags" in values:
        tags = sorted({t.strip() for t in values["tags"].split(",") if t.strip()})
        bad = [t for t in tags if not TAG.match(t)]
        if bad:
            raise ReviewError(
                f"tags: {bad[0]!r} is not a tag (lower-case letters, digits, - and _)"
            )
        edits.append(_edit("tags", current, tags, {"tags": tags}))
    if "notes" in values:
        if len(values["notes"]) > MAX_NOTES:
            raise ReviewError(f"notes: longer than {MAX_NOTES} characters")
        edits.append(_edit("notes", current, values["notes"], {"notes": values["notes"]}))
    return edits


def _edit(name: str, current: dict[str, Any], value: Any, patch: dict[str, Any]) -> Edit:
    return Edit(name, display_value(name, current), value, patch)


def _types(values: dict[str, str], current: dict[str, Any]) -> list[Edit]:
    if "event_type" not in values and "sub_event_type" not in values:
        return []
    event_type = values.get("event_type", current["event_type"])
    sub = values.get("sub_event_type", current["sub_event_type"])
    if event_type not in ACLED_TYPES:
        known = ", ".join(ACLED_TYPES)
        raise ReviewError(f"event_type: {event_type!r} is not an ACLED event type; one of {known}")
    if sub not in ACLED_TYPES[event_type]:
        hint = "" if "sub_event_type" in values else " (set sub_event_type too)"
        raise ReviewError(
            f"sub_event_type: {sub!r} is not a sub-event type of {event_type!r}{hint}; "
            f"one of {', '.join(ACLED_TYPES[event_type])}"
        )
    return [
        _edit(name, current, values[name], {name: values[name]})
        for name in ("event_type", "sub_event_type")
        if name in values
    ]


def _day(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ReviewError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def _dates(values: dict[str, str], current: dict[str, Any]) -> list[Edit]:
    names = [n for n in ("event_date", "date_start", "date_end") if n in values]
    if not names:
        return []
    if "event_date" in values and len(names) > 1:
        raise ReviewError("event_date: set either event_date or date_start/date_end")
    when = current.get("date") or {}
    if "event_date" in values:
        start = end = _day("event_date", values["event_date"])
    else:
        start = _day("date_start", values.get("date_start") or when.get("start") or "")
        end = _day("date_end", values.get("date_end") or when.get("end") or values["date_start"])
    if start > end:
        raise ReviewError(f"date_start: {start} is after date_end {end}")
    if end > date.today():
        raise ReviewError(f"{names[-1]}: {end} is in the future")
    precision = 1 if start == end else max(2, when.get("precision") or 2)
    window = {"start": start.isoformat(), "end": end.isoformat(), "precision": precision}
    patch = {"date": {**window, "text": when.get("text", "")}}
    shown = {
        "event_date": start.isoformat(),
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
    }
    return [_edit(n, current, shown[n], patch) for n in names]


def _place(
    values: dict[str, str], current: dict[str, Any], resolver: Callable[[], Resolver]
) -> list[Edit]:
    edits: list[Edit] = []
    place = current.get("place")
    if "location" in values:
        found = resolver().places.resolve(values["location"])
        if found is None:
            raise ReviewError(
                f"location: no place found for {values['location']!r} "
                "(try `borderwatch resolve place`, or set latitude/longitude/geo_precision)"
            )
        place = to_jsonable(found)
        edits.append(_edit("location", current, found.name, {"place": place}))
    parts = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}
    for name, (low, high) in parts.items():
        if name in values:
            number = _number(name, values[name])
            if not low <= number <= high:
                raise ReviewError(f"{name}: {number} is outside {low:g}..{high:g}")
            edits.append(_edit(name, current, number, {f"place.{name}": number}))
    if "geo_precision" in values:
        n = _count("geo_precision", values["geo_precision"])
        if not 1 <= n <= 4:
            raise ReviewError(f"geo_precision: {n} is not 1 (town) .. 4 (country)")
        edits.append(_edit("geo_precision", current, n, {"place.precision": n}))
    if place is None and any(n in values for n in ("latitude", "longitude", "geo_precision")):
        raise ReviewError("latitude: the event has no place; set location first")
    return edits


def _number(name: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ReviewError(f"{name}: {value!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ReviewError(f"{name}: {value!r} is not a number")
    return number


def _count(name: str, value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise ReviewError(f"{name}: {value!r} is not a whole number") from None
    if n < 0:
        raise ReviewError(f"{name}: {n} is negative")
    return n


def _actor(
    name: str,
    value: str,
    current: dict[str, Any],
    resolver: Callable[[], Resolver],
    new_actor: bool,
) -> Edit:
    if value.lower() in CLEARED:
        return _edit(name, current, None, {name: None})
    on = date.fromisoformat(current["date"]["end"]) if current.get("date") else None
    actors = resolver().actors
    ref = actors.ref(value, on)
    if ref.actor_id is None:
        generic = GENERIC_SUFFIX.match(value)
        known = actors.lookup(generic["name"], on) if generic else None
        if known is not None and known.entry.kind == "generic":
            ref = type(ref)(value, value, known.entry.actor_id, known.entry.inter, None)
        elif not new_actor:
            raise ReviewError(
                f"{name}: {value!r} is not a known or generic actor "
                "(see `borderwatch resolve actor`); pass --new-actor to add it as written"
            )
    return _edit(name, current, ref.canonical, {name: to_jsonable(ref)})
