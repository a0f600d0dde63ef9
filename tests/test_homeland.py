"""An article whose place names all have namesakes abroad is placed by its actors' home: the
Syrian regime shells in Syria (``extract.homeland``).  Sentences invented from general
knowledge of the war's geography."""

from __future__ import annotations

from borderwatch.extract.homeland import article_countries, countries_of_actors
from borderwatch.resolve import Resolver

from .extracting import exported


def places(extractor, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.place.name, m.place.country_code) for m in exported(extractor, text) if m.place]


def test_the_regimes_shelling_of_a_name_iraq_shares_is_in_syria(extractor) -> None:  # type: ignore[no-untyped-def]
    # al-Tanf: the Syrian border post, and an Iraqi village of the same name
    text = "Regime forces shelled al-Tanf on Monday, killing two civilians, activists said."
    assert places(extractor, text) == [("At Tanf", "SY")]


def test_a_name_no_other_country_holds_outranks_the_actors_home(extractor) -> None:  # type: ignore[no-untyped-def]
    # Hezbollah is Lebanese; Qusayr is in Syria, and the text says so through its place
    text = "Hezbollah fighters clashed with rebels in Qusayr on Monday, killing four."
    assert [code for _, code in places(extractor, text)] == ["SY"]


def test_only_actors_at_home_in_the_region_vote(extractor) -> None:  # type: ignore[no-untyped-def]
    resolver: Resolver = extractor.resolver
    nlp = extractor.nlp
    foreign = nlp("Israeli jets struck a position on Monday, the army said.")
    assert countries_of_actors([foreign], resolver) == ()
    local = nlp("Hezbollah and the Syrian army shelled the hills on Monday.")
    assert set(countries_of_actors([local], resolver)) == {"LB", "SY"}
    # an article naming no region actor keeps its places' countries as they were
    plain = nlp("Two men were shot dead in Tripoli on Monday, police said.")
    assert article_countries(("LY", "LB"), [plain], resolver) == ("LY", "LB")


def test_a_tie_goes_to_the_spelling_closest_to_the_texts(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Ain Issa" folds to a Syrian town and to a Lebanese village spelled far from it
    text = "Two people were killed in a car bomb in Ain Issa on Monday, activists said."
    assert [code for _, code in places(extractor, text)] == ["SY"]
