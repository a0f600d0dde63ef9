"""``borderwatch geoparse``: every toponym of plain-text files, resolved in context."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from ..settings import load_settings

console = Console()
err = Console(stderr=True)


def _inputs(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    return files


def _row(doc: str, t) -> dict[str, object]:  # noqa: ANN001 - a Toponym
    p = t.place
    return {
        "doc": doc,
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "name": p.name if p else None,
        "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None,
        "geo_precision": p.precision if p else None,
        "country": p.country if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None,
        "admin3": p.admin3 if p else None,
        "source": p.source if p else None,
    }


TABLE_COLUMNS = (
    "doc",
    "text",
    "offsets",
    "name",
    "lat, lon",
    "prec.",
    "country",
    "admin1",
    "admin2",
)


def _table_cells(name: str, t, row: dict[str, object]) -> list[str]:  # noqa: ANN001 - a Toponym
    """The table's cells for one toponym (``row``: its JSON form)."""
    point = f"{t.place.latitude:.3f}, {t.place.longitude:.3f}" if t.place else ""
    cells = [name, t.text, f"{t.start}-{t.end}", str(row["name"] or ""), point]
    return cells + [str(row[k] or "") for k in ("geo_precision", "country", "admin1", "admin2")]


@click.command("geoparse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per toponym per line.")
def geoparse(paths: tuple[str, ...], as_json: bool) -> None:
    """Every toponym in plain-text files (a directory: its .txt files), resolved in context.

    Text is read as UTF-8 and not cleaned: offsets are character offsets into the file.
    Unresolved toponyms have null coordinates. A file that cannot be read gets one error line;
    the others continue (exit code 1).

    \b
    Example:
      borderwatch geoparse article.txt
      borderwatch geoparse reports/ --json > toponyms.jsonl
    """
    from ..nlp import load_pipeline
    from ..resolve import Resolver
    from ..resolve.toponyms import geoparse_text

    settings = load_settings()
    files = _inputs(paths)
    resolver = Resolver.for_region(settings.region_dirs)
    nlp = load_pipeline(settings.spacy_model, settings.region_dirs)
    failed = 0
    table = Table(title="Toponyms")
    for column in TABLE_COLUMNS:
        table.add_column(column)
    columns = (TextColumn("geoparse"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True, disable=len(files) < 2) as progress:
        for path in progress.track(files):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                err.print(f"error: {path}: {exc}", markup=False, highlight=False)
                failed += 1
                continue
            for t in geoparse_text(nlp, resolver.places, text):
                row = _row(str(path), t)
                if as_json:
                    click.echo(json.dumps(row, ensure_ascii=False))
                    continue
                table.add_row(*_table_cells(path.name, t, row))
    if not as_json:
        console.print(table)
    if failed:
        raise SystemExit(1)
