"""The shortcuts that make extraction cheaper give the answers of the long way.

``Cues.find`` reads each word's forms once and skips words of none of a class's forms;
``PlaceResolver.candidates`` remembers each name's readings; ``mend_hearsay_subjects`` skips
words not followed by an infinitive "to".  Each is checked here against the long way on
invented sentences (no dev rows)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Token

from borderwatch.extract.sense import Cues
from borderwatch.resolve import Resolver
from borderwatch.resolve import places as places_module
from borderwatch.root_clause import mend_hearsay_subjects

SENTENCES = [
    "Gunmen believed to be members of a militia killed two farmers near the village on Monday.",
    "The ministry said jets thought to be foreign bombed a market, and a wedding party fled.",
    "Police arrested five smugglers carrying hashish and weapons at a checkpoint.",
    "Protesters blocked the road to demand the release of detainees held by the army.",
    "A roadside bomb wounded three soldiers, and war crimes investigators visited the site.",
]


def _find_the_long_way(cues: Cues, tokens: list[Token], name: str) -> str | None:
    """``Cues.find`` as it was written first: every word through ``of_token``, then the
    phrases over the words in order."""
    for token in tokens:
        if cues.of_token(token, name):
            return token.text
    phrases = cues.phrases.get(name, ())
    if not phrases or not tokens:
        return None
    ordered = sorted(tokens, key=lambda t: t.i)
    lemmas = " " + " ".join(t.lemma_.lower() for t in ordered) + " "
    text = " " + " ".join(t.lower_ for t in ordered) + " "
    return next((p.strip() for p in phrases if p in lemmas or p in text), None)


@pytest.fixture(scope="module")
def cues(extractor: Any) -> Cues:
    return extractor.senses.cues


def test_find_agrees_with_the_long_way_for_every_class(extractor: Any, cues: Cues) -> None:
    names = [*cues.words, *cues.phrases, "place", "actor", "no_such_class"]
    found = 0
    for doc in extractor.nlp.pipe(SENTENCES):
        words = list(doc)
        # the words in text order, out of order with repeats (as the scope judge gathers
        # them from a trigger's roles), a few, and none
        for tokens in (words, words[::-1] + words[:3], words[2:5], []):
            for name in names:
                expected = _find_the_long_way(cues, tokens, name)
                assert cues.find(tokens, name) == expected, (doc.text, name)
                found += expected is not None
    assert found > 20  # the sentences hold words and phrases of many classes


def test_candidates_are_remembered_and_handed_out_as_copies() -> None:
    places = Resolver.for_region().places
    first = places.candidates("Beirut")
    assert first
    first.clear()  # a caller's edit of its list is its own
    again = places.candidates("Beirut")
    assert again == places._candidates("Beirut", qualified=True)
    assert again and again is not places.candidates("Beirut")


def test_remembered_readings_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    places = Resolver.for_region().places
    monkeypatch.setattr(places_module, "READINGS_KEPT", 3)
    for name in ("Beirut", "Damascus", "Tripoli", "Homs", "Zahle"):
        places.candidates(name)
        assert len(places._readings) <= 3
    assert places.candidates("Homs") == places._candidates("Homs", qualified=True)


def _arcs(doc: Any) -> list[tuple[int, str]]:
    return [(t.head.i, t.dep_) for t in doc]


def test_hearsay_mending_reads_only_words_before_an_infinitive(extractor: Any) -> None:
    """A sentence with no infinitive "to" is left as parsed; one with a hearsay participle is
    mended ("a drone believed to belong to the coalition hit a car")."""
    nlp = extractor.nlp
    with nlp.select_pipes(disable=["root_clauses"]):
        plain = nlp("Soldiers shelled the hills near the town on Friday, a source said.")
        hearsay = nlp("A drone believed to belong to the coalition hit a car near the town.")
    before = _arcs(plain)
    assert _arcs(mend_hearsay_subjects(plain)) == before
    parsed = _arcs(hearsay)
    mended = mend_hearsay_subjects(hearsay)
    hit = next(t for t in mended if t.lower_ == "hit")
    assert _arcs(mended) != parsed
    assert [c.lower_ for c in hit.children if c.dep_ == "nsubj"] == ["drone"]
