"""What extraction parses: the neighbours of a sentence are read only when an event in it may
need them (issue 27: parsing is three quarters of the time per article).  Sentences invented for
these tests."""

from __future__ import annotations

from datetime import date

from borderwatch.clean import content_key
from borderwatch.extract.context import ArticleContext
from borderwatch.model import Article


def contexts(extractor, middle: str) -> ArticleContext:  # type: ignore[no-untyped-def]
    """The scheduled context of a three-sentence article whose middle sentence is ``middle``;
    the sentences around it name places, and only the middle one can pass the prefilter."""
    text = f"Farmers met in the village of Hermel. {middle} Markets reopened in Baalbek."
    article = Article(
        doc_key=content_key(text), source="t.txt", text=text, published=date(2024, 3, 8)
    )
    return extractor.scheduler.contexts([article])[0]


def test_a_candidate_without_a_trigger_has_no_neighbour_read(extractor) -> None:  # type: ignore[no-untyped-def]
    # "killed" passes the word prefilter; parsed, a virus is no one who kills (sense check)
    ctx = contexts(extractor, "The virus killed 30 people last year.")
    assert ctx.candidates == [1]
    assert ctx.matches[1] == []
    assert set(ctx.docs) == {1}
    assert ctx.entity_docs == {}
    assert extractor.extract_many([ctx.article]) == [[]]


def test_an_event_without_a_place_has_its_neighbours_read(extractor) -> None:  # type: ignore[no-untyped-def]
    ctx = contexts(extractor, "Gunmen killed 30 people last year.")
    assert ctx.candidates == [1]
    assert [m.trigger.trigger_id for m in ctx.matches[1]] == ["killing"]
    # the sentence after first (nearest, after before), for its place: entities only, then
    # fully parsed once it names one (whether the place acts takes the tree)
    assert 2 in ctx.entity_docs
    assert 2 in ctx.docs
    (mention,) = extractor.extract_many([ctx.article])[0]
    assert mention.place is not None and mention.place.name == "Baalbek"
