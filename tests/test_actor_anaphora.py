"""A named armed group referred back to by a definite noun in a later sentence, on invented
reports: "Nusra Front militants attacked ... The militants killed two soldiers" (the Nusra
Front killed them), while a description of its own ("Syrian rebels") or a state's troops stay
as they are."""

from __future__ import annotations

from .extracting import extract


def _doer(extractor, text: str, trigger: str) -> str | None:  # type: ignore[no-untyped-def]
    mention = next(m for m in extract(extractor, text) if m.trigger.text == trigger)
    return mention.actor1.canonical if mention.actor1 is not None else None


def test_the_militants_are_the_group_named_before(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Jaish al-Islam fighters attacked a checkpoint near Douma on Monday. The rebels "
        "killed three soldiers and captured two others."
    )
    first = _doer(extractor, text, "attacked")
    assert first is not None and _doer(extractor, text, "killed") == first


def test_a_description_of_its_own_is_not_referred_back(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Jaish al-Islam fighters attacked a checkpoint near Douma on Monday. Kurdish "
        "fighters killed three soldiers in Afrin."
    )
    first = _doer(extractor, text, "attacked")
    assert _doer(extractor, text, "killed") != first


def test_a_states_troops_are_never_referred_back_to_a_group(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Jaish al-Islam fighters attacked a checkpoint near Douma on Monday. The troops "
        "shelled the town on Tuesday."
    )
    first = _doer(extractor, text, "attacked")
    assert _doer(extractor, text, "shelled") != first
