"""Forces that try to disperse a crowd have intervened in a protest that took place (ACLED
Protest with intervention); an attempted arrest is still no arrest.  Invented sentences."""

from __future__ import annotations

from .extracting import exported


def test_an_attempt_to_disperse_a_crowd_is_an_intervention(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Riot police tried to disperse the crowd outside the parliament in Beirut on Monday."
    assert [m.sub_event_type for m in exported(extractor, text)] == ["Protest with intervention"]


def test_an_attempted_arrest_is_no_arrest(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Police tried to arrest the smugglers near the border on Monday but they escaped."
    assert not [m for m in exported(extractor, text) if m.sub_event_type == "Arrests"]
