"""Whom a wire report's attack was on, when its words for the target are a vehicle or a generic
word for fighters: the people a vehicle carried ("hit a car carrying two HTS commanders"), and
the one group the sentence names besides the other side ("clashes between Kurdish fighters and
jihadists ... where the Islamic State group ...").  Invented sentences, none from a dev set."""

from __future__ import annotations

from datetime import date

import pytest

from .extracting import exported

ON = date(2016, 6, 1)


def actor2(extractor, text: str) -> str | None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text, ON)
    assert found, text
    return found[0].actor2.name if found[0].actor2 is not None else None


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("A drone hit a car carrying two commanders of Jaish al-Islam near Douma.", "Jaish"),
        (
            "A roadside bomb struck a vehicle transporting Hezbollah fighters near Qusayr.",
            "Hezbollah",
        ),
    ],
)
def test_an_attack_on_a_vehicle_is_on_the_people_it_carried(
    extractor, text: str, target: str
) -> None:  # type: ignore[no-untyped-def]
    assert target in (actor2(extractor, text) or ""), text


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Clashes erupted between Kurdish fighters and jihadists near Tal Abyad, where the "
            "Islamic State group launched an offensive last week.",
            "Islamic State",
        ),
        (
            "Hezbollah fighters killed six militants near Arsal, where the Nusra Front "
            "holds caves.",
            "Nusra",
        ),
    ],
)
def test_a_generic_word_for_fighters_is_the_one_group_named_beside_it(
    extractor, text: str, target: str
) -> None:  # type: ignore[no-untyped-def]
    assert target in (actor2(extractor, text) or ""), text


def test_the_other_side_named_is_not_the_generic_words_group(extractor) -> None:  # type: ignore[no-untyped-def]
    # the militants attacked IS: they are not IS (GUIDE.md: Opposition Rebels)
    text = "Militants attacked an Islamic State position near the town of Marea."
    found = exported(extractor, text, ON)
    assert found and found[0].actor1 is not None
    assert "Rebels" in found[0].actor1.name, found[0].actor1


def test_the_victims_of_a_car_bomb_are_its_targets(extractor) -> None:  # type: ignore[no-untyped-def]
    # "car" says what kind of bomb it was: the killing is the bomb's, no road accident
    text = "A car bomb went off near a checkpoint in Qamishli, killing four Asayish members."
    assert "Asayish" in (actor2(extractor, text) or ""), text


def test_a_vehicle_that_kills_is_still_no_attack(extractor) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, "A truck killed three pedestrians in Tripoli on Monday.", ON) == []


def test_a_name_glued_to_its_acronym_is_still_the_name(extractor) -> None:  # type: ignore[no-untyped-def]
    # no space before the parenthesis: "Forces(SDF)" is the name and its acronym
    text = "IS fighters attacked positions of the Syrian Democratic Forces(SDF) near Hasakah."
    found = exported(extractor, text, ON)
    assert found and found[0].actor2 is not None, text
    assert "Syrian Democratic Forces" in found[0].actor2.name, found[0].actor2


def test_a_car_bombing_is_a_remote_explosive_by_whose_it_was(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Three YPG fighters were killed in an IS car bombing in the town of Tal Abyad."
    found = exported(extractor, text, ON)
    assert found and found[0].sub_event_type == "Remote explosive/landmine/IED", found
    assert found[0].actor1 is not None and "Islamic State" in found[0].actor1.name


def test_a_car_crash_is_still_no_bombing(extractor) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, "Two men were killed in a car crash near Zahle.", ON) == []


@pytest.mark.parametrize(
    ("on", "name"),
    [
        # the Euphrates Shield factions of 2016 were unnamed opposition rebels (GUIDE.md) ...
        (date(2016, 10, 1), "Rebels (Syria)"),
        # ... organised as the Syrian National Army from 30 December 2017
        (date(2019, 10, 12), "Syrian National Army"),
    ],
)
def test_turkish_backed_rebels_are_named_by_the_date(extractor, on: date, name: str) -> None:  # type: ignore[no-untyped-def]
    text = "Clashes erupted between the YPG and Turkish-backed rebels near the town of Tal Rifaat."
    found = exported(extractor, text, on)
    assert found and found[0].actor2 is not None, text
    assert found[0].actor2.name == name, (on, found[0].actor2)
