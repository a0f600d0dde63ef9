"""A person taken or led away at gunpoint is abducted (ACLED Violence against civilians /
Abduction/forced disappearance); a thing taken or a shop held up at gunpoint is a theft, no
event.  Invented sentences."""

from __future__ import annotations

import pytest

from .extracting import exported

ABDUCTION = "Abduction/forced disappearance"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen took two aid workers at gunpoint from their car near Hermel on Tuesday.",
        "Armed men took a shepherd at gunpoint near the border town of Arsal on Monday.",
        "Militants led the villagers away at gunpoint in Idlib on Friday.",
    ],
)
def test_people_taken_at_gunpoint_are_abducted(extractor, text):
    got = exported(extractor, text)
    assert [m.sub_event_type for m in got] == [ABDUCTION]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen robbed a jewellery shop at gunpoint in Tripoli on Monday.",
        "Two men took the driver's phone at gunpoint in Beirut on Sunday.",
        "Masked men held up a petrol station at gunpoint in Zahle on Saturday.",
    ],
)
def test_things_taken_at_gunpoint_are_no_abduction(extractor, text):
    assert not [m for m in exported(extractor, text) if m.sub_event_type == ABDUCTION]
