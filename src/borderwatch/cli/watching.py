"""``borderwatch watch``: poll feeds and pages, ingest what is new, deliver the alerts it raises."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ..errors import BorderwatchError
from . import _settings, _store, allow_port_option, console, db_option

if TYPE_CHECKING:
    from ..store import Store


@click.command()
@click.argument("feeds_file", metavar="FEEDS.yaml", type=click.Path(dir_okay=False))
@click.option(
    "--every", default="15m", show_default=True, help="Time between cycles: 90s, 15m, 1h."
)
@click.option("--once", is_flag=True, help="Run one cycle and exit (exit code 1 if it had errors).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on private, loopback and link-local addresses (refused by default).",
)
@allow_port_option
@click.option(
    "--state",
    metavar="PATH",
    help="A seen-URL state file of an older version, taken into the store once "
    "[default: the one beside the database, if any].",
)
@db_option
def watch(
    feeds_file: str,
    every: str,
    once: bool,
    allow_private: bool,
    allow_ports: tuple[int, ...],
    state: str | None,
    db: str | None,
) -> None:
    """Poll feeds and pages, ingest only what is new, and log one line per cycle.

    Conditional requests (ETag, Last-Modified) and the seen URLs kept in the store keep cycles
    cheap; a crash or a kill at any point loses nothing and duplicates nothing.  After each
    cycle the alerts it raised are delivered.  Documents that failed at extraction or later
    under an older version are read again at the start.  Ctrl-C stops.

    \b
    Example:
      borderwatch watch src/borderwatch/data/feeds.yaml --every 15m
      borderwatch watch feeds.yaml --once --db news.db
    """
    from ..watch import Watcher, parse_interval
    from .documents import retry_after_upgrade

    settings = _settings(db)
    store = _store(settings)
    try:
        seconds = parse_interval(every)
        watcher = Watcher.open(
            feeds_file,
            settings=settings,
            store=store,
            state_path=state,
            allow_private=allow_private,
            allowed_ports=allow_ports,
        )
    except BorderwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    retry_after_upgrade(store, settings, allow_private, watcher.pipeline)
    if not once:
        # A long-lived monitor loads the model now, so the first new article is not the one
        # that waits for it (time from news to alert is what a monitor is judged by).
        watcher.pipeline.warm_up()
    with watcher:
        try:
            deliver = _cycle_then_deliver(store, allow_private, settings.alert_retention_days)
            report = watcher.run(every=seconds, once=once, on_cycle=deliver)
        except KeyboardInterrupt:
            console.print("watch stopped")
            return
    if report.errors:
        sys.exit(1)


def _cycle_then_deliver(store: Store, allow_private: bool, retention_days: int) -> Any:
    """Log a watch cycle, then send the alerts it raised (``--allow-private`` lets local
    receivers be reached, as it lets local feeds be read)."""
    from .alerts import deliver_pending

    def done(report: Any) -> None:
        _print_cycle(report)
        try:
            deliver_pending(
                store, quiet=True, allow_private=allow_private, retention_days=retention_days
            )
        except BorderwatchError as exc:  # the next cycle delivers what this one could not
            click.echo(f"error: alert delivery: {exc}", err=True)

    return done


def _print_cycle(report: Any) -> None:
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    console.print(report.line(), markup=False, highlight=False, soft_wrap=True)
