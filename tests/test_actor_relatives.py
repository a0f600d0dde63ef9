"""Actors named away from the deed's own subject or object, on invented sentences: a relative
pronoun stands for the noun it refers back to ("Hezbollah, which fought ..."), a passive verb
of saying hands its subject to the deed ("were said to have been killed by ..."), a relative
clause that only carries a deed noun names its doer ("the offensive, which the army
launched"), "with" after a noun of fighting names a country as the other side ("a war
with Israel", never "the border with Syria"), and a side joined to the doer by "along with" or
"alongside" is its associate."""

from __future__ import annotations

import pytest

from .extracting import extract


def _sides(extractor, text: str, trigger: str) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    """The ACLED names of actor1 and actor2 of the mention whose trigger is ``trigger``."""
    mention = next(m for m in extract(extractor, text) if m.trigger.text == trigger)
    names = (r.canonical if r is not None else None for r in (mention.actor1, mention.actor2))
    return tuple(names)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("text", "trigger", "actor1"),
    [
        # a relative pronoun subject of the deed: the noun it refers back to acted
        (
            "The Amal Movement, which abducted two Syrian workers near Tyre on Sunday, released "
            "them on Monday.",
            "abducted",
            "Amal Movement",
        ),
        (
            "Villagers said the gunmen who kidnapped the shepherd belonged to a local clan.",
            "kidnapped",
            "Unidentified Armed Group",
        ),
        (
            "Government troops clashed with fighters from the Free Syrian Army, who had "
            "attacked a checkpoint.",
            "attacked",
            "Free Syrian Army",
        ),
        # a relative pronoun subject of the verb that carries a deed noun
        (
            "The Hezbollah fighters who carried out the raid returned to their bases.",
            "raid",
            "Hezbollah",
        ),
        # a relative clause that only carries the deed noun: its subject did the deed
        (
            "The offensive, which the army launched in May, drove the Nusra Front out of the "
            "hills.",
            "offensive",
            "Military Forces of Syria",
        ),
    ],
)
def test_a_relative_clause_names_the_doer(extractor, text: str, trigger: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    found, _ = _sides(extractor, text, trigger)
    assert found is not None and found.startswith(actor1), (text, found)


def test_a_relative_pronoun_as_the_passive_subject_is_the_target(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Two shepherds who were abducted by the Nusra Front near Arsal were freed on Monday."
    mention = next(m for m in extract(extractor, text) if m.trigger.text == "abducted")
    assert mention.actor1 is not None and mention.actor1.canonical == "Jabhat al-Nusra"
    # the words the victims were named by stand beside their ACLED name
    assert mention.actor2 is not None and mention.actor2.text == "shepherds"


def test_a_place_a_relative_pronoun_stands_for_is_never_the_target(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Qusayr, which was shelled by government forces on Monday, lost power."
    actor1, actor2 = _sides(extractor, text, "shelled")
    assert actor1 is not None and actor1.startswith("Military Forces of Syria")
    assert actor2 is None


@pytest.mark.parametrize(
    ("text", "trigger", "sides"),
    [
        (
            "Two soldiers were said to have been killed by Hezbollah fighters near the border.",
            "killed",
            ("Hezbollah", "Military Forces of Lebanon"),
        ),
        (
            "Three policemen were believed to have been abducted by the Nusra Front in Arsal.",
            "abducted",
            ("Jabhat al-Nusra", "Police Forces of Lebanon"),
        ),
    ],
)
def test_a_passive_verb_of_saying_hands_its_subject_to_the_deed(  # type: ignore[no-untyped-def]
    extractor, text: str, trigger: str, sides: tuple[str, str]
) -> None:
    actor1, actor2 = _sides(extractor, text, trigger)
    assert actor1 is not None and actor1.startswith(sides[0]), (text, actor1)
    assert actor2 is not None and actor2.startswith(sides[1]), (text, actor2)


def test_with_after_a_war_names_the_other_side(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Hezbollah, which fought a war with Israel in 2006, sent fighters to Syria."
    assert _sides(extractor, text, "fought") == ("Hezbollah", "Military Forces of Israel")


def test_the_border_with_a_country_is_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Hezbollah fighters clashed with smugglers near the border with Syria on Monday."
    _, actor2 = _sides(extractor, text, "clashed")
    assert actor2 is None or "Syria" not in actor2.split(" (")[0]


@pytest.mark.parametrize(
    ("text", "trigger", "actor1", "ally"),
    [
        (
            "The Lebanese army, along with Hezbollah fighters, attacked Nusra Front positions "
            "near Arsal.",
            "attacked",
            "Military Forces of Lebanon",
            "Hezbollah",
        ),
        (
            "Hezbollah fighters, alongside Syrian troops, stormed the town of Qusayr.",
            "stormed",
            "Hezbollah",
            "Military Forces of Syria",
        ),
    ],
)
def test_a_side_joined_to_the_doer_by_with_is_its_associate(  # type: ignore[no-untyped-def]
    extractor, text: str, trigger: str, actor1: str, ally: str
) -> None:
    mention = next(m for m in extract(extractor, text) if m.trigger.text == trigger)
    assert mention.actor1 is not None and mention.actor1.canonical.startswith(actor1)
    assert mention.assoc_actor_1 is not None and mention.assoc_actor_1.canonical.startswith(ally)
    assert mention.actor2 is None or not mention.actor2.canonical.startswith(ally)


def test_with_after_a_clash_is_still_the_enemy(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The army clashed with Nusra Front militants near Arsal on Monday."
    mention = next(m for m in extract(extractor, text) if m.trigger.text == "clashed")
    assert mention.actor2 is not None and mention.actor2.canonical == "Jabhat al-Nusra"
    assert mention.assoc_actor_1 is None


def test_the_doer_of_a_relative_clause_is_never_also_the_target(extractor) -> None:  # type: ignore[no-untyped-def]
    # the men did the attack of the relative clause; the detention is done to them
    text = (
        'Police said in a statement that five men "who attacked officers and burned tyres" '
        "had been detained and that an inquiry was under way."
    )
    mention = next(m for m in extract(extractor, text) if m.trigger.text == "detained")
    assert mention.actor2 is not None and mention.actor2.text == "men"
    assert mention.actor1 is not None and mention.actor1.text == "Police"
    assert mention.sub_event_type == "Arrests"
