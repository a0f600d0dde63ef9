"""The parties of a deal a verb of concluding carries, on invented sentences: the subject of
"ratified / concluded / sealed / finalised an agreement" is a party to it, as the subject of
"signed" is, and "with" names the other party."""

from __future__ import annotations

import pytest

from .extracting import extract


@pytest.mark.parametrize(
    ("text", "trigger", "parties"),
    [
        (
            "The Nusra Front sealed a prisoner exchange deal with Hezbollah on Sunday.",
            "exchange",
            ("Jabhat al-Nusra", "Hezbollah"),
        ),
        (
            "Hezbollah and the Nusra Front concluded a ceasefire agreement in Arsal.",
            "ceasefire",
            ("Hezbollah", "Jabhat al-Nusra"),
        ),
        (
            "Jordan ratified a border agreement with Syria on Tuesday.",
            "agreement",
            ("Government of Jordan", "Government of Syria"),
        ),
    ],
)
def test_who_concluded_a_deal_is_a_party(  # type: ignore[no-untyped-def]
    extractor, text: str, trigger: str, parties: tuple[str, str]
) -> None:
    mention = next(m for m in extract(extractor, text) if m.trigger.text == trigger)
    assert mention.actor1 is not None and mention.actor1.canonical.startswith(parties[0])
    assert mention.actor2 is not None and mention.actor2.canonical.startswith(parties[1])
