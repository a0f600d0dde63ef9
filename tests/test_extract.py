"""Extraction on sentences written for these tests: types, arguments, counts, modality,
attribution and evidence."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.clean import content_key
from borderwatch.model import Article, Mention

PUBLISHED = date(2024, 3, 8)  # a Friday


def extract(extractor, text: str, published: date = PUBLISHED) -> list[Mention]:  # type: ignore[no-untyped-def]
    article = Article(doc_key=content_key(text), source="test.txt", text=text, published=published)
    return extractor.extract(article)


def only(mentions: list[Mention]) -> Mention:
    assert len(mentions) == 1, [(m.event_type, m.trigger.text) for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Army troops clashed with gunmen near Hermel on Tuesday.", "Battles", "Armed clash"),
        (
            "Gunmen shot dead two farmers near Hermel on Tuesday.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "Security forces arrested four men in Baalbek on Tuesday.",
            "Strategic developments",
            "Arrests",
        ),
        (
            "Gunmen kidnapped a shepherd near Arsal on Tuesday.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        (
            "A roadside bomb exploded near a patrol outside Arsal on Tuesday.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Syrian artillery shelled the outskirts of Qasr on Tuesday.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "A drone strike hit a car near Hermel on Tuesday.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "Hundreds of residents protested in Baalbek on Tuesday against power cuts.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Soldiers fired tear gas to disperse refugees who protested in Arsal on Tuesday.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "The army intercepted a drone over the Bekaa on Tuesday.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
    ],
)
def test_event_types(extractor, text: str, event_type: str, sub_event_type: str) -> None:  # type: ignore[no-untyped-def]
    # the whole set: a spurious second event in a one-event sentence fails the test too
    found = [(m.event_type, m.sub_event_type) for m in extract(extractor, text)]
    assert found == [(event_type, sub_event_type)], found


def test_state_capture_of_a_town_is_government_regains_territory(extractor) -> None:  # type: ignore[no-untyped-def]
    m = only(
        extract(extractor, "The Lebanese army recaptured the hilltop village of Qaa on Tuesday.")
    )
    assert (m.event_type, m.sub_event_type) == ("Battles", "Government regains territory")


def test_a_non_state_group_arresting_people_is_an_abduction(extractor) -> None:  # type: ignore[no-untyped-def]
    m = only(
        extract(extractor, "Hezbollah fighters detained three shepherds near Hermel on Tuesday.")
    )
    assert (m.event_type, m.sub_event_type) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )


def test_actors_by_role(extractor) -> None:  # type: ignore[no-untyped-def]
    m = only(
        extract(extractor, "The Lebanese army clashed with Islamic State militants near Arsal.")
    )
    assert m.actor1 is not None and m.actor1.canonical.startswith("Military Forces of Lebanon")
    assert m.actor2 is not None and m.actor2.canonical == "Islamic State (Lebanon)"


def test_counts_in_words_and_digits(extractor) -> None:  # type: ignore[no-untyped-def]
    m = only(
        extract(
            extractor,
            "Clashes near Hermel on Tuesday killed three soldiers and "
            "wounded 12 civilians, the army said.",
        )
    )
    assert m.counts["killed"] == 3
    assert m.counts["injured"] == 12


@pytest.mark.parametrize(
    "text",
    [
        "A Syrian national was shot dead by unidentified gunmen in Baalbek on Saturday.",
        "A farmer was found dead near Arsal on Monday after gunmen abducted him.",
    ],
)
def test_one_person_shot_or_found_dead_is_one_killed(extractor, text) -> None:  # type: ignore[no-untyped-def]
    found = [m for m in extract(extractor, text) if m.counts.get("killed")]
    assert found and found[0].counts["killed"] == 1, text


def test_vague_numbers_follow_acled(extractor) -> None:  # type: ignore[no-untyped-def]
    m = only(
        extract(extractor, "Security forces arrested dozens of smugglers in Arsal on Tuesday.")
    )
    assert m.counts.get("arrested") == 12


def test_date_is_resolved_against_publication(extractor) -> None:  # type: ignore[no-untyped-def]
    m = only(extract(extractor, "Gunmen kidnapped a shepherd near Arsal on Tuesday."))
    assert m.date is not None and (m.date.start, m.date.end) == (date(2024, 3, 5), date(2024, 3, 5))
    assert m.date.precision == 1


def test_place_is_the_events_not_the_first_named(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian soldiers clashed with smugglers near Qasr on Tuesday, Beirut officials said."
    m = only(extract(extractor, text))
    assert m.place is not None and m.place.name == "Qasr"
    assert m.place.precision == 2  # "near" a town


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Gunmen did not attack the convoy near Arsal on Tuesday.", "negated"),
        ("The army denied that it had shelled Qasr on Tuesday.", "denied"),
        ("The army foiled an attempt to kidnap a farmer near Arsal on Tuesday.", "attempted"),
        ("Militants will attack the border posts near Arsal next week.", "planned"),
        ("The group threatened to kidnap more shepherds near Arsal.", "planned"),
        ("If the army attacks Arsal, the group will retaliate.", "hypothetical"),
        ("Gunmen may have kidnapped the farmer near Arsal on Tuesday.", "speculated"),
        ("Gunmen kidnapped a farmer near Arsal on Tuesday.", "asserted"),
        ("Gunmen kidnapped a farmer near Arsal on Tuesday, residents said.", "reported"),
    ],
)
def test_modality(extractor, text: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    mentions = extract(extractor, text)
    assert mentions, text
    assert mentions[0].modality == modality, [(m.trigger.text, m.modality) for m in mentions]


def test_negation_of_another_verb_does_not_negate_the_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The army says it is not coordinating the offensive near Arsal with the militia."
    offensive = [m for m in extract(extractor, text) if m.trigger.text == "offensive"]
    assert offensive and offensive[0].modality != "negated"


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        (
            "A Lebanese security source told the Daily Star that gunmen kidnapped a farmer "
            "near Arsal on Tuesday.",
            "A Lebanese security source told the Daily Star",
        ),
        (
            "According to the Syrian Observatory, gunmen kidnapped a farmer near Arsal on Tuesday.",
            "the Syrian Observatory",
        ),
        (
            "Gunmen kidnapped a farmer near Arsal on Tuesday, the Lebanese army said on Wednesday.",
            "the Lebanese army",
        ),
    ],
)
def test_attribution(extractor, text: str, attribution: str) -> None:  # type: ignore[no-untyped-def]
    m = only(extract(extractor, text))
    assert m.attribution == attribution
    assert m.modality == "reported"


def test_pronoun_speaker_refers_back_to_the_last_named_one(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Army spokesman Nadim Haddad spoke to reporters on Thursday. "
        "Gunmen kidnapped two farmers near Arsal on Tuesday, he said."
    )
    m = only(extract(extractor, text))
    assert m.attribution == "Nadim Haddad"


def test_figurative_fighting_is_not_an_event(extractor) -> None:  # type: ignore[no-untyped-def]
    assert extract(
        extractor, "The ministers agreed on fighting organised crime together."
    ) == [] or all(
        m.event_type != "Battles"
        for m in extract(extractor, "The ministers agreed on fighting organised crime.")
    )


def test_every_field_points_to_its_evidence(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Background first.\nArmy troops clashed with gunmen near Hermel on Tuesday, killing two."
    m = only(extract(extractor, text))
    for name in ("trigger", "place", "date", "counts.killed"):
        span = m.evidence[name]
        assert text[span.start : span.end] == span.text
    assert m.sentence.text == text[m.sentence.start : m.sentence.end]
    assert m.evidence["place"].text == "Hermel"


def test_sentences_without_triggers_are_not_parsed(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The weather was mild. Markets were busy. Prices rose slightly."
    assert extract(extractor, text) == []


def test_background_event_is_historical(extractor) -> None:  # type: ignore[no-untyped-def]
    m = only(extract(extractor, "In 2014, militants overran the town of Arsal."))
    assert m.historical
    assert m.date is not None and m.date.start == date(2014, 1, 1) and m.date.precision == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials pressed for the release of detainees arrested over their role in the "
            "uprising.",
            [],
        ),
        # the seizure itself is an event (ACLED: a weapons seizure is a strategic development);
        # "rocket-propelled grenade" names a weapon, not an explosion
        (
            "Police showed rifles and rocket-propelled grenade launchers seized from the "
            "smugglers.",
            [("Strategic developments", "Other")],
        ),
        ("The army has carried out repeated raids against gangs in the area.", []),
    ],
)
def test_words_that_name_no_event_here(extractor, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    assert [(m.event_type, m.sub_event_type) for m in extract(extractor, text)] == expected


def test_a_second_mention_of_the_same_event_is_not_a_new_one(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lebanon and Syria signed a border security agreement in Beirut on Tuesday. "
        "Hezbollah did not comment on the agreement."
    )
    agreements = [m for m in extract(extractor, text) if m.sub_event_type == "Agreement"]
    assert len(agreements) == 1


def test_dates_of_another_clause_do_not_date_the_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The crossing, closed on March 1, reopened to travellers on Tuesday, officials said."
    reopened = next(m for m in extract(extractor, text) if "border_opening" in m.tags)
    assert reopened.date is not None and reopened.date.start == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the weapon is the attack's means: remote violence, not a battle (ACLED)
        (
            "Militants launched a rocket attack on an army base near Hermel on Tuesday.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "Insurgents attacked an army checkpoint with mortars near Homs on Sunday.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        # "carried out" is no verb of having: the strike is the event, and it stays an air
        # strike when civilians die in it (ACLED codes the means, not the victims, here)
        (
            "Government warplanes carried out an air strike on the town of Saraqeb on Monday, "
            "killing five civilians.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        # a battle in which shelling is reported stays the battle
        (
            "Army troops clashed with rebels near Qusayr on Monday amid heavy shelling.",
            ("Battles", "Armed clash"),
        ),
    ],
)
def test_an_attacks_means_decides_its_type(extractor, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert (
        only(extract(extractor, text)).event_type,
        only(extract(extractor, text)).sub_event_type,
    ) == expected


def test_weapons_carried_are_still_goods_not_an_attack(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Police stopped a truck carrying rockets and mortar shells near the border on Monday."
    assert all(m.event_type != "Explosions/Remote violence" for m in extract(extractor, text))
