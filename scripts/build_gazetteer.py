"""Build the packaged compact gazetteer of the region from the Who's On First / GeoNames export.

    PYTHONPATH=src python scripts/build_gazetteer.py [SOURCE_DIR] [-o OUT]

SOURCE_DIR defaults to ``../shared/data/gazetteer`` (``places_*.tsv.gz``; see its PROVENANCE.md).
The result, ``src/borderwatch/data/gazetteer_region.tsv.gz``, is committed: run this again only
when the source or the name folding changes (the file records the folding version it was made
with, and the loader refuses a file made with another).

What it keeps: populated places (WOF localities and neighbourhoods, GeoNames class P except
abandoned/historical ones) and the districts and governorates (WOF county/region), current or of
unknown status; deprecated, superseded and no-longer-current records and non-places (airports,
campuses, organisations) are dropped. Each row: id, name, kind, country, admin1 (named as in
``data/admin1.yaml``; filled from the nearest place of the same country where the source has
none), lat, lon, population, the exact keys of its Latin-script names, their folding keys, and
admin2 (the district; see :func:`district_names`), admin3 (the sub-district, Syria only).

Syria's places come from OCHA's communities where OCHA lists them (``ocha_syria/``, see
``ocha_layer.py``): ACLED spells Syrian places and their admin1-admin3 as OCHA does.

admin2 is written as the country's current district record names it (WOF ``county`` records of
Syria, Lebanon, Iraq, Israel and Palestine carry the OCHA district names ACLED uses: "Al-Qusayr",
"Jisr-Ash-Shugur", "Baalbek"), so that the spellings the source's place records use for one
district ("Hermel" / "El Hermel", "Bsharre" / "Bcharre") become one; a place the source gives no
district takes that of its nearest neighbour of the same country and admin1 within
``FILL_KM``, else none. Who's On First / GeoNames have no sub-district level: admin3 is OCHA's
(Syria), empty elsewhere.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from pathlib import Path

import numpy as np
import yaml

from borderwatch.resolve.folding import FOLD_VERSION, fold
from borderwatch.resolve.places import normalise

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ocha_layer  # noqa: E402  (this script's sibling, not a package module)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "gazetteer"
OUT = ROOT / "src" / "borderwatch" / "data" / "gazetteer_region.tsv.gz"
KINDS = {
    "locality": "locality",
    "neighbourhood": "locality",
    "county": "district",
    "region": "governorate",
}
DROP_STATUS = {"deprecated", "superseded", "not_current"}
DROP_CODES = {"PPLQ", "PPLH", "PPLW"}  # abandoned, historical, destroyed
# Source admin1 spellings that folding alone does not bring to the names of admin1.yaml.
ADMIN1_ALIASES = {
    # Syria: OCHA's names (admin1.yaml), which ACLED uses
    "Days Az Zawr": "Deir-ez-Zor",
    "Hasaka (Al Haksa)": "Al-Hasakeh",
    "Homs (Hims)": "Homs",
    "Rif Dimashq": "Rural Damascus",
    "As Suwayda'": "As-Sweida",
    "Dar`a": "Dar'a",
    "Hamah": "Hama",
    "Ar Raqqah": "Ar-Raqqa",
    "Beqaa": "Bekaa",
    "North Lebanon": "North",
    "South Lebanon": "South",
    "Baalbek Hermel": "Baalbek-Hermel",
    "Ninawa": "Nineveh",
    "Arbil": "Erbil",
    "Dihok": "Duhok",
    "At-Ta'mim": "Kirkuk",
    "Sala ad-Din": "Salah ad-Din",
    "Al-Muthannia": "Muthanna",
    "Central": "Central District",
    "Haifa": "Haifa District",
    "Jerusalem": "Jerusalem District",
    "Northern": "Northern District",
    "Southern": "Southern District",
    "Tel Aviv": "Tel Aviv District",
    "Sanliurfa": "Şanlıurfa",
    "Sirnak": "Şırnak",
    "Ma`an": "Ma'an",
    "Ajlun": "Ajloun",
    "Jarash": "Jerash",
}
# Latin-script names only: other scripts never reach the folding.
MAX_NAMES = 40
# A place without a district takes its neighbours' when FILL_AGREE of them within FILL_KM agree.
FILL_KM = 20.0
FILL_AGREE = 3
KM_PER_DEGREE = 111.0
# Column order of a row (admin2 and admin3 last: files of the older ten- and eleven-column
# formats still load).
ADMIN1_COL, LAT_COL, LON_COL, ADMIN2_COL = 4, 5, 6, 10


def admin1_names(path: Path) -> dict[str, dict[str, str]]:
    """For each country, fold key -> admin1 name as admin1.yaml spells it."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(cc): {fold(name): name for name in codes.values()} for cc, codes in raw.items()}


def map_admin1(value: str, country: str, known: dict[str, dict[str, str]]) -> str:
    value = ADMIN1_ALIASES.get(value, value)
    if country not in known:
        return value  # a country admin1.yaml does not list (PS): the source's own name
    return known[country].get(fold(value), "") if value else ""


def keep(row: dict[str, str]) -> bool:
    if row["status"] in DROP_STATUS or row["feature_code"] in DROP_CODES:
        return False
    if row["feature_class"] and row["feature_class"] != "P":
        return False
    return row["placetype"] in KINDS and bool(row["lat"]) and bool(row["lon"])


def keys_of(row: dict[str, str]) -> tuple[list[str], list[str]]:
    names = [row["name"], row["asciiname"], *row["alternatenames"].split(",")]
    latin = [n for n in dict.fromkeys(names) if n and _latin(n)][:MAX_NAMES]
    exact = sorted({normalise(n) for n in latin} - {""})
    folded = sorted({fold(n) for n in latin} - {""})
    return exact, folded


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "‘’ʿʾḤḥḌḍṢṣṬṭẒẓḨḩŢţẔẕ" for ch in name)


def district_names(records: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """For each country, fold key -> the name its current district record (WOF ``county``)
    has; a name two different current records fold to is left out (ambiguous)."""
    found: dict[str, dict[str, set[str]]] = {}
    for row in records:
        if row["placetype"] == "county" and row["status"] not in DROP_STATUS:
            found.setdefault(row["country"], {}).setdefault(fold(row["name"]), set()).add(
                row["name"]
            )
    return {
        cc: {key: names.pop() for key, names in keys.items() if len(names) == 1}
        for cc, keys in found.items()
    }


def district_admin1(records: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, district name) -> the governorate its current district record lies in. Place
    records imported earlier keep older governorates (Lebanon's Baalbek and Hermel districts
    under "Beqaa", Akkar under "North Lebanon", before the 2014 split that ACLED follows); a
    place takes its district's governorate (where the district's name is unique)."""
    found: dict[tuple[str, str], set[str]] = {}
    for r in records:
        if r["placetype"] == "county" and r["status"] not in DROP_STATUS and r["admin1"]:
            found.setdefault((r["country"], r["name"]), set()).add(r["admin1"])
    # a name several governorates' districts share (Turkey's "Merkez") says nothing
    return {key: names.pop() for key, names in found.items() if len(names) == 1}


def admin2_of(row: dict[str, str], districts: dict[str, dict[str, str]]) -> str:
    """The district of a source record, spelled as its district record is; a district record
    is its own district, a governorate has none."""
    if KINDS[row["placetype"]] == "governorate":
        return ""
    value = row["name"] if row["placetype"] == "county" else row["admin2"].strip()
    if not value:
        return ""
    return districts.get(row["country"], {}).get(fold(value), value)


def fill_admin2(rows: list[list[str]]) -> None:
    """Localities without a district take one from their neighbours of the same country and
    admin1 when the ``FILL_AGREE`` nearest that have one lie within ``FILL_KM`` and agree, and
    the place's nearest neighbour of all has one: a village's neighbours lie in its district
    far more often than the nearest district seat does, while a cluster of places without a
    district is a district the source lacks (Saida in Lebanon), left empty rather than given
    the next district's name."""
    groups: dict[tuple[str, str], list[list[str]]] = {}
    for r in rows:
        if r[2] == "locality":
            groups.setdefault((r[3], r[ADMIN1_COL]), []).append(r)
    limit = (FILL_KM / KM_PER_DEGREE) ** 2
    for same in groups.values():
        points = np.array([(float(r[LAT_COL]), float(r[LON_COL])) for r in same])
        known = np.array([bool(r[ADMIN2_COL]) for r in same])
        if known.sum() < FILL_AGREE:
            continue
        found = {}
        for i in np.flatnonzero(~known):
            d = ((points - points[i]) ** 2).sum(axis=1)
            d[i] = np.inf
            if not known[int(d.argmin())]:
                continue
            nearest = np.flatnonzero(known)[np.argsort(d[known])[:FILL_AGREE]]
            names = {same[j][ADMIN2_COL] for j in nearest}
            if len(names) == 1 and d[nearest].max() <= limit:
                found[int(i)] = names.pop()
        for i, name in found.items():
            same[i][ADMIN2_COL] = name


def fill_admin1(rows: list[list[str]]) -> None:
    """Rows without an admin1 take that of the nearest place of the same country."""
    for country in {r[3] for r in rows}:
        same = [r for r in rows if r[3] == country]
        known = [r for r in same if r[4]]
        if not known:
            continue
        points = np.array([(float(r[5]), float(r[6])) for r in known])
        for r in same:
            if not r[4]:
                d = ((points - (float(r[5]), float(r[6]))) ** 2).sum(axis=1)
                r[4] = known[int(d.argmin())][4]


def build(source: Path, admin1_yaml: Path) -> list[list[str]]:
    known = admin1_names(admin1_yaml)
    csv.field_size_limit(10**9)
    records: list[dict[str, str]] = []
    for path in sorted(source.glob("places_*.tsv.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            records += csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    districts = district_names(records)
    governorates = district_admin1(records)
    rows: list[list[str]] = []
    for row in records:
        if not keep(row):
            continue
        exact, folded = keys_of(row)
        if not exact:
            continue
        admin2 = admin2_of(row, districts)
        admin1 = governorates.get((row["country"], admin2)) or row["admin1"]
        ident = row["source_id"].split(";")
        gn = next((i for i in ident if i.startswith("gn:")), ident[0])
        rows.append(
            [
                gn,
                row["name"],
                KINDS[row["placetype"]],
                row["country"],
                map_admin1(admin1, row["country"], known),
                f"{float(row['lat']):.5f}",
                f"{float(row['lon']):.5f}",
                row["population"] or "0",
                "|".join(exact),
                "|".join(folded),
                admin2,
                "",  # admin3: OCHA's, filled by ocha_layer.merge for Syria
            ]
        )
    fill_admin1(rows)
    fill_admin2(rows)
    locations = ocha_layer.read_locations(source)
    people = ocha_layer.actor_words(admin1_yaml.parent / "actors.yaml")
    return ocha_layer.merge(rows, ocha_layer.community_rows(locations, rows, people))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.source, ROOT / "src" / "borderwatch" / "data" / "admin1.yaml")
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        raw.write(
            f"# fold_version={FOLD_VERSION}\tData from Who's On First (CC0), GeoNames "
            f"(geonames.org, CC-BY 4.0) and {ocha_layer.SOURCE_CREDIT}; "
            "built by scripts/build_gazetteer.py\n".encode()
        )
        for row in rows:
            raw.write(("\t".join(row) + "\n").encode("utf-8"))
    print(f"{len(rows)} places -> {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
