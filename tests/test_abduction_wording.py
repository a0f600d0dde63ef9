"""People taken away are abducted (by an armed group) or arrested (by the state's forces),
whatever the verb: "seized two shepherds", "snatched a businessman"; things seized or snatched
are not (a seizure of goods, a theft). Invented sentences, from ACLED's codebook: Abduction /
forced disappearance, Arrests."""

from __future__ import annotations

import pytest

from .extracting import exported


def _subs(extractor, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.sub_event_type for m in exported(extractor, text)}


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Gunmen seized two shepherds near Wadi Khaled on Monday.",
            "Abduction/forced disappearance",
        ),
        (
            "Unknown gunmen snatched a businessman from his car in Baalbek on Monday.",
            "Abduction/forced disappearance",
        ),
        (
            "Armed men snatched two Syrian workers near Hermel on Monday, residents said.",
            "Abduction/forced disappearance",
        ),
        ("Police seized three journalists outside the courthouse in Homs on Monday.", "Arrests"),
    ],
)
def test_people_taken_away_are_abducted_or_arrested(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    assert sub in _subs(extractor, text), _subs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "A thief snatched a woman's bag in Beirut on Monday.",
        "Gunmen seized a truck loaded with fuel near Wadi Khaled on Monday.",
    ],
)
def test_things_seized_or_snatched_are_no_abduction(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "Abduction/forced disappearance" not in _subs(extractor, text)
