"""The dashboard's scope filter in a real browser (issue 24, item 2): Debian's Chromium driven
by Playwright against a real ``borderwatch serve`` over a SQLite database filled by the real
``borderwatch ingest`` with one ACLED-scope and one border-scope event.  Choosing "Border
business only" lists exactly what ``/api/events?scope=border`` answers, and the choice is kept in
the URL.  Skips only when /usr/bin/chromium is missing (scripts/setup-browser.sh installs it).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import borderwatch_command
from .serving import served
from .test_scope_border import STORY

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium: run scripts/setup-browser.sh"
)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
# Every event, whatever its confidence: the two ingested events are what is compared.
ALL = {"min_confidence": "0"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("scope-browser")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    db = folder / "scope.db"
    done = subprocess.run(
        [*borderwatch_command(), "ingest", str(folder / "story.txt"), "--db", str(db),
         "--published", "2024-05-20"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with served(db) as base:
        yield base


@pytest.fixture()
def page(server: str) -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as profile, playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        tab = context.new_page()
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.base = server
        yield tab
        context.close()
    assert not errors, f"errors in the page: {errors}"


def _ids(base: str, **params: str) -> list[str]:
    response = httpx.get(base + "/api/events", params={**ALL, **params}, timeout=30)
    response.raise_for_status()
    return [e["event_id"] for e in response.json()["events"]]


def _wait_ready(page: Any, url_part: str) -> None:
    page.wait_for_function(
        "(part) => document.body.dataset.state === 'ready' && location.search.includes(part)",
        arg=url_part,
    )


def _listed(page: Any) -> list[str]:
    return page.eval_on_selector_all(".event-row", "rows => rows.map(r => r.dataset.eventId)")


def test_the_scope_filter_lists_border_business_only(page: Any) -> None:
    border, acled = _ids(page.base, scope="border"), _ids(page.base, scope="acled")
    assert len(border) == 1 and len(acled) == 1
    page.goto(page.base + "/?min_confidence=0")
    page.wait_for_selector("body[data-state=ready]")
    assert sorted(_listed(page)) == sorted(border + acled)
    page.select_option("select[name=scope]", "border")
    _wait_ready(page, "scope=border")
    assert _listed(page) == border
    page.select_option("select[name=scope]", "acled")
    _wait_ready(page, "scope=acled")
    assert _listed(page) == acled
    page.goto(page.base + "/?min_confidence=0&scope=border")  # a shared URL keeps the scope
    page.wait_for_selector("body[data-state=ready]")
    assert page.input_value("select[name=scope]") == "border"
    assert _listed(page) == border
