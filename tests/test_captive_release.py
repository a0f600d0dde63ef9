"""A release, handover or exchange of captives told with their earlier abduction is its own
event at its own time (``extract.grouping``: an abduction told by a verb is a separate event;
``extract.search``: the release takes the date of its own verb).  ACLED codes the abduction when
it happened and the release or exchange (an agreement) when it happens.  Sentences are invented;
the news date is Monday 20 May 2024."""

from __future__ import annotations

from datetime import date

from borderwatch.model import Mention

from .extracting import exported

ABDUCTION = "Abduction/forced disappearance"


def _releases(found: list[Mention]) -> list[Mention]:
    return [
        m
        for m in found
        if m.event_type == "Strategic developments" and m.sub_event_type in ("Agreement", "Other")
    ]


def test_captives_abducted_last_week_and_freed_on_saturday_are_two_events(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Four farmers abducted last week by armed men were released on Saturday in exchange "
        "for three men held by a clan, officials said."
    )
    found = exported(extractor, text)
    releases = _releases(found)
    assert releases, found
    # the release is Saturday's, not the abduction's week
    assert all(m.date is not None and m.date.start == date(2024, 5, 18) for m in releases), found
    abductions = [m for m in found if m.sub_event_type == ABDUCTION]
    assert abductions, found
    assert all(m.date is not None and m.date.start < date(2024, 5, 18) for m in abductions)


def test_a_handover_of_someone_abducted_years_ago_is_dated_by_the_handover(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The engineer, who was abducted in 2019, was handed over on Monday."
    found = exported(extractor, text)
    handovers = _releases(found)
    assert [m.date.start for m in handovers if m.date] == [date(2024, 5, 20)], found
    abductions = [m for m in found if m.sub_event_type == ABDUCTION]
    assert abductions and all(m.date and m.date.start.year == 2019 for m in abductions), found


def test_hostages_freed_is_one_release_not_an_abduction_on_the_day(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The hostages, seized last month, were freed on Friday."
    found = exported(extractor, text)
    assert [m.sub_event_type for m in found] == ["Agreement"], found
    assert found[0].date is not None and found[0].date.start == date(2024, 5, 17)


def test_a_release_with_no_abduction_told_keeps_its_day(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Two soldiers kidnapped in March were released on Tuesday at the Masnaa crossing."
    found = exported(extractor, text)
    releases = _releases(found)
    assert releases, found
    assert all(m.date is not None and m.date.start == date(2024, 5, 14) for m in releases)


def test_a_detention_joined_by_while_to_a_battle_is_its_own_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels clashed with the army while gunmen detained five civilians."
    found = exported(extractor, text)
    assert {m.event_type for m in found} >= {"Battles"}, found
    taking = [m for m in found if m.event_type != "Battles"]
    assert len(taking) == 1, found
    assert taking[0].sub_event_type in (ABDUCTION, "Arrests")
    assert taking[0].actor1 is not None and taking[0].actor1.text == "gunmen"
