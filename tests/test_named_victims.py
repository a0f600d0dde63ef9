"""A named person killed is one dead: with the day and the place told, the toll of one incident
(syria_actors GUIDE.md: a toll of a specific attack is an event), its killer not named.  An
accident named as the cause is none.  Invented sentences."""

from __future__ import annotations

from .extracting import exported


def test_a_named_person_killed_on_a_day_in_a_place_is_one_dead(extractor) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, "Ahmad Khalil was killed in the village of Kfar Nabl on Monday.")
    assert [m.sub_event_type for m in got] == ["Attack"]
    assert got[0].counts.get("killed") == 1


def test_a_named_person_killed_in_an_accident_is_no_event(extractor) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, "John Smith was killed in a car crash in Beirut on Monday.")
