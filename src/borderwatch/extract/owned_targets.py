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


# Words for fighters that name no side by themselves ("killed two fighters").
BARE_FIGHTERS = frozenset({"fighter", "militant", "combatant", "member", "jihadist", "insurgent"})


def _bare(span: Span) -> bool:
    """ "fighters", "two militants": a fighters' word with nothing in its phrase naming whose."""
    root = span.root
    return (
        root.lemma_.lower() in BARE_FIGHTERS
        and not any(c.dep_ in ("poss", "compound", "amod") for c in root.children)
        and not any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in root.children)
    )


def fighters_side(dead: Span | None, targets: list[Span | None], named: list[Span]) -> Span | None:
    """The side bare dead fighters belong to: the one named armed group the deed was done to
    ("Israel's strike on a Hezbollah weapons convoy killed two fighters": Hezbollah's), as
    ACLED codes victims by their group; None when the dead say whose they are, or when no
    single such group was struck.  ``targets`` are what the event's triggers acted on;
    ``named`` the candidates that name a group of the base."""
    if dead is None or not _bare(dead):
        return None
    struck = {(t.start, t.end): t for t in targets if t is not None and t != dead and t in named}
    return next(iter(struck.values())) if len(struck) == 1 else None
