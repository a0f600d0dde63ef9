"""Who did it to whom across English syntax (issue 22; syria_actors GUIDE.md: actor1 acts,
actor2 is the other side, the target or the victims).  Invented sentences, none from a dev
set: nominalisations, passives, "came under", reported blame, holders of a place struck, and
the coded file tests/data/invented_syria_roles.jsonl scored as the Syrian dev tool scores."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from .extracting import exported

ROLES_FILE = Path(__file__).parent / "data" / "invented_syria_roles.jsonl"
# The invented sentences are read as news of mid-2016 (Jabhat al-Nusra still under that name).
PUBLISHED = date(2016, 6, 1)
# Words the Syrian dev tool ignores when it compares actor names.
STOP = {"of", "the", "al", "forces", "group", "militia", "and", "a", "an"}


def _words(name: str | None) -> set[str]:
    name = re.sub(r"\(.*?\)", " ", (name or "").lower())
    return {t for t in re.split(r"[^a-z0-9]+", name) if t and t not in STOP}


def same_actor(got: str | None, coded: str | None) -> bool:
    """Names compared by their words (Jaccard >= 0.5), as actors_syria_dev compares them."""
    g, c = _words(got), _words(coded)
    return bool(g) and bool(c) and len(g & c) / len(g | c) >= 0.5


def _sides(extractor, text: str) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [
        (m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None)
        for m in exported(extractor, text, PUBLISHED)
    ]


def _has(extractor, text: str, actor1: str | None, actor2: str | None) -> bool:  # type: ignore[no-untyped-def]
    return any(
        (actor1 is None or same_actor(a1, actor1)) and (actor2 is None or same_actor(a2, actor2))
        for a1, a2 in _sides(extractor, text)
    )


# (sentence, actor1, actor2): each fails without the rule named beside it.
CASES = [
    # "Y came under attack by X": Y suffered it (role_syntax.came_under)
    (
        "Kurdish fighters came under attack by Islamic State militants near Kobani on Friday.",
        "Islamic State",
        "YPG: People's Protection Units",
    ),
    (
        "Government troops came under attack by rebels near the town of Morek on Monday.",
        "Opposition Rebels (Syria)",
        "Military Forces of Syria",
    ),
    # "A blamed X for the deed", "A accused X of the deed": X did it (role_syntax.blamed)
    (
        "The Kurdish administration blamed the Islamic State group for a car bomb attack that "
        "killed six people in Qamishli on Sunday.",
        "Islamic State",
        "Civilians (Syria)",
    ),
    (
        "Activists accused Russian warplanes of bombing a clinic in the town of Kafr Takharim, "
        "killing four nurses.",
        "Military Forces of Russia",
        "Civilians (Syria)",
    ),
    # the holder of the place struck gives way to the dead (role_syntax.holder_gives_way)
    (
        "Regime helicopters dropped barrel bombs on the rebel-held village of Kafr Batna, "
        "killing six people.",
        "Military Forces of Syria",
        "Civilians (Syria)",
    ),
    (
        "Coalition air strikes on the Islamic State stronghold of Mayadin killed 11 civilians "
        "on Friday.",
        "Global Coalition",
        "Civilians (Syria)",
    ),
    # "X used a weapon against Y" (role_syntax.used_on)
    (
        "Regime forces used chlorine gas against rebel fighters in the town of Kafr Zita on "
        "Tuesday, activists said.",
        "Military Forces of Syria",
        "Opposition Rebels (Syria)",
    ),
    # the dead named by the clause a "when"-deed hangs on (role_syntax.dead_outside)
    (
        "Three women were among the victims when a car bomb exploded in a market in Azaz on "
        "Friday.",
        None,
        "Civilians (Syria)",
    ),
    (
        "Two boys were among the dead when regime jets bombed a school in Kafr Nabl on Sunday.",
        "Military Forces of Syria",
        "Civilians (Syria)",
    ),
    (
        "Six YPG fighters, killed when Turkish jets struck their base near Afrin, were buried on "
        "Sunday.",
        "Military Forces of Turkey",
        "YPG: People's Protection Units",
    ),
    # a name beside a generic word in the losers' phrase is the side (casualties._patient_of)
    (
        "The Islamist group Jaish al-Islam lost eight fighters in a regime ambush near Douma on "
        "Monday.",
        "Military Forces of Syria",
        "Jaish al Islam",
    ),
    # a pronoun subject of an adverbial clause is the main clause's subject
    # (role_syntax.pronoun_of_main)
    (
        "Jabhat al-Nusra fighters killed seven soldiers on Monday after they attacked a "
        "checkpoint near Idlib.",
        "Jabhat al Nusra",
        "Military Forces of Syria",
    ),
    # "A and B exchanged fire": two sides (role_gaps.done_to_an_object, reciprocal verbs)
    (
        "Hezbollah fighters and Nusra militants exchanged fire near Arsal on Monday.",
        "Hezbollah",
        "Nusra",
    ),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), CASES)
def test_roles_across_syntax(extractor, text: str, actor1: str | None, actor2: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _has(extractor, text, actor1, actor2), _sides(extractor, text)


def test_blamer_and_holder_stay_where_nothing_moves_them(extractor) -> None:  # type: ignore[no-untyped-def]
    """The rules move no side where the syntax does not say so: a holder struck with no dead
    named stays the target, and a subject that shells is the doer."""
    assert _has(
        extractor,
        "Regime artillery shelled the rebel-held town of Talbiseh on Wednesday.",
        "Military Forces of Syria",
        "Opposition Rebels (Syria)",
    )
    assert _has(
        extractor,
        "Government forces shelled rebel positions in the town of Kafr Nabl on Thursday.",
        "Military Forces of Syria",
        "Opposition Rebels (Syria)",
    )


def test_invented_roles_file(extractor) -> None:  # type: ignore[no-untyped-def]
    """The coded file: actor1 and actor2 compared by their words as the Syrian dev tool
    compares them (an actor counts when any exported event names it).  Known misses: names
    the sentence alone cannot place in a country ("government troops" by an unplaced gas
    field), deeds no trigger reads ("shot down", "came under fire"), a victims' possessive
    ("struck their base"), a speaker's "its fighters"."""
    rows = [json.loads(x) for x in ROLES_FILE.read_text(encoding="utf-8").splitlines() if x]
    hits = {"actor1": 0, "actor2": 0}
    coded = {"actor1": 0, "actor2": 0}
    for row in rows:
        sides = _sides(extractor, row["text"])
        for n, key in enumerate(("actor1", "actor2")):
            if row[key]:
                coded[key] += 1
                hits[key] += any(same_actor(s[n], row[key]) for s in sides)
    # before role_syntax: actor1 77, actor2 72 of the 89 rows (4 rows export nothing)
    assert hits["actor1"] / coded["actor1"] >= 0.9, hits
    assert hits["actor2"] / coded["actor2"] >= 0.85, hits


def test_a_deed_answered_lends_no_side(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "In response to / in retaliation for" names the deed answered: its doer is no target
    of the answer (role_syntax.answered_sides_out)."""
    text = (
        "Rebels shelled the town of Qardaha on Monday in response to regime air strikes on Idlib."
    )
    sides = _sides(extractor, text)
    assert any(same_actor(a1, "Opposition Rebels (Syria)") for a1, _ in sides), sides
    assert not any(
        same_actor(a1, "Opposition Rebels (Syria)") and same_actor(a2, "Military Forces of Syria")
        for a1, a2 in sides
    ), sides
