"""Export events as JSONL, CSV and GeoJSON.

The export contract is the one other tools rely on; its fields are listed in README.md.  Every
format carries ACLED's fields (inter codes, interaction, ISO codes, region, year, timestamp);
the CSV starts with ACLED's export header in ACLED's order, so scripts written for ACLED files
load ours, and our own columns follow.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from .acled import OutletScales, interaction, iso3_of, iso_numeric, region_of, source_scale
from .errors import SettingsError
from .model import datespan_from
from .region import load_outlets
from .settings import load_settings

FORMATS = ("jsonl", "csv", "geojson")

# ACLED's export header, in ACLED's order: scripts written for ACLED files read ours.
ACLED_HEADER = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
]
# Our own columns, after ACLED's.
OWN_FIELDS = [
    "date_start",
    "date_end",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "counts",
    "sources",
    "n_sources",
    "confidence",
    "modality",
    "historical",
    "plover_type",
    "plover_mode",
    "tags",
]
CSV_FIELDS = ACLED_HEADER + OWN_FIELDS
# Our field -> ACLED's column name, where the record keeps our name.
ACLED_COLUMNS = {"event_id": "event_id_cnty"}
# Rows written per chunk of CSV: a chunk per row cost a buffer read and reset per event (an
# answer is joined or sent in larger pieces anyway, ``serve.events_api``).
CSV_ROWS_PER_CHUNK = 64
# ``json.dumps(value, ensure_ascii=False)`` made a new encoder at every call (its options
# differ from the default): one, made once, writes the same text.
_JSON = json.JSONEncoder(ensure_ascii=False).encode


def _best_day(when: dict[str, Any]) -> str | None:
    if not when:
        return None
    return datespan_from(when).best.isoformat()  # type: ignore[union-attr]


def _name(actor: dict[str, Any] | None) -> str | None:
    return (actor.get("canonical") or None) if actor else None


def _text(actor: dict[str, Any] | None) -> str | None:
    """What the report said for an actor ("regime warplanes"), beside the ACLED name it was
    given: an analyst checks the name against the words."""
    return (actor.get("text") or None) if actor else None


def _inter(actor: dict[str, Any] | None) -> int | None:
    return actor.get("inter") if actor else None


def _number(event_id: str) -> int | None:
    """ACLED's numeric ids: the hexadecimal part of ours as an integer (stable per event)."""
    digits = event_id.rsplit("-", 1)[-1]
    try:
        return int(digits, 16)
    except ValueError:
        return None


def _timestamp(event: dict[str, Any]) -> int | None:
    """Unix time of the event's last change (its last revision), as ACLED's ``timestamp``."""
    revisions = event.get("revisions") or []
    if not revisions:
        return None
    last = datetime.fromisoformat(revisions[-1]["at"])
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return int(last.timestamp())


@functools.lru_cache(maxsize=1)
def outlet_scales() -> OutletScales:
    """The outlets of ``data/outlets.yaml`` and of the configured ``region_dirs`` (read once:
    an export knows no settings of its own, so it reads them as the commands do)."""
    try:
        extra = load_settings().region_dirs
    except SettingsError:
        extra = ()  # a broken config file is reported by the command that reads it
    return OutletScales(load_outlets(tuple(extra)))


def _acled_fields(event: dict[str, Any], day: str | None) -> dict[str, Any]:
    """The ACLED columns our own fields do not already hold."""
    place = event.get("place") or {}
    code = place.get("country_code")
    inter1, inter2 = _inter(event.get("actor1")), _inter(event.get("actor2"))
    sources = event.get("sources", [])
    number = _number(event["event_id"])
    return {
        "data_id": number,
        "iso": iso_numeric(code),
        "event_id_no_cnty": number,
        "year": int(day[:4]) if day else None,
        "interaction": interaction(inter1, inter2),
        "region": region_of(code),
        "admin2": place.get("admin2"),
        "admin3": place.get("admin3"),
        "source": "; ".join(sorted({s.get("outlet") or s["doc"] for s in sources})) or None,
        "source_scale": source_scale(sources, code, outlet_scales()),
        "timestamp": _timestamp(event),
        "iso3": iso3_of(code),
    }


def export_record(event: dict[str, Any]) -> dict[str, Any]:
    """One stored event (its JSON payload) as an export record."""
    place = event.get("place") or {}
    when = event.get("date") or {}
    sources = [
        {k: s.get(k) for k in ("doc", "outlet", "published", "sentence", "attribution")}
        for s in event.get("sources", [])
    ]
    day = _best_day(when)
    return (
        {
            "event_id": event["event_id"],
            "event_id_cnty": event["event_id"],
            "event_date": day,
            "date_start": when.get("start"),
            "date_end": when.get("end"),
            "time_precision": when.get("precision"),
            "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "actor1": _name(event.get("actor1")),
            "actor2": _name(event.get("actor2")),
            "actor1_text": _text(event.get("actor1")),
            "actor2_text": _text(event.get("actor2")),
            "assoc_actor_1": _name(event.get("assoc_actor_1")),
            "assoc_actor_2": _name(event.get("assoc_actor_2")),
            "inter1": _inter(event.get("actor1")),
            "inter2": _inter(event.get("actor2")),
            "location": place.get("name"),
            "admin1": place.get("admin1"),
            "country": place.get("country"),
            "latitude": place.get("latitude"),
            "longitude": place.get("longitude"),
            "geo_precision": place.get("precision"),
            "fatalities": event.get("fatalities"),
            "fatalities_low": (event.get("fatality_range") or {}).get("low"),
            "fatalities_best": (event.get("fatality_range") or {}).get("best"),
            "fatalities_high": (event.get("fatality_range") or {}).get("high"),
            "counts": event.get("counts", {}),
            "sources": sources,
            # independent outlets: a syndicated copy of a wire story counts once
            "n_sources": event.get("n_sources") or len({s["doc"] for s in sources}),
            "confidence": event.get("confidence"),
            "modality": event.get("modality"),
            # which scope admitted it: ACLED's, or Borderwatch's border business
            "scope": event.get("scope") or "acled",
            "historical": event.get("historical", False),
            "plover_type": event.get("plover_type"),
            "plover_mode": event.get("plover_mode"),
            "tags": event.get("tags", []),
            "claims": event.get("claims", []),
            "revisions": event.get("revisions", []),
            "notes": event.get("notes", ""),
        }
        | _acled_fields(event, day)
        | _reviewed(event)
    )


def _reviewed(event: dict[str, Any]) -> dict[str, Any]:
    """An analyst's review of the event and the machine's values it replaced (when reviewed)."""
    return {k: event[k] for k in ("review", "machine") if k in event}


def to_jsonl(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    for event in events:
        yield _JSON(export_record(event)) + "\n"


def to_csv(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV, header first, in chunks of ``CSV_ROWS_PER_CHUNK`` rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([ACLED_COLUMNS.get(f, f) for f in CSV_FIELDS])
    for n, event in enumerate(events, 1):
        writer.writerow(_csv_row(export_record(event)))
        if n % CSV_ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def _csv_row(record: dict[str, Any]) -> list[Any]:
    """A record's CSV cells: lists and objects as JSON, text made spreadsheet-safe."""
    row: list[Any] = []
    for name in CSV_FIELDS:
        value = record.get(name)
        if value is None:
            value = ""
        elif isinstance(value, str):
            if value.startswith(FORMULA_STARTS):
                value = spreadsheet_safe(value)
        elif isinstance(value, dict | list):
            value = _JSON(value)  # starts with { or [: never a formula
        row.append(value)
    return row


# Cells a spreadsheet reads as a formula (OWASP, "CSV injection"): text starting with these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``=``, ``+``, ``-``,
    ``@``, tab or carriage return gets a leading apostrophe (a page's ``Source: =HYPERLINK(..)``
    line must reach an analyst as text); numbers, negative ones included, stay numbers."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    return value if PLAIN_NUMBER.fullmatch(value) else "'" + value


def to_geojson(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection of points, written feature by feature so memory stays flat."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for event in events:
        record = export_record(event)
        if record["latitude"] is None or record["longitude"] is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
            "properties": record,
        }
        yield ("" if first else ",\n") + _JSON(feature)
        first = False
    yield "]}\n"


def export(events: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """Chunks of text for ``events`` in format ``fmt`` (jsonl, csv or geojson)."""
    writers = {"jsonl": to_jsonl, "csv": to_csv, "geojson": to_geojson}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](events)
