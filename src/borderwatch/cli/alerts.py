"""``borderwatch alerts``: saved searches that raise alerts, and sending those alerts.

Alerts are written by every writer in the transaction that changes the events (the store's
outbox); ``alerts deliver`` sends what is pending once, ``watch`` after each cycle and ``serve``
in the background.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from ..errors import BorderwatchError
from . import _settings, _store, console, db_option, out

if TYPE_CHECKING:
    from ..alerts.deliver import DeliveryReport
    from ..store import Store


@click.group("alerts")
def alerts() -> None:
    """Saved searches that raise alerts (webhook, Atom feed), and their delivery.

    \b
    Example:
      borderwatch alerts add arsal --place Arsal --radius-km 25 --webhook https://example.org/hook
      borderwatch alerts deliver
    """


@alerts.command("add")
@click.argument("name")
@click.option("--type", "event_type", metavar="T", help="Event type or sub-event type.")
@click.option("--sub-type", "sub_event_type", metavar="S", help="Sub-event type.")
@click.option("--actor", metavar="A", help="Part of actor 1's or actor 2's name.")
@click.option("--place", metavar="P", help="Part of the location name; with --radius-km, a centre.")
@click.option("--radius-km", type=click.FloatRange(0, min_open=True), help="Radius around --place.")
@click.option("--lat", "latitude", type=click.FloatRange(-90, 90), help="Centre latitude.")
@click.option("--lon", "longitude", type=click.FloatRange(-180, 180), help="Centre longitude.")
@click.option("--bbox", metavar="W,S,E,N", help="Bounding box in degrees.")
@click.option("--country", metavar="C", help="Country of the event's location.")
@click.option("--tag", metavar="TAG", help="A border tag the event carries.")
@click.option("--min-fatalities", type=click.IntRange(0), help="At least this many killed.")
@click.option("--min-sources", type=click.IntRange(1), help="At least this many outlets.")
@click.option("--text", metavar="Q", help="Free text: type, place, actors, notes, sentences.")
@click.option(
    "--crossing",
    metavar="ID|all",
    help="Watch a crossing's status instead of events (an id of `borderwatch crossings`, or "
    "all): an alert when its status changes.",
)
@click.option("--webhook", metavar="URL", help="POST each alert here (signed).")
@click.option("--secret", metavar="S", help="HMAC key for the signature [default: made for you].")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow a webhook on a private, loopback or link-local address (a local receiver).",
)
@db_option
def add(name: str, db: str | None, **values: Any) -> None:
    """Save a search; every change committed from now on that makes an event match it raises an
    alert (new, updated or retracted).

    \b
    Example:
      borderwatch alerts add arsal --place Arsal --radius-km 25 --min-fatalities 1 \\
          --webhook https://example.org/hook
      borderwatch alerts add abductions --type Abduction/forced disappearance --country Lebanon
      borderwatch alerts add masnaa-status --crossing masnaa
    """
    from ..alerts.searches import build_search

    settings = _settings(db)
    if values.get("crossing") is not None:
        _check_crossing(values, settings.region_dirs)
    store = _store(settings)
    try:
        search, made_secret = build_search(name, values, settings.region_dirs)
        search = store.add_search(search)
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    console.print(f"saved search {search.name!r}: {json.dumps(search.filters())}")
    console.print(f"Atom feed: http://{settings.host}:{settings.port}/api/alerts/{name}.atom")
    if made_secret:
        console.print("webhook secret (shown once; verify X-Borderwatch-Signature with it):")
        click.echo(search.secret)


# Options that only filter events (a crossing search takes none of them).
DELIVERY_OPTIONS = ("crossing", "webhook", "secret", "allow_private")


def _check_crossing(values: dict[str, Any], region_dirs: tuple[str, ...]) -> None:
    """A crossing search names a known crossing (or all) and no event filter."""
    from ..crossings import load_crossings

    known = [c.crossing_id for c in load_crossings(region_dirs)]
    if values["crossing"] not in (*known, "all"):
        raise click.ClickException(
            f"no crossing {values['crossing']!r}; known: {', '.join(known)}, or all"
        )
    filters = [k for k, v in values.items() if v not in (None, False) and k not in DELIVERY_OPTIONS]
    if filters:
        named = ", ".join(filters)
        raise click.ClickException(
            f"--crossing watches a crossing's status and takes no event filter ({named})"
        )


@alerts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per search).")
@db_option
def list_searches(as_json: bool, db: str | None) -> None:
    """List saved searches with their filters, webhook, and alerts (in all, still to deliver,
    and why delivery is failing, if it is).

    \b
    Example:
      borderwatch alerts list --json
    """
    store = _store(_settings(db))
    counts = store.alert_counts()
    found = [{**s.public(), **counts.get(s.name, {})} for s in store.searches()]
    if as_json:
        out.print_json(json.dumps(found, ensure_ascii=False))
        return
    table = Table("name", "filters", "webhook", "alerts", "pending", "last error")
    for search in found:
        filters = ", ".join(f"{k}={v}" for k, v in search["filters"].items())
        table.add_row(
            search["name"],
            filters or "(every event)",
            search["webhook"] or "",
            str(search.get("alerts", 0)),
            str(search.get("pending", 0)),
            search.get("last_error") or "",
        )
    out.print(table)


@alerts.command("remove")
@click.argument("name")
@db_option
def remove(name: str, db: str | None) -> None:
    """Delete a saved search and its alerts.

    \b
    Example:
      borderwatch alerts remove arsal
    """
    if not _store(_settings(db)).remove_search(name):
        raise click.ClickException(f"no saved search named {name!r}")
    console.print(f"removed {name!r}")


@alerts.command("deliver")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow every webhook on private, loopback and link-local addresses (local receivers).",
)
@db_option
def deliver(allow_private: bool, db: str | None) -> None:
    """Send the pending alerts to their webhooks, once (failures wait for their retry).

    \b
    Example:
      borderwatch alerts deliver --db news.db
    """
    settings = _settings(db)
    report = deliver_pending(
        _store(settings),
        allow_private=allow_private,
        retention_days=settings.alert_retention_days,
    )
    if report.failed:
        sys.exit(1)


def deliver_pending(
    store: Store, *, quiet: bool = False, allow_private: bool = False, retention_days: int = 0
) -> DeliveryReport:
    """One delivery round with its log lines (also run by ``watch`` after each cycle; ``quiet``:
    no line when nothing was sent or failed)."""
    from ..alerts import Deliverer

    with Deliverer(store, allow_private=allow_private, retention_days=retention_days) as deliverer:
        report = deliverer.deliver()
    for error in report.failed:
        click.echo(f"error: alert delivery: {error}", err=True)
    if not quiet or report.delivered or report.failed:
        console.print(report.line(), markup=False, highlight=False)
    return report
