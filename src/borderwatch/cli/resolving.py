"""``borderwatch resolve actor|place|date``: resolve one name or time expression the way
extraction does (for debugging)."""

from __future__ import annotations

import json
from datetime import date

import click

from ..settings import load_settings
from . import _date, out


@click.group()
def resolve() -> None:
    """Resolve an actor, a place or a date the way extraction does (for debugging)."""


@resolve.command("date")
@click.argument("text")
@click.option("--published", callback=_date, required=True, metavar="YYYY-MM-DD")
def resolve_date_command(text: str, published: date) -> None:
    """Resolve a time expression against a publication date.

    \b
    Example:
      borderwatch resolve date "earlier this month" --published 2017-08-24
    """
    from ..resolve import resolve_date

    span = resolve_date(text, published)
    if span is None:
        raise click.ClickException(f"no date found in {text!r}")
    out.print_json(
        json.dumps(
            {
                "start": span.start.isoformat(),
                "end": span.end.isoformat(),
                "precision": span.precision,
            }
        )
    )


@resolve.command("place")
@click.argument("text")
@click.option("--context", default="", help="Text around the name (countries it mentions help).")
def resolve_place_command(text: str, context: str) -> None:
    """Resolve a place name to a point with a precision.

    \b
    Example:
      borderwatch resolve place "Aarsal"
    """
    from ..resolve import Resolver

    resolver = Resolver.for_region(load_settings().region_dirs)
    countries = tuple(
        c for c in (resolver.places.country_code(w.strip(".,")) for w in context.split()) if c
    )
    place = resolver.places.resolve(text, countries=countries)
    if place is None:
        raise click.ClickException(f"no place found for {text!r}")
    out.print_json(
        json.dumps(
            {
                "name": place.name,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "precision": place.precision,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "country": place.country,
                "source": place.source,
            }
        )
    )


@resolve.command("actor")
@click.argument("text")
@click.option(
    "--date", "on", callback=_date, metavar="YYYY-MM-DD", help="The day the role should hold on."
)
def resolve_actor_command(text: str, on: date | None) -> None:
    """Resolve an actor name (alias) to its knowledge-base entry and the role held on a date.

    \b
    Example:
      borderwatch resolve actor "Jabhat al-Nusra" --date 2015-06-01
    """
    from ..resolve import Resolver

    resolver = Resolver.for_region(load_settings().region_dirs)
    found = resolver.actors.lookup(text, on)
    if found is None:
        raise click.ClickException(f"no actor known as {text!r}")
    entry, role = found.entry, found.role
    out.print_json(
        json.dumps(
            {
                "id": entry.actor_id,
                "canonical": entry.canonical,
                "type": entry.inter,
                "country": entry.country,
                "aliases": list(entry.aliases),
                "role": None
                if role is None
                else {
                    "role": role.role,
                    "org": role.org,
                    "from": role.start and role.start.isoformat(),
                    "to": role.end and role.end.isoformat(),
                },
            },
            ensure_ascii=False,
        )
    )
