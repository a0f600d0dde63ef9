"""No event where a sentence surveys the war instead of reporting an incident, and look-alike
events kept (syria_actors GUIDE.md: threats, plans, generic statements, rhetoric, summaries over
long periods, hypotheticals and capacities are no event; a toll of one attack is one).  Invented
sentences in wire, NGO, official, analysis and op-ed registers, none from a dev set: the coded file
tests/data/invented_syria_quiet13.jsonl scored as the Syrian dev tool scores it (quiet and found),
and one sentence per frame of extract/surveys.py, each failing without its frame."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from .extracting import exported

QUIET13_FILE = Path(__file__).parent / "data" / "invented_syria_quiet13.jsonl"
# The invented sentences are read as news of mid-2016, as the Syrian dev set is.
PUBLISHED = date(2016, 6, 1)


def test_invented_quiet13_file(extractor) -> None:  # type: ignore[no-untyped-def]
    """quiet: non-events exporting nothing; found: events exporting something."""
    rows = [json.loads(x) for x in QUIET13_FILE.read_text(encoding="utf-8").splitlines() if x]
    assert len(rows) >= 80
    quiet = [not exported(extractor, r["text"], PUBLISHED) for r in rows if not r["event"]]
    found = [bool(exported(extractor, r["text"], PUBLISHED)) for r in rows if r["event"]]
    # before surveys.py: quiet 57 of 87, found 51 of 64; with it: quiet 83, found 52
    assert sum(quiet) / len(quiet) >= 0.93, sum(quiet)
    assert sum(found) / len(found) >= 0.8, sum(found)


# One sentence per frame: nothing may be exported.
SURVEYS = [
    # surveys.inverted_condition
    "Were the regime to use chemical weapons again, Washington would respond militarily, "
    "officials said.",
    # surveys.capacity
    "The rebels' anti-tank missiles are capable of destroying the army's most modern tanks.",
    # surveys.purpose_of_a_thing
    "The new checkpoints are meant to stop militants from smuggling explosives into the city.",
    # surveys.every_one
    "Every barrel bomb dropped on a bakery is a reminder that this regime wages war on its own "
    "people.",
    "Every month, hundreds of young men are detained at regime checkpoints and forced into "
    "military service.",
    # surveys.habit_noun
    "The militia has a long history of kidnapping foreign journalists for ransom.",
    # surveys.span_of_years
    "Between 2013 and 2015, Islamic State militants abducted more than 3,000 Yazidi women.",
    # surveys.statistic
    "Civilian casualties from air strikes rose by 40 percent in the first half of the year, the "
    "report said.",
    # surveys.hundreds_of_deeds
    "Over the course of the year, the coalition conducted more than 2,000 air strikes in Syria "
    "and Iraq.",
    # surveys.in_the_past, surveys.such_deeds
    "Such strikes have killed scores of civilians in the past, activists say.",
    # surveys.across_the_country
    "Thousands of people have been killed in air strikes by the regime and Russia across the "
    "country.",
    # surveys.told_to_last
    "The rebels lost hundreds of fighters in the battle, which lasted more than four months.",
    # surveys.among_the_dead
    "Many of those killed in the battles for the towns were foreign fighters.",
    # surveys.toll_of_a_war
    "Thousands of civilians were killed in the regime's bombing campaign against the city.",
    # surveys.counted_since_a_clause
    "Since Russia entered the war, its jets have killed over 3,800 civilians.",
    # surveys.history_of_the_war
    "The war, which began with protests in 2011, has killed more than a quarter of a million "
    "people.",
    # surveys.how_it_works
    "Chlorine, when released in enclosed spaces, suffocates its victims by burning the lining of "
    "their lungs.",
    # periods: a siege as the killer, lost lives over months, a ranked year, since + gerund,
    # a noun trigger read through its verb in a long siege
    "The regime's siege and bombardment have killed thousands of people in eastern Ghouta.",
    "Nearly 700 civilians lost their lives in Russian raids on the province during the first "
    "three months of the intervention.",
    "More than 4,000 civilians died in Russian air strikes during the first year of Moscow's "
    "campaign.",
    "Islamic State has executed more than 4,000 people in Syria since declaring its caliphate.",
    "More than 1,500 barrel bombs were dropped on Daraya during the four-year siege, according "
    "to the local council.",
    # triggers.yaml cues: mull (planned), purport (speculated)
    "Rebel commanders are mulling a counter-offensive to retake the hilltop overlooking the road.",
    "The army dismissed as fabricated a video purporting to show soldiers executing prisoners.",
]


@pytest.mark.parametrize("text", SURVEYS)
def test_a_survey_exports_nothing(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text, PUBLISHED), text


# Look-alikes: each frame's guard, an incident that must stay.
INCIDENTS = [
    # lasting_long: what came after a long siege is one deed
    "Regime troops stormed the town after a month-long siege, activists said.",
    "Air strikes hit Douma after a weeks-long lull, killing nine people.",
    # a run of deeds is kept (a string of bombings in the perfect was tried and dropped)
    "A series of car bombs exploded in the coastal city of Tartus on Monday, killing at least 30 "
    "people.",
    "Regime jets carried out a series of air strikes on the town of Saraqeb on Monday, killing "
    "nine people.",
    # a count since a day
    "Since the rebels withdrew on Monday, government troops have arrested 40 young men in the "
    "town.",
    # a battle's toll on a day; a toll risen to a number; hours
    "Twelve fighters were killed in the battle for the airport on Tuesday.",
    "Regime helicopters dropped barrel bombs on the town in the past 24 hours, killing 11 people.",
    # a demand in a protest, a condemnation of a deed on a day
    "Thousands marched through Idlib city on Friday demanding the fall of the regime.",
    "The UN condemned Monday's shelling of a school in Harasta, which killed five pupils.",
]


@pytest.mark.parametrize("text", INCIDENTS)
def test_a_look_alike_incident_is_exported(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text, PUBLISHED), text
