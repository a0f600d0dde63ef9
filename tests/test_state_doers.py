"""States and their weapons as the doers of strikes and shelling (ACLED codes a state's guns
and aircraft as its Military Forces): a power that fights from the air named as the subject
of "bomb", the owner written before a weapon ("Government artillery
pounded ..."), and the owner a report blames ("..., activists said, blaming Russian
aircraft").  Invented sentences; each positive case gave no event or no actor before."""

from __future__ import annotations

from datetime import date

import pytest

from .extracting import exported, first_exported

WAR_DATE = date(2016, 6, 1)


def _first(extractor, text: str):  # type: ignore[no-untyped-def]
    return first_exported(extractor, text, WAR_DATE)


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Russia bombed Idlib on Monday, killing 12 civilians.", "Military Forces of Russia"),
        ("Israel bombed targets near Damascus overnight.", "Military Forces of Israel"),
        (
            "The coalition bombed Islamic State positions near Raqqa on Sunday.",
            "Global Coalition Against Daesh",
        ),
        (
            "The United States bombed Islamic State positions near Raqqa on Sunday.",
            "Military Forces of the United States",
        ),
    ],
)
def test_a_power_that_fights_from_the_air_bombing_is_an_air_strike(extractor, text, doer):
    mention = _first(extractor, text)
    assert mention.sub_event_type == "Air/drone strike"
    assert mention.actor1 is not None and mention.actor1.canonical == doer


@pytest.mark.parametrize(
    "text",
    [
        "Israel struck a conciliatory tone in talks with Egypt on Monday.",
        "The ruling coalition bombed voters with leaflets before the election on Tuesday.",
        "US soldiers bombed a bridge near Raqqa on Monday.",
    ],
)
def test_bombing_by_no_power_itself_or_of_no_target_of_war_is_no_air_strike(extractor, text):
    subs = [m.sub_event_type for m in exported(extractor, text, WAR_DATE)]
    assert "Air/drone strike" not in subs


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        (
            "Government artillery pounded the rebel-held district of Douma on Monday.",
            "Military Forces of Syria",
            None,
        ),
        (
            "Turkish artillery pounded YPG positions near Afrin on Tuesday.",
            "Military Forces of Turkey",
            "People's Protection Units",
        ),
        (
            "Government tanks shelled the town of Talbiseh on Monday.",
            "Military Forces of Syria",
            None,
        ),
    ],
)
def test_the_owner_of_a_weapon_is_the_doer(extractor, text, doer, target):
    mention = _first(extractor, text)
    assert mention.sub_event_type == "Shelling/artillery/missile attack"
    assert mention.actor1 is not None and mention.actor1.canonical.startswith(doer)
    if target is not None:
        assert mention.actor2 is not None and mention.actor2.canonical == target


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "Air strikes killed 15 people in Idlib on Monday, activists said, blaming Russian "
            "aircraft.",
            "Military Forces of Russia",
        ),
        (
            "Shelling killed four civilians in Douma on Monday, the monitor said, blaming "
            "regime forces.",
            "Military Forces of Syria",
        ),
    ],
)
def test_the_blamed_owner_is_the_doer(extractor, text, doer):
    mention = _first(extractor, text)
    assert mention.actor1 is not None and mention.actor1.canonical.startswith(doer)


def test_a_blame_in_a_sentence_of_its_own_names_no_doer(extractor):
    text = "Gunmen killed two policemen in Arsal on Monday. The ministry blamed Hezbollah."
    doers = [m.actor1.canonical for m in exported(extractor, text, WAR_DATE) if m.actor1]
    assert "Hezbollah" not in doers
