"""Attach arguments to a trigger: who acted, on whom, with whom, where, when and how many.

The parse does the attachment: an actor hanging from the trigger's subject arc acted, one under
its object or under "against" was acted on, one under "with" in a joint action was an ally.
Places are scored by their distance in the tree and by the preposition that introduces them;
counts are read from numbers whose noun or verb says what they count ("three soldiers were
killed", "killing two", "12 suspects detained").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..region import Lexicon
from ..resolve.dates import CARDINALS as NUMBER_WORDS
from .syntax import (
    AGENT_ARCS,
    ALLY_PREPS,
    PATIENT_ARCS,
    PATIENT_PREPS,
    SUPPORT_VERBS,
    arc_below,
    governing_verb,
    tree_distance,
)

ACTOR_LABELS = frozenset({"ORG", "PERSON", "NORP"})
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
AREA_UNITS = {
    "km": 1.0,
    "kilometre": 1.0,
    "kilometer": 1.0,
    "kilometres": 1.0,
    "kilometers": 1.0,
    "mile": 2.59,
    "miles": 2.59,
    "km2": 1.0,
}


@dataclass(frozen=True)
class ActorRoles:
    actor1: Span | None
    actor2: Span | None
    ally: Span | None


def actor_spans(sent: Span) -> list[Span]:
    """Entities in ``sent`` that name actors (knowledge-base matches and the model's ORG/PERSON)."""
    spans = []
    for ent in sent.ents:
        if ent.ent_id_.startswith("actor:") or (
            ent.label_ in ("ORG", "PERSON") and not ent.ent_id_.startswith("place:")
        ):
            spans.append(ent)
    return spans


def place_spans(sent: Span) -> list[Span]:
    return [e for e in sent.ents if e.label_ in PLACE_LABELS or e.ent_id_.startswith("place:")]


def attach_actors(trigger: Token, actors: list[Span], kind: str | None) -> ActorRoles:
    """Who acted (actor1), on whom (actor2) and with whom (ally) for ``trigger``."""
    agent: Span | None = None
    patient: Span | None = None
    ally: Span | None = None
    for span in actors:
        role = _role_of(trigger, span, kind)
        if role == "agent" and agent is None:
            agent = span
        elif role == "patient" and patient is None:
            patient = span
        elif role == "ally" and ally is None:
            ally = span
        elif role == "between":
            if agent is None:
                agent = span
            elif patient is None:
                patient = span
    if agent is None and trigger.pos_ == "NOUN":
        verb = governing_verb(trigger)
        if verb is not None and verb.lemma_ in SUPPORT_VERBS:
            agent = next((s for s in actors if _role_of(verb, s, kind) == "agent"), None)
    agent = agent or _antecedent(trigger, ("nsubj",), actors, exclude=patient)
    patient = patient or _antecedent(trigger, ("dobj", "nsubjpass"), actors, exclude=agent)
    return ActorRoles(agent, patient, ally)


PERSONAL_PRONOUNS = frozenset({"they", "them", "it", "he", "him", "she", "her"})


def _antecedent(
    trigger: Token, arcs: tuple[str, ...], actors: list[Span], exclude: Span | None
) -> Span | None:
    """The actor a pronoun argument of the trigger refers back to ("routed them"): the
    nearest actor named before it in the sentence, other than ``exclude``."""
    pronoun = next(
        (c for c in trigger.children if c.dep_ in arcs and c.lower_ in PERSONAL_PRONOUNS), None
    )
    if pronoun is None:
        return None
    before = [a for a in actors if a.end <= pronoun.i and a != exclude]
    return before[-1] if before else None


def _role_of(trigger: Token, span: Span, kind: str | None) -> str | None:
    if span.start <= trigger.i < span.end:
        return None
    child = arc_below(trigger, span)
    if child is None:
        return None
    if child.dep_ == "prep":
        prep = child.lower_
        if prep == "between":
            return "between"
        if prep == "by":
            return "agent"
        if prep in ALLY_PREPS:
            return "patient" if kind == "attack" and trigger.lemma_ != "offensive" else "ally"
        if prep in PATIENT_PREPS:
            return "patient"
        return None
    if child.dep_ in PATIENT_ARCS:
        return "patient"
    if child.dep_ in AGENT_ARCS:
        return "agent"
    if child.dep_ == "conj" and child.head == trigger:
        return None
    return None


# A place further than this (tree distance plus penalties) from the trigger is not its place
# unless a locative preposition introduces it; context sentences are searched instead.
MAX_PLACE_SCORE = 12.0


def acts_as_actor(span: Span) -> bool:
    """A place name used as the subject of a verb stands for its government or people
    ("Washington classifies", "Damascus would be ready"), not for a location."""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") or (
        root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass")
    )


def rank_place(trigger: Token, span: Span, precision: int) -> float:
    """Lower is better: tree distance, a bonus for a locative preposition, specificity."""
    distance = tree_distance(trigger, span.root)
    head = span.root.head
    prep_bonus = -2 if span.root.dep_ == "pobj" and head.lower_ in PLACE_PREPS else 0
    modifier_penalty = 3 if span.root.dep_ in ("poss", "amod", "compound") else 0
    return distance + prep_bonus + modifier_penalty + precision * 1.5


def vicinity(span: Span) -> bool:
    """Whether the text says the event was near the place rather than in it."""
    doc = span.doc
    before = doc[max(span.sent.start, span.start - 6) : span.start].text
    after = doc[span.end : min(span.sent.end, span.end + 2)].text
    return bool(VICINITY.search(before + " ") or VICINITY_AFTER.match(after))


def number_value(token: Token, lexicon: Lexicon) -> int | None:
    """The integer a number token stands for ("12", "1,200", "three", "dozens")."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in lexicon.vague_numbers:
        return lexicon.vague_numbers[text]
    if "-" in text:
        parts = [NUMBER_WORDS.get(p) for p in text.split("-")]
        if all(p is not None for p in parts):
            return sum(p for p in parts if p is not None)
    if text in NUMBER_WORDS:
        value = NUMBER_WORDS[text]
        if text in ("hundred", "thousand") and token.i > 0:
            prev = token.doc[token.i - 1]
            prev_value = NUMBER_WORDS.get(prev.lower_) or (
                int(prev.text) if prev.text.isdigit() else 0
            )
            return value * prev_value if prev_value else value
        return value
    return None


def _count_key(lemmas: list[str], lexicon: Lexicon) -> str | None:
    """The count the nearest counting word names ("wounded 12" is injured, not killed)."""
    for lemma in lemmas:
        for key, words in lexicon.counts.items():
            if lemma in words:
                return key
    return None


def _nearby_lemmas(number: Token) -> list[str]:
    """The words that can say what ``number`` counts, nearest first."""
    noun = number.head if number.dep_ in ("nummod", "quantmod", "amod") else number
    words: list[Token] = [c for c in noun.children if c.dep_ in ("amod", "acl", "relcl")]
    for c in list(words):
        words += [g for g in c.children if g.dep_ in ("acomp", "oprd", "dobj")]
    words.append(noun)
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "conj"):
        words.append(head)
        if head.dep_ == "conj":
            words.append(head.head)
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        words.append(verb)
        words += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [w.lemma_.lower() for w in words]


def find_counts(sent: Span, lexicon: Lexicon, skip: list[Span]) -> dict[int, tuple[str, int]]:
    """Counts in ``sent``: token index -> (count key, value); numbers in ``skip`` ignored."""
    found: dict[int, tuple[str, int]] = {}
    for token in sent:
        if any(s.start <= token.i < s.end for s in skip):
            continue
        if not (token.like_num or token.lower_ in lexicon.vague_numbers):
            continue
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        value = number_value(token, lexicon)
        if value is None:
            continue
        area = _area(token, value)
        if area is not None:
            found[token.i] = ("area_km2", area)
            continue
        key = _count_key(_nearby_lemmas(token), lexicon)
        if key:
            found[token.i] = (key, value)
    return found | _single_victims(sent, lexicon, set(found))


def _single_victims(sent: Span, lexicon: Lexicon, taken: set[int]) -> dict[int, tuple[str, int]]:
    """ "A shepherd was killed", "killing a farmer": one person, counted as 1."""
    found: dict[int, tuple[str, int]] = {}
    for token in sent:
        if token.lemma_.lower() not in lexicon.person_nouns or token.tag_ != "NN":
            continue
        if token.dep_ not in ("nsubjpass", "dobj", "nsubj", "conj") or token.i in taken:
            continue
        if any(c.like_num or c.dep_ == "nummod" for c in token.children):
            continue
        key = _count_key(_nearby_lemmas(token), lexicon)
        if key in ("killed", "injured", "abducted", "arrested", "detained", "released"):
            found[token.i] = (key, 1)
    return found


def _area(number: Token, value: int) -> int | None:
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
    unit = noun.lower_
    if unit not in AREA_UNITS:
        return None
    window = number.doc[number.i : noun.i + 1].text.lower()
    if "square" not in window and not unit.endswith("2"):
        return None
    return round(value * AREA_UNITS[unit])
