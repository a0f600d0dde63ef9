"""News to alert: latency per article of a warm, long-lived pipeline (as ``watch`` runs it).

A pipeline loaded and warmed once (``Pipeline.warm_up``), a store with saved searches; then the
articles of a corpus (``bench/corpus.py``: real news or generated) arrive one at a time, and each
is timed from its arrival (the raw document in hand; fetching left out) to ``Pipeline.ingest``
returning: cleaned, extracted, resolved, its events fused and committed, and the alerts of the
saved searches those events now match queued by the outbox in that same transaction.  Prints the
median, 95th percentile and worst latency, the alerts queued, and a breakdown of the median
into processing (no database) and committing.

Usage: python bench/latency.py [--articles 200] [--corpus real|synthetic|geowebnews] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load  # noqa: E402

from borderwatch.pipeline import Pipeline  # noqa: E402
from borderwatch.settings import Settings  # noqa: E402
from borderwatch.store import Store  # noqa: E402
from borderwatch.store.searches import SavedSearch  # noqa: E402

# Saved searches of a border monitor: broad ones, so that many articles queue alerts.
SEARCHES = [
    SavedSearch(name="lebanon", country="Lebanon"),
    SavedSearch(name="syria", country="Syria"),
    SavedSearch(name="battles", event_type="Battles"),
    SavedSearch(name="deadly", min_fatalities=1),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument(
        "--corpus", choices=["real", "synthetic", "geowebnews"], default="geowebnews"
    )
    parser.add_argument("--db", help="a store URL or path [default: a new SQLite file]")
    args = parser.parse_args()
    raws = load(args.corpus, args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or str(Path(tmp) / "latency.db"))
        for search in SEARCHES:
            store.add_search(search)
        pipeline = Pipeline(Settings())
        started = time.perf_counter()
        pipeline.warm_up()
        warm = time.perf_counter() - started
        total, processing, committing = [], [], []
        for raw in raws:
            arrived = time.perf_counter()
            processed = pipeline.process_many([raw])
            done_processing = time.perf_counter()
            pipeline.commit_many(store, processed)
            committed = time.perf_counter()
            total.append(committed - arrived)
            processing.append(done_processing - arrived)
            committing.append(committed - done_processing)
        alerts = store.pending_alert_count()
    print(f"{len(raws)} {args.corpus} articles, one at a time; warm-up {warm:.1f} s (once)")
    print(f"{'seconds per article':<28} {'median':>7} {'p95':>7} {'worst':>7}")
    for label, values in (
        ("arrival -> alerts queued", total),
        ("  processing (no database)", processing),
        ("  commit, fusion, outbox", committing),
    ):
        print(
            f"{label:<28} {statistics.median(values):>7.3f} {percentile(values, 0.95):>7.3f} "
            f"{max(values):>7.3f}"
        )
    print(f"alerts queued: {alerts} (saved searches: {', '.join(s.name for s in SEARCHES)})")


if __name__ == "__main__":
    main()
