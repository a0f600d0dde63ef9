"""The parties of a deal or of talks, and associates that are no other actor of the event.

ACLED codes an agreement between two parties: "with X" names the other one ("talks have
begun with X", "the army reached a truce with X"); a report that tells of talks from one side
("..., Hezbollah's leader said") names that side by its speaker; and a deal told with one
party has the one other organisation of the sentence as its other ("Nusra left under an
evacuation deal after Hezbollah routed them"), never a mediator ("brokered by Qatar").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from ..model import ActorRef
from ..resolve.actors import ActorResolver, role_on
from .arguments import ActorRoles
from .speakers import counterpart, speaker_as_person, speaker_party


def deal_parties(
    roles: ActorRoles, token: Token, actors: list[Span], excluded: list[Span]
) -> ActorRoles:
    """The two parties of a deal or of talks: the other party named by "with" ("talks have
    begun with X"), and, when the report names no first party, the side of the speaker who
    tells of it ("..., Hezbollah's leader said": Hezbollah)."""
    if roles.actor2 is None:
        other = counterpart(token, actors) or _sole_other_party(roles, actors)
        if other is not None and other != roles.actor1:
            roles = replace(roles, actor2=other, ally=None if roles.ally == other else roles.ally)
    if roles.actor1 is None and roles.actor2 is not None:
        speaker = speaker_party(excluded)
        if speaker is None:
            speaker = speaker_as_person(excluded)
        if speaker is not None and speaker.ent_id_ != roles.actor2.ent_id_:
            roles = replace(roles, actor1=speaker)
    return roles


# Verbs of a go-between: "a deal brokered by Russia" names a mediator, not a party.
MEDIATING_VERBS = frozenset({"broker", "mediate", "sponsor", "guarantee", "facilitate", "oversee"})


def _sole_other_party(roles: ActorRoles, actors: list[Span]) -> Span | None:
    """ "Nusra militants left under an evacuation deal after Hezbollah routed them": a deal
    between armed sides whose other party the sentence names as the only other organisation
    of the base there (never a mediator, "brokered by Russia", nor a mere group noun)."""
    if roles.actor1 is None:
        return None
    others = [
        a
        for a in actors
        if a.ent_id_.startswith("actor:")
        and a.label_ == "ORG"
        and a.ent_id_ != roles.actor1.ent_id_
        and not any(t.lemma_.lower() in MEDIATING_VERBS for t in a.root.ancestors)
    ]
    return others[0] if len(others) == 1 else None


def other_than(ally: ActorRef | None, *sides: ActorRef | None) -> ActorRef | None:
    """An associate that is no other actor of the event: "the SAA, backed by the Tiger
    Forces" (a unit of the same military) associates no one with the army, and a side is
    never its own or its enemy's associate."""
    if ally is None or not ally.canonical:
        return ally
    return None if any(s is not None and s.canonical == ally.canonical for s in sides) else ally


def party_led(
    actors: ActorResolver, ref: ActorRef | None, on: date | None, *, deal: bool
) -> ActorRef | None:
    """A speaker who acted, read as ACLED names a party: a leader speaking of a deal or talks
    ("we have begun talks with IS, Nasrallah said") stands for the organisation he led on the
    day (ACLED's parties are organisations, not people)."""
    if ref is None:
        return None
    entry = actors.by_id(ref.actor_id, on) if ref.actor_id else actors.in_context(ref.text, on)
    if entry is None or entry.kind != "person":
        # a person the base does not know is no party to a deal (the speaker's own words of
        # what it did, "they claimed the attack", stand as they are)
        return None if deal and not ref.actor_id else ref
    role = role_on(entry, on)
    org = actors.by_id(role.org, on) if role is not None and role.org else None
    if org is None:
        return ref
    return ActorRef(ref.text, org.canonical, org.actor_id, org.inter, org.country)
