"""Who fired what killed the victims, told after the thing with "from" ("killed by sniper fire
from IS militants"): the doer is who it came from, not the word for the shooter inside the
thing's name.  Invented sentences in the style of Syrian war wire reports."""

from __future__ import annotations

from datetime import date

import pytest

from .extracting import exported


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("A boy was killed by sniper fire from Islamic State militants in Deir ez-Zor.", "Islamic"),
        (
            "Two farmers were killed by machine-gun fire from Hezbollah fighters near Qusayr.",
            "Hezbollah",
        ),
        ("A nurse was killed by sniper fire from regime troops in the town of Madaya.", "Syria"),
    ],
)
def test_the_doer_is_who_the_fire_came_from(extractor, text: str, doer: str) -> None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text, date(2016, 6, 1))
    assert found, text
    actor1 = found[0].actor1
    assert actor1 is not None and doer in actor1.name, (text, actor1)
