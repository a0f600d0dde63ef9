"""Sentences that report no ACLED event stay quiet, written from the syria_actors coding guide's
reasons (rhetoric, running totals, campaigns summed up, standing facts of a war) in invented
wording of general news; and the incidents told beside such words still come out."""

from __future__ import annotations

import pytest

from .extracting import exported

QUIET = [
    # a judgement passed on a kind of conduct: rhetoric, no incident
    "Rights groups said the shelling of Gaza constitutes a war crime.",
    "He condemned the attacks on journalists and called for an investigation.",
    # running totals: since a happening, to date, throughout a war, over several months
    "Thousands have been arrested since the crackdown began.",
    "Tens of thousands have been arrested since the coup attempt.",
    "To date, at least 1,200 rebels have been captured by government forces.",
    "Throughout the conflict, thousands of people have been detained by the security services.",
    "So far, more than 200 fighters have been killed in the battle for the city.",
    "A total of 87 soldiers were killed in the first six months of the year.",
    # campaigns going on, told without a day
    "Rebels have been attacking army posts for months.",
    "Russia has been conducting airstrikes in Syria since September 30.",
    "Hezbollah fighters have been fighting alongside Assad's forces.",
    "The militants have launched dozens of attacks on army posts.",
    # deeds done again and again
    "The rebels have repeatedly shelled government-held neighbourhoods of the city.",
    "The regime's warplanes have targeted the city's hospitals several times.",
    # deeds counted over a stretch that lasts by its nature
    "The militants executed dozens of people during their rule of the city.",
    "Many residents were killed by sniper fire during the siege.",
    # who fights whom, a standing fact
    "The SDF, which is fighting ISIS, is dominated by the YPG.",
    "The regime says it is fighting terrorists.",
    # an agreement in place, none reached
    "The ceasefire has largely held despite sporadic violations.",
]

EVENTS = [
    ("At least 12 civilians were killed in airstrikes on the town of Saraqib on Monday.",
     "Air/drone strike"),
    ("More than 100 people have been killed in an airstrike on a market in Idlib.",
     "Air/drone strike"),
    ("Rebels shelled government positions in the city on Sunday, killing three soldiers.",
     "Shelling/artillery/missile attack"),
    ("So far, the rebels have only shelled the army's positions near the airport.",
     "Shelling/artillery/missile attack"),
    ("At least 20 people have been killed in a car bomb attack in Azaz.",
     "Remote explosive/landmine/IED"),
    ("Thousands of people protested in Beirut on Sunday against the government.",
     "Peaceful protest"),
    ("Rebels have captured the town of Morek after heavy fighting.",
     "Non-state actor overtakes territory"),
    ("Warplanes repeatedly bombed the market in Maarat al-Numan on Tuesday, killing nine people.",
     "Air/drone strike"),
]  # fmt: skip


@pytest.mark.parametrize("text", QUIET)
def test_no_event_is_exported(extractor, text):
    assert exported(extractor, text) == []


@pytest.mark.parametrize(("text", "sub_type"), EVENTS)
def test_incident_still_comes_out(extractor, text, sub_type):
    got = exported(extractor, text)
    assert got, text
    assert got[0].sub_event_type == sub_type
