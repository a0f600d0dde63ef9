"""The two sides of a clash as news pairs them, where the parse hangs them off the trigger.

Three habits of war reporting name a clash's sides outside the arcs :mod:`.arguments` follows:

* a verb of pairing carries them: "fighting pitting the army against Nusra", "clashes pitted
  YPG fighters against IS militants" (the first named is actor1, the one it is set against
  actor2, as the GUIDE codes "clashes between A and B");
* a pronoun is one of them: "were killed when clashes broke out between them and members of
  the Kurdish Front" (the pronoun is the group named before it);
* a backer is written between them: "clashes between the army, backed by Hezbollah, and
  rebels", "between the regime forces backed by Hezbollah and rebels" (the backer is the first
  side's associate, never the other side; the parser often hangs "backed by" off the clash
  noun itself, or the other side off the backer).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .arguments import BACKING_VERBS, LEADING_VERBS, PERSONAL_PRONOUNS, ActorRoles
from .membership import group_named

# Verbs of backing a side without being it: "attacks led by X" are X's own (arguments'
# LEADING_VERBS), not a backer's.
BACKERS = BACKING_VERBS - LEADING_VERBS
# Verbs that set one side against another ("pitting A against B").
PAIRING_VERBS = frozenset({"pit"})


def paired_sides(roles: ActorRoles, trigger: Token, actors: list[Span]) -> ActorRoles:
    """``roles`` with the sides a pairing verb, a pronoun in "between" or a backer written
    between the sides say (see the module's docstring)."""
    first, second = _pitted(trigger, actors)
    if first is not None and second is not None and first != second:
        return replace(roles, actor1=first, actor2=second)
    backed = _backed_between(trigger, actors)
    if backed is not None:
        return replace(roles, actor1=backed[0], ally=backed[1], actor2=backed[2])
    pronoun_side = _pronoun_between(trigger, actors)
    if pronoun_side is not None and roles.actor1 is not None and pronoun_side != roles.actor1:
        # "between them and B": B was found as the first side; the pronoun's group is it
        return replace(roles, actor1=pronoun_side, actor2=roles.actor1)
    backer = _backer_of_trigger(trigger, actors)
    taken = (roles.actor1, roles.actor2)
    if backer is not None and roles.ally is None and backer not in taken:
        return replace(roles, ally=backer)
    return roles


def _holding(token: Token | None, actors: list[Span]) -> Span | None:
    """The actor whose words hold ``token`` or premodify it (its group, for "fighters of
    X")."""
    if token is None:
        return None
    span = next((a for a in actors if a.start <= token.i < a.end), None)
    if span is None:
        # "YPG fighters": the name premodifying the head stands for it
        span = next((a for a in actors if token.left_edge.i <= a.start and a.end <= token.i), None)
    return (group_named(span, actors) or span) if span is not None else None


def _pairing_verb(trigger: Token) -> Token | None:
    for child in trigger.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in PAIRING_VERBS:
            return child  # "fighting pitting A against B"
    if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in PAIRING_VERBS:
        return trigger.head  # "fighting pitted A against B"
    return None


def _pitted(trigger: Token, actors: list[Span]) -> tuple[Span | None, Span | None]:
    verb = _pairing_verb(trigger)
    if verb is None:
        return None, None
    first = next((c for c in verb.children if c.dep_ == "dobj"), None)
    against = [t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "against"]
    second = next((c for p in against for c in p.children if c.dep_ == "pobj"), None)
    return _holding(first, actors), _holding(second, actors)


def _pronoun_between(trigger: Token, actors: list[Span]) -> Span | None:
    """The group a pronoun in the clash's "between" phrase stands for: the nearest armed
    actor named before the pronoun."""
    # "clashes broke out between them and ...": the phrase may hang off the clash's verb
    for token in _between_phrases(trigger):
        pronoun = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pronoun is None or pronoun.lower_ not in PERSONAL_PRONOUNS | {"they"}:
            continue
        before = [a for a in actors if a.end <= pronoun.i]
        return _holding(before[-1].root, actors) if before else None
    return None


def _between_phrases(trigger: Token) -> list[Token]:
    """The "between" prepositions of the clash (on its noun, or on the verb it is subject of:
    "clashes broke out between ...")."""
    clause = trigger.head if trigger.dep_ == "nsubj" else trigger
    return [t for t in clause.subtree if t.dep_ == "prep" and t.lower_ == "between"]


def _backed_between(trigger: Token, actors: list[Span]) -> tuple[Span, Span, Span] | None:
    """ "clashes between the regime forces backed by Hezbollah and rebels": a clash is between
    two sides, so the last of the backers' conjuncts is the other side (the parser hangs it
    on the backer), the first its backer."""
    for prep in _between_phrases(trigger):
        first = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if first is None or any(c.dep_ == "conj" for c in first.children):
            continue  # "between A and B" already names both
        backing = [c for c in first.children if c.dep_ == "acl" and c.lemma_ in BACKERS]
        agents = [g for v in backing for a in v.children if a.dep_ == "agent" for g in a.children]
        for backer in agents:
            other = [c for c in backer.children if c.dep_ == "conj"]
            sides = (_holding(first, actors), _holding(backer, actors))
            last = _holding(other[-1], actors) if other else None
            if sides[0] is not None and sides[1] is not None and last is not None:
                return sides[0], sides[1], last
    return None


def _backer_of_trigger(trigger: Token, actors: list[Span]) -> Span | None:
    """ "Clashes between A, backed by C, and B": the actor of a backing participle the parser
    hung off the clash noun, which the commas say is A's."""
    for child in trigger.children:
        if child.dep_ != "acl" or child.lemma_.lower() not in BACKERS:
            continue
        agents = [g for c in child.children if c.dep_ == "agent" for g in c.children]
        for agent in agents:
            backer = _holding(agent, actors)
            if backer is not None:
                return backer
    return None
