"""``borderwatch serve`` and ``borderwatch demo``: the long-lived server (dashboard, API,
alert delivery in the background) and the demo corpus loaded before it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..settings import Settings
from . import _settings, _store, _with_progress, console, db_option

if TYPE_CHECKING:
    import socket

    from ..serve.processes import WriteClock
    from ..store import Store

# How long an idle keep-alive connection stays open.  uvicorn's 5 s is shorter than a person
# reading the dashboard pauses: a request sent on a connection the server is closing at that
# moment is reset (bench/load.py --think 1.0 saw one in ~2,700 requests); 75 s as nginx.
KEEP_ALIVE_S = 75

workers_option = click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes answering on the one port (each keeps its own answers; a write through "
    "any is read at once by all). One process computes on one core: give a machine's cores.",
)


@click.command()
@click.option("--host", default=None, help="Address to bind [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [default: 8000].")
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Let POST /api/documents fetch URLs on private or loopback addresses "
    "(setting fetch_allow_private).",
)
@workers_option
@db_option
def serve(
    host: str | None,
    port: int | None,
    allow_private: bool | None,
    workers: int,
    db: str | None,
) -> None:
    """Serve the dashboard and the JSON API.

    \b
    Example:
      borderwatch serve --port 8000    # then open http://127.0.0.1:8000
      borderwatch serve --workers 2    # two processes: both cores answer
    """
    settings = _settings(db).with_overrides(host=host, port=port, fetch_allow_private=allow_private)
    _serve(settings, workers)


def _serve(settings: Settings, workers: int = 1) -> None:
    from ..serve.app import tune_process
    from ..serve.processes import WriteClock

    tune_process()
    store = _store(settings)  # opened (and migrated) once, before any worker
    console.print(
        f"Borderwatch serving {settings.db} on http://{settings.host}:{settings.port} "
        f"({workers} worker process{'es' if workers > 1 else ''}; Ctrl-C stops; alerts are "
        "delivered in the background)"
    )
    if workers == 1:
        _run_worker(settings, None, WriteClock(), 0, store)
        return
    store.engine.dispose()  # no connection crosses a fork: each worker opens its own
    from ..serve.processes import Supervisor, listening_sockets

    try:
        sockets = listening_sockets(settings.host, settings.port, workers)
    except OSError as exc:
        raise click.ClickException(f"{settings.host}:{settings.port}: {exc}") from exc
    run = lambda s, clock, i: _run_worker(settings, s, clock, i)  # noqa: E731
    code = Supervisor(sockets, workers, run).run()
    if code:
        raise SystemExit(code)


def _run_worker(
    settings: Settings,
    sock: socket.socket | None,
    writes: WriteClock,
    index: int,
    store: Store | None = None,
) -> None:
    """One serving process: the app over its own store connections (a long-lived server: its
    pipeline is loaded and run once in the background at start), alert delivery in the first."""
    import uvicorn

    from ..serve import create_app
    from ..serve.alerts_api import BackgroundDelivery

    store = store or _store(settings)
    app = create_app(settings, store, warm=index == 0, writes=writes)
    delivery = None
    if index == 0:
        delivery = BackgroundDelivery(store, retention_days=settings.alert_retention_days)
        delivery.start()
    # uvicorn picks httptools and uvloop (dependencies) over h11 and asyncio: a kept answer
    # costs ~40% less CPU (bench/request_cpu.py); no access log (a line per request)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=KEEP_ALIVE_S,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock] if sock is not None else None)
    finally:
        if delivery is not None:
            delivery.stop()


@click.command()
@click.option("--host", default=None, help="Address to bind [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [default: 8000].")
@workers_option
@click.option("--no-serve", is_flag=True, help="Only load the demo corpus.")
@db_option
def demo(host: str | None, port: int | None, workers: int, no_serve: bool, db: str | None) -> None:
    """Load the bundled (synthetic) demo corpus, then serve the dashboard.

    \b
    Example:
      borderwatch demo --port 8000
    """
    from ..ingest import read_inputs
    from ..pipeline import Pipeline, summarise

    settings = _settings(db).with_overrides(host=host, port=port)
    store = _store(settings)
    corpus = resources.files("borderwatch") / "data" / "demo"
    with resources.as_file(corpus) as path:
        articles = sorted(str(p) for p in Path(path).glob("*.txt"))
        raws = list(read_inputs(articles, max_bytes=settings.max_document_bytes))
        report = summarise(
            _with_progress(Pipeline(settings).ingest(store, raws), len(raws), "Loading demo corpus")
        )
    console.print(
        f"demo corpus: {report.read} documents, {report.mentions} mentions stored, "
        f"{report.unchanged} already there; {store.count_events()} events in {settings.db}"
    )
    if not no_serve:
        _serve(settings, workers)
