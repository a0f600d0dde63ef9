"""The two parties of a deal or of talks, as ACLED codes an agreement: "with X" names the other
party (never an ally), the speaker who tells of talks from one side speaks for that side (the
organisation a leader led on the day, not the person), and a deal told with one party has the
one other organisation of the sentence as its other (never a mediator).  Invented sentences."""

from __future__ import annotations

import pytest

from .extracting import exported


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


def _agreements(extractor, text: str) -> list[tuple[str | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [
        (_name(m.actor1), _name(m.actor2), _name(m.assoc_actor_1))
        for m in exported(extractor, text)
        if m.sub_event_type == "Agreement"
    ]


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # "with" on the verb that carries the deal
        (
            "The army reached a truce with the gunmen in the town of Arsal on Sunday.",
            "Military Forces of Lebanon",
            "Unidentified Armed Group (Lebanon)",
        ),
        # a country after "with" a verb stands for its state ("the border with Syria" does not)
        (
            "Lebanon agreed with Syria on Sunday to reopen the Jdeidet Yabous crossing.",
            "Government of Lebanon",
            "Government of Syria (2000-2024)",
        ),
        # the speaker's organisation, named in the words that say who spoke
        (
            "Talks on a truce have started with the Nusra Front, a Hezbollah commander said "
            "on Sunday.",
            "Hezbollah",
            "Jabhat al-Nusra",
        ),
        # a leader speaking: the organisation he led on the day
        (
            "Negotiations on a ceasefire have begun with the Islamic State, Hezbollah chief "
            "Hassan Nasrallah said on Sunday.",
            "Hezbollah",
            None,
        ),
    ],
)
def test_the_parties_of_a_deal(extractor, text: str, actor1: str, actor2: str | None) -> None:  # type: ignore[no-untyped-def]
    found = _agreements(extractor, text)
    assert any(a1 == actor1 and (actor2 is None or a2 == actor2) for a1, a2, _ in found), found
    assert all(ally is None or ally not in (a1, a2) for a1, a2, ally in found), found


def test_the_one_other_organisation_is_the_deals_other_party(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Dozens of Nusra Front militants left the hills under an evacuation deal after "
        "Hezbollah drove them out on Sunday."
    )
    found = _agreements(extractor, text)
    assert any(a2 == "Hezbollah" for _, a2, _ in found), found


def test_a_mediator_is_no_party(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Hundreds of Nusra Front militants left the town under a deal brokered by Qatar on Sunday."
    )
    found = _agreements(extractor, text)
    assert all(a2 is None or "Qatar" not in a2 for _, a2, _ in found), found


def test_a_person_the_base_does_not_know_is_no_party(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Talks on a truce have begun with the Nusra Front, Ahmad Karimi said on Sunday."
    found = _agreements(extractor, text)
    assert all(a1 is None or "Karimi" not in a1 for a1, _, _ in found), found


def test_a_speaker_saying_it_acted_stays_the_actor_outside_deals(extractor) -> None:  # type: ignore[no-untyped-def]
    # the person-to-organisation reading of a deal's speaker leaves other deeds' speakers be
    text = "The Ansar Brigade said it had attacked an army post near Arsal on Sunday."
    actors = [m.actor1 for m in exported(extractor, text)]
    assert any(a is not None and "Ansar" in a.text for a in actors), actors
