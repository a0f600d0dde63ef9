"""The alerts page in a real browser (Chromium via Playwright, as test_browser): from a filtered
dashboard, "Save this search" carries the filters over (saying which it cannot keep), saving
with the API token stores it (a wrong token: test_alerts_end_to_end), and the search is listed
with its filters and Atom link.  Skips without /usr/bin/chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from borderwatch.serve.synthetic import fill
from borderwatch.store import Store

from .serving import served
from .test_browser import CHROMIUM, browser, open_dashboard, page  # noqa: F401

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
TOKEN = "browser-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``borderwatch serve`` with an API token over synthetic events."""
    db = tmp_path_factory.mktemp("alerts-browser") / "dashboard.db"
    fill(Store(str(db)), 40, seed=5)
    with served(db, token=TOKEN) as base:
        yield base


def test_save_this_search_from_the_dashboard(page: Any, tmp_path: Path) -> None:  # noqa: F811
    open_dashboard(page, "?type=Battles&place=Arsal&since=2024-01-01")
    page.click("#save-search")
    page.wait_for_selector("#save:not([hidden])")
    shown = page.text_content("#save-filters") or ""
    assert "event type: Battles" in shown and "place: Arsal" in shown and "since" in shown
    page.fill("input[name=name]", "arsal-battles")
    page.fill("input[name=token]", TOKEN)
    page.click("#save-form button")
    page.wait_for_function("() => document.querySelector('#save-result').textContent === 'Saved.'")
    page.wait_for_selector("article.search h3")
    assert page.text_content("article.search h3") == "arsal-battles"
    assert page.get_attribute("article.search a", "href") == "/api/alerts/arsal-battles.atom"
    saved = httpx.get(page.base + "/api/alerts", timeout=10).json()["searches"]
    assert saved[0]["filters"] == {"event_type": "Battles", "place": "Arsal"}
    page.screenshot(path=str(tmp_path / "alerts.png"))
