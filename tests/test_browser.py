"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a real
``borderwatch serve`` (uvicorn on 127.0.0.1) over a real SQLite database of synthetic events.

Checks that markers, the timeline and the detail panel show the right events, that filters and
the timeline brush change the map and the list, that URLs restore a view, that the page works
from the keyboard and on a phone-sized screen, and that it never reaches past 127.0.0.1.  Saves
screenshots under tests/artifacts/.  Skips only when /usr/bin/chromium is missing
(scripts/setup-browser.sh installs it).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from borderwatch.acled import INTER_NAMES
from borderwatch.serve.synthetic import bulk_fill, fill
from borderwatch.store import Store, map_cells

from .serving import served

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium: run scripts/setup-browser.sh"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
N_EVENTS = 160
# More located events than the map shows as points (map_cells.FEW_POINTS at confidence >= 0.5):
# the map draws cells with counts.
BIG_EVENTS = 2_000
# Page scripts are passed as functions, never as strings to evaluate: the page's Content
# Security Policy forbids eval.
# What the dashboard shows by default: events of confidence 0.5 or more (the API's own answers
# filter nothing unless asked).
SHOWN = {"min_confidence": 0.5}
MARKERS_JS = """(n) => [...document.querySelectorAll('.event-cluster b')]
    .reduce((sum, b) => sum + Number(b.textContent), 0)
    + document.querySelectorAll('.event-marker').length === n"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "dashboard.db"
    fill(Store(str(db)), N_EVENTS, seed=11)
    with served(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with tempfile.TemporaryDirectory() as profile, playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport={"width": 1366, "height": 800},
        )
        yield context
        context.close()


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser-big") / "dashboard.db"
    bulk_fill(Store(str(db)), BIG_EVENTS, seed=12, workers=1)
    with served(db) as base:
        yield base


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh tab that may talk only to the test server; errors in the page fail the test."""
    yield from _tab(browser, server)


@pytest.fixture()
def big_page(browser: Any, big_server: str) -> Iterator[Any]:
    yield from _tab(browser, big_server)


def _tab(browser: Any, server: str) -> Iterator[Any]:
    outside: list[str] = []
    errors: list[str] = []
    tab = browser.new_page()

    def only_local(route: Any) -> None:
        if urlsplit(route.request.url).hostname in (
            "127.0.0.1",
            None,
        ) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_local)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.base = server
    yield tab
    tab.close()
    assert not outside, f"the page tried to reach past 127.0.0.1: {outside}"
    assert not errors, f"errors in the page: {errors}"


def api(page: Any, path: str, **params: Any) -> Any:
    response = httpx.get(page.base + path, params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def open_dashboard(page: Any, query: str = "") -> None:
    page.goto(page.base + "/" + query)
    page.wait_for_selector("body[data-state=ready]")


def wait_ready(page: Any, url_part: str) -> None:
    page.wait_for_function(
        "(part) => document.body.dataset.state === 'ready' && location.search.includes(part)",
        arg=url_part,
    )


def markers_show(page: Any, n: int) -> None:
    """Wait until the clusters and single markers on the map add up to ``n`` events."""
    page.wait_for_function(MARKERS_JS, arg=n, timeout=10_000)


def list_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(".event-row", "rows => rows.map(r => r.dataset.eventId)")


def test_dashboard_shows_every_event_on_map_list_and_timeline(page: Any) -> None:
    open_dashboard(page)
    first = api(page, "/api/events", limit=50, **SHOWN)
    assert page.inner_text("#summary") == f"{first['total']} events match"
    assert list_ids(page) == [e["event_id"] for e in first["events"]]
    markers_show(page, first["total"])
    # The country outlines and the border line are drawn (no tile server).
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() >= 3
    # The timeline: hover a bar and read the bucket's counts back.
    timeline = api(page, "/api/stats/timeline", interval="month", **SHOWN)
    busiest = max(timeline["buckets"], key=lambda b: b["count"])
    page.wait_for_selector("#timeline .u-over")
    box = page.locator("#timeline .u-over").bounding_box()
    found = False
    for step in range(0, int(box["width"]), 3):
        page.mouse.move(box["x"] + step, box["y"] + box["height"] - 5)
        text = page.inner_text("#timeline-readout")
        if text.startswith(f"month of {busiest['start']}"):
            assert f"{busiest['count']} events" in text
            found = True
            break
    assert found, "hovering the timeline never showed the busiest month"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))


def test_the_maps_cells_count_the_events_they_stand_for(big_page: Any) -> None:
    """Above FEW_POINTS located events the map draws cells: the clusters' numbers add up to
    every located event, and each cell marker (zoomed in until some stand alone) says how many
    events of each type it stands for, as the API counts them."""
    page = big_page
    open_dashboard(page)
    points = api(page, "/api/map", **SHOWN)
    assert points["n"] > map_cells.FEW_POINTS
    found = api(page, "/api/dashboard", limit=1, **SHOWN)["map"]
    cells, names = found["cells"], found["values"]["event_type"]
    assert found["located"] == points["n"] == sum(cells["count"])
    markers_show(page, points["n"])
    expect = {
        (cells["count"][i], tuple(sorted((names[t], n) for t, n in cells["types"][i])))
        for i in range(cells["n"])
    }
    titled = ".leaflet-marker-icon.event-cluster[title]"
    for _ in range(6):  # a click on a cluster zooms in on it
        if page.locator(titled).count():
            break
        page.locator(".event-cluster").first.click()
        page.wait_for_timeout(400)
    titles = page.eval_on_selector_all(titled, "els => els.map((e) => e.title)")
    assert titles
    for title in titles:
        count, _, parts = title.partition(" events here: ")
        by_type = tuple(
            sorted(
                (kind, int(n))
                for n, kind in (p.split(" ", 1) for p in parts.split("; ")[0].split(", "))
            )
        )
        assert (int(count), by_type) in expect, title


def go(page: Any, query: str) -> None:
    """Show the view of ``query`` as the back button would (the URL, then popstate), and wait
    until it is drawn."""
    page.evaluate(
        """(query) => { history.pushState(null, "", location.pathname + query);
        dispatchEvent(new PopStateEvent("popstate")); }""",
        query,
    )
    wait_ready(page, query[1:] if query else "")
    page.wait_for_function("(q) => location.search === q", arg=query)


MARK_JS = """() => { for (const e of document.querySelectorAll('#map .leaflet-marker-icon'))
    e.dataset.kept = '1'; document.querySelector('#timeline .uplot').dataset.kept = '1'; }"""
KEPT_JS = """() => [document.querySelectorAll('#map .leaflet-marker-icon[data-kept]').length,
    document.querySelectorAll('#map .leaflet-marker-icon').length,
    document.querySelectorAll('#timeline .uplot[data-kept]').length]"""


def test_a_change_draws_only_what_changed(big_page: Any) -> None:
    """A filter change that leaves the map's cells and the timeline's bars as they were (every
    stored event has a source: at least one source selects them all) keeps every marker and
    the plot on the page; one that changes the bars but not their types sets them in the same
    plot; one that changes the cells draws the new ones (their clusters still add up to every
    located event)."""
    page = big_page
    open_dashboard(page)
    everything = api(page, "/api/events", limit=1, **SHOWN)["total"]
    assert api(page, "/api/events", limit=1, min_sources=1, **SHOWN)["total"] == everything
    markers_show(page, everything)
    page.evaluate(MARK_JS)
    kept, shown, plots = page.evaluate(KEPT_JS)
    assert shown > 0
    go(page, "?min_sources=1")
    assert page.evaluate(KEPT_JS) == [shown, shown, 1]
    syria = api(page, "/api/stats/timeline", interval="month", country="Syria", **SHOWN)
    every = api(page, "/api/stats/timeline", interval="month", **SHOWN)
    assert sorted(syria["types"]) == sorted(every["types"]) and syria != every
    go(page, "?country=Syria")
    assert page.evaluate(KEPT_JS)[2] == 1  # the same plot, new bars:
    busiest = max(syria["buckets"], key=lambda b: b["count"])
    box = page.locator("#timeline .u-over").bounding_box()
    for step in range(0, int(box["width"]), 3):
        page.mouse.move(box["x"] + step, box["y"] + box["height"] - 5)
        if page.inner_text("#timeline-readout").startswith(f"month of {busiest['start']}"):
            assert f"{busiest['count']} events" in page.inner_text("#timeline-readout")
            break
    else:
        raise AssertionError("hovering the timeline never showed the busiest month")
    go(page, "?type=Battles")
    battles = api(page, "/api/events", type="Battles", limit=1, **SHOWN)["total"]
    assert page.inner_text("#summary") == f"{battles} events match"
    markers_show(page, battles)
    kept, shown, plots = page.evaluate(KEPT_JS)
    assert kept < shown  # new cells drawn


def test_a_filter_changes_the_map_and_the_list(page: Any) -> None:
    open_dashboard(page)
    page.select_option("select[name=type]", "Battles")
    wait_ready(page, "type=Battles")
    battles = api(page, "/api/events", type="Battles", limit=50, **SHOWN)
    assert page.inner_text("#summary") == f"{battles['total']} events match"
    assert list_ids(page) == [e["event_id"] for e in battles["events"]]
    markers_show(page, battles["total"])
    types = page.eval_on_selector_all(".event-row .muted", "els => els.map(e => e.textContent)")
    assert set(types) == {"Battles"}
    page.check("input[name=tag][value=smuggling]")
    wait_ready(page, "tag=smuggling")
    both = api(page, "/api/events", type="Battles", tag="smuggling", limit=50, **SHOWN)
    assert list_ids(page) == [e["event_id"] for e in both["events"]]
    markers_show(page, both["total"])
    page.fill("input[name=q]", "arsal")
    wait_ready(page, "q=arsal")
    assert list_ids(page) == [
        e["event_id"]
        for e in api(
            page, "/api/events", type="Battles", tag="smuggling", q="arsal", limit=50, **SHOWN
        )["events"]
    ]
    page.click("#reset")
    wait_ready(page, "")
    markers_show(page, api(page, "/api/events", limit=1, **SHOWN)["total"])


def test_the_timeline_brush_filters_map_and_list(page: Any) -> None:
    open_dashboard(page)
    page.wait_for_selector("#timeline .u-over")
    box = page.locator("#timeline .u-over").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.30, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.55, y, steps=8)
    page.mouse.up()
    wait_ready(page, "until=")
    query = dict(p.split("=") for p in page.evaluate("location.search")[1:].split("&"))
    chosen = api(page, "/api/events", since=query["since"], until=query["until"], limit=50, **SHOWN)
    assert 0 < chosen["total"] < api(page, "/api/events", limit=1, **SHOWN)["total"]
    assert page.inner_text("#summary") == f"{chosen['total']} events match"
    assert list_ids(page) == [e["event_id"] for e in chosen["events"]]
    assert page.input_value("input[name=since]") == query["since"]
    markers_show(page, chosen["total"])
    page.click("#clear-dates")
    page.wait_for_function(
        "() => document.body.dataset.state === 'ready' && !location.search.includes('since')"
    )


def test_low_confidence_events_are_hidden_until_show_all(page: Any) -> None:
    everything = api(page, "/api/events", limit=50)
    shown = api(page, "/api/events", limit=50, **SHOWN)
    assert 0 < shown["total"] < everything["total"]  # the API itself hides nothing by default
    open_dashboard(page)
    assert page.inner_text("#summary") == f"{shown['total']} events match"
    assert list_ids(page) == [e["event_id"] for e in shown["events"]]
    assert page.input_value("input[name=min_confidence]") == "0.5"
    assert "confidence ≥ 0.50" in page.inner_text("#confidence-note")
    assert "min_confidence=0.5" in page.get_attribute("#export-csv", "href")
    markers_show(page, shown["total"])
    page.click("#show-all-confidence")
    wait_ready(page, "min_confidence=0")
    assert page.inner_text("#summary") == f"{everything['total']} events match"
    assert list_ids(page) == [e["event_id"] for e in everything["events"]]
    assert page.input_value("input[name=min_confidence]") == "0"
    markers_show(page, everything["total"])
    page.click("#hide-low-confidence")
    page.wait_for_function(
        "() => document.body.dataset.state === 'ready' && !location.search.includes('confidence')"
    )
    assert page.inner_text("#summary") == f"{shown['total']} events match"


def test_detail_panel_shows_fields_with_evidence_and_sources(page: Any) -> None:
    open_dashboard(page, "?min_sources=3")
    row = page.locator(".event-row").first
    event_id = row.get_attribute("data-event-id")
    row.click()
    page.wait_for_selector("#detail:not([hidden]) .evidence")
    event = api(page, f"/api/events/{event_id}")
    assert f"event={event_id}" in page.url
    assert page.inner_text("#detail-title") == f"{event['sub_event_type']} — {event['location']}"
    marks = page.eval_on_selector_all("#detail .evidence mark", "ms => ms.map(m => m.textContent)")
    assert event["location"] in marks and event["actor1"] in marks
    sources = page.inner_text("#detail .sources")
    for source in event["sources"]:
        assert source["outlet"] in sources and source["published"] in sources
    assert "according to officials" in sources
    assert page.locator("#detail .claims").count() == 1  # the third report disagrees
    assert page.locator(".event-marker.selected").count() == 1
    page.keyboard.press("Escape")
    page.wait_for_selector("#detail", state="hidden")
    assert "event=" not in page.url


def test_a_shared_url_restores_the_view(page: Any) -> None:
    riots = api(page, "/api/events", type="Riots", country="Syria", limit=1)["events"]
    assert riots
    event_id = riots[0]["event_id"]
    open_dashboard(page, f"?type=Riots&country=Syria&sort=-fatalities&event={event_id}")
    page.wait_for_selector("#detail:not([hidden]) .facts")
    assert page.input_value("select[name=type]") == "Riots"
    assert page.input_value("select[name=country]") == "Syria"
    assert page.input_value("#sort") == "-fatalities"
    assert event_id in page.inner_text("#detail")
    total = api(page, "/api/events", type="Riots", country="Syria", limit=1, **SHOWN)["total"]
    assert page.inner_text("#summary") == f"{total} events match"


def test_keyboard_only(page: Any) -> None:
    open_dashboard(page)
    page.focus("a.skip")
    page.keyboard.press("Enter")  # skip link to the list
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "event-row" in focused
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail:not([hidden]) .facts")
    assert page.evaluate("document.activeElement.id") == "detail-title"
    page.keyboard.press("Escape")
    page.wait_for_selector("#detail", state="hidden")
    assert "event-row" in page.evaluate("document.activeElement.className")


def test_actor_page_shows_aliases_roles_and_events(page: Any) -> None:
    actor = api(page, "/api/actors/hezbollah")
    page.goto(page.base + "/actors/hezbollah")
    page.wait_for_selector("#actor-name")
    assert page.inner_text("#actor-name") == "Hezbollah"
    assert "Hizbullah" in page.inner_text("#aliases")
    assert f"Events ({actor['n_events']})" in page.inner_text("main")
    assert page.locator("main tbody tr").count() == min(actor["n_events"], 200)
    page.click("text=show on the map")
    page.wait_for_selector("body[data-state=ready]")
    assert page.input_value("input[name=actor]") == "Hezbollah"
    page.goto(page.base + "/actors")
    page.wait_for_selector("#actor-search")
    page.fill("#actor-search", "nusra")
    page.wait_for_selector("text=Jabhat al-Nusra")


def interaction_label(event: dict[str, Any]) -> str:
    """ACLED's interaction code with the names of its actor types, as the pages write it."""
    sides = sorted(i for i in (event["inter1"], event["inter2"]) if i)
    names = [INTER_NAMES[i] for i in sides]
    text = f"{names[0]} only" if len(names) == 1 else "–".join(names)
    return f"{event['interaction']} {text}"


def test_actor_page_shows_each_events_actors_inter_codes_and_interaction(page: Any) -> None:
    actor = api(page, "/api/actors/hezbollah")
    events = [e for e in actor["events"] if e["actor1"] and e["interaction"]]
    assert events, "the synthetic store has Hezbollah events with actors"
    page.goto(page.base + "/actors/hezbollah")
    page.wait_for_selector("#actor-name")
    assert "3 Political militia" in page.inner_text("dl.facts")  # the actor's own inter code
    rows = page.locator("main tbody tr")
    for i, event in enumerate(actor["events"][:20]):
        if not (event["actor1"] and event["interaction"]):
            continue
        actor1 = rows.nth(i).locator("td.actor1").inner_text()
        assert actor1.startswith(event["actor1"])
        assert f"{event['inter1']} {INTER_NAMES[event['inter1']]}" in actor1
        if event["actor2"]:
            actor2 = rows.nth(i).locator("td.actor2").inner_text()
            assert f"{event['inter2']} {INTER_NAMES[event['inter2']]}" in actor2
        assert rows.nth(i).locator("td.interaction").inner_text() == interaction_label(event)
    page.goto(page.base + "/actors?q=hezbollah")
    page.wait_for_selector("td.inter")
    assert "3 Political militia" in page.locator("td.inter").first.inner_text()


def test_detail_panel_names_inter_codes_and_interaction(page: Any) -> None:
    event = next(e for e in api(page, "/api/events", limit=50)["events"] if e["interaction"])
    open_dashboard(page, f"?event={event['event_id']}&min_confidence=0")
    page.wait_for_selector("#detail:not([hidden]) .facts")
    facts = page.inner_text("#detail .facts")
    assert f"{event['inter1']} {INTER_NAMES[event['inter1']]}" in facts
    assert interaction_label(event) in facts


def test_phone_screen(browser: Any, page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_dashboard(page)
    assert page.is_visible("#filters-toggle") and not page.is_visible("#sidebar")
    page.click("#filters-toggle")
    assert page.is_visible("select[name=type]")
    page.select_option("select[name=type]", "Protests")
    wait_ready(page, "type=Protests")
    page.click("#filters-close")
    assert not page.is_visible("#sidebar")
    page.locator(".event-row").first.click()
    page.wait_for_selector("#detail:not([hidden]) .facts")
    box = page.locator("#detail").bounding_box()
    assert box["width"] == 390  # the detail panel covers the screen
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-phone.png"))
    page.click("#detail-close")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
