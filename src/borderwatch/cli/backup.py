"""``borderwatch backup`` and ``borderwatch restore``: a consistent copy of the store while it is
in use, and a restore checked against the copy's manifest (see ``store/backup.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, Progress, TextColumn

from ..errors import BorderwatchError
from . import _settings, _store, console, db_option, out

if TYPE_CHECKING:  # the store is imported by the commands that open one, not by --help
    from ..store import Fingerprint
    from ..store.backup import Progress as Progress_


def _copy(label: str, action: Callable[[Path, Progress_], Fingerprint], path: Path) -> Fingerprint:
    """Run ``store.backup`` or ``store.restore`` on ``path`` behind a bar of pages copied; a
    store error is a one-line command error."""
    bar = Progress(
        TextColumn(label), BarColumn(), TextColumn("{task.completed}/{task.total} pages"),
        console=console, transient=True, disable=not console.is_terminal,
    )  # fmt: skip
    try:
        with bar:
            task = bar.add_task("copy", total=None)
            return action(path, lambda done, total: bar.update(task, completed=done, total=total))
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the backup's fingerprint as JSON.")
def backup(path: Path, db: str | None, as_json: bool) -> None:
    """Copy the store to PATH, consistently, while serve, watch or ingest keep writing.

    SQLite: the online backup API (PATH is a SQLite file); PostgreSQL: pg_dump's custom format
    of one snapshot.  PATH.manifest.json records what the copy holds, for `restore` to check.

    \b
    Example:
      borderwatch backup backups/borderwatch-2026-12-05.db
      borderwatch backup --db postgresql://127.0.0.1/test backups/pg.dump
    """
    store = _store(_settings(db))
    _report("backed up", path, _copy("backup", store.backup, path), as_json)


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the restored fingerprint as JSON.")
def restore(path: Path, db: str | None, as_json: bool) -> None:
    """Replace the store with the backup PATH, then check it answers the same events.

    The restored store's documents, mentions, saved searches and every event (id, last
    change, content) are compared with PATH.manifest.json; any difference is an error.

    \b
    Example:
      borderwatch restore backups/borderwatch-2026-12-05.db --db restored.db
    """
    store = _store(_settings(db))
    _report("restored and checked", path, _copy("restore", store.restore, path), as_json)


def _report(done: str, path: Path, made: Fingerprint, as_json: bool) -> None:
    if as_json:
        out.print_json(json.dumps({"path": str(path), **asdict(made)}))
        return
    out.print(
        f"{done} {path}: {made.events} events, {made.documents} documents, "
        f"{made.mentions} mentions, {made.saved_searches} saved searches "
        f"(events sha256 {made.events_digest[:12]})"
    )
