"""OCHA's Syrian communities as rows of the compact region gazetteer (used by build_gazetteer.py).

Source: ``../shared/data/gazetteer/ocha_syria/`` (UN OCHA, Syria humanitarian locations, HDX,
CC BY 3.0 IGO; see its PROVENANCE.md). ACLED spells Syrian places and their admin1/admin2/admin3
as OCHA does, so for Syria OCHA's record is the one kept:

- a community becomes one row (id ``ocha:<P-code>``), named by its short name (``admin4``), with
  OCHA's governorate, district and sub-district (admin1-3); the name without its parenthesised
  disambiguator ("Kinda (Badama)" -> "Kinda") and each part of a merged community ("Hawi -
  Hawik") are its names;
- a city neighbourhood ("Jobar (ne)") is a name of its city's row: ACLED codes an event in a
  quarter of a city at the city, precision 1. A one-word quarter name ("Bilal", "Amin",
  "Abbas": as often a person's name) counts only when Who's On First / GeoNames also has a
  place of that name within ``QUARTER_KM`` of the quarter (a second source calls it a place);
- a part of a merged community or a bracket-stripped name that is an actor's name or a word
  of a person's name in ``data/actors.yaml`` ("Assad - Aslan Koy": not "Assad") is left out:
  news name the man far more often than the hamlet (the community keeps its full name);
- a Who's On First / GeoNames locality of Syria sharing a folded name with a community within
  ``MERGE_KM`` is that community: its names and population join the OCHA row and it is dropped
  (the OCHA spelling is the one shown); one matching none stays, given the admin3 (and the
  admin2 where it had none) of the nearest community within ``ADMIN3_KM``.
"""

from __future__ import annotations

import csv
import gzip
import re
from pathlib import Path

import numpy as np

from borderwatch.resolve.folding import fold
from borderwatch.resolve.places import normalise

OCHA_GLOB = "ocha_syria/*.Location.csv.gz"
# A WOF/GeoNames locality with a name of a community this close is the same place (the two
# sources' points for one village differ by a few km at most).
MERGE_KM = 6.0
# A locality OCHA does not list lies in the sub-district of the nearest community this close.
ADMIN3_KM = 8.0
QUARTER_KM = 3.0
KM_PER_DEGREE = 111.0
BRACKET = re.compile(r"\s*\([^)]*\)\s*$")
# Columns of a built row (see build_gazetteer.build).
NAME_COL, KIND_COL, COUNTRY_COL, ADMIN1_COL, LAT_COL, LON_COL, POP_COL = 1, 2, 3, 4, 5, 6, 7
EXACT_COL, FOLDED_COL, ADMIN2_COL, ADMIN3_COL = 8, 9, 10, 11
SOURCE_CREDIT = "UN OCHA, Syria humanitarian locations (HDX), CC BY 3.0 IGO"


def read_locations(source: Path) -> list[dict[str, str]]:
    """The rows of OCHA's Location sheet (none when the folder is absent)."""
    rows: list[dict[str, str]] = []
    for path in sorted(source.glob(OCHA_GLOB)):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows += csv.DictReader(handle)
    return rows


def community_names(row: dict[str, str], people: frozenset[str] = frozenset()) -> list[str]:
    """A community's names: its short name, its full name without the bracketed
    disambiguator, and each part of a merged community ("A - B"), but not a part that is in
    ``people`` (actors' names, see :func:`actor_words`)."""
    names = [row["admin4Name_en"], BRACKET.sub("", row["LocationName_en"])]
    for name in list(names):
        if " - " in name:
            names += [part.strip() for part in name.split(" - ")]
    own = row["admin4Name_en"]
    return [n for n in dict.fromkeys(names) if n and (n == own or normalise(n) not in people)]


def actor_words(actors_yaml: Path) -> frozenset[str]:
    """Every actor's names and every word of a person's name (normalised), from the actors
    file: "Assad", "Bashar", "Hezbollah"."""
    import yaml

    found: set[str] = set()
    for actor in yaml.safe_load(actors_yaml.read_text(encoding="utf-8")).get("actors", []):
        names = [
            actor.get("canonical", ""),
            *actor.get("aliases", ()),
            *actor.get("context_aliases", ()),
        ]
        found.update(normalise(n) for n in names)
        if actor.get("kind") == "person":
            found.update(normalise(w) for n in names for w in re.split(r"[\s-]+", n) if len(w) > 3)
    return frozenset(found - {""})


def neighbourhood_name(row: dict[str, str]) -> str:
    """ "Fardos - Damascus (ne)" -> "Fardos": the city after the dash disambiguates."""
    name = BRACKET.sub("", row["LocationName_en"])
    city = row["admin4Name_en"]
    return name.removesuffix(f" - {city}").strip()


# A city quarter: (name, lat, lon, P-code of its city).
Quarter = tuple[str, float, float, str]


def quarters_of(locations: list[dict[str, str]]) -> list[Quarter]:
    return [
        (
            neighbourhood_name(loc),
            float(loc["Latitude_y"]),
            float(loc["Longitude_x"]),
            loc["admin4Pcode"],
        )
        for loc in locations
        if loc["location_type"] != "Community"
    ]


def community_rows(
    locations: list[dict[str, str]], rows: list[list[str]], people: frozenset[str] = frozenset()
) -> list[list[str]]:
    """One gazetteer row per community, its city's quarters among a city's names (one-word
    quarter names only where a locality of ``rows`` (WOF/GeoNames) attests them); ``people``:
    see :func:`community_names`."""
    attested = _attested(quarters_of(locations), rows)
    quarters: dict[str, list[str]] = {}
    for name, _lat, _lon, city in quarters_of(locations):
        if " " in normalise(name) or name in attested:
            quarters.setdefault(city, []).append(name)
    communities = []
    for loc in locations:
        if loc["location_type"] != "Community":
            continue
        names = community_names(loc, people) + quarters.get(loc["Location_Pcode"], [])
        communities.append(
            [
                f"ocha:{loc['Location_Pcode']}",
                loc["admin4Name_en"],
                "locality",
                "SY",
                loc["admin1Name_en"],
                f"{float(loc['Latitude_y']):.5f}",
                f"{float(loc['Longitude_x']):.5f}",
                "0",
                "|".join(sorted({normalise(n) for n in names} - {""})),
                "|".join(sorted({fold(n) for n in names} - {""})),
                loc["admin2Name_en"],
                loc["admin3Name_en"],
            ]
        )
    return communities


def _attested(quarters: list[Quarter], rows: list[list[str]]) -> set[str]:
    """The quarter names a Syrian locality of ``rows`` of the same folded name within
    ``QUARTER_KM`` confirms."""
    by_key: dict[str, list[tuple[float, float]]] = {}
    for row in rows:
        if row[COUNTRY_COL] == "SY" and row[KIND_COL] == "locality":
            for key in row[FOLDED_COL].split("|"):
                by_key.setdefault(key, []).append((float(row[LAT_COL]), float(row[LON_COL])))
    found = set()
    for name, lat, lon, _city in quarters:
        points = by_key.get(fold(name))
        if points and _km_from(np.array(points), lat, lon).min() <= QUARTER_KM:
            found.add(name)
    return found


def merge(rows: list[list[str]], communities: list[list[str]]) -> list[list[str]]:
    """``rows`` (WOF/GeoNames, every row given an empty admin3) with ``communities`` in: a
    Syrian locality that is a community is merged into it (see the module); the others of
    Syria take the nearest community's admin3. Returns the rows kept plus the communities."""
    if not communities:
        return rows
    points = np.array([(float(c[LAT_COL]), float(c[LON_COL])) for c in communities])
    by_key: dict[str, list[int]] = {}
    for i, c in enumerate(communities):
        for key in c[FOLDED_COL].split("|"):
            by_key.setdefault(key, []).append(i)
    kept = []
    for row in rows:
        if row[COUNTRY_COL] != "SY" or row[KIND_COL] != "locality":
            kept.append(row)
            continue
        lat, lon = float(row[LAT_COL]), float(row[LON_COL])
        km = _km_from(points, lat, lon)
        same = {i for key in row[FOLDED_COL].split("|") for i in by_key.get(key, ())}
        near = [i for i in same if km[i] <= MERGE_KM]
        if near:
            _absorb(communities[min(near, key=lambda i: km[i])], row)
            continue
        nearest = int(km.argmin())
        if km[nearest] <= ADMIN3_KM:
            row[ADMIN3_COL] = communities[nearest][ADMIN3_COL]
            row[ADMIN2_COL] = row[ADMIN2_COL] or communities[nearest][ADMIN2_COL]
        kept.append(row)
    return kept + communities


def _absorb(community: list[str], row: list[str]) -> None:
    """The WOF/GeoNames record's names and population join the community's row."""
    for col in (EXACT_COL, FOLDED_COL):
        keys = set(community[col].split("|")) | set(row[col].split("|"))
        community[col] = "|".join(sorted(keys - {""}))
    community[POP_COL] = str(max(int(community[POP_COL]), int(row[POP_COL] or 0)))


def _km_from(points: np.ndarray, lat: float, lon: float) -> np.ndarray:
    scale = np.cos(np.radians(lat))
    d = (points[:, 0] - lat) ** 2 + ((points[:, 1] - lon) * scale) ** 2
    return np.sqrt(d) * KM_PER_DEGREE
