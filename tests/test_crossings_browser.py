"""The Crossings page in a real browser (Debian's Chromium via Playwright) against a real
``borderwatch serve`` over a database of invented crossing reports ingested by the pipeline:
the table's status badges and the map's markers agree with the API, and a crossing's status
timeline shows each claim's evidence sentence on click."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from borderwatch.pipeline import Pipeline
from borderwatch.store import Store

from .serving import served
from .test_browser import ARTIFACTS, CHROMIUM, browser, page  # noqa: F401  (the fixtures)
from .test_crossing_board import ingest

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium: run scripts/setup-browser.sh"
)
AT = "2024-10-08"


@pytest.fixture(scope="module")
def server(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("crossings-browser") / "board.db"
    ingest(pipeline, Store(str(db)))
    with served(db, ready="/api/crossings") as base:
        yield base


def test_crossings_page_shows_board_map_and_timeline(page: Any) -> None:  # noqa: F811
    board = httpx.get(page.base + "/api/crossings", params={"at": AT}, timeout=30).json()
    rows = board["crossings"]
    page.goto(f"{page.base}/crossings?at={AT}")
    page.wait_for_function(
        "(n) => document.querySelectorAll('#board tbody tr').length === n", arg=len(rows)
    )
    shown = page.eval_on_selector_all(
        "#board tbody tr",
        "trs => trs.map(t => [t.dataset.id, t.querySelector('.badge').dataset.status])",
    )
    assert shown == [[r["id"], r["status"]] for r in rows]
    assert dict(shown)["masnaa"] == "disputed"  # two reports disagree on 8 October
    # every crossing with a point is on the map, coloured by its status
    placed = [r for r in rows if r["latitude"] is not None]
    page.wait_for_function(
        "(n) => document.querySelectorAll('path.crossing-marker').length === n", arg=len(placed)
    )
    for status in {r["status"] for r in placed}:
        count = sum(1 for r in placed if r["status"] == status)
        assert page.locator(f"path.status-{status}").count() == count
    # markers are drawn above the country outlines, so they can be seen and clicked
    on_top = page.eval_on_selector_all(
        "path.crossing-marker",
        "ps => ps.filter(p => { const r = p.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === p; }).length",
    )
    assert on_top >= len(placed) - 2  # neighbours 1-3 km apart may overlap at this zoom
    # the border outlines are drawn too
    page.wait_for_function("() => document.querySelectorAll('#crossing-map path').length > 12")
    # one crossing's timeline: a button per claim; a click shows its evidence sentence
    history = httpx.get(page.base + "/api/crossings/masnaa", params={"at": AT}, timeout=30).json()
    page.click("#board tbody tr[data-id=masnaa] button")
    page.wait_for_function(
        "(n) => document.querySelectorAll('#claim-timeline button').length === n",
        arg=len(history["claims"]),
    )
    oldest = history["claims"][-1]
    page.click("#claim-timeline li:first-child button")
    assert page.inner_text("#evidence blockquote") == oldest["sentence"]
    assert page.locator("#detail-events li a").count() == min(20, len(history["events"]))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "crossings.png"), full_page=True)


def test_the_date_changes_the_board(page: Any) -> None:  # noqa: F811
    page.goto(f"{page.base}/crossings?at={AT}")
    page.wait_for_selector("#board tbody tr[data-id=masnaa] .badge[data-status=disputed]")
    page.fill("#at", "2024-09-29")
    page.click("#board-date button[type=submit]")
    page.wait_for_selector("#board tbody tr[data-id=masnaa] .badge[data-status=unknown]")
    assert "at=2024-09-29" in page.url
    assert set(page.eval_on_selector_all("#board .badge", "b => b.map(x => x.dataset.status)")) == {
        "unknown"
    }
