"""A toll told in the sentence after its event is that event's toll (``extract.continuation``).
Sentences are invented."""

from __future__ import annotations

from .extracting import exported


def test_a_toll_in_the_next_sentence_takes_the_events_type_doer_and_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Israeli drones struck a car near Hermel on Monday. Two men were killed."
    found = exported(extractor, text)
    assert {m.sub_event_type for m in found} == {"Air/drone strike"}, found
    toll = next(m for m in found if m.counts.get("killed"))
    strike = next(m for m in found if m is not toll)
    assert toll.counts["killed"] == 2
    assert toll.actor1 == strike.actor1 and toll.place == strike.place and toll.date == strike.date
    # the toll keeps its own sentence as its evidence
    assert "killed" in toll.sentence.text


def test_a_toll_with_its_own_place_or_date_is_its_own_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Israeli drones struck a car near Hermel on Monday. Two men were killed in Arsal on "
        "Tuesday."
    )
    found = exported(extractor, text)
    toll = next(m for m in found if m.counts.get("killed"))
    assert (
        toll.sub_event_type != "Air/drone strike"
        or toll.place is None
        or ("Arsal" in toll.place.name)
    )
    assert "continues" not in toll.why


def test_a_toll_in_another_paragraph_is_not_continued(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Israeli drones struck a car near Hermel on Monday.\n\nTwo men were killed."
    found = exported(extractor, text)
    assert all("continues" not in m.why for m in found), found


def test_a_death_told_after_a_clash_is_that_clashs_toll(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The army clashed with smugglers near Hermel on Monday. One soldier was killed."
    found = exported(extractor, text)
    assert any(m.counts.get("killed") == 1 and "continues" in m.why for m in found), found
