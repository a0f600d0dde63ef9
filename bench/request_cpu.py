"""CPU time of ``borderwatch serve`` per request, by kind of request: the load-independent
figure behind ``bench/load.py``'s latencies.

On a machine shared with other work, wall times swing with the load; the server's own CPU time
per request does not.  This script starts ``serve`` over the load bench's store (built by
``bench/load.py``), sends ``--requests`` requests of each kind of ``bench/load.py`` from
``--clients`` concurrent clients and divides the server's CPU time (``/proc/PID/stat``, user
plus system) by their number.  Each kind is measured three ways: *kept* (the same requests all
asked once before: the answers the server keeps between two writes), *computed*
(``Cache-Control: no-cache``: every answer computed) and *written* (as *kept*, but another
process changes one event none of the requests names just before: what a write elsewhere
costs the server, its background recomputations included).

    python bench/request_cpu.py                       # 100,000 events, 200 requests per kind
    python bench/request_cpu.py --json after.json --before before.json   # before -> after
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_filter import free_port, serve  # noqa: E402
from load import KINDS, cpu_seconds, load_store, requests_for  # noqa: E402

from borderwatch.serve.cache import REFRESH_S  # noqa: E402
from borderwatch.store import Store  # noqa: E402


def measure(
    base: str, pid: int, kind: str, ids: list[str], n: int, clients: int, mode: str, db: str
) -> dict[str, float]:
    """CPU ms of the server and wall ms per request over ``n`` requests of ``kind``: ``kept``,
    all asked once before (warm-up); ``computed``, ``no-cache``; ``written``, all asked once
    before, then one event no request names changed by another process (as an ``ingest``
    writes), then asked again -- the server's work after a write, its background
    recomputations included (counted until its CPU is idle)."""
    rng = random.Random(7)
    urls = [requests_for(kind, rng, ids) for _ in range(n)]
    headers = {"Cache-Control": "no-cache"} if mode == "computed" else {}
    with httpx.Client(base_url=base, timeout=60, headers=headers) as http:

        def get(url: str) -> None:
            with http.stream("GET", url) as response:
                for _ in response.iter_bytes():
                    pass
            if response.status_code >= 400 and not (
                kind == "event" and response.status_code == 404
            ):
                raise SystemExit(f"{response.status_code} {url}")

        with ThreadPoolExecutor(clients) as pool:
            warm = urls if mode != "computed" else urls[: max(clients, n // 10)]
            list(pool.map(get, warm))  # warm-up: kept answers made
            if mode == "written":
                write_elsewhere(db, {u.rsplit("/", 1)[1] for u in urls if kind == "event"})
            served, started = cpu_seconds(pid), time.perf_counter()
            list(pool.map(get, urls))
            wall = time.perf_counter() - started
            if mode == "written":
                idle(pid)
            cpu = cpu_seconds(pid) - served
    return {"cpu_ms": cpu * 1000 / n, "wall_ms": wall * 1000 / n}


def write_elsewhere(db: str, asked: set[str]) -> None:
    """Another process's write: one event that no request names (not in ``asked``), changed
    in place (the store's triggers count it and log it, as for any write)."""
    store = Store(db)
    try:
        with store.engine.begin() as conn:
            found = conn.exec_driver_sql(
                "SELECT event_id FROM events ORDER BY event_id DESC LIMIT 50"
            ).scalars()
            event_id = next(e for e in found if e not in asked)
            conn.execute(
                sa.text("UPDATE events SET fatalities = fatalities WHERE event_id = :e"),
                {"e": event_id},
            )
    finally:
        store.engine.dispose()


def idle(pid: int, quiet_s: float = 0.5, limit_s: float = 60.0) -> None:
    """Wait until the server spends no CPU for ``quiet_s`` (its background work done: the
    recomputations it schedules start up to ``REFRESH_S`` after an answer was made)."""
    time.sleep(REFRESH_S + quiet_s)
    deadline = time.monotonic() + limit_s
    last = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(quiet_s)
        now = cpu_seconds(pid)
        if now - last < 0.01:
            return
        last = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="per kind and mode")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--db", help="SQLite file or postgresql:// URL [default: bench/out/]")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--modes", default="kept,computed,written")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--before", type=Path, help="figures of an earlier run to compare")
    args = parser.parse_args()
    db = args.db or str(Path(__file__).parent / "out" / f"load-{args.events}.db")
    ids = load_store(db, args.events)
    port = free_port()
    server = serve(db, port)
    before = json.loads(args.before.read_text()) if args.before else {}
    figures: dict[str, dict[str, float]] = {}
    print(f"{'request':<12}{'mode':<10}{'CPU ms':>9}{'wall ms':>9}{'before':>9}")
    try:
        for kind in args.kinds.split(","):
            for mode in args.modes.split(","):
                found = measure(
                    f"http://127.0.0.1:{port}",
                    server.pid,
                    kind,
                    ids,
                    args.requests,
                    args.clients,
                    mode,
                    db,
                )
                figures[f"{kind} {mode}"] = found
                old = before.get(f"{kind} {mode}", {}).get("cpu_ms")
                print(
                    f"{kind:<12}{mode:<10}{found['cpu_ms']:>9.2f}{found['wall_ms']:>9.1f}"
                    f"{'' if old is None else f'{old:>9.2f}'}"
                )
    finally:
        server.terminate()
        server.wait(timeout=10)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
