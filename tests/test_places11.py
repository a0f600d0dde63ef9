"""Well-known towns of the region are not read as small namesakes in far countries: the
document's countries decide between namesakes, a name with no context means the region's
candidate (the bigger first), and a little-known town abroad is a reading only when the
document names its country or a place near it. Sentences are invented from general knowledge."""

from __future__ import annotations

import pytest

from borderwatch.nlp import load_pipeline
from borderwatch.resolve import Resolver
from borderwatch.resolve.places import PlaceContext
from borderwatch.resolve.toponyms import geoparse_text


@pytest.fixture(scope="module")
def places():  # type: ignore[no-untyped-def]
    return Resolver.for_region().places


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


def countries_of(nlp, places, text: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """Each toponym's country code."""
    return {
        t.text: (t.place.country_code if t.place else None)
        for t in geoparse_text(nlp, places, text)
    }


def test_a_city_of_the_region_beats_a_hamlet_namesake_near_the_border(places) -> None:  # type: ignore[no-untyped-def]
    # Tikrit, a city of a quarter of a million, over a farm of that name in northern Lebanon,
    # whether the report is about Syria or says nothing
    for ctx in (PlaceContext(), PlaceContext(countries=("SY",))):
        found = places.resolve("Tikrit", context=ctx)
        assert found is not None and found.country_code == "IQ"


def test_the_city_in_a_report_about_the_war_in_iraq_and_syria(nlp, places) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Syrian government forces said they had pushed militants out of two villages, while "
        "in Iraq a car bomb exploded in Tikrit on Monday, killing five people."
    )
    assert countries_of(nlp, places, text)["Tikrit"] == "IQ"


def test_a_name_without_context_means_the_regions_town_not_a_far_one(places) -> None:  # type: ignore[no-untyped-def]
    # Dana (a Syrian town of 20,000) and Tafas (30,000): not a small American town, nor a
    # Turkish town that lists the name among its alternate names
    for name in ("Dana", "Tafas"):
        found = places.resolve(name)
        assert found is not None and found.country_code == "SY", name


def test_equal_namesakes_without_context_prefer_the_regions_own_country(places) -> None:  # type: ignore[no-untyped-def]
    found = places.resolve("Sukhnah")
    assert found is not None and found.country_code == "SY"


def test_a_little_known_town_abroad_is_no_reading_in_a_report_about_syria(nlp, places) -> None:  # type: ignore[no-untyped-def]
    # the Syrian town is not in the gazetteers by this name: unresolved, never a French village
    text = (
        "Fighting resumed in al-Rai after rebels shelled Aleppo, according to activists in Syria."
    )
    found = countries_of(nlp, places, text)
    assert "al-Rai" in found and found["al-Rai"] in (None, "SY")


def test_a_little_known_town_abroad_stands_when_its_country_is_named(places) -> None:  # type: ignore[no-untyped-def]
    # the same town is read when the document names its country: explicit context admits it
    ctx = PlaceContext(countries=("FR",), named_countries=frozenset({"FR"}))
    found = places.resolve("Rai", context=ctx)
    assert found is not None and found.country_code == "FR"
