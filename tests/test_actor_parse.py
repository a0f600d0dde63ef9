"""Actors the parse hides or invents, on invented sentences of war reporting: a many-word name
the parser cut in two still acts, "clashes with X" name X as the enemy (never an ally), the
name of "the hilltop of X" is a place (never an actor), "a convoy of X" is X's, and a unit of
the actor itself is no associate of it."""

from __future__ import annotations

import pytest

from .extracting import exported


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


def _found(extractor, text: str) -> list[tuple[str | None, ...]]:  # type: ignore[no-untyped-def]
    return [
        (m.sub_event_type, _name(m.actor1), _name(m.actor2), _name(m.assoc_actor_1))
        for m in exported(extractor, text)
    ]


def _matches(found, wanted) -> bool:  # type: ignore[no-untyped-def]
    return any(all(w is None or g == w for g, w in zip(got, wanted, strict=True)) for got in found)


def test_a_name_cut_in_two_by_the_parser_still_acts(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Jabhat Fateh al-Sham seized the village of Kafr Tanur in northern Hama on Sunday."
    found = _found(extractor, text)
    assert _matches(
        found, ("Non-state actor overtakes territory", "Jabhat Fateh al-Sham", None, None)
    )


def test_the_enemy_of_a_clash_is_no_ally(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Syrian government troops retook the village of Umm Tuwaynah after fierce clashes "
        "with the Islamic State on Sunday."
    )
    found = _found(extractor, text)
    assert found, found
    assert all(
        ally != "Islamic State" and not (ally or "").startswith("Islamic State")
        for *_, ally in found
    )
    assert any((a2 or "").startswith("Islamic State") for _, _, a2, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The army, backed by the Tiger Forces, recaptured the hilltop of Jabal Zayn from the "
        "rebels on Sunday.",
        "Government troops recaptured the hilltop of Tal Kurdi near Homs from the rebels on "
        "Sunday.",
    ],
)
def test_the_name_of_a_place_noun_is_no_actor(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert _matches(
        found,
        (
            "Government regains territory",
            "Military Forces of Syria (2000-2024)",
            "Rebels (Syria)",
            None,
        ),
    ), found
    # the Tiger Forces are the army's own unit: no associate of the army
    assert all(ally is None for *_, ally in found), found


def test_a_convoy_is_its_peoples(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Rebel fighters ambushed a convoy of pro-regime militiamen near Qaryatayn, killing six."
    found = _found(extractor, text)
    assert _matches(found, (None, "Rebels (Syria)", "Pro-Government Militia (Syria)", None)), found


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Hezbollah lost six fighters in the battle for the town of Qusayr.", "Hezbollah"),
        (
            "The Syrian army lost scores of soldiers in the battle for the airbase.",
            "Military Forces of Syria (2000-2024)",
        ),
    ],
)
def test_the_people_a_side_lost_are_not_its_enemy(extractor, text: str, victims: str) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert _matches(found, ("Armed clash", None, victims, None)), found
    assert all(a1 != a2 for _, a1, a2, _ in found), found
    assert all(a1 is None or not a1.startswith("Rebels") for _, a1, _, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb planted by unknown persons exploded in the town of Jisr al-Shughur, "
        "killing two.",
        "Unidentified men opened fire on a minibus in the city of Daraa, killing its driver.",
    ],
)
def test_people_whose_identity_is_withheld_are_an_armed_group(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert any((a1 or "").startswith("Unidentified Armed Group") for _, a1, _, _ in found), found
    assert all(not (a1 or "").startswith(("Civilians", "Rioters")) for _, a1, _, _ in found), found


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # the one accused of the deed is its (alleged) doer
        (
            "The Kurdish Asayish accused the Islamic State of killing nine civilians in the "
            "town of Amuda on Sunday.",
            "Islamic State (Syria)",
        ),
        # a claimant of its own deed ("claimed to have killed") did it
        (
            "Rebels claimed to have killed 25 regime soldiers in an ambush near Hama on Sunday.",
            "Rebels (Syria)",
        ),
        # a relative clause that says who carried the deed out
        (
            "The raid, which was carried out by Hezbollah fighters, killed four Nusra Front "
            "militants near Arsal on Sunday.",
            "Hezbollah",
        ),
    ],
)
def test_who_the_words_around_the_deed_say_did_it(extractor, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert any(a1 == actor1 for _, a1, _, _ in found), found
