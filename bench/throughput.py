"""Extraction throughput against the NLP ceiling.

Prints articles/s and words/s for:
  - bare spaCy ``nlp.pipe`` (full pipeline, every sentence) on 1 and 2 processes: the ceiling
    for a pipeline that parses everything;
  - ``Pipeline.process`` (clean + prefilter + parse candidate sentences + extract + resolve) on
    1 and 2 processes;
  - end-to-end ``ingest`` into a fresh SQLite store (process + fuse + store) on 1 process;
and the peak resident memory of this process and its children.

Usage: python bench/throughput.py [--articles 400]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from borderwatch.nlp import load_pipeline  # noqa: E402
from borderwatch.pipeline import Pipeline  # noqa: E402
from borderwatch.settings import Settings  # noqa: E402
from borderwatch.store import Store  # noqa: E402

_PIPELINE: Pipeline | None = None


def _init_worker() -> None:
    global _PIPELINE
    _PIPELINE = Pipeline(Settings())
    _PIPELINE.extractor.resolver.places.resolve("Marseille")  # load model and index once


def _process(raw):  # type: ignore[no-untyped-def]
    assert _PIPELINE is not None
    return len(_PIPELINE.process(raw).mentions)


def timed(label: str, fn, articles: int, words: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {articles / seconds:8.1f} articles/s {words / seconds:10.0f} words/s")
    return articles / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    raws = list(generate(args.articles))
    texts = [r.content.decode() for r in raws]
    words = sum(len(t.split()) for t in texts)
    print(
        f"corpus: {len(raws)} synthetic articles, {words} words "
        f"({words / len(raws):.0f} words/article)\n"
    )
    nlp = load_pipeline()
    settings = Settings()
    warm = Pipeline(settings)
    warm.process(raws[0])  # load the model and the GeoNames index before timing
    rates = {}
    rates["bare1"] = timed(
        "bare nlp.pipe, full pipeline, 1 process", lambda: list(nlp.pipe(texts)), len(raws), words
    )
    rates["bare2"] = timed(
        "bare nlp.pipe, full pipeline, 2 processes",
        lambda: list(nlp.pipe(texts, n_process=2, batch_size=32)),
        len(raws),
        words,
    )
    rates["proc1"] = timed(
        "Pipeline.process (extract), 1 process",
        lambda: [warm.process(r) for r in raws],
        len(raws),
        words,
    )

    def pool() -> None:
        with mp.get_context("fork").Pool(2, initializer=_init_worker) as workers:
            workers.map(_process, raws, chunksize=16)

    rates["proc2"] = timed("Pipeline.process (extract), 2 processes", pool, len(raws), words)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        rates["ingest1"] = timed(
            "ingest end to end into SQLite, 1 process",
            lambda: list(warm.ingest(store, raws)),
            len(raws),
            words,
        )
    print(f"\nratio extract/bare on 1 process:  {rates['proc1'] / rates['bare1']:.2f}x")
    print(f"ratio extract/bare on 2 processes: {rates['proc2'] / rates['bare2']:.2f}x")
    print(f"ratio ingest/bare on 1 process:    {rates['ingest1'] / rates['bare1']:.2f}x")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MiB (this process), {children:.0f} MiB (largest worker)")


if __name__ == "__main__":
    main()
