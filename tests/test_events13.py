"""Event range on unseen wording (issue 22 item 4): the Strategic developments, protests, riots
and sexual violence that world news tells in words the lexicon lacked (ACLED codebook;
../shared/reference/EVENT_CODING.md).  Invented sentences, none from a dev set: the coded file
tests/data/invented_syria_events13.jsonl scored by sub-type as CASE scores a snippet (the first
exported mention's sub-type), and focused cases of each frame."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from .extracting import exported

EVENTS_FILE = Path(__file__).parent / "data" / "invented_syria_events13.jsonl"
# Snippets are read as undated world news, as the CASE bench reads them.
PUBLISHED = date(2020, 1, 1)


def _first_sub_type(extractor, text: str) -> str | None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text, PUBLISHED)
    return found[0].sub_event_type if found else None


def test_invented_events_file(extractor) -> None:  # type: ignore[no-untyped-def]
    """Before this work the file scored 61 of 83 event rows (0.73); the rules bring it to 0.94.
    Every quiet row (an airliner's bird strike, a business deal, a bridge built) stays quiet."""
    rows = [json.loads(x) for x in EVENTS_FILE.read_text(encoding="utf-8").splitlines() if x]
    events = [r for r in rows if r["event"]]
    assert len(events) >= 80
    hits: Counter[str] = Counter()
    for row in events:
        hits[row["sub_event_type"]] += (
            _first_sub_type(extractor, row["text"]) == row["sub_event_type"]
        )
    recall = sum(hits.values()) / len(events)
    assert recall >= 0.87, hits
    noisy = [r["text"] for r in rows if not r["event"] and _first_sub_type(extractor, r["text"])]
    assert not noisy


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # ground given up by an armed side (movement_frames.ground_yielded)
        (
            "The insurgents vacated the district capital on Friday and the police moved back in.",
            "Non-violent transfer of territory",
        ),
        (
            "The militia relinquished control of the port to the coast guard under the accord.",
            "Non-violent transfer of territory",
        ),
        # entered with no fight (movement_frames.entered_unopposed; typing._territory)
        (
            "Army units entered the border town unopposed after the gunmen fled into the hills.",
            "Non-violent transfer of territory",
        ),
        (
            "The rebels took control of the airfield without a fight on Monday.",
            "Non-violent transfer of territory",
        ),
        # forces moved, a military convoy arriving (movement_frames.forces_moved, ...arrival)
        (
            "The ministry said it had rushed two more battalions to the eastern frontier.",
            "Change to group/activity",
        ),
        (
            "A column of tanks and armoured vehicles arrived in the provincial capital overnight.",
            "Change to group/activity",
        ),
        # armed men joining a group (movement_frames.armed_men_joined)
        (
            "About forty fighters of the brigade joined a rival faction in the south last week.",
            "Change to group/activity",
        ),
        # a crowd at a protest fighting police (typing._crowd_at_forces)
        (
            "Farmers blocked the highway and clashed with police near the town of Sangrur.",
            "Violent demonstration",
        ),
        # a crowd wrecking things, typed by who does it (trigger crowd-destruction)
        (
            "Demonstrators overturned police cars and smashed bank windows in the old city.",
            "Violent demonstration",
        ),
        # unexploded munitions are things made safe, not attacks (movement_frames.unexploded)
        (
            "Engineers removed an unexploded rocket from the roof of a house in the village.",
            "Disrupted weapons use",
        ),
        # peace accords (trigger 'accord'), vigils, a bandh
        (
            "The two rebel movements signed a peace accord with the government in Juba.",
            "Agreement",
        ),
        # peace is made between warring sides, whoever is named (scope_evidence truce)
        (
            "After years of talks the guerrillas and the government reached a peace agreement.",
            "Agreement",
        ),
        (
            "Families of the missing held a vigil outside the ministry on Sunday.",
            "Peaceful protest",
        ),
        # a labour strike told by the verb (labour_frames.workers_struck)
        (
            "Bus drivers in the capital struck for a second day over unpaid bonuses.",
            "Peaceful protest",
        ),
        # a group's hunger strike (sense.by_many), not one person's (issue 24)
        (
            "Dozens of detained students launched a hunger strike in the central prison.",
            "Peaceful protest",
        ),
        # drones destroyed in the air are intercepted, whoever destroys them (typing)
        (
            "Air defence units destroyed six drones over the port city overnight.",
            "Disrupted weapons use",
        ),
        # arms seized by the kilogram are arms (typing.MEASURES)
        (
            "Border guards seized 40 kilograms of explosives hidden in a lorry.",
            "Disrupted weapons use",
        ),
        # a building made a base, a base moved (movement_frames.made_into_base, base_moved)
        (
            "Militiamen turned the village school into a military base last week, residents said.",
            "Headquarters or base established",
        ),
        (
            "The rebels moved their headquarters to the mountain town after the offensive began.",
            "Headquarters or base established",
        ),
        # ground taken where the other side vacated it (movement_frames.taken_as_left)
        (
            "Army units took over the positions vacated by the militia on the ridge.",
            "Non-violent transfer of territory",
        ),
        # an armed group dissolved (trigger group-dissolution); a device rendered safe
        (
            "The rebel command announced the dissolution of the militia's southern brigade.",
            "Change to group/activity",
        ),
        (
            "Army experts rendered safe a roadside bomb found near the checkpoint.",
            "Disrupted weapons use",
        ),
        # people held by state forces (custody_frames.held_by_forces)
        (
            "Two journalists were held by security forces at the airport on their arrival.",
            "Arrests",
        ),
        # the violence people fled only describes them (movement_frames.fled_as_description)
        (
            "Militiamen raped girls fleeing the fighting near the border, a medical charity said.",
            "Sexual violence",
        ),
        # a leader named by an armed group (movement_frames.new_leader)
        (
            "The insurgents appointed a new commander for the southern front on Friday.",
            "Change to group/activity",
        ),
    ],
)
def test_frames(extractor, text: str, sub_event_type: str) -> None:  # type: ignore[no-untyped-def]
    assert _first_sub_type(extractor, text) == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        # residents leaving home flee; they hand no ground over
        "Thousands of residents abandoned their homes in the village as the river flooded.",
        # an aid convoy arriving moves no forces
        "An aid convoy of 40 lorries arrived in the besieged town on Tuesday.",
        # "of their own accord": no agreement
        "The workers left the factory of their own accord after the shift ended.",
        # joining talks or a club is no change to an armed group
        "The striker joined the rival club for a record fee on Monday.",
        # an airliner's bird strike is no air strike
        "A commercial airliner made an emergency landing in Larnaca after a bird strike.",
        # a strike by lightning, a company naming its chief: no protest, no group change
        "Lightning struck a shepherd and his flock on the hills above the village.",
        "The bank appointed a new chief executive after a year of losses.",
        # soldiers leaving an exercise area give up no ground; a state's appointment is no
        # change to an armed group
        "Soldiers left the area after completing the exercise on Thursday.",
        "The army appointed a new chief of staff on Monday.",
        # two people "joined forces": the idiom
        "The two businessmen joined forces to launch a consultancy.",
        # a meeting held, hostages held by a gang: no state arrest
        "Police held a news conference on the security plan on Monday.",
        # a parliament dissolved is no armed group's change
        "The president announced the dissolution of parliament and early elections.",
        # a company's head office moved, a barracks made a museum: no base
        "The airline moved its headquarters to Doha at the start of the year.",
        "The city council turned the old barracks into a museum of local history.",
        # a drug ring smashed, a record smashed: no crowd
        "Police smashed a drug trafficking ring in the port city on Monday.",
        # shutters downed for the heat
        "Shopkeepers downed shutters early because of the heat.",
    ],
)
def test_frames_stay_out(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _first_sub_type(extractor, text) not in {
        "Non-violent transfer of territory",
        "Change to group/activity",
        "Agreement",
        "Air/drone strike",
        "Peaceful protest",
        "Arrests",
        "Violent demonstration",
        "Mob violence",
        "Looting/property destruction",
        "Headquarters or base established",
    }


def test_a_fight_named_absent_is_no_battle(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "withdrew without a fight": the withdrawal is the event, no clash."""
    text = "The militants withdrew from the hill without a fight, the army said."
    subs = {m.sub_event_type for m in exported(extractor, text, PUBLISHED)}
    assert "Armed clash" not in subs
    assert "Non-violent transfer of territory" in subs


def test_kidnap_word_describing_an_offender(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "a kidnap kingpin" names the man's trade, no abduction: the event is his arrest."""
    text = "Soldiers apprehended a notorious kidnap kingpin in Abuja on Friday."
    subs = [m.sub_event_type for m in exported(extractor, text, PUBLISHED)]
    assert "Abduction/forced disappearance" not in subs
