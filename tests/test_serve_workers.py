"""``borderwatch serve --workers N`` (``serve.processes``): N real processes answer on one
port; a write through any of them is read at once through every other (the shared write clock);
a worker that dies is started again; SIGTERM stops them all.  A real server over a real
SQLite store, fresh connections spread over the workers by the kernel."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from borderwatch.serve.processes import WriteClock
from borderwatch.serve.synthetic import fill
from borderwatch.store import Store

from .serving import served_process

TOKEN = "workers-test-token-of-some-length"
FRESH = 24  # fresh connections per round: the kernel spreads them over the workers


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workers") / "w.db"
    fill(Store(str(path)), 40, seed=11)
    return path


def workers_of(pid: int) -> list[int]:
    """The server's worker processes (its children), from /proc."""
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def fresh_gets(url: str) -> list[httpx.Response]:
    """``url`` asked ``FRESH`` times, each on a new connection (so over several workers)."""
    return [httpx.get(url, timeout=30) for _ in range(FRESH)]


def test_a_write_through_one_worker_is_read_at_once_through_every_other(db: Path) -> None:
    with served_process(db, token=TOKEN, workers=2) as (base, process):
        assert len(workers_of(process.pid)) == 2
        event_id = httpx.get(f"{base}/api/events?limit=1").json()["events"][0]["event_id"]
        url = f"{base}/api/events/{event_id}"
        before = {r.json()["fatalities"] for r in fresh_gets(url)}  # kept by both workers
        assert len(before) == 1
        fatalities = before.pop()
        edit = {"action": "edit", "set": {"fatalities": fatalities + 7}, "by": "ann"}
        auth = {"Authorization": f"Bearer {TOKEN}"}
        done = httpx.post(f"{url}/review", headers=auth, json=edit, timeout=30)
        assert done.status_code == 200, done.text
        after = [r.json()["fatalities"] for r in fresh_gets(url)]
        assert after == [fatalities + 7] * FRESH


def test_a_worker_that_dies_is_started_again_and_sigterm_stops_all(db: Path) -> None:
    with served_process(db, workers=2) as (base, process):
        first = workers_of(process.pid)
        os.kill(first[0], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while (now := workers_of(process.pid)) == first or len(now) < 2:
            assert time.monotonic() < deadline, now
            time.sleep(0.1)
        assert first[1] in now and first[0] not in now
        assert all(r.status_code == 200 for r in fresh_gets(f"{base}/api/meta"))
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        for pid in now:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)


def test_serve_refuses_a_port_in_use_with_one_line(db: Path) -> None:
    with served_process(db, workers=2) as (base, _):
        port = base.rsplit(":", 1)[1]
        command = ["serve", "--db", str(db), "--port", port, "--workers", "2"]
        done = subprocess.run(
            [sys.executable, "-m", "borderwatch.cli", *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode != 0
    assert f"127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr


def test_the_write_clock_is_shared_by_processes_forked_after_it() -> None:
    shared, own = WriteClock(shared=True), WriteClock()
    pid = os.fork()
    if pid == 0:
        shared.mark()
        own.mark()
        os._exit(0)
    os.waitpid(pid, 0)
    assert shared.last() > float("-inf")  # the child's write is seen here
    assert own.last() == float("-inf")  # a process's own clock is its own
    earlier = shared.last()
    assert shared.mark() >= earlier and shared.last() >= earlier
