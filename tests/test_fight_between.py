"""Fighting that goes on "between" two sides names both (Codebook: Battles — two organised
armed sides; actor1 the first named, actor2 the other).  Invented sentences: the clash noun is
the subject of a verb of going on ("raged", "flared", "ensued", whose "between" phrase hangs on
the verb), and the parser's misreading of "between the SDF and regime forces" as one noun
("SDF and regime" modifying "forces") still gives two sides."""

from __future__ import annotations

import pytest

from .test_role_syntax import _has, _sides

CASES = [
    # syntax.SUPPORT_VERBS: rage ("raged" lemmatised "rag"), flare, ensue
    (
        "Clashes raged between Hezbollah fighters and Nusra militants near Arsal on Monday.",
        "Hezbollah",
        "Jabhat al-Nusra",
    ),
    (
        "Clashes flared between the Lebanese army and gunmen in Tripoli on Monday.",
        "Military Forces of Lebanon",
        "Unidentified Armed Group (Lebanon)",
    ),
    (
        "Fighting ensued between rebels and regime forces in Daraa on Sunday.",
        "Rebels (Syria)",
        "Military Forces of Syria (2000-2024)",
    ),
    # arguments._own_prep_role climbs an nmod coordination
    (
        "Fighting erupted for a third day between the SDF and regime loyalists in Hasakah.",
        "Syrian Democratic Forces",
        "Military Forces of Syria (2000-2024)",
    ),
    (
        "Fighting raged for a third day between the SDF and regime loyalists in Hasakah.",
        "Syrian Democratic Forces",
        "Military Forces of Syria (2000-2024)",
    ),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), CASES)
def test_fighting_between_two_sides(extractor, text: str, actor1: str, actor2: str) -> None:  # type: ignore[no-untyped-def]
    assert _has(extractor, text, actor1, actor2), _sides(extractor, text)


def test_a_road_between_two_towns_is_no_side(extractor) -> None:  # type: ignore[no-untyped-def]
    """Not every "between" is two sides: a road between two towns names no one."""
    text = "Fighting raged between rebels and regime forces on the road between Homs and Hama."
    sides = _sides(extractor, text)
    assert sides, text
    assert all(
        {a1, a2} == {"Rebels (Syria)", "Military Forces of Syria (2000-2024)"} for a1, a2 in sides
    ), sides
