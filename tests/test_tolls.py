"""Tolls added up the way the coding guide reads them ("the number killed in this event as the
sentence states it", ../shared/data/syria_actors/GUIDE.md): those killed along with a victim
are counted with him, a singular conjunct of a counted noun is one more, an ordinal or an age
is no number of victims, and "several" / "many" are ACLED's default of 10.  Invented
sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from borderwatch.extract.counts import find_counts

from .extracting import exported, extract


def _killed(extractor, text: str) -> set[int | None]:  # type: ignore[no-untyped-def]
    return {m.counts.get("killed") for m in exported(extractor, text)}


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "A rebel commander was killed along with four of his bodyguards in an air strike "
            "near Idlib on Monday.",
            5,
        ),
        (
            "The group's local emir was killed along with eight other fighters during clashes "
            "with the army near Palmyra on Sunday.",
            9,
        ),
        (
            "The commander was killed along with more than 30 other fighters in an air strike "
            "on Sunday.",
            31,
        ),
        (
            "The police chief was killed together with two of his aides in a bombing in Homs "
            "on Monday.",
            3,
        ),
    ],
)
def test_killed_along_with_others_counts_the_victim_too(extractor, text: str, killed: int) -> None:  # type: ignore[no-untyped-def]
    assert killed in _killed(extractor, text)


def test_a_singular_conjunct_of_a_counted_noun_is_one_more(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Four Kurds and an Iranian were killed when a bomb exploded in a market in Erbil on Monday."
    )
    assert 5 in _killed(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ahmad Khalil, 34, was killed by a sniper in the town of Daraya on Monday.",
        "A second Turkish soldier was killed on Monday in a rocket attack on a base near Bashiqa.",
    ],
)
def test_an_age_or_an_ordinal_is_no_number_of_victims(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert 1 in _killed(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "A great number of civilians were killed when warplanes struck the market in Douma on "
        "Monday.",
        "Government forces killed a large number of militants in an ambush near Hama on Monday.",
    ],
)
def test_a_large_number_is_many(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert 10 in _killed(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Many soldiers were killed in an ambush by rebels near Hama on Monday.",
        "Several policemen were killed when a suicide bomber struck a checkpoint near Homs on "
        "Monday.",
    ],
)
def test_several_and_many_are_acleds_default_of_ten(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert 10 in _killed(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "A farmer was stabbed with a knife by two attackers near Arsal on Monday.",
        "An air strike killed 20 people, including three children, in the town of Ariha on Monday.",
    ],
)
def test_no_company_without_along_or_together(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    """ "with a knife" is the means, "including" a part: neither adds victims."""
    found = _killed(extractor, text)
    assert not found - {None, 1, 20}, found


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "At least ten soldiers were killed, while five rebels were reported dead in clashes "
            "near Hama on Monday.",
            15,
        ),
        ("Four soldiers were killed and two policemen died in an attack near Homs on Monday.", 6),
    ],
)
def test_tolls_of_coordinated_clauses_are_added(extractor, text: str, killed: int) -> None:  # type: ignore[no-untyped-def]
    assert killed in _killed(extractor, text)


def test_a_clause_reported_with_its_own_that_is_not_added(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "said X had been killed, and that Y died when a shell struck": two reported facts, the
    shell's toll is its own (the guard of the rule above)."""
    text = (
        "A police officer said one smuggler had been killed, and that a farmer died when a "
        "rocket struck his orchard near the village of Jousieh on Monday."
    )
    found = [m.counts.get("killed") for m in exported(extractor, text)]
    assert 2 not in found, found


def test_things_destroyed_in_a_coordinated_clause_are_no_dead(extractor) -> None:  # type: ignore[no-untyped-def]
    """The guard of the rule above: only counts of people are added."""
    text = (
        "At least 12 fighters were killed and four trucks were destroyed in an air strike "
        "near Raqqa on Monday."
    )
    assert 12 in _killed(extractor, text)


def test_what_a_victim_did_in_a_relative_clause_does_not_count_him(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "X, who left Texas to join the YPG, was killed": the verb he is the subject of says what
    befell him, not what he did ("left" is no leaving counted)."""
    text = (
        "Florida Jackson, who left Texas in 2015 to join the YPG and fight IS, was killed "
        "during the battle for the town of Tabqa on Monday."
    )
    assert 1 in {m.counts.get("killed") for m in extract(extractor, text)}


@pytest.mark.parametrize(
    ("words", "heads", "deps", "tags", "lemmas"),
    [
        (  # "Jordan Blake, who fought, was killed." (the tagger knowing no person in the name)
            ["Jordan", "Blake", ",", "who", "fought", ",", "was", "killed", "."],
            [1, 7, 1, 4, 1, 1, 7, 7, 7],
            [
                "compound",
                "nsubjpass",
                "punct",
                "nsubj",
                "relcl",
                "punct",
                "auxpass",
                "ROOT",
                "punct",
            ],
            ["NNP", "NNP", ",", "WP", "VBD", ",", "VBD", "VBN", "."],
            ["Jordan", "Blake", ",", "who", "fight", ",", "be", "kill", "."],
        ),
        (  # "Hafs Tunisi, commander of Bab, was killed."
            ["Hafs", "Tunisi", ",", "commander", "of", "Bab", ",", "was", "killed", "."],
            [1, 8, 1, 1, 3, 4, 1, 8, 8, 8],
            [
                "compound",
                "nsubjpass",
                "punct",
                "appos",
                "prep",
                "pobj",
                "punct",
                "auxpass",
                "ROOT",
                "punct",
            ],
            ["NNP", "NNP", ",", "NN", "IN", "NNP", ",", "VBD", "VBN", "."],
            ["Hafs", "Tunisi", ",", "commander", "of", "Bab", ",", "be", "kill", "."],
        ),
    ],
)
def test_a_name_the_tagger_misses_is_a_person_by_who_or_an_apposition(
    extractor,
    words: list[str],
    heads: list[int],
    deps: list[str],
    tags: list[str],
    lemmas: list[str],
) -> None:  # type: ignore[no-untyped-def]
    """ "X, who ..., was killed", "X, governor of ..., was killed": one person, though the
    name is none the tagger knows (parses built by hand, so that no tagger decides)."""
    doc = Doc(extractor.nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas)
    found = find_counts(doc[:], extractor.lexicon, [])
    assert ("killed", 1) in found.values(), found
