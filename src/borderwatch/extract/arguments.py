"""Attach arguments to a trigger: who acted, on whom and with whom (where: :mod:`.tree_places`;
how many: ``counts``).

The parse does the attachment: an actor hanging from the trigger's subject arc acted, one under
its object or under "against" was acted on, one under "with" in a joint action was an ally.
Where the subject or object is a relative pronoun or was raised by a verb of saying, the noun
it stands for takes its role (:mod:`.relatives`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .clauses import sequence_noun
from .coordinated_sides import coordinated_sides, reciprocal_sides
from .delivery import carries, delivered, hits, measure_of
from .membership import group_named
from .naming_loyalty import loyalty_target
from .raising import controlled_object
from .relatives import carrier_subject, deed_doer, holder, raised_subject, referent
from .syntax import (
    AGENT_ARCS,
    ALLY_PREPS,
    PATIENT_ARCS,
    PATIENT_PREPS,
    SUPPORT_VERBS,
    arc_below,
    governing_verb,
    path_up,
)


@dataclass(frozen=True)
class ActorRoles:
    actor1: Span | None
    actor2: Span | None
    ally: Span | None  # associated with actor1
    ally2: Span | None = None  # associated with actor2


# Verbs that make the actor below them a backer, not a party: "rebels backed by Turkey",
# "Iran-backed militias", "forces led by the coalition".
BACKING_VERBS = frozenset({"back", "support", "assist", "aid", "arm", "fund", "sponsor", "lead"})
# "PYD-linked Asayish forces": the premodifying name is who a named force is tied to
# (associated), the force itself the actor.
AFFILIATING_PARTICIPLES = frozenset({"link", "affiliate", "align", "ally"})
# "X-led forces", "Kurdish-led forces": the leader (or the forces it leads) fights, not a
# backer ("a US-led strike": the leader did it).
LEADING_VERBS = frozenset({"lead"})
# Prepositions that put an actor under another's command: "rebels under Operation X".
COMMAND_PREPS = frozenset({"under"})
# Clauses of their own: an actor inside one is not the trigger's ("troops who were attacked by
# gunmen retaliated": the gunmen did not retaliate).
OWN_CLAUSE_ARCS = frozenset({"relcl", "advcl", "ccomp", "csubj", "acl", "xcomp", "parataxis"})
PERSONAL_PRONOUNS = frozenset({"they", "them", "it", "he", "him", "she", "her"})


@dataclass(frozen=True)
class _Found:
    span: Span
    role: str  # agent, patient, ally, between
    associated: bool  # under / backed by another actor of the same side
    coordinated: bool  # "A and B": the second of coordinated actors
    appositive: bool = False  # "Hezbollah, the Iran-backed group": another name of its head


def attach_actors(
    trigger: Token, actors: list[Span], kind: str | None, *, symmetric: bool = False
) -> ActorRoles:
    """Who acted (actor1), on whom (actor2) and with whom (ally, ally2) for ``trigger``.
    ``symmetric`` events (clashes, agreements, meetings) take the second of coordinated
    subjects as actor2 ("Lebanon and Syria agreed"); others as actor1's associate ("Turkish
    forces and rebels shelled")."""
    found = [f for f in (_found(trigger, s, kind, actors) for s in actors) if f is not None]
    found = [_group_of(f, actors) for f in found]
    controlled = controlled_object(trigger)  # "ordered troops to storm": the troops did
    if controlled is not None and not any(f.role in ("agent", "between") for f in found):
        found += [_Found(s, "agent", False, False) for s in actors if s.root == controlled][:1]
    for verb in _clause_verbs(trigger):
        if any(f.role in ("agent", "between") for f in found):
            break
        # a noun trigger in the verb's prepositional phrase shares its object too ("engaged
        # peacekeepers in a firefight"), and so does a weapon delivered ("fired missiles at an
        # army post"); a coordinated verb's object is its own
        with_target = trigger.head.dep_ == "prep" or delivered(trigger) or hits(trigger)
        shared = ("agent", "between", "patient") if with_target else ("agent", "between")
        for f in (_found(verb, s, kind, actors) for s in actors):
            if f is not None and f.role in shared and not f.span.start <= trigger.i < f.span.end:
                found.append(_group_of(f, actors))
    found = _unique(found + [_group_of(f, actors) for f in _stood_for(trigger, actors, found)])
    agents = _named_first([f for f in found if f.role == "agent"])
    patients = _named_first([f for f in found if f.role == "patient"])
    between = [f.span for f in found if f.role == "between"]
    agent = _main(agents) or (between[0] if between else None)
    patient = _main(patients) or (between[1] if len(between) > 1 else None)
    ally = next((f.span for f in found if f.role == "ally"), None)
    ally2 = None
    for f in agents:
        if f.span is agent or not (f.coordinated or f.associated):
            continue
        if f.coordinated and symmetric and patient is None:
            patient = f.span
        elif ally is None:
            ally = f.span
    for f in patients:
        if f.span is not patient and ally2 is None and (f.coordinated or f.associated):
            ally2 = f.span
    if symmetric and patient is None and agent is not None:
        # "Turkish and Kurdish forces clashed": the two nationalities are the two sides
        agent, patient = coordinated_sides(agent) or (agent, patient)
    if patient is None:  # "A and B shelled each other's positions"
        agent, patient = reciprocal_sides(trigger, actors) or (agent, patient)
    agent = agent or _antecedent(trigger, ("nsubj",), actors, exclude=patient)
    patient = patient or _antecedent(trigger, ("dobj", "nsubjpass"), actors, exclude=agent)
    return ActorRoles(agent, patient, ally, ally2)


def _unique(found: list[_Found]) -> list[_Found]:
    """``found`` less a span found again (the first finding stands)."""
    seen: set[tuple[int, int]] = set()
    unique = []
    for f in found:
        if (f.span.start, f.span.end) not in seen:
            seen.add((f.span.start, f.span.end))
            unique.append(f)
    return unique


def _stood_for(trigger: Token, actors: list[Span], found: list[_Found]) -> list[_Found]:
    """The roles the parse left open that a relative pronoun or a raising verb of saying fills
    (:mod:`.relatives`): "Hezbollah, which fought Israel", "militants who carried out the
    attack", "soldiers were said to have been killed".  A verb the trigger shares its subject
    with lends only its doer; a place is never the one acted on ("Aleppo, which was shelled")."""
    taken = {f.role for f in found} & {"agent", "patient", "between"}
    if "between" in taken:
        return []
    pointers = [(raised_subject(trigger), True), (referent(trigger), True)]
    pointers += [(referent(verb), False) for verb in _clause_verbs(trigger)]
    # "regime forces are believed to have carried out the strike": the carrier's raised doer
    pointers += [(raised_subject(verb), False) for verb in _clause_verbs(trigger)]
    stood: list[_Found] = []
    for pointer, own in pointers:
        if pointer is None or pointer[0].i == trigger.i:
            continue
        token, arc = pointer
        dying = trigger.lemma_.lower() in DYING_VERBS
        role = "agent" if arc == "nsubj" and not dying else "patient"
        if role in taken or (role == "patient" and not own):
            continue
        span = holder(token, actors)
        if span is None and role == "agent":
            span = deed_doer(token, actors)  # "the rebels' attacks, which killed ..."
        if span is None or (role == "patient" and _place(span)):
            continue
        taken.add(role)
        stood.append(_Found(span, role, False, False))
    return stood


def _place(span: Span) -> bool:
    return span.label_ in ("GPE", "LOC", "FAC") or span.ent_id_.startswith("place:")


# Verbs by which a party makes a deal its own ("Ukraine ratified an agreement with the EU",
# "the two sides concluded / sealed a truce"): their subject is a party to it, as the subject
# of "signed" is (``SUPPORT_VERBS``).
DEALING_VERBS = frozenset({"ratify", "conclude", "seal", "finalise", "finalize"})


def _clause_verbs(trigger: Token) -> list[Token]:
    """Verbs whose arguments a trigger without its own subject shares: the verb a noun
    trigger is carried by ("launched an offensive", "clashes took place between ...",
    "engaged peacekeepers in a firefight") and the verb a subjectless verb is coordinated
    with or complements ("seized ... and arrested", "moved in to arrest")."""
    if trigger.pos_ == "NOUN":
        measure = measure_of(trigger)
        if measure is not None:  # "a series of car bombings claimed by IS", "fired a
            return [measure, *_clause_verbs(measure)]  # barrage of rockets": the measure's
        verb = governing_verb(trigger)
        if verb is None:
            return []
        if sequence_noun(trigger):
            return []  # "attacked the post after the arrest of a man": another happening's
        carried = verb.lemma_ in SUPPORT_VERBS | DEALING_VERBS or trigger.head.dep_ == "prep"
        if not (carried or delivered(trigger) or hits(trigger)):
            return []
        # "the regime continued to launch attacks on Aleppo": the verb the deed is an argument
        # of takes the subject of the verb it completes or is joined to (not a verb the deed
        # hangs under through another noun: "reiterates support for Iraq in the fight")
        argument = trigger.head == verb or (
            trigger.head.dep_ == "prep" and trigger.head.head == verb
        )
        above = _inherited_subject(verb) if argument else None
        return [verb] if above is None else [verb, above]
    subject = _inherited_subject(trigger)
    return [subject] if subject is not None else []


# Verbs whose subject suffered the event ("twelve civilians died in the shelling"): the
# victims, never its doer.
DYING_VERBS = frozenset({"die", "perish"})
# Verbs by which a side is said to have suffered its own dead ("the rebels lost two fighters"):
# the subject is the side that suffered, the object its own people.
LOSING_VERBS = frozenset({"lose"})
# Nouns of firing whose "of" phrase names who fired ("under the heavy mortar fire of Nusra
# militants"), where other event nouns' "of" names the target ("the killing of civilians").
FIRING_NOUNS = frozenset({"fire", "gunfire", "sniping"})


def _group_of(found: _Found, spans: list[Span]) -> _Found:
    """The group a found actor's people belong to stands in for them (:mod:`.membership`);
    irregulars loyal to someone keep their own words, which :mod:`.naming_loyalty` names."""
    if loyalty_target(found.span) is not None:
        return found
    group = group_named(found.span, spans)
    if group is None:
        return found
    return _Found(group, found.role, found.associated, found.coordinated)


def _named_first(found: list[_Found]) -> list[_Found]:
    """An appositive name replaces a generic head ("the group, Hezbollah"); other appositives
    are dropped (they name the same actor again)."""
    heads = [f for f in found if not f.appositive]
    names = [f for f in found if f.appositive and _named(f.span)]
    if names and (not heads or not _named(heads[0].span)):
        return names + heads[1:]
    return heads


def names_an_actor(span: Span) -> bool:
    """A proper name of an organisation or a person, or an actor of the base (not a
    nationality): what a generic word beside it in one phrase stands for."""
    return _named(span)


def _named(span: Span) -> bool:
    return span.label_ in ("ORG", "PERSON") or (
        span.ent_id_.startswith("actor:") and span.label_ != "NORP"
    )


def _main(found: list[_Found]) -> Span | None:
    """The side's main actor: the first neither associated nor coordinated, else the first."""
    plain = [f for f in found if not f.associated and not f.coordinated]
    return (plain or found)[0].span if found else None


def _found(trigger: Token, span: Span, kind: str | None, actors: list[Span]) -> _Found | None:
    path = path_up(span.root, trigger) or []
    outside = [t for t in path if not span.start <= t.i < span.end]
    role = _own_prep_role(span, outside) or _role_of(trigger, span, kind)
    if role is None and carrier_subject(path, trigger):
        role = "agent"  # "the offensive, which the army launched"
    if role is None and any(
        t.dep_ == "prep" and t.lower_ in ALLY_PREPS and not _fought_with(t) for t in outside
    ):
        role = "ally"  # "captured ... in a joint offensive with the Syrian army"
    if role is None:
        return None
    if any(
        t.dep_ in OWN_CLAUSE_ARCS and t.lemma_ not in BACKING_VERBS and not carries(t, trigger)
        for t in outside
    ):
        return None
    associated = any(
        (t.dep_ == "prep" and t.lower_ in COMMAND_PREPS)
        or (t.lemma_ in BACKING_VERBS and t.dep_ in ("acl", "compound"))
        or (t.lemma_ in BACKING_VERBS and t.dep_ == "amod" and not _leads(t, span))
        or (t.lemma_ in AFFILIATING_PARTICIPLES and t.dep_ == "amod" and _named_head(t))
        or (t.lower_ == "by" and t.head.lemma_ in BACKING_VERBS)
        for t in outside
    ) or any(
        t.lemma_ in BACKING_VERBS and t != span.root  # "a US-led strike": the leader did it
        for t in span
        if t.dep_ in ("amod", "compound")
        # a name of the base that says who leads it ("Kurdish-led forces") is the actor
        and not _leads(t, span)
    )
    associated = associated or (role == "agent" and _partner_of_subject(span))
    # "Syrian and Russian jets": "Russian" is coordinated with a word before the span
    coordinated = (
        span.root.dep_ == "conj"
        or any(t.dep_ == "conj" for t in outside)
        or any(t.dep_ == "conj" and t.head.i < span.start for t in span)
    )
    return _Found(span, role, associated, coordinated, _appositive(span, actors))


# Nouns of fighting between two sides: "with" after them names the enemy ("after clashes
# with IS"), never an ally.
FIGHT_NOUNS = frozenset(
    {"clash", "fighting", "fight", "battle", "firefight", "gunfight", "skirmish", "confrontation"}
)


# Words of dealing with another party: "with" after them names the other party ("talks with
# IS began", "agreed with Syria"), as ACLED codes an agreement's two sides.
COUNTERPART_WORDS = frozenset(
    {"talk", "negotiation", "negotiate", "agree", "agreement", "deal", "truce", "ceasefire"}
)


def _partner_of_subject(span: Span) -> bool:
    """ "The army, together with Hezbollah fighters, attacked ...", "the rebels, alongside
    Turkish troops, ...": a side joined to a named doer by "with" acts with it, as its
    associate (ACLED's associated actor), not as a second doer nor its enemy."""
    root = span.root
    while root.dep_ in ("compound", "amod", "nmod") and root.head.i != root.i:
        root = root.head  # "along with Hezbollah fighters": the name stands for its fighters
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in ALLY_PREPS
        and prep.head.pos_ not in ("VERB", "AUX")  # "clashed with X": the enemy
        and not _fought_with(prep)
    )


def _fought_with(prep: Token) -> bool:
    """Whether ``prep`` ("with") introduces the other side of a fight ("regained the village
    after clashes with IS"), not a partner in a deed ("an offensive with the army")."""
    return prep.head.lemma_.lower() in FIGHT_NOUNS


def _named_head(participle: Token) -> bool:
    """ "PYD-linked Asayish forces": the participle modifies a name of its own (an organisation),
    not a generic noun ("al-Qaeda-linked militants" are named by whom they are linked to)."""
    head = participle.head
    return head.ent_type_ == "ORG" or any(
        c.ent_type_ == "ORG" for c in head.lefts if c.i > participle.i
    )


def _leads(participle: Token, span: Span) -> bool:
    """ "YPG-led forces": a group of the base leading the forces fights with them, their
    actor; a state leading a deed ("a US-led strike") is named by :mod:`.naming`."""
    return participle.lemma_ in LEADING_VERBS and span.ent_id_.startswith("actor:")


def _appositive(span: Span, actors: list[Span]) -> bool:
    """Whether ``span`` renames another candidate ("Hezbollah, the Iran-backed group"); one
    in apposition to a plain noun ("his counterpart Ahmad al-Sharaa") is the actor itself."""
    root = span.root
    if root.dep_ != "appos":
        return False
    return any(a is not span and a.start <= root.head.i < a.end for a in actors)


def _own_prep_role(span: Span, outside: list[Token]) -> str | None:
    """The role the span's own preposition gives it, wherever that phrase hangs: "captured
    ... by Hezbollah" (agent), "an offensive against IS" (patient), "killed at the hands of
    X" and "killed under the shelling of X" (agent: who dealt what the victims suffered)."""
    root = span.root
    # "between Hezbollah fighters and ...": a name premodifying the preposition's noun stands
    # for it; a coordinated noun stands where the first of its list does
    while root.dep_ in ("conj", "compound", "amod", "nmod") and root.head.i != root.i:
        root = root.head
    if root.dep_ != "pobj" or root.head not in outside:
        return None
    prep = root.head.lower_
    if prep == "by" and root.head.head.lemma_ not in BACKING_VERBS:
        return "agent"
    if prep == "of" and _suffered(root.head.head):
        return "agent"
    if prep == "against":
        return "patient"
    if prep == "between":
        return "between"
    return None


# Nouns of a deed whose "of" phrase names the doer once the victims are said to be "under"
# it ("under the fire / shelling / bombardment of X") or "at the hands of" someone.
SUFFERED_NOUNS = frozenset(
    {"fire", "gunfire", "shelling", "bombardment", "bombing", "attack", "strike", "raid", "hand"}
)
# The prepositions by which victims suffer such a deed.
SUFFERING_PREPS = frozenset({"under", "at"})


def _suffered(noun: Token) -> bool:
    """ "under the shelling of X", "at the hands of X": a deed noun the victims are under."""
    return (
        noun.lemma_.lower() in SUFFERED_NOUNS
        and noun.dep_ == "pobj"
        and noun.head.lower_ in SUFFERING_PREPS
        and (noun.lemma_.lower() == "hand") == (noun.head.lower_ == "at")
    )


def _inherited_subject(trigger: Token) -> Token | None:
    """The verb whose subject a subjectless trigger shares: "the army seized ... and
    arrested two men", "troops moved in to arrest him", "jets bombed the town, killing
    five", and through a subjectless verb it shares ("gunmen raided the village, killing two
    and abducting five others": the raiders abducted)."""
    above = _shared_verb(trigger)
    for _ in range(2):
        higher = _shared_verb(above) if above is not None else None
        if higher is None:
            break
        above = higher
    return above


def _shared_verb(trigger: Token) -> Token | None:
    if trigger.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return None
    if trigger.dep_ in ("conj", "xcomp") and trigger.head.pos_ in ("VERB", "AUX"):
        return trigger.head
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.pos_ == "VERB":
        return trigger.head  # "warplanes bombed Douma, killing five": the bombers killed
    return None


# Pronouns that stand for several actors at once.
PLURAL_PRONOUNS = frozenset({"they", "them"})


def _antecedent(
    trigger: Token, arcs: tuple[str, ...], actors: list[Span], exclude: Span | None
) -> Span | None:
    """The actor a pronoun argument of the trigger refers back to ("routed them"): the
    nearest actor named before it in the sentence, other than ``exclude``."""
    pronoun = personal_pronoun(trigger, arcs)
    if pronoun is None:
        return None
    before = [a for a in actors if a.end <= pronoun.i and a != exclude]
    if not before:
        return None
    nearest = before[-1]
    if pronoun.lower_ in PLURAL_PRONOUNS:
        # "the YPG and the FSA said they captured ...": "they" are the coordinated actors,
        # and ACLED names the first as the doer
        first = nearest.root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        named = [e for e in first.doc.ents if e.start <= first.i < e.end]  # a speaker too
        nearest = next((a for a in before + named if a.start <= first.i < a.end), nearest)
    return nearest


def personal_pronoun(trigger: Token, arcs: tuple[str, ...]) -> Token | None:
    """The trigger's (or the verb it shares a subject with) pronoun argument on ``arcs``."""
    for verb in (trigger, _inherited_subject(trigger)):
        if verb is None:
            continue
        for child in verb.children:
            if child.dep_ in arcs and child.lower_ in PERSONAL_PRONOUNS:
                return child
    return None


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
            # "clashed with X": the other side; "fought alongside X": always an ally
            opposed = prep == "with" and kind == "attack" and trigger.lemma_ != "offensive"
            # "talks with X", "agreed a truce with X": X is the other party, not a partner
            opposed = opposed or (prep == "with" and trigger.lemma_.lower() in COUNTERPART_WORDS)
            return "patient" if opposed else "ally"
        if prep == "of" and (trigger.lemma_.lower() in FIRING_NOUNS or _suffered(trigger)):
            return "agent"
        if prep == "at" and any(g.lemma_.lower() == "hand" for g in child.children):
            return "agent"  # "killed at the hands of X": X killed them
        if prep == "from" and kind in ("territory", "seize"):
            return (
                "patient"  # "regained Palmyra from ISIS", "seized al-Bab from IS": taken from them
            )
        if prep in PATIENT_PREPS:
            return "patient"
        return None
    if child.dep_ == "agent":
        return "agent"
    losing = trigger.lemma_.lower() in LOSING_VERBS
    if losing and child.dep_ == "dobj":
        return None  # "the rebels lost two fighters": their own, no other side
    if child.dep_ in PATIENT_ARCS or (
        child.dep_ == "nsubj" and (trigger.lemma_.lower() in DYING_VERBS or losing)
    ):
        return "patient"
    if child.dep_ in AGENT_ARCS:
        return "agent"
    return None
