"""A state named by what it owns or by its people's name: nationality words of any state
("Ugandan troops", "Sri Lankan"), aircraft with a nationality ("British aircraft"), an
institution or office a country is said to own ("the government of Kenya", "Ethiopia's
government", "Kenyan President X"), and a capital doing a deed ("Baghdad launched air
strikes").  Invented sentences of ordinary news; each failed on the code before the rule it
names, but for the guard that says so."""

from __future__ import annotations

import pytest

from borderwatch.resolve.demonyms import nationality
from borderwatch.resolve.states import capital_of, country_named

from .extracting import extract

# (sentence, actor1's ACLED name)
OWNED = [
    # a nationality before aircraft or planes names the state that flies them
    (
        "British aircraft bombed a weapons depot near Kandahar on Monday, killing four fighters.",
        "Military Forces of the United Kingdom",
    ),
    (
        "Canadian planes struck militant positions near Mosul on Tuesday.",
        "Military Forces of Canada",
    ),
    # nationalities of states beyond the region's
    (
        "Ugandan troops clashed with rebels near the Congolese border on Sunday.",
        "Military Forces of Uganda",
    ),
    ("Kenyan police arrested five men on Monday.", "Police Forces of Kenya"),
    # a government or an office owned by a country named before or after it
    (
        "The government of Kenya arrested five opposition leaders in Nairobi on Monday.",
        "Government of Kenya",
    ),
    (
        "Ethiopia's government arrested twelve journalists in Addis Ababa on Friday.",
        "Government of Ethiopia",
    ),
    (
        "Kenyan President Uhuru Kenyatta signed a peace agreement with the rebels in Nairobi "
        "on Monday.",
        "Government of Kenya",
    ),
    # a capital doing a deed stands for its state
    (
        "Baghdad launched air strikes on militant hideouts near Mosul on Monday.",
        "Military Forces of Iraq (2014-)",
    ),
    ("Beirut arrested ten smugglers near the border on Tuesday.", "Government of Lebanon"),
]


@pytest.mark.parametrize(("text", "actor1"), OWNED)
def test_a_state_is_named_by_what_it_owns(extractor, text, actor1) -> None:  # type: ignore[no-untyped-def]
    mentions = extract(extractor, text)
    assert mentions, text
    got = mentions[0].actor1
    assert got is not None and got.canonical == actor1, (text, got)


def test_a_capital_where_something_happened_stays_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    """Guards the capital rule: the subject of what happened there names no doer."""
    mentions = extract(extractor, "Damascus witnessed heavy clashes between rebels and troops.")
    assert mentions
    assert all(m.actor1 is None or m.actor1.text != "Damascus" for m in mentions)


def test_a_nationality_before_a_border_names_no_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    """Guards the wider nationality words: "the Thai border" is a place, not Thailand's
    forces (failed once "Thai" was read as a nationality)."""
    text = "Government forces shelled guerrilla camps near the Thai border on Monday."
    mentions = extract(extractor, text)
    assert mentions
    assert all(m.actor2 is None or "Thailand" not in m.actor2.canonical for m in mentions)


def test_nationality_words_of_two_words_and_of_ethnic_groups() -> None:
    assert nationality("Sri Lankan troops") == "LK"
    assert nationality("South Sudanese soldiers") == "SS"
    # an ethnic group is no state's people: "ethnic Russians" in Ukraine are not Russia's
    assert nationality("ethnic Russian fighters") is None
    assert nationality("Russian fighters") == "RU"


def test_country_names_are_read_whole() -> None:
    assert country_named("Kenya's") == "KE"
    assert country_named("the United States") == "US"
    assert country_named("Britain") == "GB"
    assert country_named("Nairobi") is None
    assert country_named("Kenya Airways") is None
    assert capital_of("Nairobi") == "KE"
    assert capital_of("Mombasa") is None
