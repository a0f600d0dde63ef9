"""Shape what the store returns into the API's answers (pure functions, no I/O)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from ..region import ActorEntry

CONTEXT_CHARS = 160  # how much text either side of a span outside its mention's sentence


def bucket_start(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def timeline(rows: Iterable[Any], interval: str) -> dict[str, Any]:
    """Counts and fatalities per bucket and event type from (event_date, event_type, fatalities)."""
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    deaths: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    types: set[str] = set()
    for day, event_type, fatalities in rows:
        start = bucket_start(day, interval)
        counts[start][event_type] += 1
        deaths[start][event_type] += fatalities or 0
        types.add(event_type)
    buckets = [{"start": start.isoformat(), "count": sum(counts[start].values()),
                "fatalities": sum(deaths[start].values()), "counts": dict(counts[start]),
                "fatalities_by_type": dict(deaths[start])} for start in sorted(counts)]
    return {"interval": interval, "types": sorted(types), "buckets": buckets}


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _window(text: str, start: int, end: int) -> dict[str, Any]:
    """The line around [start, end) in ``text``, at most CONTEXT_CHARS either side."""
    lo = max(text.rfind("\n", 0, start) + 1, start - CONTEXT_CHARS)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + CONTEXT_CHARS)
    return {"start": lo, "end": hi, "text": text[lo:hi]}


def field_evidence(field: str, span: dict[str, Any], sentence: dict[str, Any],
                   text: str | None) -> dict[str, Any]:
    """One field's evidence: its span and the sentence (or context) to show it in, with the
    span's offsets into that sentence (``None`` when the span cannot be placed)."""
    start, end, words = int(span["start"]), int(span["end"]), str(span["text"])
    shown = sentence
    if not sentence["start"] <= start <= end <= sentence["end"] and text:
        shown = _window(text, start, end)
    offset: list[int] | None = [start - shown["start"], end - shown["start"]]
    if shown["text"][offset[0]:offset[1]] != words:  # type: ignore[index]
        found = shown["text"].find(words) if words else -1
        offset = [found, found + len(words)] if found >= 0 else None
    return {"field": field, "text": words, "sentence": shown["text"], "highlight": offset}


def evidence(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per mention (one source's report): its document, sentence and each field's evidence."""
    out = []
    for row in rows:
        mention = row["payload"]
        sentence = mention.get("sentence") or {"start": 0, "end": 0, "text": ""}
        fields = [field_evidence(name, span, sentence, row["text"])
                  for name, span in sorted((mention.get("evidence") or {}).items())]
        out.append({
            "mention_id": row["mention_id"], "doc_key": row["doc_key"],
            "doc": row["url"] or row["source"], "outlet": row["outlet"],
            "published": _iso(row["published"]), "title": row["title"],
            "attribution": mention.get("attribution"), "modality": mention.get("modality"),
            "event_type": mention.get("event_type"),
            "sub_event_type": mention.get("sub_event_type"),
            "confidence": mention.get("confidence"), "sentence": sentence.get("text", ""),
            "fields": fields,
        })
    return out


def conflicts(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Claims grouped by field, for the fields whose sources disagree."""
    by_field: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        by_field[claim["field"]].append(claim)
    return {f: cs for f, cs in by_field.items()
            if len({repr(c.get("value")) for c in cs}) > 1}


def revisions(rows: list[dict[str, Any]], updated_at: Any) -> list[dict[str, Any]]:
    """How the event grew: each report added to it (when it was stored), then the last update."""
    seen: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r["ingested_at"] or datetime.min)):
        if row["doc_key"] not in seen:
            change = "first reported" if not seen else "report added"
            seen[row["doc_key"]] = {"at": _iso(row["ingested_at"]), "change": change,
                                    "doc": row["url"] or row["source"], "outlet": row["outlet"]}
    history = list(seen.values())
    if updated_at is not None:
        history.append({"at": _iso(updated_at), "change": "last re-fused", "doc": None,
                        "outlet": None})
    return history


def actor_summary(entry: ActorEntry, n_events: int) -> dict[str, Any]:
    return {"actor_id": entry.actor_id, "canonical": entry.canonical, "inter": entry.inter,
            "kind": entry.kind, "country": entry.country, "aliases": list(entry.aliases),
            "valid_from": _iso(entry.valid_from), "valid_to": _iso(entry.valid_to),
            "n_events": n_events}


def actor_detail(entry: ActorEntry, n_events: int) -> dict[str, Any]:
    roles = sorted(entry.roles, key=lambda r: (r.start or date.min, r.end or date.max))
    return {**actor_summary(entry, n_events),
            "context_aliases": list(entry.context_aliases), "successor": entry.successor,
            "source": entry.source,
            "roles": [{"role": r.role, "org": r.org, "start": _iso(r.start), "end": _iso(r.end)}
                      for r in roles]}
