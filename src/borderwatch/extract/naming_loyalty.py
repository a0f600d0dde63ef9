"""Irregulars named by whom they are loyal to: "gunmen loyal to the regime", "militiamen loyal
to President Assad" are a pro-government militia (ACLED's Pro-Government Militia (Country), the
Syria coding guide's convention for unnamed militias fighting for a government), not the state's
own forces; "fighters loyal to Islamic State" are that group's.

Only irregular heads (gunmen, militiamen, fighters, thugs, men) are read so: "forces loyal to
Assad" and "troops loyal to the government" are the state's own forces, as the rest of the
naming already says.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from ..model import ActorRef
from ..resolve.actors import ActorResolver

# Heads of armed men who are no state's regular forces (spaCy lemmas).
IRREGULAR_HEADS = frozenset({"gunman", "militiaman", "militia", "thug", "fighter", "man"})
# The phrase that names an unnamed pro-government militia in the base.
PRO_GOVERNMENT = "pro-government militiamen"
# ACLED's inter code of state forces (type 1): a government, its forces or its head of state.
STATE_INTER = 1
# Heads that name a state whichever state it is ("loyal to the government").
STATE_HEADS = frozenset({"government", "regime", "army", "president", "authority"})


def loyalty_target(span: Span) -> Span | None:
    """The phrase an irregular ``span`` is said to be loyal to ("the regime" of "gunmen loyal
    to the regime"); None when its head is no irregular or no loyalty is told."""
    root = span.root
    if root.lemma_.lower() not in IRREGULAR_HEADS:
        return None
    for word in root.children:
        if word.dep_ not in ("amod", "acl") or word.lemma_.lower() != "loyal":
            continue
        for prep in word.children:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.dep_ == "prep" and prep.lower_ == "to" and objects:
                obj = objects[0]
                return span.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return None


def loyal_actor(span: Span, actors: ActorResolver, on: date | None) -> ActorRef | None:
    """The actor irregulars loyal to someone are: a pro-government militia when they serve a
    state (its government, forces or head), else the group they serve; None when the base
    knows neither."""
    target = loyalty_target(span)
    if target is None:
        return None
    served = actors.ref(target.text, on)
    entry = actors.in_context(target.text, on) if served.actor_id is None else None
    inter = entry.inter if entry is not None else served.inter
    if inter == STATE_INTER or target.root.lemma_.lower() in STATE_HEADS:
        militia = actors.ref(PRO_GOVERNMENT, on)
        return militia if militia.actor_id is not None else None
    if entry is not None:
        return ActorRef(target.text, entry.canonical, entry.actor_id, entry.inter, entry.country)
    return served if served.actor_id is not None else None
