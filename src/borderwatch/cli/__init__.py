"""The command line: thin commands over the library, printed with rich.

Every command opens the store, calls one library function and prints; library errors become
one-line ``click`` errors.  ``--db`` defaults to ``$BORDERWATCH_DB``, else ``./borderwatch.db``.
"""

from __future__ import annotations

import importlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import BorderwatchError
from ..settings import Settings, load_settings

if TYPE_CHECKING:
    from ..pipeline import Committed, IngestReport
    from ..store import EventFilter, Store

# Start-up is paid by every command, ``--help`` included: this package and the command modules
# it registers import the pipeline (spaCy), the store (SQLAlchemy), ingest and export inside the
# commands that use them, never at the top (tests/test_startup.py checks it).
EXPORT_FORMATS = ("jsonl", "csv", "geojson")  # export.FORMATS (a test keeps the two equal)

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
    from ..store import Store

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
    reported on one line each; the others go on.  Exit code 1 if any input failed.  Documents
    that failed at extraction or later under an older version are read again first.

    \b
    Example:
      borderwatch ingest ../shared/samples/004_1e0799d9248bea6d.txt --published 2017-08-24
      borderwatch ingest dump.jsonl https://example.org/news/feed.xml
    """
    from ..ingest import read_inputs
    from ..pipeline import Pipeline, summarise
    from .documents import retry_after_upgrade

    settings = _settings(db)
    store = _store(settings)
    pipeline = Pipeline(settings)
    retry_after_upgrade(store, settings, allow_private, pipeline)
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
    _print_ingest_report(report)
    if report.failed:
        sys.exit(1)


def _print_ingest_report(report: IngestReport) -> None:
    """One line per failed or skipped input, then the summary table."""
    for failure in report.failed:
        click.echo(f"error: {failure.source}: {failure.reason}", err=True)
    for skip in report.skipped:
        click.echo(f"skipped: {skip.source}: {skip.reason} (kept with its text)", err=True)
    table = Table(title="Ingest summary")
    columns = ("read", "stored", "unchanged", "skipped", "failed", "mentions", "events touched")
    for column in columns:
        table.add_column(column, justify="right")
    stored = report.read - report.unchanged - len(report.failed) - len(report.skipped)
    counts = (report.read, stored, report.unchanged, len(report.skipped), len(report.failed))
    table.add_row(*(str(n) for n in (*counts, report.mentions, report.events)))
    console.print(table)


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
    reviewed: bool | None = None,
    include_rejected: bool = False,
) -> EventFilter:
    """The filter the shared ``_filter_options`` describe."""
    from ..store import EventFilter

    return EventFilter(
        event_type=event_type,
        since=since,
        until=until,
        place=place,
        actor=actor,
        include_unconfirmed=include_unconfirmed,
        limit=limit,
        reviewed=reviewed,
        include_rejected=include_rejected,
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
        click.option(
            "--reviewed/--unreviewed",
            default=None,
            help="Only events an analyst confirmed or edited / only the others.",
        ),
        click.option("--include-rejected", is_flag=True, help="Also events analysts rejected."),
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
    reviewed: bool | None,
    include_rejected: bool,
    limit: int,
    db: str | None,
) -> None:
    """List stored events as a table, newest first.

    \b
    Example:
      borderwatch events --type Battles --since 2017-08-01 --place Arsal
    """
    store = _store(_settings(db))
    flt = _event_filter(
        event_type,
        since,
        until,
        place,
        actor,
        include_unconfirmed,
        limit,
        reviewed,
        include_rejected,
    )
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
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True
)
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
@click.option(
    "--scope",
    "scope",
    type=click.Choice(["acled", "border", "all"]),
    default=None,
    help="Which scope admitted the events: ACLED's, Borderwatch's border business in the "
    "border zone (smuggling, closures, handovers), or all [default: acled for csv, all for "
    "jsonl and geojson].",
)
@_filter_options
@db_option
def export_command(
    fmt: str,
    output: str | None,
    retired: bool,
    scope: str | None,
    event_type: str | None,
    since: date | None,
    until: date | None,
    place: str | None,
    actor: str | None,
    include_unconfirmed: bool,
    reviewed: bool | None,
    include_rejected: bool,
    db: str | None,
) -> None:
    """Export events as JSONL, CSV (ACLED column names) or GeoJSON.

    \b
    Example:
      borderwatch export --format geojson -o events.geojson
      borderwatch export --retired          # ids merged away since the last sync
      borderwatch export --format jsonl --scope border   # the border zone's own business
    """
    from dataclasses import replace

    from ..export import export

    store = _store(_settings(db))
    if retired:
        for row in store.retired():
            sys.stdout.write(json.dumps(row) + "\n")
        return
    flt = _event_filter(
        event_type,
        since,
        until,
        place,
        actor,
        include_unconfirmed,
        None,
        reviewed,
        include_rejected,
    )
    # the ACLED CSV carries ACLED's scope unless asked otherwise
    chosen = scope or ("acled" if fmt == "csv" else "all")
    flt = replace(flt, scope=None if chosen == "all" else chosen)
    chunks = export(store.events(flt), fmt)
    if output:
        with Path(output).open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
        console.print(f"wrote {output}")
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)


# Commands that live in their own modules of this package are registered here, one line each:
#   from .geoparse import geoparse  ->  main.add_command(geoparse)
main.add_command(importlib.import_module(".alerts", __package__).alerts)
main.add_command(importlib.import_module(".documents", __package__).retract)
main.add_command(importlib.import_module(".documents", __package__).failures)
main.add_command(importlib.import_module(".documents", __package__).retry)
main.add_command(importlib.import_module(".geoparse", __package__).geoparse)
main.add_command(importlib.import_module(".evaluating", __package__).evaluate)
main.add_command(importlib.import_module(".resolving", __package__).resolve)
main.add_command(importlib.import_module(".watching", __package__).watch)
main.add_command(importlib.import_module(".batching", __package__).batch_command)
main.add_command(importlib.import_module(".crossings", __package__).crossings)
main.add_command(importlib.import_module(".review", __package__).review)
main.add_command(importlib.import_module(".reprocessing", __package__).reprocess)
main.add_command(importlib.import_module(".backup", __package__).backup)
main.add_command(importlib.import_module(".backup", __package__).restore)
main.add_command(importlib.import_module(".serving", __package__).serve)
main.add_command(importlib.import_module(".serving", __package__).demo)


if __name__ == "__main__":  # pragma: no cover
    main()
