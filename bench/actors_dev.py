"""Actor accuracy (actor1/actor2) on the dev sets that name each event's actors.

Run from the repository root with ``../shared/data`` present::

    PYTHONPATH=src python bench/actors_dev.py [--examples]

Prints, per set: events, share found, actor1 and actor2 accuracy, and (re3d) predicted actors
the coders marked as a place or a time.  ``syria_notes`` (Masdar and coalition sentences written
by research assistants, event_location data; no gold actors) prints coverage only: the share of
exported violent events with an actor1, of battles with both sides, and of generic actors left
without the event's country ("Rebels" rather than "Rebels (Syria)").
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from borderwatch.acled import COUNTRY_SUFFIXED
from borderwatch.clean import content_key
from borderwatch.evaluate_actors import (
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


def syria_notes(extractor: Any) -> dict[str, Any]:
    """Actor coverage on the RA-written Syrian-war sentences (no gold actors there)."""
    rows = [json.loads(line) for line in SYRIA_NOTES.open(encoding="utf-8") if line.strip()]
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
    parser.add_argument("--examples", action="store_true", help="print misses")
    args = parser.parse_args()
    extractor = Pipeline(Settings()).extractor
    results = {
        "plover_gsr": score_sentences(
            extractor, list(read_plover_gsr(DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json"))
        ),
        "petrarch_validation": score_sentences(
            extractor,
            list(read_petrarch(DATA / "petrarch_validation" / "PETR2_GSR_validation.xml")),
            coded=True,
        ),
        "re3d": score_re3d(extractor, DATA / "re3d"),
    }
    if SYRIA_NOTES.is_file():
        print("syria_notes", json.dumps(syria_notes(extractor)))
    for name, scores in results.items():
        figures = scores.figures() | {
            "events": scores.events,
            "class_errors": len(scores.class_errors),
        }
        print(name, json.dumps(figures))
        if args.examples:
            for line in scores.examples + scores.class_errors:
                print("   ", line)


if __name__ == "__main__":
    main()
