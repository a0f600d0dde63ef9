"""The load bench's short version: a few clients against a real server over a small store while
a real ``borderwatch ingest`` writes; no request may fail or get a 5xx (a 503 with Retry-After
is the server's way to say "retry" while the writer holds the database, and is retried)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_clients_get_answers_while_an_ingest_writes(tmp_path: Path) -> None:
    figures = tmp_path / "load.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [
        sys.executable,
        str(ROOT / "bench" / "load.py"),
        *("--events", "300", "--clients", "4", "--seconds", "20"),
        *("--db", str(tmp_path / "load.db"), "--json", str(figures)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    found = json.loads(figures.read_text())
    assert found["errors"] == 0
    assert all(
        found["per_kind"][kind] for kind in ("dashboard", "events", "event", "export", "atom")
    )
    assert any("exit 0" in line for line in found["writer"]), found["writer"]
    assert found["memory_mb"] and max(found["memory_mb"]) > 0


def test_request_cpu_measures_each_kind_kept_computed_and_after_a_write(tmp_path: Path) -> None:
    """``bench/request_cpu.py``'s short version: every kind in every mode gets a figure, and
    the write of its ``written`` mode reaches the store (the events counter moves)."""
    figures = tmp_path / "cpu.json"
    db = tmp_path / "cpu.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [
        sys.executable,
        str(ROOT / "bench" / "request_cpu.py"),
        *("--events", "300", "--requests", "10", "--clients", "2", "--kinds", "event,export"),
        *("--db", str(db), "--json", str(figures)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    found = json.loads(figures.read_text())
    modes = ("kept", "computed", "written")
    assert set(found) == {f"{kind} {mode}" for kind in ("event", "export") for mode in modes}
    assert all(v["cpu_ms"] >= 0 and v["wall_ms"] > 0 for v in found.values())
    with sqlite3.connect(db) as conn:
        logged = conn.execute("SELECT count(*) FROM event_changes WHERE event_id != '*'")
        assert logged.fetchone()[0] >= 1  # the written mode's change, logged by migration 0020
