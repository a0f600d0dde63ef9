"""A state's forces are never their own target: when the words of two roles ("officers", "the
Lebanese army") both come to name one state's forces once named as ACLED names them in the
event's country, the second role is left empty rather than filled with the doer again.  Unnamed
groups may still fight unnamed groups ("Unidentified Armed Group" on both sides).  Invented
sentences."""

from __future__ import annotations

from datetime import date

import pytest

from .extracting import exported

BORDER_DATE = date(2025, 8, 12)


@pytest.mark.parametrize(
    "text",
    [
        "The Lebanese army set up checkpoints near Hermel on Monday, and intelligence officers "
        "were talking to both families.",
        "The Lebanese army deployed troops in Wadi Khaled on Tuesday, and officers were "
        "negotiating with the clan.",
        "The Syrian army shelled the town while officers talked to the Syrian army commanders "
        "on Monday.",
    ],
)
def test_no_state_force_is_its_own_target(extractor, text):  # type: ignore[no-untyped-def]
    found = exported(extractor, text, BORDER_DATE)
    assert found, text
    for mention in found:
        if mention.actor1 is not None and mention.actor2 is not None:
            assert mention.actor1.name != mention.actor2.name, (mention.sub_event_type, text)
        if mention.actor2 is None:
            assert "actor2" not in mention.evidence, text


def test_unnamed_groups_may_fight_unnamed_groups(extractor):  # type: ignore[no-untyped-def]
    found = exported(
        extractor, "Gunmen clashed with other gunmen in Arsal on Monday, killing two.", BORDER_DATE
    )
    assert any(
        m.actor1 is not None and m.actor2 is not None and m.actor1.name == m.actor2.name
        for m in found
    ), [(m.actor1, m.actor2) for m in found]
