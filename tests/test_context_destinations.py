"""A sentence without a place borrows one from its neighbours, but not a destination: "their
bodies were taken to a hospital in X" says where the dead went, not where they died.
Invented sentences."""

from __future__ import annotations

from .extracting import exported


def _killing_place(extractor, text: str):  # type: ignore[no-untyped-def]
    killed = [m for m in exported(extractor, text) if "killed" in m.counts]
    assert killed, [(m.event_type, m.trigger.text) for m in exported(extractor, text)]
    return killed[0].place.name if killed[0].place is not None else None


def test_a_neighbours_destination_is_not_the_events_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Two soldiers were killed by a roadside bomb on Monday, the army said. Their bodies "
        "were taken to a hospital in Baalbek."
    )
    assert _killing_place(extractor, text) != "Baalbek"


def test_a_neighbours_place_of_the_event_is_still_borrowed(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Two soldiers were killed in an ambush on Monday, the army said. The ambush took place "
        "on the road outside Hermel."
    )
    assert _killing_place(extractor, text) == "Hermel"


def test_the_country_across_the_border_is_not_the_events_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gunmen snatched three Lebanese shepherds at the border with Syria on Monday, their "
        "families said. Relatives gathered on Tuesday in Wadi Khaled to demand their release."
    )
    found = [m for m in exported(extractor, text) if m.trigger.text == "snatched"]
    assert found and found[0].place is not None
    assert found[0].place.country_code == "LB", found[0].place
