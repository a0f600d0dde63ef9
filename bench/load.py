"""The API under load: concurrent clients against a store of generated events while an
``ingest`` writes to it.

Fills a SQLite file (or uses a PostgreSQL URL) with ``--events`` synthetic events, starts
``borderwatch serve`` on 127.0.0.1 and, for ``--minutes``, runs ``--clients`` clients that each
loop over what people and programs ask of it -- a dashboard view (a random filter change), a
page of the event list, one event with its evidence, a small export (streamed to the end) and a
saved search's Atom feed -- while ``borderwatch ingest`` stores generated articles one after
another.  Prints p50/p95/p99 per kind of request, error counts (a 503 with Retry-After is the
server asking to retry while a writer holds the database: counted, retried, not an error; any
other non-2xx or transport failure is one) and the resident memory of ``serve`` sampled every
second (first, highest, last).

    python bench/load.py                          # 100,000 events, 50 clients, 1 minute
    python bench/load.py --minutes 10             # the full run
    python bench/load.py --events 300 --clients 4 --seconds 20   # the suite's short version
    python bench/load.py --think 1.0              # clients pausing ~1 s between requests

The default is the issue's measurement: a closed loop, each client asking again as soon as it
has an answer, so that the mean latency is fixed by the throughput (Little's law: clients =
requests/s x (latency + think time); 50 clients at 100 requests/s wait 500 ms on average,
whatever the server does with its time).  ``--think`` adds the pause a person reading the
dashboard takes between two requests; the report prints both the law's latency and the
measured one.

Exit status 1 when a request failed or got a 5xx other than 503 with Retry-After.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_filter import CHANGES, free_port, prepare, serve  # noqa: E402

from borderwatch.serve.synthetic import ACTORS, PLACES  # noqa: E402
from borderwatch.store import SavedSearch, Store  # noqa: E402

SEARCH = "load-arsal"  # the saved search whose Atom feed the clients read
KINDS = ("dashboard", "events", "event", "export", "atom")
RETRY_CAP_S = 2.0  # the longest a client waits on a Retry-After before asking again
WORDS = ["shelled", "attacked", "clashed with", "raided"]


def requests_for(kind: str, rng: random.Random, ids: list[str]) -> str:
    """One request of this kind, as a client of the dashboard or the API would send it."""
    if kind == "dashboard":
        view = {**rng.choice(list(CHANGES.values())), "limit": "50", "interval": "month"}
        return "/api/dashboard?" + "&".join(f"{k}={v}" for k, v in view.items())
    if kind == "events":
        return f"/api/events?limit=50&offset={rng.randrange(0, 500, 50)}&sort=-date"
    if kind == "event":
        return f"/api/events/{rng.choice(ids)}"
    if kind == "export":
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(1000))
        return f"/api/export?format=csv&place=Arsal&since={day}&until={day + timedelta(days=7)}"
    return f"/api/alerts/{SEARCH}.atom"


class Tally:
    """Latencies and outcomes per kind, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.retried = 0
        self.merged_away = 0  # event detail of an id the writer merged away: 404, rightly

    def ok(self, kind: str, ms: float) -> None:
        with self.lock:
            self.ms[kind].append(ms)

    def error(self, kind: str, what: str) -> None:
        with self.lock:
            self.errors[kind].append(what)

    def retry(self) -> None:
        with self.lock:
            self.retried += 1

    def gone(self) -> None:
        with self.lock:
            self.merged_away += 1


def load_store(db: str, n: int) -> list[str]:
    """Fill ``db`` with ``n`` generated events unless it holds them (or a few more, which an
    earlier run's writer added), add the saved search the clients read; some event ids."""
    store = Store(db)
    with store.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
    if have < n or have > n * 1.01 + 100:
        prepare(db, n)
    if not any(s.name == SEARCH for s in store.searches()):
        store.add_search(SavedSearch(SEARCH, place="Arsal"))
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT event_id FROM events LIMIT 2000")]
    store.engine.dispose()
    return ids


class Connection:
    """One client's keep-alive HTTP/1.1 connection, on the standard library's ``http.client``:
    an answer read to its end and gzip-decompressed as a browser does, for a fraction of the
    CPU httpx spends per request.  The clients share one process and its GIL with each other
    (and the machine with ``serve``): with httpx, 50 clients spent 1.4 ms of CPU per request,
    as much as the server, and that time counted in every latency measured here (see
    ``CLIENT_NOTE``)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.http: http.client.HTTPConnection | None = None

    def get(self, url: str) -> tuple[int, dict[str, str], int]:
        """(status, headers, bytes of the decompressed body) of GET ``url``; a connection the
        server closed is opened again once."""
        for attempt in (0, 1):
            if self.http is None:
                self.http = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.http.request("GET", quote(url, safe=URL_SAFE), headers=ACCEPT)
                response = self.http.getresponse()
                headers = {k.lower(): v for k, v in response.getheaders()}
                size = self._read(response, headers.get("content-encoding") == "gzip")
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
                continue
            if headers.get("connection", "").lower() == "close":
                self.close()
            return response.status, headers, size
        raise AssertionError("unreachable")

    @staticmethod
    def _read(response: http.client.HTTPResponse, gzipped: bool) -> int:
        unpack = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
        size = 0
        while chunk := response.read(65536):
            size += len(unpack.decompress(chunk)) if unpack else len(chunk)
        return size

    def close(self) -> None:
        if self.http is not None:
            self.http.close()
            self.http = None


URL_SAFE = "/?&=:,;+%-._~"  # kept as they are in a request's path and query (a space is quoted)
ACCEPT = {"Accept-Encoding": "gzip"}
# What the report says of the clients' own cost (their CPU is printed beside the server's).
CLIENT_NOTE = "keep-alive http.client, gzip accepted and decompressed"


def client(
    base: str, seed: int, ids: list[str], stop: float, tally: Tally, think: float = 0.0
) -> None:
    """One client: a request, its whole answer, then the next (after a pause of on average
    ``think`` seconds, exponentially distributed, when given: a person reading the answer)."""
    rng = random.Random(seed)
    where = urlsplit(base)
    connection = Connection(where.hostname or "127.0.0.1", where.port or 80)
    try:
        while time.monotonic() < stop:
            if think:
                time.sleep(min(rng.expovariate(1 / think), max(0.0, stop - time.monotonic())))
                if time.monotonic() >= stop:
                    break
            kind = rng.choice(KINDS)
            url = requests_for(kind, rng, ids)
            started = time.perf_counter()
            try:
                while True:
                    status, headers, _ = connection.get(url)
                    wait = headers.get("retry-after")
                    if status != 503 or wait is None:
                        break
                    tally.retry()
                    time.sleep(min(RETRY_CAP_S, float(wait)))
            except (OSError, http.client.HTTPException) as exc:
                tally.error(kind, f"{type(exc).__name__}: {exc}")
                continue
            if kind == "event" and status == 404:
                tally.gone()  # the writer's report merged it into another event: a right answer
            elif status >= 400:
                tally.error(kind, f"{status} {url}")
            else:
                tally.ok(kind, (time.perf_counter() - started) * 1000)
    finally:
        connection.close()


def write_articles(folder: Path, n: int, seed: int) -> tuple[list[Path], date]:
    """``n`` short invented wire reports of one week, one file each, for the writer to ingest,
    and the day they were published (the week's end): their events get dates, as a feed's
    reports do, and each write touches the kept answers of that week only."""
    rng = random.Random(seed)
    week = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
    paths = []
    for i in range(n):
        place, actor = rng.choice(PLACES), rng.choice(ACTORS)
        day = week + timedelta(days=rng.randrange(6))
        text = (
            f"{place[0].upper()} (Load Wire) - {actor[1]} {rng.choice(WORDS)} positions near "
            f"{place[0]} on {day:%B %-d}, killing {rng.randrange(1, 9)} people, local officials "
            f"said on {day + timedelta(days=1):%A}. Residents reported gunfire after midnight."
        )
        path = folder / f"load-{seed}-{i:05d}.txt"
        path.write_text(text)
        paths.append(path)
    return paths, week + timedelta(days=7)


def writer(db: str, folder: Path, stop: float, log: list[str]) -> None:
    """``borderwatch ingest`` of a few articles at a time until ``stop``; the run still going
    at ``stop`` is stopped there (SIGTERM: its open transaction rolls back, as after a kill)."""
    batch = 0
    while time.monotonic() < stop:
        files, published = write_articles(folder, 5, seed=batch)
        run = subprocess.Popen(
            [sys.executable, "-m", "borderwatch.cli", "ingest", "--db", db]
            + ["--published", published.isoformat(), *map(str, files)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _, err = run.communicate(timeout=max(0.1, stop - time.monotonic()))
        except subprocess.TimeoutExpired:
            run.terminate()
            run.wait()
            log.append(f"ingest batch {batch}: stopped at the end of the run")
            break
        log.append(f"ingest batch {batch}: exit {run.returncode}")
        if run.returncode != 0:
            log.append(err.strip()[-500:])
        batch += 1


SEARCH_WRITER = """
import sys, time
from borderwatch.store import SavedSearch, Store
store, stop, n = Store(sys.argv[1]), time.monotonic() + float(sys.argv[2]), 0
while time.monotonic() < stop:
    store.add_search(SavedSearch(f"load-writer-{n}", place="Hermel"))
    store.remove_search(f"load-writer-{n}")
    n += 1
    time.sleep(float(sys.argv[3]))
print(n)
"""


def search_writer(db: str, stop: float, every: float, log: list[str]) -> None:
    """Another process that adds and removes a saved search every ``every`` seconds: two real
    writes (the SQLite write lock, PostgreSQL's advisory lock) that the store counts, so every
    answer the server keeps is computed again after each (``serve.cache``)."""
    run = subprocess.run(
        [sys.executable, "-c", SEARCH_WRITER, db, str(stop - time.monotonic()), str(every)],
        capture_output=True,
        text=True,
    )
    log.append(f"search writer: {run.stdout.strip() or 0} rounds, exit {run.returncode}")
    if run.returncode:
        log.append(run.stderr.strip()[-500:])


def family(pid: int) -> list[int]:
    """``pid`` and its child processes (``serve --workers N``'s workers), from /proc."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return [pid, *map(int, children)]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children so far (from /proc)."""
    total = 0.0
    for member in family(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def waited_cpu() -> float:
    """User and system CPU time of the child processes ended so far (the writers' ``ingest``
    runs: each starts Python and loads the pipeline, and shares the machine with ``serve``)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def resident(pid: int) -> tuple[float, float]:
    """(RSS, anonymous RSS) in MB of a process and its children: the second leaves out mapped
    file pages (SQLite's mmap of the database, shared with the page cache and counted again in
    each connection's mapping)."""
    found: dict[str, float] = defaultdict(float)
    for member in family(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon"):
                found[key] += int(value.split()[0]) / 1024
    return found["VmRSS"], found["RssAnon"]


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))] if values else 0.0


def report(
    tally: Tally,
    memory: list[tuple[float, float]],
    seconds: float,
    writes: list[str],
    cpu: dict[str, float],
    clients: int,
    think: float,
) -> dict:
    print(f"\n{'request':<12}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    every: list[float] = []
    for kind in KINDS:
        ms = tally.ms[kind]
        every += ms
        print(
            f"{kind:<12}{len(ms):>7}{percentile(ms, 0.5):>9.1f}{percentile(ms, 0.95):>9.1f}"
            f"{percentile(ms, 0.99):>9.1f}{len(tally.errors[kind]):>8}"
        )
    n_errors = sum(len(v) for v in tally.errors.values())
    print(
        f"{'all':<12}{len(every):>7}{percentile(every, 0.5):>9.1f}{percentile(every, 0.95):>9.1f}"
        f"{percentile(every, 0.99):>9.1f}{n_errors:>8}"
    )
    rate = len(every) / seconds
    if every:  # clients = throughput x (latency + think time + the clients' own time)
        print(
            f"Little's law: {clients} clients / {rate:.1f} requests/s = "
            f"{clients / rate * 1000:.0f} ms per request and client (latency, think time "
            f"{think * 1000:.0f} ms on average, the clients' own work); measured mean latency "
            f"{sum(every) / len(every):.0f} ms"
        )
    ran = [w for w in writes if w.startswith("ingest")]
    print(
        f"{len(every) / seconds:.1f} requests/s; 503 + Retry-After answered and retried: "
        f"{tally.retried}; writer: {sum('exit 0' in w for w in ran)} ingest runs ok, "
        f"{sum('exit 0' not in w and 'stopped' not in w for w in ran)} failed, "
        f"{sum('stopped' in w for w in ran)} stopped at the end of the run; event ids merged "
        f"away by the writer (404, rightly): {tally.merged_away}"
    )
    for i, what in enumerate(("RSS", "anonymous RSS, no mapped file")):
        if memory:
            held = [m[i] for m in memory]
            print(
                f"serve memory ({what}, MB): first {held[0]:.0f}, highest {max(held):.0f}, "
                f"last {held[-1]:.0f} ({len(held)} samples)"
            )
    print(
        f"CPU seconds over the run: serve {cpu['serve']:.1f}, these clients {cpu['clients']:.1f} "
        f"({CLIENT_NOTE}), writers {cpu['writers']:.1f} ({os.cpu_count()} CPUs; the rest of "
        "the machine's load is not counted)"
    )
    for line in writes:
        if line.startswith("search writer") or not line.startswith("ingest"):
            print(f"  {line}")
    for kind, found in tally.errors.items():
        for what in found[:3]:
            print(f"  error {kind}: {what}")
    return {
        "p50": percentile(every, 0.5),
        "p95": percentile(every, 0.95),
        "p99": percentile(every, 0.99),
        "requests": len(every),
        "mean": sum(every) / len(every) if every else 0.0,
        "think_s": think,
        "errors": n_errors,
        "retried": tally.retried,
        "memory_mb": [m[0] for m in memory],
        "anon_memory_mb": [m[1] for m in memory],
        "cpu_s": cpu,
        "per_kind": {k: tally.ms[k] for k in KINDS},
        "writer": writes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, help="run this long instead of --minutes")
    parser.add_argument("--db", help="SQLite file or postgresql:// URL [default: bench/out/]")
    parser.add_argument("--no-writer", action="store_true", help="no ingest while it runs")
    parser.add_argument(
        "--search-writes",
        type=float,
        metavar="SECONDS",
        help="also add and remove a saved search every SECONDS (each write invalidates every "
        "answer the server keeps)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="each client pauses on average this long (exponentially distributed) before each "
        "request, as a person reading the dashboard does [default: 0, the issue's measurement: "
        "closed loop, every client asks again at once]",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="serve's worker processes (``borderwatch serve --workers``; one process computes "
        "on one core) [default: 2]",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    db = args.db or str(Path(__file__).parent / "out" / f"load-{args.events}.db")
    if "://" not in db:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    ids = load_store(db, args.events)
    port = free_port()
    server = serve(db, port, workers=args.workers)
    seconds = args.seconds or args.minutes * 60
    stop = time.monotonic() + seconds
    tally, writes = Tally(), []
    memory: list[tuple[float, float]] = []
    print(
        f"{args.events} events; {args.clients} clients for {seconds:.0f} s; serve with "
        f"{args.workers} worker process{'es' if args.workers > 1 else ''}; "
        f"writer {'off' if args.no_writer else 'on'}; think time "
        f"{f'{args.think:g} s on average' if args.think else 'none (closed loop)'}; "
        f"serve pid {server.pid}"
    )
    try:
        with tempfile.TemporaryDirectory() as folder:
            threads = [
                threading.Thread(
                    target=client,
                    args=(f"http://127.0.0.1:{port}", i, ids, stop, tally, args.think),
                )
                for i in range(args.clients)
            ]
            if args.search_writes:
                threads.append(
                    threading.Thread(
                        target=search_writer, args=(db, stop, args.search_writes, writes)
                    )
                )
            if not args.no_writer:
                threads.append(
                    threading.Thread(target=writer, args=(db, Path(folder), stop, writes))
                )
            served, mine, children = cpu_seconds(server.pid), time.process_time(), waited_cpu()
            load_before = os.getloadavg()
            for thread in threads:
                thread.start()
            while time.monotonic() < stop:
                memory.append(resident(server.pid))
                time.sleep(1)
            for thread in threads:
                thread.join()
            cpu = {
                "serve": cpu_seconds(server.pid) - served,
                "clients": time.process_time() - mine,
                "writers": waited_cpu() - children,
            }
            machine = {"load_before": load_before, "load_after": os.getloadavg()}
    finally:
        server.terminate()
        server.wait(timeout=10)
    figures = report(tally, memory, seconds, writes, cpu, args.clients, args.think)
    print(
        "machine load (1, 5, 15 min) before: {}, after: {} (other work on the machine counts in "
        "every latency here)".format(
            *(", ".join(f"{x:.1f}" for x in machine[k]) for k in ("load_before", "load_after"))
        )
    )
    figures["machine"] = machine
    if args.json:
        args.json.write_text(json.dumps(figures))
    sys.exit(1 if figures["errors"] else 0)


if __name__ == "__main__":
    main()
