"""Reviewing in a real browser (Chromium via Playwright, a real ``borderwatch serve``): edit a
field in the event panel, reload, see the correction and the machine's value; confirm from the
Review page's queue with the keyboard.  (A wrong token is refused: ``test_review``'s API test.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from borderwatch.serve.synthetic import fill
from borderwatch.store import Store

from . import test_browser
from .serving import served
from .test_browser import CHROMIUM, open_dashboard

browser = test_browser.browser  # the shared fixtures: one Chromium, tabs kept to 127.0.0.1
page = test_browser.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
TOKEN = "browser-review-token-long-enough"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("review-browser") / "dashboard.db"
    fill(Store(str(db)), 40, seed=5)
    with served(db, token=TOKEN) as base:
        yield base


def test_edit_a_field_reload_and_see_it(page: Any) -> None:
    open_dashboard(page, "?min_confidence=0")
    row = page.locator(".event-row").first
    event_id = row.get_attribute("data-event-id")
    row.click()
    page.wait_for_selector("#review-edit")
    machine = httpx.get(f"{page.base}/api/events/{event_id}").json()
    page.select_option("#review-field", "fatalities")
    shown = page.inner_text("#review-machine")
    assert shown == f"Machine's value: {json.dumps(machine['fatalities'])}"
    assert page.inner_text("#review-sentence")  # the sentence the value came from
    page.fill("#review-token", TOKEN)
    page.fill("#review-value", "42")
    page.fill("#review-note", "per the hospital")
    page.click("#review-save")
    page.wait_for_function(
        "() => (document.querySelector('#review-status') || {}).textContent?.includes('edited')"
    )
    page.reload()
    page.wait_for_selector("#detail:not([hidden]) #review-status")
    assert "Review: edited" in page.inner_text("#review-status")
    facts = page.inner_text("#detail .facts")
    assert "42" in facts and "reviewed" in facts
    fields = page.inner_text("#detail .review-fields")
    assert f"fatalities: 42 (machine: {json.dumps(machine['fatalities'])})" in fields
    badge = page.locator(f'.event-row[data-event-id="{event_id}"] .badge')
    assert badge.inner_text() == "edited"


def test_confirm_from_the_queue_with_the_keyboard(page: Any) -> None:
    page.goto(page.base + "/review")
    page.wait_for_selector("body[data-state=ready]")
    first = page.locator("#queue tr").first.get_attribute("data-event-id")
    page.fill("#review-token", TOKEN)
    page.locator("h2").click()  # keys go to the page, not the token field
    page.keyboard.press("c")
    page.wait_for_function(
        "(id) => document.querySelector('#review-result').textContent === id + ': confirmed'",
        arg=first,
    )
    assert first not in page.eval_on_selector_all(
        "#queue tr", "rs => rs.map(r => r.dataset.eventId)"
    )
    event = httpx.get(f"{page.base}/api/events/{first}").json()
    assert event["review"]["status"] == "confirmed" and event["confidence"] == "reviewed"


def test_merge_another_event_from_the_panel(page: Any) -> None:
    open_dashboard(page, "?min_confidence=0&sort=location")
    ids = page.eval_on_selector_all(".event-row", "rows => rows.map(r => r.dataset.eventId)")
    keep, other = ids[2], ids[3]
    before = httpx.get(f"{page.base}/api/events/{keep}").json()["sources"]
    added = httpx.get(f"{page.base}/api/events/{other}").json()["sources"]
    page.locator(f'.event-row[data-event-id="{keep}"]').click()
    page.wait_for_selector("#review-merge")
    page.fill("#review-token", TOKEN)
    page.fill("#review-other", other)
    page.click("#review-merge button")
    page.wait_for_function(
        "(n) => document.querySelectorAll('#detail .sources > li').length === n",
        arg=len(before) + len(added),
    )
    merged = httpx.get(f"{page.base}/api/events/{other}").json()
    assert merged["event_id"] == keep
    page.reload()
    page.wait_for_selector("body[data-state=ready]")
    after = page.eval_on_selector_all(".event-row", "rows => rows.map(r => r.dataset.eventId)")
    assert other not in after and keep in after
