"""Extraction throughput against the NLP ceiling, in steady state.

Prints articles/s and words/s for:
  - bare spaCy ``nlp.pipe`` (full pipeline over every sentence) on 1 and N processes: the ceiling
    for a pipeline that parses everything;
  - ``Pipeline.process`` (clean + prefilter + parse candidate sentences + extract + resolve) on
    1 and N processes;
  - end-to-end ``Pipeline.ingest`` into a fresh SQLite store (process + fuse + store) on 1 process;
and the ratio of each to its bare ceiling, and the peak resident memory of the workers.

Every run happens in fresh worker processes that load what they need and are warmed up before
the clock starts, so that no run inherits another's caches; the start-up (spawning, loading,
warming up) is timed apart and printed in its own column (the ``batch_throughput.py``
benchmark times whole commands, and their start-up on one article).  Articles go to the
workers in chunks of 16.

``--repeat N`` runs the whole set N times, interleaved (bare, Borderwatch, bare...), and keeps
each run's fastest.  ``--corpus geowebnews`` past 200 articles repeats the 200 as distinct
documents (``corpus.geowebnews``).

Usage: python bench/throughput.py [--articles 2000] [--corpus synthetic|real|geowebnews]
       [--workers 2] [--repeat N]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load  # noqa: E402

from borderwatch.model import RawDocument  # noqa: E402

CHUNK = 16
_STATE: dict[str, Any] = {}


def _start(kind: str) -> None:
    from borderwatch.nlp import load_pipeline
    from borderwatch.pipeline import Pipeline
    from borderwatch.settings import Settings

    if kind == "bare":
        _STATE["nlp"] = load_pipeline()
        list(_STATE["nlp"].pipe(["A warm-up sentence on Friday near Arsal."]))
    else:
        _STATE["pipeline"] = pipeline = Pipeline(Settings())
        pipeline.warm_up()


def _ready(_: int) -> bool:
    time.sleep(0.05)  # let every worker of the pool take one, so all have started
    return True


def _bare(texts: list[str]) -> int:
    return sum(len(doc) for doc in _STATE["nlp"].pipe(texts))


def _process(raws: list[RawDocument]) -> int:
    return sum(len(p.mentions) for p in _STATE["pipeline"].process_many(raws))


def _ingest(raws: list[RawDocument]) -> int:
    from borderwatch.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        list(_STATE["pipeline"].ingest(store, raws))
        return int((time.perf_counter() - start) * 1e6)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(kind: str, work: Any, items: list[Any], processes: int) -> tuple[float, float, float]:
    """Seconds to map ``work`` over ``items`` on a warmed pool, its largest worker (MiB), and
    the pool's start-up: seconds until every worker has loaded (and, for the pipeline, warmed
    up) what it needs, reported apart from the per-article work."""
    begun = time.perf_counter()
    with mp.get_context("spawn").Pool(processes, initializer=_start, initargs=(kind,)) as pool:
        pool.map(_ready, range(processes * 4), chunksize=1)
        start = time.perf_counter()
        startup = start - begun
        pool.map(work, items, chunksize=1)
        seconds = time.perf_counter() - start
        peak = max(pool.map(_peak_mib_of, range(processes * 4), chunksize=1))
    return seconds, peak, startup


def _peak_mib_of(_: int) -> float:
    time.sleep(0.05)
    return _peak_mib()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--corpus", choices=["synthetic", "real", "geowebnews"], default="synthetic"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run everything this many times, interleaved, and keep each run's fastest",
    )
    args = parser.parse_args()
    raws = load(args.corpus, args.articles)
    texts = [r.content.decode() for r in raws]
    words = sum(len(t.split()) for t in texts)
    n = len(raws)
    print(f"corpus: {n} {args.corpus} articles, {words} words ({words / n:.0f} words/article)\n")
    chunks = [raws[i : i + CHUNK] for i in range(0, n, CHUNK)]
    text_chunks = [texts[i : i + CHUNK] for i in range(0, n, CHUNK)]
    rows: list[tuple[str, str, str, Any, Any, int]] = [
        ("bare1", "bare nlp.pipe, full pipeline, 1 process", "bare", _bare, text_chunks, 1),
        ("proc1", "Pipeline.process, 1 process", "pipeline", _process, chunks, 1),
        (
            "bareN",
            f"bare nlp.pipe, full pipeline, {args.workers} processes",
            "bare",
            _bare,
            text_chunks,
            args.workers,
        ),
        (
            "procN",
            f"Pipeline.process, {args.workers} processes",
            "pipeline",
            _process,
            chunks,
            args.workers,
        ),
    ]
    rows.append(("ingest1", "ingest end to end into SQLite, 1 process", "pipeline", None, raws, 1))
    best: dict[str, tuple[float, float, float]] = {}
    for _ in range(args.repeat):  # rounds interleaved: a burst of load hits one run, not all
        for key, _label, kind, work, items, processes in rows:
            found = run_ingest(raws) if work is None else run(kind, work, items, processes)
            if key not in best or found[0] < best[key][0]:
                best[key] = found
    rates = {key: n / seconds for key, (seconds, _, _) in best.items()}
    print(f"{'run':<44} {'start-up s':>10} {'articles/s':>10} {'words/s':>9} {'peak MiB':>9}")
    for key, label, *_ in rows:
        seconds, peak, startup = best[key]
        print(
            f"{label:<44} {startup:>10.2f} {n / seconds:>10.1f} {words / seconds:>9.0f} "
            f"{peak:>9.0f}"
        )
    print("\nstart-up: spawning the workers, loading and warming up, before the first article;")
    print(f"fastest of {args.repeat} interleaved rounds; per-article rates exclude start-up")
    print(f"\nratio process/bare, 1 process:   {rates['proc1'] / rates['bare1']:.2f}x")
    print(f"ratio process/bare, {args.workers} processes: {rates['procN'] / rates['bareN']:.2f}x")
    print(f"ratio ingest/bare, 1 process:    {rates['ingest1'] / rates['bare1']:.2f}x")


def run_ingest(raws: list[RawDocument]) -> tuple[float, float, float]:
    """``Pipeline.ingest`` into a fresh SQLite store in one warmed worker, timed inside it
    around the ingest loop only; its peak memory and start-up as :func:`run`."""
    begun = time.perf_counter()
    with mp.get_context("spawn").Pool(1, initializer=_start, initargs=("pipeline",)) as pool:
        pool.apply(_ready, (0,))
        startup = time.perf_counter() - begun
        seconds = pool.apply(_ingest, (raws,)) / 1e6
        peak = pool.apply(_peak_mib)
    return seconds, peak, startup


if __name__ == "__main__":
    main()
