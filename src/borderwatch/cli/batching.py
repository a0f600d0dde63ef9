"""``borderwatch batch``: process many articles in parallel (local pool or Ray) and store them."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import BorderwatchError
from . import _settings, console, db_option, outlet_option, published_option

if TYPE_CHECKING:
    from ..batch import Batch, BatchReport


@click.command("batch")
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
        _run_with_progress(job, engine)
    except KeyboardInterrupt:
        console.print("stopped; run the same command again to resume")
        sys.exit(130)
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    report = job.report
    for failure in report.failed:
        click.echo(f"error: {failure.line()}", err=True)
    if report_path:
        _write_failures(report, report_path)
    console.print(_summary_table(job, engine))
    if report.failed:
        sys.exit(1)


def _run_with_progress(job: Batch, engine: str) -> None:
    """Run the whole batch behind a progress bar that shows the live throughput.

    The job is started before the progress display so that local workers fork from a process
    without the display's thread.
    """
    total = job.count()
    job.start()
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


def _write_failures(report: BatchReport, report_path: str) -> None:
    """Write each failure as one JSON line, so a long run's failures can be reprocessed by tools."""
    with Path(report_path).open("w", encoding="utf-8") as handle:
        for failure in report.failed:
            row = {"source": failure.source, "stage": failure.stage, "reason": failure.reason}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _summary_table(job: Batch, engine: str) -> Table:
    """The end-of-run counts, worded for where results went (database or Parquet)."""
    report = job.report
    where = "written to Parquet" if job.writes_parquet else "stored"
    table = Table(title=f"Batch summary ({engine}, {report.seconds:.0f} s)")
    table.add_column("documents")
    table.add_column("count", justify="right")
    for name, value in (
        ("read", report.read),
        (where, report.stored),
        ("already stored, skipped", report.done),
        ("unchanged (a copy was stored)", report.unchanged),
        ("not English, kept with its text", report.foreign),
        ("failed", len(report.failed)),
        ("mentions", report.mentions),
        ("events touched", report.events),
        ("articles/s", f"{report.rate:.1f}"),
    ):
        table.add_row(name, str(value))
    return table
