"""Generalisation review of the event-range and precision rules: invented sentences of ordinary
news, with other wording than the dev sets, for each rule that looked fitted to them.  Each
case would fail without the fix it names (or guards a rule that already generalises)."""

from __future__ import annotations

import pytest

from .extracting import exported

# (sentence, the sub-event type its first exported event must have)
EVENTS = [
    # stones, bottles thrown at police are rioting whoever throws them
    (
        "Youths threw stones at police vehicles in the old city of Srinagar on Friday.",
        "Violent demonstration",
    ),
    (
        "Protesters hurled bottles at police outside the parliament in Nairobi on Monday.",
        "Violent demonstration",
    ),
    (
        "Demonstrators pelted security forces with rocks in Srinagar on Friday.",
        "Violent demonstration",
    ),
    # mob justice is mob violence though the victim is called a thief
    (
        "Angry villagers beat to death a suspected cattle thief in Kaduna state on Sunday.",
        "Mob violence",
    ),
    (
        "A suspected thief was lynched by a crowd in the market town of Kano on Monday.",
        "Mob violence",
    ),
    # "riot police" is no riot; their dispersing a protest is an intervention
    (
        "Hundreds of protesters were dispersed by riot police in Kinshasa on Saturday.",
        "Protest with intervention",
    ),
    (
        "Security forces fired water cannon at demonstrators in Tbilisi on Monday.",
        "Protest with intervention",
    ),
    # an aid convoy is no armed target: its attack is on civilians
    (
        "Gunmen attacked an aid convoy carrying food for villagers near Bunia on Monday, "
        "killing two drivers.",
        "Attack",
    ),
    ("Gunmen ambushed an army convoy near Bunia on Monday, killing two soldiers.", "Armed clash"),
    # any verb of building a base, with any article
    (
        "Government forces built a new checkpoint on the road to Gao on Tuesday.",
        "Headquarters or base established",
    ),
    (
        "Two rebel factions merged into a new alliance in Idlib on Monday.",
        "Change to group/activity",
    ),
    # a headline with a full stop still reports when the place is named in the object
    ("Rebels seize the town of Kidal.", "Non-state actor overtakes territory"),
    (
        "Soldiers destroyed an ammunition depot belonging to the militants near Gao on Monday.",
        "Disrupted weapons use",
    ),
]


# Ordinary sentences that must export no event (or none of the named sub-type)
NOT_EVENTS = [
    # "halt" and "drag" name no intervention
    (
        "Thousands of farmers marched in the capital on Tuesday to halt construction of a new dam.",
        "Protest with intervention",
    ),
    (
        "The teachers' protest in the city dragged on for a third week on Monday.",
        "Protest with intervention",
    ),
    # a fuel depot is no weapon
    ("Rebels destroyed a fuel depot in the city of Aden on Monday.", "Disrupted weapons use"),
    # a fire is nobody destroying property
    (
        "A fire burned down the market in Onitsha on Monday, killing three traders.",
        "Looting/property destruction",
    ),
    (
        "A fire burned down the market in Onitsha on Monday, destroying hundreds of stalls.",
        "Looting/property destruction",
    ),
    # an airliner hitting birds is no air strike
    (
        "An aircraft hit a flock of birds while landing at Lagos airport on Monday.",
        "Air/drone strike",
    ),
    # establishing, building what is no base
    (
        "The army established contact with the office of the governor in Gao on Monday.",
        "Headquarters or base established",
    ),
    (
        "The government built a new school near the refugee camp in Dadaab on Monday.",
        "Headquarters or base established",
    ),
    # insults are no violence
    (
        "Protesters hurled insults at the governor outside his office in Kano on Monday.",
        "Violent demonstration",
    ),
    ("The reputed mob boss was arrested by federal agents in New York on Monday.", "Mob violence"),
    # protesters told of only as others' objects, victims or speakers stage no protest here
    ("The minister met a delegation of protesters in Accra on Tuesday.", "Peaceful protest"),
    ("Protesters said on Monday they would return to the square next week.", "Peaceful protest"),
    ("Demonstrators plan to march on the parliament in Lima on Friday.", "Peaceful protest"),
]

# An attack typed by its victims (Codebook: Violence against civilians needs unarmed targets;
# Battles two armed sides): the people a harm verb beside the attack names are its target, and
# the doers' being armed ("gunmen") says nothing of the victims; invented sentences.
EVENTS += [
    ("Militants attacked a bakery in Maiduguri on Monday, killing three workers.", "Attack"),
    ("Gunmen stormed a pharmacy in Kirkuk and shot the owner on Friday.", "Attack"),
    ("Gunmen shot dead a lawyer outside the courthouse in Quetta on Monday.", "Attack"),
    ("Gunmen killed two aid workers in an ambush on their convoy near Bunia.", "Attack"),
    ("Armed men attacked a minibus carrying commuters near Jos, killing four.", "Attack"),
    ("Gunmen attacked a polling station in Kano on Saturday, wounding three voters.", "Attack"),
    # armed victims or an armed target keep the battle
    ("Gunmen attacked a bakery in Maiduguri, killing three soldiers guarding it.", "Armed clash"),
    ("Militants ambushed an army patrol near Gao on Monday, killing four soldiers.", "Armed clash"),
    ("Gunmen shot dead two policemen at a checkpoint in Quetta on Monday.", "Armed clash"),
]

# A killing typed by the weapon of war it names is remote violence in scope; a bare explosion
# (an industrial accident) is not a weapon; invented sentences.
EVENTS += [
    (
        "Two civilians were killed by rockets fired from across the border into Chitral.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A child was killed by mortar fire in the village on Monday.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Three farmers were killed by a landmine near the border town of Kalay.",
        "Remote explosive/landmine/IED",
    ),
]
NOT_EVENTS += [
    ("Two workers were killed by an explosion at a gas plant in Kaduna on Monday.",
     "Remote explosive/landmine/IED"),
]  # fmt: skip

# Troops deployed or reinforced are a change to an armed group's activity (as ACLED and the CASE
# coders type them); ordinary policing and software are not; invented sentences.
EVENTS += [
    ("The army deployed 2,000 troops and dozens of tanks to the northern border on Monday.",
     "Change to group/activity"),
    ("Hezbollah reinforced its positions along the border with fresh fighters on Sunday.",
     "Change to group/activity"),
]  # fmt: skip
NOT_EVENTS += [
    ("Police deployed officers around the stadium ahead of the match on Sunday.",
     "Change to group/activity"),
    ("The company deployed a new software update on Monday.", "Change to group/activity"),
]  # fmt: skip

# An attack on a protest is typed by who attacked it: people who are no armed or state force
# (a crowd, a party's supporters) do mob violence, police use excessive force (Codebook: Riots,
# Protests); "assault" as a verb is an attack; invented sentences.
EVENTS += [
    ("A group of men armed with sticks attacked a peaceful rally in Tbilisi on Wednesday.",
     "Mob violence"),
    ("Supporters of the ruling party attacked an opposition march in Kampala, wounding five.",
     "Mob violence"),
    ("Police assaulted protesters outside the parliament in Yerevan on Monday.",
     "Excessive force against protesters"),
]  # fmt: skip
NOT_EVENTS += [
    ("A man assaulted his neighbour during an argument over parking in Leeds.", "Attack"),
]  # fmt: skip

# An attack repelled happened (a battle); an attack foiled or thwarted did not
EVENTS += [
    ("Syrian troops repulsed an attack by rebels on their positions near Hama on Monday.",
     "Armed clash"),
]  # fmt: skip
NOT_EVENTS += [
    ("The army foiled an attack on a checkpoint in Arsal on Sunday.", "Armed clash"),
]  # fmt: skip

# An event noun its adjective puts in the future or the possible reports no event, and does not
# swallow the event the sentence does report; invented sentences.
NOT_EVENTS += [
    ("Residents fled the town ahead of an expected offensive on Monday.", "Armed clash"),
    ("Officials in Kano warned of an imminent assault on the district.", "Armed clash"),
    ("The rebels mobilised hundreds of fighters ahead of an expected offensive on Aleppo.",
     "Armed clash"),
]  # fmt: skip
EVENTS += [
    ("Troops reinforced their positions near Gao to repel a possible attack on Monday.",
     "Change to group/activity"),
]  # fmt: skip

# Protesters acting, whatever the verb, are a protest (Codebook: Protests); invented sentences.
EVENTS += [
    (
        "Demonstrators blocked the main highway into Cochabamba for six hours on Sunday.",
        "Peaceful protest",
    ),
    (
        "Hundreds of protesters filled the central square of Yerevan on Saturday evening.",
        "Peaceful protest",
    ),
    (
        "Protesters have camped outside the labour ministry in Tunis since Monday.",
        "Peaceful protest",
    ),
]


@pytest.mark.parametrize(("text", "sub_type"), EVENTS)
def test_general_wording_reports_its_sub_type(extractor, text: str, sub_type: str) -> None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text)
    assert found, text
    assert found[0].sub_event_type == sub_type, [(m.sub_event_type, m.trigger.text) for m in found]


@pytest.mark.parametrize(("text", "sub_type"), NOT_EVENTS)
def test_ordinary_sentence_is_not_that_event(extractor, text: str, sub_type: str) -> None:  # type: ignore[no-untyped-def]
    found = exported(extractor, text)
    assert all(m.sub_event_type != sub_type for m in found), [
        (m.sub_event_type, m.trigger.text) for m in found
    ]


# Who acted, for one-sided reports of violence (issue 22, item 2): invented sentences, none from
# a development set.  (sentence, actor1, actor2, associate of actor1); None where not checked.
ROLES = [
    # an attack repelled was fought off: a battle, its attacker actor1 and who repelled it actor2
    (
        "Hezbollah fighters repelled an attack by the Nusra Front on their positions near Arsal.",
        "Jabhat al-Nusra",
        "Hezbollah",
        None,
    ),
    (
        "Lebanese troops repulsed an ISIS attack on an army post near Ras Baalbek on Monday.",
        None,
        "Military Forces of Lebanon",
        None,
    ),
    # the "of" phrase of a deed the victims were "under" names its doer
    (
        "Four soldiers were killed and ten wounded in the eastern suburbs under the shelling "
        "of rebel groups.",
        "Rebels",
        None,
        None,
    ),
    # "at the hands of" names the doer
    (
        "Two policemen were killed at the hands of unknown gunmen on Tuesday.",
        "Unidentified Armed Group",
        None,
        None,
    ),
    # a claimed attack is the claimant's
    (
        "Eleven SDF fighters were killed in a car bomb attack claimed by the Islamic State.",
        "Islamic State (Syria)",
        "Syrian Democratic Forces",
        None,
    ),
    # the clause that says how passive victims died names who killed them
    (
        "Seven civilians were killed when regime helicopters dropped barrel bombs on the village.",
        "Military Forces of Syria (2000-2024)",
        "Civilians (Syria)",
        None,
    ),
    # the subject of "die" suffered the event: its victims, never its doer
    (
        "Twelve civilians died in Turkish shelling of the village of Jinderes.",
        "Military Forces of Turkey",
        "Civilians (Syria)",
        None,
    ),
    # coordinated states' aircraft: one actor1, the other associated
    (
        "Syrian and Russian jets pounded the town of Khan Sheikhoun, killing 20 civilians.",
        "Military Forces of Syria (2000-2024)",
        "Civilians (Syria)",
        "Military Forces of Russia",
    ),
    # a speaker saying what it did in a clash is the doer
    (
        "The YPG said it killed 20 ISIS militants in clashes near the town.",
        "People's Protection Units",
        "Islamic State (Syria)",
        None,
    ),
    # a weapon only one force used names it when the aircraft's owner is not said
    (
        "Helicopters dropped barrel bombs on the town, killing five people.",
        "Military Forces of Syria (2000-2024)",
        "Civilians (Syria)",
        None,
    ),
    # a speaker's own forces ("its fighters") are the speaker
    (
        "The Syrian army said its helicopters destroyed a rebel convoy near Hama.",
        "Military Forces of Syria (2000-2024)",
        None,
        None,
    ),
    # the war's vocabulary: Nusra's 2016 name, unnamed armed groups, pro-government militiamen
    (
        "Fateh al-Sham fighters attacked army positions near Aleppo.",
        "Jabhat Fateh al-Sham",
        "Military Forces of Syria (2000-2024)",
        None,
    ),
    (
        "Armed groups shelled the city of Aleppo, killing four civilians.",
        "Rebels (Syria)",
        "Civilians (Syria)",
        None,
    ),
    (
        "Pro-government militiamen executed nine men in a village near Homs.",
        "Pro-Government Militia (Syria)",
        None,
        None,
    ),
    # a side that "lost" fighters suffered: the victims, its fighters no other side
    ("Hezbollah lost three fighters in the battle on Sunday.", None, "Hezbollah", None),
    (
        "Four soldiers were killed, while the rebels lost two fighters in the clashes.",
        None,
        "Rebels",
        None,
    ),
    # a person killed "along with other" members of a group was one of them
    (
        "Ahmad Hassan was killed along with ten other Nusra fighters in the clashes.",
        None,
        "Jabhat al-Nusra",
        None,
    ),
    # "X-led" before a strike: the coalition X leads, as the base names it (the doer)
    (
        "Five civilians were killed in a US-led airstrike on the village.",
        "Global Coalition Against Daesh",
        None,
        None,
    ),
    (
        "A U.S.-led air raid killed seven militants near Deir ez-Zor.",
        "Global Coalition Against Daesh",
        None,
        None,
    ),
    # both sides' dead of one clash: the sides in the order the report names them
    (
        "Fifteen soldiers were killed and nine rebels died during the clashes near the town.",
        None,
        "Rebels",
        None,
    ),
]


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


@pytest.mark.parametrize(("text", "actor1", "actor2", "ally"), ROLES)
def test_one_sided_violence_names_its_doer(extractor, text, actor1, actor2, ally) -> None:  # type: ignore[no-untyped-def]
    mentions = exported(extractor, text)
    found = [(_name(m.actor1), _name(m.actor2), _name(m.assoc_actor_1)) for m in mentions]
    wanted = (actor1, actor2, ally)

    def agrees(got: tuple) -> bool:  # type: ignore[type-arg]
        return all(w is None or g == w for g, w in zip(got, wanted, strict=True))

    assert any(agrees(got) for got in found), found


# --- issue 24: who and why, not the word (invented sentences) ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a campaign summed up over years in a relative clause, whatever the parse of its object
        "Leaders of the alliance that has battled IS in the desert since 2016 met on Monday.",
        # one person's act and police work against a suspect
        "A man attacked a bus driver with a bottle at the station on Friday.",
        "Officers shot a robbery suspect who pulled a gun on them in the car park.",
        # a falling object and a civil aircraft
        "A falling branch killed a cyclist on the boulevard on Tuesday.",
        "A light aircraft hit power lines near the airfield, killing the pilot.",
    ],
)
def test_who_and_why_keep_quiet(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got == [], [(m.sub_event_type, m.trigger.text, m.why.get("scope")) for m in got]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Bus drivers walked out across the city on Tuesday over unpaid wages.",
            "Peaceful protest",
        ),
        (
            "Farmers staged a sit-in in front of the governor's office on Monday.",
            "Peaceful protest",
        ),
        (
            "Armed raiders killed five herders and drove off their cattle near the village.",
            "Attack",
        ),
        (
            "Army engineers defused an unexploded mortar shell near the school.",
            "Disrupted weapons use",
        ),
        (
            "Arsonists set fire to the synagogue in the old town overnight.",
            "Looting/property destruction",
        ),
    ],
)
def test_who_and_why_reach_the_event(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got and got[0].sub_event_type == sub, [(m.sub_event_type, m.trigger.text) for m in got]


@pytest.mark.parametrize(
    "text",
    [
        "Bushfires razed dozens of houses in the valley on Sunday.",
        "The singer's career was a shell of what it had been.",
        "Police in the capital confiscated 3 kilograms of marijuana and arrested two dealers.",
        "A teenager stabbed his classmate after an argument at school.",
        "A man was taken into custody after leading officers on a chase.",
    ],
)
def test_second_wording_of_the_leaks_keeps_quiet(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got == [], [(m.sub_event_type, m.trigger.text, m.why.get("scope")) for m in got]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Health workers walked off the job at three hospitals on Thursday.", "Peaceful protest"),
        ("Teachers stayed away from classrooms in a one-day strike over pay.", "Peaceful protest"),
        (
            "Mourners lit candles outside the embassy in memory of the journalist.",
            "Peaceful protest",
        ),
        ("Gunmen stole cattle and killed three herders in the village on Sunday.", "Attack"),
        (
            "Sappers cleared dozens of mines from farmland near the frontier.",
            "Disrupted weapons use",
        ),
        (
            "The militia said it had disbanded and its men would join the army.",
            "Change to group/activity",
        ),
    ],
)
def test_second_wording_of_the_misses_is_reached(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got and got[0].sub_event_type == sub, [(m.sub_event_type, m.trigger.text) for m in got]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Several shops were looted and set alight in the township on Tuesday evening.",
         "Looting/property destruction"),
        ("The government reached an agreement with the mutinous soldiers to end the revolt.",
         "Agreement"),
        ("Security forces dragged protesters away from the roadblock in the capital.",
         "Protest with intervention"),
    ],
)  # fmt: skip
def test_third_wording_of_the_range_is_reached(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got and got[0].sub_event_type == sub, [(m.sub_event_type, m.trigger.text) for m in got]


@pytest.mark.parametrize(
    "text",
    [
        "Thieves looted the museum's storeroom and took three paintings.",
        "Protesters dragged a fallen tree off the road.",
    ],
)
def test_third_wording_controls_stay_quiet(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text) == []


# --- issue 22: who did it (invented sentences, written from the codebook) -----------------------

# (sentence, actor1, actor2): None means "not checked"
WHO_DID_IT = [
    # the deaths told first, the act that caused them after "due to" / "as a result of" /
    # "in": one event, the doer of the act and the dead as its victims
    (
        "Eleven people were killed and 30 wounded due to heavy shelling by government forces "
        "on the market of Idlib.",
        "Military Forces of Syria (2000-2024)",
        "Civilians (Syria)",
    ),
    (
        "Three workers were killed and four injured as a result of rockets fired by rebels on "
        "the industrial zone of Homs.",
        "Rebels (Syria)",
        "Civilians (Syria)",
    ),
    # the casualties of a verb whose subject is the act, or whose "when" clause tells it
    ("A roadside bomb killed four farmers near the town of Idlib.", None, "Civilians (Syria)"),
    (
        "Two children were hurt when a mortar shell hit their school in Aleppo.",
        None,
        "Civilians (Syria)",
    ),
    # unnamed Kurdish forces: the Kurdish force of the country they fight in
    (
        "Kurdish fighters pushed Islamic State militants out of two villages near Hasakah "
        "after heavy clashes.",
        "People's Protection Units",
        "Islamic State (Syria)",
    ),
    (
        "Kurdish forces clashed with Islamic State militants near the Iraqi town of Sinjar.",
        "Military Forces of Iraq (2014-) Peshmerga",
        "Islamic State (Iraq)",
    ),
    # "at the hands of X": X did it
    (
        "Two children were killed at the hands of ISIS snipers in the city of Deir ez-Zor.",
        "Islamic State (Syria)",
        "Civilians (Syria)",
    ),
    # a name typeset with a curly apostrophe is the same name
    (
        "At least 20 ISIS militants were killed in an attack by the People\u2019s Protection "
        "Units near Tal Abyad.",
        "People's Protection Units",
        "Islamic State (Syria)",
    ),
    # casualties told by their number only: a strike's or a shelling's are civilians
    (
        "Government artillery shelled the town of Kafr Zita, killing five and wounding ten.",
        "Military Forces of Syria (2000-2024)",
        "Civilians (Syria)",
    ),
    (
        "Turkish artillery shelled the village of Jinderes on Monday, leaving three dead.",
        "Military Forces of Turkey",
        "Civilians (Syria)",
    ),
    # ... but a named target stays the target, and a battle's dead are no civilians
    (
        "Islamic State militants shelled army positions near the airport of Deir ez-Zor, "
        "killing four.",
        "Islamic State (Syria)",
        "Military Forces of Syria (2000-2024)",
    ),
    (
        "Rebels clashed with government troops near Hama, killing 12.",
        "Rebels (Syria)",
        "Military Forces of Syria (2000-2024)",
    ),
    # a head of state named as the doer of violence: the state's armed forces
    (
        "Bashar al-Assad's forces shelled the town of Douma, killing three.",
        "Military Forces of Syria (2000-2024)",
        None,
    ),
    # forces "led" by a group fight as that group (a backer stays an associate)
    (
        "At least 25 Islamic State militants were killed in clashes with YPG-led forces near "
        "the town of Kobani.",
        None,
        "People's Protection Units",
    ),
    # "our forces" in a group's statement are the group's
    (
        "Twenty Islamic State militants were killed in clashes with our forces near Hasakah, "
        "the YPG said in a statement.",
        None,
        "People's Protection Units",
    ),
    (
        "At least 25 ISIS militants were killed in clashes with the Kurdish People's Defense "
        "Units near Derbasiyah.",
        None,
        "People's Protection Units",
    ),
    # "IS" as a noun is the Islamic State
    ("An IS suicide attack killed six soldiers in Deir ez-Zor.", "Islamic State (Syria)", None),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), WHO_DID_IT)
def test_who_did_it_from_general_wording(extractor, text, actor1, actor2) -> None:  # type: ignore[no-untyped-def]
    found = [(_name(m.actor1), _name(m.actor2)) for m in exported(extractor, text)]
    wanted = (actor1, actor2)
    assert any(
        all(w is None or g == w for g, w in zip(got, wanted, strict=True)) for got in found
    ), found


def test_the_verb_is_is_no_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The army shelled the town, and the situation IS tense, residents said."
    names = {_name(m.actor1) for m in exported(extractor, text)} | {
        _name(m.actor2) for m in exported(extractor, text)
    }
    assert not any(str(n).startswith("Islamic State") for n in names), names


def test_kurdish_forces_without_a_country_have_no_name(extractor) -> None:  # type: ignore[no-untyped-def]
    names = [
        (m.actor1.canonical if m.actor1 else None, m.actor1.text if m.actor1 else None)
        for m in exported(extractor, "Kurdish fighters attacked a convoy, killing six militants.")
    ]
    assert all(canonical != "Kurdish forces (unidentified)" for canonical, _ in names), names


# an armed actor's "strike" is an air strike; a labour strike or a lightning strike is not
@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Eight civilians were killed in Russian strikes on the town of Atarib.",
            "Military Forces of Russia",
        ),
        (
            "Several senior ISIS leaders were killed in a coalition strike near Raqqa.",
            "Global Coalition Against Daesh",
        ),
        ("US strikes killed 20 militants near the city of Sirte.", None),
    ],
)
def test_an_armed_actors_strike_is_an_air_strike(extractor, text: str, actor1) -> None:  # type: ignore[no-untyped-def]
    found = [(m.sub_event_type, _name(m.actor1)) for m in exported(extractor, text)]
    assert any(
        sub == "Air/drone strike" and (actor1 is None or name == actor1) for sub, name in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "A general strike paralysed the city of Tripoli on Monday.",
        "Dockers in the port of Beirut began a strike over unpaid wages.",
        "A lightning strike killed two shepherds near the town of Hermel.",
        # strikes told with no target or toll of their own are no one happening
        "Israel has carried out hundreds of Israeli strikes in Syria over the years, officials "
        "said on Monday in Jerusalem.",
        "Russian strikes have drawn criticism from human rights groups in Geneva, the report "
        "published on Tuesday said.",
    ],
)
def test_other_strikes_are_no_air_strike(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert "Air/drone strike" not in subs, subs


@pytest.mark.parametrize(
    ("text", "foiler"),
    [
        ("The army foiled an attempt to smuggle fuel into Syria near Qaa on Monday.", "foiled"),
        (
            "Syrian border guards thwarted an attempt to smuggle weapons near Qusayr on Friday.",
            "thwarted",
        ),
    ],
)
def test_foiling_an_attempt_happened(extractor, text: str, foiler: str) -> None:  # type: ignore[no-untyped-def]
    # what was attempted did not happen; the foiling of it did ("an attempted raid" stays
    # attempted: the attempt modifies the raid there)
    assert any(m.trigger.text == foiler for m in exported(extractor, text)), text
    assert not exported(extractor, "Rebels launched an attempted assault on the airport.")


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Hermel protested on Sunday against the abduction of a local man.",
        "Villagers blocked the main road near Arsal on Monday to protest the killing of a "
        "shepherd.",
        "Hundreds of students demonstrated in Tripoli on Friday against the arrest of a teacher.",
    ],
)
def test_a_protest_against_an_event_is_the_protest(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    # the event protested against is told in passing; the event reported is the protest
    types = [m.event_type for m in exported(extractor, text)]
    assert types[:1] == ["Protests"], types


@pytest.mark.parametrize(
    "text",
    [
        "Government jets struck Khan Sheikhoun on Monday, killing two.",
        "Government planes bombed the town of Douma on Monday.",
    ],
)
def test_government_aircraft_are_the_states_forces(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    # whose aircraft the text says ("government"): the state's military, not unidentified
    doers = [m.actor1.canonical for m in exported(extractor, text) if m.actor1]
    assert doers and doers[0].startswith("Military Forces of Syria"), doers


@pytest.mark.parametrize(
    "text",
    [
        "Helicopters dropped barrel bombs on the town of Daraya on Monday.",
        "Regime helicopters dropped explosive barrels on Daraya on Monday.",
    ],
)
def test_bombs_dropped_are_an_air_strike(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    # bombs are dropped only from the air
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert subs[:1] == ["Air/drone strike"], subs


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes struck the town of Saraqeb in Idlib on Monday, killing five civilians.",
        "Jets bombed a depot near Hermel on Tuesday.",
    ],
)
def test_aircraft_whose_owner_is_not_said_are_unidentified(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    # ACLED and the coding guide: Unidentified Military Forces, not the country's own forces
    doers = [m.actor1.canonical for m in exported(extractor, text) if m.actor1]
    assert doers[:1] == ["Unidentified Military Forces"], doers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli warplanes carried out a series of strikes on the Bekaa Valley overnight.", True),
        ("Russian jets carried out strikes on rebel positions near Idlib on Monday.", True),
        ("Dockers carried out a series of strikes at the port of Beirut last year.", False),
        ("The workers carried out strikes on Monday.", False),
    ],
)
def test_strikes_carried_out_by_an_armed_actor_are_air_strikes(
    extractor, text: str, expected: bool
) -> None:  # type: ignore[no-untyped-def]
    # the doer may be the subject of "carried out", not a modifier of "strikes"
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert ("Air/drone strike" in subs) is expected, subs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Lebanese army said it detained a Syrian man in Tripoli on suspicion of "
            "belonging to the Islamic State group.",
            True,
        ),
        (
            "Security forces said they arrested a man in Arsal on suspicion of links to an "
            "armed group.",
            True,
        ),
        ("Police arrested a man in Tripoli on suspicion of theft.", False),
    ],
)
def test_an_arrest_of_suspected_members_of_an_armed_group_is_coded(
    extractor, text: str, expected: bool
) -> None:  # type: ignore[no-untyped-def]
    # ACLED codes arrests of an armed or political group's (suspected) members, not of thieves
    subs = [m.sub_event_type for m in exported(extractor, text)]
    assert ("Arrests" in subs) is expected, subs


# --- actors5 ---
# Who did it to whom, from general wording of war reporting (issue #22): each case names the
# rule it guards; (sentence, actor1, assoc_actor_1, actor2), None where the case says nothing.
WHO_TO_WHOM = [
    # a verb of pairing carries a clash's sides: the first named acts
    (
        "Heavy fighting pitting Hezbollah against Nusra Front militants raged in the Qalamoun "
        "mountains on Friday.",
        "Hezbollah",
        None,
        "Jabhat al-Nusra",
    ),
    # a pronoun in "between them and B" is the group named before it
    (
        "Five Nusra Front fighters were killed when fighting broke out between them and the "
        "YPG near Afrin on Sunday.",
        "Jabhat al-Nusra",
        None,
        "People's Protection Units",
    ),
    # a backer written between the sides is the first side's associate, not the other side
    (
        "Clashes between the army, backed by Hezbollah, and rebels killed nine near Yabroud on "
        "Sunday.",
        "Military Forces of Syria (2000-2024)",
        "Hezbollah",
        "Rebels (Syria)",
    ),
    (
        "Fierce clashes between government troops backed by Russian jets and Nusra Front "
        "fighters raged near Khan Touman on Friday.",
        "Military Forces of Syria (2000-2024)",
        "Military Forces of Russia",
        "Jabhat al-Nusra",
    ),
    # the owner of the forces acted on names them, he is no civilian victim
    (
        "Rebels killed a number of Assad's troops in clashes near Morek on Sunday.",
        None,
        None,
        "Military Forces of Syria (2000-2024)",
    ),
    # a group's name before its fighters names them, however the parser hung its words
    (
        "Jabhat Fateh al-Sham fighters seized the town of Halfaya on Sunday.",
        "Jabhat Fateh al-Sham",
        None,
        None,
    ),
    # "on the Kurdish side", "Kurdish positions": the Kurdish force of the country
    (
        "Nine fighters on the Kurdish side died in a battle with Islamic State militants near "
        "Ras al-Ain on Monday.",
        "People's Protection Units",
        None,
        "Islamic State (Syria)",
    ),
    (
        "Islamic State militants shelled Kurdish positions near Kobani on Monday.",
        "Islamic State (Syria)",
        None,
        "People's Protection Units",
    ),
    # what a deed named as the subject hit was its target ("a roadside bomb targeted ...")
    (
        "A roadside bomb hit a Hezbollah convoy near Yabroud on Sunday, killing three fighters.",
        None,
        None,
        "Hezbollah",
    ),
    # a deed attributed to its doer is still the doer's
    (
        "Nine civilians were killed on Sunday in air strikes thought to be conducted by "
        "Russian warplanes on the town of Saraqib.",
        "Military Forces of Russia",
        None,
        None,
    ),
    # an attack "led by" a group is the group's own: the leader is no backer
    (
        "Dozens of civilians were killed in attacks led by Islamic State militants on Kurdish "
        "villages near Kobani.",
        "Islamic State (Syria)",
        None,
        None,
    ),
    # a coalition led by another state than the anti-IS coalition's is its leader's forces
    (
        "Warplanes of the Saudi-led coalition struck a market in Hodeidah on Monday, killing "
        "18 civilians.",
        "Military Forces of Saudi Arabia",
        None,
        None,
    ),
    (
        "A Saudi-led coalition air strike killed 11 civilians in Taiz on Sunday.",
        "Military Forces of Saudi Arabia",
        None,
        None,
    ),
    (  # (a guard: the coalition the base names by its leader stays that coalition)
        "US-led coalition warplanes struck Islamic State positions near Raqqa on Monday, "
        "killing 9 militants.",
        "Global Coalition Against Daesh",
        None,
        None,
    ),
    # a foreign state's fighters are its forces; other foreign jihadists are rebels where
    # they fight, never rebels of their own country
    (
        "Two Russian fighters were killed in a rebel attack on their base near Hama on Tuesday.",
        None,
        None,
        "Military Forces of Russia",
    ),
    # mercenaries are no rebels: ACLED's private security forces, of their own country
    (
        "Russian mercenaries clashed with Islamic State militants near the Shaer gas field on "
        "Sunday.",
        "Private Security Forces (Russia)",
        None,
        None,
    ),
    (
        "Three Tunisian jihadists were killed in clashes with the army near Palmyra on Tuesday.",
        "Rebels (Syria)",
        None,
        None,
    ),
    # what a speaker calls its own was the speaker's
    (
        "Hezbollah said an Israeli drone struck one of its posts near Kfar Kila on Tuesday.",
        "Military Forces of Israel",
        None,
        "Hezbollah",
    ),
    # a thing only a pronoun says is someone's gives way to the dead
    (
        "Militants ambushed their patrol near Arsal on Monday, killing three soldiers.",
        None,
        None,
        "Military Forces of Lebanon",
    ),
    # who fought an attack off is its other side, before the dead of other triggers
    (
        "YPG fighters repelled an assault by Islamic State militants on Tal Tamr, killing 12 "
        "jihadists.",
        "Islamic State (Syria)",
        None,
        "People's Protection Units",
    ),
    # a person killed along with others of a group in a strike is that group
    (
        "A Nusra commander was killed along with six other Nusra fighters in a Russian air "
        "strike near Idlib on Sunday.",
        "Military Forces of Russia",
        None,
        "Jabhat al-Nusra",
    ),
    # the group that claims a deed did it
    (
        "Hayat Tahrir al-Sham claimed responsibility for the suicide bombing that killed 15 "
        "soldiers in Homs on Sunday.",
        "Hayat Tahrir al-Sham",
        None,
        None,
    ),
    (
        "The Islamic State claimed the car bombing that killed nine people in Qamishli on Tuesday.",
        "Islamic State (Syria)",
        None,
        None,
    ),
    # an abduction's captives the base does not name are civilians
    ("Gunmen abducted two lawyers in Idlib on Monday.", None, None, "Civilians (Syria)"),
    # "PYD-affiliated Asayish members": the named force, not who it is tied to
    (
        "Two PYD-affiliated Asayish members were killed in a bomb attack in Hasakah on Monday.",
        None,
        None,
        "Asayish",
    ),
    # members named by a capitalised plural or a sniper are the group named after them
    (
        "Rebels of Jaish al-Islam shelled government positions in Harasta on Monday.",
        "Jaish al-Islam",
        None,
        None,
    ),
    (
        "A sniper of the Syrian army shot dead a woman in Daraa on Monday.",
        "Military Forces of Syria (2000-2024)",
        None,
        None,
    ),
    # a weapon delivered ("fired missiles at", "threw a grenade at"): its user and its target
    (
        "Hezbollah fired guided missiles at an Israeli army position near Metula on Tuesday.",
        "Hezbollah",
        None,
        "Military Forces of Israel",
    ),
    (
        "Unknown assailants hurled a hand grenade at a Lebanese army patrol in Sidon on Sunday.",
        "Unidentified Armed Group (Lebanon)",
        None,
        "Military Forces of Lebanon",
    ),
    # a mine left (laid, placed) by a group was the group's
    (
        "A landmine laid by ISIS exploded near Tabqa on Sunday, killing a shepherd.",
        "Islamic State (Syria)",
        None,
        None,
    ),
    # a place seized from a group was taken from it
    (
        "Turkish-backed rebels seized the village of Tal Rifaat from the YPG on Friday.",
        None,
        None,
        "People's Protection Units",
    ),
    # an unnamed local clan is ACLED's clan militia
    (
        "Gunmen from a rival clan clashed with the army in Baalbek on Sunday.",
        "Unidentified Clan Militia (Lebanon)",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "actor1", "ally", "actor2"), WHO_TO_WHOM)
def test_who_did_it_to_whom(extractor, text, actor1, ally, actor2) -> None:  # type: ignore[no-untyped-def]
    found = [
        (_name(m.actor1), _name(m.assoc_actor_1), _name(m.actor2))
        for m in exported(extractor, text)
    ]
    wanted = (actor1, ally, actor2)
    assert any(
        all(w is None or g == w for g, w in zip(got, wanted, strict=True)) for got in found
    ), found


def test_a_weapon_only_one_force_used_is_not_its_target(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian army helicopters dropped barrel bombs on the outskirts of Qusayr on Monday."
    found = [(_name(m.actor1), _name(m.actor2)) for m in exported(extractor, text)]
    assert found and all(a1 != a2 for a1, a2 in found), found
