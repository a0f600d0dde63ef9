"""An arrest or a seizure told in the passive, with nobody said to have made it, was made by
the state force that reports it ("seven men were arrested, the army said"): ACLED codes the
reporting force as actor1. A source or activists reporting it say nothing of who made it. And
a clause the parser hangs on a noun ("said in a statement that seven people had been
arrested") is still an event when it keeps its own subject. Invented sentences."""

from __future__ import annotations

import pytest

from .extracting import exported

CUSTODY_WORDS = ("arrested", "detained", "seized")


def _custody(extractor, text: str):  # type: ignore[no-untyped-def]
    found = [m for m in exported(extractor, text) if m.trigger.text in CUSTODY_WORDS]
    assert found, [(m.event_type, m.sub_event_type) for m in exported(extractor, text)]
    return found[0]


def _name(ref):  # type: ignore[no-untyped-def]
    return ref.canonical if ref is not None else None


@pytest.mark.parametrize(
    "text",
    [
        "Seven suspected Islamic State militants were arrested in Arsal, the Lebanese army said.",
        "The Lebanese army said in a statement that seven suspected militants had been arrested "
        "in Arsal.",
        "A truck carrying rockets and mortar shells was seized near the Masnaa crossing, the "
        "Lebanese army said on Monday.",
    ],
)
def test_a_state_force_reporting_an_agentless_custody_made_it(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _name(_custody(extractor, text).actor1) == "Military Forces of Lebanon"


@pytest.mark.parametrize(
    "text",
    [
        "Seven suspected militants were arrested in Arsal, activists said.",
        "Seven suspected militants were arrested in Arsal, a security source said.",
    ],
)
def test_others_reporting_a_custody_do_not_make_it(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _custody(extractor, text).actor1 is None


def test_a_custody_with_its_maker_keeps_it(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Seven Syrians were detained by Hezbollah members near Qusayr, the Lebanese army said."
    assert _name(_custody(extractor, text).actor1) == "Hezbollah"
