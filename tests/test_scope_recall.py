"""Recall and noise of ACLED scope (issue 18, second pass): real events the first scope rules
set aside, and diplomatic or criminal news they let through, on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.clean import content_key
from borderwatch.model import EXPORTED_MODALITIES, Article, Mention


def exported(extractor, text: str) -> list[Mention]:  # type: ignore[no-untyped-def]
    article = Article(doc_key=content_key(text), source="t", text=text, published=date(2024, 5, 20))
    return [m for m in extractor.extract(article) if m.modality in EXPORTED_MODALITIES]


# (sentence, ACLED event type, sub-event type) that must export
EVENTS = [
    (
        "Two journalists were found unconscious in the town square on Monday after a nerve agent"
        " attack.",
        "Explosions/Remote violence",
        "Chemical weapon",
    ),
    (
        "A farmer stepped on a mine and lost his leg near the frontier village on Sunday.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "Thousands of people turned out to support the opposition leader as he arrived in the"
        " capital on Friday.",
        "Protests",
        "Peaceful protest",
    ),
    (
        "Angry youths pulled down the perimeter wall of the new police station on Tuesday.",
        "Riots",
        "Mob violence",
    ),
    # demonstrators destroying property turn their demonstration violent (Codebook: Riots -
    # Violent demonstration); youths with no demonstration are a mob (above)
    (
        "Protesters tore down the statue of the former dictator in the main square on Sunday.",
        "Riots",
        "Violent demonstration",
    ),
    (
        "Border guards seized heroin and cocaine hidden in a truck at the border crossing near"
        " Hermel.",
        "Strategic developments",
        "Other",
    ),
    (
        "The army deployed reinforcements to the frontier town on Monday.",
        "Strategic developments",
        "Change to group/activity",
    ),
]


@pytest.mark.parametrize(("text", "event_type", "sub_event_type"), EVENTS)
def test_real_events_export(extractor, text: str, event_type: str, sub_event_type: str) -> None:  # type: ignore[no-untyped-def]
    found = {(m.event_type, m.sub_event_type) for m in exported(extractor, text)}
    assert (event_type, sub_event_type) in found, text


NOT_EVENTS = [
    # "turned out" as "proved to be"; pulling down by an authority is no mob violence
    "The new figures turned out to support the central bank's forecast.",
    "The city council pulled down the old market hall last year to build a car park.",
    "The old cinema was torn down in 2010.",
    # diplomacy: relations reinforced, talks with aides, surveillance of student groups
    "The minister said his country was reinforcing its strategic partnership with its neighbour.",
    "Both governments are reinforcing their defence cooperation, the ministry said.",
    "The report revealed how the city police infiltrated Muslim student groups for years.",
    # an ordinary drug bust; a leader meeting their own aides
    "Police seized 40 kilograms of heroin in a drug bust in the port city.",
    "The president met his top national security aides at the palace on Tuesday.",
    # a criminal case: the sentence before tells a murder trial
    "Three men are on trial for murder alongside a woman accused of helping the alleged gunmen"
    " escape. The victim was killed on the evening of May 26 near his home.",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_not_events_stay_quiet(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [(m.event_type, m.sub_event_type) for m in exported(extractor, text)] == []


def test_weapon_named_as_a_thing_is_no_attack(extractor) -> None:  # type: ignore[no-untyped-def]
    """Only a weapon compound before an attack noun names the attack's means: a seizure of
    grenade launchers is a seizure, not a grenade attack."""
    text = "The police seized grenade launchers and rifles from a warehouse."
    types = {m.sub_event_type for m in exported(extractor, text)}
    assert "Grenade" not in types
    assert types == {"Disrupted weapons use"}


def test_a_plan_to_act_is_planned(extractor) -> None:  # type: ignore[no-untyped-def]
    """A trigger completing a noun of intent ("a plan to deploy") reports no deployment yet;
    the same verb stated as done does."""
    planned = (
        "The senate condemned the government's plan to deploy the National Guard to the border."
    )
    done = "The government deployed the National Guard to the border town on Monday."
    assert exported(extractor, planned) == []
    decided = "Lawmakers protested the decision to deploy the National Guard to the border."
    deployed = "Change to group/activity"
    assert deployed not in [m.sub_event_type for m in exported(extractor, decided)]
    assert [m.sub_event_type for m in exported(extractor, done)] == [deployed]
