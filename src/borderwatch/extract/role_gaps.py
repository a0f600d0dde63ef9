"""The roles the parse left open or filled wrongly, mended from how news names the sides
(:func:`completed`, :func:`gaps_filled`) and from the event's other triggers
(:func:`with_other_triggers`): split from :mod:`.roles`, which chooses and resolves them."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..model import ActorRef
from ..resolve.actors import nationality
from .arguments import (
    ActorRoles,
    attach_actors,
)
from .candidates import (
    CIVILIAN_HEADS,
    controller,
)
from .casualties import doer_of_how
from .clause_roles import carrier
from .clauses import acts_on
from .membership import MEMBER_HEADS
from .naming import CIVILIANS_ID, UNIDENTIFIED_FORCES_ID, VIOLENT_TYPES
from .owned_targets import fighters_side, owner_of_target
from .relatives import aimed_clause
from .sides import (
    ONE_SIDED_NOUNS,
    accused,
    blamed,
    controlling_subject,
    deed_owner,
    inside_instrument,
    instrument_sender,
    lost_people,
    name_before,
    named_before,
    other_side,
)
from .triggers import TriggerMatch


def side_of(span: Span | None, event_type: str) -> Span | None:
    """A victim named by another trigger of the event ("a soldier was wounded"): one side of a
    battle when armed, never a civilian (civilians killed in a battle are not its side)."""
    if span is None or event_type != "Battles":
        return span
    civilian = span.root.lemma_.lower() in CIVILIAN_HEADS or span.ent_id_ == f"actor:{CIVILIANS_ID}"
    return None if civilian else span


def with_nationality(span: Span) -> str:
    """The span's text with a nationality word right before it that modifies it: the actor
    ruler marks "security forces" in "Turkish security forces", whose country is Turkey's;
    the word may modify any word of the marked name ("Russian fighter jets": "Russian" is
    the parser's modifier of "fighter")."""
    doc = span.doc
    start = span.start
    while start > 0:
        child = doc[start - 1]
        within = start <= child.head.i < span.end
        if not within or child.dep_ not in ("amod", "compound", "npadvmod"):
            break
        start = child.i
    if start == span.start or nationality(span.doc[start : span.start].text) is None:
        return span.text
    return span.doc[start : span.end].text


def led_prefix(span: Span) -> str | None:
    """ "Saudi-led" right before ``span`` ("the Saudi-led coalition's jets"), as one word."""
    doc = span.doc
    led = doc[span.start - 1] if span.start > 0 else None
    if led is None or not led.lower_.endswith("led") or led.dep_ != "amod":
        return None
    if led.lower_ != "led":
        return led.text  # "Saudi-led" as one token
    leader = [t for t in doc[max(0, led.i - 2) : led.i] if t.dep_ in ("npadvmod", "compound")]
    return f"{leader[0].text}-led" if leader else None


# Weapons that only one force used, named in the knowledge base as that force ("barrel bombs":
# the Syrian air force): the words are its instrument, never its target.
WEAPON_NOUNS = frozenset({"bomb"})
# The base's forces whose owner the words do not say ("helicopters", "security forces").
UNNAMED_FORCES = frozenset({f"actor:{UNIDENTIFIED_FORCES_ID}", "actor:state-forces-unidentified"})


# "fought each other", "attacked one another": the coordinated subjects fought between them.
RECIPROCAL_WORDS = frozenset({"other", "another", "each"})
# Verbs whose object both subjects deal each other ("A and B exchanged fire", "traded fire").
RECIPROCAL_VERBS = frozenset({"exchange", "trade"})


def done_to_an_object(verb: Token) -> bool:
    """A fighting verb with a direct object ("A and B stormed the village", "attacked army
    posts") is done by its coordinated subjects together, to the object: they are one side,
    not two ("A and B clashed", "fought each other")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in RECIPROCAL_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.lower_ not in RECIPROCAL_WORDS for o in objects)


# Verbs by which a vehicle is told by whom it carried ("a convoy carrying Iranian-backed
# militiamen", "a bus transporting soldiers"): those people are what the attack was on.
CARRYING_VERBS = frozenset({"carry", "transport", "ferry", "take"})


def carried_people(trigger: Token, actors: list[Span]) -> Span | None:
    """ "Ambushed a convoy carrying militiamen", "hit a car carrying two commanders of HTS":
    the actor a vehicle struck or attacked was carrying, when the deed names no other target
    (ACLED codes the people, not the vehicle)."""
    verb = carrier(trigger) or trigger
    for token in verb.subtree:
        if token.dep_ != "acl" or token.lemma_.lower() not in CARRYING_VERBS:
            continue
        loads = [t for c in token.children if c.dep_ == "dobj" for t in c.subtree]
        found = next((a for a in actors if any(a.start <= t.i < a.end for t in loads)), None)
        if found is not None:
            return found
    return None


def _fired_from(trigger: Token, actors: list[Span]) -> Span | None:
    """ "A child was killed by sniper fire from IS militants", "by mortar shells from regime
    positions": the deed's agent is a thing, and who it came "from" is the doer (a word for
    the shooter inside the thing's own name, "sniper", names no one better)."""
    agents = [c for c in trigger.children if c.dep_ == "agent"]
    things = [g for a in agents for g in a.children if g.dep_ == "pobj"]
    sources = [
        g
        for thing in things
        for prep in thing.children
        if prep.dep_ == "prep" and prep.lower_ == "from"
        for g in prep.subtree
    ]
    return next((a for a in actors if any(a.start <= s.i < a.end for s in sources)), None)


def _weapon_owner(actors: list[Span]) -> Span | None:
    return next(
        (a for a in actors if a.ent_id_.startswith("actor:") and a.root.lemma_ in WEAPON_NOUNS),
        None,
    )


def completed(
    roles: ActorRoles,
    token: Token,
    actors: list[Span],
    victims: list[Span | None],
    event_type: str,
) -> ActorRoles:
    """The roles the parse left open, filled as ACLED codes one-sided reports: a clash's dead
    are its sides, the clause saying how victims died names their killer, the victims of the
    verb carrying the event are its actor2, and a weapon only one force used names that force
    when the doer is unnamed aircraft or unsaid ("helicopters dropped barrel bombs")."""
    one_sided = token.lemma_.lower() in ONE_SIDED_NOUNS  # "an attack that targeted the army
    # killed three soldiers": the dead of a one-sided deed are its victims, not a second side
    if (
        roles.actor1 is None
        and roles.actor2 is not None
        and event_type == "Battles"
        and not one_sided
    ):
        # "20 soldiers were killed during clashes with rebels": the soldiers' side fought;
        # coders name a clash's sides in the order the report gives them ("15 soldiers
        # were killed and 9 rebels died": the soldiers first)
        side = next(
            (v for v in victims if v is not None and v != roles.actor2 and not lost_people(v)),
            None,
        )
        if side is not None and side.start > roles.actor2.start and side != roles.ally:
            roles = replace(roles, actor1=roles.actor2, actor2=side)
        else:
            roles = replace(roles, actor1=side)
    if roles.actor1 is None or inside_instrument(roles.actor1, token):
        # "killed by a (sniper) bullet fired by regime troops": whoever sent the thing
        sender = instrument_sender(token, actors) or _fired_from(token, actors)
        roles = replace(roles, actor1=sender or roles.actor1)
    if roles.actor1 is None:
        roles = replace(roles, actor1=doer_of_how(token, actors, roles.actor2))
    weapon = _weapon_owner(actors)
    if weapon is not None:
        if roles.actor2 == weapon:
            roles = replace(roles, actor2=None)
        unnamed = roles.actor1 is None or roles.actor1.ent_id_ in UNNAMED_FORCES
        if unnamed:
            roles = replace(roles, actor1=weapon)
    if roles.actor2 is None and victims[0] is not None and victims[0] != roles.actor1:
        roles = replace(roles, actor2=victims[0])  # "civilians died in the shelling"
    named = (name_before(span, actors) for span in astuple_roles(roles))
    return ActorRoles(*(named_before(span, actors) for span in named))


def gaps_filled(
    roles: ActorRoles,
    token: Token,
    group: list[TriggerMatch],
    actors: list[Span],
    victims: list[Span | None],
) -> ActorRoles:
    """The roles the parse left open or filled wrongly, read from how news names the sides
    (:mod:`.sides`): the holder of a shelled place is not its victim when the dead are told,
    the actor before the deed did it, and a clash's other side is the armed group nearest it."""
    primary = group[0].trigger
    if roles.actor2 is None and primary.event_type in VIOLENT_TYPES:
        roles = replace(roles, actor2=carried_people(token, actors))
    held = roles.actor2 is not None and (controller(roles.actor2) or _whose(roles.actor2))
    if held and primary.kind != "territory":
        # "shelled the regime-held town, killing two civilians": the dead, not the holder
        hurt = [attach_actors(m.span.root, actors, m.trigger.kind).actor2 for m in group[1:]]
        hurt += [aimed_at(token, actors, primary.kind)]  # "struck a convoy, targeting ..."
        dead = next((v for v in victims + hurt if v is not None and v != roles.actor2), None)
        roles = replace(roles, actor2=dead or roles.actor2)
    if roles.actor1 is None:
        deeds = [t for m in group for t in m.span]
        roles = replace(roles, actor1=deed_owner(deeds, actors, astuple_roles(roles)))
    if roles.actor1 is None:  # "rebels claimed to have killed", "accused IS of killing"
        said = (
            (
                controlling_subject(m.span.root, actors),
                accused(m.span.root, actors),
                blamed(m.span.root, actors),
            )
            for m in group
        )
        doer = next((d for found in said for d in found if d is not None), None)
        roles = replace(roles, actor1=doer if doer != roles.actor2 else None)
    if roles.actor2 is None and primary.event_type in VIOLENT_TYPES:
        # "accused Russia of shelling its positions": whose positions (owned_targets)
        roles = replace(roles, actor2=owner_of_target(token, actors, roles.actor1))
    deeds = [m.span.root for m in group] + [c for c in token.children if c.dep_ == "nsubj"]
    struck = [attach_actors(d, actors, primary.kind).actor2 for d in deeds if d.pos_ != "PRON"]
    named = [a for a in actors if a.ent_id_.startswith("actor:") or a.label_ == "ORG"]
    whose = fighters_side(roles.actor2, struck, named)  # "a strike on a Hezbollah convoy
    roles = replace(roles, actor2=whose or roles.actor2)  # killed two fighters": Hezbollah's
    aimed = aimed_clause(token)
    if roles.actor2 is None and aimed is not None and aimed.dep_ == "relcl":
        # "an attack that targeted an army post", no one told hurt (a participle of aim,
        # "strikes targeting IS", often tells a campaign's aim, not one deed's target)
        roles = replace(roles, actor2=aimed_at(token, actors, primary.kind))
    if primary.event_type == "Battles":
        return other_side(roles, actors, token)
    if primary.event_type in VIOLENT_TYPES and roles.actor1 is not None and roles.actor2 is None:
        # "its fighters killed 11 IS militants", the object misparsed: the armed group
        # named after the deed is who it was done to
        # (a weapon only one force used names its user, never whom it was dropped on)
        after = [a for a in actors if a.start > token.i and a != _weapon_owner(actors)]
        return other_side(roles, after, token)
    return roles


def aimed_at(token: Token, actors: list[Span], kind: str | None) -> Span | None:
    """Whom the clause of aim after the deed names ("an attack that targeted an army
    checkpoint", "struck a convoy, targeting Hezbollah fighters"; :func:`.relatives.
    aimed_clause`): the side acted on when no one is told hurt (ACLED codes the victims
    first), never a place."""
    aimed = aimed_clause(token)
    target = attach_actors(aimed, actors, kind).actor2 if aimed is not None else None
    if target is None or target.label_ in ("GPE", "LOC", "FAC"):
        return None
    return target


def same_side(actor1: ActorRef | None, actor2: ActorRef | None) -> bool:
    """Two refs that name one actor (by its ACLED name; unnamed words name nobody)."""
    return bool(actor1 and actor2 and actor1.canonical and actor1.canonical == actor2.canonical)


def owned_candidate(span: Span, actors: list[Span]) -> Span | None:
    """ "Assad's troops": the phrase of the candidate ``span`` is the possessive of."""
    root = span.root
    owned = next((a for a in actors if a != span and a.root == root.head), None)
    if root.dep_ != "poss" or owned is None or owned.start < span.end:
        return None
    return span.doc[span.start : owned.end]


# Heads of what carries people ("ambushed a military convoy and killed eight soldiers"): the
# people in it, when told, are the side it was done to (ACLED codes the victims' group).
CARRIER_HEADS = frozenset({"convoy", "vehicle", "bus", "truck", "car", "boat"})


def _whose(span: Span) -> bool:
    """ "opened fire on their convoy, killing two soldiers": a thing the base does not name,
    said only to be someone's by a pronoun, or a convoy that carried people; its people,
    when told, are the victims."""
    if span.ent_id_.startswith("actor:"):
        return False
    pronoun = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in span.root.children)
    people = span.root.lemma_.lower() in MEMBER_HEADS | CIVILIAN_HEADS  # "our forces"
    return (pronoun and not people) or span.root.lemma_.lower() in CARRIER_HEADS


def astuple_roles(roles: ActorRoles) -> tuple[Span | None, ...]:
    return (roles.actor1, roles.actor2, roles.ally, roles.ally2)


def _answers(extra: TriggerMatch, primary: TriggerMatch) -> bool:
    """Whether ``extra``'s clause acts on the primary's initiators ("protesters rallied before
    police dispersed them"): its doer is the event's other side, not another initiator."""
    return acts_on(extra.span.root, primary.span.root, (extra.trigger, primary.trigger))


def with_other_triggers(
    roles: ActorRoles, group: list[TriggerMatch], actors: list[Span], victims: list[Span | None]
) -> ActorRoles:
    """The gaps of ``roles`` filled from the event's other triggers ("... police dispersed
    them": the dispersers answer the crowd); their victims join ``victims``."""
    primary = group[0].trigger
    for extra in group[1:]:
        if roles.actor1 is None or roles.actor2 is None:
            more = attach_actors(extra.span.root, actors, extra.trigger.kind)
            if _answers(extra, group[0]) and roles.actor2 is None and more.actor1 is not None:
                roles = replace(roles, actor2=more.actor1)  # "... police dispersed them"
                continue
            victims.append(side_of(more.actor2, primary.event_type))
            taken = (roles.actor1, roles.actor2)
            # "seven people who attacked soldiers were arrested": who did the other deed may
            # be this event's target, never also its doer
            doer = more.actor1 if more.actor1 != roles.actor2 else None
            roles = ActorRoles(
                roles.actor1 or doer,
                roles.actor2 or side_of(more.actor2, primary.event_type),
                roles.ally or (more.ally if more.ally not in taken else None),
                roles.ally2 or side_of(more.ally2, primary.event_type),
            )
    return roles
