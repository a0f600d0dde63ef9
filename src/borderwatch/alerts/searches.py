"""Making a saved search from what a user typed: the CLI's options and the API's JSON alike.

A place with a radius is resolved here, once, to its centre (the gazetteer the extractor uses),
so the search keeps matching the same circle whatever the gazetteer later learns; a webhook
without a secret gets a random one, shown once to its maker.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from ..store import SavedSearch, SearchError

SECRET_BYTES = 32  # a 256-bit key, as long as the HMAC-SHA256 block's digest


def new_secret() -> str:
    return secrets.token_hex(SECRET_BYTES)


def place_centre(place: str, region_dirs: Sequence[str] = ()) -> tuple[float, float]:
    """The coordinates the region's gazetteer gives a place name."""
    from ..resolve import Resolver

    found = Resolver.for_region(tuple(region_dirs)).places.resolve(place)
    if found is None:
        raise SearchError(f"no place found for {place!r}; give --lat/--lon or another name")
    return found.latitude, found.longitude


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``WEST,SOUTH,EAST,NORTH`` in degrees."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise SearchError(f"bbox {text!r} must be WEST,SOUTH,EAST,NORTH in degrees") from exc
    return west, south, east, north


def build_search(
    name: str, values: dict[str, Any], region_dirs: Sequence[str] = ()
) -> tuple[SavedSearch, bool]:
    """A saved search from named values (unset ones None), and whether its secret was made
    here (the caller shows it: it is never shown again)."""
    given = {k: v for k, v in values.items() if v is not None and v != ""}
    if isinstance(given.get("bbox"), str):
        given["bbox"] = parse_bbox(given["bbox"])
    elif given.get("bbox") is not None:
        given["bbox"] = tuple(float(v) for v in given["bbox"])
    if "radius_km" in given and "latitude" not in given:
        if "place" not in given:
            raise SearchError("a radius needs a place (or a latitude and longitude) as its centre")
        given["latitude"], given["longitude"] = place_centre(given["place"], region_dirs)
    made_secret = bool(given.get("webhook")) and not given.get("secret")
    if made_secret:
        given["secret"] = new_secret()
    try:
        return SavedSearch(name=name, **given), made_secret
    except TypeError as exc:
        raise SearchError(f"unknown saved-search field: {exc}") from exc
