"""Score extraction against hand-coded gold events (``borderwatch evaluate``).

The gold format and the matching rule are those of ``shared/samples/README.md``: a predicted event
matches a gold event of the same article when at least two of these hold — its ACLED type is one
of the allowed ones, its date lies in the gold window, its point lies within ``tol_km`` of the gold
point.  On matched pairs, type, sub-type, date, place and fatalities are each scored.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import EvaluationError
from .export import export_record
from .fuse import haversine_km
from .ingest import read_inputs
from .model import Place
from .pipeline import Pipeline
from .settings import Settings
from .store import EventFilter, Store


@dataclass
class FieldScores:
    matched: int = 0
    type: int = 0
    sub_type: int = 0
    date: int = 0
    place: int = 0
    fatalities: int = 0
    fatalities_stated: int = 0


@dataclass
class EvalReport:
    documents: int = 0
    gold: int = 0
    gold_core: int = 0
    found: int = 0
    found_core: int = 0
    predicted: int = 0
    predicted_matching: int = 0
    fields: FieldScores = field(default_factory=FieldScores)
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | None]:
        f = self.fields

        def share(n: int, d: int) -> float | None:
            return round(n / d, 3) if d else None

        return {
            "core_recall": share(self.found_core, self.gold_core),
            "recall_all": share(self.found, self.gold),
            "precision_lower_bound": share(self.predicted_matching, self.predicted),
            "type_accuracy": share(f.type, f.matched),
            "sub_type_accuracy": share(f.sub_type, f.matched),
            "date_accuracy": share(f.date, f.matched),
            "place_accuracy": share(f.place, f.matched),
            "fatalities_exact": share(f.fatalities, f.fatalities_stated),
        }

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "figures": self.figures()}


def _criteria(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[bool, bool, bool]:
    types = set(str(gold["type"]).split("|"))
    type_ok = pred["event_type"] in types
    window = [date.fromisoformat(d) for d in gold["date"]]
    day = pred.get("event_date")
    date_ok = bool(day) and window[0] <= date.fromisoformat(day) <= window[1]
    place_ok = False
    if pred.get("latitude") is not None and gold.get("lat") is not None:
        a = Place("p", pred["latitude"], pred["longitude"], 1, "", "")
        b = Place("g", float(gold["lat"]), float(gold["lon"]), 1, "", "")
        place_ok = haversine_km(a, b) <= float(gold.get("tol_km", 25))
    return type_ok, date_ok, place_ok


def score_document(predicted: list[dict[str, Any]], gold_events: list[dict[str, Any]],
                   report: EvalReport, label: str) -> None:
    """Add one document's predictions and gold events to ``report``."""
    report.predicted += len(predicted)
    report.predicted_matching += sum(
        1 for p in predicted if any(sum(_criteria(p, g)) >= 2 for g in gold_events))
    for gold in gold_events:
        core = bool(gold.get("core", True))
        report.gold += 1
        report.gold_core += core
        scored = [(sum(_criteria(p, gold)), p.get("confidence") or 0, p) for p in predicted]
        scored = [s for s in scored if s[0] >= 2]
        if not scored:
            report.misses.append(f"{label}: {gold.get('id', '?')}")
            continue
        best = max(scored, key=lambda s: (s[0], s[1]))[2]
        report.found += 1
        report.found_core += core
        _score_fields(best, gold, report.fields)


def _score_fields(pred: dict[str, Any], gold: dict[str, Any], f: FieldScores) -> None:
    type_ok, date_ok, place_ok = _criteria(pred, gold)
    f.matched += 1
    f.type += type_ok
    f.sub_type += type_ok and pred["sub_event_type"] in set(str(gold.get("sub", "")).split("|"))
    f.date += date_ok
    f.place += place_ok
    if gold.get("fatalities") is not None:
        f.fatalities_stated += 1
        f.fatalities += pred.get("fatalities") == gold["fatalities"]


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(gold.get("docs"), list):
            raise EvaluationError(f"{path}: no 'docs' list")
        return gold
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read gold file ({exc})") from exc


def evaluate(gold_path: Path, docs_dir: Path, settings: Settings) -> EvalReport:
    """Ingest the gold file's documents into a temporary database and score the export."""
    gold = load_gold(gold_path)
    report = EvalReport()
    with tempfile.TemporaryDirectory(prefix="borderwatch-eval-") as tmp:
        store = Store(str(Path(tmp) / "eval.db"))
        pipeline = Pipeline(settings.with_overrides(db=str(Path(tmp) / "eval.db")))
        for doc in gold["docs"]:
            path = docs_dir / doc["file"]
            published = date.fromisoformat(doc["published"]) if doc.get("published") else None
            for committed in pipeline.ingest(store, read_inputs([str(path)], published=published)):
                if committed.status == "failed":
                    raise EvaluationError(f"{path}: {committed.reason}")
        events = [export_record(e) for e in store.events(EventFilter())]
        for doc in gold["docs"]:
            path = str(docs_dir / doc["file"])
            predicted = [e for e in events if any(s["doc"] == path for s in e["sources"])]
            report.documents += 1
            score_document(predicted, doc.get("events", []), report, doc["file"])
    return report
