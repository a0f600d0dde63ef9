"""``borderwatch reprocess``: read stored documents again with the current pipeline and region
data (after extending the lexicon or the gazetteer, or after an upgrade)."""

from __future__ import annotations

import sys

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import BorderwatchError
from . import _settings, _store, console, db_option


@click.command()
@click.argument("docs", nargs=-1, metavar="[DOC]...")
@click.option("--all", "every", is_flag=True, help="Every stored document.")
@db_option
def reprocess(docs: tuple[str, ...], every: bool, db: str | None) -> None:
    """Read stored documents (keys, URLs or sources; or --all) again with the current pipeline
    and region data, replacing their mentions and re-fusing their events.  Analysts' reviews
    stay with their events.

    \b
    Example:
      borderwatch reprocess --all
      borderwatch reprocess https://example.org/news/story-1
    """
    from ..pipeline import Pipeline
    from ..reprocess import plan
    from ..reprocess import reprocess as run

    if every == bool(docs):
        raise click.UsageError("give document keys, URLs or sources, or --all (not both)")
    settings = _settings(db)
    store = _store(settings)
    keys, missing = plan(store, None if every else list(docs))
    for ref in missing:
        click.echo(f"error: {ref}: no stored document (give its key, URL or source)", err=True)
    columns = (TextColumn("Reprocessing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    totals = [0, 0, 0, 0]
    failed: list[str] = []
    try:
        with Progress(*columns, console=console, transient=True, disable=len(keys) < 2) as bar:
            task = bar.add_task("", total=len(keys))
            for done in run(store, Pipeline(settings), keys):
                for i, n in enumerate(
                    (done.documents, done.mentions_before, done.mentions_after, done.events)
                ):
                    totals[i] += n
                failed += done.failed
                bar.advance(task, done.documents + len(done.failed))
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in failed:
        click.echo(f"error: {line}", err=True)
    console.print(
        f"reprocessed {totals[0]} documents: {totals[1]} mentions before, {totals[2]} after; "
        f"{totals[3]} events fused again"
    )
    if missing or failed:
        sys.exit(1)
