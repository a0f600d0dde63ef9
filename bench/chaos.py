"""Chaos harness: SIGKILL Borderwatch's writers at random moments, then check against a clean run.

One scenario is played twice on fresh stores of the same kind: saved searches with webhooks (to a
local receiver that records every POST), ``ingest`` of a directory, ``alerts deliver``, ``batch``
with local workers and with Ray, ``watch --once`` over a feed served on 127.0.0.1, the review
commands (confirm, edit, reject, merge, split), ``reprocess --all`` and ``crossings``.  The clean
run plays each step once.  The chaos run plays the same steps, but first kills some of them with
SIGKILL (the whole process tree: batch workers, Ray's processes) after a random, seeded delay
within the step's clean duration, N kills in all, each followed by the same command run normally
(what an operator does after a crash).  Then both stores are compared: documents, mentions,
events (ids and fields), retired ids, crossing claims, the review log, the alert outbox, failures,
and the webhook deliveries -- nothing lost, nothing twice, and each (search, event, revision)
delivered under one id with one body (a POST repeated because the sender was killed after the
receiver answered carries the same id and bytes, as the README promises).

Example:
  python bench/chaos.py --kills 20 --seed 7
  python bench/chaos.py --kills 20 --database postgresql://127.0.0.1:5432/test
  python bench/chaos.py --kills 3 --no-ray --articles 12 --json result.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import sqlalchemy as sa  # noqa: E402
from chaos_compare import Verdict, snapshot, verdicts  # noqa: E402
from chaos_world import Corpus, FeedSite, Receiver, databases  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import Progress  # noqa: E402
from rich.table import Table  # noqa: E402

from borderwatch.store import Store, database_url  # noqa: E402
from borderwatch.store.query import EventFilter  # noqa: E402

STEP_TIMEOUT_S = 600  # a normal run that takes longer is wedged
POLL_S = 0.1  # how often a normal run's progress is read (to time kills by)
# A kill before a step's first commit lands this far into the time to it (KILL_FROM at the
# least); a step that committed nothing in the clean run is killed within KILL_TO of its
# duration, so that it is usually still running.
KILL_FROM, KILL_TO = 0.1, 0.9
SEARCHES = (  # saved searches (name, filters); each posts to the receiver at /NAME
    ("arsal", ["--place", "Arsal", "--radius-km", "30"]),
    ("battles", ["--type", "Battles"]),
    ("crossings", ["--crossing", "all"]),
)
console = Console(stderr=True)
STEP_NAMES = (
    "ingest",
    "alerts deliver",
    "batch local",
    "batch ray",
    "watch",
    *(f"review {action}" for action in ("confirm", "edit", "reject", "merge", "split")),
    "reprocess",
    "crossings",
)

Args = Callable[[], list[str]]


@dataclass
class Step:
    """One command of the scenario (``args`` made when it runs: review targets depend on the
    store); ``delivers``: it sends webhooks, so a kill may leave a POST to be repeated."""

    name: str
    args: Args
    killable: bool = True
    delivers: bool = False


@dataclass
class Kill:
    """One SIGKILL: which step, how late, and whether it landed before the command finished."""

    step: str
    delay: float
    landed: bool
    wrote: int = 0  # rows the killed command had committed (see ``writes``)


@dataclass
class Run:
    """One play of the scenario against one database."""

    label: str
    db: str
    workdir: Path
    env: dict[str, str]
    durations: dict[str, float] = field(default_factory=dict)
    kills: list[Kill] = field(default_factory=list)
    wedged: list[str] = field(default_factory=list)  # normal runs that failed
    launches: int = 0
    # seconds from a step's launch to its first committed row (clean run): the window of the
    # kills that land before any commit
    first_write: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # rows each step committed (``writes``)

    def command(self, args: list[str]) -> list[str]:
        exe = shutil.which("borderwatch", path=str(Path(sys.executable).parent))
        return ([exe] if exe else [sys.executable, "-m", "borderwatch.cli"]) + args

    def launch(self, step: Step, args: list[str]) -> subprocess.Popen[bytes]:
        self.launches += 1
        log = self.workdir / f"{self.label}-{self.launches:03d}-{step.name}.log"
        with log.open("wb") as handle:
            return subprocess.Popen(
                self.command(args),
                env=self.env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def normal(self, step: Step) -> float:
        """Run ``step`` to its end; a failure is recorded as wedged.  Returns its duration."""
        started, before = time.monotonic(), writes(self.db)
        proc = self.launch(step, step.args())
        code: int | None = None
        while code is None and time.monotonic() - started < STEP_TIMEOUT_S:
            try:
                code = proc.wait(timeout=POLL_S)
            except subprocess.TimeoutExpired:
                if step.name not in self.first_write and writes(self.db) != before:
                    self.first_write[step.name] = time.monotonic() - started
        if code is None:
            kill_tree(proc)
            code = -1
        self.rows[step.name] = writes(self.db) - before
        if code != 0:
            self._failed(step, code)
        return time.monotonic() - started

    def _failed(self, step: Step, code: int) -> None:
        """Record a run of ``step`` that ended with ``code`` as wedged: a command run again
        after a kill must finish, even where the killed run had done the work (a merge or a
        split that committed before its kill answers the same event again)."""
        log = sorted(self.workdir.glob(f"{self.label}-{self.launches:03d}-*.log"))[-1]
        last = (log.read_text(errors="replace").strip().splitlines() or [""])[-1]
        self.wedged.append(f"{step.name}: exit {code}: {last[:200]}")

    def killed(self, step: Step, moment: Moment) -> Kill:
        """Start ``step`` and SIGKILL its process tree at ``moment``: once it has committed
        ``moment.rows`` rows (see ``writes``), or with none asked for, ``moment.delay`` seconds
        after its launch."""
        started, before = time.monotonic(), writes(self.db)
        proc = self.launch(step, step.args())
        code: int | None = None
        while code is None:
            elapsed = time.monotonic() - started
            if moment.rows:
                due = writes(self.db) - before >= moment.rows or elapsed > STEP_TIMEOUT_S
            else:
                due = elapsed >= moment.delay
            if due:
                kill_tree(proc)
                return Kill(step.name, round(elapsed, 2), True, writes(self.db) - before)
            code = proc.poll()
            if code is None:
                time.sleep(POLL_S)
        if code != 0:
            self._failed(step, code)
        elapsed = time.monotonic() - started
        return Kill(step.name, round(elapsed, 2), False, writes(self.db) - before)


def kill_tree(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL a command's process group and every process it started (found before the kill,
    by id: Ray starts some in sessions of their own), so no batch worker or Ray process
    outlives it."""
    family = descendants(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    for pid in family:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    proc.wait()


def descendants(pid: int) -> list[int]:
    """The ids of every process below ``pid`` (Linux: read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()  # after "pid (name) "
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def writes(db: str) -> int:
    """Rows that mark a command's progress: documents, delivered alerts, review actions and
    event revisions (0 before the store exists)."""
    query = sa.text(
        "SELECT (SELECT count(*) FROM documents)"
        " + (SELECT count(*) FROM alerts WHERE delivered_at IS NOT NULL)"
        " + (SELECT count(*) FROM review_actions) + (SELECT count(*) FROM revisions)"
    )
    engine = _engines.get(db) or _engines.setdefault(db, sa.create_engine(database_url(db)))
    try:
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one())
    except sa.exc.SQLAlchemyError:
        return 0


_engines: dict[str, sa.Engine] = {}


def review_targets(db: str) -> dict[str, list[str]]:
    """The review commands' arguments, chosen once from the store by a rule (sorted ids, so
    both runs choose alike when their events are alike): confirm one event, edit another's
    fatalities, reject a third, merge two of one type, split a report off a fourth."""
    store = Store(db)
    found = sorted(store.events(EventFilter()), key=lambda e: e["event_id"])
    store.engine.dispose()
    ids = [e["event_id"] for e in found]
    if len(ids) < 7:
        raise SystemExit(f"chaos: {len(ids)} events are too few to review; add --articles")
    fatalities = (found[1]["fatalities"] or 0) + 1
    targets = {
        "confirm": ["review", "confirm", ids[0], "--note", "chaos: seen"],
        "edit": ["review", "edit", ids[1], "--set", f"fatalities={fatalities}"],
        "reject": ["review", "reject", ids[2], "--note", "chaos: not an event"],
    }
    rest = found[3:]
    pair = next(
        ((a, b) for a in rest for b in rest if a is not b and a["event_type"] == b["event_type"]),
        None,
    )
    if pair:
        targets["merge"] = ["review", "merge", pair[0]["event_id"], pair[1]["event_id"]]
        rest = [e for e in rest if e not in pair]
    several = next((e for e in rest if len({s["doc"] for s in e["sources"]}) > 1), None)
    if several:
        doc = sorted({s["doc"] for s in several["sources"]})[-1]
        targets["split"] = ["review", "split", several["event_id"], "--source", doc]
    return {name: [*args, "--by", "chaos"] for name, args in targets.items()}


class Scenario:
    """The steps both runs play, over one corpus, one feed site and one run's receiver."""

    def __init__(self, corpus: Corpus, feeds: Path, receiver: Receiver, options: Any) -> None:
        self.corpus, self.feeds, self.receiver, self.options = corpus, feeds, receiver, options
        self.targets: dict[str, list[str]] = {}

    def setup(self) -> list[Step]:
        return [
            Step(f"alerts add {name}", self._add(name, filters), killable=False)
            for name, filters in SEARCHES
        ]

    def _add(self, name: str, filters: list[str]) -> Args:
        hook = f"{self.receiver.url}/{name}"
        return lambda: ["alerts", "add", name, *filters, "--webhook", hook, "--allow-private"]

    def steps(self, run: Run) -> list[Step]:
        workers = str(self.options.workers)
        deliver = ["alerts", "deliver", "--allow-private"]
        steps = [
            Step("ingest", lambda: ["ingest", str(self.corpus.ingest_dir)]),
            Step("alerts deliver", lambda: deliver, delivers=True),
            Step(
                "batch local", lambda: ["batch", str(self.corpus.batch_dir), "--workers", workers]
            ),
        ]
        if self.options.ray:
            ray = ["batch", str(self.corpus.ray_file), "--engine", "ray", "--workers", "1"]
            steps.append(Step("batch ray", lambda: ray))
        watch = ["watch", str(self.feeds), "--once", "--allow-private"]
        steps.append(Step("watch", lambda: watch, delivers=True))
        for action in ("confirm", "edit", "reject", "merge", "split"):
            steps.append(Step(f"review {action}", self._review(run, action)))
        steps.append(Step("reprocess", lambda: ["reprocess", "--all"]))
        steps.append(Step("crossings", lambda: ["crossings", "--json", "--at", "2025-09-01"]))
        chosen = self.options.steps
        return [s for s in steps if s.name in chosen] if chosen else steps

    def _review(self, run: Run, action: str) -> Args:
        def args() -> list[str]:
            if not self.targets:
                self.targets = review_targets(run.db)
                (run.workdir / f"{run.label}-review-targets.json").write_text(
                    json.dumps(self.targets, indent=1), encoding="utf-8"
                )
            # no target of this kind in this store: a harmless read in its place
            return self.targets.get(action) or ["review", "queue", "--limit", "1"]

        return args

    def final_delivery(self) -> Step:
        return Step("final deliver", lambda: ["alerts", "deliver", "--allow-private"], False, True)


def plan_kills(steps: list[Step], kills: int, rng: random.Random) -> dict[str, int]:
    """How many kills each killable step gets (seeded)."""
    plan: dict[str, int] = {}
    killable = [s.name for s in steps if s.killable]
    for _ in range(kills):
        name = rng.choice(killable)
        plan[name] = plan.get(name, 0) + 1
    return plan


@dataclass(frozen=True)
class Moment:
    """When a kill is due: after ``rows`` committed rows, else after ``delay`` seconds."""

    rows: int
    delay: float


def kill_moment(clean: Run, name: str, rng: random.Random) -> Moment:
    """When to kill step ``name``, from what it did in the clean run: after a random number of
    the rows it committed there (so the kill lands while it writes, however fast the shared
    machine runs it this time), or, for one draw in as many as it committed rows plus one,
    before its first commit (start-up, or the first transaction in flight)."""
    rows = clean.rows.get(name, 0)
    target = rng.randrange(rows + 1) if rows else 0
    first = clean.first_write.get(name, KILL_TO * clean.durations[name])
    return Moment(target, rng.uniform(KILL_FROM, 1.0) * first)


def play(
    run: Run,
    scenario: Scenario,
    progress: Progress,
    clean: Run | None = None,
    rng: random.Random | None = None,
) -> None:
    """Play the scenario on ``run``: every step once, normally; with a ``clean`` run to time
    kills by, first the planned kills of each step (``run.kills``)."""
    steps = scenario.steps(run)
    plan = plan_kills(steps, scenario.options.kills, rng) if clean and rng else {}
    total = len(scenario.setup()) + len(steps) + sum(plan.values()) + 1
    task = progress.add_task(f"{run.label} run", total=total)
    for step in [*scenario.setup(), *steps]:
        finished = False
        for _ in range(plan.get(step.name, 0)):
            assert clean is not None and rng is not None
            moment = kill_moment(clean, step.name, rng)
            progress.update(task, description=f"{run.label}: kill {step.name}")
            if not finished:  # a command that ended before its kill is not run again
                run.kills.append(run.killed(step, moment))
                finished = not run.kills[-1].landed
            progress.advance(task)
        progress.update(task, description=f"{run.label}: {step.name}")
        if not finished:
            run.durations[step.name] = run.normal(step)
        progress.advance(task)
    progress.update(task, description=f"{run.label}: delivering what is pending")
    final = scenario.final_delivery()
    for _ in range(100):  # each round sends at most 50 alerts per search
        if pending(run.db) == 0:
            break
        run.normal(final)
    progress.advance(task)


def pending(db: str) -> int:
    store = Store(db)
    try:
        return store.pending_alert_count()
    finally:
        store.engine.dispose()


def run_env(db: str) -> dict[str, str]:
    """The commands' environment: this checkout's code, this run's database, nothing else of
    Borderwatch's settings from the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERWATCH_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env["BORDERWATCH_DB"] = db
    env["BORDERWATCH_REVIEWER"] = "chaos"
    return env


def chaos(options: Any, workdir: Path) -> dict[str, Any]:
    """Build the corpus, play the clean and the chaos runs, compare them."""
    corpus = Corpus.build(workdir / "corpus", options.articles, options.seed)
    site = FeedSite(corpus.feed_dir)
    feeds = site.feeds_file(workdir / "feeds.yaml")
    receivers = Receiver(), Receiver()
    try:
        with databases(options.database, workdir) as (clean_db, chaos_db):
            runs = [
                Run(label, db, workdir, run_env(db))
                for label, db in (("clean", clean_db), ("chaos", chaos_db))
            ]
            with Progress(console=console, transient=False) as progress:
                play(runs[0], Scenario(corpus, feeds, receivers[0], options), progress)
                rng = random.Random(options.seed)
                scenario = Scenario(corpus, feeds, receivers[1], options)
                play(runs[1], scenario, progress, runs[0], rng)
            found = _verdicts(runs, receivers)
            for engine in _engines.values():  # before the databases are dropped
                engine.dispose()
    finally:
        site.close()
        for receiver in receivers:
            receiver.close()
    return {
        "ok": all(v.ok for v in found),
        "database": "sqlite" if options.database == "sqlite" else "postgresql",
        "seed": options.seed,
        "planned": options.kills,
        "stores": [run.db for run in runs],
        "verdicts": [v.as_json() for v in found],
        "kills": [vars(k) for k in runs[1].kills],
        "durations": runs[0].durations,
    }


def _verdicts(runs: list[Run], receivers: tuple[Receiver, Receiver]) -> list[Verdict]:
    clean, chaotic = runs
    delivering = {"alerts deliver", "watch"}
    resend_kills = sum(1 for k in chaotic.kills if k.landed and k.step in delivering)
    found = verdicts(
        snapshot(clean.db),
        snapshot(chaotic.db),
        (receivers[0].deliveries, receivers[1].deliveries),
        resend_kills,
    )
    for run in runs:
        wedge = Verdict(f"{run.label} runs finished", len(run.durations), len(run.durations))
        wedge.changed = run.wedged
        found.append(wedge)
    return found


def report(result: dict[str, Any]) -> None:
    """The kills and the verdict table."""
    landed = sum(1 for k in result["kills"] if k["landed"])
    kills = Table(
        title=f"{result['planned']} kills planned, {len(result['kills'])} made, {landed} landed "
        f"before the command ended (seed {result['seed']}; a step that ended is not killed again)"
    )
    for column in ("step", "killed after s", "landed", "rows it had committed"):
        kills.add_column(column)
    for k in result["kills"]:
        landed = "yes" if k["landed"] else "no: finished first"
        kills.add_row(k["step"], f"{k['delay']:.2f}", landed, str(k["wrote"]))
    console.print(kills)
    table = Table(title=f"Chaos run vs clean run ({result['database']})")
    for column in ("what", "clean", "chaos", "lost", "extra", "twice", "changed", "verdict"):
        table.add_column(column, justify="right" if column in ("clean", "chaos") else "left")
    for v in result["verdicts"]:
        counts = [str(len(v[k])) if v[k] else "0" for k in ("lost", "extra", "twice", "changed")]
        verdict = "[green]same[/]" if v["ok"] else "[bold red]DIFFERS[/]"
        table.add_row(v["what"], str(v["clean"]), str(v["chaos"]), *counts, verdict)
    console.print(table)
    for v in result["verdicts"]:
        for kind in ("lost", "extra", "twice", "changed"):
            for item in v[kind]:
                console.print(f"  {v['what']}: {kind}: {item}", markup=False)
        if v["note"]:
            console.print(f"  {v['what']}: {v['note']}", markup=False)
    console.print("[bold green]PASS[/]" if result["ok"] else "[bold red]FAIL[/]")


def parse_args(argv: list[str] | None = None) -> Any:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__[__doc__.index("Example:") :],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs in all (default 20)")
    parser.add_argument("--seed", type=int, default=7, help="seeds kill moments and corpus")
    parser.add_argument(
        "--database",
        default="sqlite",
        help="sqlite (temporary files, the default) or a PostgreSQL server URL such as "
        "postgresql://127.0.0.1:5432/test (two fresh databases are made there and dropped)",
    )
    parser.add_argument("--articles", type=int, default=40, help="generated reports added")
    parser.add_argument("--workers", type=int, default=2, help="batch --engine local workers")
    parser.add_argument("--no-ray", dest="ray", action="store_false", help="leave Ray out")
    parser.add_argument(
        "--steps",
        type=lambda text: {name.strip() for name in text.split(",") if name.strip()},
        help="play only these steps (comma-separated names, as in the kills table; the saved "
        "searches are always made), e.g. 'ingest,alerts deliver,watch,review edit'",
    )
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    parser.add_argument("--keep", type=Path, help="keep the work folder (logs, stores) here")
    options = parser.parse_args(argv)
    unknown = (options.steps or set()) - set(STEP_NAMES)
    if unknown:
        parser.error(f"--steps: no step named {sorted(unknown)[0]!r}; one of {STEP_NAMES}")
    if options.database != "sqlite" and not options.database.startswith("postgresql://"):
        parser.error(f"--database: {options.database!r} is neither sqlite nor postgresql://...")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
        result = chaos(options, options.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="borderwatch-chaos-") as folder:
            result = chaos(options, Path(folder))
    report(result)
    if options.json:
        options.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
