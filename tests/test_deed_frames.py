"""Deeds told in words that are deeds only in one frame (issue 22; extract/deed_frames.py and
the triggers under-fire, aircraft-downed, territory-take, died-at-hands, barrel-bomb):
"came under fire from X", "shot down a helicopter" (a weapons platform downed: Disrupted
weapons use), "took the village from Y", "died at the hands of X", "barrel bombs hit Z",
"mortar rounds were fired", "bodies of men shot dead were found", and their idioms ("came
under fire for his remarks", "took the floor").  Invented sentences, none from a dev set, and
the coded file tests/data/invented_syria_triggers.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .extracting import exported
from .test_role_syntax import PUBLISHED, same_actor

TRIGGERS_FILE = Path(__file__).parent / "data" / "invented_syria_triggers.jsonl"


def _events(extractor, text: str) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [
        (m.sub_event_type, m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None)
        for m in exported(extractor, text, PUBLISHED)
    ]


# (sentence, sub-type, actor1, actor2): each gave no event, or the wrong one, before the rule.
CASES = [
    (
        "Rebel fighters came under heavy fire from Islamic State militants near Marea on Sunday.",
        "Armed clash",
        "Islamic State",
        "Opposition Rebels (Syria)",
    ),
    (
        "Regime soldiers came under Nusra shelling near the town of Jisr al-Shughour on Tuesday.",
        "Shelling/artillery/missile attack",
        "Jabhat al Nusra",
        "Military Forces of Syria",
    ),
    (
        "Four farmers died at the hands of Islamic State militants near Raqqa on Thursday.",
        "Attack",
        "Islamic State",
        "Civilians (Syria)",
    ),
    (
        # (the owner is named "Government of Syria" for a non-violent type: state naming's)
        "Jaish al-Islam fighters shot down a regime warplane near Douma on Monday.",
        "Disrupted weapons use",
        "Jaish al Islam",
        None,
    ),
    (
        "Kurdish YPG fighters took the village of Ain Issa from Islamic State militants on Friday.",
        "Non-state actor overtakes territory",
        "YPG: People's Protection Units",
        "Islamic State",
    ),
    (
        "Government forces took the hilltop overlooking the rebel-held town of Rastan on Saturday.",
        "Government regains territory",
        "Military Forces of Syria",
        None,
    ),
    (
        "Barrel bombs struck the rebel-held town of Darayya on Monday, killing three children.",
        "Air/drone strike",
        "Military Forces of Syria",
        "Civilians (Syria)",
    ),
    (
        "Mortar rounds were fired at a residential area of Latakia on Wednesday.",
        "Shelling/artillery/missile attack",
        None,
        None,
    ),
    (
        "The bodies of nine men shot dead were found in an orchard outside Idlib on Sunday.",
        "Attack",
        None,
        "Civilians (Syria)",
    ),
]


@pytest.mark.parametrize(("text", "sub", "actor1", "actor2"), CASES)
def test_deed_in_its_frame(
    extractor, text: str, sub: str, actor1: str | None, actor2: str | None
) -> None:  # type: ignore[no-untyped-def]
    events = _events(extractor, text)
    assert any(
        s == sub
        and (actor1 is None or same_actor(a1, actor1))
        and (actor2 is None or same_actor(a2, actor2))
        for s, a1, a2 in events
    ), events


# The same words outside their frame: no event.
IDIOMS = [
    "The foreign minister came under fire for his comments on the refugee deal.",
    "The Kurdish administration came under fire from rights groups over its treatment of "
    "detainees.",
    "The new opposition leader took the floor at the conference in Riyadh on Tuesday.",
    "The pro-government list took the lead in the parliamentary elections.",
    "Displaced families took the road north towards the Turkish border.",
    "The council shot down the proposal to rename the square.",
    # a weapon's use judged, with no day, place or number: a practice (deed_frames.weapon_in_use)
    "The opposition coalition condemned the use of chemical weapons against civilians.",
    "Rights groups denounced the use of barrel bombs against residential areas.",
]


@pytest.mark.parametrize("text", IDIOMS)
def test_idiom_is_no_deed(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not exported(extractor, text, PUBLISHED), _events(extractor, text)


def test_drone_downed_stays_disrupted(extractor) -> None:  # type: ignore[no-untyped-def]
    """A drone brought down is Disrupted weapons use (EVENT_CODING.md), read by the weapon
    trigger, not twice."""
    events = _events(extractor, "YPG fighters shot down a Turkish drone near Kobani on Friday.")
    assert [s for s, _, _ in events] == ["Disrupted weapons use"], events


def test_invented_triggers_file(extractor) -> None:  # type: ignore[no-untyped-def]
    """The coded file: events found with their sub-type and sides, idiom controls quiet.
    Before the frames: 12 of 32 events found, 8 sub-types, actor1 8/27, actor2 6/28.  Known
    misses: an aid convoy fired on by no one named (no organised side for the scope rule), a
    downed aircraft's owner named "Government of Syria" (state naming of a non-violent type),
    "several barrel bombs fell" (a habitual plural), "an explosive barrel" whose dropper the
    knowledge base does not name, a drone's owner named as the government, names a sentence
    alone cannot place ("Nusra militants" in Lebanon, troops by an unplaced gas field)."""
    rows = [json.loads(x) for x in TRIGGERS_FILE.read_text(encoding="utf-8").splitlines() if x]
    found = typed = 0
    hits = {"actor1": 0, "actor2": 0}
    coded = {"actor1": 0, "actor2": 0}
    loud = []
    for row in rows:
        events = _events(extractor, row["text"])
        if not row["event"]:
            loud += [row["text"]] if events else []
            continue
        found += bool(events)
        typed += any(s == row["sub_event_type"] for s, _, _ in events)
        for n, key in enumerate(("actor1", "actor2"), start=1):
            if row[key]:
                coded[key] += 1
                hits[key] += any(same_actor(e[n], row[key]) for e in events)
    assert not loud, loud
    assert found >= 30 and typed >= 30, (found, typed)
    assert hits["actor1"] >= 24 and hits["actor2"] >= 21, hits
