"""The full event range (issue 14, item 3): every ACLED sub-event type is reachable from
general news wording, its sub-type decided by the means, the target or who acts, as the ACLED
codebook defines them.  Invented sentences; each would fail without the rule it names."""

from __future__ import annotations

import pytest

from borderwatch.model import ACLED_TYPES

from .extracting import exported, extract

# (sentence, the sub-event type its first exported event must have)
RANGE = [
    # Explosions/Remote violence: the means decides
    (
        "Government warplanes pounded rebel positions near the town on Monday.",
        "Air/drone strike",
    ),
    (
        "The village was targeted by army helicopters on Friday, killing four people.",
        "Air/drone strike",
    ),
    (
        "Five civilians were killed in an air strike on a market in the province.",
        "Air/drone strike",
    ),
    (
        "Militants lobbed a grenade at a police patrol in the town, wounding two officers.",
        "Grenade",
    ),
    (
        "Three people were hurt when a grenade exploded outside the rebel-held bank.",
        "Grenade",
    ),
    (
        "A suicide bomber blew himself up at an army checkpoint, killing four soldiers.",
        "Suicide bomb",
    ),
    (
        "Insurgents detonated a bomb near a police station in the city, wounding six.",
        "Remote explosive/landmine/IED",
    ),
    (
        "A roadside bomb exploded near an army convoy on the highway, killing three soldiers.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Rebel mortars shelled the government-held district overnight, killing two residents.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Aircraft dropped containers of chlorine gas on the rebel-held town, a monitor said.",
        "Chemical weapon",
    ),
    # Disrupted weapons use
    (
        "Army engineers defused a roadside bomb planted on the main road near the town.",
        "Disrupted weapons use",
    ),
    (
        "Soldiers discovered a large cache of weapons and ammunition in a cave near the border.",
        "Disrupted weapons use",
    ),
    (
        "Troops captured a large weapons cache from the militants on Tuesday.",
        "Disrupted weapons use",
    ),
    (
        "Police seized rifles and grenades from a hideout used by the rebels.",
        "Disrupted weapons use",
    ),
    # Battles: who takes a place decides
    (
        "Government troops recaptured the town from the rebels on Tuesday.",
        "Government regains territory",
    ),
    # ground taken after the other side withdrew, with no fight told, changes hands without
    # violence (Codebook: Non-violent transfer of territory); taken by fighting, regained
    (
        "The army took full control of the district after the insurgents were driven out.",
        "Government regains territory",
    ),
    (
        "The army took full control of the district after the insurgents withdrew.",
        "Non-violent transfer of territory",
    ),
    (
        "Rebel fighters seized the town from government forces after a week of fighting.",
        "Non-state actor overtakes territory",
    ),
    # Violence against civilians: the target decides
    (
        "Gunmen stormed a hotel in the capital on Friday, killing twelve guests.",
        "Attack",
    ),
    (
        "Soldiers raped women in the village during a military operation, witnesses said.",
        "Sexual violence",
    ),
    # Protests and riots
    (
        "Police detained dozens of protesters during a rally against the government on Sunday.",
        "Protest with intervention",
    ),
    (
        "Police fired tear gas to disperse thousands of demonstrators outside parliament.",
        "Protest with intervention",
    ),
    (
        "Security forces violently dispersed a peaceful protest by students, killing two.",
        "Excessive force against protesters",
    ),
    (
        "A mob lynched a man accused of theft in the village on Friday.",
        "Mob violence",
    ),
    (
        "Protesters hurled stones at police and set fire to tyres during a demonstration.",
        "Violent demonstration",
    ),
    # Strategic developments
    (
        "Gunmen set fire to houses in the village after residents fled.",
        "Looting/property destruction",
    ),
    (
        "The army established a new base near the border town on Sunday.",
        "Headquarters or base established",
    ),
    (
        "Hundreds of rebel fighters defected to the government side in the north, officials said.",
        "Change to group/activity",
    ),
    (
        "The militia formed a new brigade of fighters in the eastern province, its commander said.",
        "Change to group/activity",
    ),
    (
        "Government forces attacked the rebel-held town with poisonous gas, a monitor said.",
        "Chemical weapon",
    ),
    (
        "The rebels handed over the border district to government forces under the deal.",
        "Non-violent transfer of territory",
    ),
    (
        "Gunmen opened fire inside a crowded mosque in the city during Friday prayers.",
        "Attack",
    ),
    (
        "Militants attacked a military camp outside the town on Tuesday night.",
        "Armed clash",
    ),
    (
        "Four soldiers were wounded in a shoot-out between bandits and troops near the village.",
        "Armed clash",
    ),
    (
        "Thousands of teachers went on strike across the country demanding higher pay.",
        "Peaceful protest",
    ),
    (
        "Special forces destroyed dozens of rockets and explosive devices in a raid on a cave.",
        "Disrupted weapons use",
    ),
    (
        "Government jets destroyed weapons depots used by the rebels in the north.",
        "Air/drone strike",
    ),
    (
        "Army air defences shot down a drone carrying explosives near the military base.",
        "Disrupted weapons use",
    ),
]


@pytest.mark.parametrize(("text", "sub"), RANGE)
def test_each_sub_type_is_reachable(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got, f"nothing exported from {text!r}"
    assert got[0].sub_event_type == sub, [(m.sub_event_type, m.trigger.text) for m in got]
    assert sub in ACLED_TYPES[got[0].event_type]


# Sentences with a trigger word that report no ACLED event
QUIET = [
    "A boiler exploded at a chemical plant on Tuesday, injuring four workers.",
    "Police used smoke grenades only in the training exercise, the academy said.",
    "The storm hit the coast on Monday, destroying hundreds of homes.",
    "The committee established a new office for tourism in the old town.",
    "Residents of the occupied city waited for news on Sunday.",
    "Police found the bodies of two men near the bomb crater on the highway.",
]


@pytest.mark.parametrize("text", QUIET)
def test_no_event_without_its_sense(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert not any(m.event_type == "Explosions/Remote violence" for m in got), got
    wrong = (
        "Headquarters or base established",
        "Non-state actor overtakes territory",
        "Disrupted weapons use",
    )
    assert not any(m.sub_event_type in wrong for m in got), [
        (m.sub_event_type, m.trigger.text) for m in got
    ]


def test_nonlethal_grenades_are_no_attack(extractor) -> None:  # type: ignore[no-untyped-def]
    """Stun and smoke grenades at a protest are crowd control: an intervention, not a
    grenade attack."""
    text = "Police fired stun grenades and tear gas to disperse protesters in the square."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert "Grenade" not in subs
    assert subs and subs[0] == "Protest with intervention"


def test_detonated_bomb_is_not_disrupted(extractor) -> None:  # type: ignore[no-untyped-def]
    """Militants detonating a bomb is an explosion; security forces defusing one disrupts it."""
    attack = exported(extractor, "Militants detonated two bombs on the highway near the town.")
    assert attack and attack[0].sub_event_type == "Remote explosive/landmine/IED"


def test_a_protest_about_a_killing_is_peaceful(extractor) -> None:  # type: ignore[no-untyped-def]
    """Words of the grievance ("the killer", "a deadly shooting") are no force used on the
    protesters: only whole words of the excessive-force list count."""
    text = "Hundreds of students marched peacefully over the deadly shooting of a teenager."
    got = exported(extractor, text)
    assert got and got[0].sub_event_type == "Peaceful protest", [m.sub_event_type for m in got]


# Issue 22, item 4: the bare toll of one incident is an event (the GUIDE: "At least 7 civilians
# were killed and dozens injured" IS an event); a running total or a bare pronoun is not.
@pytest.mark.parametrize(
    "text",
    [
        "Four civilians were killed and a dozen wounded in the northern town.",
        "Two men were killed in the incident on Tuesday, a local official said.",
        "Six people were killed in the village of Kfar Zeit on Saturday.",
        # one incident dated by its year is still that incident
        "Five soldiers were killed in an ambush near the village in 2015.",
    ],
)
def test_toll_of_one_incident_is_an_event(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text), text


@pytest.mark.parametrize(
    "text",
    [
        "More than 40,000 people have been killed in the country's long war.",
        "They were all killed.",
        "A man was killed in a car crash on the highway on Sunday.",
    ],
)
def test_running_totals_and_accidents_are_no_toll(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), [m.sub_event_type for m in exported(extractor, text)]


# Issue 22: the means named after the toll decide its sub-type ("killed under mortar fire",
# "due to the bombings", "killed as jets struck the market").
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Five villagers were killed under heavy artillery fire of the army.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Two soldiers and three civilians were killed due to the bombings in the town.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Four civilians were killed as the army targeted the district with tank fire and "
            "mortars.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Six civilians were killed because of the shelling of the town.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_means_named_after_the_toll_decide(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs and all(s == sub for s in subs), subs


# The dead told in the main clause are the victims of the attack told in a "when" clause
# (Codebook: Violence against civilians - armed men attacking unarmed people).
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Three people were killed when gunmen opened fire on a car near the village.", "Attack"),
        ("Four men were shot dead when masked gunmen stormed a cafe in the town.", "Attack"),
        ("Three farmers were shot dead when gunmen opened fire near the river.", "Attack"),
        ("Two soldiers were killed when gunmen opened fire on an army patrol.", "Armed clash"),
    ],
)
def test_the_dead_of_a_when_clause_attack_are_its_victims(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs and subs[0] == sub, subs


# What a plan, a vow or a denial is made after is told as done ("vowed an investigation after
# seven people were murdered" reports the murders).
@pytest.mark.parametrize(
    "text",
    [
        "The governor vowed to punish those responsible after gunmen killed four farmers in the "
        "village of Ain Ebel on Monday.",
        "The minister promised an inquiry after militants attacked an army checkpoint near the "
        "town on Sunday.",
    ],
)
def test_what_a_vow_follows_is_told_as_done(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text), text


# Protesters told acting, whether the tagger took the capitalised word for a name ("8 p.m.
# Protesters are ...") or set it beside a number ("Thousands of ... demonstrators marched").
@pytest.mark.parametrize(
    "text",
    [
        "- Protesters in Sidon are waving flags to show anger at the electricity cuts.",
        "Hundreds of teachers, demonstrators against the pay freeze, marched to parliament on "
        "Sunday.",
    ],
)
def test_protesters_told_acting_are_a_protest(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert "Peaceful protest" in subs, subs


@pytest.mark.parametrize(
    "text",
    [
        "March was another calm month for the markets in the capital.",
        "Shell and Total said on Monday that they had raised fuel prices.",
    ],
)
def test_a_capitalised_name_is_no_trigger(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), [m.sub_event_type for m in exported(extractor, text)]


# Arms captured with no captor named are arms taken out of use (Codebook: Disrupted weapons
# use); a gun found in a suspect's car is ordinary policing.
def test_weapons_captured_are_disrupted(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "300 rifles and 9,000 bullets were captured in the northern city."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Disrupted weapons use"], subs
    assert not exported(extractor, "Police found a gun in the suspect's car.")


# What armed violence destroys in the same sentence is its damage, not Looting/property
# destruction of its own (armoured vehicles destroyed in fighting are the fighting).
@pytest.mark.parametrize(
    "text",
    [
        "Eight fighters were killed and two of their trucks were destroyed in the bombardment.",
        "Four soldiers were killed and an army vehicle was destroyed near the village.",
    ],
)
def test_what_violence_destroys_is_no_looting(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs and "Looting/property destruction" not in subs, subs


def test_looting_alone_stays_looting(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Militiamen looted and destroyed shops in the village of Qusayr on Sunday."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Looting/property destruction"], subs


# Captives taken by the side that fights, in the battle's own clause, are the battle (ACLED
# does not split them); a detention with a subject of its own joined by "while" is its own.
def test_captives_taken_in_a_battle_are_the_battle(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Insurgents attacked a police station near the border, killing two officers and "
        "taking four others as hostages."
    )
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Armed clash"], subs
    text = (
        "Rebels fought the army near the town of Hermel on Monday, while gunmen detained two "
        "farmers at a checkpoint."
    )
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert sorted(subs) == ["Abduction/forced disappearance", "Armed clash"], subs


# A bomb thrown at a rally is a Remote explosive (Codebook), not the rally; protesters throwing
# bombs themselves are a violent demonstration (Codebook: Riots).
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Gunmen threw a bomb at an election rally in the town, wounding eight supporters.",
            "Remote explosive/landmine/IED",
        ),
        ("Protesters hurled bombs at the police outside parliament.", "Violent demonstration"),
    ],
)
def test_bombs_thrown(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs and subs[0] == sub, subs


# Issue 22, item 5: events joined in one sentence and in a story.
def test_a_detention_joined_by_while_to_a_battle_is_its_own_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Militants clashed with soldiers in the hills near the town on Sunday, while other "
        "gunmen detained five villagers at a roadblock."
    )
    got = exported(extractor, text)
    subs = sorted(m.sub_event_type for m in got)
    assert subs == ["Abduction/forced disappearance", "Armed clash"], subs
    detention = next(m for m in got if m.event_type == "Violence against civilians")
    assert detention.counts.get("detained") == 5, detention.counts


def test_an_agreed_exchange_carried_out_later_is_its_own_event(extractor) -> None:  # type: ignore[no-untyped-def]
    # published on a Monday: the agreement on Tuesday, the exchange on Thursday
    text = (
        "The army and the militants agreed on Tuesday to swap captives. The swap was "
        "carried out at the border crossing on Thursday."
    )
    got = exported(extractor, text)
    deal = next(m for m in got if "agreed" in m.sentence.text)
    swap = [m for m in got if "carried out" in m.sentence.text]
    assert swap and swap[0].sub_event_type == "Agreement", got
    assert deal.date and swap[0].date and swap[0].date.start > deal.date.end


def test_an_undated_exchange_after_an_agreement_is_not_dated_before_it(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The two sides agreed on Friday to exchange prisoners, officials said.\n\n"
        "The exchange took place at the main border crossing, a security source said."
    )
    got = exported(extractor, text)
    deal = next(m for m in got if "agreed" in m.sentence.text)
    swap = [m for m in got if "took place" in m.sentence.text]
    assert swap, got
    assert deal.date and swap[0].date and swap[0].date.start >= deal.date.start


@pytest.mark.parametrize(
    "text",
    [
        "Customs officers said on Monday they seized a truck of rifles near the border on "
        "Saturday and arrested its driver.",
        "The army said on Monday that it had seized a cache of rockets on Saturday and "
        "detained two suspects.",
    ],
)
def test_a_seizure_and_its_arrests_take_the_date_the_report_gives(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    got = extract(extractor, text)  # the arrests of mere suspects may be set aside
    assert len(got) >= 2 and {m.date.best.isoformat() for m in got if m.date} == {"2024-05-18"}, [
        (m.sub_event_type, m.date) for m in got
    ]


def test_a_seizure_dated_by_the_sentence_that_retells_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # the report dates the statement; the next sentence dates the seizure itself
    text = (
        "Security forces intercepted three trucks carrying rockets towards the border and "
        "arrested two smugglers, the ministry said in a statement on Monday. The trucks were "
        "stopped on Saturday night near the village."
    )
    got = exported(extractor, text)
    first = [m for m in got if "intercepted" in m.sentence.text]
    assert first and all(m.date and m.date.best.isoformat() == "2024-05-18" for m in first), [
        (m.sub_event_type, m.date) for m in first
    ]


# A crossing's closure or reopening told inside an agreement's clause is what was agreed or
# its background: the agreement is the one event.
@pytest.mark.parametrize(
    "text",
    [
        "The militia agreed to reopen the border crossing after a month-long closure.",
        "The army and the militants agreed on Monday to close the crossing for a week.",
    ],
)
def test_a_crossing_in_an_agreement_is_no_event_of_its_own(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Agreement"], subs


def test_a_crossing_reopened_beside_a_deal_is_its_own_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The two governments signed a deal and the army reopened the crossing on Monday."
    subs = sorted(m.sub_event_type for m in exported(extractor, text))
    assert subs == ["Agreement", "Other"], subs


# Issue 22, item 4: a ceasefire or truce is an agreement between armed sides by its nature
# (Codebook: Agreement), whoever the sentence names; a truce in a trade war or between clubs
# is none.
@pytest.mark.parametrize(
    "text",
    [
        "The warring sides agreed to a ceasefire in the district on Sunday.",
        "A truce took effect in the eastern suburbs of the city at midnight.",
        "The government declared a unilateral ceasefire in the northern provinces on Monday.",
    ],
)
def test_a_ceasefire_is_an_agreement(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Agreement"], subs


@pytest.mark.parametrize(
    "text",
    [
        "The two football clubs agreed a truce over the transfer fees.",
        "The two countries agreed to a truce in their trade war.",
    ],
)
def test_a_truce_outside_armed_conflict_is_none(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), [m.sub_event_type for m in exported(extractor, text)]


def test_a_mobilisation_is_a_change_of_activity(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The militia announced a general mobilisation of its fighters in the south."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Change to group/activity"], subs


def test_a_ceasefire_in_place_is_no_new_agreement(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said the movements of the rebels were a violation of the ceasefire."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert "Agreement" not in subs, subs


@pytest.mark.parametrize(
    "text",
    [
        "Air defences downed two drones launched towards the city on Monday.",
        "The army said it downed a rocket fired from across the border.",
    ],
)
def test_weapons_downed_are_disrupted(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Disrupted weapons use"], subs


# Vandalism, like arson, is typed by who does it (Codebook: Riots; Strategic developments):
# armed men destroy property, protesters riot, a mob is mob violence.
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Armed men vandalised a church in the town on Sunday.", "Looting/property destruction"),
        ("Protesters vandalised shops and banks in the city centre.", "Violent demonstration"),
    ],
)
def test_vandalism_is_typed_by_who_does_it(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == [sub], subs


# A deed told with a verb whose past is its present ("set", "hit") is no generic present.
def test_a_same_form_past_is_a_deed(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Unknown assailants set fire to a mosque in the village overnight."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Looting/property destruction"], subs


# Change to group/activity: a group splitting or breaking away, troops dispatched.
@pytest.mark.parametrize(
    "text",
    [
        "The rebel alliance split into two rival factions on Monday.",
        "A brigade of fighters broke away from the rebel alliance last week.",
        "The army dispatched hundreds of soldiers and tanks to the border region.",
    ],
)
def test_a_group_splitting_or_troops_dispatched_change_activity(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Change to group/activity"], subs


def test_aid_dispatched_is_no_deployment(extractor) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, "The ministry dispatched aid convoys to the flooded villages.")


# "Took a journalist into custody": an arrest told with its object between the words; custody
# one is held or dies in is no arrest.
def test_taken_into_custody_is_an_arrest(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Intelligence officers took a prominent opposition journalist into custody on Friday."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Arrests"], subs
    assert not exported(extractor, "The activist died in police custody on Monday.")


def test_the_exchange_of_another_sense_finds_no_companion_in_the_story(extractor) -> None:  # type: ignore[no-untyped-def]
    # the prisoners and the telephone exchange are told in different sentences: "the exchange"
    # is the building, not an exchange of prisoners
    text = (
        "Three prisoners escaped from the jail on Monday. Gunmen later attacked the telephone "
        "exchange in the town. The exchange was closed for the day."
    )
    subs = [m.sub_event_type for m in exported(extractor, text) if "closed" in m.sentence.text]
    assert "Agreement" not in subs, subs


def test_the_swap_refers_back_to_an_exchange_agreed(extractor) -> None:  # type: ignore[no-untyped-def]
    # another word of the same happening ("swap" for "exchange") refers back to it too
    text = (
        "The army and the rebels agreed on Tuesday to exchange prisoners. The swap took place "
        "at the border crossing on Thursday."
    )
    swap = [m for m in exported(extractor, text) if "took place" in m.sentence.text]
    assert swap and swap[0].sub_event_type == "Agreement", swap


# Issue 22: the means of remote violence read where the report names it (extract/means.py).
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # a raid or a bombing by a power that wages its war from the air is an air strike
        ("Eleven militants died in coalition raids near the dam on Thursday.", "Air/drone strike"),
        ("Russian raids on the market town killed nine civilians on Monday.", "Air/drone strike"),
        (
            "The Russian bombing of rebel positions near the airport killed eight fighters on "
            "Wednesday.",
            "Air/drone strike",
        ),
        # the warplanes among the doers of "continue to launch attacks" fly them
        (
            "Regime troops and Russian warplanes continued to launch attacks on the town on "
            "Friday, hitting it with missiles.",
            "Air/drone strike",
        ),
        # the cause of a toll told by two joined verbs, whichever one the parse hangs it on
        (
            "Seven residents were killed and twenty hurt in the old quarter under the heavy "
            "mortar fire of the militants on Monday.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Four farmers were killed and nine others were wounded as the army pounded the "
            "villages with artillery on Sunday.",
            "Shelling/artillery/missile attack",
        ),
        # what the clause a toll follows fired ("fired mortar rounds ..., killing three")
        (
            "Insurgents fired mortar rounds at the garrison town on Monday, killing two women.",
            "Shelling/artillery/missile attack",
        ),
        # the doers of the toll an attack noun tells, and the means on the joined toll verb
        (
            "Three suicide bombers killed 14 shoppers in an attack on a market on Sunday.",
            "Suicide bomb",
        ),
        (
            "Two policemen were killed and six others hurt in a roadside bomb attack by "
            "insurgents on Friday.",
            "Remote explosive/landmine/IED",
        ),
        # a bombing with no aircraft named is a bomb's (Codebook: Remote explosive)
        (
            "A bombing, the second this month, killed twelve civilians at the bus station on "
            "Saturday.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_the_means_where_the_report_names_it(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert sub in subs, subs


def test_an_armys_raid_stays_on_the_ground(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Army commandos raided a rebel hideout near the river on Monday, killing three fighters."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs and "Air/drone strike" not in subs, subs


# Issue 22: sentences that report no new event (syria_actors GUIDE.md: summaries over long
# periods, a war's toll, a trend, a comment on an event told before).
@pytest.mark.parametrize(
    "text",
    [
        "The civil war has killed more than 300,000 people and driven millions from their homes.",
        "The country's conflict killed tens of thousands in the northern cities.",
        "Since the start of the uprising, hundreds of soldiers have been killed.",
        "In the past six months, dozens of commanders have been killed in drone strikes.",
        "Since the beginning of the year, 150 militants have been killed in clashes with troops.",
        "More than 80 fighters have been killed and wounded so far in the battle for the dam.",
        "Scores of rebels have been killed in three weeks of fighting around the airport.",
        "At least 2,000 civilians have been killed in air strikes since the campaign began.",
        "Dozens of soldiers were killed during the months-long siege of the town.",
        "The government is stepping up its air strikes on the southern province.",
        "Monitors reported a sharp escalation in shelling and rocket attacks on the suburbs.",
        "The rebels said it was the heaviest attack on the district in recent months.",
        "The militia has been shelling the valley since March 2019.",
        # a toll over a whole year or month (GUIDE: "over 300 fighters were killed this year")
        "Over 250 militants were killed this year in the northern province.",
        "Some 60 soldiers died in clashes with the insurgents in 2014.",
        "Nearly 70 civilians were killed last month in the eastern suburbs.",
        # what a class of things is for
        "The insurgents use the orchards as cover to launch raids on army posts.",
    ],
)
def test_totals_trends_and_comments_are_no_event(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), [
        (m.sub_event_type, m.trigger.text) for m in exported(extractor, text)
    ]


# Issue 22 item 4: wording that gave nothing before.
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Intelligence agents picked up two student activists outside the campus on Monday.",
         "Arrests"),
        ("The blogger was jailed by the security services on Tuesday after criticising the army.",
         "Arrests"),
        ("Insurgents gained ground in the eastern district on Friday after heavy fighting with "
         "troops.", "Non-state actor overtakes territory"),
        ("Government troops made gains against the rebels near the border town on Sunday.",
         "Government regains territory"),
        ("Soldiers violated the ceasefire on Monday, an army spokesman of the other side said.",
         "Armed clash"),
        ("Militants violated the truce on Tuesday by shelling border posts with mortars.",
         "Shelling/artillery/missile attack"),
        ("Two women were raped by militiamen at a checkpoint outside the town on Saturday.",
         "Sexual violence"),
    ],
)  # fmt: skip
def test_other_wording_of_the_range(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert sub in subs, subs


@pytest.mark.parametrize(
    "text",
    [
        "Firefighters picked up the remains of the car from the river on Monday.",
        "The old man died in jail last year.",
        "A court jailed two businessmen for fraud on Monday.",
        "The party gained ground in the polls ahead of the election.",
        "Fire crews have gained ground against the forest blaze in the hills.",
    ],
)
def test_the_same_words_in_other_senses(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), [
        (m.sub_event_type, m.trigger.text) for m in exported(extractor, text)
    ]


def test_a_ceasefire_violated_is_no_agreement(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Both armies accused each other of repeated breaches of the truce along the frontier."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert "Agreement" not in subs, subs


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # a village held by another armed side is that side's ground: a battle
        ("Jihadists stormed a hamlet held by tribal fighters on Wednesday.", "Armed clash"),
        # a village with no one armed said to hold it: its people are the target
        ("Gunmen stormed a hamlet in the hills on Wednesday and killed four shepherds.", "Attack"),
    ],
)
def test_who_holds_the_place_stormed(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs[:1] == [sub], subs


def test_a_place_fought_for_is_not_yet_taken(extractor) -> None:  # type: ignore[no-untyped-def]
    # the fighting goes on (an event); the recapture is sought, not done
    text = "The tribal fighters are battling to recapture the oil field from the militia."
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs == ["Armed clash"], subs


def test_a_charge_is_no_report_unless_its_toll_is_told(extractor) -> None:  # type: ignore[no-untyped-def]
    charge = "The council accused the militia of using poison gas against farmers."
    assert not exported(extractor, charge), [m.sub_event_type for m in exported(extractor, charge)]
    told = "Monitors accused the militia of shelling the market on Friday, killing four people."
    assert exported(extractor, told)
    # a particular deed (its place and day named) is reported, whoever is charged with it
    named = "The ministry accused the militia of shelling the village of Kfar Nabl in March."
    assert exported(extractor, named)
