"""A real ``borderwatch serve`` for the tests that need one (browser, host checks): started on a
free loopback port over a database, waited for, and stopped afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

START_TIMEOUT = 90.0  # seconds: the first start may compile the region data's caches


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db: str | Path, *, token: str | None = None, ready: str = "/api/meta") -> Iterator[str]:
    """``borderwatch serve --db DB`` (with ``token`` as its API token); yields its base URL once
    ``ready`` answers 200, and fails the test with the server's stderr if it never does."""
    with served_process(db, token=token, ready=ready) as (base, _):
        yield base


@contextmanager
def served_process(
    db: str | Path, *, token: str | None = None, ready: str = "/api/meta", workers: int = 1
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``served`` with ``workers`` processes (``serve --workers``), yielding the base URL and
    the server's process."""
    env = {**os.environ, **({"BORDERWATCH_API_TOKEN": token} if token else {})}
    port = free_port()
    command = [sys.executable, "-m", "borderwatch.cli", "serve", "--db", str(db)]
    command += ["--workers", str(workers)] if workers > 1 else []
    process = subprocess.Popen(
        [*command, "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(base + ready):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            err = process.stderr.read().decode() if process.stderr else ""
            pytest.fail(f"borderwatch serve did not start: {err}")
        time.sleep(0.2)
    try:
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False
