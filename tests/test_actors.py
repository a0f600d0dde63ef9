"""Who did what to whom: each actor construction on sentences written for these tests, ACLED's
actor conventions, time-bounded names, and the class of an actor (never a place, a time or a
fragment) measured on the dev sets."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.clean import content_key
from borderwatch.evaluate_actors import read_plover_gsr, score_re3d, score_sentences
from borderwatch.model import ActorRef, Article, Mention

from .conftest import DATA

PUBLISHED = date(2016, 5, 20)


def events(extractor, text: str, published: date = PUBLISHED) -> list[Mention]:  # type: ignore[no-untyped-def]
    article = Article(doc_key=content_key(text), source="t.txt", text=text, published=published)
    return extractor.extract(article)


def name(actor: ActorRef | None) -> str | None:
    return actor.canonical if actor else None


def first(extractor, text: str, published: date = PUBLISHED) -> Mention:  # type: ignore[no-untyped-def]
    found = events(extractor, text, published)
    assert found, text
    return found[0]


def test_subject_acts_and_object_is_acted_on(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Gunmen kidnapped a farmer near Hermel on Monday.")
    assert name(m.actor1) == "Unidentified Armed Group (Lebanon)"
    assert name(m.actor2) == "Civilians (Lebanon)"


def test_between_a_and_b(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(
        extractor, "Clashes took place between regime forces and opposition factions near Idlib."
    )
    assert name(m.actor1) == "Military Forces of Syria (2000-2024)"
    assert name(m.actor2) == "Rebels (Syria)"


def test_a_against_b(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Hezbollah launched an offensive against the Nusra Front near Arsal.")
    assert (name(m.actor1), name(m.actor2)) == ("Hezbollah", "Jabhat al-Nusra")


def test_second_of_coordinated_attackers_is_an_associate(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Turkish troops and Syrian rebels shelled a village near Afrin.")
    assert name(m.actor1) == "Military Forces of Turkey"
    assert name(m.assoc_actor_1) == "Rebels (Syria)"


def test_coordinated_parties_of_an_agreement_are_both_sides(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Lebanon and Syria signed an agreement on border security in Beirut.")
    assert m.sub_event_type == "Agreement"
    assert {name(m.actor1), name(m.actor2)} == {
        "Government of Lebanon",
        "Government of Syria (2000-2024)",
    }


def test_passive_agent_acts(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "A market in Douma was shelled by Syrian government forces on Tuesday.")
    assert name(m.actor1) == "Military Forces of Syria (2000-2024)"


def test_nominal_possessive_and_of(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "The Syrian army's shelling of Douma killed five civilians.")
    assert name(m.actor1) == "Military Forces of Syria (2000-2024)"
    assert name(m.actor2) == "Civilians (Syria)"


def test_nominal_attack_by_on(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(
        extractor,
        "An attack by Islamic State militants on an army post near Arsal killed a soldier.",
    )
    assert name(m.actor1) == "Islamic State (Lebanon)"
    assert name(m.actor2) == "Military Forces of Lebanon"


def test_apposition_names_the_same_actor_not_an_ally(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(
        extractor,
        "Hezbollah, the Iran-backed Shiite group, attacked Nusra Front positions near Arsal.",
    )
    assert name(m.actor1) == "Hezbollah"
    assert m.assoc_actor_1 is None


def test_backed_by_is_an_associated_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Rebels backed by Turkey attacked Kurdish fighters near Afrin.")
    assert name(m.actor1) == "Rebels (Syria)"
    assert name(m.assoc_actor_1) == "Military Forces of Turkey"


def test_under_an_operation_is_an_associated_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Syrian rebels under Turkish command shelled a village near Manbij.")
    assert name(m.actor1) == "Rebels (Syria)"


def test_pronoun_subject_is_the_last_named_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Islamic State militants attacked an army checkpoint near Arsal on Monday. "
        "On Tuesday they shelled the town of Ras Baalbek."
    )
    found = events(extractor, text)
    assert len(found) == 2
    assert name(found[1].actor1) == "Islamic State (Lebanon)"


def test_members_of_a_group_are_the_group(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Members of Hezbollah clashed with gunmen near Hermel.")
    assert name(m.actor1) == "Hezbollah"


def test_subject_shared_by_a_coordinated_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    m = [
        e
        for e in events(extractor, "The army raided a camp near Arsal and arrested ten men.")
        if e.sub_event_type == "Arrests"
    ]
    assert m and name(m[0].actor1) == "Military Forces of Lebanon"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2017, 7, 21), "Military Forces of Syria (2000-2024)"),
        (date(2025, 7, 21), "Military Forces of Syria (2024-)"),
    ],
)
def test_actor_resolved_at_the_event_date(extractor, published: date, expected: str) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Syrian forces shelled the outskirts of Zabadani on Friday.", published)
    assert name(m.actor1) == expected


def test_unnamed_troops_are_the_countrys_forces(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Troops arrested three smugglers at the Masnaa crossing on Monday.")
    assert name(m.actor1) == "Military Forces of Lebanon"
    assert m.actor1 is not None and m.actor1.inter == 1


def test_nationality_names_the_forces_country(extractor) -> None:  # type: ignore[no-untyped-def]
    m = first(extractor, "Iraqi government forces clashed with Islamic State near Mosul.")
    assert name(m.actor1) == "Military Forces of Iraq (2014-)"


SENTENCES_WITH_PLACES_AND_TIMES = [
    "Fighting erupted in Kafr Nabl on Monday between the army and rebels.",
    "Sarmin was shelled by government forces on Tuesday.",
    "In Qusayr, gunmen attacked a checkpoint last week.",
    "Clashes broke out near Arsal at dawn on Friday.",
    "Residents of Hermel said gunmen kidnapped a trader in Baalbek in March.",
    "The attack on Ras Baalbek in 2017 killed four soldiers.",
]


@pytest.mark.parametrize("text", SENTENCES_WITH_PLACES_AND_TIMES)
def test_places_and_times_are_never_actors(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    places = {"kafr nabl", "sarmin", "qusayr", "arsal", "hermel", "baalbek", "ras baalbek"}
    for m in events(extractor, text):
        for actor in (m.actor1, m.actor2, m.assoc_actor_1, m.assoc_actor_2):
            if actor is not None:
                assert actor.text.lower() not in places, (text, actor)
                assert not any(ch.isdigit() for ch in actor.text), (text, actor)
                assert actor.text.split()[-1].lower() not in ("in", "on", "at", "of"), actor


RE3D = DATA / "re3d"
PLOVER = DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
# Floors measured on the dev sets (bench/actors_dev.py); raise them when the figures improve.
# (re3d actor1 was 0.206 while "State forces (unidentified)" counted as naming "The Islamic
# State" by the shared word "state"; scored right it is 0.176.)
RE3D_FLOORS = {"actor1_of_found": 0.17, "actor2_of_found": 0.27}
PLOVER_FLOORS = {"actor1_of_found": 0.33, "actor2_of_found": 0.19}


@pytest.mark.skipif(not RE3D.is_dir(), reason="../shared/data not present")
def test_re3d_actors_are_never_what_coders_marked_a_place_or_time(extractor) -> None:  # type: ignore[no-untyped-def]
    scores = score_re3d(extractor, RE3D)
    # a country standing for its state is an actor even where re3d marks it a location
    towns = [e for e in scores.class_errors if "Turkey" not in e and "Syria" not in e]
    assert len(towns) <= 1, towns
    figures = scores.figures()
    for key, floor in RE3D_FLOORS.items():
        assert (figures[key] or 0) >= floor, (key, figures)


@pytest.mark.skipif(not PLOVER.is_file(), reason="../shared/data not present")
def test_plover_gsr_actor_accuracy_floors(extractor) -> None:  # type: ignore[no-untyped-def]
    figures = score_sentences(extractor, list(read_plover_gsr(PLOVER))).figures()
    for key, floor in PLOVER_FLOORS.items():
        assert (figures[key] or 0) >= floor, (key, figures)


def test_agreement_announced_by_two_named_presidents(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lebanese President Joseph Aoun and his Syrian counterpart Ahmad al-Sharaa signed an "
        "agreement in Jeddah on Friday."
    )
    m = first(extractor, text, date(2025, 3, 28))
    assert m.sub_event_type == "Agreement"
    # ACLED's actors are organisations: each president acts for the body he heads that day
    assert {name(m.actor1), name(m.actor2)} == {
        "Lebanese Presidency",
        "Government of Syria (2024-)",
    }


def test_a_name_of_one_period_finds_the_same_bodys_entry_of_another() -> None:
    from borderwatch.resolve import Resolver

    actors = Resolver.for_region(()).actors
    # "Syrian forces" is listed only under the post-2024 army
    assert actors.ref("Syrian forces", date(2017, 7, 21)).canonical == (
        "Military Forces of Syria (2000-2024)"
    )
    assert actors.ref("Syrian forces", date(2025, 7, 21)).canonical == (
        "Military Forces of Syria (2024-)"
    )


@pytest.mark.parametrize(
    ("text", "country", "expected", "inter"),
    [
        ("protesters", "LB", "Protesters (Lebanon)", 6),
        ("rioters", "SY", "Rioters (Syria)", 5),
        ("civilians", "SY", "Civilians (Syria)", 7),
        ("gunmen", "SY", "Unidentified Armed Group (Syria)", 3),
        ("riot police", "SY", "Police Forces of Syria (2000-2024)", 1),
        (
            "riot police",
            "LB",
            "Police Forces of Lebanon",
            1,
        ),  # not in the base: named as ACLED does
        ("troops", "IQ", "Military Forces of Iraq (2014-)", 1),  # the entry of the period
        ("Hezbollah", "SY", "Hezbollah", 3),  # named actors keep their name
    ],
)
def test_acled_names_generic_actors_with_the_events_country(
    text: str, country: str, expected: str, inter: int
) -> None:
    from borderwatch.resolve import Resolver

    actors = Resolver.for_region(()).actors
    ref = actors.localise(actors.ref(text, date(2016, 5, 1)), country, date(2016, 5, 1))
    assert (ref.canonical, ref.inter) == (expected, inter)
