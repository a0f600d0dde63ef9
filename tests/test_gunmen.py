"""People who fire guns are gunmen: "men in a car opened fire on a checkpoint" is an armed
group's attack (ACLED's Unidentified Armed Group), not a mob's riot, and its target decides
battle or violence against civilians; a crowd throwing stones stays a crowd. Invented
sentences."""

from __future__ import annotations

import pytest

from .extracting import exported


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        (
            "Men in a car opened fire on an army checkpoint near Arsal on Monday, wounding a "
            "soldier.",
            "Battles",
        ),
        (
            "Two men opened fire on a café in Tripoli on Monday, killing a waiter.",
            "Violence against civilians",
        ),
    ],
)
def test_people_who_open_fire_are_gunmen(extractor, text: str, event_type: str) -> None:  # type: ignore[no-untyped-def]
    found = [
        (m.event_type, m.actor1.canonical if m.actor1 else None) for m in exported(extractor, text)
    ]
    assert (event_type, "Unidentified Armed Group (Lebanon)") in found, found


def test_a_crowd_throwing_stones_stays_a_crowd(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Dozens of residents attacked the police post with stones in Tripoli on Monday."
    found = {m.event_type for m in exported(extractor, text)}
    assert "Riots" in found, found
