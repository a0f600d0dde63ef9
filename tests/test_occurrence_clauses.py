"""A clause that only says a deed happened ("clashes that broke out on Monday between A and
B") carries the deed's sides, its date and its toll like the deed's own words do: ACLED codes
"N killed in clashes that erupted between A and B" as one battle between A and B on that day.
Invented sentences; the negative cases keep a relative clause with a verb of its own (its
subject and its date are not the deed's)."""

from __future__ import annotations

from datetime import date

import pytest

from .extracting import exported

# NEWS_DATE (extracting.py) is Monday 20 May 2024: "on Saturday" is the 18th.
SATURDAY = date(2024, 5, 18)


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed in clashes that broke out on Saturday between Hezbollah "
        "fighters and Nusra militants near the town of Arsal, a security source said.",
        "Clashes which erupted on Saturday between Hezbollah fighters and Nusra militants near "
        "Arsal killed five people.",
        "Five people were killed in heavy fighting that flared up on Saturday between "
        "Hezbollah fighters and Nusra militants near Arsal.",
    ],
)
def test_a_clash_told_in_its_relative_clause_is_that_battle(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    battles = [m for m in exported(extractor, text) if m.event_type == "Battles"]
    assert battles, [(m.event_type, m.sub_event_type) for m in exported(extractor, text)]
    clash = battles[0]
    assert (_name(clash.actor1), _name(clash.actor2)) == ("Hezbollah", "Jabhat al-Nusra")
    assert clash.date is not None and clash.date.start == clash.date.end == SATURDAY
    types = {m.event_type for m in exported(extractor, text)}
    assert "Violence against civilians" not in types


def test_a_relative_clause_with_its_own_deed_keeps_its_own_date(extractor) -> None:  # type: ignore[no-untyped-def]
    # the date dates the gunmen's threats, not the clashes (which are undated here)
    text = (
        "Hezbollah fighters clashed with Nusra militants who had threatened the town on "
        "Saturday, residents of Arsal said."
    )
    clashes = [m for m in exported(extractor, text) if m.event_type == "Battles"]
    assert clashes
    assert clashes[0].date is None or clashes[0].date.start != clashes[0].date.end
