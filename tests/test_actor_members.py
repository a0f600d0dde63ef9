"""A group's people named by the group ("Hezbollah members", "members of Hezbollah", "an
Islamic State cell", "armed men from Lebanese clans") are the group, as ACLED codes them; the
people of a place ("gunmen from Syria", "residents of Arsal") are the generic actor their own
words name; a state's officials are its government, a unit its force.  Invented
phrases."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.resolve import Resolver

ON = date(2025, 3, 1)


@pytest.fixture(scope="module")
def actors():  # type: ignore[no-untyped-def]
    return Resolver.for_region(()).actors


@pytest.mark.parametrize(
    ("words", "canonical"),
    [
        ("Hezbollah members", "Hezbollah"),
        ("members of Hezbollah", "Hezbollah"),
        ("an Islamic State cell", "Islamic State"),
        ("Nusra Front operatives", "Jabhat al-Nusra"),
        ("Hezbollah fighters", "Hezbollah"),
        ("armed men from Lebanese clans", "Unidentified Clan Militia"),
        ("gunmen from the Jaafar clan", "Jaafar Clan Militia (Lebanon)"),
        ("gunmen from Syria", "Unidentified Armed Group"),
        ("residents of the village", "Civilians"),
    ],
)
def test_a_groups_people_are_the_group(actors, words: str, canonical: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = actors.ref(words, ON)
    assert (ref.canonical if ref.actor_id else None) == canonical, ref


def test_a_place_after_from_is_never_the_actor(actors) -> None:  # type: ignore[no-untyped-def]
    # "from Syria": where the gunmen came from, not the Syrian state
    ref = actors.localise(actors.ref("gunmen from Syria", ON), "LB", ON)
    assert ref.canonical == "Unidentified Armed Group (Lebanon)"


@pytest.mark.parametrize(
    ("words", "canonical"),
    [
        # a state's officials act as its government of the date...
        ("Syrian border officials", "Government of Syria (2024-)"),
        ("a Jordanian official", "Government of Jordan"),
        ("Iraqi authorities", "Government of Iraq"),
        # ... or as the body named before the word, when the base knows it
        ("a Syrian interior ministry official", "Syrian Ministry of Interior (2024-)"),
        ("Hezbollah officials", "Hezbollah"),
        # no nationality and no body: no actor
        ("security officials", None),
        ("Turkish-backed officials", None),
    ],
)
def test_officials_are_their_states_government(actors, words: str, canonical: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = actors.ref(words, ON)
    assert (ref.canonical if ref.canonical != words else None) == canonical, ref


@pytest.mark.parametrize(
    ("words", "canonical"),
    [
        # a part of a force is the force...
        ("Jordanian army units", "Military Forces of Jordan"),
        ("a UNIFIL patrol", "UNIFIL"),
        # ... or the military of the state its nationality names
        ("Syrian air defences", "Military Forces of Syria (2024-)"),
        ("Iraqi units", "Military Forces of Iraq (2014-)"),
        # no force and no nationality: no actor
        ("rescue units", None),
    ],
)
def test_a_unit_is_its_force(actors, words: str, canonical: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = actors.ref(words, ON)
    assert (ref.canonical if ref.canonical != words else None) == canonical, ref
