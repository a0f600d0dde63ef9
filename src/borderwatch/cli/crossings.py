"""``borderwatch crossings``: the crossing board (each crossing's status at a date, with its
evidence and recent events) and ``crossings show ID`` (one crossing's history)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from . import _date, _settings, _store, db_option, out

STATUS_STYLES = {
    "open": "bold green",
    "restricted": "bold yellow",
    "closed": "bold red",
    "disputed": "bold magenta",
    "unknown": "dim",
}
at_option = click.option(
    "--at",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="The date the board is drawn for [default: today, UTC].",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _today() -> date:
    return datetime.now(UTC).date()


@click.group("crossings", invoke_without_command=True)
@at_option
@json_option
@db_option
@click.pass_context
def crossings(ctx: click.Context, at: date | None, as_json: bool, db: str | None) -> None:
    """The crossing board: every Lebanon–Syria crossing, its status at a date as reports
    claim it (open, restricted, closed, disputed or unknown), since when, says who, and the
    events around it in the 30 days before.

    \b
    Example:
      borderwatch crossings --at 2025-08-20
      borderwatch crossings --json
      borderwatch crossings show masnaa
    """
    if ctx.invoked_subcommand is not None:
        return
    settings = _settings(db)
    day = at or _today()
    from ..crossings import load_crossings  # not at import: --help loads no region data

    rows = _store(settings).crossing_board(load_crossings(settings.region_dirs), day)
    if as_json:
        out.print_json(json.dumps({"at": day.isoformat(), "crossings": rows}, ensure_ascii=False))
        return
    out.print(_board_table(rows, day))


@crossings.command("show")
@click.argument("crossing_id", metavar="ID")
@at_option
@json_option
@db_option
def show(crossing_id: str, at: date | None, as_json: bool, db: str | None) -> None:
    """One crossing: its status, every claim about it (newest first, each with its sentence
    and source) and every event around it.

    \b
    Example:
      borderwatch crossings show qaa --json
    """
    settings = _settings(db)
    from ..crossings import load_crossings

    registry = load_crossings(settings.region_dirs)
    crossing = registry.get(crossing_id)
    if crossing is None:
        known = ", ".join(c.crossing_id for c in registry)
        raise click.ClickException(f"no crossing {crossing_id!r}; known: {known}")
    history = _store(settings).crossing_history(registry, crossing, at or _today())
    if as_json:
        out.print_json(json.dumps(history, ensure_ascii=False))
        return
    _print_history(history)


def _badge(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def _board_table(rows: list[dict[str, Any]], day: date) -> Table:
    table = Table(title=f"Crossings on {day.isoformat()} (sentences: --json or `show ID`)")
    for column in ("id", "status", "since", "why", "events", "says who"):
        table.add_column(column, overflow="fold")
    for row in rows:
        why = [row["restriction"], row["reason"], "damaged" if row["damaged"] else None]
        sources = sorted(
            {f"{e['outlet'] or e['doc']} {e['published'] or ''}" for e in row["evidence"]}
        )
        table.add_row(
            row["id"] + ("" if row["kind"] == "official" else " (informal)"),
            _badge(row["status"]),
            row["since"] or "",
            ", ".join(w for w in why if w),
            f"{len(row['events'])} ({row['pressure']} smuggling)",
            "; ".join(s.strip() for s in sources),
        )
    return table


def _cite(evidence: dict[str, Any]) -> str:
    source = evidence["outlet"] or evidence["doc"]
    return f"{evidence['sentence']} [{source}, {evidence['published'] or 'undated'}]"


def _print_history(history: dict[str, Any]) -> None:
    title = Text(f"{history['name']} ({history['id']}): ")
    title.append_text(_badge(history["status"]))
    out.print(title, f" since {history['since'] or '-'}")
    claims = Table(title="Claims, newest first")
    for column in ("from", "status", "restriction", "reason", "sentence"):
        claims.add_column(column, overflow="fold")
    for claim in history["claims"]:
        claims.add_row(
            claim["window"]["start"],
            _badge(claim["status"]),
            claim["restriction"] or "",
            claim["reason"] or "",
            _cite(claim),
        )
    out.print(claims)
    events = Table(title="Events around it")
    for column in ("id", "date", "type", "sub-type", "location", "linked"):
        events.add_column(column, overflow="fold")
    for event in history["events"]:
        linked = event["linked_by"] + (f" {event['km']} km" if event["km"] is not None else "")
        events.add_row(
            event["event_id"],
            event["date"] or "",
            event["event_type"] or "",
            event["sub_event_type"] or "",
            event["location"] or "",
            linked,
        )
    out.print(events)
