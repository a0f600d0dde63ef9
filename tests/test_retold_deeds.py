"""The day and place of a deed whose first sentence dates only the statement about it, or places
it only in a region: a following sentence that tells the deed again gives them (ACLED codes the
deed's own day and the finest place the report gives), and a clause that tells the moment of the
deed ("as it approached ... late on Thursday") dates it.  Invented stories of general news."""

from __future__ import annotations

from datetime import date

from .extracting import exported

# Wednesday 22 May 2024
PUBLISHED = date(2024, 5, 22)


def test_a_deed_retold_with_its_day_as_object_takes_that_day(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Lebanese army said on Wednesday it had seized two tonnes of hashish hidden in a "
        "van near the Qaa crossing, and arrested the driver. Soldiers stopped the van on Monday "
        "evening at a checkpoint outside the town, the army said."
    )
    got = exported(extractor, text, PUBLISHED)
    assert got
    assert {m.date.start for m in got if m.date} == {date(2024, 5, 20)}


def test_a_deed_placed_in_a_region_takes_the_town_it_is_retold_at(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Security forces intercepted two lorries carrying rifles towards the border in the Bekaa "
        "valley and arrested three men, the interior ministry said on Tuesday. The lorries were "
        "stopped on Sunday night on a dirt road outside the town of Hermel, the ministry said."
    )
    got = exported(extractor, text, PUBLISHED)
    assert got
    first = got[0]
    assert first.place is not None and first.place.name == "Hermel", first.place
    assert first.date is not None and first.date.start == date(2024, 5, 19)


def test_a_clause_telling_the_moment_dates_the_deed(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air defences shot down a drone carrying explosives as it approached an army post "
        "outside Qusayr late on Monday, the defence ministry said."
    )
    got = exported(extractor, text, PUBLISHED)
    assert got and got[0].date is not None
    assert got[0].date.start == date(2024, 5, 20)
