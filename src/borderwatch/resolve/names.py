"""The place names of a parsed text, before any is resolved: the recogniser's place entities,
the region names the entity ruler marked, country and state names inside other entities,
unknown villages the small model took for people ("guesses"), and names no entity covers
that the gazetteers and the words around them support (:mod:`.uncovered`).  Resolving them in
context is :mod:`.toponyms`'s."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .folding import fold
from .places import PlaceResolver
from .uncovered import held_names, uncovered_names

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DEMONYM = "demonym"
GUESS = "guess"
GUESS_LABELS = frozenset({"PERSON", "ORG"})
PLACE_NOUN_OF = re.compile(
    r"\b(?:village|town|city|hamlet|settlement|suburb|neighbourhood|neighborhood|camp|"
    r"district|area|region)s?\s+of\s+$",
    re.I,
)
# Generic words Arabic place names begin with (village, hill, monastery, spring, house, ruin,
# mountain, valley, cape, castle, bridge, well, yard, farm, hills, meadow, pit, river, shrine,
# citadel), folded (see ``folding``); not the kinship words (Abu, Umm, Bani) people's names
# begin with too.
PLACE_HEAD_WORDS = frozenset(
    fold(w)
    for w in (
        "Kafr",
        "Tall",
        "Dayr",
        "Ayn",
        "Bayt",
        "Khirbat",
        "Jabal",
        "Wadi",
        "Ras",
        "Qasr",
        "Jisr",
        "Bir",
        "Hawsh",
        "Mazraat",
        "Maarat",
        "Tallat",
        "Marj",
        "Jubb",
        "Nahr",
        "Zawiyat",
        "Qalat",
    )
)
OTHER_LABELS = frozenset({"ORG", "PERSON", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
EMBEDDED_MAX_TOKENS = 3


@dataclass(frozen=True)
class NameSpan:
    """A place name found in a text: character offsets and, when the entity ruler knew it,
    the hand-made gazetteer id (``place:<id>``)."""

    start: int
    end: int
    text: str
    entry_id: str = ""


def names_in(
    doc: object, *, demonyms: bool = False, places: PlaceResolver | None = None
) -> list[NameSpan]:
    """The place names of a parsed spaCy ``Doc`` (its recogniser's GPE/LOC/FAC entities and
    the region names its entity ruler marked); with ``demonyms``, its NORP words too
    ("Syrian", kept when they name a country: geoparsing corpora count them as toponyms); with
    ``places``, the names of countries and US states (and, with ``demonyms``, country
    demonyms) within entities the recogniser labelled otherwise ("U.S." tagged as an
    organisation, "the Louisiana Purchase", "the Syrian Observatory for Human Rights"), the
    town or province an organisation's or venue's name begins or ends with ("Toronto Police"),
    and the names no entity covers that the gazetteers and the words around them support
    (``uncovered``: "in Colchester", an all-caps dateline).
    A person or organisation name the text calls a village or town ("the village of X"), or
    one starting with a generic Arabic place word (Kafr, Tell, Deir, Ain, Beit, Khirbet...), is
    a guess (``GUESS``): the small model often takes unknown villages for people."""
    found = []
    for ent in doc.ents:  # type: ignore[attr-defined]
        if ent.label_ in GUESS_LABELS and not ent.ent_id_ and _looks_like_a_place(ent):
            found.append(NameSpan(ent.start_char, ent.end_char, ent.text, GUESS))
        elif demonyms and ent.label_ == "NORP":
            found.append(NameSpan(ent.start_char, ent.end_char, ent.text, DEMONYM))
        elif (
            places is not None
            and ent.label_ in OTHER_LABELS
            and not (ent.ent_id_.startswith("place:"))
        ):
            inner = _embedded(ent, places)
            held = [] if inner else held_names(ent)
            found += inner + [NameSpan(s, e, doc.text[s:e]) for s, e in held]  # type: ignore[attr-defined]
        elif ent.label_ in PLACE_LABELS or ent.ent_id_.startswith("place:"):
            entry = ent.ent_id_ if ent.ent_id_.startswith("place:") else ""
            found.append(NameSpan(ent.start_char, ent.end_char, ent.text, entry))
    if places is not None:
        text = doc.text  # type: ignore[attr-defined]
        found += [NameSpan(s, e, text[s:e]) for s, e in uncovered_names(doc)]
        found.sort(key=lambda n: n.start)
    return found


def _looks_like_a_place(ent: object) -> bool:
    start = ent.start_char  # type: ignore[attr-defined]
    before = ent.doc.text[max(0, start - 40) : start]  # type: ignore[attr-defined]
    words = ent.text.split()  # type: ignore[attr-defined]
    # a generic first word and a name after it ("Tell X"), never an acronym ("UN": "Ayn")
    headed = len(words) > 1 and not words[0].isupper() and fold(words[0]) in PLACE_HEAD_WORDS
    return bool(PLACE_NOUN_OF.search(before)) or headed


def _embedded(ent: object, places: PlaceResolver) -> list[NameSpan]:
    """Country and US state names and country demonyms inside entity ``ent`` (longest first,
    not overlapping)."""
    found: list[NameSpan] = []
    tokens = list(ent)  # type: ignore[call-overload]
    i = 0
    while i < len(tokens):
        for size in range(min(EMBEDDED_MAX_TOKENS, len(tokens) - i), 0, -1):
            span = tokens[i : i + size]
            start, end = span[0].idx, span[-1].idx + len(span[-1].text)
            text = span[0].doc.text[start:end]
            if not text[:1].isupper():
                continue
            if places.is_polity(text):
                found.append(NameSpan(start, end, text))
            elif size == 1 and places.demonym_country(text) is not None:
                found.append(NameSpan(start, end, text, DEMONYM))
            else:
                continue
            i += size - 1
            break
        i += 1
    return found
