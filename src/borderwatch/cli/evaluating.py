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
