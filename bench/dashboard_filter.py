"""How fast the dashboard answers a filter change, over 10,000 to 1,000,000 generated events.

A filter change in the dashboard sends one request, ``/api/dashboard``, which answers with the
event list's first page with the total, the map (located events counted per grid cell, or the
points of a view of few) and the timeline, each read from the index or pre-aggregate that
answers it, or from one pass over the matching rows for the filters none holds
(``borderwatch.store.dashboard``, ``store.map_cells``).  This script fills a
SQLite database (or a PostgreSQL one, ``--db postgresql://...``) with synthetic events
(``borderwatch.serve.synthetic.bulk_fill``, a transaction per block, row for row what ingest's
transactions store; above 100,000 events only each event's first report is stored with it,
which the dashboard never reads), starts
``borderwatch serve`` on 127.0.0.1, replays a set of filter changes the way the dashboard sends
them and reports the wall time until they are answered (and, for comparison, the same view from
the three public endpoints fetched at once).  With ``--browser`` it also times the whole change
in Chromium (the request plus drawing the map, timeline and list).

    python bench/dashboard_filter.py                 # 10,000 events, 7 rounds per change
    python bench/dashboard_filter.py --events 100000 --browser   # also in Chromium
    python bench/dashboard_filter.py --events 1000000 --db /tmp/1m.db     # built once, reused
    python bench/dashboard_filter.py --events 100000 --db postgresql://postgres@127.0.0.1/bw
    python bench/dashboard_filter.py --events 100000 --before old.json   # before -> after
    python bench/dashboard_filter.py --events 100000 --cpu   # CPU (and wall) per answer, in process
    python bench/dashboard_filter.py --events 100000 --browser --db new.db \
        --against /tmp/main --against-db old.db   # old and new servers, alternating

``--against`` serves a second copy of the code (a directory holding its ``src``, e.g. ``git
archive main src | tar -x -C /tmp/main``) over its own store (a store migrated by newer code may
not open in older code), and times both round by round, alternating which goes first: on a
machine shared with other work, two runs minutes apart differ more than the code does.

Budgets (issue 27): up to 100,000 events every change's p95 under 150 ms at the server and under
200 ms in Chromium; above, every change's median under 300 ms at the server.  Exit status 1 when
a change is over its budget.  The figures go to ``--json`` (default bench/out/) for ``--before``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from borderwatch.store import Store

SERVER_P95_MS = 150.0  # up to LARGE events: every change's p95 at the server
BROWSER_P95_MS = 200.0  # ... and in Chromium
LARGE = 100_000
LARGE_MEDIAN_MS = 300.0  # above LARGE events: every change's median at the server
PAGE = 50
# The dashboard hides events below this confidence unless the URL names another
# (static/js/api.js, DEFAULT_MIN_CONFIDENCE): every view it asks for carries it, and so do the
# server's and the CPU timings here (until 2026-12-06 they did not, and timed views the
# browser never asks for: a tag, actor or box alone, answered from the pre-aggregates).
DASHBOARD_DEFAULTS = {"min_confidence": "0.5"}
CHANGES: dict[str, dict[str, str]] = {
    "all events": {},
    "event type": {"type": "Battles"},
    "sub-type": {"sub_type": "Armed clash"},
    "date brush (3 months)": {"since": "2024-03-01", "until": "2024-05-31"},
    "border tag": {"tag": "smuggling"},
    "actor": {"actor": "Hezbollah"},
    "place": {"place": "Arsal"},
    "country": {"country": "Syria"},
    "min confidence": {"min_confidence": "0.7"},
    "min sources": {"min_sources": "2"},
    "free text": {"q": "qusayr"},
    "map view (bbox)": {"bbox": "35.9,33.9,36.6,34.5"},
    "combined": {
        "type": "Battles",
        "country": "Lebanon",
        "since": "2024-01-01",
        "until": "2024-12-31",
    },
}


def as_shown(filters: dict[str, str]) -> dict[str, str]:
    """The filters with the dashboard's defaults (``DASHBOARD_DEFAULTS``) where they name none."""
    return {**DASHBOARD_DEFAULTS, **filters}


def dashboard_requests(filters: dict[str, str]) -> list[str]:
    """What the dashboard fetches for these filters (see static/js/main.js): one request."""
    view = {**as_shown(filters), "limit": PAGE, "offset": 0, "sort": "-date", "interval": "month"}
    return [f"/api/dashboard?{urlencode(view)}"]


def api_requests(filters: dict[str, str]) -> list[str]:
    """The same view from the public endpoints, fetched at once: list page, map, timeline."""
    filters = as_shown(filters)
    timeline = {k: v for k, v in filters.items() if k not in ("since", "until")}
    return [
        f"/api/events?{urlencode({**filters, 'limit': PAGE, 'offset': 0, 'sort': '-date'})}",
        f"/api/map?{urlencode({**filters, 'sort': '-date'})}",
        f"/api/stats/timeline?{urlencode({**timeline, 'interval': 'month'})}",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(db: str, n: int) -> None:
    store = Store(db)
    with store.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
    if have != n:
        if have:
            sys.exit(f"{db} holds {have} events, not {n}; remove it or pick another --db")
        from borderwatch.serve.synthetic import bulk_fill  # here: --before's code may lack it

        started = time.perf_counter()
        bulk_fill(store, n, documents=n <= LARGE)  # fill's rows, one bulk transaction
        print(f"generated {n} events in {time.perf_counter() - started:.1f} s -> {db}")
    store.engine.dispose()


def serve(db: str, port: int, src: Path | None = None, workers: int = 1) -> subprocess.Popen[bytes]:
    """``borderwatch serve`` over ``db`` on ``port`` with ``workers`` processes: this code's,
    or that in ``src``."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    server = subprocess.Popen(
        [sys.executable, "-m", "borderwatch.cli", "serve", "--db", str(db), "--port", str(port)]
        + (["--workers", str(workers)] if workers > 1 else []),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(
        f"server did not start: {server.stderr.read().decode() if server.stderr else ''}"
    )


def time_api(
    bases: list[str], rounds: int, requests: Callable[[dict[str, str]], list[str]]
) -> list[dict[str, list[float]]]:
    """Wall ms per change at each server in ``bases``, round by round, alternating which
    server goes first."""
    times: list[dict[str, list[float]]] = [{} for _ in bases]
    # no-cache: the server computes each answer (it keeps answers while the store is unchanged,
    # and the same view asked again would be a lookup, not what a filter change costs)
    fresh = {"Cache-Control": "no-cache"}
    with (
        httpx.Client(timeout=30, headers=fresh) as client,
        ThreadPoolExecutor(3) as pool,
    ):

        def get(url: str) -> int:
            response = client.get(url)
            response.raise_for_status()
            return len(response.content)

        for name, filters in CHANGES.items():
            for base in bases:
                list(pool.map(get, [base + url for url in requests(filters)]))  # warm-up
            for at in times:
                at[name] = []
            for i in range(rounds):
                for k in _turns(len(bases), i):
                    urls = [bases[k] + url for url in requests(filters)]
                    started = time.perf_counter()
                    list(pool.map(get, urls))
                    times[k][name].append((time.perf_counter() - started) * 1000)
    return times


def _turns(n: int, i: int) -> list[int]:
    """The order of ``n`` servers in round ``i``: each goes first in turn."""
    return [(i + k) % n for k in range(n)]


def time_cpu(
    db: str, rounds: int, wall: dict[str, list[float]] | None = None
) -> dict[str, list[float]]:
    """CPU milliseconds of computing each change's ``/api/dashboard`` answer (JSON included) in
    this process: on a machine shared with other work, wall times swing 2-4x with the load and
    CPU time does not, so old and new code compare fairly (``--cpu``).  ``wall`` receives the
    same answers' wall times, which on PostgreSQL include the database server's work."""
    from borderwatch.serve import events_api
    from borderwatch.serve.params import DashboardQuery

    store = Store(db)
    times: dict[str, list[float]] = {}
    for name, filters in CHANGES.items():
        values: dict[str, object] = {**as_shown(filters)}
        if "tag" in values:
            values["tag"] = [values["tag"]]
        view = DashboardQuery.model_validate(
            {**values, "limit": PAGE, "offset": 0, "sort": "-date", "interval": "month"}
        )
        json.dumps(events_api.dashboard(store, view))  # warm-up
        times[name] = []
        for _ in range(rounds):
            started, clock = time.process_time(), time.perf_counter()
            json.dumps(events_api.dashboard(store, view))
            times[name].append((time.process_time() - started) * 1000)
            if wall is not None:
                wall.setdefault(name, []).append((time.perf_counter() - clock) * 1000)
    store.engine.dispose()
    return times


def time_browser(bases: list[str], rounds: int) -> list[dict[str, list[float]]]:
    """Chromium's ms from each filter change to the map, timeline and list drawn, a tab per
    server in ``bases``, round by round, alternating which goes first."""
    from playwright.sync_api import sync_playwright

    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    times: list[dict[str, list[float]]] = [{} for _ in bases]
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            profile,
            executable_path="/usr/bin/chromium",
            args=args,
            headless=True,
            viewport={"width": 1366, "height": 800},
        )
        pages = []
        for base in bases:
            page = browser.new_page()
            page.set_extra_http_headers({"Cache-Control": "no-cache"})  # computed, as above
            page.goto(base + "/")
            page.wait_for_selector("body[data-state=ready]", timeout=60_000)
            pages.append(page)
        for name, filters in CHANGES.items():
            for at in times:
                at[name] = []
            for i in range(rounds + 1):
                for k in _turns(len(bases), i):
                    ms = _change_in(pages[k], filters, i)
                    if i:  # the first round warms up
                        times[k][name].append(ms)
        browser.close()
    return times


def _change_in(page: Any, filters: dict[str, str], i: int) -> float:
    """Ms from showing ``filters`` to its view drawn (after another view: every round is a
    real change)."""
    ms = 0.0
    for query in ("?sort=date" if i % 2 else "", "?" + urlencode(filters)):
        page.bring_to_front()
        ms = page.evaluate(
            """async (query) => {
            const t0 = performance.now();
            history.pushState(null, "", location.pathname + query);
            dispatchEvent(new PopStateEvent("popstate"));
            await new Promise((ok) => { const check = () =>
              document.body.dataset.state === "ready" ? ok() : setTimeout(check, 2);
              setTimeout(check, 0); });
            await new Promise((ok) => requestAnimationFrame(() => ok()));
            return performance.now() - t0; }""",
            query,
        )
    return float(ms)


def stats(values: list[float]) -> tuple[float, float, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95, values[-1]


def report(
    title: str,
    times: dict[str, list[float]],
    budget: tuple[str, float] | None,
    before: dict[str, list[float]] | None = None,
) -> bool:
    """Print median/p95/max per change (with ``before``'s median and p95 beside them); False
    when a change is over ``budget`` ("median" or "p95", ms)."""
    was = f"{'before med/p95':>17}" if before else ""
    print(f"\n{title}\n{'filter change':<24}{was}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}")
    ok = True
    for name, values in [*times.items(), ("all changes", [v for vs in times.values() for v in vs])]:
        median, p95, top = stats(values)
        over = budget is not None and {"median": median, "p95": p95}[budget[0]] >= budget[1]
        ok &= not over or name == "all changes"
        if before and (old := before.get(name) or [v for vs in before.values() for v in vs]):
            then = stats(old)
            was = f"{then[0]:>8.1f}/{then[1]:<8.1f}"
        flag = f"  OVER ({budget[0]} budget {budget[1]:.0f} ms)" if over else ""
        print(f"{name:<24}{was}{median:>10.1f}{p95:>9.1f}{top:>9.1f}{flag}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--db",
        default=None,
        help="SQLite file or postgresql:// URL to (re)use [default: bench/out/dashboard-N.db]",
    )
    parser.add_argument("--browser", action="store_true", help="also time it in Chromium")
    parser.add_argument(
        "--cpu", action="store_true", help="only the CPU time of each answer, in this process"
    )
    parser.add_argument("--json", type=Path, help="write the figures here [default: bench/out/]")
    parser.add_argument("--before", type=Path, help="an earlier run's --json, shown beside")
    parser.add_argument(
        "--against",
        type=Path,
        help="another copy of the code (a directory holding its src) to time alternating "
        "with this one, shown beside as 'before'",
    )
    parser.add_argument(
        "--against-db", help="the store --against serves (built by that code; required)"
    )
    args = parser.parse_args()
    if args.against and not args.against_db:
        parser.error("--against needs --against-db: a store that code built")
    out = Path(__file__).parent / "out"
    db = args.db or str(out / f"dashboard-{args.events}.db")
    if "://" not in db:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    before = json.loads(args.before.read_text()) if args.before else {}
    prepare(db, args.events)
    if args.cpu:
        wall: dict[str, list[float]] = {}
        cpu = time_cpu(db, args.rounds, wall)
        report("CPU ms per /api/dashboard answer (in process)", cpu, None, before.get("cpu"))
        report("Wall ms of the same answers (with the database's own work)", wall, None)
        result = {"cpu": cpu, "wall": wall}
        (args.json or out / "dashboard_filter.json").write_text(json.dumps(result, indent=1))
        return
    servers = [serve(db, port := free_port())]
    bases = [f"http://127.0.0.1:{port}"]
    if args.against:
        servers.append(serve(args.against_db, port := free_port(), args.against.resolve() / "src"))
        bases.append(f"http://127.0.0.1:{port}")
    large = args.events > LARGE
    server_budget = ("median", LARGE_MEDIAN_MS) if large else ("p95", SERVER_P95_MS)
    try:
        print(
            f"{args.events} events in {db.split('@')[-1]}; {args.rounds} rounds per change; "
            f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}"
            + (f"; alternating with {args.against} over {args.against_db}" if args.against else "")
        )
        dashboard = time_api(bases, args.rounds, dashboard_requests)
        endpoints = time_api(bases, args.rounds, api_requests)
        results: dict[str, Any] = {"dashboard": dashboard[0], "endpoints": endpoints[0]}
        if args.against:
            before = {"dashboard": dashboard[1], "endpoints": endpoints[1]}
            results["against"] = before
        ok = report(
            "Dashboard: the one request a filter change sends (/api/dashboard)",
            results["dashboard"],
            server_budget,
            before.get("dashboard"),
        )
        report(
            "Public endpoints for the same view (/api/events + /api/map + "
            "/api/stats/timeline at once; for comparison)",
            results["endpoints"],
            None,
            before.get("endpoints"),
        )
        if args.browser:
            if not Path("/usr/bin/chromium").exists():
                sys.exit("--browser needs /usr/bin/chromium (scripts/setup-browser.sh)")
            browser = time_browser(bases, args.rounds)
            results["browser"] = browser[0]
            if args.against:
                before["browser"] = browser[1]
            ok &= report(
                "Browser: from the filter change to map, timeline and list drawn",
                results["browser"],
                None if large else ("p95", BROWSER_P95_MS),
                before.get("browser"),
            )
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        out.mkdir(exist_ok=True)
        (args.json or out / "dashboard_filter.json").write_text(json.dumps(results, indent=1))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
