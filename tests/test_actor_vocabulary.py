"""Names of this war's actors that English news writes several ways, and the owner of what is
named by the thing it flies or the place it hits.  Invented sentences of ordinary Syrian,
Iraqi and Iranian war reporting (issue #22, items 2 and 3)."""

from __future__ import annotations

import pytest

from .extracting import exported


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


def _found(extractor, text: str) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(_name(m.actor1), _name(m.actor2)) for m in exported(extractor, text)]


# (sentence, actor1, actor2); None: not checked
OWNED = [
    # a nationality before any word of the aircraft's name says whose they were
    (
        "Russian fighter jets pounded opposition positions near Saraqeb on Thursday.",
        "Military Forces of Russia",
        None,
    ),
    (
        "Turkish military helicopters hit PKK hideouts near Semdinli on Friday.",
        "Military Forces of Turkey",
        "PKK: Kurdistan Workers Party",
    ),
    # the unnamed Kurdish police of northern Syria are the Asayish
    (
        "Kurdish security forces detained twelve young men in Amuda on Tuesday.",
        "Asayish",
        None,
    ),
    # another English rendering of the YPG's name
    (
        "Fighters of the Popular Protection Units repelled an IS attack on a village near "
        "Ras al-Ain.",
        "Islamic State (Syria)",
        "People's Protection Units",
    ),
    # the singular "Revolutionary Guard" is Iran's IRGC; PJAK the Kurdish insurgents in Iran
    (
        "Two Revolutionary Guard members were killed in a clash with PJAK near Marivan.",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), OWNED)
def test_actors_named_by_their_words(extractor, text, actor1, actor2) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert any(
        (actor1 is None or a1 == actor1) and (actor2 is None or a2 == actor2) for a1, a2 in found
    ), found


def test_revolutionary_guard_and_pjak_are_both_sides(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Two Revolutionary Guard members were killed in a clash with PJAK near Marivan."
    sides = {name for pair in _found(extractor, text) for name in pair}
    assert {"Iranian Revolutionary Guard Corps", "PJAK: Free Life Party of Kurdistan"} <= sides


def test_kurdish_police_outside_syria_get_no_syrian_name(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Kurdish security forces detained twelve young men in Erbil on Tuesday."
    assert all(a1 != "Asayish" for a1, _ in _found(extractor, text))


def test_unowned_aircraft_stay_unidentified(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Unidentified warplanes struck a market in Maarat al-Numan on Monday, killing six."
    assert ("Unidentified Military Forces", "Civilians (Syria)") in _found(extractor, text)


def test_a_town_attacked_is_no_victim(extractor) -> None:  # type: ignore[no-untyped-def]
    # the model takes two-word village names for people; a gazetteer town after "attack on" is
    # where it happened, never a civilian
    text = "The YPG repelled an Islamic State attack on Tal Tamr on Saturday."
    found = _found(extractor, text)
    assert ("Islamic State (Syria)", "People's Protection Units") in found, found


# (sentence, the side whose dead the sentence counts)
MEMBERS = [
    # a describing word marked apart from its head keeps the head's "of" phrase
    (
        "Around 30 militant fighters of the Islamic State were killed in Peshmerga attacks "
        "near Sinjar.",
        "Islamic State (Iraq)",
    ),
    # a group the base does not know is named by what its members are
    (
        "Nine rebel fighters of the Jaish al-Nukhba were killed in the clashes near al-Bab.",
        "Rebels (Syria)",
    ),
]


@pytest.mark.parametrize(("text", "dead"), MEMBERS)
def test_the_dead_are_named_by_their_group(extractor, text, dead) -> None:  # type: ignore[no-untyped-def]
    assert any(a2 == dead for _, a2 in _found(extractor, text)), _found(extractor, text)


def test_coalition_forces_in_this_war_are_the_global_coalition(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "An IS emir was killed in a raid by coalition forces near Hajin on Tuesday."
    found = _found(extractor, text)
    assert any(a1 == "Global Coalition Against Daesh" for a1, _ in found), found


def test_fighters_for_the_government_are_its_forces(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fifteen pro-government fighters were killed in clashes with Ahrar al-Sham near "
        "Jisr al-Shughour."
    )
    found = _found(extractor, text)
    assert any("Military Forces of Syria" in (a1 or "") for a1, _ in found), found


def test_a_relative_clause_of_killing_tells_the_attacks_toll(extractor) -> None:  # type: ignore[no-untyped-def]
    # "which" hangs on the town in the parse; the town killed nobody: the strikes did
    text = (
        "Activists denounced regime air strikes on the town of Kafr Zita, which killed eleven "
        "civilians."
    )
    found = _found(extractor, text)
    assert found == [("Military Forces of Syria (2000-2024)", "Civilians (Syria)")], found


# (sentence, actor1): a body named with another state's nationality, and a speaker whose own
# aircraft or forces did the deed
SPEAKERS = [
    (
        "The Russian Defence Ministry said its warplanes destroyed 30 militant targets near "
        "Jisr al-Shughour.",
        "Military Forces of Russia",
    ),
    (
        "The coalition said its jets destroyed an IS weapons depot near Albu Kamal on Sunday.",
        "Global Coalition Against Daesh",
    ),
    (
        "The Syrian Defence Ministry said its troops recaptured the village of Tal Salmo.",
        "Military Forces of Syria (2000-2024)",
    ),
]


@pytest.mark.parametrize(("text", "actor1"), SPEAKERS)
def test_a_speaker_whose_force_acted(extractor, text, actor1) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert any(a1 == actor1 for a1, _ in found), found


def test_another_states_ministry_is_not_ours(extractor) -> None:  # type: ignore[no-untyped-def]
    ref = extractor.builder.actors.resolver.actors.ref("Turkish Interior Ministry")
    assert ref.country in (None, "TR"), ref


def test_the_holder_of_a_place_attacked_is_not_the_attacker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Doctors said 14 people were killed in renewed attacks on the rebel-held district."
    assert all(a1 != "Rebels (Syria)" and a1 != "Rebels" for a1, _ in _found(extractor, text))


# A named side is never its own target: the dead it lost are its, and nobody is made up as
# their killer; a doer named twice loses the second naming, not the first
NAMED_TWICE = [
    (
        "The Nusra Front finance chief Abu Khaled was also killed in Tuesday's clashes.",
        None,
        "Jabhat al-Nusra",
    ),
    (
        "At least 12 Hezbollah fighters were killed and four Hezbollah vehicles destroyed in "
        "the fighting.",
        None,
        "Hezbollah",
    ),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), NAMED_TWICE)
def test_a_side_named_twice_is_one_side(extractor, text, actor1, actor2) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert (actor1, actor2) in found, found


def _found_on(extractor, text: str, published: str) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    from datetime import date

    from borderwatch.clean import content_key
    from borderwatch.model import Article

    article = Article(
        doc_key=content_key(text), source="t", text=text, published=date.fromisoformat(published)
    )
    return [(_name(m.actor1), _name(m.actor2)) for m in extractor.extract(article)]


@pytest.mark.parametrize(
    ("published", "branch"),
    [("2014-05-10", "Jabhat al-Nusra"), ("2019-05-10", "Hurras al-Din"), ("2017-05-10", None)],
)
def test_al_qaeda_in_syria_is_its_branch_of_the_day(extractor, published, branch) -> None:  # type: ignore[no-untyped-def]
    text = "Al-Qaeda militants attacked army positions near the town of Morek in Hama."
    doers = {a1 for a1, _ in _found_on(extractor, text, published)}
    assert (branch or "al-Qaeda") in doers, doers


def test_a_hyphened_affiliation_names_the_group(extractor) -> None:  # type: ignore[no-untyped-def]
    # the militants are the group's, never a side against it
    text = "Al-Qaeda-linked militants stormed a village near Morek in Hama on Monday."
    found = _found(extractor, text)
    assert found and all(a2 != "Rebels (Syria)" for _, a2 in found), found


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # a commander of a unit the base does not know is a fighter of the opposition
        (
            "Khaled Omar, the commander of Liwa al-Fath, was killed by unknown gunmen in "
            "Daraa on Sunday.",
            "Rebels (Syria)",
        ),
        # the head of a body whose name says no arms stays a civilian
        (
            "Omar Khaled, the head of the Kurdish National Council, was shot dead by gunmen in "
            "Amuda on Sunday.",
            "Civilians (Syria)",
        ),
    ],
)
def test_a_person_serving_in_an_armed_unit_is_no_civilian(extractor, text, dead) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert any(a2 == dead for _, a2 in found), found


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Two car bombs, claimed by Da'esh, killed 20 people in Sadr City on Friday.",
            "Islamic State (Iraq)",
        ),
        (
            "The Counter-Daesh Coalition carried out nine airstrikes near Ramadi on Tuesday.",
            "Global Coalition Against Daesh",
        ),
    ],
)
def test_other_spellings_of_the_war_s_names(extractor, text, actor1) -> None:  # type: ignore[no-untyped-def]
    found = _found(extractor, text)
    assert any(a1 == actor1 for a1, _ in found), found


def test_they_of_coordinated_speakers_is_the_first(extractor) -> None:  # type: ignore[no-untyped-def]
    # "they" are both speakers, even where the parse makes the first the report's source;
    # ACLED names the first as the doer
    text = "The SDF and the Sanadid Forces said they captured the village of Tal Hamis from IS."
    found = _found(extractor, text)
    assert any(a1 == "Syrian Democratic Forces" for a1, _ in found), found


def test_a_states_officer_is_its_forces(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "A Russian colonel was killed by rebel shelling near Palmyra on Thursday."
    found = _found(extractor, text)
    assert any(a2 == "Military Forces of Russia" for _, a2 in found), found


@pytest.mark.parametrize(
    ("published", "actor1"),
    [("2016-10-01", "Rebels (Syria)"), ("2019-10-15", "Syrian National Army")],
)
def test_turkish_backed_rebels_before_and_after_the_sna(extractor, published, actor1) -> None:  # type: ignore[no-untyped-def]
    # the SNA was formed on 30 December 2017; before, ACLED names them unnamed rebels, and
    # the state backing them is never their nationality ("Rebels (Turkey)")
    text = "Turkish-backed rebels clashed with the SDF near the town of Tel Rifaat."
    doers = {a1 for a1, _ in _found_on(extractor, text, published)}
    assert actor1 in doers, doers


def test_militias_iran_backs_fight_for_the_government(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Iranian-backed militias shelled rebel positions near Khan Tuman on Friday."
    found = _found(extractor, text)
    assert any(a1 == "Pro-Government Militia (Syria)" for a1, _ in found), found
