"""Actors as ACLED codes them, on sentences in the style of coders' notes: aircraft stand for
the state's military, the dead of a clash are one of its sides, a nationality before a
generic word names the forces' country, and generic actors carry the event's country."""

from __future__ import annotations

import pytest

from .test_extract import extract, only


def canonical(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Government warplanes struck the town of Saraqib in Idlib, killing four civilians.",
            "Military Forces of Syria (2000-2024)",
        ),
        (
            "Regime helicopters dropped barrel bombs on Daraya, killing two civilians.",
            "Military Forces of Syria (2000-2024)",
        ),
        (
            "Russian warplanes struck the town of Kafr Nabl in Idlib, killing six civilians.",
            "Military Forces of Russia",
        ),
    ],
)
def test_aircraft_stand_for_the_states_military(extractor, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    mentions = extract(extractor, text)
    assert canonical(mentions[0].actor1) == actor1, [(m.trigger.text, m.actor1) for m in mentions]


def test_a_participle_shares_its_verbs_subject(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Regime warplanes bombed Douma in Eastern Ghouta on Monday, killing five civilians."
    event = only(extract(extractor, text))
    assert canonical(event.actor1) == "Military Forces of Syria (2000-2024)"
    assert canonical(event.actor2) == "Civilians (Syria)"


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "At least 12 members of the pro-regime military forces were killed on Tuesday "
            "during clashes with opposition fighters near Anadan.",
            {"Military Forces of Syria (2000-2024)", "Rebels (Syria)"},
        ),
        (
            "Dozens of Islamic State militants were killed during clashes with rebels near "
            "Tadmur on Saturday.",
            {"Islamic State (Syria)", "Rebels (Syria)"},
        ),
    ],
)
def test_the_dead_of_a_clash_are_one_of_its_sides(extractor, text: str, sides: set) -> None:  # type: ignore[no-untyped-def]
    event = only(extract(extractor, text))
    assert event.event_type == "Battles"
    assert {canonical(event.actor1), canonical(event.actor2)} == sides
    assert event.assoc_actor_1 is None  # the other side is no ally


def test_civilians_killed_in_a_clash_are_not_a_side(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Three civilians were killed during clashes between rebels and troops in Hama."
    event = only(extract(extractor, text))
    assert {canonical(event.actor1), canonical(event.actor2)} == {
        "Rebels (Syria)",
        "Military Forces of Syria (2000-2024)",
    }


def test_a_nationality_before_a_generic_word_names_the_forces_country(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Turkish security forces shelled the village of Jindires near Afrin on Monday."
    event = only(extract(extractor, text))
    assert canonical(event.actor1) == "Military Forces of Turkey"


def test_an_event_placed_nowhere_takes_the_articles_country(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rebels shelled government positions in Harasta on Monday. "
        "Separately, gunmen killed a shepherd, residents said."
    )
    killing = next(m for m in extract(extractor, text) if m.trigger.text == "killed")
    assert killing.place is None or killing.place.country_code == "SY"
    assert canonical(killing.actor1) == "Unidentified Armed Group (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT (Wire Service) - Wire Service and rebels clashed near Arsal on Monday.",
        "The Hermel Media Office and gunmen clashed near Hermel on Monday, residents said.",
    ],
)
def test_a_news_outlet_is_never_an_actor(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    for m in extract(extractor, text):
        for actor in (m.actor1, m.actor2, m.assoc_actor_1, m.assoc_actor_2):
            assert actor is None or "Wire" not in actor.text and "Media" not in actor.text


def test_a_known_outlet_is_never_an_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    event = only(extract(extractor, "Reuters and gunmen clashed near Hermel on Monday."))
    assert all(a is None or a.text != "Reuters" for a in (event.actor1, event.actor2))


def test_a_government_that_fights_is_its_military(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Assad regime used cluster munitions in attacks on Douma on Monday."
    event = only(extract(extractor, text))
    assert canonical(event.actor1) == "Military Forces of Syria (2000-2024)"


def test_a_group_speaker_saying_they_acted_is_the_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Jaish al-Islam rebel group said they launched an offensive near Douma on Monday."
    event = only(extract(extractor, text))
    assert canonical(event.actor1) == "Jaish al-Islam"  # the name without what it is


def test_generic_actors_in_palestine_are_named_as_acled_names_them(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen shot dead a shepherd near Jenin in the West Bank on Monday."
    event = only(extract(extractor, text))
    assert canonical(event.actor2) == "Civilians (Palestine)"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "The Assad regime and Russian warplanes continue to launch brutal attacks on Aleppo, "
            "activists said on Monday.",
            "Military Forces of Syria (2000-2024)",
        ),
        (
            "The army continued to carry out air strikes on rebel areas of Idlib on Tuesday, a "
            "monitor said.",
            "Military Forces of Syria (2000-2024)",
        ),
    ],
)
def test_a_noun_deeds_doer_is_the_subject_of_the_verb_its_carrier_completes(
    extractor, text: str, actor1: str
) -> None:  # type: ignore[no-untyped-def]
    """ "X continued to launch attacks": the carrying verb ("launch") has no subject of its own;
    it is the one of the verb it completes ("continued")."""
    found = [m for m in extract(extractor, text) if m.actor1 is not None]
    assert [canonical(m.actor1) for m in found] == [actor1]
