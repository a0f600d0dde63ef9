"""The side a target's possessive pronoun points back to: "Ukraine accused Russia of shelling
its positions", "the rebels said regime jets had bombed their headquarters".

ACLED's actor2 is the side acted on (syria_actors GUIDE.md).  When what the deed hit is only
"its / their" post, convoy or positions, that side is the one the pronoun stands for: an actor
named earlier in the sentence that is not the doer (a side does not strike its own positions).
A speaker the pronoun points to is :func:`.speakers.speakers_target`'s; this reads the actors
the sentence keeps as candidates (the accuser, the subject of the clause above).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .syntax import PATIENT_PREPS

# Possessive pronouns that stand for a named group (not "his", "her": a person's own).
GROUP_POSSESSIVES = frozenset({"its", "their"})


def _targets(trigger: Token) -> list[Token]:
    """What the trigger acted on: its object, or the object of its target preposition."""
    found = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    found += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in PATIENT_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return found


def _pronoun(noun: Token) -> Token | None:
    """ "its positions", "one of their posts": the group possessive the target noun takes."""
    nouns = [noun] + [
        g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    return next(
        (
            c
            for n in nouns
            for c in n.children
            if c.dep_ == "poss" and c.lower_ in GROUP_POSSESSIVES
        ),
        None,
    )


def owner_of_target(trigger: Token, actors: list[Span], doer: Span | None) -> Span | None:
    """The actor "its" / "their" before the deed's target stands for: the nearest one named
    before the pronoun, other than the doer and not inside the target phrase; None when the
    target has no such pronoun or only the doer was named before it."""
    for target in _targets(trigger):
        pronoun = _pronoun(target)
        if pronoun is None:
            continue
        before = [
            a
            for a in actors
            if a.end <= pronoun.i
            and a != doer
            and not (doer is not None and doer.start <= a.root.i < doer.end)
        ]
        return before[-1] if before else None
    return None
