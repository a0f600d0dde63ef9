"""`watch`: polling feeds from a local server, conditional requests, the seen-URL state, and
surviving a crash or a SIGKILL at any point without losing or duplicating anything."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from borderwatch.ingest import Fetcher
from borderwatch.pipeline import Pipeline
from borderwatch.store import SavedSearch, Store
from borderwatch.watch import (
    CycleReport,
    Watcher,
    WatchError,
    WatchState,
    load_sources,
    parse_interval,
    state_path_for,
)

from .conftest import borderwatch_command
from .test_ingest_url import DEMO, LocalSite, Page, _article, html_page, site  # noqa: F401

ARTICLES = sorted(DEMO.glob("0[1-5]_*.txt"))


def article_page(path: Path) -> Page:
    title, paragraphs, published = _article(path)
    return Page(html_page(paragraphs, title=title, published=published.isoformat()).encode())


def rss(site: LocalSite, paths: list[str]) -> bytes:  # noqa: F811
    items = "".join(f"<item><title>{p}</title><link>{site.url(p)}</link></item>" for p in paths)
    return f'<rss version="2.0"><channel><title>Border</title>{items}</channel></rss>'.encode()


def serve_feed(site: LocalSite, paths: list[str], etag: str = '"v1"') -> None:  # noqa: F811
    for number, path in enumerate(paths):
        site.pages.setdefault(path, article_page(ARTICLES[number]))
    site.pages["/rss"] = Page(rss(site, paths), content_type="application/rss+xml", etag=etag)


def feeds_file(tmp_path: Path, *sources: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text("sources:\n" + "".join(f"  - {s}\n" for s in sources), encoding="utf-8")
    return path


@pytest.fixture()
def watcher_for(pipeline: Pipeline, tmp_path: Path) -> Iterator[object]:
    """Build in-process watchers over one database and one state file, closing them after."""
    made: list[Watcher] = []

    def build(feeds: Path, db: str = "w.db") -> Watcher:
        store = Store(str(tmp_path / db))
        watcher = Watcher(
            load_sources(feeds),
            pipeline=pipeline,
            store=store,
            state=WatchState(store),
            fetcher=Fetcher(max_bytes=5_000_000, allow_private=True),
        )
        made.append(watcher)
        return watcher

    yield build
    for watcher in made:
        watcher.fetcher.close()


# --- intervals, feeds files, state -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("1h", 3600), ("2", 120), ("0.5m", 30)]
)
def test_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0m", "-5m", "15 minutes"])
def test_bad_interval(text: str) -> None:
    with pytest.raises(WatchError, match="not an interval"):
        parse_interval(text)


def test_feeds_file_forms(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        "sources:\n"
        "  - feed: https://a.test/rss\n    name: A\n    outlet: A Times\n"
        "  - url: https://b.test/page\n"
        "  - https://c.test/x\n",
        encoding="utf-8",
    )
    sources = load_sources(path)
    assert [(s.kind, s.url, s.name, s.outlet) for s in sources] == [
        ("feed", "https://a.test/rss", "A", "A Times"),
        ("page", "https://b.test/page", "https://b.test/page", None),
        ("page", "https://c.test/x", "https://c.test/x", None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sources: [", "not valid YAML"),
        ("sources: []", "non-empty list"),
        ("just text", "non-empty list"),
        ("sources:\n  - feed: ftp://x.test/rss", "not an http\\(s\\) address"),
        ("sources:\n  - 42", "expected 'feed: URL'"),
    ],
)
def test_bad_feeds_file_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WatchError, match=message):
        load_sources(path)


def test_missing_feeds_file() -> None:
    with pytest.raises(WatchError, match="cannot read"):
        load_sources("/nonexistent/feeds.yaml")


def test_state_round_trip_through_the_store(tmp_path: Path) -> None:
    state = WatchState(Store(str(tmp_path / "w.db")))
    assert state.get("https://a.test/") == (None, None, False)
    state.mark("https://a.test/", etag='"e1"', last_modified="Wed, 12 Mar 2025 08:00:00 GMT")
    state.status("https://a.test/", "ok")
    again = WatchState(Store(str(tmp_path / "w.db")))  # another watcher of the same database
    assert again.get("https://a.test/") == ('"e1"', "Wed, 12 Mar 2025 08:00:00 GMT", True)
    [source] = again.store.watch_sources()
    assert (source["url"], source["status"], source["error"]) == ("https://a.test/", "ok", None)


def test_an_old_state_file_is_imported_once(tmp_path: Path) -> None:
    old = tmp_path / "w.watch.json"
    urls = {
        "https://a.test/1": {"etag": '"e"', "last_modified": None, "seen": True, "at": "x"},
        "https://a.test/2": {"seen": True, "at": "2025-03-12T08:00:00+00:00"},
    }
    old.write_text(json.dumps({"version": 1, "urls": urls}), encoding="utf-8")
    state = WatchState(Store(str(tmp_path / "w.db")))
    state.mark("https://a.test/2", etag='"newer"')
    assert state.import_file(old) == 1  # the store's own mark wins
    assert state.get("https://a.test/1") == ('"e"', None, True)
    assert state.get("https://a.test/2")[0] == '"newer"'
    assert not old.exists() and (tmp_path / "w.watch.json.imported").exists()
    assert state.import_file(old) == 0


def test_unreadable_old_state_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text("{half", encoding="utf-8")
    with pytest.raises(WatchError, match="cannot read watch state"):
        WatchState(Store(str(tmp_path / "w.db"))).import_file(tmp_path / "s.json")


def test_state_lives_beside_a_sqlite_database() -> None:
    assert state_path_for("data/news.db") == Path("data/news.watch.json")
    assert state_path_for("postgresql://h/db") == Path("borderwatch.watch.json")


# --- cycles against a local server -------------------------------------------------------------

PATHS = ["/p1", "/p2", "/p3", "/p4"]


def test_first_cycle_reads_everything_then_nothing_is_new(
    site: LocalSite,  # noqa: F811
    tmp_path: Path,
    watcher_for,  # type: ignore[no-untyped-def]
) -> None:
    serve_feed(site, PATHS)
    watcher = watcher_for(feeds_file(tmp_path, f"feed: {site.url('/rss')}"))
    first = watcher.cycle(1)
    assert (first.new_documents, first.errors) == (4, [])
    assert first.new_events > 0 and first.events_touched >= first.new_events
    second = watcher.cycle(2)
    assert (second.not_modified, second.new_documents, second.errors) == (1, 0, [])
    assert [site.hits(p) for p in PATHS] == [1, 1, 1, 1]
    assert site.requests[-1][1]["If-None-Match"] == '"v1"'


def test_only_new_entries_are_fetched(site: LocalSite, tmp_path: Path, watcher_for) -> None:  # noqa: F811
    serve_feed(site, PATHS[:2])
    watcher = watcher_for(feeds_file(tmp_path, f"feed: {site.url('/rss')}"))
    assert watcher.cycle(1).new_documents == 2
    serve_feed(site, PATHS, etag='"v2"')
    report = watcher.cycle(2)
    assert (report.new_documents, report.unchanged, report.errors) == (2, 0, [])
    assert [site.hits(p) for p in PATHS] == [1, 1, 1, 1]


def test_failed_entry_is_retried_next_cycle(site: LocalSite, tmp_path: Path, watcher_for) -> None:  # noqa: F811
    serve_feed(site, PATHS[:2])
    good = site.pages["/p2"]
    site.pages["/p2"] = Page(b"down", status=500)
    watcher = watcher_for(feeds_file(tmp_path, f"feed: {site.url('/rss')}"))
    first = watcher.cycle(1)
    assert first.new_documents == 1
    assert first.errors == [f"{site.url('/p2')}: fetch: HTTP 500 Internal Server Error"]
    site.pages["/p2"] = good
    second = watcher.cycle(2)
    assert (second.new_documents, second.not_modified, second.errors) == (1, 0, [])
    assert (site.hits("/p1"), site.hits("/p2")) == (1, 2)


def test_bad_sources_are_error_lines_and_the_cycle_goes_on(
    site: LocalSite,  # noqa: F811
    tmp_path: Path,
    watcher_for,  # type: ignore[no-untyped-def]
) -> None:
    serve_feed(site, PATHS[:1])
    site.pages["/front"] = Page(html_page(["Home"], title="Front page").encode())
    site.pages["/slow-loop"] = Page(status=302, headers={"Location": "/slow-loop"})
    feeds = feeds_file(
        tmp_path,
        f"feed: {site.url('/front')}",
        f"feed: {site.url('/slow-loop')}",
        f"feed: {site.url('/missing')}",
        f"feed: {site.url('/rss')}",
    )
    report = watcher_for(feeds).cycle(1)
    assert report.errors == [
        f"{site.url('/front')}: feed: not an RSS/Atom feed (an HTML page)",
        f"{site.url('/slow-loop')}: fetch: too many redirects (more than 5)",
        f"{site.url('/missing')}: fetch: HTTP 404 Not Found",
    ]
    assert report.new_documents == 1
    assert "1 new documents" in report.line() and "3 errors" in report.line()


def test_page_source_is_polled_with_last_modified(
    site: LocalSite,  # noqa: F811
    tmp_path: Path,
    watcher_for,  # type: ignore[no-untyped-def]
) -> None:
    page = article_page(ARTICLES[0])
    page.headers["Last-Modified"] = "Wed, 12 Mar 2025 08:00:00 GMT"
    site.pages["/live"] = page
    watcher = watcher_for(feeds_file(tmp_path, f"url: {site.url('/live')}"))
    assert watcher.cycle(1).new_documents == 1
    again = watcher.cycle(2)
    assert (again.not_modified, again.new_documents) == (1, 0)
    assert site.requests[-1][1]["If-Modified-Since"] == "Wed, 12 Mar 2025 08:00:00 GMT"


def test_crash_between_commit_and_mark_duplicates_nothing(
    site: LocalSite,  # noqa: F811
    tmp_path: Path,
    watcher_for,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve_feed(site, PATHS)
    feeds = feeds_file(tmp_path, f"feed: {site.url('/rss')}")
    reference = watcher_for(feeds, db="reference.db")
    reference.cycle(1)
    crashing = watcher_for(feeds)
    real_mark = WatchState.mark
    calls = {"n": 0}

    def mark_then_die(self: WatchState, url: str, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # p3 is committed, then the process "dies" before marking it
            raise KeyboardInterrupt
        real_mark(self, url, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(WatchState, "mark", mark_then_die)
    with pytest.raises(KeyboardInterrupt):
        crashing.cycle(1)
    monkeypatch.undo()
    assert crashing.store.document_count() == 3
    restarted = watcher_for(feeds)
    report = restarted.cycle(1)
    assert (report.new_documents, report.unchanged, report.errors) == (1, 1, [])
    assert restarted.store.document_count() == 4
    left, right = _events(restarted.store), _events(reference.store)
    assert left == right, _first_difference(left, right)


def _events(store: Store) -> list[str]:
    """Every stored event in full, less when it was written (revision times differ by run)."""
    return sorted(
        json.dumps({k: v for k, v in e.items() if k != "revisions"}, sort_keys=True)
        for e in store.events()
    )


def _first_difference(left: list[str], right: list[str]) -> str:
    only_left, only_right = sorted(set(left) - set(right)), sorted(set(right) - set(left))
    return (
        f"{len(left)} vs {len(right)} events; first differing: {only_left[:1]} / {only_right[:1]}"
    )


def test_cycle_line_names_the_counts() -> None:
    from datetime import UTC, datetime

    started = datetime(2025, 3, 12, 8, 0, tzinfo=UTC)
    report = CycleReport(3, started, sources=2, new_documents=4, skipped=1)
    report.errors.append("https://a.test/: fetch: HTTP 500")
    assert report.line() == (
        "2025-03-12 08:00:00 cycle 3: 4 new documents, 0 new events (0 touched), 1 errors; "
        "2 sources, 0 not modified, 0 unchanged, 1 skipped (not English)"
    )


# --- the command, in a subprocess, killed with SIGKILL mid-way ---------------------------------


def run_cli(args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
        borderwatch_command() + args,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_watch_help_has_an_example(cli_env: dict[str, str]) -> None:
    done = run_cli(["watch", "--help"], cli_env)
    out, _ = done.communicate(timeout=120)
    assert done.returncode == 0 and "Example:" in out and "--once" in out


def test_watch_with_a_bad_feeds_file_is_a_one_line_error(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text("sources: nope", encoding="utf-8")
    done = run_cli(["watch", str(bad), "--once"], cli_env)
    _, err = done.communicate(timeout=120)
    assert done.returncode == 1
    assert "expected a non-empty list under 'sources:'" in err


def test_killed_watch_restarts_without_losing_or_duplicating(
    site: LocalSite,  # noqa: F811
    tmp_path: Path,
    cli_env: dict[str, str],
) -> None:
    serve_feed(site, PATHS)
    reached, hold = threading.Event(), threading.Event()
    site.pages["/p3"].reached, site.pages["/p3"].hold = reached, hold
    feeds = feeds_file(tmp_path, f"feed: {site.url('/rss')}")
    db = tmp_path / "watch.db"
    args = ["watch", str(feeds), "--once", "--allow-private", "--db", str(db)]

    first = run_cli(args, cli_env)
    try:
        assert reached.wait(timeout=300), "watch never asked for the third page"
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=60)
    assert first.returncode == -signal.SIGKILL
    site.pages["/p3"].reached = site.pages["/p3"].hold = None
    hold.set()
    assert Store(str(db)).document_count() == 2, "p1 and p2 were committed before the kill"

    second = run_cli(args, cli_env)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "cycle 1: 2 new documents" in err
    assert [site.hits(p) for p in PATHS] == [1, 1, 2, 1], "seen pages are not fetched again"

    # The reference is an uninterrupted run of the same command (same code, same settings).
    reference_db = tmp_path / "reference.db"
    reference = run_cli([*args[:-1], str(reference_db)], cli_env)
    _, err = reference.communicate(timeout=300)
    assert "cycle 1: 4 new documents" in err
    assert Store(str(db)).document_count() == 4
    restarted, uninterrupted = _events(Store(str(db))), _events(Store(str(reference_db)))
    assert restarted == uninterrupted, _first_difference(restarted, uninterrupted)


def test_watch_delivers_the_alerts_of_each_cycle(
    site: LocalSite,  # noqa: F811
    tmp_path: Path,
    cli_env: dict[str, str],
) -> None:
    from .test_alerts_delivery import Receiver

    serve_feed(site, PATHS[:2])
    feeds = feeds_file(tmp_path, f"feed: {site.url('/rss')}")
    db = tmp_path / "watch.db"
    receiver = Receiver()
    try:
        Store(str(db)).add_search(
            SavedSearch("all", webhook=receiver.url, secret="s" * 20, allow_private=True)
        )
        args = ["watch", str(feeds), "--once", "--allow-private", "--db", str(db)]
        done = run_cli(args, cli_env)
        _, err = done.communicate(timeout=300)
        assert done.returncode == 0, err
        queued = {a["id"] for a in Store(str(db)).recent_alerts("all", 1000)}
        assert queued and sorted(receiver.ids()) == sorted(queued)
        assert f"alerts: {len(queued)} delivered" in err
    finally:
        receiver.close()
