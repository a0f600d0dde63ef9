"""Actor accuracy (actor1/actor2) on the dev sets that name each event's actors.

Run from the repository root with ``../shared/data`` present::

    PYTHONPATH=src python bench/actors_dev.py [--half tune --misses N] [--sets re3d,...]

Prints, per set: events, share found, actor1 and actor2 accuracy, and (re3d) predicted actors
the coders marked as a place or a time.  ``syria_notes`` (Masdar and coalition sentences written
by research assistants, event_location data; no gold actors) prints coverage only: the share of
exported violent events with an actor1, of battles with both sides, and of generic actors left
without the event's country ("Rebels" rather than "Rebels (Syria)").

Every set is also scored on two fixed halves, 'tune' and 'check', by a hash of each row's text
(re3d: of each document's text; the split ``bench/events_dev.py`` uses for CASE): rules are
tuned on one half and checked on the other, and both are reported.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from borderwatch.acled import COUNTRY_SUFFIXED
from borderwatch.clean import content_key
from borderwatch.evaluate_actors import (
    ActorScores,
    GoldEvent,
    read_petrarch,
    read_plover_gsr,
    score_re3d,
    score_sentences,
)
from borderwatch.model import EXPORTED_MODALITIES, Article
from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


SYRIA_NOTES = DATA / "event_location" / "syria_sources_Masdar_coalition.jsonl"
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def half(key: str) -> str:
    """The fixed half a row belongs to, 'tune' or 'check', by a hash of ``key``."""
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "check"


def merged(parts: list[ActorScores]) -> ActorScores:
    """The scores of the whole set from those of its halves."""
    whole = ActorScores()
    for part in parts:
        for f in dataclasses.fields(ActorScores):
            setattr(whole, f.name, getattr(whole, f.name) + getattr(part, f.name))
    return whole


HALVES = ("tune", "check")


def by_halves(
    score: Callable[[str], ActorScores], only: str | None = None
) -> dict[str, ActorScores]:
    """``score(name)`` of each half (or of ``only``), and of the whole set (their sum)."""
    halves = {name: score(name) for name in HALVES if only in (None, name)}
    return {"all": merged(list(halves.values())), **halves} if only is None else halves


def sentences_by_halves(
    extractor: Any, events: list[GoldEvent], only: str | None = None, **kw: Any
) -> dict[str, ActorScores]:
    return by_halves(
        lambda name: score_sentences(extractor, [g for g in events if half(g.text) == name], **kw),
        only,
    )


def syria_notes(extractor: Any, which: str | None = None) -> dict[str, Any]:
    """Actor coverage on the RA-written Syrian-war sentences (no gold actors there)."""
    rows = [json.loads(line) for line in SYRIA_NOTES.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if which is None or half(r["text"]) == which]
    articles = [
        Article(
            doc_key=content_key(r["text"]), source="dev", text=r["text"], published=date(2016, 5, 1)
        )
        for r in rows
    ]
    violent = with_actor1 = battles = both = generic = bare = 0
    for mentions in extractor.extract_many(articles):
        for m in mentions:
            if m.modality not in EXPORTED_MODALITIES or m.event_type not in VIOLENT:
                continue
            violent += 1
            with_actor1 += m.actor1 is not None
            if m.event_type == "Battles":
                battles += 1
                both += m.actor1 is not None and m.actor2 is not None
            for actor in (m.actor1, m.actor2):
                if actor is not None and actor.canonical.split(" (")[0] in COUNTRY_SUFFIXED:
                    generic += 1
                    bare += "(" not in actor.canonical
    return {
        "violent_events": violent,
        "with_actor1": round(with_actor1 / violent, 3) if violent else None,
        "battles_both_sides": round(both / battles, 3) if battles else None,
        "generic_without_country": round(bare / generic, 3) if generic else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", action="store_true", help="print tune-half misses")
    parser.add_argument("--misses", type=int, default=0, help="print N tune-half misses per set")
    parser.add_argument("--half", choices=HALVES, help="score this half only")
    parser.add_argument("--sets", default="plover_gsr,petrarch_validation,re3d,syria_notes")
    args = parser.parse_args()
    if (args.examples or args.misses) and args.half == "check":
        parser.error("misses are read on the tune half only")
    shown = args.misses or (60 if args.examples else 0)
    extractor = Pipeline(Settings()).extractor
    for name in args.sets.split(","):
        if name == "syria_notes" and SYRIA_NOTES.is_file():
            if args.half is None:
                print("syria_notes", json.dumps(syria_notes(extractor)))
            for part in HALVES if args.half is None else (args.half,):
                print(f"  {part} half:", json.dumps(syria_notes(extractor, part)))
        elif name in SETS:
            report(name, SETS[name](extractor, args.half), shown)


def report(name: str, parts: dict[str, ActorScores], shown: int) -> None:
    for part, scores in parts.items():
        figures = scores.figures() | {
            "events": scores.events,
            "class_errors": len(scores.class_errors),
        }
        print(name if part == "all" else f"  {part} half:", json.dumps(figures), flush=True)
        if shown and part == "tune":
            for line in scores.examples[:shown] + scores.class_errors[:shown]:
                print("   ", line)


SETS: dict[str, Callable[[Any, str | None], dict[str, ActorScores]]] = {
    "plover_gsr": lambda extractor, only: sentences_by_halves(
        extractor, list(read_plover_gsr(DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json")), only
    ),
    "petrarch_validation": lambda extractor, only: sentences_by_halves(
        extractor,
        list(read_petrarch(DATA / "petrarch_validation" / "PETR2_GSR_validation.xml")),
        only,
        coded=True,
    ),
    "re3d": lambda extractor, only: by_halves(
        lambda name: score_re3d(extractor, DATA / "re3d", lambda text: half(text) == name), only
    ),
}


if __name__ == "__main__":
    main()
