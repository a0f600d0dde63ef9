"""One event per happening, even within a sentence: clauses with their own trigger and their
own participants are their own events, each with its own actors, counts and place."""

from __future__ import annotations

from datetime import date

from .test_extract import extract, only

MONDAY = date(2024, 5, 20)


def by_type(mentions):  # type: ignore[no-untyped-def]
    return {m.sub_event_type: m for m in mentions}


def canonical(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


def test_a_while_clause_with_its_own_actors_is_its_own_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Soldiers arrested four smugglers at the crossing near Arsal on Monday, while "
        "gunmen kidnapped a farmer from a nearby village."
    )
    events = by_type(extract(extractor, text))
    arrest, abduction = events["Arrests"], events["Abduction/forced disappearance"]
    assert canonical(arrest.actor1) == "Military Forces of Lebanon"
    assert arrest.counts == {"arrested": 4}
    assert canonical(abduction.actor1) == "Unidentified Armed Group (Lebanon)"
    assert canonical(abduction.actor2) == "Civilians (Lebanon)"
    assert abduction.counts == {"abducted": 1}  # the smugglers are the arrest's
    # the kidnapping's clause names no place: it inherits the sentence's
    assert abduction.place is not None and abduction.place.name == "Arsal"


def test_counts_and_places_go_to_their_own_clause(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels shelled the town of Zabadani as government forces arrested seven men in Madaya."
    mentions = extract(extractor, text)
    shelling = next(m for m in mentions if m.event_type == "Explosions/Remote violence")
    arrest = next(m for m in mentions if m.sub_event_type == "Arrests")
    assert shelling.place is not None and shelling.place.name == "Az-Zabdani"
    assert arrest.place is not None and arrest.place.name == "Madaya"
    assert "arrested" not in shelling.counts and arrest.counts == {"arrested": 7}
    assert canonical(shelling.actor1) == "Rebels (Syria)"


def test_clauses_joined_by_a_semicolon(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen killed two soldiers in Qusayr; police arrested five suspects in Hermel."
    mentions = extract(extractor, text)
    assert len(mentions) == 2
    killing, arrest = mentions
    assert killing.counts == {"killed": 2} and arrest.counts == {"arrested": 5}
    assert killing.place is not None and killing.place.name == "Al-Qusayr"
    assert arrest.place is not None and arrest.place.name == "Hermel"


def test_an_event_after_another_is_its_own(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Villagers attacked an army post in Hermel after the arrest of a local man."
    events = by_type(extract(extractor, text))
    assert "Arrests" in events
    attack = next(m for m in events.values() if m.sub_event_type != "Arrests")
    assert attack.trigger.text == "attacked"
    # the villagers attacked; they did not arrest anyone
    assert events["Arrests"].actor1 is None


def test_a_coordinated_verb_sharing_its_subject_stays_one_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian troops shelled and stormed the village of Tal Kalakh on Monday."
    event = only(extract(extractor, text))
    assert canonical(event.actor1) == "Military Forces of Syria (2000-2024)"


def test_a_killing_told_as_an_outcome_stays_part_of_the_attack(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen stormed a checkpoint near Hermel on Monday and two soldiers were killed."
    event = only(extract(extractor, text))
    assert event.counts.get("killed") == 2


def test_people_killed_after_clashes_are_the_clashes_dead(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Two soldiers were killed after clashes with rebels near Daraa on Monday."
    event = only(extract(extractor, text))
    assert event.sub_event_type == "Armed clash" and event.counts.get("killed") == 2


def test_a_relative_clause_describes_a_participant_not_a_new_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Troops killed 20 militants who attacked a checkpoint near Arsal on Monday."
    event = only(extract(extractor, text))
    assert event.counts.get("killed") == 20


def test_fighting_before_a_capture_is_the_same_fight(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Hezbollah fighters captured the village of Flita after clashes with rebels on Monday."
    event = only(extract(extractor, text))
    assert event.event_type == "Battles" and event.actor1 is not None


def test_a_speaker_that_says_it_acted_is_the_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Lebanese army said on Tuesday it had arrested three men near Arsal."
    event = only(extract(extractor, text))
    assert canonical(event.actor1) == "Military Forces of Lebanon"
    assert event.attribution is not None  # still the event's source


def test_a_protest_and_its_dispersal_are_one_protest_with_intervention(extractor) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Hundreds of demonstrators marched in Tripoli on Friday before police dispersed them.",
        "Demonstrators gathered outside the ministry in Beirut, and police fired tear gas to "
        "disperse them.",
    ):
        (event,) = extract(extractor, text)
        assert event.sub_event_type == "Protest with intervention", text
        # ACLED: the protesters are actor1, the force that intervened actor2
        assert canonical(event.actor2) == "Police Forces of Lebanon", text
        assert canonical(event.actor1) != canonical(event.actor2), text


def test_an_attack_and_its_repulsion_are_one_clash(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Militants stormed an army post near Hermel overnight, and soldiers drove them back."
    (event,) = [m for m in extract(extractor, text) if m.event_type == "Battles"]
    assert canonical(event.actor2) == "Military Forces of Lebanon"


def test_a_detention_joined_by_while_to_a_battle_is_its_own_event_by_the_named_group(
    extractor,
) -> None:  # type: ignore[no-untyped-def]
    """ "... while the militants detained": its own event, whose doer is the group named
    before with the same head word ("the militants" = the Islamic State militants)."""
    text = (
        "Islamic State militants clashed with the army near Ras Baalbek on Sunday, while the "
        "militants detained six villagers from the area."
    )
    events = by_type(extract(extractor, text))
    detention = events["Abduction/forced disappearance"]
    assert canonical(detention.actor1) == "Islamic State (Lebanon)"
    assert canonical(detention.actor2) == "Civilians (Lebanon)"
    assert canonical(events["Armed clash"].actor2) == "Military Forces of Lebanon"


def _days(mention):  # type: ignore[no-untyped-def]
    return (mention.date.start.isoformat(), mention.date.end.isoformat())


def test_a_seizure_and_its_arrests_take_the_day_the_report_gives_not_the_statements(
    extractor,
) -> None:  # type: ignore[no-untyped-def]
    # published Monday 2024-05-20: "on Sunday" is 2024-05-19, the statement's Monday is not it
    text = (
        "The Lebanese army said on Monday it seized two trucks loaded with weapons near Hermel "
        "on Sunday and arrested their drivers."
    )
    mentions = extract(extractor, text, MONDAY)
    assert {m.sub_event_type for m in mentions} >= {"Arrests"}
    assert {_days(m) for m in mentions} == {("2024-05-19", "2024-05-19")}


def test_coordinated_arrests_share_the_date_given_for_the_seizure(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The army said on Wednesday that it had arrested four smugglers and seized a shipment "
        "of captagon at the border on Tuesday."
    )
    mentions = extract(extractor, text, MONDAY)
    arrest = next(m for m in mentions if m.sub_event_type == "Arrests")
    assert _days(arrest) == ("2024-05-14", "2024-05-14")  # the Tuesday before publication


def test_an_exchange_agreed_earlier_and_carried_out_later_is_its_own_event(extractor) -> None:  # type: ignore[no-untyped-def]
    """The agreement is one event; "the exchange took place" on a later day is the exchange
    itself (not a second mention of the agreement), dated after what led to it."""
    text = (
        "Hezbollah and the Nusra Front agreed on Tuesday to exchange prisoners. On Saturday, "
        "the exchange took place at the Masnaa crossing, with 20 captives handed over."
    )
    mentions = [m for m in extract(extractor, text, MONDAY) if m.sub_event_type == "Agreement"]
    assert len(mentions) == 2, [(m.trigger.text, m.date) for m in mentions]
    agreement, exchange = sorted(mentions, key=lambda m: m.sentence.start)
    assert _days(agreement) == ("2024-05-14", "2024-05-14")
    assert _days(exchange) == ("2024-05-18", "2024-05-18")


def test_a_toll_belongs_to_the_clause_it_hangs_on(extractor) -> None:  # type: ignore[no-untyped-def]
    # "killing three residents" hangs on the shelling, not on the strike of the "as" clause;
    # each clause's target comes from its own words
    text = (
        "Militants shelled the village of Kfar Zeit, killing three residents, as warplanes "
        "struck the nearby town."
    )
    events = by_type(extract(extractor, text))
    shelling, strike = events["Shelling/artillery/missile attack"], events["Air/drone strike"]
    assert shelling.counts.get("killed") == 3, shelling.counts
    assert not strike.counts.get("killed"), strike.counts
    assert shelling.actor2 is not None and shelling.actor2.inter == 7, shelling.actor2
