"""The command line: thin commands over the library, printed with rich.

Every command opens the store, calls one library function and prints; library errors become
one-line ``click`` errors.  ``--db`` defaults to ``$BORDERWATCH_DB``, else ``./borderwatch.db``.
"""

from __future__ import annotations

import importlib
import json
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import BorderwatchError
from ..export import FORMATS, export
from ..ingest import read_inputs
from ..pipeline import Committed, Pipeline, summarise
from ..settings import Settings, load_settings
from ..store import EventFilter, Store

console = Console(stderr=True)
out = Console()


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def _settings(db: str | None) -> Settings:
    try:
        return load_settings().with_overrides(db=db)
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc


def _store(settings: Settings) -> Store:
    try:
        return Store(settings.db)
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc


published_option = click.option(
    "--published",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Publication date for documents that carry none of their own.",
)
outlet_option = click.option("--outlet", help="Outlet name for documents that carry none.")
allow_port_option = click.option(
    "--allow-port",
    "allow_ports",
    type=click.IntRange(1, 65535),
    multiple=True,
    metavar="PORT",
    help="Also read URLs on this port (only 80 and 443 by default; --allow-private lifts "
    "the rule for the local network). Repeatable.",
)
db_option = click.option(
    "--db",
    default=None,
    metavar="PATH_OR_URL",
    help="Database: a SQLite file path or a postgresql:// URL "
    "[default: $BORDERWATCH_DB or ./borderwatch.db].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="borderwatch")
def main() -> None:
    """Borderwatch: an evidence-backed event database from English news reports.

    \b
    Example:
      borderwatch ingest articles/ --published 2017-08-24
      borderwatch events --type Battles
      borderwatch export --format csv -o events.csv
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@published_option
@outlet_option
@click.option("--url", help="Original URL for documents that carry none.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on private, loopback and link-local addresses (refused by default).",
)
@allow_port_option
@db_option
def ingest(
    inputs: tuple[str, ...],
    published: date | None,
    outlet: str | None,
    url: str | None,
    allow_private: bool,
    allow_ports: tuple[int, ...],
    db: str | None,
) -> None:
    """Read articles and store their events: .txt, .md, .html and .jsonl files, directories,
    page URLs and RSS/Atom feed URLs (every entry's page is read).

    Re-ingesting a document already stored changes nothing.  Problems with one input are
    reported on one line each; the others go on.  Exit code 1 if any input failed.

    \b
    Example:
      borderwatch ingest ../shared/samples/004_1e0799d9248bea6d.txt --published 2017-08-24
      borderwatch ingest dump.jsonl https://example.org/news/feed.xml
    """
    settings = _settings(db)
    store = _store(settings)
    pipeline = Pipeline(settings)
    # streamed: each group is committed before the next inputs are read (or fetched)
    raws = read_inputs(
        inputs,
        published=published,
        outlet=outlet,
        url=url,
        max_bytes=settings.max_document_bytes,
        allow_private=allow_private,
        allowed_ports=allow_ports,
    )
    outcomes = _with_progress(pipeline.ingest(store, raws), None, "Ingesting")
    report = summarise(outcomes)
    for failure in report.failed:
        click.echo(f"error: {failure.source}: {failure.reason}", err=True)
    table = Table(title="Ingest summary")
    for column in ("read", "stored", "unchanged", "failed", "mentions", "events touched"):
        table.add_column(column, justify="right")
    stored = report.read - report.unchanged - len(report.failed)
    table.add_row(
        str(report.read),
        str(stored),
        str(report.unchanged),
        str(len(report.failed)),
        str(report.mentions),
        str(report.events),
    )
    console.print(table)
    if report.failed:
        sys.exit(1)


def _with_progress(outcomes: Any, total: int | None, label: str) -> list[Committed]:
    """Drain ``outcomes`` behind a progress bar (a count, when the total is not known ahead)."""
    done: list[Committed] = []
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    quiet = total is not None and total < 2
    with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
        task = progress.add_task(label, total=total)
        for outcome in outcomes:
            done.append(outcome)
            progress.advance(task)
    return done


def _event_filter(
    event_type: str | None,
    since: date | None,
    until: date | None,
    place: str | None,
    actor: str | None,
    include_unconfirmed: bool,
    limit: int | None = None,
) -> EventFilter:
    """The filter the shared ``_filter_options`` describe."""
    return EventFilter(
        event_type=event_type,
        since=since,
        until=until,
        place=place,
        actor=actor,
        include_unconfirmed=include_unconfirmed,
        limit=limit,
    )


def _filter_options(fn: Any) -> Any:
    options = [
        click.option("--type", "event_type", help="ACLED event type or sub-event type."),
        click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="Events on or after."),
        click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Events on or before."),
        click.option("--place", help="Part of the location name."),
        click.option("--actor", help="Part of an actor's name."),
        click.option(
            "--include-unconfirmed",
            is_flag=True,
            help="Also denied, planned, hypothetical... events.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@main.command()
@_filter_options
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@db_option
def events(
    event_type: str | None,
    since: date | None,
    until: date | None,
    place: str | None,
    actor: str | None,
    include_unconfirmed: bool,
    limit: int,
    db: str | None,
) -> None:
    """List stored events as a table, newest first.

    \b
    Example:
      borderwatch events --type Battles --since 2017-08-01 --place Arsal
    """
    store = _store(_settings(db))
    flt = _event_filter(event_type, since, until, place, actor, include_unconfirmed, limit)
    table = Table(title=f"{store.count_events(flt)} events")
    for column in (
        "id",
        "date",
        "type",
        "sub-type",
        "actor1",
        "actor2",
        "location",
        "killed",
        "sources",
    ):
        table.add_column(column, overflow="fold")
    for event in store.events(flt):
        when = event.get("date") or {}
        table.add_row(
            event["event_id"],
            when.get("end") or "",
            event["event_type"],
            event["sub_event_type"],
            (event.get("actor1") or {}).get("canonical", ""),
            (event.get("actor2") or {}).get("canonical", ""),
            (event.get("place") or {}).get("name", ""),
            "" if event.get("fatalities") is None else str(event["fatalities"]),
            str(len(event.get("sources", []))),
        )
    out.print(table)


@main.command("event")
@click.argument("event_id")
@db_option
def show_event(event_id: str, db: str | None) -> None:
    """Print one event as JSON: fields, sources with sentences, claims.

    \b
    Example:
      borderwatch event BW-1A2B3C4D5E6F
    """
    event = _store(_settings(db)).event(event_id)
    if event is None:
        raise click.ClickException(f"no event {event_id!r}; list ids with `borderwatch events`")
    out.print_json(json.dumps(event, ensure_ascii=False))


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--retired",
    is_flag=True,
    help="Instead of events, list the event ids that no longer exist (merged or split), "
    "with the ids that replaced them, as JSONL: the deletions list for incremental sync.",
)
@_filter_options
@db_option
def export_command(
    fmt: str,
    output: str | None,
    retired: bool,
    event_type: str | None,
    since: date | None,
    until: date | None,
    place: str | None,
    actor: str | None,
    include_unconfirmed: bool,
    db: str | None,
) -> None:
    """Export events as JSONL, CSV (ACLED column names) or GeoJSON.

    \b
    Example:
      borderwatch export --format geojson -o events.geojson
      borderwatch export --retired          # ids merged away since the last sync
    """
    store = _store(_settings(db))
    if retired:
        for row in store.retired():
            sys.stdout.write(json.dumps(row) + "\n")
        return
    flt = _event_filter(event_type, since, until, place, actor, include_unconfirmed)
    chunks = export(store.events(flt), fmt)
    if output:
        with Path(output).open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
        console.print(f"wrote {output}")
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)


@main.command()
@click.option("--host", default=None, help="Address to bind [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [default: 8000].")
@db_option
def serve(host: str | None, port: int | None, db: str | None) -> None:
    """Serve the dashboard and the JSON API.

    \b
    Example:
      borderwatch serve --port 8000    # then open http://127.0.0.1:8000
    """
    settings = _settings(db).with_overrides(host=host, port=port)
    _serve(settings)


def _serve(settings: Settings) -> None:
    import uvicorn

    from ..serve import create_app
    from ..serve.alerts_api import BackgroundDelivery

    store = _store(settings)
    app = create_app(settings, store)
    console.print(
        f"Borderwatch serving {settings.db} on http://{settings.host}:{settings.port} "
        "(Ctrl-C stops; alerts are delivered in the background)"
    )
    delivery = BackgroundDelivery(store)
    delivery.start()
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    finally:
        delivery.stop()


@main.command()
@click.option("--host", default=None, help="Address to bind [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [default: 8000].")
@click.option("--no-serve", is_flag=True, help="Only load the demo corpus.")
@db_option
def demo(host: str | None, port: int | None, no_serve: bool, db: str | None) -> None:
    """Load the bundled (synthetic) demo corpus, then serve the dashboard.

    \b
    Example:
      borderwatch demo --port 8000
    """
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
        _serve(settings)


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of the gold file's documents [default: the gold file's directory].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def evaluate(gold: Path, docs_dir: Path | None, as_json: bool) -> None:
    """Score extraction against hand-coded gold events.

    Ingests the gold file's documents (with their publication dates) into a temporary database,
    exports, and prints core recall, recall, a precision lower bound and field accuracies.

    \b
    Example:
      borderwatch evaluate ../shared/samples/gold.json --docs ../shared/samples
    """
    from ..evaluate import evaluate as run_evaluation

    try:
        report = run_evaluation(gold, docs_dir or gold.parent, load_settings())
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        out.print_json(json.dumps(report.as_dict()))
        return
    table = Table(
        title=f"{report.documents} documents, {report.gold} gold events, "
        f"{report.predicted} predicted"
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in report.figures().items():
        table.add_row(name, "n/a" if value is None else f"{value:.3f}")
    out.print(table)
    for miss in report.misses:
        console.print(f"missed {miss}")


@main.group()
def resolve() -> None:
    """Resolve an actor, a place or a date the way extraction does (for debugging)."""


@resolve.command("date")
@click.argument("text")
@click.option("--published", callback=_date, required=True, metavar="YYYY-MM-DD")
def resolve_date_command(text: str, published: date) -> None:
    """Resolve a time expression against a publication date.

    \b
    Example:
      borderwatch resolve date "earlier this month" --published 2017-08-24
    """
    from ..resolve import resolve_date

    span = resolve_date(text, published)
    if span is None:
        raise click.ClickException(f"no date found in {text!r}")
    out.print_json(
        json.dumps(
            {
                "start": span.start.isoformat(),
                "end": span.end.isoformat(),
                "precision": span.precision,
            }
        )
    )


@resolve.command("place")
@click.argument("text")
@click.option("--context", default="", help="Text around the name (countries it mentions help).")
def resolve_place_command(text: str, context: str) -> None:
    """Resolve a place name to a point with a precision.

    \b
    Example:
      borderwatch resolve place "Aarsal"
    """
    from ..resolve import Resolver

    resolver = Resolver.for_region(load_settings().region_dirs)
    countries = tuple(
        c for c in (resolver.places.country_code(w.strip(".,")) for w in context.split()) if c
    )
    place = resolver.places.resolve(text, countries=countries)
    if place is None:
        raise click.ClickException(f"no place found for {text!r}")
    out.print_json(
        json.dumps(
            {
                "name": place.name,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "precision": place.precision,
                "admin1": place.admin1,
                "country": place.country,
                "source": place.source,
            }
        )
    )


@resolve.command("actor")
@click.argument("text")
@click.option(
    "--date", "on", callback=_date, metavar="YYYY-MM-DD", help="The day the role should hold on."
)
def resolve_actor_command(text: str, on: date | None) -> None:
    """Resolve an actor name (alias) to its knowledge-base entry and the role held on a date.

    \b
    Example:
      borderwatch resolve actor "Jabhat al-Nusra" --date 2015-06-01
    """
    from ..resolve import Resolver

    resolver = Resolver.for_region(load_settings().region_dirs)
    found = resolver.actors.lookup(text, on)
    if found is None:
        raise click.ClickException(f"no actor known as {text!r}")
    entry, role = found.entry, found.role
    out.print_json(
        json.dumps(
            {
                "id": entry.actor_id,
                "canonical": entry.canonical,
                "type": entry.inter,
                "country": entry.country,
                "aliases": list(entry.aliases),
                "role": None
                if role is None
                else {
                    "role": role.role,
                    "org": role.org,
                    "from": role.start and role.start.isoformat(),
                    "to": role.end and role.end.isoformat(),
                },
            },
            ensure_ascii=False,
        )
    )


@main.command()
@click.argument("feeds_file", metavar="FEEDS.yaml", type=click.Path(dir_okay=False))
@click.option(
    "--every", default="15m", show_default=True, help="Time between cycles: 90s, 15m, 1h."
)
@click.option("--once", is_flag=True, help="Run one cycle and exit (exit code 1 if it had errors).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on private, loopback and link-local addresses (refused by default).",
)
@allow_port_option
@click.option(
    "--state",
    metavar="PATH",
    help="A seen-URL state file of an older version, taken into the store once "
    "[default: the one beside the database, if any].",
)
@db_option
def watch(
    feeds_file: str,
    every: str,
    once: bool,
    allow_private: bool,
    allow_ports: tuple[int, ...],
    state: str | None,
    db: str | None,
) -> None:
    """Poll feeds and pages, ingest only what is new, and log one line per cycle.

    Conditional requests (ETag, Last-Modified) and the seen URLs kept in the store keep cycles
    cheap; a crash or a kill at any point loses nothing and duplicates nothing.  After each
    cycle the alerts it raised are delivered.  Ctrl-C stops.

    \b
    Example:
      borderwatch watch src/borderwatch/data/feeds.yaml --every 15m
      borderwatch watch feeds.yaml --once --db news.db
    """
    from ..watch import Watcher, parse_interval

    settings = _settings(db)
    store = _store(settings)
    try:
        seconds = parse_interval(every)
        watcher = Watcher.open(
            feeds_file,
            settings=settings,
            store=store,
            state_path=state,
            allow_private=allow_private,
            allowed_ports=allow_ports,
        )
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    with watcher:
        try:
            deliver = _cycle_then_deliver(store, allow_private)
            report = watcher.run(every=seconds, once=once, on_cycle=deliver)
        except KeyboardInterrupt:
            console.print("watch stopped")
            return
    if report.errors:
        sys.exit(1)


def _cycle_then_deliver(store: Store, allow_private: bool) -> Any:
    """Log a watch cycle, then send the alerts it raised (``--allow-private`` lets local
    receivers be reached, as it lets local feeds be read)."""
    from .alerts import deliver_pending

    def done(report: Any) -> None:
        _print_cycle(report)
        try:
            deliver_pending(store, quiet=True, allow_private=allow_private)
        except BorderwatchError as exc:  # the next cycle delivers what this one could not
            click.echo(f"error: alert delivery: {exc}", err=True)

    return done


def _print_cycle(report: Any) -> None:
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    console.print(report.line(), markup=False, highlight=False, soft_wrap=True)


@main.command("batch")
@click.argument("input_path", metavar="INPUT")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; ray: Ray Data on a local or existing cluster.",
)
@click.option(
    "--address",
    metavar="ADDRESS",
    help="An existing Ray cluster (ray://HOST:10001 or HOST:6379) [default: start a local Ray "
    "for the run]. Only with --engine ray.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    help="Worker processes (local; 0 = in this process) or Ray actors [default: CPU count].",
)
@click.option(
    "--out",
    metavar="DB_OR_PARQUET",
    help="Where results go: a SQLite path or postgresql:// URL, or a DIR.parquet dataset of "
    "processed documents to load later [default: --db].",
)
@published_option
@outlet_option
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write each failure as a JSON line (source, stage, reason) to this file.",
)
@db_option
def batch_command(
    input_path: str,
    engine: str,
    address: str | None,
    workers: int | None,
    out: str | None,
    published: date | None,
    outlet: str | None,
    report_path: str | None,
    db: str | None,
) -> None:
    """Process many articles in parallel and store their events (or write them to Parquet).

    INPUT is a directory (.txt, .md, .html, .jsonl files), a JSONL file or a Parquet dataset of
    articles -- one per line or row: text (or html) and optional title, url, published, outlet
    -- or a DIR.parquet of processed documents written by an earlier `batch --out`, which is
    then loaded into the database.  Each article goes through the same function as `ingest`;
    results are committed one transaction per document, and fused.  A batch that was stopped is
    resumed by running the same command: documents already stored are skipped.  Failures are
    listed one per line and never stop the run; exit code 1 if any.

    \b
    Example:
      borderwatch batch articles.jsonl --workers 2
      borderwatch batch articles/ --engine ray --db postgresql://localhost/borderwatch
      borderwatch batch articles.parquet --engine ray --address ray://head:10001 \\
          --out processed.parquet
      borderwatch batch processed.parquet --db borderwatch.db
    """
    from ..batch import Batch

    settings = _settings(db)
    try:
        job = Batch(
            input_path,
            settings,
            engine=engine,
            workers=workers,
            address=address,
            out=out,
            published=published,
            outlet=outlet,
        )
        total = job.count()
        job.start()  # before the progress display's thread: workers fork from this process
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task(f"Batch ({engine})", total=total, rate="")
            for _ in job.run():
                progress.update(task, advance=1, rate=f"{job.report.rate:.1f} articles/s")
    except KeyboardInterrupt:
        console.print("stopped; run the same command again to resume")
        sys.exit(130)
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    report = job.report
    for failure in report.failed:
        click.echo(f"error: {failure.line()}", err=True)
    if report_path:
        with Path(report_path).open("w", encoding="utf-8") as handle:
            for failure in report.failed:
                row = {"source": failure.source, "stage": failure.stage, "reason": failure.reason}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    where = "written to Parquet" if job.writes_parquet else "stored"
    table = Table(title=f"Batch summary ({engine}, {report.seconds:.0f} s)")
    table.add_column("documents")
    table.add_column("count", justify="right")
    for name, value in (
        ("read", report.read),
        (where, report.stored),
        ("already stored, skipped", report.done),
        ("unchanged (a copy was stored)", report.unchanged),
        ("failed", len(report.failed)),
        ("mentions", report.mentions),
        ("events touched", report.events),
        ("articles/s", f"{report.rate:.1f}"),
    ):
        table.add_row(name, str(value))
    console.print(table)
    if report.failed:
        sys.exit(1)


# Commands that live in their own modules of this package are registered here, one line each:
#   from .geoparse import geoparse  ->  main.add_command(geoparse)
main.add_command(importlib.import_module(".alerts", __package__).alerts)
main.add_command(importlib.import_module(".documents", __package__).retract)
main.add_command(importlib.import_module(".documents", __package__).failures)
main.add_command(importlib.import_module(".documents", __package__).retry)
main.add_command(importlib.import_module(".geoparse", __package__).geoparse)


if __name__ == "__main__":  # pragma: no cover
    main()
