"""The region gazetteer, name folding and choice in context (names and sentences written from
general knowledge of Syria and Lebanon, not from any evaluation file)."""

from __future__ import annotations

import pytest

from borderwatch.resolve import Resolver
from borderwatch.resolve.folding import fold
from borderwatch.resolve.places import PlaceContext, distance_km


@pytest.fixture(scope="module")
def places():
    return Resolver.for_region().places


@pytest.mark.parametrize(
    ("news", "gazetteer"),
    [
        ("Khan Sheikhoun", "Khān Shaykhūn"),
        ("Maarat al-Numan", "Ma‘arrat an Nu‘mān"),
        ("Jisr al-Shughour", "Jisr ash Shughūr"),
        ("Kfar Nabl", "Kafr Nabl"),
        ("Kefr Zita", "Kafr Zaytā"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Tell Abyad", "Tall Abyaḑ"),
        ("Tal Rifaat", "Tall Rif‘at"),
        ("Jebel al-Zawiya", "Jabal az Zāwiyah"),
        ("Wady Barada", "Wādī Baradá"),
        ("Ein el-Hilweh", "‘Ayn al Ḩulwah"),
        ("Ras al-Ain", "Ra’s al ‘Ayn"),
        ("Hasakeh", "Al Ḩasakah"),
        ("Idleb", "Idlib"),
        ("Qusair", "Al Quşayr"),
        ("Douma", "Dūmā"),
        ("Talkalakh", "Tall Kalakh"),
        ("Chtaura", "Shtawrah"),
        ("Saraqeb", "Sarāqib"),
        ("Qamishly", "Al Qāmishlī"),
        ("Yabroud", "Yabrūd"),
        ("Deraa", "Dar‘ā"),
    ],
)
def test_news_spellings_fold_to_the_gazetteer_spelling(news: str, gazetteer: str) -> None:
    assert fold(news) == fold(gazetteer)


@pytest.mark.parametrize(
    ("a", "b"), [("Homs", "Hama"), ("Raqqa", "Rastan"), ("Arsal", "Ersal al-Ward"), ("Tal", "Tyre")]
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Khan Sheikhoun", 35.44, 36.65),
        ("Kafranbel", 35.61, 36.56),
        ("Saraqeb", 35.86, 36.80),
        ("Maarat al-Numan", 35.64, 36.67),
        ("Jisr al-Shughour", 35.81, 36.32),
        ("Tal Tamer", 36.65, 40.37),
        ("Shadadi", 36.06, 40.73),
        ("Majdal Anjar", 33.71, 35.90),
    ],
)
def test_ordinary_villages_and_towns_are_found_under_news_spellings(places, name, lat, lon) -> None:
    place = places.resolve(name)
    assert place is not None, name
    assert distance_km(lat, lon, place.latitude, place.longitude) < 15, place


def test_the_packaged_gazetteer_is_the_region_and_was_folded_by_this_code(places) -> None:
    atlas = Resolver.for_region().region.atlas
    assert len(atlas.ids) > 40_000
    assert {"SY", "LB", "IQ", "JO", "TR"} <= set(atlas.countries)
    assert places.region_countries == {"SY", "LB"}


def test_a_folded_match_never_leaves_the_region_without_support(places) -> None:
    """A made-up name that folds like a village must not land abroad, and a folded match
    far from every place the document names is refused."""
    far_anchor = PlaceContext(countries=("SY",), anchors=((36.2, 37.15),))  # Aleppo
    near_anchor = PlaceContext(countries=("SY",), anchors=((35.93, 36.63),))  # Idlib
    assert places.resolve("Khan Shaykhoon", context=near_anchor) is not None
    place = places.resolve(
        "Kefr Nebl", context=PlaceContext(countries=("FR",), anchors=((48.85, 2.35),))
    )
    assert place is None
    kept = places.resolve("Kefr Nebl", context=far_anchor)
    assert kept is not None and kept.country_code == "SY"


def test_a_container_decides_between_namesakes(places) -> None:
    """Several Syrian villages share a name; the governorate the text names decides."""
    idlib = places.region("Idlib", "SY")
    hasakah = places.region("Hasakah", "SY")
    assert idlib is not None and hasakah is not None
    a = places.resolve("Tal Tamr", context=PlaceContext(countries=("SY",), container=hasakah))
    assert a is not None and a.admin1 == "Al-Hasakeh"


def test_a_governorate_is_a_region_named_as_the_governorate(places) -> None:
    region = places.region("Idleb", "SY")
    assert region is not None
    assert region.precision == 3 and region.name == "Idleb"
    fallback = places.governorate_of(places.resolve("Saraqeb"), named="a village")
    assert fallback is not None and fallback.precision == 3 and fallback.name == "Idleb"


def test_an_unusable_geonames_cache_is_reported_once_and_another_place_is_used(
    tmp_path, monkeypatch, capsys
) -> None:
    """A cache directory that cannot be written (here: a file stands where the directory
    should be) and a corrupt cache file are each reported once on stderr; the index is built
    and saved in the next writable location, and read back from there."""
    from borderwatch import compiled
    from borderwatch.resolve import geonames

    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a directory")
    fallback = tmp_path / "fallback"
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [blocked / "borderwatch", fallback])
    monkeypatch.setattr(compiled, "_warned", set())
    geonames.city_index.cache_clear()
    try:
        index = geonames.city_index()
        assert index.by_name["beirut"]
        saved = list(fallback.glob("geonames-world-*.sqlite"))
        assert len(saved) == 1
        err = capsys.readouterr().err
        assert err.count("cannot write the GeoNames index cache") == 1
        saved[0].write_bytes(b"not a compiled index")
        geonames.city_index.cache_clear()
        assert geonames.city_index().by_name["beirut"]
        geonames.city_index.cache_clear()
        geonames.city_index()
        err = capsys.readouterr().err
        assert err.count("an incomplete or unreadable GeoNames index cache") == 1  # once
    finally:
        geonames.city_index.cache_clear()
