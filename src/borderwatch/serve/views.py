"""Shape what the store returns into the API's answers (pure functions, no I/O)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from ..region import ActorEntry
from ..store.map_cells import MICRO, MapCells

CONTEXT_CHARS = 160  # how much text either side of a span outside its mention's sentence


def bucket_start(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def timeline(rows: Iterable[Any], interval: str) -> dict[str, Any]:
    """Counts and fatalities per bucket and event type from (event_date, event_type, fatalities)
    of each event."""
    return timeline_counts(((day, t, 1, killed or 0) for day, t, killed in rows), interval)


def timeline_counts(rows: Iterable[Any], interval: str) -> dict[str, Any]:
    """Counts and fatalities per bucket and event type from (day, event_type, events, killed):
    per event, per day or per month (the store's aggregates) alike."""
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    deaths: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    types: set[str] = set()
    starts: dict[str, date] = {}  # many events share a day: parse each day once
    for day, event_type, n, killed in rows:
        start = starts.get(day)
        if start is None:
            start = starts[day] = bucket_start(date.fromisoformat(day[:10]), interval)
        counts[start][event_type] += int(n)
        deaths[start][event_type] += int(killed or 0)
        types.add(event_type)
    buckets = [
        {
            "start": start.isoformat(),
            "count": sum(counts[start].values()),
            "fatalities": sum(deaths[start].values()),
            "counts": dict(counts[start]),
            "fatalities_by_type": dict(deaths[start]),
        }
        for start in sorted(counts)
    ]
    return {"interval": interval, "types": sorted(types), "buckets": buckets}


def in_dates(
    rows: list[tuple[Any, ...]], since: date | None, until: date | None
) -> list[tuple[Any, ...]]:
    """Light rows (``store.query.LIGHT_FIELDS``) whose window overlaps [since, until], as the
    SQL filter does it: date_end >= since and date_start <= until."""
    lo, hi = since and since.isoformat(), until and until.isoformat()
    if not lo and not hi:
        return rows
    return [
        r
        for r in rows
        if (not lo or (r[3] is not None and r[3] >= lo))
        and (not hi or (r[2] is not None and r[2] <= hi))
    ]


def points(rows: list[tuple[Any, ...]] | MapCells, cap: int) -> dict[str, Any]:
    """Map points from light rows, column by column; repeated strings (type, sub-type, place)
    are sent once in ``values`` and referred to by index.  Given the store's cells instead
    (``store.map_cells``, for views of many events), no points and the ``cells``."""
    if isinstance(rows, MapCells):
        return {**points([], cap), **cells(rows)}
    located = [r for r in rows if r[7] is not None and r[8] is not None]
    shown = located[:cap]
    columns = list(zip(*shown, strict=True)) if shown else [()] * 10
    types, type_values = _coded(columns[4])
    subs, sub_values = _coded(columns[5])
    places, place_values = _coded(columns[9])
    return {
        "n": len(shown),
        "truncated": len(located) > cap,
        "event_id": list(columns[0]),
        "event_date": list(columns[1]),
        "latitude": list(columns[7]),
        "longitude": list(columns[8]),
        "fatalities": list(columns[6]),
        "event_type": types,
        "sub_event_type": subs,
        "location": places,
        "values": {
            "event_type": type_values,
            "sub_event_type": sub_values,
            "location": place_values,
        },
    }


def cells(found: MapCells) -> dict[str, Any]:
    """The map's cells, column by column: each cell's centroid (its events' mean position),
    events, fatalities and ``types`` ([type index into ``values.event_type``, events] pairs);
    ``located`` is every located event the filter selects."""
    by_cell: dict[tuple[int, int], list[Any]] = {}
    kinds: dict[str, int] = {}
    for x, y, kind, n, killed, lat, lon in found.rows:
        cell = by_cell.setdefault((x, y), [0, 0, 0, 0, []])
        for i, value in enumerate((n, killed, lat, lon)):
            cell[i] += value
        cell[4].append([kinds.setdefault(kind, len(kinds)), n])
    shown = list(by_cell.values())
    return {
        "located": found.located,
        "cells": {
            "n": len(shown),
            "size": found.size,
            "latitude": [round(c[2] / c[0] / MICRO, 6) for c in shown],
            "longitude": [round(c[3] / c[0] / MICRO, 6) for c in shown],
            "count": [c[0] for c in shown],
            "fatalities": [c[1] for c in shown],
            "types": [c[4] for c in shown],
        },
        "values": {"event_type": list(kinds), "sub_event_type": [], "location": []},
    }


def _coded(column: Iterable[Any]) -> tuple[list[int], list[Any]]:
    """Each value as its index into the distinct values, in order of first appearance."""
    index: dict[Any, int] = {}
    return [index.setdefault(v, len(index)) for v in column], list(index)


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _window(text: str, start: int, end: int) -> dict[str, Any]:
    """The line around [start, end) in ``text``, at most CONTEXT_CHARS either side."""
    lo = max(text.rfind("\n", 0, start) + 1, start - CONTEXT_CHARS)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + CONTEXT_CHARS)
    return {"start": lo, "end": hi, "text": text[lo:hi]}


def field_evidence(
    field: str, span: dict[str, Any], sentence: dict[str, Any], text: str | None
) -> dict[str, Any]:
    """One field's evidence: its span and the sentence (or context) to show it in, with the
    span's offsets into that sentence (``None`` when the span cannot be placed)."""
    start, end, words = int(span["start"]), int(span["end"]), str(span["text"])
    shown = sentence
    if not sentence["start"] <= start <= end <= sentence["end"] and text:
        shown = _window(text, start, end)
    offset: list[int] | None = [start - shown["start"], end - shown["start"]]
    if shown["text"][offset[0] : offset[1]] != words:  # type: ignore[index]
        found = shown["text"].find(words) if words else -1
        offset = [found, found + len(words)] if found >= 0 else None
    return {
        "field": field,
        "text": words,
        "start": start,  # character offsets into the document's clean text
        "end": end,
        "sentence": shown["text"],
        "highlight": offset,  # [start, end) of ``text`` within ``sentence``
    }


def evidence(rows: list[dict[str, Any]], texts: dict[str, str]) -> list[dict[str, Any]]:
    """Per mention (one source's report): its document, sentence and each field's evidence."""
    out = []
    for row in rows:
        mention = row["payload"]
        sentence = mention.get("sentence") or {"start": 0, "end": 0, "text": ""}
        fields = [
            field_evidence(name, span, sentence, texts.get(row["doc_key"]))
            for name, span in sorted((mention.get("evidence") or {}).items())
        ]
        out.append(
            {
                "mention_id": row["mention_id"],
                "doc_key": row["doc_key"],
                "doc": row["url"] or row["source"],
                "outlet": row["outlet"],
                "published": _iso(row["published"]),
                "title": row["title"],
                "attribution": mention.get("attribution"),
                "modality": mention.get("modality"),
                "event_type": mention.get("event_type"),
                "sub_event_type": mention.get("sub_event_type"),
                "confidence": mention.get("confidence"),
                "sentence": sentence.get("text", ""),
                "fields": fields,
            }
        )
    return out


def conflicts(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Claims grouped by field, for the fields whose sources disagree."""
    by_field: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        by_field[claim["field"]].append(claim)
    return {f: cs for f, cs in by_field.items() if len({repr(c.get("value")) for c in cs}) > 1}


def revisions(
    history: list[dict[str, Any]], docs: dict[str, tuple[str | None, str | None]]
) -> list[dict[str, Any]]:
    """The store's revisions of an event (created, updated, merged, split: when, by which
    report, what changed), each with the outlet and document of the report that caused it."""
    out = []
    for revision in history:
        outlet, doc = docs.get(revision.get("doc_key") or "", (None, None))
        out.append({**revision, "outlet": outlet, "doc": doc})
    return out


def localised_names(entry: ActorEntry, stored: dict[str, int]) -> set[str]:
    """The names a generic actor is stored under with a country, as ACLED writes them
    ("protesters (lebanon)" for Protesters), among ``stored`` (lower-cased names)."""
    if entry.kind != "generic":
        return set()
    prefix = entry.canonical.lower() + " ("
    return {name for name in stored if name.startswith(prefix)}


def actor_summary(entry: ActorEntry, n_events: int) -> dict[str, Any]:
    return {
        "actor_id": entry.actor_id,
        "canonical": entry.canonical,
        "inter": entry.inter,
        "kind": entry.kind,
        "country": entry.country,
        "aliases": list(entry.aliases),
        "valid_from": _iso(entry.valid_from),
        "valid_to": _iso(entry.valid_to),
        "n_events": n_events,
    }


def actor_detail(entry: ActorEntry, n_events: int, names: dict[str, str]) -> dict[str, Any]:
    """An actor with its roles in time order; ``names`` (actor id -> canonical name) names the
    organisations its roles were held in, and its successor."""
    roles = sorted(entry.roles, key=lambda r: (r.start or date.min, r.end or date.max))
    return {
        **actor_summary(entry, n_events),
        "context_aliases": list(entry.context_aliases),
        "successor": entry.successor,
        "successor_name": names.get(entry.successor or ""),
        "source": entry.source,
        "roles": [
            {
                "role": r.role,
                "org": r.org,
                "org_name": names.get(r.org or ""),
                "start": _iso(r.start),
                "end": _iso(r.end),
            }
            for r in roles
        ],
    }
