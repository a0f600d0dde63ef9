"""OCHA's names and sub-districts for the hand-made gazetteer's Syrian places.

ACLED spells Syrian places, districts and sub-districts as OCHA does (UN OCHA, Syria
humanitarian locations, HDX, CC BY 3.0 IGO; rows ``ocha:<P-code>`` of the compact gazetteer,
see ``scripts/ocha_layer.py``). The hand-made ``data/gazetteer.yaml`` keeps English media
spellings ("Abu Kamal", "Qusayr") so that the names news use are found; when one of its
towns is an OCHA community (a name or alias folds to one of the community's names, within
``SAME_KM``), or lies within ``SAME_POINT_KM`` of one whatever its spelling ("Khan Shaykhun"
and OCHA's "Khan Shaykun"), the exported place takes the community's name, district and
sub-district.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..region import Atlas, GazetteerEntry
from .folding import fold

# Kinds of the hand-made gazetteer that are one community.
POINT_KINDS = frozenset({"city", "town", "village"})
OCHA_PREFIX = "ocha:"
# A hand-made entry and a community of one of its names this close are the same place (the
# two points of one town differ by a few km at most: a town's centre, its municipality's).
SAME_KM = 6.0
# Two records of a town this close are one town whatever their spellings.
SAME_POINT_KM = 1.0
KM_PER_DEGREE = 111.0


@dataclass(frozen=True)
class OchaRecord:
    name: str
    admin2: str
    admin3: str


def hand_ocha_records(entries: tuple[GazetteerEntry, ...], atlas: Atlas) -> dict[str, OchaRecord]:
    """place_id -> the OCHA community a hand-made Syrian town or village is (see the module)."""
    if not atlas.admin3:
        return {}
    found: dict[str, OchaRecord] = {}
    unmatched: list[GazetteerEntry] = []
    for entry in entries:
        if entry.country_code != "SY" or entry.kind not in POINT_KINDS:
            continue
        rows = {
            row
            for name in (entry.name, *entry.aliases)
            for row in atlas.by_fold.get(fold(name), ())
            if atlas.ids[row].startswith(OCHA_PREFIX)
        }
        near = [(_km(entry, atlas, row), row) for row in rows]
        near = [(km, row) for km, row in near if km <= SAME_KM]
        if near:
            found[entry.place_id] = _record(atlas, min(near)[1])
        else:
            unmatched.append(entry)
    found.update(_same_points(unmatched, atlas))
    return found


def _same_points(entries: list[GazetteerEntry], atlas: Atlas) -> dict[str, OchaRecord]:
    """The entries (matched by no name) that lie within ``SAME_POINT_KM`` of a community."""
    if not entries:
        return {}
    rows = [row for row, ident in enumerate(atlas.ids) if ident.startswith(OCHA_PREFIX)]
    found = {}
    for entry in entries:
        near = [(_km(entry, atlas, row), row) for row in rows if _close(entry, atlas, row)]
        near = [(km, row) for km, row in near if km <= SAME_POINT_KM]
        if near:
            found[entry.place_id] = _record(atlas, min(near)[1])
    return found


def _close(entry: GazetteerEntry, atlas: Atlas, row: int) -> bool:
    """A cheap first test: within 0.02 degrees (about 2 km) in latitude and longitude."""
    return abs(atlas.lats[row] - entry.lat) < 0.02 and abs(atlas.lons[row] - entry.lon) < 0.02


def _record(atlas: Atlas, row: int) -> OchaRecord:
    return OchaRecord(atlas.names[row], atlas.admin2[row], atlas.admin3[row])


def _km(entry: GazetteerEntry, atlas: Atlas, row: int) -> float:

    scale = math.cos(math.radians(entry.lat))
    d_lat, d_lon = atlas.lats[row] - entry.lat, (atlas.lons[row] - entry.lon) * scale
    return math.hypot(d_lat, d_lon) * KM_PER_DEGREE
