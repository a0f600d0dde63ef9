"""Actor accuracy (actor1/actor2) on the dev sets that name each event's actors.

Run from the repository root with ``../shared/data`` present::

    PYTHONPATH=src python bench/actors_dev.py [--examples]

Prints, per set: events, share found, actor1 and actor2 accuracy, and (re3d) predicted actors
the coders marked as a place or a time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from borderwatch.evaluate_actors import (
    read_petrarch,
    read_plover_gsr,
    score_re3d,
    score_sentences,
)
from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


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
