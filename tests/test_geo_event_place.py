"""Which of a sentence's places is the event's: a village the text names inside a wider place
is the event's, whether the gazetteers know it or not, and names with an article glued to the
word are found. Sentences are invented from general knowledge."""

from __future__ import annotations

import pytest

from borderwatch.extract.tree_places import place_spans, rank_place
from borderwatch.model import Place
from borderwatch.nlp import load_pipeline
from borderwatch.resolve import Resolver
from borderwatch.resolve.folding import fold, unglued
from borderwatch.resolve.toponyms import (
    GUESS,
    NameSpan,
    anchors_of,
    names_in,
    ranking_precision,
    resolve_names,
)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


def ranks(nlp, text: str, verb: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Each place name's rank for the event of ``verb``, all at the same precision."""
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == verb)
    return {e.text: rank_place(trigger, e, 1) for e in place_spans(doc[:])}


def test_the_village_of_x_in_y_stands_where_village_does(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Four civilians were killed and six injured in the village of Kafr Nabl in southern "
        "Idlib on Sunday."
    )
    found = ranks(nlp, text, "killed")
    assert found["Kafr Nabl"] < found["Idlib"]


def test_names_coordinated_in_a_list_rank_alike(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Militants shelled the villages of Kafr Nabl and Saraqib in Idlib province."
    found = ranks(nlp, text, "shelled")
    assert found["Saraqib"] == found["Kafr Nabl"] <= found["Idlib province"]


def test_an_unknown_village_ranks_as_the_point_the_text_names() -> None:
    fallback = Place("Idlib", 35.9, 36.6, 3, "Syria", "SY", "Idlib", "test", named="Qarnoun")
    region = Place("Idlib", 35.9, 36.6, 3, "Syria", "SY", "Idlib", "test")
    assert ranking_precision(fallback) == 1 and ranking_precision(region) == 3


def test_an_article_glued_to_the_word_is_taken_off_when_nothing_else_matches() -> None:
    assert unglued("Alqusayr") == fold("Qusayr")
    assert unglued("Qusayr") == ""
    places = Resolver.for_region().places
    found = places.resolve("Alqusayr", countries=("SY",))
    assert found is not None and found.country_code == "SY"
    assert places.resolve("Aleppo", countries=("SY",)).name == "Aleppo"  # type: ignore[union-attr]


def spans(text: str, *names: str) -> list[NameSpan]:
    return [NameSpan(text.index(n), text.index(n) + len(n), n) for n in names]


@pytest.mark.parametrize(
    "text",
    [
        "Fighting raged in the Homs neighbourhood of Qarnoun on Friday.",
        "Fighting raged in Homs's Qarnoun on Friday.",
    ],
)
def test_a_place_named_before_a_village_holds_it(text: str) -> None:
    places = Resolver.for_region().places
    found = {t.text: t for t in resolve_names(places, text, spans(text, "Homs", "Qarnoun"))}
    village = found["Qarnoun"]
    assert village.reading == "fallback" and village.place is not None
    assert village.place.admin1 == "Homs" and village.place.named == "Qarnoun"


def test_a_country_is_held_by_no_other_place() -> None:
    places = Resolver.for_region().places
    text = "Turkey's Syria policy changed."
    found = {t.text: t for t in resolve_names(places, text, spans(text, "Turkey", "Syria"))}
    assert found["Syria"].place is not None and found["Syria"].place.country_code == "SY"


def test_an_acronym_is_no_guessed_place_and_a_guess_anchors_nothing() -> None:
    nlp = load_pipeline()
    text = "The UN condemned the attack carried out in the city of Idlib."
    doc = nlp.make_doc(text)
    doc.ents = [
        doc.char_span(text.index("UN"), text.index("UN") + 2, label="ORG"),
        doc.char_span(text.index("Idlib"), text.index("Idlib") + 5, label="GPE"),
    ]
    assert [n.text for n in names_in(doc)] == ["Idlib"]  # "UN" folds like "Ayn" (a spring)
    places = Resolver.for_region().places
    guess = NameSpan(0, 7, "Kanpur", GUESS)  # a town far away, only guessed to be a place
    assert anchors_of(places, [guess]) == ()
