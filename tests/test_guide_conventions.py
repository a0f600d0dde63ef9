"""Tolls the way the coding guide reads them (../shared/data/syria_actors/GUIDE.md: "the number
killed in this event as the sentence states it"): victims joined by "and" are one toll, and a
number the parser hangs on a name before its noun ("Seven Hezbollah fighters") still counts the
noun.  Invented sentences."""

from __future__ import annotations

import pytest

from .extracting import exported


def _killed(extractor, text: str) -> set[int | None]:  # type: ignore[no-untyped-def]
    return {m.counts.get("killed") for m in exported(extractor, text)}


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Army shelling killed four men and two boys in the town of Kafr Zita on Monday.", 6),
        ("A sniper shot dead a shepherd and his brother near Tal Hamis on Monday.", 2),
        (
            "An air strike killed a farmer, his wife and their daughter in the town of Maarat "
            "Misrin on Monday, activists said.",
            3,
        ),
    ],
)
def test_victims_joined_by_and_are_one_toll(extractor, text: str, killed: int) -> None:  # type: ignore[no-untyped-def]
    assert killed in _killed(extractor, text)


def test_including_is_not_added(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Rebel rockets killed ten people, including three children, in Aleppo on Monday."
    assert 10 in _killed(extractor, text)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Three Peshmerga soldiers died in a mortar attack near Sinjar on Monday.", 3),
        ("Nine YPG fighters were killed in an attack near Kobani on Monday.", 9),
    ],
)
def test_a_number_before_a_name_counts_its_noun(extractor, text: str, killed: int) -> None:  # type: ignore[no-untyped-def]
    assert killed in _killed(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Several civilians were killed when artillery shells hit a bakery in the town of "
        "Kafranbel on Monday.",
        "Several farmers were killed when a landmine exploded near the village of Tal Rifaat "
        "on Sunday, a monitor said.",
    ],
)
def test_a_quantity_word_counts_the_victims(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    """ "Several civilians": the word counts them (by the lexicon's vague numbers), and the
    victims are still the civilians."""
    found = [
        (m.actor2.canonical if m.actor2 else None, m.counts) for m in exported(extractor, text)
    ]
    assert any(a2 == "Civilians (Syria)" and "killed" in c for a2, c in found), found


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "Gunmen loyal to the regime shot dead four mourners at a funeral in the town of "
            "Tallbiseh on Friday, activists said.",
            "Pro-Government Militia (Syria)",
        ),
        (
            "Militiamen loyal to the government stormed the village of Aqrab on Monday, killing "
            "ten residents.",
            "Pro-Government Militia (Syria)",
        ),
        (
            "Gunmen loyal to Islamic State executed six shepherds near the town of Sukhnah on "
            "Monday.",
            "Islamic State",
        ),
    ],
)
def test_irregulars_loyal_to_a_government_are_a_pro_government_militia(
    extractor, text: str, doer: str
) -> None:  # type: ignore[no-untyped-def]
    """The coding guide's convention: unnamed militias fighting for a government are
    Pro-Government Militia, not its forces; those loyal to a group are that group."""
    found = [m.actor1.canonical if m.actor1 else "" for m in exported(extractor, text)]
    assert any(a1.startswith(doer) for a1 in found), found  # the group's country is the place's


def test_forces_loyal_to_a_president_stay_his_forces(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Forces loyal to President Bashar al-Assad shelled the town of Douma on Monday."
    found = [m.actor1.canonical if m.actor1 else None for m in exported(extractor, text)]
    assert "Military Forces of Syria (2000-2024)" in found, found


def test_shabiha_is_its_own_actor(extractor) -> None:  # type: ignore[no-untyped-def]
    """GUIDE.md names Shabiha beside NDF and Liwa al Quds as a militia of its own name."""
    text = "Shabiha militiamen beat and shot dead two students in the town of Baniyas on Friday."
    found = [m.actor1.canonical if m.actor1 else None for m in exported(extractor, text)]
    assert "Shabiha" in found, found


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb hit a police car in the town of Tal Abyad on Sunday, but no one was "
        "killed, a local official said.",
        "No civilians were killed in the shelling of the town of Mayadin on Sunday, a monitor "
        "said.",
        "A grenade was thrown at an army post near Jisr al-Shughour on Sunday, but no one died.",
    ],
)
def test_none_died_is_a_toll_of_zero(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    """GUIDE.md: fatalities 0 when the sentence says none died ("no one" is none, not one)."""
    assert 0 in _killed(extractor, text), _killed(extractor, text)
    assert 1 not in _killed(extractor, text)


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "Five shepherds were killed on Tuesday in an air strike near the village of Tell "
            "Rifaat, which a monitor blamed on Russian aircraft.",
            "Military Forces of Russia",
        ),
        (
            "At least eight people were killed in air strikes on the town of Kafr Nabl on "
            "Tuesday that residents blamed on government warplanes.",
            "Military Forces of Syria (2000-2024)",
        ),
    ],
)
def test_a_deed_blamed_on_someone_is_theirs(extractor, text: str, doer: str) -> None:  # type: ignore[no-untyped-def]
    """ACLED codes the actor the report attributes an unnamed doer's deed to."""
    found = [m.actor1.canonical if m.actor1 else "" for m in exported(extractor, text)]
    assert any(a1.startswith(doer) for a1 in found), found


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "Iraqi counter-terrorism forces killed 25 jihadists in Tal Afar on Tuesday, "
            "a commander said.",
            "Military Forces of Iraq (2014-)",
        ),
        (
            "Syrian special forces stormed a rebel position near the town of Kessab on Tuesday, "
            "state media said.",
            "Military Forces of Syria (2000-2024)",
        ),
    ],
)
def test_a_states_forces_with_a_descriptor_are_its_military(
    extractor, text: str, doer: str
) -> None:  # type: ignore[no-untyped-def]
    found = [m.actor1.canonical if m.actor1 else "" for m in exported(extractor, text)]
    assert doer in found, found


def test_forces_of_a_side_stay_that_side(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian opposition forces shelled the town of Nubl on Tuesday, state media said."
    found = [m.actor1.canonical if m.actor1 else "" for m in exported(extractor, text)]
    assert "Military Forces of Syria (2000-2024)" not in found, found


def test_who_laid_what_the_victims_hit_killed_them(extractor) -> None:  # type: ignore[no-untyped-def]
    """GUIDE.md: actor1 when the sentence names the attacker; "a mine planted by X" names X."""
    text = (
        "Four soldiers were killed on Monday when their truck hit a mine planted by Islamic "
        "State near the town of Sukhnah, a military source said."
    )
    found = [m.actor1.canonical if m.actor1 else "" for m in exported(extractor, text)]
    assert any(a1.startswith("Islamic State") for a1 in found), found
