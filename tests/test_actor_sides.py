"""Sides the parse leaves open, on invented sentences in the style of war reporting: a group's
name premodifying a fighter or deed noun names the actor ("IS militants", "ISIS shelling"), a
clash told by both sides' tolls has both as its sides (the dead told first named first), a
doer loyal to a leader is that leader's forces, and "terrorists" fighting an army are the armed
opposition (syria_actors GUIDE.md conventions)."""

from __future__ import annotations

import pytest

from .test_extract import extract


def ids(mentions):  # type: ignore[no-untyped-def]
    return [
        (
            m.actor1.actor_id if m.actor1 is not None else None,
            m.actor2.actor_id if m.actor2 is not None else None,
        )
        for m in mentions
    ]


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "IS militants attacked an army checkpoint near Palmyra, killing four soldiers.",
            "islamic-state",
            "military-forces-of-syria-2000-2024",
        ),
        (
            "Dozens of IS fighters stormed a police station in the town of Tadmur.",
            "islamic-state",
            None,
        ),
        (
            "Six IS militants were killed when Kurdish forces attacked their positions near "
            "Qamishli.",
            None,
            "islamic-state",
        ),
    ],
)
def test_an_acronym_before_a_fighter_noun_names_the_group(  # type: ignore[no-untyped-def]
    extractor, text: str, actor1: str | None, actor2: str | None
) -> None:
    found = ids(extract(extractor, text))
    assert any(
        (actor1 is None or a1 == actor1) and (actor2 is None or a2 == actor2) for a1, a2 in found
    ), found


def test_the_verb_is_is_never_the_group(extractor) -> None:  # type: ignore[no-untyped-def]
    found = ids(extract(extractor, "The town IS under siege after rebels shelled it on Monday."))
    assert all("islamic-state" not in pair for pair in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Four children were killed in the ISIS shelling on the town of Marea.",
        "Two women died in the IS bombardment of the Sheikh Maqsoud district in Aleppo.",
    ],
)
def test_a_name_right_before_the_deed_is_its_doer(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    found = ids(extract(extractor, text))
    assert any(a1 == "islamic-state" and a2 == "civilians" for a1, a2 in found), found


def test_a_word_of_the_opposition_before_shelling_is_the_doer(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Opposition shelling killed three children in a government-held district of Aleppo."
    assert ("rebels", "civilians") in ids(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "At least 12 regime soldiers were killed in the clashes near Hama, while seven "
            "rebels died.",
            ("military-forces-of-syria-2000-2024", "rebels"),
        ),
        (
            "Nine rebel fighters were killed, while four government troops were reported dead "
            "in the fighting near Daraa.",
            ("rebels", "military-forces-of-syria-2000-2024"),
        ),
    ],
)
def test_a_clash_told_by_both_tolls_has_both_sides_first_told_first(  # type: ignore[no-untyped-def]
    extractor, text: str, sides: tuple[str, str]
) -> None:
    assert sides in ids(extract(extractor, text))


def test_the_side_that_ambushed_the_dead_is_actor1(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Eleven YPG fighters were killed in an ambush set by militants of the Islamic State "
        "near Hasakah."
    )
    assert ("islamic-state", "ypg") in ids(extract(extractor, text))


def test_forces_loyal_to_a_leader_are_his_forces(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Three children died in shelling by forces loyal to Assad in the town of Nawa."
    found = ids(extract(extractor, text))
    assert any(a1 == "military-forces-of-syria-2000-2024" for a1, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Syrian army killed dozens of terrorists in the countryside of Homs.",
            ("military-forces-of-syria-2000-2024", "rebels"),
        ),
        # against civilians nothing says who the "terrorists" are
        ("Terrorists shot dead two shepherds near the village of Arsal.", (None, "civilians")),
    ],
)
def test_terrorists_fighting_an_army_are_the_opposition(  # type: ignore[no-untyped-def]
    extractor, text: str, expected: tuple[str | None, str]
) -> None:
    assert expected in ids(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the holder of the shelled town is no party to the shelling ...
        (
            "Rebel fighters shelled the regime-held town of Mhardeh, killing two civilians.",
            ("rebels", "civilians"),
        ),
        # ... but the side a place is taken from
        ("Rebels captured several IS-held villages near Marea.", ("rebels", "islamic-state")),
    ],
)
def test_who_holds_a_place_is_a_party_only_to_its_capture(  # type: ignore[no-untyped-def]
    extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in ids(extract(extractor, text))


def test_the_unknown_target_of_an_attack_on_civilians_is_civilians(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Unknown assailants shot dead a local council member in the town of Nawa."
    event = next(
        m for m in extract(extractor, text) if m.event_type == "Violence against civilians"
    )
    assert event.actor2 is not None and event.actor2.canonical == "Civilians (Syria)"
    assert event.actor2.text == "local council member"


def test_displaced_victims_are_civilians_with_their_group_associated(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Turkish border guards shot dead a Syrian refugee trying to cross near Ras al-Ain."
    event = next(m for m in extract(extractor, text) if m.actor2 is not None)
    assert event.actor2 is not None and event.actor2.canonical == "Civilians (Syria)"
    assert event.assoc_actor_2 is not None and event.assoc_actor_2.actor_id == "refugees"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Islamic Front fighters clashed with ISIS near the town of Azaz.", "islamic-front-syria"),
        ("Jund al-Aqsa militants attacked army positions near Morek.", "jund-al-aqsa"),
        ("The Sham Legion shelled regime positions in the Hama countryside.", "faylaq-al-sham"),
    ],
)
def test_rebel_formations_of_the_war_are_named(extractor, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    assert any(a1 == actor1 for a1, _ in ids(extract(extractor, text)))


def test_a_group_after_two_conjuncts_belongs_to_the_nearer(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ten soldiers were killed after clashes erupted between the regime forces and rebels "
        "of the Free Syrian Army in the town of Nawa."
    )
    assert ("military-forces-of-syria-2000-2024", "free-syrian-army") in ids(
        extract(extractor, text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah said one of its fighters was killed in an Israeli strike near Aitaroun.",
        "Hezbollah said two of its members were killed in an Israeli drone strike near Hermel.",
    ],
)
def test_the_speakers_own_dead_are_the_speaker(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    # "one of its fighters": the organisation that speaks, not a generic armed group
    assert ("military-forces-of-israel", "hezbollah") in ids(extract(extractor, text)), text


@pytest.mark.parametrize(
    ("text", "actor1", "ally", "actor2"),
    [
        (
            "In 2013, Nusra Front and Ahrar al-Sham militants briefly overran the border town of "
            "Qusayr, officials said.",
            "nusra-front",
            "ahrar-al-sham",
            None,
        ),
        (
            "ISIS and al-Nusra militants overran the village of Hazrama on Sunday, activists said.",
            "islamic-state",
            "nusra-front",
            None,
        ),
    ],
)
def test_the_noun_coordinated_names_premodify_is_their_own_side(
    extractor, text: str, actor1: str, ally: str, actor2: str | None
) -> None:  # type: ignore[no-untyped-def]
    """ "A and B fighters seized X": the fighters are A's and B's, never the other side."""
    [m] = [m for m in extract(extractor, text) if m.actor1 is not None]
    assert m.actor1.actor_id == actor1
    assert m.assoc_actor_1 is not None and m.assoc_actor_1.actor_id == ally
    assert (m.actor2.actor_id if m.actor2 else None) == actor2


@pytest.mark.parametrize(
    ("text", "actor1", "ally"),
    [
        (
            "Jaish al-Islam and Faylaq al-Rahman fighters stormed the village of Hazrama on "
            "Sunday, activists said.",
            "jaish-al-islam",
            "faylaq-al-rahman",
        ),
        (
            "Hezbollah and Syrian army troops overran the hilltop of Tallet Moussa on Monday, "
            "a military source said.",
            "hezbollah",
            "military-forces-of-syria-2000-2024",
        ),
    ],
)
def test_coordinated_subjects_acting_on_an_object_are_one_side(
    extractor, text: str, actor1: str, ally: str
) -> None:  # type: ignore[no-untyped-def]
    """ "A and B stormed the village": A and B together (ACLED: one actor1, the rest
    associated), never A against B; "A and B clashed" stays a clash between them."""
    [m] = [m for m in extract(extractor, text) if m.actor1 is not None]
    assert m.actor1.actor_id == actor1
    assert m.assoc_actor_1 is not None and m.assoc_actor_1.actor_id == ally
    assert m.actor2 is None or m.actor2.actor_id not in (actor1, ally)


def test_coordinated_subjects_of_a_clash_fight_each_other(extractor) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Jaish al-Islam and Faylaq al-Rahman clashed in Eastern Ghouta on Monday, activists said.",
        "Jaish al-Islam and Faylaq al-Rahman fought each other in Eastern Ghouta on Monday.",
    ):
        [m] = [m for m in extract(extractor, text) if m.actor1 is not None]
        assert (m.actor1.actor_id, m.actor2 and m.actor2.actor_id) == (
            "jaish-al-islam",
            "faylaq-al-rahman",
        ), text
