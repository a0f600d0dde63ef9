"""The API against its own OpenAPI document, as a strict client sees it.

Fills a fresh SQLite store with synthetic events, serves it with ``borderwatch serve`` (a real
server, a write token set), and runs ``schemathesis run --checks all`` over every operation with
the project's ``schemathesis.toml``: examples, coverage, fuzzing and the stateful phase that
follows the schema's links.  Prints schemathesis's report and exits with its status (0: no
failure on any operation).

    PYTHONPATH=src python bench/api_contract.py                  # 200 examples per operation
    PYTHONPATH=src python bench/api_contract.py --examples 20    # the suite's short run
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from borderwatch.serve.synthetic import fill
from borderwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "contract-token-0123456789"
START_TIMEOUT = 90.0  # seconds for the server to answer (it loads no model before a request)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``borderwatch serve`` over ``db`` with writes on; returns once it answers."""
    env = {**os.environ, "BORDERWATCH_API_TOKEN": TOKEN}
    command = [sys.executable, "-m", "borderwatch.cli", "serve", "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    err = process.stderr.read().decode() if process.stderr else ""
    raise SystemExit(f"borderwatch serve did not start: {err}")


def run_schemathesis(base: str, examples: int, seed: int) -> int:
    schemathesis = Path(sys.executable).parent / "schemathesis"
    command = [
        str(schemathesis) if schemathesis.exists() else "schemathesis",
        "--config-file",
        str(ROOT / "schemathesis.toml"),
        "run",
        f"{base}/openapi.json",
        "--checks",
        "all",
        "--workers",
        "1",
        "--max-examples",
        str(examples),
        "--seed",
        str(seed),
        "--generation-database",
        "none",  # no examples replayed from an earlier run: a seed means one run
        "--header",
        f"Authorization: Bearer {TOKEN}",
    ]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="examples per operation")
    parser.add_argument("--events", type=int, default=300, help="synthetic events stored")
    parser.add_argument("--seed", type=int, default=1, help="schemathesis's seed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "contract.db"
        fill(Store(str(db)), args.events, seed=5)
        port = free_port()
        server = serve(db, port)
        try:
            return run_schemathesis(f"http://127.0.0.1:{port}", args.examples, args.seed)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main())
