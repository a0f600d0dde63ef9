"""End-to-end batch throughput against the NLP ceiling.

Over one corpus (``bench/corpus.py``: generated, or real news; written as JSONL), each run in a
fresh process so that its memory is its own, timed from start to finish (worker start-up and
model loading included, as a user pays them):

  - ``ingest`` into SQLite, 1 process   beside  bare spaCy ``nlp.pipe`` (full pipeline), 1 process
  - ``batch --engine local``, N workers beside  bare spaCy ``nlp.pipe``, N processes
  - ``batch --engine ray``, N workers   beside  bare spaCy ``nlp.pipe`` in N Ray actors

and prints the whole run's seconds, its CPU seconds (user + system of the run and every process
it waited for: the measure a machine shared with others' work distorts least), its start-up
(the same command over a one-article corpus: imports, model and region data, workers; reported
apart), the per-article rate once start-up is taken off, articles/s and words/s of the whole
run, peak memory (the whole process tree: resident set of all its processes together, and of
the largest one; and their proportional set, which counts the pages forked processes share
once) and the ratio of each Borderwatch run to its bare spaCy ceiling (whole runs, per article
after start-up, and in CPU seconds).  ``--repeat N`` runs the whole set N times, interleaved,
and keeps each run's fastest: on a shared machine, the one least slowed by others.
``--spawned`` adds the local batch with its workers spawned (each
loading the pipeline itself) beside the default, forked from the driver that loaded it once.
``--compare OTHER/src`` times every Borderwatch run also against another source tree, right
after this one's, so that before and after a change are measured in one run, alternating.

Usage: python bench/batch_throughput.py [--articles 2000] [--corpus-name synthetic|real|geowebnews]
       [--workers 2] [--no-ray] [--spawned] [--repeat N] [--compare OTHER/src]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

RUNS = {
    "bare-1": "bare nlp.pipe, full pipeline, 1 process",
    "ingest-1": "ingest into SQLite, 1 process",
    "bare-n": "bare nlp.pipe, full pipeline, {n} processes",
    "local-n": "batch --engine local, {n} workers",
    "spawned-n": "  the same, workers spawned (not forked)",
    "bare-ray-n": "bare nlp.pipe in {n} Ray actors",
    "ray-n": "batch --engine ray, {n} workers",
}
PAIRS = [
    ("ingest-1", "bare-1"),
    ("local-n", "bare-n"),
    ("spawned-n", "bare-n"),
    ("ray-n", "bare-ray-n"),
]


# -- one run, in its own process -------------------------------------------------------------------


def texts_of(corpus: Path) -> list[str]:
    return [json.loads(line)["text"] for line in corpus.read_text().splitlines()]


class BareActor:
    """A Ray Data actor that only runs spaCy's full pipeline over its texts."""

    def __init__(self) -> None:
        from borderwatch.nlp import load_pipeline

        self.nlp = load_pipeline()

    def __call__(self, batch: Any) -> Any:
        docs = list(self.nlp.pipe(batch["text"].to_pylist()))
        return {"tokens": [len(d) for d in docs]}


def run_one(name: str, corpus: Path, workers: int, tmp: Path) -> None:
    from borderwatch.settings import Settings

    path = tmp / f"{name}.db"
    for stale in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        stale.unlink(missing_ok=True)  # a fresh store each time (a second round would resume)
    db = str(path)
    if name.startswith("bare") and name != "bare-ray-n":
        from borderwatch.nlp import load_pipeline

        nlp = load_pipeline()
        texts = texts_of(corpus)
        processes = 1 if name == "bare-1" else workers
        list(nlp.pipe(texts, n_process=processes, batch_size=16))
    elif name == "ingest-1":
        from borderwatch.ingest import read_inputs
        from borderwatch.pipeline import Pipeline
        from borderwatch.store import Store

        list(Pipeline(Settings()).ingest(Store(db), read_inputs([str(corpus)])))
    elif name == "local-n":
        from borderwatch.batch import run_batch

        run_batch(str(corpus), Settings(db=db), engine="local", workers=workers)
    elif name == "spawned-n":
        import threading

        from borderwatch.batch import run_batch

        # an idle thread makes forking unsafe, so the workers are spawned and load the
        # pipeline themselves (how they started before): what forking them saves
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        run_batch(str(corpus), Settings(db=db), engine="local", workers=workers)
        stop.set()
    elif name == "ray-n":
        from borderwatch.batch import run_batch

        run_batch(str(corpus), Settings(db=db), engine="ray", workers=workers)
    elif name == "bare-ray-n":
        import ray
        import ray.data

        ray.init(
            address="local",
            num_cpus=workers,
            include_dashboard=False,
            _temp_dir=str(tmp / "ray"),
            object_store_memory=512 * 1024**2,
            log_to_driver=False,
        )
        try:
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            texts = texts_of(corpus)
            dataset = ray.data.from_items([{"text": t} for t in texts], override_num_blocks=50)
            out = dataset.map_batches(
                BareActor,
                batch_size=4,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=workers),
                num_cpus=1,
            )
            assert out.count() == len(texts)
        finally:
            ray.shutdown()


# -- the driver ------------------------------------------------------------------------------------


def tree_memory(root: int) -> tuple[int, int, int]:
    """Memory (bytes) of ``root`` and all its descendants: the sum of their resident sets, the
    largest one, and the sum of their proportional sets (PSS: a page shared by forked processes
    counted once in all, where the resident sets count it in each)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, largest, proportional, todo = 0, 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        proportional += pss(pid)
        todo += children.get(pid, [])
    return total, largest, proportional


def pss(pid: int) -> int:
    """The proportional set size of one process (bytes; 0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(
    name: str, corpus: Path, workers: int, tmp: Path, src: Path | None = None
) -> dict[str, float]:
    """One run in a fresh process (``src``: the source tree it imports Borderwatch from, this
    one's by default): wall seconds, CPU seconds (user + system of the process and of every
    process it waited for: its workers, spaCy's children; not Ray's daemons) and peak memory."""
    command = [sys.executable, __file__, "--run", name, "--corpus", str(corpus)]
    command += ["--workers", str(workers), "--tmp", str(tmp)]
    env = {**os.environ, "PYTHONPATH": str(src)} if src else None
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env)
    peak = [0, 0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for i, value in enumerate(tree_memory(child.pid)):
                peak[i] = max(peak[i], value)
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)  # its resource use, descendants it waited for too
    seconds = time.perf_counter() - started
    child.returncode = code = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    if code:
        raise SystemExit(f"{name} failed with exit code {code}")
    gib = [value / 2**30 for value in peak]
    cpu = usage.ru_utime + usage.ru_stime
    return {"seconds": seconds, "cpu": cpu, "peak": gib[0], "largest": gib[1], "pss": gib[2]}


def print_row(label: str, result: dict[str, float], n: int, words: int) -> None:
    seconds, startup = result["seconds"], result["startup"]
    print(
        f"{label:<44} {seconds:>8.1f} {result['cpu']:>7.1f} {startup:>8.1f} "
        f"{per_article_rate(result, n):>10.2f} "
        f"{n / seconds:>10.2f} {words / seconds:>9.0f} "
        f"{result['peak']:>9.2f} {result['largest']:>8.2f} {result['pss']:>8.2f}",
        flush=True,
    )


def per_article_rate(result: dict[str, float], n: int) -> float:
    """Articles/s once start-up (the one-article run) is taken off the whole run."""
    work = result["seconds"] - result["startup"]
    return (n - 1) / work if n > 1 and work > 0 else float("nan")


def write_corpus(path: Path, raws: list[Any]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for raw in raws:
            record = {"text": raw.content.decode(), "outlet": raw.outlet}
            record["published"] = raw.published.isoformat() if raw.published else None
            handle.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--corpus-name", choices=["synthetic", "real", "geowebnews"], default="synthetic"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-ray", action="store_true", help="skip the two Ray runs")
    parser.add_argument(
        "--spawned", action="store_true", help="also time the local batch with spawned workers"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run everything this many times, interleaved, and keep each run's fastest "
        "(on a shared machine, the one least slowed by others)",
    )
    parser.add_argument(
        "--compare",
        type=Path,
        help="another source tree (a checkout's src) to time each Borderwatch run against too, "
        "alternating with this one",
    )
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(args.run, args.corpus, args.workers, args.tmp)
        return

    from corpus import load

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        corpus, one = tmp / "corpus.jsonl", tmp / "one.jsonl"
        raws = load(args.corpus_name, args.articles)
        write_corpus(corpus, raws)
        write_corpus(one, raws[:1])
        words = sum(len(t.split()) for t in texts_of(corpus))
        n = len(raws)
        print(
            f"corpus: {n} {args.corpus_name} articles, {words} words "
            f"({words / n:.0f} words/article); {os.cpu_count()} CPUs\n"
        )
        print(
            f"{'run':<44} {'seconds':>8} {'CPU s':>7} {'start-up':>8} {'per-art/s':>10} "
            f"{'articles/s':>10} "
            f"{'words/s':>9} {'peak GiB':>9} {'largest':>8} {'PSS GiB':>8}"
        )
        names = [
            n
            for n in RUNS
            if not (args.no_ray and "ray" in n) and (args.spawned or n != "spawned-n")
        ]
        # (key, run, source tree): with --compare, each Borderwatch run also against the other
        # tree, right after this one's (bare spaCy runs are the same in both)
        todo = [(name, name, None) for name in names]
        if args.compare:
            todo = [
                item
                for name in names
                for item in [(name, name, None)]
                + ([] if name.startswith("bare") else [(f"{name}@", name, args.compare)])
            ]
        best: dict[str, dict[str, float]] = {}
        for round_ in range(args.repeat):  # rounds interleaved: a burst of load hits one run
            for key, run, src in todo:
                result = measure(run, corpus, args.workers, tmp, src)
                result["startup"] = measure(run, one, args.workers, tmp, src)["seconds"]
                if key not in best or result["seconds"] < best[key]["seconds"]:
                    best[key] = result
                if round_ == args.repeat - 1:
                    label = RUNS[run].format(n=args.workers)
                    print_row(label if src is None else COMPARED, best[key], n, words)
        print()
        for mine, bare in PAIRS:
            for key in (mine, f"{mine}@"):
                if key in best and bare in best:
                    label = RUNS[mine].format(n=args.workers) if key == mine else COMPARED
                    print_ratios(label, best[key], best[bare], n)


COMPARED = "  the same, --compare tree"


def print_ratios(label: str, mine: dict[str, float], bare: dict[str, float], n: int) -> None:
    """How many times faster than its bare spaCy ceiling a run is: whole runs (wall), per
    article once start-up is taken off, and in CPU seconds (what others' load distorts least)."""
    whole = bare["seconds"] / mine["seconds"]
    after = per_article_rate(mine, n) / per_article_rate(bare, n)
    cpu = bare["cpu"] / mine["cpu"]
    print(
        f"{label:<44} {whole:.2f}x its bare spaCy ceiling (whole run), {after:.2f}x per "
        f"article after start-up, {cpu:.2f}x in CPU seconds"
    )


if __name__ == "__main__":
    main()
