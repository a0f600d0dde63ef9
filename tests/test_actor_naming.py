"""Actors named the way ACLED names them, on invented sentences in the style of war reporting:
the words of a report name an actor of the knowledge base, a generic actor with its country or
a state, never themselves; roles follow ACLED (the killer side of one-sided violence is actor1,
a protest's crowd is actor1 with its organiser associated); the vocabulary of the Syrian war
and the Lebanese border resolves with its dates."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

import pytest

from .conftest import DATA
from .extracting import exported, first_exported


def name(ref):  # type: ignore[no-untyped-def]
    return ref.name if ref is not None else None


def first(extractor, text: str, published: date = date(2016, 6, 1)):  # type: ignore[no-untyped-def]
    return first_exported(extractor, text, published)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # a nationality before what a state strikes with is that state's forces
        ("At least 23 rebel fighters were killed in Russian raids near Idlib.", "Russia"),
        ("An Israeli helicopter attack killed four Hezbollah members near Quneitra.", "Israel"),
        # the regime's words are the Syrian military of its period
        ("Five civilians were killed in a regime bombardment of the town of Kafr Nabl.", "Syria"),
        ("Loyalist troops shelled the village of Kansafra, killing two farmers.", "Syria"),
        # the doer of an air strike nobody is said to have flown: Unidentified Military Forces
        ("Eleven militants were killed in an airstrike near the town of Tabqa.", "Unidentified"),
        # a shell fired by someone: they did it
        ("Two soldiers were killed when a mortar shell fired by rebels hit their post.", "Rebels"),
    ],
)
def test_who_struck_is_named_from_the_words_around_the_deed(
    extractor, text: str, actor1: str
) -> None:  # type: ignore[no-untyped-def]
    event = first(extractor, text)
    assert actor1 in (name(event.actor1) or ""), (text, event.actor1)


@pytest.mark.parametrize(
    "text",
    [
        "Members of the group were killed in clashes near the village of Tal Rifaat.",
        "The forces shelled the outskirts of the town of Jisr al-Shughur on Monday.",
        "Unknown members of the movement attacked a checkpoint near Arsal, killing a soldier.",
    ],
)
def test_raw_words_are_never_a_name(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    for event in exported(extractor, text):
        for ref in (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2):
            if ref is not None and ref.name is not None:
                assert ref.name.lower() not in {"members", "group", "forces", "movement"}
                assert ref.actor_id or ref.name.startswith(("Military Forces of", "Government of"))


def test_a_suicide_bomber_is_an_armed_group_and_foreign_victims_civilians_of_their_country(
    extractor,
) -> None:  # type: ignore[no-untyped-def]
    event = first(
        extractor, "Two Germans and a Dane were killed when a man blew himself up in Istanbul."
    )
    assert event.sub_event_type == "Suicide bomb"
    assert name(event.actor1) == "Unidentified Armed Group (Turkey)"
    assert name(event.actor2) == "Civilians (Germany)"


@pytest.mark.parametrize(
    ("text", "actor1", "ally", "actor2"),
    [
        (
            "Hundreds of students protested in Beirut against the government, led by the Future "
            "Movement.",
            "Protesters (Lebanon)",
            None,
            None,
        ),
        (
            "Riot police fired tear gas at protesters in Tripoli on Friday.",
            "Protesters (Lebanon)",
            None,
            "Police Forces of Lebanon",
        ),
        (
            "Lebanese soldiers dispersed dozens of Syrian refugees protesting in Arsal.",
            "Protesters (Lebanon)",
            None,
            "Military Forces of Lebanon",
        ),
        (
            "Protesters set fire to tyres and blocked the main road in Tripoli.",
            "Rioters (Lebanon)",
            None,
            None,
        ),
    ],
)
def test_a_crowd_is_actor1_of_its_protest_or_riot(
    extractor, text: str, actor1: str, ally: str | None, actor2: str | None
) -> None:  # type: ignore[no-untyped-def]
    event = first(extractor, text)
    assert event.event_type in ("Protests", "Riots")
    assert name(event.actor1) == actor1
    assert name(event.actor2) == actor2


def test_an_organiser_is_associated_with_the_protesters(extractor) -> None:  # type: ignore[no-untyped-def]
    event = first(
        extractor, "Supporters of Hezbollah demonstrated in the southern suburbs of Beirut."
    )
    assert name(event.actor1) == "Protesters (Lebanon)"
    assert name(event.assoc_actor_1) == "Hezbollah"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Fighters from the ranks of Ahrar al-Sham were killed in clashes near Saraqib.", "Ahrar"),
        ("A suicide bomber affiliated with the Nusra Front blew himself up in Homs.", "Nusra"),
        ("Gunmen of Jaish al-Islam abducted two activists in Douma.", "Jaish al-Islam"),
    ],
)
def test_people_said_to_belong_to_a_group_are_that_group(extractor, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    event = first(extractor, text)
    names = f"{name(event.actor1)} {name(event.actor2)}"
    assert actor1 in names, (text, event.actor1, event.actor2)


def test_a_place_and_a_sentence_prefix_are_never_actors(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "ALEPPO - The village of Kafr Hamra was shelled on Tuesday, killing three civilians."
    for event in exported(extractor, text):
        assert name(event.actor1) is None or "Aleppo" not in name(event.actor1)
        assert name(event.actor2) in (None, "Civilians", "Civilians (Syria)")


@pytest.mark.parametrize(
    ("words", "day", "canonical"),
    [
        ("Nusra Front", date(2015, 3, 1), "Jabhat al-Nusra"),
        ("Fateh al-Sham Front", date(2016, 9, 1), "Jabhat Fateh al-Sham"),
        ("Tahrir al-Sham", date(2018, 1, 1), "Hayat Tahrir al-Sham"),
        ("coalition warplanes", date(2016, 1, 1), "Global Coalition Against Daesh"),
        ("QSD", date(2017, 1, 1), "Syrian Democratic Forces"),
        ("YPJ", date(2017, 1, 1), "YPJ: Women's Protection Units"),
        ("PKK militants", date(2016, 1, 1), "PKK: Kurdistan Workers Party"),
        ("Kurdish Peshmerga forces", date(2016, 1, 1), "Military Forces of Iraq (2014-) Peshmerga"),
        ("TFSA", date(2017, 3, 1), "Syrian National Army"),
        ("barrel bombs", date(2014, 1, 1), "Military Forces of Syria (2000-2024)"),
        ("pro-Assad forces", date(2016, 1, 1), "Military Forces of Syria (2000-2024)"),
        ("Syrian border guards", date(2025, 3, 1), "Military Forces of Syria (2024-)"),
        ("shabiha", date(2013, 1, 1), "Shabiha"),  # GUIDE.md: its own named militia
        ("unidentified warplanes", date(2016, 1, 1), "Unidentified Military Forces"),
        ("clansmen", date(2016, 1, 1), "Unidentified Clan Militia"),
    ],
)
def test_the_wars_vocabulary_resolves_with_its_dates(words: str, day: date, canonical: str) -> None:
    from borderwatch.resolve import Resolver

    resolver = Resolver.for_region(())
    ref = resolver.actors.ref(words, day)
    assert ref.canonical == canonical, (words, day, ref)


@pytest.mark.parametrize(
    ("text", "actor1", "ally", "actor2"),
    [
        # coordinated doers of a one-sided deed: one actor1, the rest associated
        (
            "Hezbollah and the Syrian army launched an offensive on Zabadani.",
            "Hezbollah",
            "Military Forces of Syria (2000-2024)",
            None,
        ),
        # a clash's coordinated subjects are its two sides
        (
            "The army and gunmen clashed near Arsal on Tuesday.",
            "Military Forces of Lebanon",
            None,
            "Unidentified Armed Group (Lebanon)",
        ),
        # territory taken "from" someone: they are the other side
        (
            "The Syrian army regained control of Palmyra from ISIS.",
            "Military Forces of Syria (2000-2024)",
            None,
            "Islamic State (Syria)",
        ),
        # a speaker's possessive deed: the speaker did it
        (
            "The US-led coalition said its strikes killed 30 ISIS fighters near Raqqa.",
            "Global Coalition Against Daesh",
            None,
            "Islamic State (Syria)",
        ),
    ],
)
def test_sides_of_coordinated_and_reported_deeds(
    extractor, text: str, actor1: str, ally: str | None, actor2: str | None
) -> None:  # type: ignore[no-untyped-def]
    event = first(extractor, text)
    assert (name(event.actor1), name(event.assoc_actor_1), name(event.actor2)) == (
        actor1,
        ally,
        actor2,
    )


SYRIA_LABELS = DATA / "syria_actors" / "labels.jsonl"
# Raise these when the figures improve; never lower them (whole Syrian dev set, each sentence
# read on its own; ../shared/tools/actors_syria_dev.py reports both halves through the CLI).
SYRIA_FLOORS = {"found": 0.85, "actor1": 0.57, "actor2": 0.6}


def _words(name: str | None) -> set[str]:
    stop = {"of", "the", "al", "forces", "group", "militia", "and", "a", "an"}
    bare = re.sub(r"\(.*?\)", " ", (name or "").lower())
    return {w for w in re.split(r"[^a-z0-9]+", bare) if w and w not in stop}


def _same(pred: str | None, gold: str) -> bool:
    p, g = _words(pred), _words(gold)
    return bool(p and g) and len(p & g) / len(p | g) >= 0.5


@pytest.mark.skipif(not SYRIA_LABELS.is_file(), reason="../shared/data/syria_actors not present")
def test_syrian_dev_sentences_meet_the_actor_floors(extractor) -> None:  # type: ignore[no-untyped-def]
    rows = [json.loads(line) for line in SYRIA_LABELS.open(encoding="utf-8") if line.strip()]
    n: Counter[str] = Counter()
    for row in (r for r in rows if r["event"]):
        found = exported(extractor, row["text"], date(2016, 6, 1))
        n["events"] += 1
        n["found"] += bool(found)
        for field in ("actor1", "actor2"):
            if row[field]:
                n[f"{field}_coded"] += 1
                n[field] += any(_same(name(getattr(m, field)), row[field]) for m in found)
    figures = {
        "found": n["found"] / n["events"],
        "actor1": n["actor1"] / n["actor1_coded"],
        "actor2": n["actor2"] / n["actor2_coded"],
    }
    for key, floor in SYRIA_FLOORS.items():
        assert figures[key] >= floor, (key, figures)
