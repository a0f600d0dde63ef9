"""Only real events (issue 18, third pass): news that names an event without reporting one —
an aim or a power ("a way to protest"), an unreal world ("would ... until the troops were
withdrawn"), a reference to a known event ("responsible for the attack"), a generic present, a
fragment, another sense — exports nothing; the same words reporting an event still export.
Every sentence is invented."""

from __future__ import annotations

import pytest

from .extracting import exported, extract

NOT_EVENTS = {
    "infinitive completing a noun": [
        "Organisers said the campaign began as a way to protest the new law.",
        "The opposition defended the right to rally peacefully in the capital.",
    ],
    "conditional governing the clause": [
        "The council said it would keep the curfew until the troops were withdrawn.",
        "The senator argued that the country should end its cooperation until the soldiers"
        " are withdrawn.",
    ],
    "known event in a frame": [
        "Investigators say the group was most likely responsible for the attack.",
        "The singer was outside the car at the time of the attack.",
        "Amid the rallies and the television interviews, she still found time to study.",
    ],
    "generic present": [
        "The new howitzers combine a tank and a cannon and fire 155mm shells.",
        "Drone strikes cause resentment among the villagers, the report says.",
    ],
    "campaign over years": [
        "Officials praised the coalition that has fought the militants in the region since 2014.",
        "Government troops have clashed with the rebels in the hills for years.",
    ],
    "fragment": ["Her being kidnapped."],
    "border policy": ["The bloc responded by shutting its borders to migrants."],
    "no armed actor acting": [
        "The ministry deployed new software to protect the frontier.",
    ],
}


@pytest.mark.parametrize(
    ("kind", "text"), [(k, t) for k, texts in NOT_EVENTS.items() for t in texts]
)
def test_named_but_unreported_events_export_nothing(extractor, kind, text) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert not got, (kind, [(m.sub_event_type, m.modality, m.why) for m in got])


# The same constructions around events that happened: (sentence, sub-event type)
EVENTS = [
    # an event noun completed by an infinitive is itself the event
    (
        "Thousands of workers joined a march to protest the new tax in the capital on Sunday.",
        "Peaceful protest",
    ),
    # a frame drops only the reference; the event stated beside it stays
    (
        "Troops were deployed to the border town on Monday after the clashes.",
        "Change to group/activity",
    ),
    ("Lebanon closed the Masnaa border crossing on Monday after the clashes.", "Other"),
    (
        "The army said it had deployed reinforcements to the frontier after the attack.",
        "Change to group/activity",
    ),
    # a headline's present reports an event; so does a present about one event, or one dated
    ("Rebels seize town near the border", None),
    ("Suicide bomber kills 12 in the capital.", None),
    ("Militants abduct two teachers in the northern province.", None),
    ("The attack on the army post near the border town is the third this month.", None),
    ("Fighting has raged between troops and rebels near the town since Monday.", None),
    # an armed group acting: a strategic development with its conflict actor
    ("Militants infiltrated the border village from the hills on Friday.", "Other"),
]


@pytest.mark.parametrize(("text", "sub"), EVENTS)
def test_events_in_the_same_constructions_still_export(extractor, text, sub) -> None:  # type: ignore[no-untyped-def]
    got = exported(extractor, text)
    assert got, [(m.sub_event_type, m.modality, m.why) for m in extract(extractor, text)]
    if sub is not None:
        assert sub in {m.sub_event_type for m in got}


def test_a_reference_keeps_its_reason(extractor) -> None:  # type: ignore[no-untyped-def]
    """The frame is a sense decision: the trigger is no event at all, so nothing is built."""
    text = "Investigators say the group was most likely responsible for the attack."
    got = extract(extractor, text)
    assert not [m for m in got if m.trigger.text == "attack"]
    senses = extractor.senses
    doc = extractor.nlp("Police blamed the group for the attack.")
    attack = next(t for t in doc if t.text == "attack")
    assert "known event" in (senses.misfit("attack", attack) or "")
    doc = extractor.nlp("Police blamed the group for the attack on the border post.")
    attack = next(t for t in doc if t.text == "attack")
    assert senses.misfit("attack", attack) is None  # its own target: may be new


@pytest.mark.parametrize(
    ("trigger_id", "text", "word", "why"),
    [
        # baseball: an N-run or solo "blast" is a home run
        (
            "explosive",
            "It was a three-run blast that won the series for the visitors.",
            "blast",
            "not armed fighting",
        ),
        # a passive "met with" is received, not a meeting
        (
            "security-meeting",
            "The ceasefire plan was met with anger by the rebels.",
            "met",
            "passive",
        ),
        # showing, not protesting
        (
            "protest",
            "The parade was a demonstration of military power.",
            "demonstration",
            "abstract",
        ),
    ],
)
def test_other_senses_are_no_event(extractor, trigger_id, text, word, why) -> None:  # type: ignore[no-untyped-def]
    token = next(t for t in extractor.nlp(text) if t.text == word)
    assert why in (extractor.senses.misfit(trigger_id, token) or "")


@pytest.mark.parametrize(
    "text",
    [
        "The capital faces new security threats such as militia clashes and kidnappings.",
        "The group showed its influence by organizing rallies.",
    ],
)
def test_kinds_and_activities_are_generic(extractor, text) -> None:  # type: ignore[no-untyped-def]
    got = extract(extractor, text)
    assert got and {m.modality for m in got} == {"generic"}, [(m.modality, m.why) for m in got]


def test_talks_take_no_admission_from_a_battle_before(extractor) -> None:  # type: ignore[no-untyped-def]
    """A bare "the meeting" names an event; a clash admitted just before does not make it
    new talks between conflict actors."""
    text = (
        "Rebels and government troops clashed near the border town on Monday, killing five"
        " fighters. Hours later the meeting ended without a deal."
    )
    got = exported(extractor, text)
    assert "Battles" in {m.event_type for m in got}
    assert not [m for m in got if m.trigger.text in ("meeting", "met")], [m.why for m in got]


def test_a_generic_word_is_no_known_group(extractor) -> None:  # type: ignore[no-untyped-def]
    """A common noun resolved to a generic entry ("fighters") is not a known armed group: it
    does not outweigh a sports topic named in the sentence; a named group still does."""
    text = (
        "Video shows the star throwing a chair at a bus full of fighters after a news"
        " conference for the boxing championship."
    )
    got = [m for m in extract(extractor, text) if m.trigger.text == "bus"]
    assert got and got[0].modality == "out_of_scope", [m.why for m in got]
    assert "known_actor" not in got[0].why.get("evidence", "")


def test_talk_elsewhere_does_not_put_out_a_weapon_of_war(extractor) -> None:  # type: ignore[no-untyped-def]
    """A rhetoric word in another clause ("the decision") does not put out an attack whose
    trigger names a weapon of war; a business topic in the sentence still does."""
    text = (
        "The decision is the latest step in the row that began after the nerve agent attack on"
        " a former spy and his daughter in March."
    )
    assert "Chemical weapon" in {m.sub_event_type for m in exported(extractor, text)}
    text = (
        "The new sanctions target businessmen and companies linked to officials responsible for"
        " chemical weapons attacks."
    )
    assert not exported(extractor, text)


# A deed joined by "and" to a verb of attempting or foiling is a deed of its own: the
# detention happened, only the smuggling was attempted (even where the parse joins the deed to
# the infinitive: "foiled an attempt to smuggle ... and detained the driver").
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Soldiers foiled an attempt to smuggle 20 migrants across the border and "
            "detained the driver.",
            "Arrests",
        ),
        (
            "Border guards intercepted two trucks carrying rifles near the border and "
            "arrested three smugglers.",
            "Arrests",
        ),
        ("Gunmen tried to cross the border and were arrested by the army.", "Arrests"),
    ],
)
def test_a_deed_joined_to_an_attempt_happened(extractor, text: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    found = [m for m in extract(extractor, text) if m.sub_event_type == sub]
    assert found and all(m.modality != "attempted" for m in found), [
        (m.sub_event_type, m.modality) for m in extract(extractor, text)
    ]


def test_what_an_attempt_governs_stays_attempted(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Militants tried to storm the base and seize its weapons."
    assert all(m.modality == "attempted" for m in extract(extractor, text))


# An attack foiled with a toll the sentence tells as done was fought: the clash happened.
@pytest.mark.parametrize(
    "text",
    [
        "Soldiers foiled an attack on their post near the village, killing four militants.",
        "Gunmen tried to storm the police station, killing a guard.",
    ],
)
def test_an_attempt_with_its_toll_done_happened(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text), [
        (m.sub_event_type, m.modality) for m in extract(extractor, text)
    ]


# "is likely to", "is expected to": the copula's adjective governs the clause below it.
@pytest.mark.parametrize(
    "text",
    [
        "The police are likely to take the two activists into custody next week.",
        "The army is expected to arrest the opposition leaders in the capital.",
    ],
)
def test_a_likely_or_expected_deed_is_not_reported(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text), [
        (m.sub_event_type, m.modality) for m in extract(extractor, text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "More than 300 civilians have been killed in air strikes on the province over the past "
        "two years, the monitor said.",
        "At least 1,200 fighters have died in the battle for the city so far, the monitor said.",
        "Rebels have shelled the town since the start of the offensive, residents said.",
        "Dozens of activists have been arrested in recent months, a rights group said.",
        "Some 400 people have been abducted in the province since the conflict erupted.",
    ],
)
def test_a_summary_over_a_long_period_is_no_event(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    """The coding guide: "summaries over long periods without a specific incident" are no
    event, whatever their toll."""
    assert exported(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "At least 20 people have been killed in air strikes on Aleppo in the past 24 hours, "
        "the monitor said.",
        "Regime warplanes have struck Douma, killing 12 civilians, the Observatory said.",
        "Gunmen have abducted two farmers near Arsal, residents said on Monday.",
    ],
)
def test_a_days_report_in_the_perfect_is_still_an_event(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert exported(extractor, text)
