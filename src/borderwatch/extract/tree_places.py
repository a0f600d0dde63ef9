"""Where an event happened, read from the parse: which place names of its sentence are near the
trigger, introduced by a locative preposition, or said to be only near the event ("outskirts of").

Split from :mod:`.arguments` (who did what to whom): both walk the same tree, but the place
ranking has its own constants and callers (:mod:`.search`, the geoparse bench).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .syntax import tree_distance

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "on",
        "into",
        "from",
        "across",
        "along",
        "outskirts",
        "within",
        "by",
        "towards",
        "toward",
    }
)
# Place cues in front of a name that mean "near it", not "in it" (precision at least 2).
VICINITY = re.compile(
    r"\b(near|outskirts of|outside|around|vicinity of|edge of|close to|(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest)(?:ern)? of|countryside of|barrens of|hills of|"
    r"heights of|between)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
    re.I,
)
VICINITY_AFTER = re.compile(
    r"^\s*(countryside|outskirts|area|barrens|hills|heights|"
    r"region|border area)\b",
    re.I,
)


def place_spans(sent: Span) -> list[Span]:
    return [e for e in sent.ents if e.label_ in PLACE_LABELS or e.ent_id_.startswith("place:")]


# A place further than this (tree distance plus penalties) from the trigger is not its place
# unless a locative preposition introduces it; context sentences are searched instead.
MAX_PLACE_SCORE = 12.0


# Head nouns of a named site: subject of its verb, it is still the site ("The al-Arida border
# crossing reopened", "the Masnaa checkpoint was closed"), never a government or a people.
SITE_HEADS = frozenset({"crossing", "checkpoint", "airport", "port", "bridge", "highway"})


def acts_as_actor(span: Span) -> bool:
    """A place name used as the subject of a verb stands for its government or people
    ("Washington classifies", "Damascus would be ready"), not for a location; a named site
    (:data:`SITE_HEADS`) stays a location."""
    root = span.root
    if root.lemma_.lower() in SITE_HEADS:
        return False
    return root.dep_ in ("nsubj", "nsubjpass") or (
        root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass")
    )


# "the village of X", "the towns of A, B and C", "the outskirts of X": X (A, B, C) stands where
# the noun does.
PLACE_NOUNS = frozenset(
    {
        "outskirt",
        "outskirts",
        "countryside",
        "vicinity",
        "edge",
        "environs",
        "village",
        "town",
        "city",
        "hamlet",
        "settlement",
        "locality",
        "suburb",
        "neighborhood",
        "neighbourhood",
        "district",
        "camp",
        "area",
        "region",
        "province",
        "governorate",
    }
)


def rank_place(trigger: Token, span: Span, precision: int) -> float:
    """Lower is better: tree distance, a bonus for a locative preposition, specificity. A
    name that only modifies a noun ("a Homs man") or tells where people or things came from
    ("a man from Homs", "rockets from Lebanon") says who or what, not where (ACLED codes the
    location where the event took place): no bonus, the modifier's penalty."""
    root = place_anchor(span.root)
    distance = tree_distance(trigger, root)
    head = root.head
    origin = of_origin(root, trigger)
    prep_bonus = -2 if root.dep_ == "pobj" and head.lower_ in PLACE_PREPS and not origin else 0
    modifier_penalty = 3 if root.dep_ in ("poss", "amod", "compound") or origin else 0
    return distance + prep_bonus + modifier_penalty + precision * 1.5


# Nouns whose "from X" states a place, a route or a distance, not an origin ("10 km from
# Homs", "the road from Homs", "the area from X to Y").
NOT_ORIGIN_HEADS = (
    PLACE_NOUNS
    | SITE_HEADS
    | frozenset(
        {
            "road",
            "route",
            "way",
            "km",
            "kilometre",
            "kilometer",
            "mile",
            "metre",
            "meter",
            "distance",
        }
    )
)


def of_origin(root: Token, trigger: Token) -> bool:
    """ "a man from Homs", "families from Aleppo": "from" hangs from a noun other than the
    trigger (not "the withdrawal from Aleppo") that names no place, route or distance."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "from":
        return False
    noun = prep.head
    return (
        noun.pos_ in ("NOUN", "PROPN", "PRON")
        and noun.i != trigger.i
        and noun.lemma_.lower() not in NOT_ORIGIN_HEADS
        and not any(c.dep_ == "nummod" for c in noun.children)
    )


# Nouns of a part of a town or an area that the name before them is ("the Jobar district of
# Damascus", "the Idlib countryside"), unlike a settlement it only qualifies ("an Idlib
# village": some village of Idlib).
AREA_NOUNS = PLACE_NOUNS - frozenset(
    {"village", "town", "city", "hamlet", "settlement", "locality", "camp"}
)


def place_anchor(token: Token) -> Token:
    """Where a place name stands in the sentence: a coordinated name where the first of its
    list does, a name after "the village of" where "village" does ("killed in the village of
    X in northern Y": X is as close to "killed" as Y), and a name before such a noun where the
    noun does ("in the Jobar district of Damascus", "in the Idlib countryside": the name is the
    place, not a modifier of something else)."""
    for _ in range(6):
        if token.dep_ != "conj":
            break
        token = token.head
    if token.dep_ == "compound" and token.head.lemma_.lower() in AREA_NOUNS:
        return token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in PLACE_NOUNS:
        return token.head.head
    return token


def vicinity(span: Span) -> bool:
    """Whether the text says the event was near the place rather than in it."""
    doc = span.doc
    before = doc[max(span.sent.start, span.start - 6) : span.start].text
    after = doc[span.end : min(span.sent.end, span.end + 2)].text
    return bool(VICINITY.search(before + " ") or VICINITY_AFTER.match(after))
