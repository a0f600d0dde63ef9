"""``borderwatch retract``: withdraw a report whose outlet took it back."""

from __future__ import annotations

import json

import click

from ..errors import BorderwatchError
from . import _settings, _store, console, db_option, out


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
