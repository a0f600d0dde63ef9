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


def test_a_wounded_toll_continues_the_event_before(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked an army checkpoint near Hermel on Monday. One soldier was wounded."
    found = exported(extractor, text)
    toll = [m for m in found if "wounded" in m.sentence.text]
    assert toll and toll[0].counts.get("injured") == 1 and "continues" in toll[0].why, found
    assert toll[0].sub_event_type == found[0].sub_event_type


def test_fatalities_reported_continue_the_event_before(extractor) -> None:  # type: ignore[no-untyped-def]
    # "were reported": what was reported, not who reports it
    text = (
        "Gunmen attacked an army checkpoint near Hermel on Monday. Three fatalities were reported."
    )
    found = exported(extractor, text)
    toll = [m for m in found if "fatalities" in m.sentence.text]
    assert toll and toll[0].counts.get("killed") == 3 and "continues" in toll[0].why, found


def test_a_wounded_toll_alone_is_no_event(extractor) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, "Two men were wounded on Monday."), "a bare toll"
    text = "The minister opened a new school on Monday.\n\nTwo men were wounded."
    assert not exported(extractor, text)


def test_a_toll_of_one_instance_counts_the_dead_not_the_instance(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Militiamen stormed the district in 2013. In one instance, up to 200 men were killed."
    toll = [m for m in exported(extractor, text) if "instance" in m.sentence.text]
    assert toll and toll[0].counts.get("killed") == 200, [m.counts for m in toll]
    found = exported(extractor, "Gunmen killed nine villagers in two attacks on the valley.")
    assert found and found[0].counts.get("killed") == 9, [m.counts for m in found]


def test_a_running_total_does_not_continue_the_event_before(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gunmen attacked an army checkpoint near Hermel on Monday. Officials said 300 deaths "
        "had taken place in the region since the start of the year."
    )
    found = exported(extractor, text)
    assert all("continues" not in m.why for m in found), [(m.sub_event_type, m.why) for m in found]
