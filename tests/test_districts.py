"""admin2 (districts): the build script's district names, the shipped compact gazetteer's
district column, the hand-made gazetteer's derived districts, and the exports that carry them."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from borderwatch.export import export, export_record
from borderwatch.model import DateSpan, Event, Place, RawDocument, to_jsonable
from borderwatch.pipeline import Pipeline
from borderwatch.region import CompactGazetteer, GazetteerEntry
from borderwatch.resolve import Resolver
from borderwatch.resolve.districts import hand_districts
from borderwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver.for_region()


def record(name: str, placetype: str, admin2: str, status: str = "current") -> dict[str, str]:
    return {
        "name": name,
        "placetype": placetype,
        "status": status,
        "admin2": admin2,
        "country": "LB",
    }


# --- the build script ---------------------------------------------------------------------------


def test_a_district_spelled_two_ways_by_place_records_takes_its_district_records_name():
    script = build_script()
    records = [
        record("El Hermel", "county", "El Hermel"),
        record("Hermel", "county", "Hermel", status="deprecated"),  # not the current record
        record("Bcharre", "county", "Bcharre"),
    ]
    districts = script.district_names(records)
    assert script.admin2_of(record("Qasr", "locality", "Hermel"), districts) == "El Hermel"
    assert script.admin2_of(record("Hadath", "locality", "Bsharre"), districts) == "Bcharre"
    # a district the source has no record of keeps the place record's own spelling
    assert script.admin2_of(record("Kfar", "locality", "Saida"), districts) == "Saida"
    # a district record is its own district; a governorate has none
    assert script.admin2_of(record("El Hermel", "county", ""), districts) == "El Hermel"
    assert script.admin2_of(record("Bekaa", "region", "Zahle"), districts) == ""


def test_a_place_takes_the_governorate_its_district_lies_in():
    script = build_script()
    hermel = record("El Hermel", "county", "El Hermel") | {"admin1": "Baalbek-Hermel"}
    merkez_a = record("Merkez", "county", "Merkez") | {"admin1": "Hatay"}
    merkez_b = record("Merkez", "county", "Merkez") | {"admin1": "Kilis"}
    found = script.district_admin1([hermel, merkez_a, merkez_b])
    assert found == {("LB", "El Hermel"): "Baalbek-Hermel"}  # a shared name says nothing


def test_lebanese_places_are_in_the_governorates_since_2014(resolver: Resolver):
    atlas = resolver.region.atlas
    governorate = {"Baalbek": "Baalbek-Hermel", "El Hermel": "Baalbek-Hermel", "Akkar": "Akkar"}
    lebanon = [r for r, c in enumerate(atlas.countries) if c == "LB"]
    rows = [r for r in lebanon if atlas.admin2[r] in governorate]
    assert len(rows) > 400
    assert all(atlas.admin1[r] == governorate[atlas.admin2[r]] for r in rows)


def row(name: str, lat: float, lon: float, admin2: str) -> list[str]:
    return ["gn:1", name, "locality", "LB", "South", f"{lat}", f"{lon}", "0", "x", "x", admin2]


def test_a_place_without_a_district_takes_its_neighbours_only_when_they_agree():
    script = build_script()
    rows = [
        row("a", 33.00, 35.50, "Sour"),
        row("b", 33.01, 35.50, "Sour"),
        row("c", 33.00, 35.51, "Sour"),
        row("lone", 33.005, 35.505, ""),  # among three of Sour, all near: Sour
        row("d", 33.40, 35.50, "Jezzine"),
        row("e", 33.41, 35.50, "Jezzine"),
        row("f", 33.40, 35.51, "Sour"),
        row("split", 33.405, 35.505, ""),  # its neighbours disagree: none
        # a cluster of places the source gives no district (a district it lacks): none
        row("g", 33.20, 35.80, ""),
        row("h", 33.201, 35.80, ""),
    ]
    script.fill_admin2(rows)
    found = {r[1]: r[10] for r in rows}
    assert found["lone"] == "Sour"
    assert found["split"] == ""
    assert found["g"] == found["h"] == ""


# --- the shipped compact gazetteer and the resolver ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "admin1", "admin2"),
    [
        ("Qusayr", "Homs", "Al-Qusayr"),
        ("Madaya", "Rural Damascus", "Az-Zabdani"),
        ("Jisr al-Shughour", "Idleb", "Jisr-Ash-Shugur"),
        ("Arsal", "Baalbek-Hermel", "Baalbek"),
        ("Hermel", "Baalbek-Hermel", "El Hermel"),
        ("Tyre", "South", "Sour"),
    ],
)
def test_real_places_carry_their_district(resolver: Resolver, name, admin1, admin2):
    place = resolver.places.resolve(name)
    assert place is not None
    assert (place.admin1, place.admin2) == (admin1, admin2)


def test_regions_and_governorates_have_no_district(resolver: Resolver):
    for name in ("Qalamoun", "Lebanon"):
        place = resolver.places.resolve(name)
        assert place is not None and place.admin2 is None, name
    governorate = resolver.places.governorate_of(resolver.places.resolve("Madaya"))
    assert governorate is not None and governorate.precision == 3
    assert governorate.admin2 is None


def test_compact_rows_with_a_district_record_carry_its_name(resolver: Resolver):
    atlas = resolver.region.atlas
    districts = {atlas.names[r] for r, kind in enumerate(atlas.kinds) if kind == "district"}
    named = [a for a in atlas.admin2 if a]
    assert len(named) > 0.9 * len(atlas.admin2)  # Jordan's source has no districts
    assert sum(a in districts for a in named) > 0.99 * len(named)


def test_an_older_ten_column_compact_file_still_loads(tmp_path: Path):
    path = tmp_path / "gazetteer_region.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("# fold_version=1\tinvented\n")
        handle.write("gn:9\tKfar Test\tlocality\tLB\tSouth\t33.1\t35.2\t0\tkfar test\tkfrtst\n")
    atlas = CompactGazetteer()
    atlas.add_file(path)
    assert atlas.admin2 == [""]


def entry(name: str, kind: str, lat: float, lon: float) -> GazetteerEntry:
    return GazetteerEntry(name.lower(), name, (), kind, "LB", "South", lat, lon, 1, "")


def test_hand_made_places_take_the_district_of_the_nearest_compact_place():
    atlas = CompactGazetteer()
    for values in [
        ("gn:1", "A", "locality", "LB", "South", 33.00, 35.50, "Sour"),
        ("gn:2", "B", "locality", "LB", "South", 33.30, 35.50, ""),  # a district the source lacks
        ("gn:3", "C", "locality", "LB", "South", 33.32, 35.52, "Jezzine"),
    ]:
        ident, name, kind, country, admin1, lat, lon, admin2 = values
        atlas.ids.append(ident)
        atlas.names.append(name)
        atlas.kinds.append(kind)
        atlas.countries.append(country)
        atlas.admin1.append(admin1)
        atlas.lats.append(lat)
        atlas.lons.append(lon)
        atlas.admin2.append(admin2)
    found = hand_districts(
        (
            entry("Near A", "village", 33.01, 35.50),
            entry("On B", "town", 33.30, 35.501),  # nearest is B, which has no district
            entry("Far", "village", 34.50, 35.50),  # no compact place within 10 km
            entry("A valley", "valley", 33.00, 35.50),  # spans districts
        ),
        atlas,
    )
    assert found == {"near a": "Sour"}


# --- exports ------------------------------------------------------------------------------------


def event_at(place: Place) -> dict:
    return to_jsonable(
        Event(
            event_id="BW-00000000000A",
            event_type="Battles",
            sub_event_type="Armed clash",
            date=DateSpan(date(2025, 3, 1), date(2025, 3, 1), 1),
            place=place,
        )
    )


def test_every_format_carries_the_district(resolver: Resolver):
    place = resolver.places.resolve("Madaya")
    assert place is not None
    event = event_at(place)
    assert export_record(event)["admin2"] == "Az-Zabdani"
    row = next(csv.DictReader(io.StringIO("".join(export([event], "csv")), newline="")))
    assert (row["admin1"], row["admin2"], row["admin3"]) == (
        "Rural Damascus",
        "Az-Zabdani",
        "Madaya",
    )
    feature = json.loads("".join(export([event], "geojson")))["features"][0]
    assert feature["properties"]["admin2"] == "Az-Zabdani"
    line = json.loads(next(iter(export([event], "jsonl"))))
    assert line["admin2"] == "Az-Zabdani"


def test_an_event_stored_before_districts_existed_exports_an_empty_district():
    stored = event_at(Place("Qasr", 34.51, 36.44, 1, "Lebanon", "LB", "Baalbek-Hermel"))
    del stored["place"]["admin2"]
    assert export_record(stored)["admin2"] is None


# --- end to end ---------------------------------------------------------------------------------

REPORT = (
    "Syrian troops clashed with gunmen in the town of Madaya on Tuesday, killing two fighters, "
    "a military source said."
)


def test_an_ingested_report_exports_its_district_and_source_scale(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    store = Store(str(tmp_path / "districts.db"))
    raw = RawDocument(
        source="https://www.reuters.com/world/middle-east/invented-report",
        content=REPORT.encode(),
        media_type="text/plain",
        published=date(2025, 6, 4),
        outlet="Reuters",
    )
    list(pipeline.ingest(store, [raw]))
    rows = list(csv.DictReader(io.StringIO("".join(export(store.events(), "csv")), newline="")))
    madaya = [r for r in rows if r["location"] == "Madaya"]
    assert madaya, [r["location"] for r in rows]
    assert (madaya[0]["admin1"], madaya[0]["admin2"]) == ("Rural Damascus", "Az-Zabdani")
    assert madaya[0]["source_scale"] == "International"
