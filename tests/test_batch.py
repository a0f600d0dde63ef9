"""Batch: JSONL/Parquet inputs, the local process pool and Ray engines over ``Pipeline.process``,
commits in the driver, Parquet output and bulk load, resuming after a kill, failures collected.

Articles are short ones from ``bench/corpus.py``'s generator; a batch must leave exactly the
database that ``ingest`` of the same documents leaves.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from borderwatch.batch import Batch, BatchError, run_batch
from borderwatch.batch.codec import processed_to_row, row_to_processed
from borderwatch.batch.sources import open_input
from borderwatch.ingest import read_inputs
from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings
from borderwatch.store import Store

from .conftest import ROOT, borderwatch_command

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402


def short_articles(count: int, *, paragraphs: int = 1) -> list[dict[str, str]]:
    """``count`` generated articles cut to their title and first paragraph(s)."""
    records = []
    for raw in generate(count, seed=11):
        parts = raw.content.decode().split("\n\n")
        assert raw.published is not None
        records.append(
            {
                "text": "\n\n".join(parts[: 1 + paragraphs]),
                "published": raw.published.isoformat(),
                "outlet": raw.outlet or "",
                "title": parts[0],
            }
        )
    return records


def write_jsonl(path: Path, records: list[dict[str, str]], *, bad: bool = False) -> Path:
    lines = [json.dumps(r) for r in records]
    if bad:
        lines[2:2] = ["{not json", json.dumps({"title": "no text at all"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def events_of(store: Store, *, history: bool = True) -> list[str]:
    """Stored events, comparable across runs (revision times left out; with ``history=False``
    the revisions too)."""
    found = []
    for event in store.events():
        for revision in event.get("revisions", []):
            revision.pop("at", None)
        if not history:
            event.pop("revisions", None)
        found.append(json.dumps(event, sort_keys=True))
    return sorted(found)


def ingested(path: Path, db: Path, pipeline: Pipeline) -> Store:
    """The reference: ``ingest`` of the same input, one document after another."""
    store = Store(str(db))
    list(pipeline.ingest(store, read_inputs([str(path)])))
    return store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 short articles and two bad lines, as JSONL."""
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "a.jsonl", short_articles(30), bad=True)


@pytest.fixture(scope="module")
def reference(corpus: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Store:
    return ingested(corpus, tmp_path_factory.mktemp("reference") / "ref.db", pipeline)


# -- inputs and the record codec -----------------------------------------------------------------


def test_parquet_rows_are_read_like_jsonl_lines(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = short_articles(5)
    jsonl = write_jsonl(tmp_path / "a.jsonl", records)
    dataset = tmp_path / "articles"
    dataset.mkdir()
    pq.write_table(pa.Table.from_pylist(records[:3]), dataset / "part-0.parquet")
    pq.write_table(pa.Table.from_pylist(records[3:]), dataset / "part-1.parquet")
    from_lines = list(open_input(str(jsonl), max_bytes=10**6).documents())
    source = open_input(str(dataset), max_bytes=10**6)
    assert source.kind == "parquet" and source.count() == 5
    from_rows = [d for d in source.documents() if isinstance(d, RawDocument)]
    same = [
        (d.content, d.published, d.outlet, d.title)
        for d in from_lines
        if isinstance(d, RawDocument)
    ]
    assert len(from_rows) == 5
    assert [(d.content, d.published, d.outlet, d.title) for d in from_rows] == same
    assert from_rows[4].source == f"{dataset / 'part-1.parquet'}:2"


def test_a_processed_document_survives_its_row(pipeline: Pipeline) -> None:
    raw = RawDocument("x.txt", short_articles(1)[0]["text"].encode(), "text/plain")
    processed = pipeline.process(raw)
    assert processed.mentions
    back = row_to_processed(json.loads(json.dumps(processed_to_row(processed))))
    assert back == processed


def test_bad_options_are_clear_errors(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="--engine ray"):
        Batch(str(corpus), Settings(), engine="local", address="ray://nowhere:10001")
    with pytest.raises(BatchError, match="no such file"):
        Batch(str(tmp_path / "missing.jsonl"), Settings())
    with pytest.raises(BatchError, match="engine must be"):
        Batch(str(corpus), Settings(), engine="spark")


# -- the local engine ----------------------------------------------------------------------------


def test_local_batch_stores_what_ingest_stores_and_collects_failures(
    corpus: Path, reference: Store, tmp_path: Path
) -> None:
    db = tmp_path / "b.db"
    report = run_batch(str(corpus), Settings(db=str(db)), engine="local", workers=2)
    assert report.read == 32 and report.stored == 30 and report.processed == 30
    assert [(f.source, f.stage) for f in report.failed] == [
        (f"{corpus}:3", "ingest"),
        (f"{corpus}:4", "ingest"),
    ]
    assert "not valid JSON" in report.failed[0].reason
    assert events_of(Store(str(db))) == events_of(reference)
    again = run_batch(str(corpus), Settings(db=str(db)), workers=2)
    assert (again.done, again.processed, again.stored, len(again.failed)) == (30, 0, 0, 2)


FORK_PROBE = """
import os, threading
from borderwatch.batch import local
from borderwatch.settings import Settings

def probe():
    return os.getppid(), id(local._PIPELINE), local._PIPELINE._extractor is not None

pool = local.LocalPool(Settings(), 2)
parent, pipeline, loaded = pool.executor.submit(probe).result()
print(pool.forked, parent == os.getpid(), pipeline == id(pool.pipeline), loaded)
pool.close()
stop = threading.Event()
threading.Thread(target=stop.wait).start()  # another thread alive: no fork
pool = local.LocalPool(Settings(), 1)
print(pool.forked, len(pool.executor.submit(local._work, []).result()))
pool.close()
stop.set()
"""


def test_local_workers_are_forked_from_the_warmed_driver_unless_a_thread_runs() -> None:
    """Workers start with the pipeline the driver loaded and warmed (the same object, already
    loaded: no second load); with another thread alive they are spawned and load it
    themselves, as forking then is unsafe."""
    done = subprocess.run(
        [sys.executable, "-c", FORK_PROBE], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "True", "False", "0"]


def test_workers_that_cannot_start_stop_the_batch_with_a_reason(
    corpus: Path, tmp_path: Path
) -> None:
    settings = Settings(db=str(tmp_path / "b.db"), spacy_model="no_such_spacy_model")
    with pytest.raises(BatchError, match="workers could not start"):
        run_batch(str(corpus), settings, workers=1)


def test_parquet_output_is_resumable_and_loads_into_the_store(
    corpus: Path, reference: Store, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "processed.parquet"
    first = run_batch(str(corpus), Settings(), out=str(out), workers=0)
    assert (first.stored, len(first.failed)) == (30, 2)
    again = run_batch(str(corpus), Settings(), out=str(out), workers=0)
    assert (again.done, again.processed) == (30, 0)
    assert open_input(str(out), max_bytes=1).kind == "processed"
    db = tmp_path / "loaded.db"
    loaded = run_batch(str(out), Settings(db=str(db)))
    assert loaded.stored == 30
    assert events_of(Store(str(db))) == events_of(reference)
    with pytest.raises(BatchError, match="already processed"):
        Batch(str(out), Settings(), out=str(tmp_path / "again.parquet"))


def test_a_killed_batch_resumes_where_it_stopped(pipeline: Pipeline, tmp_path: Path) -> None:
    """Killed part way (after a commit of 16 documents, before the last of 120), then run
    again: the same events as one uninterrupted ``ingest`` (their revision histories may differ,
    as the documents were committed in other groups)."""
    corpus = write_jsonl(tmp_path / "long.jsonl", short_articles(120), bad=True)
    reference = ingested(corpus, tmp_path / "reference.db", pipeline)
    db = tmp_path / "killed.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERWATCH_")}
    command = [*borderwatch_command(), "batch", str(corpus), "--workers", "1", "--db", str(db)]
    first = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    stored = 0
    deadline = time.monotonic() + 240
    try:
        while stored < 3 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            if db.exists():
                with sqlite3.connect(db) as conn:
                    try:
                        stored = conn.execute("select count(*) from documents").fetchone()[0]
                    except sqlite3.OperationalError:  # not migrated yet
                        stored = 0
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    assert 3 <= stored < 120, "the batch should be killed part way"
    second = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert second.returncode == 1, second.stderr  # the two bad lines fail again
    assert "already stored, skipped" in second.stderr
    store = Store(str(db))
    # as many documents as the uninterrupted ingest keeps (the generated corpus may hold texts
    # that are the same once cleaned: stored once either way)
    assert store.document_count() == reference.document_count() >= 110
    assert events_of(store, history=False) == events_of(reference, history=False)


def test_cli_batch_prints_a_summary_and_a_failure_report(corpus: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERWATCH_")}
    env["BORDERWATCH_DB"] = str(tmp_path / "cli.db")
    report = tmp_path / "failures.jsonl"
    done = subprocess.run(
        [*borderwatch_command(), "batch", str(corpus), "--workers", "0", "--report", str(report)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert "Batch summary" in done.stderr and "articles/s" in done.stderr
    assert f"error: {corpus}:4: ingest: record has no text or html" in done.stderr
    failures = [json.loads(line) for line in report.read_text().splitlines()]
    assert [f["stage"] for f in failures] == ["ingest", "ingest"]
    helped = subprocess.run(
        [*borderwatch_command(), "batch", "--help"], capture_output=True, text=True, check=False
    )
    assert "Example:" in helped.stdout and "--engine" in helped.stdout


# -- the Ray engine ------------------------------------------------------------------------------


def test_ray_batch_on_a_local_cluster_matches_the_local_engine(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    """A real local Ray (2 CPUs, no dashboard, its own temporary directory) over 200 articles."""
    ray = pytest.importorskip("ray")
    corpus = write_jsonl(tmp_path / "many.jsonl", short_articles(200))
    reference = ingested(corpus, tmp_path / "ref.db", pipeline)
    db = tmp_path / "ray.db"
    try:
        report = run_batch(str(corpus), Settings(db=str(db)), engine="ray", workers=2)
        left_running = ray.is_initialized()
    finally:
        if ray.is_initialized():
            ray.shutdown()
    assert not left_running, "the batch shuts down the Ray it started"
    assert (report.stored + report.unchanged, report.failed) == (200, [])  # a few are copies
    assert events_of(Store(str(db))) == events_of(reference)


def test_a_document_not_in_english_is_counted_as_kept_not_failed(tmp_path) -> None:
    """As ``ingest`` does: a non-English document is stored with its text for a later
    pipeline, so the batch's summary counts it apart, never among the failures."""
    dump = tmp_path / "mixed.jsonl"
    records = [
        {
            "text": "Soldiers clashed with gunmen near Arsal on Friday, killing two of them.",
            "published": "2020-01-03",
        },
        {
            "text": "Des soldats ont affronté des hommes armés près d'Arsal vendredi.",
            "language": "fr",
            "published": "2020-01-03",
        },
    ]
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "mixed.db")
    report = run_batch(str(dump), Settings(db=db), engine="local", workers=1)
    assert (report.read, report.stored, report.foreign, report.failed) == (2, 1, 1, [])
    assert [d["language"] for d in Store(db).foreign_documents()] == ["fr"]


def test_a_batch_looks_up_what_is_stored_before_it_starts_any_worker(tmp_path: Path) -> None:
    """Run again over an input stored whole, a batch starts no worker process at all; with a
    few new documents appended, only those are processed."""
    import multiprocessing

    records = short_articles(12)
    path = write_jsonl(tmp_path / "first.jsonl", records)
    db = str(tmp_path / "b.db")
    first = run_batch(str(path), Settings(db=db), engine="local", workers=1)
    assert first.failed == [] and first.stored + first.unchanged == 12
    again = Batch(str(path), Settings(db=db), engine="local", workers=1)
    again.start()
    assert multiprocessing.active_children() == []  # everything stored: no worker started
    outcomes = list(again.run())
    assert [o.status for o in outcomes] == ["done"] * 12
    assert (again.report.done, again.report.processed) == (12, 0)
    more = write_jsonl(tmp_path / "more.jsonl", records + short_articles(15)[12:])
    grown = run_batch(str(more), Settings(db=db), engine="local", workers=1)
    assert (grown.done, grown.processed, grown.failed) == (12, 3, [])
