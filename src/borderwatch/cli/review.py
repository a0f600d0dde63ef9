"""``borderwatch review queue|confirm|edit|reject|merge|split|log``: analysts correct the
machine's events; every action is logged and applied on top of the machine's output."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.table import Table

from ..errors import BorderwatchError
from ..model import REVIEW_STATUSES as STATUSES
from . import _settings, _store, db_option, out

by_option = click.option(
    "--by",
    default=None,
    metavar="NAME",
    help="Who reviews [default: $BORDERWATCH_REVIEWER, else the OS user].",
)
note_option = click.option("--note", default=None, help="Why (kept in the review log).")


def _reviewer(db: str | None) -> Any:
    from ..review import Reviewer

    settings = _settings(db)
    return Reviewer(_store(settings), settings)


def _by(by: str | None) -> str:
    from ..review import default_reviewer

    return by if by is not None else default_reviewer()


def _done(event: dict[str, Any], action: str) -> None:
    review = event.get("review", {})
    fields = ", ".join(f"{k}={v['value']!r}" for k, v in review.get("fields", {}).items())
    out.print(
        f"{action}: {event['event_id']} is {review.get('status')}"
        + (f" ({fields})" if fields else "")
        + f"; revision {review.get('revision')}"
    )


def _run(action: Any) -> Any:
    try:
        return action()
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def review() -> None:
    """Review events: confirm, correct, reject, merge and split them; see the queue and the log.

    \b
    Example:
      borderwatch review queue --max-confidence 0.6
      borderwatch review edit BW-1A2B3C4D5E6F --set actor1="Hezbollah" --note "per statement"
    """


@review.command("queue")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    default="unreviewed",
    show_default=True,
    help="Which events: not yet reviewed, by verdict, or reviewed events fusion joined.",
)
@click.option("--max-confidence", type=click.FloatRange(0, 1), default=None)
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def queue(
    status: str, max_confidence: float | None, limit: int, as_json: bool, db: str | None
) -> None:
    """Events to review, lowest machine confidence first.

    \b
    Example:
      borderwatch review queue --status unreviewed --max-confidence 0.6 --limit 10
    """
    store = _store(_settings(db))
    found = store.review_queue(status=status, max_confidence=max_confidence, limit=limit)
    if as_json:
        for event in found:
            click.echo(json.dumps(event, ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} {status} events")
    for column in ("id", "confidence", "date", "type", "actor1", "location"):
        table.add_column(column, no_wrap=True, overflow="ellipsis")
    table.add_column("sentence", no_wrap=True, overflow="ellipsis", max_width=40)
    for event in found:
        machine = event.get("machine", {}).get("confidence", event.get("confidence"))
        sources = event.get("sources") or [{}]
        table.add_row(
            event["event_id"],
            str(machine),
            (event.get("date") or {}).get("end") or "",
            event["sub_event_type"],
            (event.get("actor1") or {}).get("canonical", ""),
            (event.get("place") or {}).get("name", ""),
            (sources[0].get("sentence") or "")[:160],
        )
    out.print(table)


@review.command("confirm")
@click.argument("event_id")
@note_option
@by_option
@db_option
def confirm(event_id: str, note: str | None, by: str | None, db: str | None) -> None:
    """Confirm the machine's coding of an event as it stands.

    \b
    Example:
      borderwatch review confirm BW-1A2B3C4D5E6F --note "checked against the army statement"
    """
    reviewer = _reviewer(db)
    _done(_run(lambda: reviewer.review(event_id, "confirm", by=_by(by), note=note)), "confirmed")


@review.command("edit")
@click.argument("event_id")
@click.option(
    "--set",
    "sets",
    multiple=True,
    required=True,
    metavar="FIELD=VALUE",
    help="A corrected field (repeatable): event_type, sub_event_type, actor1, actor2, "
    "assoc_actor_1, assoc_actor_2, event_date, date_start, date_end, location, latitude, "
    "longitude, geo_precision, fatalities, tags (comma-separated), notes.",
)
@click.option("--new-actor", is_flag=True, help="Accept an actor the knowledge base lacks.")
@note_option
@by_option
@db_option
def edit(
    event_id: str,
    sets: tuple[str, ...],
    new_actor: bool,
    note: str | None,
    by: str | None,
    db: str | None,
) -> None:
    """Correct fields of an event; each value is checked as the machine's are.

    \b
    Example:
      borderwatch review edit BW-1A2B3C4D5E6F --set fatalities=3 --set location=Arsal
    """
    reviewer = _reviewer(db)
    _done(
        _run(
            lambda: reviewer.review(
                event_id, "edit", by=_by(by), note=note, sets=sets, new_actor=new_actor
            )
        ),
        "edited",
    )


@review.command("reject")
@click.argument("event_id")
@click.option("--note", required=True, help="Why the event is wrong (required).")
@by_option
@db_option
def reject(event_id: str, note: str, by: str | None, db: str | None) -> None:
    """Reject an event: it leaves exports, the API and the dashboard (unless asked for), and
    saved searches it matched get a ``retracted`` alert.

    \b
    Example:
      borderwatch review reject BW-1A2B3C4D5E6F --note "a drill, not an attack"
    """
    reviewer = _reviewer(db)
    _done(_run(lambda: reviewer.review(event_id, "reject", by=_by(by), note=note)), "rejected")


@review.command("merge")
@click.argument("keep_id")
@click.argument("other_id")
@note_option
@by_option
@db_option
def merge(keep_id: str, other_id: str, note: str | None, by: str | None, db: str | None) -> None:
    """Merge OTHER_ID into KEEP_ID: one event with both events' reports.

    \b
    Example:
      borderwatch review merge BW-1A2B3C4D5E6F BW-6F5E4D3C2B1A --note "same raid"
    """
    reviewer = _reviewer(db)
    event = _run(lambda: reviewer.merge(keep_id, other_id, by=_by(by), note=note))
    out.print(f"merged: {other_id} is now {event['event_id']} ({len(event['sources'])} reports)")


@review.command("split")
@click.argument("event_id")
@click.option("--source", "doc", required=True, help="The report to split off (key, URL, source).")
@note_option
@by_option
@db_option
def split(event_id: str, doc: str, note: str | None, by: str | None, db: str | None) -> None:
    """Split one report's mentions off an event into an event of their own.

    \b
    Example:
      borderwatch review split BW-1A2B3C4D5E6F --source https://example.org/story --note "other day"
    """
    reviewer = _reviewer(db)
    event = _run(lambda: reviewer.split(event_id, doc, by=_by(by), note=note))
    out.print(f"split: {event['event_id']} now holds that report; {event_id} keeps the others")


@review.command("log")
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def log(event_id: str, as_json: bool, db: str | None) -> None:
    """Every review action on an event: who, when, action, field, machine and analyst value,
    note.

    \b
    Example:
      borderwatch review log BW-1A2B3C4D5E6F
    """
    rows = _store(_settings(db)).review_log(event_id)
    if not rows:
        raise click.ClickException(f"no review of {event_id!r}")
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"review log of {event_id}")
    for column in ("at", "by", "action", "field", "machine", "analyst", "note"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["at"],
            row["by"],
            row["action"],
            row["field"] or "",
            "" if row["machine_value"] is None else json.dumps(row["machine_value"]),
            "" if row["analyst_value"] is None else json.dumps(row["analyst_value"]),
            row["note"] or "",
        )
    out.print(table)
