"""Geography on the dev sets: GeoWebNews end to end and event_location place choice.

    PYTHONPATH=src python bench/geoparse_eval.py [--articles N] [--sentences N] [--misses N]

GeoWebNews (``../shared/data/geowebnews/GWN.xml``, 200 articles): every gold toponym with
coordinates counts; it is right when a predicted toponym overlaps its span and lies within
161 km (a missed toponym is wrong). Detection recall is the share of gold toponyms overlapped by
a prediction; precision the share of predictions overlapping any annotated toponym (any type:
GeoWebNews annotates non-literal and expression toponyms too).

event_location (``../shared/data/event_location/``): sentences with a verb and the gold
location(s) of that verb's event; the place the extractor's rule chooses for the verb is right
when it overlaps a gold location. Counted over sentences with a gold location and at least one
place found.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import SimpleNamespace

from spacy.tokens import Doc, Token

from borderwatch.extract.search import ContextSearch
from borderwatch.extract.tree_places import MAX_PLACE_SCORE, acts_as_actor, place_spans, rank_place
from borderwatch.nlp import load_pipeline
from borderwatch.resolve import Resolver
from borderwatch.resolve.toponyms import geoparse_text, ranking_precision

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
KM_161 = 161.0
# The Syria-focused sentences of event_location (reported on their own line too).
SYRIAN_SOURCES = frozenset({"Masdar", "Masdar_RA", "coalition"})


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def geowebnews(limit: int) -> dict[str, float]:
    root = ET.parse(DATA / "geowebnews" / "GWN.xml").getroot()
    nlp, resolver = load_pipeline(), Resolver.for_region()
    gold_n = right = found = predicted = predicted_hit = 0
    by_half: dict[str, list[int]] = {"tune": [0, 0], "check": [0, 0]}
    for number, article in enumerate(root.findall("article")[:limit]):
        group = by_half[half(number)]
        text = article.findtext("text") or ""
        annotated = []
        gold = []
        for tp in article.find("toponyms") or ():
            start, end = int(tp.findtext("start") or 0), int(tp.findtext("end") or 0)
            annotated.append((start, end))
            if tp.find("latitude") is not None:
                lat, lon = float(tp.findtext("latitude") or 0), float(tp.findtext("longitude") or 0)
                gold.append((start, end, lat, lon))
        preds = geoparse_text(nlp, resolver.places, text)
        predicted += len(preds)
        predicted_hit += sum(any(p.start < e and s < p.end for s, e in annotated) for p in preds)
        for start, end, lat, lon in gold:
            gold_n += 1
            over = [p for p in preds if p.start < end and start < p.end]
            found += bool(over)
            placed = [p.place for p in over if p.place is not None]
            group[0] += 1
            if placed and distance_km(lat, lon, placed[0].latitude, placed[0].longitude) <= KM_161:
                right += 1
                group[1] += 1
    return {
        "gold toponyms": gold_n,
        "accuracy@161km (end to end)": right / max(gold_n, 1),
        "detection recall": found / max(gold_n, 1),
        "detection precision": predicted_hit / max(predicted, 1),
        "accuracy@161km given detection": right / max(found, 1),
        **{
            f"accuracy@161km (end to end), {name} ({n})": hits / max(n, 1)
            for name, (n, hits) in by_half.items()
        },
    }


def _event_location_rows(limit: int) -> list[dict]:
    rows = [
        json.loads(line)
        for line in (DATA / "event_location" / "syria_sources_Masdar_coalition.jsonl").open()
    ]
    with zipfile.ZipFile(DATA / "event_location" / "labeled_text.jsonl.zip") as zf:
        raw = zf.read("labeled_text.jsonl").decode("utf-8")
    data = (
        json.load(io.StringIO(raw))
        if raw.lstrip().startswith("[")
        else [json.loads(line) for line in raw.splitlines() if line.strip()]
    )
    rows += [r for r in data if r.get("source") != "RELABEL"]
    wanted = [r for r in rows if any(s["label"] == "LOCATION" for s in r.get("spans", ()))]
    return wanted[:limit]


def half(gid: object) -> str:
    """The fixed half a row belongs to, 'tune' or 'check', by a hash of its id (the same rule
    as ``../shared/tools/actors_syria_dev.py``): tune on one, check on the other."""
    return "tune" if hashlib.sha256(str(gid).encode()).digest()[0] % 2 == 0 else "check"


def event_location(limit: int, misses: int = 0) -> dict[str, float]:
    nlp, resolver = load_pipeline(), Resolver.for_region()
    search = ContextSearch(resolver, resolver.region.lexicon)
    rows = _event_location_rows(limit)
    scored = right = 0
    by_half: dict[str, list[int]] = {"tune": [0, 0], "check": [0, 0], "syria": [0, 0]}
    for row in rows:
        verbs = [s for s in row["spans"] if s["label"] == "VERB"]
        gold = [(s["start"], s["end"]) for s in row["spans"] if s["label"] == "LOCATION"]
        if not verbs:
            continue
        doc = nlp(row["text"])
        verb = doc.char_span(verbs[0]["start"], verbs[0]["end"], alignment_mode="expand")
        if verb is None:
            continue
        chosen = choose_event_place(search, doc, verb.root)
        if chosen is None:
            continue
        scored += 1
        s, e = chosen
        hit = any(s < ge and gs < e for gs, ge in gold)
        right += hit
        groups = [half(row.get("_id"))]
        if not hit and groups[0] == "tune" and misses > 0:  # tune on one half only
            misses -= 1
            wanted = " | ".join(row["text"][gs:ge] for gs, ge in gold)
            print(
                f"MISS [tune] chose {row['text'][s:e]!r} for {verb.text!r} (gold {wanted}): "
                f"{row['text'][:220]}",
                file=sys.stderr,
            )
        if row.get("source") in SYRIAN_SOURCES:
            groups.append("syria")
        for group in groups:
            by_half[group][0] += 1
            by_half[group][1] += hit
    return {
        "sentences with gold location": len(rows),
        "scored": scored,
        "place choice accuracy": right / max(scored, 1),
        **{
            f"place choice accuracy, {name} ({n})": hits / max(n, 1)
            for name, (n, hits) in by_half.items()
        },
    }


def choose_event_place(search: ContextSearch, doc: Doc, verb: Token) -> tuple[int, int] | None:
    """The extractor's rule (``ContextSearch.place``, within the sentence): the best-ranked
    place name that does not act as an actor, resolved in context."""
    countries = search.countries({0: doc})
    ctx = SimpleNamespace(countries=countries, place_anchors=search.anchors({0: doc}, countries))
    read = search.read_places(ctx, doc)  # type: ignore[arg-type]
    best: tuple[float, tuple[int, int]] | None = None
    for ent in place_spans(doc[:]):
        place = read.get((ent.start_char, ent.end_char))
        if acts_as_actor(ent) or place is None:
            continue
        score = rank_place(verb, ent, ranking_precision(place))
        if score <= MAX_PLACE_SCORE and (best is None or score < best[0]):
            best = (score, (ent.start_char, ent.end_char))
    return best[1] if best else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=800)
    parser.add_argument("--misses", type=int, default=0, help="print N tune-half misses")
    args = parser.parse_args()
    t0 = time.perf_counter()
    for name, result in (
        ("GeoWebNews", geowebnews(args.articles)),
        ("event_location", event_location(args.sentences, args.misses)),
    ):
        print(name)
        for key, value in result.items():
            print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}")
    print(f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
