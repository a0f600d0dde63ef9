"""Whose forces unnamed "government troops", "soldiers", "the army" are (issue 22; GUIDE.md:
a government's forces are named by the state whose government it is).  Invented sentences,
none from a dev set: the sentence names the country by a national area the event happened in
or by the state's own voice (:mod:`borderwatch.extract.forces_country`); a named group that
speaks calls "its fighters" its own (:mod:`borderwatch.extract.speakers`); where nothing says
the country the forces stay Unidentified Military Forces.  The coded file
tests/data/invented_syria_forces.jsonl is scored as the Syrian dev tool scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .extracting import exported
from .test_role_syntax import PUBLISHED, same_actor

FORCES_FILE = Path(__file__).parent / "data" / "invented_syria_forces.jsonl"
UNIDENTIFIED = "Unidentified Military Forces"


def _actor1s(extractor, text: str) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [m.actor1.name if m.actor1 else None for m in exported(extractor, text, PUBLISHED)]


# (sentence, actor1): each failed before the rule named beside it.
CASES = [
    # a national area the event happened in (forces_country._locative_countries)
    (
        "Troops retook three villages from Islamic State in the Iraqi desert on Monday.",
        "Military Forces of Iraq (2014-)",
    ),
    (
        "Security forces clashed with gunmen on the Lebanese side of the border on Thursday.",
        "Military Forces of Lebanon",
    ),
    # the state's own voice (forces_country._state_voices)
    (
        "Syrian state television said government troops killed 20 terrorists near the Shaer "
        "gas field on Monday.",
        "Military Forces of Syria (2000-2024)",
    ),
    # a speaker the parse cut to its last word still owns "its fighters" (speakers._names_in)
    (
        "Jaish al-Islam said its fighters killed 12 regime soldiers in clashes near Douma on "
        "Sunday.",
        "Jaish al Islam",
    ),
]


@pytest.mark.parametrize(("text", "actor1"), CASES)
def test_forces_named_by_the_country_said(extractor, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    found = _actor1s(extractor, text)
    assert any(same_actor(a, actor1) for a in found), found


# Words that say no country the forces are of: they stay unidentified.
CONTROLS = [
    "Soldiers clashed with militants at the Syrian border on Monday.",  # a border has two sides
    "Two soldiers were killed when militants attacked an army post near the Syrian border.",
    "American officials said government troops clashed with militants near a gas field.",
    "Soldiers clashed with Syrian militants near a gas field on Thursday.",  # whose, not where
]


@pytest.mark.parametrize("text", CONTROLS)
def test_no_country_said_no_country_guessed(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    sides = [
        (m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None)
        for m in exported(extractor, text, PUBLISHED)
    ]
    forces = [n for side in sides for n in side if n and n.startswith("Military Forces")]
    assert not forces, sides


def test_invented_forces_file(extractor) -> None:  # type: ignore[no-untyped-def]
    """The coded file, actor1 and actor2 compared by their words as the Syrian dev tool
    compares them (an actor counts when any exported event names it)."""
    rows = [json.loads(x) for x in FORCES_FILE.read_text(encoding="utf-8").splitlines() if x]
    assert len(rows) >= 40
    hits = {"actor1": 0, "actor2": 0}
    coded = {"actor1": 0, "actor2": 0}
    for row in rows:
        events = exported(extractor, row["text"], PUBLISHED)
        sides = [
            (m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None)
            for m in events
        ]
        for n, key in enumerate(("actor1", "actor2")):
            if row[key]:
                coded[key] += 1
                hits[key] += any(same_actor(s[n], row[key]) for s in sides)
    # before forces_country and speakers._names_in: actor1 36, actor2 46 of the 48 rows;
    # after, 46 and 48 (known misses: a country that speaks, "Turkey said its forces ...",
    # left unread: owning them took a check half's actor2 down on plover_gsr)
    assert hits["actor1"] / coded["actor1"] >= 0.95, hits
    assert hits["actor2"] / coded["actor2"] >= 0.95, hits
