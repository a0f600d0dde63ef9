"""The world the chaos harness (``bench/chaos.py``) runs Borderwatch in: the input corpus, a local
web site serving a feed for ``watch``, a webhook receiver that records every delivery, and the
databases (a temporary SQLite file, or a fresh PostgreSQL database dropped afterwards).

Nothing here reaches the internet: the feed and the webhook listen on 127.0.0.1 (the commands run
with ``--allow-private``), and the articles are the bundled demo corpus plus the benchmark
generator's invented reports (``bench/corpus.py``).
"""

from __future__ import annotations

import hashlib
import html
import http.server
import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from importlib import resources
from pathlib import Path
from typing import Any

from corpus import generate

# Each webhook POST is answered this late, so that a delivery round lasts long enough for a
# kill to land between a POST and the mark that records it (the window for a resend).
RECEIVER_DELAY_S = 0.02


def _demo_files() -> list[Path]:
    demo = resources.files("borderwatch") / "data" / "demo"
    return sorted(Path(str(p)) for p in demo.iterdir() if p.name.endswith(".txt"))


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """The demo files' YAML header as plain ``key: value`` pairs, and the body after it."""
    lines = text.splitlines()
    fields: dict[str, str] = {}
    if not lines or not lines[0].startswith("---"):
        return fields, text
    end = next(n for n, line in enumerate(lines[1:], 1) if line.startswith("---"))
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields, "\n".join(lines[end + 1 :])


@dataclass(frozen=True)
class Corpus:
    """The inputs of one scenario, written under ``root``: a directory for ``ingest``, one for
    ``batch --engine local``, a JSONL file for ``batch --engine ray``, and the pages of the
    feed ``watch`` polls (served by :class:`FeedSite`)."""

    root: Path
    ingest_dir: Path
    batch_dir: Path
    ray_file: Path
    feed_dir: Path

    @classmethod
    def build(cls, root: Path, articles: int, seed: int) -> Corpus:
        """Split the demo corpus and ``articles`` generated reports over the four inputs (by a
        hash of the name, so the split never depends on the seed)."""
        corpus = cls(root, root / "ingest", root / "batch", root / "ray.jsonl", root / "feed")
        for folder in (corpus.ingest_dir, corpus.batch_dir, corpus.feed_dir):
            folder.mkdir(parents=True, exist_ok=True)
        items: list[tuple[str, dict[str, str], str]] = []
        for path in _demo_files():
            fields, body = _front_matter(path.read_text(encoding="utf-8"))
            items.append((path.stem, fields, body))
        for raw in generate(articles, seed=seed):
            fields = {"published": str(raw.published), "outlet": str(raw.outlet)}
            items.append((Path(raw.source).stem, fields, raw.content.decode()))
        rays, pages = [], []
        for name, fields, body in items:
            share = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 10
            if share < 4:
                _write_text(corpus.ingest_dir / f"{name}.txt", fields, body)
            elif share < 7:
                _write_text(corpus.batch_dir / f"{name}.txt", fields, body)
            elif share < 8:
                rays.append({"text": body, "title": fields.get("title"), **_dated(fields)})
            else:
                pages.append((name, fields, body))
        corpus.ray_file.write_text("".join(json.dumps(r) + "\n" for r in rays), encoding="utf-8")
        _write_feed(corpus.feed_dir, pages)
        return corpus


def _dated(fields: dict[str, str]) -> dict[str, Any]:
    return {k: fields[k] for k in ("published", "outlet") if fields.get(k)}


def _write_text(path: Path, fields: dict[str, str], body: str) -> None:
    header = "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items() if k != "url")
    path.write_text(f"---\n{header}---\n{body}\n", encoding="utf-8")


def _write_feed(folder: Path, pages: list[tuple[str, dict[str, str], str]]) -> None:
    """Article pages and the RSS feed listing them (its URLs are relative: ``FeedSite`` fills
    in its own address when serving)."""
    items = []
    for name, fields, body in pages:
        title = html.escape(fields.get("title") or name)
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        page = (
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>"
        )
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
        day = date.fromisoformat(fields["published"]) if fields.get("published") else None
        when = format_datetime(datetime(day.year, day.month, day.day, tzinfo=UTC)) if day else ""
        items.append(
            f"<item><title>{title}</title><link>{{base}}/{name}.html</link>"
            f"<guid>{{base}}/{name}.html</guid><pubDate>{when}</pubDate></item>"
        )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Chaos feed</title>'
        f"<link>{{base}}/</link>{''.join(items)}</channel></rss>"
    )
    (folder / "rss.xml").write_text(feed, encoding="utf-8")


class _Server:
    """A threaded HTTP server on 127.0.0.1 (port chosen by the system), stopped by ``close``."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FeedSite(_Server):
    """Serves a corpus's feed folder: ``/rss.xml`` and the article pages."""

    def __init__(self, folder: Path) -> None:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                path = folder / self.path.lstrip("/")
                if not path.is_file() or path.parent != folder:
                    self.send_error(404)
                    return
                body = path.read_text(encoding="utf-8").replace("{base}", site.url).encode()
                kind = "application/rss+xml" if path.suffix == ".xml" else "text/html"
                self.send_response(200)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        super().__init__(Handler)

    def feeds_file(self, path: Path) -> Path:
        path.write_text(f"sources:\n  - feed: {self.url}/rss.xml\n", encoding="utf-8")
        return path


@dataclass(frozen=True)
class Delivery:
    """One POST the receiver answered: where, the alert's id, and its (search, event,
    revision) key, with the body's digest (a resend must be the same bytes)."""

    path: str
    alert_id: str
    search: str
    event_id: str
    revision: int
    change: str
    digest: str


class Receiver(_Server):
    """A webhook endpoint that answers 204 to every POST and records it as a :class:`Delivery`."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.loads(raw)
                event = body.get("event") or {}
                delivery = Delivery(
                    self.path,
                    str(body.get("id")),
                    str(body.get("alert")),
                    str(event.get("event_id") or f"crossing:{body.get('crossing')}"),
                    int(body.get("revision") or 0),
                    str(body.get("change")),
                    hashlib.sha256(raw).hexdigest(),
                )
                time.sleep(RECEIVER_DELAY_S)
                with lock:
                    receiver.deliveries.append(delivery)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        super().__init__(Handler)


@contextmanager
def databases(where: str, workdir: Path) -> Iterator[tuple[str, str]]:
    """Two fresh, empty databases (the clean run's and the chaos run's): SQLite files under
    ``workdir`` for ``sqlite``, else new databases on the PostgreSQL server of the URL given,
    dropped on the way out (even with connections left by killed processes)."""
    if where == "sqlite":
        yield str(workdir / "clean.db"), str(workdir / "chaos.db")
        return
    import psycopg

    base, _, _ = where.rpartition("/")
    names = [f"borderwatch_chaos_{uuid.uuid4().hex[:10]}_{run}" for run in ("clean", "chaos")]
    with psycopg.connect(where, autocommit=True, connect_timeout=5) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with psycopg.connect(where, autocommit=True, connect_timeout=5) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
