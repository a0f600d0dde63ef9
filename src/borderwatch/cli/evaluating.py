"""``borderwatch evaluate``: score extraction against hand-coded gold events."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from ..errors import BorderwatchError
from ..settings import load_settings
from . import console, out


@click.command()
@click.argument(
    "gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--reviewed",
    is_flag=True,
    help="Instead of a gold file, score the machine against analysts' reviews in --db: per "
    "field, how often an analyst changed the machine's value.",
)
@click.option("--db", default=None, metavar="PATH_OR_URL", help="The database (with --reviewed).")
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of the gold file's documents [default: the gold file's directory].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option(
    "--half",
    "which",
    type=click.Choice(["tune", "check"]),
    default=None,
    help="Score only one fixed half of the gold documents (by a hash of the file name): "
    "rules are written on the tune half and checked on the other.",
)
@click.option(
    "--misses",
    "show_misses",
    is_flag=True,
    help="List, per gold event, what the export missed: unmatched events, then each matched "
    "pair's wrong actor1, actor2, sub-type, place and date beside the gold's.",
)
def evaluate(
    gold: Path | None,
    docs_dir: Path | None,
    as_json: bool,
    reviewed: bool,
    db: str | None,
    which: str | None,
    show_misses: bool = False,
) -> None:
    """Score extraction against hand-coded gold events (or, with --reviewed, against analysts'
    reviews).

    Ingests the gold file's documents (with their publication dates) into a temporary database,
    exports, and prints core recall, recall, a precision lower bound and field accuracies.

    \b
    Example:
      borderwatch evaluate ../shared/samples/gold.json --docs ../shared/samples
      borderwatch evaluate tests/data/demo_gold.json --docs src/borderwatch/data/demo --half tune
      borderwatch evaluate tests/data/demo_gold.json --docs src/borderwatch/data/demo --misses
      borderwatch evaluate --reviewed --db events.db
    """
    if reviewed:
        _from_reviews(db, as_json)
        return
    if gold is None:
        raise click.UsageError("give a gold file, or --reviewed")
    from ..evaluate import evaluate as run_evaluation
    from ..evaluate import miss_lines

    try:
        report = run_evaluation(gold, docs_dir or gold.parent, load_settings(), which)
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
    if show_misses:
        for line in miss_lines(report):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
        return
    for miss in report.misses:
        console.print(f"missed {miss}")


def _from_reviews(db: str | None, as_json: bool) -> None:
    """Print, per field, how often analysts changed the machine's value."""
    from . import _settings, _store

    report = _store(_settings(db)).review_accuracy()
    if as_json:
        out.print_json(json.dumps(report))
        return
    table = Table(title=f"{report['reviewed']} events confirmed or edited by analysts")
    for column in ("field", "changed", "machine right"):
        table.add_column(column, justify="right")
    for name, row in report["fields"].items():
        right = "n/a" if row["machine_right"] is None else f"{row['machine_right']:.3f}"
        table.add_row(name, str(row["changed"]), right)
    out.print(table)
