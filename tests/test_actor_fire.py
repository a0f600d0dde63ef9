"""Who fired and who was fired on, as ACLED codes it: the owner of the fire the dead were
killed "under" is actor1 and they are actor2; forces who open fire on protesters are actor1
of the excessive force and the crowd its actor2.  Invented sentences of ordinary war and
protest reporting."""

from __future__ import annotations

import pytest

from .extracting import exported


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


def _roles(extractor, text: str) -> list[tuple[str | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(m.sub_event_type, _name(m.actor1), _name(m.actor2)) for m in exported(extractor, text)]


# (sentence, sub-event type, actor1, actor2)
UNDER_FIRE = [
    # the dead, and what was destroyed with them, "under" a group's bombardment: its shelling
    (
        "At least 15 IS militants were killed and three IS trucks were destroyed under the "
        "YPG bombardment near the town of Hasakah.",
        "Shelling/artillery/missile attack",
        "People's Protection Units",
        "Islamic State (Syria)",
    ),
    # "mortar fire", "rocket fire": the weapon names the fire it heads
    (
        "Seven civilians were killed and dozens wounded in the Salaheddine district of Aleppo "
        "under the heavy mortar fire of rebels.",
        "Shelling/artillery/missile attack",
        "Rebels (Syria)",
        "Civilians (Syria)",
    ),
    (
        "Three soldiers were killed near the town of Morek amid the rocket fire of Jaish "
        "al-Izza fighters.",
        "Shelling/artillery/missile attack",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "sub", "actor1", "actor2"), UNDER_FIRE)
def test_the_dead_under_a_groups_fire_were_its_targets(
    extractor, text, sub, actor1, actor2
) -> None:  # type: ignore[no-untyped-def]
    found = _roles(extractor, text)
    wanted = (sub, actor1, actor2)
    assert any(
        all(w is None or g == w for g, w in zip(got, wanted, strict=True)) for got in found
    ), found


def test_a_seized_weapon_is_still_no_attack(extractor) -> None:  # type: ignore[no-untyped-def]
    # the cause words free only a weapon that caused the outcome, not one that was had
    text = "Police seized two mortar shells and a rifle in a house in the town of Hermel."
    assert not any(s == "Shelling/artillery/missile attack" for s, _, _ in _roles(extractor, text))


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "Two people were killed on Friday when Jordanian police opened fire on "
            "protesters in the city of Maan.",
            "Police Forces of Jordan",
            "Protesters",
        ),
        (
            "Iraqi security forces fired live ammunition at demonstrators in Nasiriyah on "
            "Sunday, killing four.",
            None,
            "Protesters",
        ),
    ],
)
def test_forces_firing_on_protesters_are_actor1(extractor, text, actor1, actor2) -> None:  # type: ignore[no-untyped-def]
    found = [
        (a1, a2)
        for s, a1, a2 in _roles(extractor, text)
        if s == "Excessive force against protesters"
    ]
    assert found, _roles(extractor, text)
    a1, a2 = found[0]
    assert a2 is not None and a2.startswith(actor2)  # where it was is the places' business
    assert a1 != a2 and (actor1 is None or a1 == actor1)
    assert a1 is None or not a1.startswith("Protesters")


@pytest.mark.parametrize(
    "text",
    [
        "A boy was killed by a sniper bullet fired by regime forces in the town of Zabadani.",
        "A farmer was killed by a stray bullet fired by regime soldiers near the city of Hama.",
    ],
)
def test_whoever_fired_the_bullet_is_the_doer(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _roles(extractor, text)
    assert any(a1 == "Military Forces of Syria (2000-2024)" for _, a1, _ in found), found
