"""A deed's target told after the verb of a weapon going off, on invented sentences: "a car
bomb exploded ..., killing four Asayish officers" (the Asayish were its target), as in "the
car bomb killed four Asayish officers"."""

from __future__ import annotations

import pytest

from .extracting import extract


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        (
            "A car bomb exploded near a police station in Qamishli, killing four Asayish officers.",
            "car bomb",
            "Asayish",
        ),
        (
            "A roadside bomb went off near a market in Hermel, wounding three Hezbollah members.",
            "roadside bomb",
            "Hezbollah",
        ),
    ],
)
def test_the_casualties_of_a_weapon_going_off_are_its_target(  # type: ignore[no-untyped-def]
    extractor, text: str, trigger: str, target: str
) -> None:
    mention = next(m for m in extract(extractor, text) if m.trigger.text == trigger)
    assert mention.actor2 is not None and mention.actor2.canonical == target
