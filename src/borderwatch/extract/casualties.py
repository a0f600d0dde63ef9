"""Who suffered an event and who dealt it, read from the verbs that tell its casualties.

War reporting often tells an event by its dead: "soldiers were killed during clashes with
rebels" (the clash's side is the dead's), "the car bomb killed 20 people" (the casualties of
the act), "seven civilians were killed when regime helicopters dropped barrel bombs" (the clause
saying how they died names the killer), "the YPG repelled an ISIS attack" (who fought it off is
its other side).  :mod:`.roles` fills the roles the parse leaves open with what these say.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .arguments import DYING_VERBS, LOSING_VERBS, names_an_actor
from .delivery import CARRYING_VERBS
from .membership import group_named
from .sense import CASUALTY_VERBS
from .tolls import COMPANY_PREPS


def _casualty_verb(trigger: Token) -> Token | None:
    """The verb telling the casualties of the act ``trigger`` names, when the act is its
    cause: "the car bomb killed 20 people" (the act its subject), "two civilians were
    injured when a shell hit their house" (the act the clause of how they were hurt)."""
    head = trigger.head
    if trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" and head.lemma_ in CASUALTY_VERBS:
        return head
    if trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj":
        # "a car bomb exploded near the checkpoint, killing six guards": the participle tells
        # the casualties of what the act's own verb says happened
        told = [c for c in head.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
        casualty = next((c for c in told if c.lemma_ in CASUALTY_VERBS), None)
        if casualty is not None:
            return casualty
    clause = head if trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" else trigger
    how = any(c.dep_ in ("mark", "advmod") and c.lower_ in HOW_MARKERS for c in clause.children)
    if clause.dep_ == "advcl" and how and clause.head.lemma_ in CASUALTY_VERBS:
        return clause.head
    return None


def carrier_patient(trigger: Token, actors: list[Span]) -> Span | None:
    """The actor on whom the verb carrying a noun trigger's phrase acted: the soldiers of
    "soldiers were killed during clashes with rebels"; or the casualties of a verb the act
    caused ("the car bomb killed 20 people", see :func:`_casualty_verb`)."""
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.lemma_ in REPELLING:
        # "the YPG repelled an ISIS attack": who fought the attack off is its other side
        return _patient_of(trigger.head, frozenset({"nsubj"}), trigger, actors)
    verb = _casualty_verb(trigger) or _carrying_verb(trigger)
    if verb is None:
        return None
    arcs: frozenset[str] = frozenset({"nsubjpass", "dobj"})
    if verb.lemma_ in DYING_VERBS:
        arcs = arcs | {"nsubj"}  # "civilians died in the shelling"
    if verb.lemma_ in LOSING_VERBS:
        arcs = frozenset({"nsubj"})  # "Hezbollah lost three fighters in the battle": Hezbollah
    return _patient_of(verb, arcs, trigger, actors)


def _carrying_verb(trigger: Token) -> Token | None:
    """The verb whose phrase carries a noun trigger through prepositions: "killed in an air
    strike", and "killed along with 15 other members in an air strike" where the parser hangs
    the strike off the last noun before it (through the prepositions of company, COMPANY_PREPS,
    the verb still carries the deed named after them)."""
    if trigger.pos_ != "NOUN" or trigger.head.dep_ != "prep":
        return None
    head = trigger.head.head
    for _ in range(2):
        prep = head.head
        if head.pos_ == "VERB" or head.dep_ != "pobj" or prep.lower_ not in COMPANY_PREPS:
            break  # not "at the hands of X in the battle": only company is carried through
        head = prep.head  # "with 15 other members" -> "killed"
    return head if head.pos_ == "VERB" else None


def repelled(trigger: Token) -> bool:
    """ "fighters repelled an attack by regime forces": the attack's target is who fought it off."""
    return trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.lemma_ in REPELLING


def _patient_of(
    verb: Token, arcs: frozenset[str], trigger: Token, actors: list[Span]
) -> Span | None:
    """The actor ``verb`` names by one of ``arcs``, other than the one holding ``trigger``."""
    patients = [c for c in verb.children if c.dep_ in arcs]
    found = [
        actor
        for actor in actors
        if any(actor.start <= p.i < actor.end or p.i == actor.root.head.i for p in patients)
        and not actor.start <= trigger.i < actor.end
    ]
    # "the rebel group Ahrar al-Sham lost ten fighters": the name, not the generic modifier
    actor = next((a for a in found if names_an_actor(a)), found[0] if found else None)
    return None if actor is None else group_named(actor, actors) or _member_group(actor, actors)


# Verbs of fighting an attack off: the attack happened (a battle), and their subject is its
# other side ("the YPG repelled an ISIS attack", "troops repulsed a rebel assault").
REPELLING = frozenset({"repel", "repulse", "fend"})  # "fended off an assault"


# Conjunctions of a clause that says how the victims of a passive killing died ("were killed
# when / as / after warplanes struck the market").
HOW_MARKERS = frozenset({"when", "as", "after"})


def doer_of_how(trigger: Token, actors: list[Span], victims: Span | None) -> Span | None:
    """ "Seven civilians were killed when regime helicopters dropped barrel bombs": the
    subject of the clause saying how passive victims died is who killed them."""
    passive = trigger.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in trigger.children)
    if not passive:  # "their vehicle hit a mine planted by IS": the deed's clause is the how
        laid = _layer_of_what_hit(trigger, actors) if trigger.pos_ == "VERB" else None
        return laid if laid != victims else None
    for clause in trigger.children:
        marked = any(
            c.dep_ in ("mark", "advmod") and c.lower_ in HOW_MARKERS for c in clause.children
        )
        if clause.dep_ != "advcl" or not marked:
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        for actor in actors:
            if actor != victims and any(actor.start <= s.i < actor.end for s in subjects):
                return group_named(actor, actors) or _member_group(actor, actors)
        laid = _layer_of_what_hit(clause, actors)
        if laid is not None and laid != victims:
            return laid
    return None


def _layer_of_what_hit(clause: Token, actors: list[Span]) -> Span | None:
    """ "killed when their vehicle hit a mine planted by IS", "when their bus drove over a
    bomb laid by militants": the one who laid what the victims ran into killed them."""
    things = [c for c in clause.children if c.dep_ == "dobj"]
    preps = [p for p in clause.children if p.dep_ == "prep"]
    things += [o for p in preps for o in p.children if o.dep_ == "pobj"]
    for thing in things:
        for participle in thing.children:
            if participle.dep_ != "acl" or participle.lemma_.lower() not in CARRYING_VERBS:
                continue
            by = [o for a in participle.children if a.dep_ == "agent" for o in a.children]
            found = next((a for a in actors if any(a.start <= o.i < a.end for o in by)), None)
            if found is not None:
                return found
    return None


def _member_group(actor: Span, actors: list[Span]) -> Span:
    """ "Members of the pro-regime forces": the forces they belong to."""
    for prep in actor.root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        below = {t.i for c in prep.children if c.dep_ == "pobj" for t in c.subtree}
        for other in actors:
            if other is not actor and other.root.i in below:
                return other
    return actor
