"""Deeds told as about to happen, asked about, explained, disproved, absent, dated to history
or summed up (syria_actors GUIDE.md: plans, hypotheticals, analysis, denials, background and
summaries are no event), and hedged deeds that stand (a day named with a perfect infinitive; a
suspect held for attacks).  Invented sentences, none from a dev set; each fails without its
rule (extract/irrealis.py, hedges.py, charges.py, periods.py, scope_evidence.py)."""

from __future__ import annotations

import pytest

from .extracting import exported

QUIET = [
    # about to happen (irrealis.imminent, irrealis.dated_ahead)
    "The army is set to launch an assault on the rebel-held hills near Arsal.",
    "Kurdish fighters are going to attack the airport, a commander said.",
    "Lebanese troops deploy along the northern border next week under the new plan.",
    "Rebels storm the airport in the coming days, a commander told reporters.",
    # asked or explained (irrealis.asked_or_explained)
    "Did Israeli jets strike the convoy near the border?",
    "How Kurdish fighters captured Manbij from the Islamic State",
    # disproved, absent (irrealis.disproved, irrealis.lacking)
    "Claims that Hezbollah fighters had shelled the village proved unfounded.",
    "The negotiations on the southern front collapsed without a ceasefire agreement.",
    # totals (irrealis.since_a_month, irrealis.purpose_of, periods: people taken over a year)
    "Since March, more than 40 people have been kidnapped on the road to the airport, residents "
    "said.",
    "Hundreds of Lebanese men have crossed into Syria to fight alongside the rebels over the "
    "course of the war.",
    "More than 2,000 people were arrested by the intelligence services in 2015, the rights group "
    "said.",
    # asked to stop (hedges.requested through "an end to", "a halt to")
    "Aid groups demanded a halt to the air strikes on hospitals in Idlib.",
    "Why Hezbollah is fighting in Syria",
    # a total since a named point, in the simple past too (irrealis.counted_since)
    "Since the start of the Turkish operation in August, more than 300 civilians were killed in "
    "the province.",
    # a conditional above verbs joined by "and" (irrealis.conditional_above)
    "The new command centre would have served to plan, direct and coordinate military "
    "operations against the rebels.",
    # an event noun after "since" is the point a period counts from (standing.since_anchor)
    "Since the Arsal attack in August 2014, the army appeared to control the hills.",
    # who fights whom in a reduced relative (standing.ongoing_undated)
    "The pilot was working with Jordanian forces battling the Islamic State, the statement said.",
    # a campaign continued (standing.campaign), executions over months (periods)
    "Russian warplanes have continued their bombardment of rebel-held districts.",
    "Islamic State militants executed dozens of people in Raqqa during the past three months.",
    # "the upper hand" hands nothing over (scope.yaml sense handover: "hand" only as a verb)
    "The rebels gained the upper hand over government forces in the south.",
]

EVENTS = [
    # held as suspects of attacks: a political arrest (suspicion.VIOLENCE_SUSPECTED)
    "Lebanese police arrested two Syrians suspected of plotting bombings in Tripoli on Monday.",
]


@pytest.mark.parametrize("text", QUIET)
def test_nothing_exported(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [m.sub_event_type for m in exported(extractor, text)] == []


@pytest.mark.parametrize("text", EVENTS)
def test_event_stands(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text), text


# Guards: the frames must not silence what they resemble.
STANDS = [
    # "the next day" is a narrative's past, not a date ahead
    "Rebels attacked the checkpoint again the next day, killing two soldiers.",
    # a wh-question about a deed told as done in a clause of its own is no headline
    "Residents asked why the army had shelled the market in Douma on Monday, killing 12.",
    # a main clause dated by a year is an event (the GUIDE codes it)
    "In March 2013, rebels captured the town of Raqqa from government forces.",
    # "without warning" says how, the deed stands
    "Warplanes bombed the market in Ariha without warning on Monday, killing 15 people.",
    # "hand over" as a verb is a handover
    "Lebanese soldiers handed over three Syrian fighters to the Syrian army at the Masnaa "
    "crossing on Monday.",
]


@pytest.mark.parametrize("text", STANDS)
def test_guard_stands(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text), text
