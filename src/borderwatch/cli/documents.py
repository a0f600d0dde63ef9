"""A document's life after ingest: ``retract`` (an outlet took a report back), ``failures`` (what
could not be stored, by document and stage) and ``retry`` (try those again)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from ..errors import BorderwatchError
from ..model import IngestReport
from ..settings import Settings
from . import _settings, _store, console, db_option, out

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..store import Store

# store.RETRYABLE_STAGES, written out so that ``--help`` need not import the store (a test
# keeps the two equal).
RETRY_DEFAULT_HELP = "extract, process, store, batch"


@click.command("retract")
@click.argument("document", metavar="DOC")
@db_option
def retract(document: str, db: str | None) -> None:
    """Withdraw a stored report (its key, URL or source): its mentions leave their events, the
    events are fused again from their other reports, an event left with none is retired
    (listed by `export --retired`), revisions record it, and alerts go out.

    \b
    Example:
      borderwatch retract https://example.org/2025/03/04/withdrawn-story
      borderwatch retract 3f2a9c0d1e4b5a6c7d8e9f01
    """
    from ..commit import retract as retract_document

    settings = _settings(db)
    store = _store(settings)
    try:
        done = retract_document(store, document, settings.fatality_rule)
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    console.print(
        f"retracted {done.doc_key}: {done.mentions} mentions removed, "
        f"{len(done.events)} events rewritten, {len(done.retired)} retired",
        soft_wrap=True,
        highlight=False,
    )
    out.print_json(json.dumps({"events": done.events, "retired": done.retired}))


@click.command("failures")
@click.option("--stage", "stages", multiple=True, metavar="S", help="Only this stage (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def failures(stages: tuple[str, ...], as_json: bool, db: str | None) -> None:
    """List documents that failed, one row per document and stage, latest first.

    \b
    Example:
      borderwatch failures --stage extract
    """
    found = _store(_settings(db)).failures(stages)
    if as_json:
        out.print_json(json.dumps(found, default=str, ensure_ascii=False))
        return
    table = Table("source", "stage", "reason", "attempts", "last")
    for row in found:
        when = f"{row['at']:%Y-%m-%d %H:%M}" if row["at"] else ""
        table.add_row(row["source"], row["stage"], row["reason"], str(row["attempts"]), when)
    out.print(table)


@click.command("retry")
@click.option(
    "--stage",
    "stages",
    multiple=True,
    metavar="S",
    help=f"Stages to retry (repeatable) [default: {RETRY_DEFAULT_HELP}].",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on private, loopback and link-local addresses (refused by default).",
)
@db_option
def retry(stages: tuple[str, ...], allow_private: bool, db: str | None) -> None:
    """Read again the documents that failed at extraction or later (after an upgrade, say) and
    store them; a document that works now leaves the failures list.

    \b
    Example:
      borderwatch retry
      borderwatch retry --stage extract --db news.db
    """
    from ..store import RETRYABLE_STAGES

    settings = _settings(db)
    store = _store(settings)
    sources = sorted({f["source"] for f in store.failures(stages or RETRYABLE_STAGES)})
    report, readable = read_again(store, settings, sources, allow_private)
    _print_retried(report, f"retried {len(readable)}")
    if report.failed or len(readable) < len(sources):
        sys.exit(1)


def _print_retried(report: IngestReport, lead: str) -> None:
    stored = report.read - report.unchanged - len(report.failed)
    console.print(
        f"{lead}: {stored} stored, {report.unchanged} already stored, "
        f"{len(report.failed)} failed again",
        soft_wrap=True,
        highlight=False,
    )


def read_again(
    store: Store,
    settings: Settings,
    sources: list[str],
    allow_private: bool,
    pipeline: Pipeline | None = None,
) -> tuple[IngestReport, list[str]]:
    """Read ``sources`` again and store them (those that work now leave the failures list);
    the report and the sources that could be read at all (a file gone, a dump line cannot).
    ``pipeline``: the calling command's own, so the model is loaded once per command."""
    from ..ingest import read_inputs
    from ..pipeline import Pipeline, summarise

    readable = [
        s for s in sources if s.lower().startswith(("http://", "https://")) or Path(s).exists()
    ]
    for source in sorted(set(sources) - set(readable)):
        click.echo(
            f"error: {source}: cannot be read again (ingest its dump or file again)", err=True
        )
    raws = list(
        read_inputs(readable, max_bytes=settings.max_document_bytes, allow_private=allow_private)
    )
    outcomes = list((pipeline or Pipeline(settings)).ingest(store, raws))
    store.forget_failures([o.source for o in outcomes if o.status == "unchanged"])
    report = summarise(outcomes)
    for failure in report.failed:
        click.echo(f"error: {failure.source}: {failure.reason}", err=True)
    return report, readable


def retry_after_upgrade(
    store: Store, settings: Settings, allow_private: bool, pipeline: Pipeline
) -> None:
    """What ``ingest`` and ``watch`` do first: documents that failed at extraction or later
    under an older version are read again once (the extractor may handle them now); a failure
    again records the current version, so the next run does not retry it."""
    sources = store.failed_under_older_versions()
    if not sources:
        return
    console.print(
        f"retrying {len(sources)} documents that failed under an older version",
        highlight=False,
    )
    report, _ = read_again(store, settings, sources, allow_private, pipeline)
    _print_retried(report, "retried")
