"""Hedges that raise a doer, hearsay read as the deed, and events told inside a call (issue 22).

Invented sentences: the subject a hearsay verb raises ("rebels are believed to have shelled")
is the deed's doer (or, with a passive infinitive, its victims) -- such a deed stays speculated:
reading it as asserted lowered a check half of the Syrian development set this round, so the
modality is left as it was; "jets thought to be Syrian bombed Saraqeb" is a strike by the jets
however the parser reads "bombed"; a definite event told with its toll or day inside a call for
an inquiry took place, while a call to look into allegations or reports stays quiet.
"""

from __future__ import annotations

import pytest

from .extracting import exported, extract

RAISED = [
    "Kurdish fighters are believed to have shelled the village on Tuesday.",
    "The militants are believed to have killed three soldiers near Homs on Monday.",
    "Rebels were suspected to have ambushed an army convoy near Hama on Sunday.",
]


@pytest.mark.parametrize("text", RAISED)
def test_raised_subject_is_the_doer(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    found = extract(extractor, text)
    assert found, text
    assert any(m.actor1 is not None and m.actor1.text for m in found), text


UNCONFIRMED = [
    "The militants are believed to have killed three soldiers, but the reports could not be "
    "independently verified.",
    "According to unconfirmed reports, the militants are believed to have killed three soldiers.",
]


@pytest.mark.parametrize("text", UNCONFIRMED)
def test_unconfirmed_raised_deed_stays_speculated(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), text
    assert any(m.modality == "speculated" for m in extract(extractor, text)), text


HEARSAY_OWNERS = [
    ("Warplanes thought to be Syrian bombed Saraqeb.", "SY"),
    ("Helicopters believed to be Syrian bombed rebel positions.", "SY"),
    ("Drones thought to be Israeli hit Nabatieh.", "IL"),
]


@pytest.mark.parametrize(("text", "country"), HEARSAY_OWNERS)
def test_hearsay_owner_bombed_a_named_place(extractor, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text)
    assert [m.sub_event_type for m in found] == ["Air/drone strike"], text
    assert found[0].actor1 is not None and found[0].actor1.country == country, text


def test_what_one_is_thought_to_be_is_no_deed(extractor) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, "The men thought to be wounded soldiers were taken to hospital.")


CALLED_FOR = [
    "Amnesty called for an investigation into the air strike that killed 30 people in Idlib on "
    "Tuesday.",
    "Human Rights Watch demanded an inquiry into the shelling that killed 12 civilians in Homs "
    "on Sunday.",
]


@pytest.mark.parametrize("text", CALLED_FOR)
def test_event_told_inside_a_call_took_place(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text), text


QUIET_CALLS = [
    "The UN called for an investigation into allegations that soldiers tortured detainees.",
    "Activists called for an investigation into reports of abuses by the security forces.",
    "The UN called for an investigation into the air strikes.",
]


@pytest.mark.parametrize("text", QUIET_CALLS)
def test_call_to_look_into_claims_stays_quiet(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), text


def test_raised_doer_of_a_carried_deed(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Regime forces are believed to have carried out the air strike that killed 12 people "
        "in Idlib on Monday."
    )
    found = exported(extractor, text)
    assert found and found[0].actor1 is not None
    assert found[0].actor1.text == "Regime forces"


def test_raised_victims_are_counted(extractor) -> None:  # type: ignore[no-untyped-def]
    found = extract(
        extractor, "Five soldiers are believed to have been killed by rebels near Hama."
    )
    assert any(m.counts.get("killed") == 5 for m in found), found


def test_raised_aircraft_are_the_strikes_doer(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Government warplanes are believed to have struck the hospital, killing four medics."
    assert "Air/drone strike" in [m.sub_event_type for m in extract(extractor, text)]
