"""How fast the dashboard answers a filter change, over 10,000 generated events.

A filter change in the dashboard sends one request, ``/api/dashboard``, which answers with the
event list's first page, the map's points and the timeline from one pass over the events.  This
script fills a SQLite database with synthetic events (``borderwatch.serve.synthetic``), starts
``borderwatch serve`` on 127.0.0.1, replays a set of filter changes the way the dashboard sends
them and reports the wall time until they are answered (and, for comparison, the same view from
the three public endpoints fetched at once).  With ``--browser`` it also times the whole change
in Chromium (the request plus drawing the map, timeline and list).

    python bench/dashboard_filter.py                 # 10,000 events, 7 rounds per change
    python bench/dashboard_filter.py --browser       # also in a real browser (/usr/bin/chromium)

Exit status 1 when a change's median is over the budget (200 ms).
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
from urllib.parse import urlencode

import httpx

from borderwatch.serve.synthetic import fill
from borderwatch.store import Store

BUDGET_MS = 200.0
PAGE = 50
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


def dashboard_requests(filters: dict[str, str]) -> list[str]:
    """What the dashboard fetches for these filters (see static/js/main.js): one request."""
    view = {**filters, "limit": PAGE, "offset": 0, "sort": "-date", "interval": "month"}
    return [f"/api/dashboard?{urlencode(view)}"]


def api_requests(filters: dict[str, str]) -> list[str]:
    """The same view from the public endpoints, fetched at once: list page, map, timeline."""
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


def prepare(db: Path, n: int) -> None:
    store = Store(str(db))
    with store.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
    if have != n:
        if have:
            sys.exit(f"{db} holds {have} events, not {n}; remove it or pick another --db")
        started = time.perf_counter()
        fill(store, n)
        print(f"generated {n} events in {time.perf_counter() - started:.1f} s -> {db}")
    store.engine.dispose()


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "borderwatch.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
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
    base: str, rounds: int, requests: Callable[[dict[str, str]], list[str]]
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client, ThreadPoolExecutor(3) as pool:

        def get(url: str) -> int:
            response = client.get(url)
            response.raise_for_status()
            return len(response.content)

        for name, filters in CHANGES.items():
            urls = requests(filters)
            list(pool.map(get, urls))  # warm-up
            times[name] = []
            for _ in range(rounds):
                started = time.perf_counter()
                list(pool.map(get, urls))
                times[name].append((time.perf_counter() - started) * 1000)
    return times


def time_browser(base: str, rounds: int) -> dict[str, list[float]]:
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
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            profile,
            executable_path="/usr/bin/chromium",
            args=args,
            headless=True,
            viewport={"width": 1366, "height": 800},
        )
        page = browser.new_page()
        page.goto(base + "/")
        page.wait_for_selector("body[data-state=ready]", timeout=60_000)
        for name, filters in CHANGES.items():
            times[name] = []
            for i in range(rounds + 1):
                # Alternate with an empty query so every round is a real change.
                for query in ("?sort=date" if i % 2 else "", "?" + urlencode(filters)):
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
                if i:  # the first round warms up
                    times[name].append(ms)
        browser.close()
    return times


def report(title: str, times: dict[str, list[float]], budget: bool = True) -> bool:
    print(f"\n{title}\n{'filter change':<24}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}")
    ok = True
    for name, values in times.items():
        values = sorted(values)
        median = statistics.median(values)
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        ok &= median < BUDGET_MS or not budget
        flag = "" if median < BUDGET_MS or not budget else "  OVER BUDGET"
        print(f"{name:<24}{median:>10.1f}{p95:>9.1f}{values[-1]:>9.1f}{flag}")
    every = sorted(v for values in times.values() for v in values)
    print(
        f"{'all changes':<24}{statistics.median(every):>10.1f}"
        f"{every[round(0.95 * (len(every) - 1))]:>9.1f}{every[-1]:>9.1f}"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="SQLite file to (re)use [default: bench/out/dashboard-N.db]",
    )
    parser.add_argument("--browser", action="store_true", help="also time it in Chromium")
    args = parser.parse_args()
    db = args.db or Path(__file__).parent / "out" / f"dashboard-{args.events}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    prepare(db, args.events)
    port = free_port()
    server = serve(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        print(
            f"{args.events} events; {args.rounds} rounds per change; budget {BUDGET_MS:.0f} ms; "
            f"{os.cpu_count()} CPUs"
        )
        results = {
            "dashboard": time_api(base, args.rounds, dashboard_requests),
            "endpoints": time_api(base, args.rounds, api_requests),
        }
        ok = report(
            "Dashboard: the one request a filter change sends (/api/dashboard)",
            results["dashboard"],
        )
        report(
            "Public endpoints for the same view (/api/events + /api/map + "
            "/api/stats/timeline at once; for comparison)",
            results["endpoints"],
            budget=False,
        )
        if args.browser:
            if not Path("/usr/bin/chromium").exists():
                sys.exit("--browser needs /usr/bin/chromium (scripts/setup-browser.sh)")
            results["browser"] = time_browser(base, args.rounds)
            ok &= report(
                "Browser: from the filter change to map, timeline and list drawn",
                results["browser"],
            )
        (db.parent / "dashboard_filter.json").write_text(json.dumps(results, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=10)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
