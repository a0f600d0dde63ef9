"""The district (ACLED's ``admin2``) of the hand-made gazetteer's places.

The hand-made ``data/gazetteer.yaml`` names no districts, and its entries are written by hand
(users add their own), so their district is derived when the region data is loaded rather than
written into the file: a town, village, crossing, site or district seat takes the district of
the nearest place of the compact gazetteer (``data/gazetteer_region.tsv.gz``) of the same
country and admin1, within ``NEAREST_KM`` (usually the compact record of the same town). The
nearest *place* is used, not the nearest district centroid: districts are irregular, and a
village's neighbours lie in its district far more often than the closest district seat does.
When that nearest place has no district, neither has the entry: the compact gazetteer leaves
empty the districts its source lacks (Saida in Lebanon), and the next district's name would be
wrong. Regions, mountains, valleys, provinces and countries span several districts and get
none, nor does a place with no compact neighbour that close.
"""

from __future__ import annotations

import numpy as np

from ..region import CompactGazetteer, GazetteerEntry
from .folding import fold

# Kinds of the hand-made gazetteer that lie in one district.
POINT_KINDS = frozenset({"city", "town", "village", "crossing", "site", "district"})
NEAREST_KM = 10.0
KM_PER_DEGREE = 111.0


def hand_districts(entries: tuple[GazetteerEntry, ...], atlas: CompactGazetteer) -> dict[str, str]:
    """place_id -> district for the hand-made ``entries`` that lie in one (see the module)."""
    wanted = [e for e in entries if e.kind in POINT_KINDS]
    if not wanted or not any(atlas.admin2):
        return {}
    groups = _groups(atlas, {e.country_code for e in wanted})
    limit = (NEAREST_KM / KM_PER_DEGREE) ** 2
    found: dict[str, str] = {}
    for entry in wanted:
        key = (entry.country_code, fold(entry.admin1) if entry.admin1 else "")
        group = groups.get(key) or groups.get((entry.country_code, ""))
        if group is None:
            continue
        points, names = group
        # degrees of longitude shrink with latitude: scale them to km-like units
        scale = np.cos(np.radians(entry.lat))
        d = (points[:, 0] - entry.lat) ** 2 + ((points[:, 1] - entry.lon) * scale) ** 2
        best = int(d.argmin())
        if d[best] <= limit and names[best]:
            found[entry.place_id] = names[best]
    return found


def _groups(
    atlas: CompactGazetteer, countries: set[str]
) -> dict[tuple[str, str], tuple[np.ndarray, list[str]]]:
    """(country, folded admin1) -> (points, districts, "" for none) of the compact localities
    and districts; (country, "") holds all of a country's, for entries without an admin1."""
    rows: dict[tuple[str, str], list[int]] = {}
    folded: dict[str, str] = {}  # a few dozen admin1 names over thousands of rows
    for row, kind in enumerate(atlas.kinds):
        country = atlas.countries[row]
        if kind != "governorate" and country in countries:
            admin1 = atlas.admin1[row]
            if admin1 not in folded:
                folded[admin1] = fold(admin1)
            rows.setdefault((country, folded[admin1]), []).append(row)
            rows.setdefault((country, ""), []).append(row)
    return {
        key: (
            np.array([(atlas.lats[r], atlas.lons[r]) for r in found]),
            [atlas.admin2[r] for r in found],
        )
        for key, found in rows.items()
    }
