"""Tests for borderwatch.export: the export record contract, JSONL, CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from borderwatch.export import export, export_record
from borderwatch.model import ActorRef, Claim, DateSpan, Event, Place, SourceRef, to_jsonable

CONTRACT_FIELDS = {
    "event_id",
    "event_date",
    "date_start",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "counts",
    "sources",
    "confidence",
    "notes",
}
SOURCE_FIELDS = {"doc", "outlet", "published", "sentence", "attribution"}


def clash_event(**changes) -> dict:
    """A stored event payload, built the way the store builds it: to_jsonable(Event(...))."""
    fields = dict(
        event_id="LBN-TEST-7",
        event_type="Battles",
        sub_event_type="Armed clash",
        date=DateSpan(date(2025, 8, 10), date(2025, 8, 11), 2, "overnight"),
        place=Place(
            name="Qasr",
            latitude=34.51,
            longitude=36.44,
            precision=2,
            country="Lebanon",
            country_code="LB",
            admin1="Baalbek-Hermel",
            source="gazetteer",
        ),
        actor1=ActorRef(
            "Syrian troops", "Military Forces of Syria (2024-)", "syr_army", 1, "Syria"
        ),
        actor2=ActorRef("clan gunmen", "Jaafar Clan Militia", "jaafar", 4, "Lebanon"),
        assoc_actor_1=ActorRef("border guards", "Syrian Border Guards", None, 1, "Syria"),
        assoc_actor_2=ActorRef("smugglers", "Smugglers (Lebanon)", None, 8, "Lebanon"),
        fatalities=2,
        counts={"killed": 2, "injured": 4},
        confidence=0.75,
        notes='Clan gunmen and troops traded fire; one source says "three" were hurt.',
        sources=[
            SourceRef(
                doc="papers/a.txt",
                outlet="Hill Gazette",
                published=date(2025, 8, 12),
                sentence="Two men were killed when troops and gunmen clashed near Qasr.",
                attribution="a security source",
                doc_key="k1",
                mention_id="m1",
            ),
            SourceRef(
                doc="papers/b.txt",
                outlet=None,
                published=None,
                sentence="Fighting near Qasr left two dead, residents said.",
                attribution=None,
                doc_key="k2",
                mention_id="m2",
            ),
        ],
        claims=[Claim("fatalities", 2, "papers/a.txt", "Two men were killed.")],
    )
    fields.update(changes)
    return to_jsonable(Event(**fields))


def undated_unplaced_event() -> dict:
    return to_jsonable(
        Event(
            event_id="LBN-TEST-8",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            date=None,
            place=None,
        )
    )


def csv_rows(events: list[dict]) -> list[dict[str, str]]:
    text = "".join(export(events, "csv"))
    return list(csv.DictReader(io.StringIO(text, newline="")))


def geojson(events: list[dict]) -> dict:
    return json.loads("".join(export(events, "geojson")))


# --- export_record -----------------------------------------------------------------------------


def test_record_has_every_contract_field():
    record = export_record(clash_event())
    assert set(record) >= CONTRACT_FIELDS


def test_record_dates_come_from_the_date_window():
    record = export_record(clash_event())
    assert record["date_start"] == "2025-08-10"
    assert record["date_end"] == "2025-08-11"
    assert record["time_precision"] == 2


def test_event_date_is_the_middle_of_the_window():
    record = export_record(clash_event())
    assert record["event_date"] == "2025-08-10"


def test_record_actors_are_canonical_names():
    record = export_record(clash_event())
    assert record["actor1"] == "Military Forces of Syria (2024-)"
    assert record["actor2"] == "Jaafar Clan Militia"
    assert record["assoc_actor_1"] == "Syrian Border Guards"
    assert record["assoc_actor_2"] == "Smugglers (Lebanon)"


def test_record_location_fields_come_from_the_place():
    record = export_record(clash_event())
    assert record["location"] == "Qasr"
    assert record["admin1"] == "Baalbek-Hermel"
    assert record["country"] == "Lebanon"
    assert record["latitude"] == 34.51
    assert record["longitude"] == 36.44
    assert record["geo_precision"] == 2


def test_record_counts_fatalities_confidence_notes():
    record = export_record(clash_event())
    assert record["fatalities"] == 2
    assert record["counts"] == {"killed": 2, "injured": 4}
    assert record["confidence"] == 0.75
    assert record["notes"].startswith("Clan gunmen")


def test_record_sources_carry_exactly_the_contract_fields():
    record = export_record(clash_event())
    assert len(record["sources"]) == 2
    for source in record["sources"]:
        assert set(source) == SOURCE_FIELDS


def test_record_sources_keep_values_in_order():
    first, second = export_record(clash_event())["sources"]
    assert first == {
        "doc": "papers/a.txt",
        "outlet": "Hill Gazette",
        "published": "2025-08-12",
        "sentence": "Two men were killed when troops and gunmen clashed near Qasr.",
        "attribution": "a security source",
    }
    assert second["outlet"] is None
    assert second["published"] is None


def test_record_without_place_date_or_actors_has_nulls():
    record = export_record(undated_unplaced_event())
    for name in (
        "event_date",
        "date_start",
        "date_end",
        "time_precision",
        "actor1",
        "actor2",
        "assoc_actor_1",
        "assoc_actor_2",
        "location",
        "admin1",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
    ):
        assert record[name] is None, name
    assert record["sources"] == []
    assert record["counts"] == {}
    assert record["notes"] == ""


def test_record_is_json_serialisable():
    record = export_record(clash_event())
    assert json.loads(json.dumps(record))["event_id"] == "LBN-TEST-7"


# --- JSONL -------------------------------------------------------------------------------------


def test_jsonl_is_one_record_per_line():
    events = [clash_event(), undated_unplaced_event()]
    lines = "".join(export(events, "jsonl")).splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ["LBN-TEST-7", "LBN-TEST-8"]


def test_jsonl_keeps_non_ascii_text_readable():
    event = clash_event(notes="Shelling hit Qasr – residents fled to Hermel")
    text = "".join(export([event], "jsonl"))
    assert "–" in text
    assert json.loads(text)["notes"] == "Shelling hit Qasr – residents fled to Hermel"


def test_jsonl_of_no_events_is_empty():
    assert "".join(export([], "jsonl")) == ""


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_uses_acled_event_id_column():
    text = "".join(export([clash_event()], "csv"))
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert "event_id_cnty" in header
    assert "event_id" not in header


def test_csv_header_includes_contract_columns():
    text = "".join(export([], "csv"))
    header = set(next(csv.reader(io.StringIO(text, newline=""))))
    assert (CONTRACT_FIELDS - {"event_id"}) | {"event_id_cnty"} <= header


def test_csv_of_no_events_is_header_only():
    text = "".join(export([], "csv"))
    assert len(list(csv.reader(io.StringIO(text, newline="")))) == 1


def test_csv_parses_back_to_the_same_values():
    (row,) = csv_rows([clash_event()])
    assert row["event_id_cnty"] == "LBN-TEST-7"
    assert row["event_date"] == "2025-08-10"
    assert row["sub_event_type"] == "Armed clash"
    assert row["actor1"] == "Military Forces of Syria (2024-)"
    assert float(row["latitude"]) == 34.51
    assert float(row["longitude"]) == 36.44
    assert int(row["fatalities"]) == 2


def test_csv_survives_commas_quotes_and_newlines_in_text():
    notes = 'Troops said "two dead", clan said three;\nresidents, again, disagreed.'
    (row,) = csv_rows([clash_event(notes=notes)])
    assert row["notes"] == notes


def test_csv_nested_fields_are_json():
    (row,) = csv_rows([clash_event()])
    assert json.loads(row["counts"]) == {"killed": 2, "injured": 4}
    sources = json.loads(row["sources"])
    assert [s["doc"] for s in sources] == ["papers/a.txt", "papers/b.txt"]


def test_csv_missing_values_are_empty_but_zero_is_kept():
    none_row, zero_row = csv_rows([undated_unplaced_event(), clash_event(fatalities=0)])
    assert none_row["fatalities"] == ""
    assert none_row["latitude"] == ""
    assert zero_row["fatalities"] == "0"


def test_csv_one_row_per_event():
    rows = csv_rows([clash_event(), undated_unplaced_event(), clash_event(event_id="LBN-TEST-9")])
    assert [r["event_id_cnty"] for r in rows] == ["LBN-TEST-7", "LBN-TEST-8", "LBN-TEST-9"]


# --- GeoJSON -----------------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_of_points():
    data = geojson([clash_event()])
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "Point"


def test_geojson_coordinates_are_longitude_then_latitude():
    (feature,) = geojson([clash_event()])["features"]
    assert feature["geometry"]["coordinates"] == [36.44, 34.51]


def test_geojson_properties_are_the_export_record():
    (feature,) = geojson([clash_event()])["features"]
    assert feature["properties"]["event_id"] == "LBN-TEST-7"
    assert set(feature["properties"]) >= CONTRACT_FIELDS


def test_geojson_skips_events_without_coordinates():
    data = geojson([undated_unplaced_event(), clash_event(), undated_unplaced_event()])
    assert [f["properties"]["event_id"] for f in data["features"]] == ["LBN-TEST-7"]


def test_geojson_keeps_coordinates_of_zero():
    place = Place("Null Island", 0.0, 0.0, 1, "Nowhere", "XX")
    (feature,) = geojson([clash_event(place=place)])["features"]
    assert feature["geometry"]["coordinates"] == [0.0, 0.0]


def test_geojson_with_several_events_is_valid_json():
    events = [clash_event(event_id=f"LBN-TEST-{i}") for i in range(5)]
    data = geojson(events)
    assert len(data["features"]) == 5


def test_geojson_of_no_events_is_an_empty_collection():
    assert geojson([]) == {"type": "FeatureCollection", "features": []}


def test_geojson_when_only_unplaced_events_is_empty_collection():
    assert geojson([undated_unplaced_event()])["features"] == []


# --- formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "JSONL", "", "json"])
def test_unknown_format_raises_value_error(fmt):
    with pytest.raises(ValueError, match="unknown export format"):
        export([clash_event()], fmt)


def test_unknown_format_message_lists_the_choices():
    with pytest.raises(ValueError, match="jsonl, csv, geojson"):
        export([], "parquet")


def test_export_accepts_a_generator_of_events():
    events = (clash_event(event_id=f"LBN-GEN-{i}") for i in range(3))
    lines = "".join(export(events, "jsonl")).splitlines()
    assert len(lines) == 3


# --- ACLED columns -----------------------------------------------------------------------------

ACLED_EXPORT_HEADER = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
]


def test_csv_starts_with_acleds_export_header_in_acleds_order():
    text = "".join(export([], "csv"))
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert header[: len(ACLED_EXPORT_HEADER)] == ACLED_EXPORT_HEADER
    assert len(header) == len(set(header))  # our own columns follow, none repeated


def test_acled_columns_are_filled_from_what_the_event_knows():
    event = clash_event()
    event["revisions"] = [{"kind": "created", "at": "2025-08-12T10:00:00", "changes": {}}]
    (row,) = csv_rows([event])
    assert row["iso"] == "422" and row["iso3"] == "LBN"  # Lebanon, ISO 3166 numeric/alpha-3
    assert row["year"] == "2025"
    assert row["region"] == "Middle East"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "4", "14")
    assert row["source"] == "Hill Gazette; papers/b.txt"
    assert row["timestamp"] == "1754992800"  # 2025-08-12 10:00 UTC
    assert int(row["event_id_no_cnty"]) > 0 and row["data_id"] == row["event_id_no_cnty"]


def test_interaction_of_a_one_sided_event_is_inter1_times_ten():
    event = clash_event(actor2=None)
    record = export_record(event)
    assert (record["inter2"], record["interaction"]) == (None, 10)


def test_every_format_carries_inter_codes_and_interaction():
    event = clash_event()
    line = json.loads("".join(export([event], "jsonl")))
    (feature,) = geojson([event])["features"]
    for record in (line, feature["properties"]):
        assert (record["inter1"], record["inter2"], record["interaction"]) == (1, 4, 14)


def test_unknown_country_leaves_the_acled_codes_empty():
    (row,) = csv_rows([undated_unplaced_event()])
    assert row["iso"] == row["iso3"] == row["region"] == row["year"] == ""
