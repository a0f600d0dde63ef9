"""Score extraction against hand-coded gold events (``borderwatch evaluate``).

The gold format and the matching rule are those of ``shared/samples/README.md``: a predicted event
matches a gold event of the same article when at least two of these hold — its ACLED type is one
of the allowed ones, its date lies in the gold window, its point lies within ``tol_km`` of the gold
point.  On matched pairs, type, sub-type, date, place and fatalities are each scored.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable
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
from .resolve import Resolver
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
    actor1: int = 0
    actor1_coded: int = 0  # matched pairs whose gold names at least one actor
    actor2: int = 0
    actor2_coded: int = 0  # ... at least two


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
    pairs: list[dict[str, Any]] = field(default_factory=list)

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
            "actor1_accuracy": share(f.actor1, f.actor1_coded),
            "actor2_accuracy": share(f.actor2, f.actor2_coded),
        }

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "figures": self.figures()}


def _criteria(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[bool, bool, bool]:
    types = set(str(gold["type"]).split("|"))
    type_ok = pred["event_type"] in types
    window = [date.fromisoformat(d) for d in gold["date"]]
    day = pred.get("event_date")
    date_ok = isinstance(day, str) and window[0] <= date.fromisoformat(day) <= window[1]
    place_ok = False
    if pred.get("latitude") is not None and gold.get("lat") is not None:
        a = Place("p", pred["latitude"], pred["longitude"], 1, "", "")
        b = Place("g", float(gold["lat"]), float(gold["lon"]), 1, "", "")
        place_ok = haversine_km(a, b) <= float(gold.get("tol_km", 25))
    return type_ok, date_ok, place_ok


# A gold actor's words, content words only: "Syrian refugees (protesters)" -> syrian, refugees.
WORD = re.compile(r"[a-z0-9]+")
# "Protesters (Lebanon)": ACLED's generic actors carry the event's country in brackets.
COUNTRY_SUFFIX = re.compile(r"\s*\([A-Z][^()]*\)$")
# A gold name's bracketed note: its ACLED reading ("gunmen (armed group)", "Syrian refugees
# (protesters)") or a remark ("(per Israel)", "(mediator)").
NOTE = re.compile(r"\s*\(([^()]*)\)")
# ACLED's names of a state's forces and government ("Military Forces of Syria (2024-)").
STATE_NAMES = ("Military Forces of ", "Police Forces of ", "Government of ")

# The knowledge base's name for an actor's words on a date, or None when it knows none.
Namer = Callable[..., str | None]


def _words(name: str) -> set[str]:
    return {w for w in WORD.findall(name.lower()) if len(w) > 2 and w != "the"}


def _plain(name: str, on: date | None = None) -> str | None:
    """The namer of a scorer with no knowledge base: no name is known."""
    return None


def same_actor(
    gold_name: str, name: str, canonical: Namer = _plain, on: date | None = None
) -> bool:
    """Whether a predicted actor name names the gold one.  Gold names are in the text's words
    ("Lebanese tribal gunmen", "Syrian refugees (protesters)"); the exports name actors as
    ACLED does ("Unidentified Clan Militia (Lebanon)", "Protesters (Lebanon)").  When the
    knowledge base reads the gold words as an actor on the event's date (the name itself, or
    its words as an article's would be read: a nationality before them, the date choosing
    the period), both sides are compared by that name, the country of a generic actor aside;
    else by a shared content word.  A bracketed note counts only where the base knows it as a
    name (its ACLED reading), never by its words ("(per Israel)" names no actor)."""
    predicted = COUNTRY_SUFFIX.sub("", name)
    # the export's name is already of its period: read undated, never moved to another
    mine = _bare(canonical(predicted) or predicted)
    main = NOTE.sub("", gold_name).strip()
    known = canonical(gold_name, on) or canonical(main, on)
    if known is not None:
        if _bare(known) == mine:
            return True
    elif _words(main) & _words(predicted):
        return True
    notes = [canonical(n.strip(), on, exact=True) for n in NOTE.findall(gold_name)]
    return any(n is not None and _bare(n) == mine for n in notes)


def _bare(name: str) -> str:
    """A name without the country ACLED gives generic actors ("Civilians (Lebanon)")."""
    return COUNTRY_SUFFIX.sub("", name)


def _one_state(first: str, second: str, canonical: Namer) -> bool:
    """Whether both predicted actors name one state's forces: a state's forces are never
    their own target (EVENT_CODING.md: actor1 and actor2 are the two sides), so such an
    actor2 names no second party, whatever other name of the same forces the gold lists."""
    one = _bare(canonical(first) or first)
    return one.startswith(STATE_NAMES) and one == _bare(canonical(second) or second)


def _actor_overlap(pred: dict[str, Any], gold: dict[str, Any], canonical: Namer) -> int:
    """How many gold actors name a predicted actor (ties break on who did it)."""
    predicted = [
        a for a in (pred.get("actor1"), pred.get("actor2"), pred.get("assoc_actor_1")) if a
    ]
    on = _gold_day(gold)
    return sum(
        1 for g in gold.get("actors", []) if any(same_actor(g, p, canonical, on) for p in predicted)
    )


def _gold_day(gold: dict[str, Any]) -> date | None:
    """The first day of the gold event's window: the date the actors' names are read on
    ("Syrian government forces" in 2025 are the Military Forces of Syria (2024-))."""
    window = gold.get("date") or []
    try:
        return date.fromisoformat(window[0]) if window else None
    except (TypeError, ValueError):
        return None


def _score_actors(
    pred: dict[str, Any], gold: dict[str, Any], f: FieldScores, canonical: Namer
) -> tuple[bool | None, bool | None]:
    """actor1 is right when it names one of the gold event's actors (gold lists the main
    parties, unordered); actor2 when it names another of them.  Returns each verdict (None:
    not scored) so that a pair can say which of its actors was right."""
    names = [str(g) for g in gold.get("actors", [])]
    if not names:
        return None, None
    f.actor1_coded += 1
    on = _gold_day(gold)
    first = pred.get("actor1")
    hit = next((g for g in names if first and same_actor(g, first, canonical, on)), None)
    f.actor1 += hit is not None
    if len(names) < 2:
        return hit is not None, None
    f.actor2_coded += 1
    second = pred.get("actor2")
    if first and second and _one_state(first, second, canonical):
        return hit is not None, False
    rest = [g for g in names if g != hit]
    right = bool(second) and any(same_actor(g, str(second), canonical, on) for g in rest)
    f.actor2 += right
    return hit is not None, right


def _assign(
    predicted: list[dict[str, Any]],
    gold_events: list[dict[str, Any]],
    canonical: Namer,
) -> dict[int, dict[str, Any]]:
    """One-to-one matching: each predicted event explains at most one gold event.  Pairs are
    taken greedily, the pairs meeting more criteria first, then those naming more gold actors,
    then those of an allowed sub-type, the gold's own (first-listed) reading before the others
    it allows ("Government regains territory|Armed clash": a capture that is also a clash),
    core gold events before others."""
    candidates = []
    for g, gold in enumerate(gold_events):
        for p, pred in enumerate(predicted):
            met = sum(_criteria(pred, gold))
            if met >= 2:
                core = bool(gold.get("core", True))
                subs = str(gold.get("sub", "")).split("|")
                sub_ok = pred["sub_event_type"] in subs
                candidates.append(
                    (
                        -met,
                        -_actor_overlap(pred, gold, canonical),
                        not sub_ok,
                        pred["sub_event_type"] != subs[0],
                        not core,
                        -(pred.get("confidence") or 0),
                        g,
                        p,
                    )
                )
    assigned: dict[int, dict[str, Any]] = {}
    used: set[int] = set()
    for *_, g, p in sorted(candidates):
        if g not in assigned and p not in used:
            assigned[g] = predicted[p]
            used.add(p)
    return assigned


def score_document(
    predicted: list[dict[str, Any]],
    gold_events: list[dict[str, Any]],
    report: EvalReport,
    label: str,
    canonical: Namer = _plain,
) -> None:
    """Add one document's predictions and gold events to ``report``."""
    report.predicted += len(predicted)
    report.predicted_matching += sum(
        1 for p in predicted if any(sum(_criteria(p, g)) >= 2 for g in gold_events)
    )
    assigned = _assign(predicted, gold_events, canonical)
    for g, gold in enumerate(gold_events):
        core = bool(gold.get("core", True))
        report.gold += 1
        report.gold_core += core
        if g not in assigned:
            report.misses.append(f"{label}: {gold.get('id', '?')}")
            continue
        best = assigned[g]
        report.found += 1
        report.found_core += core
        _score_fields(best, gold, report.fields)
        actor1_ok, actor2_ok = _score_actors(best, gold, report.fields, canonical)
        type_ok, date_ok, place_ok = _criteria(best, gold)
        report.pairs.append(
            {
                "gold": f"{label}: {gold.get('id', '?')}",
                "event_id": best["event_id"],
                "type": type_ok,
                "sub_type": best["sub_event_type"],
                "date": date_ok,
                "event_date": best.get("event_date"),
                "place": place_ok,
                "location": best.get("location"),
                "fatalities": best.get("fatalities"),
                "actor1": best.get("actor1"),
                "actor2": best.get("actor2"),
                "actor1_text": best.get("actor1_text"),
                "actor2_text": best.get("actor2_text"),
                "gold_actors": gold.get("actors", []),
                "gold_sub": gold.get("sub"),
                "gold_date": gold.get("date"),
                "gold_place": gold.get("place"),
                "sub_type_ok": type_ok
                and best["sub_event_type"] in set(str(gold.get("sub", "")).split("|")),
                "actor1_ok": actor1_ok,
                "actor2_ok": actor2_ok,
            }
        )


# The per-pair verdicts ``miss_lines`` reports, each with what the export said and what the gold
# says: (verdict key, field name, predicted keys, gold keys).
MISS_FIELDS = (
    ("actor1_ok", "actor1", ("actor1", "actor1_text"), ("gold_actors",)),
    ("actor2_ok", "actor2", ("actor2", "actor2_text"), ("gold_actors",)),
    ("sub_type_ok", "sub_type", ("sub_type",), ("gold_sub",)),
    ("place", "place", ("location",), ("gold_place",)),
    ("date", "date", ("event_date",), ("gold_date",)),
)


def miss_lines(report: EvalReport) -> list[str]:
    """One line per gold event the export missed outright and per field a matched pair got
    wrong, with the export's value beside the gold's: what a rule writer reads (on the tune
    half only) to find the general cause of each miss."""
    lines = [f"unmatched {m}" for m in report.misses]
    for pair in report.pairs:
        for verdict, name, mine, theirs in MISS_FIELDS:
            if pair.get(verdict) is False:
                said = " / ".join(repr(pair.get(k)) for k in mine)
                gold = " / ".join(repr(pair.get(k)) for k in theirs)
                lines.append(f"{name} {pair['gold']}: export {said}; gold {gold}")
    return lines


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


def _canonical_names(settings: Settings) -> Namer:
    """The knowledge base's name for an actor's words on a date (None: it knows none).  The
    words are read as an article's would be (:meth:`ActorResolver.ref`: a nationality or
    other modifier before a name the base knows, what a group is after it), a generic actor
    named with the nationality its words give ("Syrian security forces": the Military Forces
    of Syria of the date); ``exact`` reads only whole names of the base."""
    actors = Resolver.for_region(settings.region_dirs).actors

    def canonical(name: str, on: date | None = None, exact: bool = False) -> str | None:
        found = actors.lookup(name, on)
        if found is not None or exact:
            return found.entry.canonical if found else None
        ref = actors.ref(name, on)
        if ref.actor_id is None:
            return None
        return actors.localise(ref, None, on).canonical

    return canonical


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(gold.get("docs"), list):
            raise EvaluationError(f"{path}: no 'docs' list")
        return gold
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read gold file ({exc})") from exc


def half(name: str) -> str:
    """The fixed half a gold document belongs to, 'tune' or 'check', by a hash of its file
    name (the scheme of the development tools: rules are written on one half, checked on the
    other)."""
    return "tune" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "check"


def evaluate(
    gold_path: Path, docs_dir: Path, settings: Settings, which: str | None = None
) -> EvalReport:
    """Ingest the gold file's documents into a temporary database and score the export;
    ``which`` ('tune' or 'check') scores only the documents of that half (all are ingested:
    reports of one happening in several articles are fused across the halves)."""
    gold = load_gold(gold_path)
    report = EvalReport()
    with tempfile.TemporaryDirectory(prefix="borderwatch-eval-") as tmp:
        store = Store(str(Path(tmp) / "eval.db"))
        pipeline = Pipeline(settings.with_overrides(db=str(Path(tmp) / "eval.db")))
        names: dict[str, set[str]] = {}  # gold file -> how its sources are named in the export
        for doc in gold["docs"]:
            path = docs_dir / doc["file"]
            published = date.fromisoformat(doc["published"]) if doc.get("published") else None
            for raw in read_inputs([str(path)], published=published):
                processed = pipeline.process(raw)
                committed = pipeline.commit(store, processed)
                if committed.status == "failed":
                    raise EvaluationError(f"{path}: {committed.reason}")
                url = processed.article.url if processed.article else None
                names[doc["file"]] = {str(path)} | ({url} if url else set())
        events = [export_record(e) for e in store.events(EventFilter())]
        for doc in gold["docs"]:
            if which is not None and half(doc["file"]) != which:
                continue
            known = names.get(doc["file"], set())
            predicted = [e for e in events if any(s["doc"] in known for s in e["sources"])]
            report.documents += 1
            score_document(
                predicted, doc.get("events", []), report, doc["file"], _canonical_names(settings)
            )
    return report
