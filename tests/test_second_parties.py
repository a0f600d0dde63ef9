"""The other party of an event named outside the trigger's own arguments, and an actor's whole
name where the span holds part of it (extract/second_parties.py, extract/whole_names.py).
Invented sentences of ordinary border reporting; each would fail without its rule."""

from __future__ import annotations

import pytest

from .extracting import exported


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


def _event(extractor, text: str, sub_type: str):  # type: ignore[no-untyped-def]
    found = [m for m in exported(extractor, text) if m.sub_event_type == sub_type]
    assert found, [(m.sub_event_type, m.trigger.text) for m in exported(extractor, text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # a handover's recipient after "to" is the other party; what was handed is no side
        (
            "Syria handed over 5 Lebanese fishermen to the Lebanese army at the Arida "
            "crossing on Monday.",
            "Government of Syria (2000-2024)",
            "Military Forces of Lebanon",
        ),
        (
            "Lebanon on Tuesday handed over 30 Syrian prisoners to Syrian officials at the border.",
            "Government of Lebanon",
            "Government of Syria (2000-2024)",
        ),
    ],
)
def test_a_handover_names_its_recipient(extractor, text, actor1, actor2) -> None:  # type: ignore[no-untyped-def]
    event = next(m for m in exported(extractor, text) if "hand" in m.trigger.text)
    assert (_name(event.actor1), _name(event.actor2)) == (actor1, actor2)


def test_who_receives_a_handover_never_hands_it_over(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The handover of 20 prisoners to the Syrian authorities took place on Friday."
    event = next(m for m in exported(extractor, text) if "handover" in m.trigger.text)
    assert _name(event.actor1) != "Government of Syria (2000-2024)"
    assert _name(event.actor2) == "Government of Syria (2000-2024)"


def test_breaking_up_a_protest_by_a_crowd(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "to break up a protest by farmers": the farmers protested, the soldiers (the subject
    of the verb the purpose clause serves) intervened, actor2 of the intervention."""
    text = (
        "Soldiers fired tear gas on Monday to break up a protest by hundreds of farmers in "
        "the town of Zahle."
    )
    event = _event(extractor, text, "Protest with intervention")
    assert (_name(event.actor1), _name(event.actor2)) == (
        "Protesters (Lebanon)",
        "Military Forces of Lebanon",
    )


def test_a_foiled_attempt_names_the_other_side_of_the_fight(extractor) -> None:  # type: ignore[no-untyped-def]
    """The exchange of fire that followed a foiled crossing was with the would-be crossers,
    not with the soldier wounded in it."""
    text = (
        "Lebanese troops foiled an attempt by a band of armed men to sneak across the "
        "frontier near Hermel on Sunday, and one soldier was hurt in the exchange of fire "
        "that followed."
    )
    event = _event(extractor, text, "Armed clash")
    assert (_name(event.actor1), _name(event.actor2)) == (
        "Military Forces of Lebanon",
        "Unidentified Armed Group (Lebanon)",
    )


def test_an_attempted_deed_is_its_owners(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "a bid by armed men to storm the prison": the men would have stormed it; the police
    who thwarted the bid are the other side."""
    from .extracting import extract

    text = "Police thwarted a bid by armed men to storm the prison in Zahle on Monday."
    event = next(m for m in extract(extractor, text) if m.trigger.text == "storm")
    assert (_name(event.actor1), _name(event.actor2)) == (
        "Unidentified Armed Group (Lebanon)",
        "Police Forces of Lebanon",
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # the group its people come from, not the bare "armed men"
        (
            "Armed men from Lebanese clans attacked a Syrian army post near Qusayr on Sunday.",
            "Unidentified Clan Militia (Lebanon)",
        ),
        (
            "Armed men from Lebanese clans fired on a Syrian checkpoint near Qusayr on Sunday.",
            "Unidentified Clan Militia (Lebanon)",
        ),
    ],
)
def test_the_group_a_generic_doer_comes_from(extractor, text, actor1) -> None:  # type: ignore[no-untyped-def]
    assert _name(exported(extractor, text)[0].actor1) == actor1


def test_coordinated_nationalities_over_one_head(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "Senior Lebanese and Syrian military officers": the Lebanese ones are Lebanon's
    military, as the Syrian ones are Syria's, not the Lebanese government."""
    text = (
        "Senior Lebanese and Syrian military officers agreed on Friday at the Masnaa "
        "crossing to open a hotline."
    )
    event = _event(extractor, text, "Agreement")
    assert (_name(event.actor1), _name(event.actor2)) == (
        "Military Forces of Lebanon",
        "Military Forces of Syria (2000-2024)",
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # fire only placed ("from the Syrian side") is the Syrian side of the fighting told
        (
            "Hezbollah fighters clashed with Syrian rebels near Qusayr on Monday. Rockets "
            "fired from Syrian territory hit the town of Hermel on Tuesday.",
            "Rebels (Syria)",
        ),
        (
            "Syrian troops fought Lebanese clan gunmen near Qusayr on Monday. Mortar rounds "
            "fired from the Syrian side struck farmland near Hermel on Monday night, killing "
            "a farmer.",
            "Military Forces of Syria (2000-2024)",
        ),
        # with no side of that country named, nothing says who fired: never a guess
        ("Rockets fired from Syrian territory hit the town of Hermel on Tuesday.", None),
    ],
)
def test_fire_placed_only_by_where_it_came_from(extractor, text, actor1) -> None:  # type: ignore[no-untyped-def]
    last = [m for m in exported(extractor, text) if m.sub_event_type != "Armed clash"][-1]
    assert _name(last.actor1) == actor1


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # a seizure's other party is who the same doer arrested with the goods
        (
            "The Lebanese army seized 500 kilograms of hashish in a car near Baalbek on Sunday "
            "and arrested three men.",
            "Civilians (Lebanon)",
        ),
        (
            "Police confiscated 2,000 litres of fuel and detained the driver near Hermel on "
            "Monday.",
            "Civilians (Lebanon)",
        ),
    ],
)
def test_a_seizure_names_who_was_arrested_with_it(extractor, text, actor2) -> None:  # type: ignore[no-untyped-def]
    seizure = next(m for m in exported(extractor, text) if m.sub_event_type != "Arrests")
    assert _name(seizure.actor2) == actor2


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # "the group" points back to the armed group named before
        (
            "Islamic State militants seized a village near Arsal on Sunday. The army launched "
            "an offensive against the group on Monday.",
            "Islamic State (Lebanon)",
        ),
        (
            "Hezbollah fighters ambushed a patrol near Qusayr on Sunday. Syrian troops shelled "
            "positions of the group near the town on Monday.",
            "Hezbollah",
        ),
        # with no armed group named before, the words name no actor: never a guess
        ("The army launched an offensive against the group near Arsal on Monday.", ""),
    ],
)
def test_the_group_named_before(extractor, text, actor2) -> None:  # type: ignore[no-untyped-def]
    last = exported(extractor, text)[-1]
    assert last.actor2 is not None and last.actor2.canonical == actor2
