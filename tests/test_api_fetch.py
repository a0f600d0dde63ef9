"""``POST /api/documents`` with a URL: the page is fetched under ingest's SSRF guard and limits
(from a real HTTP server on 127.0.0.1, allowed only through the server's ``fetch_allow_private``
setting), processed like submitted text and stored; refused or failing URLs answer a JSON error
that names the URL.  Invented wire-style reports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import Store

from .conftest import LOCAL
from .test_ingest_url import LocalSite, Page, site  # noqa: F401

TOKEN = "fetch-token-42"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = (
    "HERMEL, Lebanon (Test Wire) — Syrian gunmen fired on a Lebanese army patrol near Hermel "
    "on Tuesday, wounding three soldiers, a military spokesman said."
)
PAGE = (
    "<html><head><title>Patrol fired on near Hermel</title></head><body><article>"
    f"<h1>Patrol fired on near Hermel</h1><p>{REPORT}</p></article></body></html>"
).encode()


def client_for(db: Path, pipeline: Pipeline, *, allow_private: bool) -> TestClient:
    settings = Settings(db=str(db), api_token=TOKEN, fetch_allow_private=allow_private)
    return TestClient(create_app(settings, pipeline=pipeline), base_url=LOCAL)


@pytest.fixture()
def allowed(tmp_path: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    with client_for(tmp_path / "fetch.db", pipeline, allow_private=True) as client:
        yield client


@pytest.fixture()
def guarded(tmp_path: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    with client_for(tmp_path / "guarded.db", pipeline, allow_private=False) as client:
        yield client


def test_url_is_fetched_processed_and_stored(
    allowed: TestClient,
    site: LocalSite,  # noqa: F811
    tmp_path: Path,
) -> None:
    site.pages["/news/hermel.html"] = Page(PAGE)
    url = site.url("/news/hermel.html")
    body = {"url": url, "published": "2025-06-03", "outlet": "Test Wire"}
    answer = allowed.post("/api/documents", json=body, headers=AUTH)
    assert answer.status_code == 201, answer.text
    stored = answer.json()
    assert stored["status"] == "stored" and stored["source"] == url and stored["doc_key"]
    assert stored["mentions"] >= 1 and stored["events"], stored
    assert site.hits("/news/hermel.html") == 1
    events = Store(str(tmp_path / "fetch.db")).events()
    assert any(s["doc"] == url for e in events for s in e["sources"]), events
    again = allowed.post("/api/documents", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"


def test_loopback_url_is_refused_without_the_setting(
    guarded: TestClient,
    site: LocalSite,  # noqa: F811
) -> None:
    site.pages["/news/hermel.html"] = Page(PAGE)
    url = site.url("/news/hermel.html")
    answer = guarded.post("/api/documents", json={"url": url}, headers=AUTH)
    assert answer.status_code == 400
    detail = answer.json()["detail"]
    assert detail.startswith(url) and "loopback" in detail
    assert site.hits("/news/hermel.html") == 0  # refused before any connection


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://10.20.30.40/report", "private"),
        ("http://[::ffff:192.168.1.9]/report", "192.168.1.9"),
        ("ftp://example.org/report", "http"),
    ],
)
def test_private_and_odd_urls_are_refused(guarded: TestClient, url: str, words: str) -> None:
    answer = guarded.post("/api/documents", json={"url": url}, headers=AUTH)
    assert answer.status_code == 400, answer.text
    assert url in answer.json()["detail"] and words in answer.json()["detail"]


def test_failing_url_is_a_bad_gateway_naming_it(
    allowed: TestClient,
    site: LocalSite,  # noqa: F811
) -> None:
    site.pages["/image.png"] = Page(b"\x89PNG....", content_type="image/png")
    for path, words in [("/missing", "HTTP 404"), ("/image.png", "image/png")]:
        answer = allowed.post("/api/documents", json={"url": site.url(path)}, headers=AUTH)
        assert answer.status_code == 502, answer.text
        detail = answer.json()["detail"]
        assert detail.startswith(site.url(path)) and words in detail


def test_url_needs_the_token(allowed: TestClient) -> None:
    answer = allowed.post("/api/documents", json={"url": "http://10.0.0.1/x"})
    assert answer.status_code == 401


def test_foreign_language_document_is_kept_and_answered_as_skipped(
    allowed: TestClient, tmp_path: Path
) -> None:
    german = (
        "Die libanesische Armee hat am Dienstag drei Männer festgenommen, die im Verdacht "
        "stehen, Treibstoff über den Grenzübergang nach Syrien geschmuggelt zu haben."
    )
    answer = allowed.post("/api/documents", json={"text": german, "source": "t:de"}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "skipped" and "detected: de" in answer.json()["reason"]
    kept = Store(str(tmp_path / "fetch.db")).foreign_documents()
    assert [(d["source"], d["language"], d["text"]) for d in kept] == [("t:de", "de", german)]
