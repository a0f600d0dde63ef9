"""`borderwatch ingest` streams its inputs: documents are committed as they are read, so a crash
while a later input is being fetched keeps what was committed (and a large directory is never
held in memory whole).  The real CLI, killed while it waits on a page from a local server."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
from pathlib import Path

from .conftest import borderwatch_command
from .test_ingest_url import DEMO, LocalSite, Page, site  # noqa: F401

# More than one commit group (pipeline.INGEST_BATCH is 16).
FILES = sorted(DEMO.glob("*.txt"))[:17]


def test_a_crash_while_fetching_keeps_what_was_committed(
    cli_env: dict[str, str],
    tmp_path: Path,
    site: LocalSite,  # noqa: F811
) -> None:
    reached, hold = threading.Event(), threading.Event()
    site.pages["/slow"] = Page(b"never sent", content_type="text/plain", reached=reached, hold=hold)
    args = ["ingest", *map(str, FILES), site.url("/slow"), "--allow-private"]
    process = subprocess.Popen(
        borderwatch_command() + args,
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert reached.wait(240), "the CLI never asked for the page"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        hold.set()
    with sqlite3.connect(cli_env["BORDERWATCH_DB"]) as db:
        (stored,) = db.execute("SELECT count(*) FROM documents").fetchone()
    assert stored >= 16  # the first group was committed before the URL was read
