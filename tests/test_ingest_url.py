"""Reading URLs from a real HTTP server on 127.0.0.1 (a thread in the test process).

Also home of ``LocalSite``, the small web server the feed and watch tests serve pages from.
"""

from __future__ import annotations

import contextlib
import http.server
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.clean import clean_document
from borderwatch.ingest import Fetcher, FetchError, read_inputs
from borderwatch.ingest.guard import is_public
from borderwatch.model import Article, RawDocument, Skipped
from borderwatch.pipeline import Pipeline
from borderwatch.store import Store

from .conftest import SAMPLES, borderwatch_command

DEMO = Path(__file__).resolve().parent.parent / "src" / "borderwatch" / "data" / "demo"

# --- the local web server ----------------------------------------------------------------------


@dataclass
class Page:
    """What the local site answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0
    stream: int = 0  # send this many filler bytes in chunks, with no Content-Length
    reached: threading.Event | None = None  # set when the page is requested
    hold: threading.Event | None = None  # answer only once this is set


class LocalSite:
    """A threaded HTTP server on 127.0.0.1 with a dict of pages and a log of requests."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        handler = type("Handler", (_Handler,), {"site": self})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        for page in self.pages.values():
            if page.hold is not None:
                page.hold.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested == path)


class _Handler(http.server.BaseHTTPRequestHandler):
    site: LocalSite

    def log_message(self, *_: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.site.requests.append((self.path, dict(self.headers.items())))
        page = self.site.pages.get(self.path)
        if page is None:
            self.send_error(404)
            return
        if page.reached is not None:
            page.reached.set()
        if page.hold is not None:
            page.hold.wait(120)
        time.sleep(page.delay)
        modified = page.headers.get("Last-Modified")
        if (page.etag and self.headers.get("If-None-Match") == page.etag) or (
            modified and self.headers.get("If-Modified-Since") == modified
        ):
            self.send_response(304)
            self.end_headers()
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(page)  # the client may give up on purpose (size cap, timeout)

    def _answer(self, page: Page) -> None:
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        if page.etag:
            self.send_header("ETag", page.etag)
        for name, value in page.headers.items():
            self.send_header(name, value)
        if not page.stream and "Content-Length" not in page.headers:
            self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if not page.stream:
            self.wfile.write(page.body)
            return
        chunk = b"x" * 65536
        for _ in range(page.stream // len(chunk)):
            self.wfile.write(chunk)


@pytest.fixture()
def site() -> Iterator[LocalSite]:
    with LocalSite() as running:
        yield running


# --- articles to serve -------------------------------------------------------------------------

LEAD = (
    "Lebanese soldiers stopped a van carrying smuggled diesel on a dirt track outside Qasr "
    "on Wednesday evening, a military source said."
)
SECOND = (
    "Two men were detained and about 4,000 litres of fuel were handed over to customs officers "
    "at the nearby checkpoint."
)


def html_page(paragraphs: list[str], *, title: str, published: str | None = None) -> str:
    """A news page as sites serve them: navigation, sidebar, the article, comments, newsletter."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Hill Gazette</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Hill Gazette">
{meta}</head><body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/lebanon">Lebanon</a></li>
<li><a href="/syria">Syria</a></li><li><a href="/opinion">Opinion</a></li></ul>
<form class="search"><input type="search" placeholder="Search..."><button>Search</button></form>
</nav></header>
<main><article><h1>{title}</h1>
<div class="byline">By Jane Doe</div>
{body}
<div class="share">Share | Tweet | Email</div>
</article>
<aside class="sidebar"><h3>Most Read</h3><ul>
<li><a href="/a">Gunmen kidnap fuel trader near Baalbek</a></li>
<li><a href="/b">Army shells militant positions in the hills above Arsal</a></li></ul>
<div class="newsletter"><h3>Join our Weekly Newsletter</h3>
<p>Get the week's border news in your inbox.</p><input type="email" placeholder="Email *"></div>
</aside></main>
<section id="comments" class="comments"><h3>3 Comments</h3>
<div class="comment"><p class="author">Ahmad says:</p>
<p>Fighters stormed the checkpoint at Masnaa and killed four soldiers last night, I heard.</p></div>
<h3>Leave a Reply</h3><p>Your email address will not be published.</p>
<label>What is 8 + 17 =</label></section>
<footer><p>For the latest news follow us on Twitter</p>
<p>Copyright 2025 Hill Gazette. All rights reserved.</p></footer>
</body></html>"""


ARTICLE_HTML = html_page([LEAD, SECOND], title="Diesel van stopped outside Qasr")


def fetcher(**kwargs: object) -> Fetcher:
    options: dict = {"max_bytes": 1_000_000, "allow_private": True, **kwargs}
    return Fetcher(**options)


def read_one(url: str, **kwargs: object) -> RawDocument | Skipped:
    records = list(read_inputs([url], **kwargs))  # type: ignore[arg-type]
    assert len(records) == 1, records
    return records[0]


# --- pages -------------------------------------------------------------------------------------


def test_page_is_read_end_to_end(site: LocalSite) -> None:
    site.pages["/news/qasr"] = Page(ARTICLE_HTML.encode())
    raw = read_one(site.url("/news/qasr"), allow_private=True, published=date(2025, 3, 1))
    assert isinstance(raw, RawDocument)
    assert raw.media_type == "text/html"
    assert raw.url == site.url("/news/qasr")
    article = clean_document(raw)
    assert isinstance(article, Article), article
    assert LEAD in article.text and SECOND in article.text
    assert article.title == "Diesel van stopped outside Qasr"
    assert article.outlet == "Hill Gazette"
    for furniture in ("Most Read", "Newsletter", "Ahmad", "8 + 17", "Twitter", "Search"):
        assert furniture not in article.text


def test_request_names_borderwatch_as_user_agent(site: LocalSite) -> None:
    site.pages["/p"] = Page(ARTICLE_HTML.encode())
    read_one(site.url("/p"), allow_private=True)
    headers = site.requests[-1][1]
    assert headers["User-Agent"].startswith("Borderwatch/")
    assert headers["Host"] == site.url("").removeprefix("http://")


def test_redirect_is_followed_and_final_url_kept(site: LocalSite) -> None:
    site.pages["/old"] = Page(status=301, headers={"Location": "/new"})
    site.pages["/new"] = Page(ARTICLE_HTML.encode())
    raw = read_one(site.url("/old"), allow_private=True)
    assert isinstance(raw, RawDocument)
    assert raw.source == site.url("/old")
    assert raw.url == site.url("/new")


def test_plain_text_page_is_read_as_text(site: LocalSite) -> None:
    site.pages["/t.txt"] = Page(f"{LEAD}\n{SECOND}\n".encode(), content_type="text/plain")
    raw = read_one(site.url("/t.txt"), allow_private=True)
    assert isinstance(raw, RawDocument) and raw.media_type == "text/plain"


def test_declared_legacy_charset_is_honoured(site: LocalSite) -> None:
    text = f"{LEAD} The café owner said the road reopened.\n{SECOND}"
    site.pages["/latin"] = Page(text.encode("latin-1"), content_type="text/plain; charset=latin-1")
    article = clean_document(read_one(site.url("/latin"), allow_private=True))  # type: ignore[arg-type]
    assert isinstance(article, Article) and "café" in article.text


def test_wrong_latin1_declaration_on_utf8_page_is_ignored(site: LocalSite) -> None:
    text = f"{LEAD} The road – closed since May – reopened.\n{SECOND}"
    site.pages["/u"] = Page(text.encode(), content_type="text/plain; charset=iso-8859-1")
    article = clean_document(read_one(site.url("/u"), allow_private=True))  # type: ignore[arg-type]
    assert isinstance(article, Article) and "– closed since May –" in article.text


# --- bad pages: one line each, the batch goes on -----------------------------------------------


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (Page(b"oops", status=500), "HTTP 500"),
        (Page(b"gone", status=404), "HTTP 404"),
        (Page(b"\x89PNG\r\n", content_type="image/png"), "unsupported content type 'image/png'"),
        (Page(stream=3_000_000, content_type="text/html"), "over the 1,000,000-byte limit"),
        (
            Page(b"", headers={"Content-Length": "200000000"}, stream=200_000),
            "response is 200,000,000 bytes, over the 1,000,000 limit",
        ),
    ],
)
def test_bad_response_is_one_skipped_line(site: LocalSite, page: Page, reason: str) -> None:
    site.pages["/bad"] = page
    result = read_one(site.url("/bad"), allow_private=True, max_bytes=1_000_000)
    assert isinstance(result, Skipped)
    assert result.stage == "fetch"
    assert reason in result.reason
    assert "\n" not in result.line()


def test_endless_redirect_loop_is_refused(site: LocalSite) -> None:
    site.pages["/loop"] = Page(status=302, headers={"Location": "/loop"})
    result = read_one(site.url("/loop"), allow_private=True)
    assert isinstance(result, Skipped)
    assert "too many redirects" in result.reason
    assert site.hits("/loop") == 6


def test_slow_server_times_out(site: LocalSite) -> None:
    site.pages["/slow"] = Page(ARTICLE_HTML.encode(), delay=3.0)
    with fetcher(timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            client.get(site.url("/slow"))
    assert time.monotonic() - started < 2.5


def test_unreachable_port_is_a_clear_error() -> None:
    with LocalSite() as closed:  # started and stopped: nothing listens on its port any more
        url = closed.url("/x")
    result = read_one(url, allow_private=True)
    assert isinstance(result, Skipped) and "cannot connect" in result.reason


def test_empty_and_furniture_only_pages_are_skipped_by_clean(site: LocalSite) -> None:
    site.pages["/empty"] = Page(b"")
    site.pages["/furniture"] = Page(
        html_page(["Leave a Reply", "Join our Weekly Newsletter"], title="Home").encode()
    )
    for path in ("/empty", "/furniture"):
        raw = read_one(site.url(path), allow_private=True)
        assert isinstance(raw, RawDocument)
        result = clean_document(raw)
        assert isinstance(result, Skipped) and result.stage == "clean", path


def test_batch_goes_on_after_bad_urls(site: LocalSite) -> None:
    site.pages["/good"] = Page(ARTICLE_HTML.encode())
    site.pages["/bad"] = Page(status=500)
    urls = [site.url("/bad"), site.url("/good"), "ftp://example.invalid/x", site.url("/nothing")]
    records = list(read_inputs(urls, allow_private=True))
    kinds = [type(r).__name__ for r in records]
    assert kinds == ["Skipped", "RawDocument", "Skipped", "Skipped"]


def test_conditional_request_returns_not_modified(site: LocalSite) -> None:
    site.pages["/feed"] = Page(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    with fetcher() as client:
        first = client.get(site.url("/feed"))
        again = client.get(site.url("/feed"), etag=first.etag)
    assert (first.status, first.etag) == (200, '"v1"')
    assert again.status == 304 and again.content == b""


# --- SSRF guard --------------------------------------------------------------------------------


def test_loopback_url_is_refused_without_allow_private(site: LocalSite) -> None:
    site.pages["/p"] = Page(ARTICLE_HTML.encode())
    result = read_one(site.url("/p"))
    assert isinstance(result, Skipped)
    assert "private, loopback or link-local" in result.reason
    assert "--allow-private" in result.reason
    assert site.requests == []


def test_localhost_name_is_refused_too() -> None:
    result = read_one("http://localhost:9/admin")
    assert isinstance(result, Skipped) and "refused" in result.reason


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_non_public_addresses_are_not_public(address: str) -> None:
    import ipaddress

    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888"])
def test_public_addresses_are_public(address: str) -> None:
    import ipaddress

    assert is_public(ipaddress.ip_address(address))


def test_redirect_from_public_to_private_address_is_refused() -> None:
    """Each hop is checked: a public page cannot bounce the reader into the local network."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data"})

    client = Fetcher(max_bytes=1000, allowed_ports=(8080,), transport=httpx.MockTransport(answer))
    with client, pytest.raises(FetchError, match="169.254.169.254 .*refused"):
        client.get("http://8.8.8.8:8080/story")
    assert len(seen) == 1
    assert seen[0].headers["Host"] == "8.8.8.8:8080"


def test_request_keeps_its_host_name_for_the_pool_and_tls() -> None:
    """The pinned address is dialled by the transport (tests/test_guard.py); the request itself
    keeps the name, so pools, the Host header and the TLS name all say what the user asked."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok", headers={"Content-Type": "text/plain"})

    client = Fetcher(max_bytes=1000, transport=httpx.MockTransport(answer))
    with client:
        fetched = client.get("https://1.1.1.1/page")
    assert fetched.url == "https://1.1.1.1/page"
    assert seen[0].url.host == "1.1.1.1"
    assert seen[0].headers["Host"] == "1.1.1.1"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://127.0.0.1/", "http://", "http://h:x/"]
)
def test_unsupported_or_malformed_urls_are_refused(url: str) -> None:
    with fetcher() as client, pytest.raises(FetchError):
        client.get(url)


# --- a page wrapping an article yields the same events as its clean text -----------------------


def _signature(store: Store) -> list[tuple]:
    return sorted(
        tuple(
            str(value)
            for value in (
                e["event_type"],
                e["sub_event_type"],
                (e.get("date") or {}).get("start"),
                (e.get("date") or {}).get("end"),
                (e.get("place") or {}).get("name"),
                (e.get("actor1") or {}).get("canonical"),
                (e.get("actor2") or {}).get("canonical"),
                e.get("fatalities"),
            )
        )
        for e in store.events()
    )


def _article(path: Path) -> tuple[str, list[str], date]:
    """Title, paragraphs and publication date of an article file (front matter or first line)."""
    text = path.read_text(encoding="utf-8")
    meta: dict = {"published": date(2017, 8, 24)}
    if text.startswith("---"):
        _, front, text = text.split("---", 2)
        meta.update(yaml.safe_load(front.split("\n", 1)[1]))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = meta.get("title") or lines.pop(0)
    return title, lines, meta["published"]


ARTICLES = [
    pytest.param(DEMO / "05_three_killed_hawsh_al_sayyed_ali_clashes.txt", id="demo-05"),
    pytest.param(
        SAMPLES / "004_1e0799d9248bea6d.txt",
        id="sample-004",
        marks=pytest.mark.skipif(
            not (SAMPLES / "004_1e0799d9248bea6d.txt").is_file(), reason="no ../shared/samples"
        ),
    ),
]


@pytest.mark.parametrize("path", ARTICLES)
def test_wrapped_html_page_yields_the_same_events_as_clean_text(
    path: Path, site: LocalSite, pipeline: Pipeline, tmp_path: Path
) -> None:
    title, paragraphs, published = _article(path)
    site.pages["/story"] = Page(
        html_page(paragraphs, title=title, published=published.isoformat()).encode()
    )
    from_text, from_page = Store(str(tmp_path / "text.db")), Store(str(tmp_path / "page.db"))
    list(pipeline.ingest(from_text, read_inputs([str(path)], published=published)))
    page = read_inputs([site.url("/story")], allow_private=True)
    outcomes = list(pipeline.ingest(from_page, page))
    assert [o.status for o in outcomes] == ["stored"], outcomes
    assert _signature(from_text), "the article must yield events"
    assert _signature(from_page) == _signature(from_text)


# --- the command line: a mixed batch of good and bad inputs ------------------------------------


def test_ingest_command_reads_urls_and_files_and_counts_failures(
    site: LocalSite, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    site.pages["/good"] = Page(ARTICLE_HTML.encode())
    site.pages["/down"] = Page(b"oops", status=500)
    site.pages["/loop"] = Page(status=302, headers={"Location": "/loop"})
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(300))
    inputs = [site.url(p) for p in ("/down", "/good", "/loop")] + [str(huge), str(binary)]
    command = borderwatch_command() + ["ingest", *inputs, "--published", "2025-03-12"]

    refused = subprocess.run(command, env=cli_env, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1
    assert f"error: {site.url('/good')}: fetch: 127.0.0.1 is at 127.0.0.1" in refused.stderr
    assert site.requests == []

    done = subprocess.run(
        [*command, "--allow-private"], env=cli_env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {site.url('/down')}: fetch: HTTP 500 Internal Server Error",
        f"error: {site.url('/loop')}: fetch: too many redirects (more than 5)",
        f"error: {huge}: ingest: file is 209,715,200 bytes, over the 5,000,000 limit",
        f"error: {binary}: clean: binary file, not text",
    ]
    summary = done.stderr.split("Ingest summary")[1]
    # read, stored, unchanged, skipped, failed
    assert re.search(r"│\s+5 │\s+1 │\s+0 │\s+0 │\s+4 │", summary), summary


# --- property: random bodies under random content types never break the URL readers ------------

CONTENT_TYPES = st.sampled_from(
    [
        "text/html",
        "text/html; charset=windows-1256",
        "text/plain; charset=bogus-charset",
        "application/rss+xml",
        "application/xml",
        "text/xml",
        "",
        "application/octet-stream",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=1500).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
        st.text(max_size=1500).map(lambda t: f"<rss version='2.0'><channel>{t}".encode()),
    ),
    content_type=CONTENT_TYPES,
)
def test_random_responses_never_break_the_url_readers(body: bytes, content_type: str) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": content_type} if content_type else {}
        if request.url.path == "/page":
            return httpx.Response(200, content=body, headers=headers)
        return httpx.Response(404)

    with Fetcher(max_bytes=20_000, transport=httpx.MockTransport(answer)) as client:
        records = list(read_inputs(["http://8.8.8.8/page"], fetcher=client))
    for record in records:
        assert isinstance(record, RawDocument | Skipped)
        if isinstance(record, RawDocument):
            assert isinstance(clean_document(record), Article | Skipped)
