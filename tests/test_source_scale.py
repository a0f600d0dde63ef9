"""source_scale: outlets' scales from data/outlets.yaml, combined per event as ACLED does."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from borderwatch.acled import OutletScales, source_scale
from borderwatch.errors import RegionDataError
from borderwatch.export import export, export_record
from borderwatch.model import DateSpan, Event, Place, SourceRef, to_jsonable
from borderwatch.region import Outlet, load_outlets

LOCAL_DAILY = Outlet("Valley Courier", ("The Courier",), ("courier.example",), "LB", "National")
WIRE = Outlet("World Wire", (), ("wire.example",), None, "International")
TOWN_RADIO = Outlet("Town Radio", (), (), "LB", "Local")
SCALES = OutletScales([LOCAL_DAILY, WIRE, TOWN_RADIO])


def source(outlet: str | None, doc: str = "papers/a.txt") -> dict[str, str | None]:
    return {"outlet": outlet, "doc": doc}


def test_distinct_scales_are_joined_smallest_reach_first():
    sources = [source("World Wire"), source("Valley Courier"), source("World Wire")]
    assert source_scale(sources, "LB", SCALES) == "National-International"
    sources.append(source("Town Radio"))
    assert source_scale(sources, "LB", SCALES) == "Local-National-International"


def test_one_scale_alone_and_unknown_outlets():
    assert source_scale([source("Valley Courier")], "LB", SCALES) == "National"
    assert source_scale([source("Unheard Of Weekly")], "LB", SCALES) is None
    assert source_scale([], "LB", SCALES) is None
    # an unknown outlet beside a known one: the known one's scale
    assert source_scale([source("Unheard Of"), source("World Wire")], "LB", SCALES) == (
        "International"
    )


def test_a_home_outlet_reporting_another_country_is_regional_there():
    assert source_scale([source("Valley Courier")], "SY", SCALES) == "Regional"
    assert source_scale([source("Valley Courier")], None, SCALES) == "National"
    assert source_scale([source("World Wire")], "SY", SCALES) == "International"


def test_outlets_match_by_alias_case_and_punctuation_or_by_the_documents_host():
    assert SCALES.find("the courier") is LOCAL_DAILY
    assert SCALES.find("VALLEY COURIER.") is LOCAL_DAILY
    assert SCALES.find(None, "https://www.courier.example/news/1") is LOCAL_DAILY
    assert SCALES.find(None, "https://live.wire.example/a") is WIRE
    assert SCALES.find(None, "https://notcourier.example/a") is None
    assert SCALES.find(None, "papers/courier.example.txt") is None


def test_the_packaged_outlets_cover_the_sample_feeds():
    scales = OutletScales(load_outlets())
    feeds = Path(__file__).resolve().parent.parent / "src" / "borderwatch" / "data" / "feeds.yaml"
    for feed in yaml.safe_load(feeds.read_text(encoding="utf-8"))["sources"]:
        found = scales.find(feed["outlet"])
        assert found is not None, feed["outlet"]
    assert all(o.source for o in load_outlets()), "every outlet names its source"


def test_a_users_outlets_file_extends_the_packaged_one(tmp_path: Path):
    (tmp_path / "outlets.yaml").write_text(
        "outlets:\n  - name: Hill Gazette\n    country: LB\n    scale: Subnational\n"
        "    source: invented\n",
        encoding="utf-8",
    )
    outlets = load_outlets((str(tmp_path),))
    assert {o.name for o in outlets} >= {"Hill Gazette", "Reuters"}
    (tmp_path / "outlets.yaml").write_text(
        "outlets:\n  - name: Hill Gazette\n    scale: Huge\n", encoding="utf-8"
    )
    load_outlets.cache_clear()
    with pytest.raises(RegionDataError, match="scale"):
        load_outlets((str(tmp_path),))
    load_outlets.cache_clear()


def event_with(*outlets: tuple[str | None, str]) -> dict:
    return to_jsonable(
        Event(
            event_id="BW-00000000000B",
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            date=DateSpan(date(2025, 5, 2), date(2025, 5, 2), 1),
            place=Place("Hermel", 34.39, 36.38, 1, "Lebanon", "LB", "Baalbek-Hermel"),
            sources=[
                SourceRef(doc, outlet, date(2025, 5, 3), "A drone struck a car.", None)
                for outlet, doc in outlets
            ],
        )
    )


def test_every_format_carries_the_source_scale():
    event = event_with(
        ("Naharnet", "https://www.naharnet.com/stories/en/1"),
        (None, "https://www.reuters.com/world/middle-east/x"),
        ("SANA", "https://sana.sy/en/?p=1"),
    )
    # Naharnet (Lebanese) national, SANA (Syrian) regional for an event in Lebanon, Reuters
    expected = "National-Regional-International"
    assert export_record(event)["source_scale"] == expected
    row = next(csv.DictReader(io.StringIO("".join(export([event], "csv")), newline="")))
    assert row["source_scale"] == expected
    feature = json.loads("".join(export([event], "geojson")))["features"][0]
    assert feature["properties"]["source_scale"] == expected


def test_an_event_whose_outlets_are_unknown_has_an_empty_source_scale():
    event = event_with(("Hill Gazette", "papers/hill.txt"))
    assert export_record(event)["source_scale"] is None
