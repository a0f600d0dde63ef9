"""A base established is named by any word of the base_site class, not only "base" or
"observation" ("set up a new military point", "established a new position"): the trigger's
sentence filter reads the same words as the class its object is checked against.  Invented
sentences; a point made in an argument is none."""

from __future__ import annotations

import pytest

from .extracting import exported

BASE = "Headquarters or base established"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels established a new position on the hill overlooking the town on Sunday.",
        "Government troops set up a new military point on the road to Saraqib on Monday.",
    ],
)
def test_a_base_by_another_word_is_established(extractor, text):
    assert [m.sub_event_type for m in exported(extractor, text)] == [BASE]


@pytest.mark.parametrize(
    "text",
    [
        "He made his point at the meeting on Monday.",
        "The company established a new research unit in Beirut on Monday.",
    ],
)
def test_no_base_without_armed_men(extractor, text):
    assert not exported(extractor, text)
