"""Event-range gaps on wire wording (issue 22): a quantity between a verb and the object of its
trigger phrase, and a weapon word before the noun of its fired round.  Invented sentences; each
would fail without the rule it names."""

from __future__ import annotations

import pytest

from .extracting import exported, extract, first_exported

# "dropped dozens of barrel bombs": a quantity does not break the phrase "drop barrel bomb"
QUANTITY_IN_PHRASE = [
    "Army helicopters dropped two barrel bombs on the village on Tuesday.",
    "Government helicopters dropped dozens of barrel bombs on the district overnight.",
    "Regime aircraft dropped at least six barrel bombs on the outskirts of the city.",
]


@pytest.mark.parametrize("text", QUANTITY_IN_PHRASE)
def test_quantity_between_verb_and_object_keeps_the_phrase(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert first_exported(extractor, text).sub_event_type == "Air/drone strike"


# "mortar rounds" fired or landing: the weapon word names the means of a shelling
FIRED_ROUNDS = [
    "Insurgents fired a barrage of mortar rounds at the army post on Wednesday.",
    "Militants fired dozens of mortar rounds at the neighbourhood overnight.",
    "Three mortar rounds landed near the hospital on Thursday, residents said.",
]


@pytest.mark.parametrize("text", FIRED_ROUNDS)
def test_fired_rounds_are_a_shelling(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    found = first_exported(extractor, text)
    assert found.sub_event_type == "Shelling/artillery/missile attack"


# rounds held or found stay things had: no shelling
HELD_ROUNDS = [
    "Troops seized a cache of mortar rounds in the village.",
    "Police found twenty mortar rounds in a farmhouse.",
]


@pytest.mark.parametrize("text", HELD_ROUNDS)
def test_held_rounds_are_no_shelling(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    types = {m.sub_event_type for m in exported(extractor, text)}
    assert "Shelling/artillery/missile attack" not in types


def test_a_count_word_that_is_a_preposition_breaks_no_phrase(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "over" counts ("over two dozen") but is also a phrase's own word ("hand over")."""
    text = "The rebels handed over two border districts to government forces under the deal."
    assert first_exported(extractor, text).sub_event_type == "Non-violent transfer of territory"


# An assassination or murder is a killing whose dead are counted; people of office are people
KILLED_COUNTS = [
    ("Masked gunmen assassinated two village officials outside their office.", 2),
    ("Unidentified attackers murdered four farm workers in the valley on Friday.", 4),
    ("Gunmen shot dead a district official outside his home on Saturday.", 1),
    ("A well-known activist was murdered in the old city on Sunday.", 1),
]


@pytest.mark.parametrize(("text", "dead"), KILLED_COUNTS)
def test_assassinations_and_murders_count_their_dead(extractor, text: str, dead: int) -> None:  # type: ignore[no-untyped-def]
    counted = [m.counts.get("killed") for m in extract(extractor, text)]
    assert dead in counted, (text, counted)


# Sites held by force are ground taken ("captured the airbase"): ACLED territorial change
SITES_TAKEN = [
    ("Insurgents captured the airbase after a long siege.", "Non-state actor overtakes territory"),
    ("Army units recaptured the bridge on the main highway.", "Government regains territory"),
    (
        "Militants captured the dam north of the city on Friday.",
        "Non-state actor overtakes territory",
    ),
]


@pytest.mark.parametrize(("text", "sub_type"), SITES_TAKEN)
def test_sites_held_by_force_are_territory(extractor, text: str, sub_type: str) -> None:  # type: ignore[no-untyped-def]
    assert first_exported(extractor, text).sub_event_type == sub_type


def test_a_fired_shell_is_one_shelling(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "shell" is a trigger of its own: the weapon word before it takes nothing from it (read
    as the trigger, it left the killing as a clash of its own)."""
    text = "The soldiers were killed after a mortar shell fired by rebels hit their position."
    found = [m.sub_event_type for m in exported(extractor, text)]
    assert found == ["Shelling/artillery/missile attack"], found


def test_who_fired_the_rounds_is_the_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    """The trigger spans the rounds fired, so the firer of "fired ... mortar rounds" acts."""
    found = first_exported(extractor, "Rebels fired dozens of mortar rounds at the town on Monday.")
    assert found.actor1 is not None and "Rebels" in found.actor1.text
