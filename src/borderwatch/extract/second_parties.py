"""The other party of an event that the parse puts outside the trigger's own arguments.

ACLED codes two sides for every event that has them (../shared/reference/EVENT_CODING.md:
actor1 acts, actor2 is the other side).  The role attacher (:mod:`.arguments`) reads the
subject and object of the trigger; three common ways English border reporting names the
other side sit elsewhere:

- a handover or transfer names its recipient after "to" ("the army handed over 12 detainees
  to the Syrian authorities"): the state that receives the people is the other party of the
  handover (the border tag ``handover``: one state handing people to another), while the
  people handed over are what was handed, not a side;
- a deed done to someone's attempt names the would-be doers after "by" on its object
  ("troops foiled an attempt by armed men to cross", "police broke up a protest by farmers",
  "the army repelled an attack by militants"): they are the other side, never the doer;
- a purpose clause ("soldiers fired tear gas to break up a protest") has no subject of its
  own: its doer is the subject of the verb it serves.

Each rule only fills a role the attacher left empty, or takes back a role it gave to a
would-be doer of the object, so named arguments of the trigger always win.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..model import ActorRef
from ..resolve.actors import ActorResolver
from .arguments import ActorRoles
from .role_gaps import same_side

# Verbs and nouns of giving people or things over to another party ("handed over", "the
# handover of", "transferred", "extradited", "deported", "surrendered to").  "return" and
# "release" are left out: "returned to their homes", "released to the media" name no party.
TRANSFER_LEMMAS = frozenset(
    {
        "hand",
        "handover",
        "transfer",
        "deliver",
        "extradite",
        "extradition",
        "deport",
        "deportation",
        "repatriate",
        "repatriation",
        "surrender",
    }
)
# Verbs of taking goods ("seized a truck of captagon") and of taking the people caught with
# them ("and arrested two men"): one stop, whose other party is who was arrested.
SEIZURE_LEMMAS = frozenset({"seize", "confiscate", "impound", "intercept"})
ARREST_LEMMAS = frozenset({"arrest", "detain", "apprehend", "capture"})
# Arcs by which a trigger verb holds the thing its deed is done to ("foiled an attempt",
# passive "an attempt ... was foiled").
OBJECT_ARCS = ("dobj", "nsubjpass")


def other_party(roles: ActorRoles, trigger: Token, actors: list[Span]) -> ActorRoles:
    """``roles`` with the recipient of a transfer, the would-be doers of a thwarted or broken
    up deed, and the doer of a purpose clause filled in where the parse left them out."""
    roles = _recipient(roles, trigger, actors)
    roles = _arrested_with(roles, trigger, actors)
    roles = _attempters(roles, trigger, actors)
    return _would_be_doers(roles, trigger, actors)


def _candidate_at(token: Token, actors: list[Span]) -> Span | None:
    """The actor candidate ``token`` heads or holds ("a group of armed men": the men)."""
    members = _after(token, "of")
    inner = _candidate_at(members, actors) if members is not None else None
    if inner is not None:
        return inner
    for span in actors:
        if span.start <= token.i < span.end:
            return span
    inside = [s for s in actors if token.left_edge.i <= s.start and s.end <= token.right_edge.i + 1]
    return inside[0] if inside else None


def _after(head: Token, preposition: str) -> Token | None:
    """The object of ``head``'s preposition ``preposition`` ("to" -> "the authorities")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _recipient(roles: ActorRoles, trigger: Token, actors: list[Span]) -> ActorRoles:
    """ "Lebanon handed over 41 prisoners to Syrian authorities": the authorities who receive
    them are actor2 (the prisoners were handed, they are no side).  The "to" phrase may hang
    on the verb, on the noun trigger, or on what was handed ("the handover of prisoners to")."""
    if trigger.lemma_.lower() not in TRANSFER_LEMMAS:
        return roles
    holders = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "pobj"))]
    holders += [p for c in trigger.children if c.dep_ == "prep" for p in c.children]
    for holder in holders:
        target = _after(holder, "to")
        found = _candidate_at(target, actors) if target is not None else None
        if found is None:
            continue
        if found == roles.actor1:
            # "the handover of prisoners to the authorities": who receives never hands over
            return replace(roles, actor1=None, actor2=found) if roles.actor2 is None else roles
        handed = roles.actor2 is not None and roles.actor2.root.head == trigger
        if roles.actor2 is None or (handed and roles.actor2.root.dep_ == "dobj"):
            return replace(roles, actor2=found)
        return roles
    return roles


def _arrested_with(roles: ActorRoles, trigger: Token, actors: list[Span]) -> ActorRoles:
    """ "The army seized 300 kilograms of hashish and arrested three men": the seizure's
    other party is the people the same doer arrested with it (a seizure and the arrests of
    the same stop are one happening), not left unnamed."""
    if trigger.lemma_.lower() not in SEIZURE_LEMMAS or roles.actor2 is not None:
        return roles
    verbs = [c for c in trigger.children if c.dep_ == "conj"]
    if trigger.dep_ == "conj":
        verbs.append(trigger.head)
    for verb in verbs:
        if verb.lemma_.lower() not in ARREST_LEMMAS:
            continue
        held = next((c for c in verb.children if c.dep_ == "dobj"), None)
        found = _candidate_at(held, actors) if held is not None else None
        if found is not None and found != roles.actor1:
            return replace(roles, actor2=found)
    return roles


def _own_subject(verb: Token, actors: list[Span]) -> Span | None:
    """The subject of ``verb``, or of the verb its purpose clause serves ("soldiers fired tear
    gas to break up ...": the soldiers)."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
        if subject is not None:
            if subject.dep_ == "agent":
                subject = next((c for c in subject.children if c.dep_ == "pobj"), subject)
            return _candidate_at(subject, actors)
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if not (infinitive and verb.dep_ in ("advcl", "xcomp") and verb.head.i != verb.i):
            return None
        verb = verb.head


def _would_be_doers(roles: ActorRoles, trigger: Token, actors: list[Span]) -> ActorRoles:
    """ "Troops foiled an attempt by armed men to cross": the men are actor2; "soldiers fired
    tear gas to break up a protest by farmers": the farmers are the protest's, the other side
    of its breaking up, whose doer is the soldiers."""
    if trigger.pos_ != "VERB":
        return roles
    active = not any(c.dep_ == "auxpass" for c in trigger.children)
    things = [c for c in trigger.children if c.dep_ in OBJECT_ARCS]
    for thing in things:
        # the "by" phrase may hang on the object or, misattached, on an active verb (an
        # active verb's doer is its subject, never a "by" phrase)
        owner = _after(thing, "by") or (_after(trigger, "by") if active else None)
        found = _candidate_at(owner, actors) if owner is not None else None
        if found is None:
            continue
        doer = _own_subject(trigger, actors)
        if roles.actor1 == found:
            roles = replace(roles, actor1=doer if doer != found else None)
        elif roles.actor1 is None and doer is not None and doer != found:
            roles = replace(roles, actor1=doer)
        if roles.actor2 is None and roles.actor1 != found:
            roles = replace(roles, actor2=found)
        return roles
    return roles


def _attempters(roles: ActorRoles, trigger: Token, actors: list[Span]) -> ActorRoles:
    """ "Police thwarted a bid by armed men to storm the prison": the deed attempted
    ("storm") is done by the attempt's owners (the men), and whoever thwarted the attempt
    met them (the police), the other side."""
    attempt = trigger.head
    if trigger.dep_ != "acl" or attempt.pos_ != "NOUN" or attempt.i == trigger.i:
        return roles
    owner = _after(attempt, "by")
    found = _candidate_at(owner, actors) if owner is not None else None
    if found is None:
        return roles
    if roles.actor1 is None:
        roles = replace(roles, actor1=found)
    thwarter = _own_subject(attempt.head, actors) if attempt.dep_ in OBJECT_ARCS else None
    if attempt.dep_ == "nsubjpass":
        agent = next((c for c in attempt.head.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        thwarter = _candidate_at(pobj, actors) if pobj is not None else None
    if roles.actor2 is None and thwarter is not None and thwarter != roles.actor1:
        roles = replace(roles, actor2=thwarter)
    return roles


def own_forces(base: ActorResolver, actor1: ActorRef | None, actor2: ActorRef | None) -> bool:
    """Whether ``actor2`` is no other side of a state force ``actor1``: the same side, or
    unnamed state forces ("a soldier was wounded" beside "Lebanese troops"), which the event's
    country makes the same forces."""
    if actor1 is None or actor2 is None:
        return False
    unnamed = actor1.inter == actor2.inter == 1 and base.kind_of(actor2.actor_id) == "generic"
    return unnamed or same_side(actor1, actor2)


def thwarted_by(doer: Span | None, trigger: Token, actors: list[Span]) -> Span | None:
    """The other side of a deed whose doer is known and whose other side is not (run once
    its roles are resolved: a wounded soldier of the doer's own is no other side).  "Troops
    foiled an attempt by armed men to cross, and a soldier was wounded in the exchange of
    fire that followed": the doer's deed in the same sentence was done to the would-be doers
    of what it thwarted."""
    if doer is None:
        return None
    for verb in trigger.sent:
        if verb.pos_ != "VERB" or verb.i == trigger.i or _own_subject(verb, actors) != doer:
            continue
        for thing in (c for c in verb.children if c.dep_ == "dobj"):
            owner = _after(thing, "by")
            found = _candidate_at(owner, actors) if owner is not None else None
            if found is not None and found != doer:
                return found
    return None
