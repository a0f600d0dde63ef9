"""The dashboard's light rows (map, timeline, list) with analysts' reviews applied: reviewed
events read corrected and re-filtered, rejected ones left out unless asked for.  While no review
exists these are the machine's queries unchanged."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.engine import Connection

from . import query as q
from .query import EventFilter
from .review_overlay import REVIEWED_CONFIDENCE, best_day

# Position in ``query.LIGHT_FIELDS`` of the value each sort key orders by.
SORT_COLUMN = {
    "date": 1,
    "fatalities": 6,
    "confidence": 10,
    "sources": 11,
    "location": 9,
    "type": 4,
}
Corrected = Callable[[Connection, Sequence[str], EventFilter], list[dict[str, Any]]]


def light_row(event: dict[str, Any]) -> tuple[Any, ...]:
    """A corrected event as ``query.LIGHT_FIELDS``."""
    place = event.get("place") or {}
    when = event.get("date") or {}
    confidence = event.get("confidence")
    return (
        event["event_id"],
        best_day(when),
        when.get("start"),
        when.get("end"),
        event["event_type"],
        event["sub_event_type"],
        event.get("fatalities"),
        place.get("latitude"),
        place.get("longitude"),
        place.get("name"),
        1.0 if confidence == REVIEWED_CONFIDENCE else confidence,
        event.get("n_sources"),
    )


def reviewed_light_rows(
    conn: Connection,
    flt: EventFilter,
    cap: int,
    reviewed: Sequence[str],
    corrected: Corrected,
) -> list[tuple[Any, ...]]:
    """``query.light_rows`` with the ``reviewed`` events replaced by their corrected rows."""
    skip = set(reviewed)
    rows = []
    if flt.reviewed is not True:  # only reviewed events: none of the machine's rows
        rows = [r for r in q.light_rows(conn, flt, cap + len(skip)) if r[0] not in skip]
    unlimited = dataclasses.replace(flt, limit=None, offset=0)
    rows += [light_row(e) for e in corrected(conn, sorted(skip), unlimited)]
    return _ordered(rows, flt.sort, conn.dialect.name == "postgresql")[:cap]


def _ordered(rows: list[tuple[Any, ...]], sort: str, nulls_largest: bool) -> list[tuple[Any, ...]]:
    name = sort.lstrip("-")
    descending = sort.startswith("-") or name not in SORT_COLUMN
    column = SORT_COLUMN.get(name, 1)

    def key(row: tuple[Any, ...]) -> tuple[int, Any]:
        value = row[column]
        if value is None:
            return (1, 0) if nulls_largest else (0, 0)
        return (0, value) if nulls_largest else (1, value)

    return sorted(sorted(rows, key=lambda r: r[0]), key=key, reverse=descending)


def page_payloads(
    conn: Connection, event_ids: Sequence[str], corrected: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """``query.payloads`` with reviewed events in their corrected form."""
    plain = [i for i in event_ids if i not in corrected]
    machine = {e["event_id"]: e for e in q.payloads(conn, plain)}
    found = {**machine, **corrected}
    return [found[i] for i in event_ids if i in found]
