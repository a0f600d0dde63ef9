"""Roles that English syntax hands to a side the trigger's own arcs name the other way round.

The role attacher (:mod:`.arguments`) reads a deed's subject as its doer and its object or
"on"/"against" phrase as its target.  News English has common constructions where that reading
swaps the sides or puts the wrong side in a role (issue 22; syria_actors GUIDE.md: actor1 acts,
actor2 is the target or the victims):

* "Y came under attack by X", "Y came under fire from X": the subject of "come under" suffered
  the deed, the by/from phrase did it (:func:`came_under`);
* "A blamed X for the attack", "A accused X of shelling the town", "A held X responsible for
  the bombing": X did the deed, A only says so and is no side of it (:func:`blamed`);
* "X used chlorine gas against Y": the weapon noun is the trigger, the verb of using says who
  used it and on whom (:func:`used_on`);
* the dead named outside the deed's clause: "Several children were among the dead when jets
  bombed the town", "five fighters, killed when jets struck their base" (:func:`dead_outside`);
* "X shelled Z in retaliation for Y's attack": Y is a side of the deed answered, not of this
  one (:func:`answered_sides_out`);
* "X killed Y after they attacked the village": the pronoun subject of a clause hung on
  another stands for that clause's subject (:func:`pronoun_of_main`);
* a side named only as the holder of the place struck ("strikes on the IS stronghold of
  Raqqa killed 14 civilians", "bombs on the rebel-held town, killing eight people") is no
  target when the deed's dead are named: ACLED codes the victims (:func:`holder_gives_way`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .arguments import ActorRoles
from .candidates import controller
from .clauses import clause_top, told_cause

# Verbs that, with "under" and a deed noun, say their subject suffered it ("came under attack",
# "fell under shelling", "remained under fire").
UNDERGOING_VERBS = frozenset({"come", "fall", "remain"})
# Prepositions that name who dealt a deed the subject came under ("by X", "from X").
DEALT_BY = frozenset({"by", "from"})
# Verbs of laying a deed on someone, with the preposition that introduces the deed: the
# object (or the passive subject) is who did it ("blamed X for", "accused X of", "held X
# responsible for").
BLAMING = {"blame": "for", "accuse": "of", "hold": "for"}
# Adjectives by which "hold" lays a deed on its object ("held X responsible for").
LIABLE = frozenset({"responsible", "accountable"})
# Nouns of the dead a deed left ("among the dead", "among the victims").
DEAD_NOUNS = frozenset({"dead", "victim", "casualty", "killed", "wounded", "injured"})
# Nouns of a phrase that names the deed this one answers ("in retaliation for Hezbollah's
# role", "in response to rebel shelling"): the sides named in it are another event's.
ANSWERING_NOUNS = frozenset({"retaliation", "response", "revenge", "reprisal", "answer"})
# Pronouns that, as the subject of a clause hung on another, stand for that clause's subject
# ("IS fighters killed 12 civilians after they attacked the village").
SUBJECT_PRONOUNS = frozenset({"they", "it", "he", "she"})
# Verbs of using a weapon: their subject used it, their "against"/"on" phrase was its target
# ("government forces used chlorine gas against its fighters").
USING_VERBS = frozenset({"use", "employ", "deploy"})
TARGET_PREPS = frozenset({"against", "on"})
# Nouns that name a place by the side holding it ("the IS stronghold of Raqqa").
HOLDING_NOUNS = frozenset({"stronghold", "bastion", "enclave", "heartland"})
# Verbs whose subject died of a deed a "when"-clause tells ("nine soldiers died when ...").
DYING_VERBS = frozenset({"die", "perish"})
# Prepositions by which a toll names its own cause ("killed by a landmine", "under shelling").
OWN_CAUSE_PREPS = frozenset({"by", "under", "during", "amid"})
# Verbs whose participle reports the dead of a deed ("..., killing eight people").
CASUALTY_VERBS = frozenset({"kill", "wound", "injure"})


def deed_noun(token: Token) -> Token:
    """The head of a noun trigger's phrase ("rocket" of "a rocket attack" -> "attack")."""
    while token.dep_ == "compound" and token.head != token:
        token = token.head
    return token


def phrase_actor(token: Token, actors: list[Span]) -> Span | None:
    """The actor candidate a noun phrase headed by ``token`` names: one holding the token,
    or one hanging below it by modifiers only ("Jabhat al-Nusra fighters"), not through a
    preposition (not "from the Islamic State group" of "rebels from ...")."""
    for span in actors:
        if span.start <= token.i < span.end:
            return span
    for span in actors:
        up = span.root
        while up != token and up.dep_ not in ("prep", "agent") and up.head != up:
            up = up.head
        if up == token:
            return span
    return None


def child_actor(verb: Token, arcs: tuple[str, ...], actors: list[Span]) -> Span | None:
    """The first actor candidate a child of ``verb`` on one of ``arcs`` names."""
    for child in verb.children:
        if child.dep_ in arcs:
            found = phrase_actor(child, actors)
            if found is not None:
                return found
    return None


def undergoing_verb(deed: Token) -> Token | None:
    """The verb of undergoing a deed noun is the object of "under" of ("came under attack",
    "fell under fire", "remained under siege"), or None."""
    under = deed.head
    if deed.dep_ != "pobj" or under.lower_ != "under":
        return None
    verb = under.head
    return verb if verb.lemma_.lower() in UNDERGOING_VERBS else None


def came_under(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """ "Regime forces came under attack by Nusra fighters": the subject suffered the deed
    (actor2), the by/from phrase dealt it (actor1)."""
    deed = deed_noun(token)
    verb = undergoing_verb(deed)
    if verb is None:
        return roles
    subject = child_actor(verb, ("nsubj", "nsubjpass"), actors)
    if subject is None:
        return roles
    doer = None
    for prep in (*deed.children, *verb.children):
        if doer is None and prep.dep_ in ("prep", "agent") and prep.lower_ in DEALT_BY:
            doer = child_actor(prep, ("pobj",), actors)
    kept = roles.actor1 if roles.actor1 not in (None, subject) else None
    return replace(roles, actor1=doer or kept, actor2=subject)


def _blaming_verb(prep: Token) -> Token | None:
    """The verb of blaming a deed's preposition belongs to, through the object or the
    adjective it may hang on ("blamed [rebels for]", "held X [responsible for]")."""
    head = prep.head
    if head.dep_ in ("dobj", "acomp", "oprd", "nsubjpass", "ccomp") and head.pos_ != "VERB":
        head = head.head
    wanted = BLAMING.get(head.lemma_.lower())
    if head.lemma_.lower() == "hold" and prep.head.lemma_.lower() not in LIABLE:
        return None  # "held a funeral for ...": only "held X responsible for" lays a deed
    return head if wanted == prep.lower_ else None


def blamed(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """ "The government blamed rebels for a rocket attack", "activists accused Russian
    warplanes of bombing a hospital(, killing five)": the one blamed did the deed; the
    one blaming is no side of it."""
    deed = deed_noun(token)
    verb = None
    if deed.dep_ in ("pobj", "pcomp") and deed.head.dep_ == "prep":
        verb = _blaming_verb(deed.head)
    elif token.dep_ == "advcl" and token.tag_ == "VBG" and token.head.lemma_.lower() in BLAMING:
        verb = token.head  # the parser hangs the deed's result on the verb of blaming
    if verb is None:
        return roles
    accused = child_actor(verb, ("dobj", "nsubjpass"), actors)
    if accused is None:
        return roles
    blamer = child_actor(verb, ("nsubj",), actors)
    actor2 = roles.actor2
    if actor2 is None or actor2 in (accused, blamer):
        actor2 = _reported_dead(token, actors)
    return replace(roles, actor1=accused, actor2=actor2 if actor2 != accused else None)


def _holder(span: Span) -> bool:
    """A side named as who holds a place ("the rebel-held town", "the IS stronghold")."""
    root = span.root
    held = root.dep_ in ("compound", "poss", "amod") and root.head.lemma_.lower() in HOLDING_NOUNS
    return controller(span) or held


def _reported_dead(token: Token, actors: list[Span]) -> Span | None:
    """The dead a participle or a relative clause of the deed reports ("..., killing eight
    people", "a rocket attack that killed four civilians")."""
    deed = deed_noun(token)
    heads = [deed] if deed.pos_ == "VERB" else [deed, deed.head]
    for head in heads:
        for child in head.children:
            told = child.tag_ == "VBG" or child.dep_ == "relcl"
            if told and child.lemma_.lower() in CASUALTY_VERBS:
                found = child_actor(child, ("dobj",), actors)
                if found is not None:
                    return found
            if told and child.lemma_.lower() == "leave":
                found = _left_dead(child, actors)  # "..., leaving four people dead"
                if found is not None:
                    return found
    return None


def _left_dead(verb: Token, actors: list[Span]) -> Span | None:
    """The dead a deed left: "leaving four people dead" (the object beside "dead"), or the
    subject of "dead" where the parse made it a clause ("leaving at least eight fighters
    dead")."""
    for child in verb.children:
        if child.lemma_.lower() not in DEAD_NOUNS:
            continue
        if child.dep_ in ("oprd", "acomp", "xcomp"):
            return child_actor(verb, ("dobj",), actors)
        if child.dep_ == "ccomp":
            return child_actor(child, ("nsubj",), actors)
    return None


def holder_gives_way(
    roles: ActorRoles, token: Token, actors: list[Span], dead: Span | None
) -> ActorRoles:
    """The holder of the place struck is no target when the deed's dead are named: "strikes
    on the IS stronghold of Raqqa killed 14 civilians" were on the civilians (ACLED codes the
    victims); with no dead named the holder stays."""
    if roles.actor2 is None or not _holder(roles.actor2):
        return roles
    dead = dead or _reported_dead(token, actors)
    if dead is None or dead == roles.actor2 or _holder(dead) or dead == roles.actor1:
        return roles
    return replace(roles, actor2=dead)


def used_on(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """ "Government forces used chlorine gas against rebel fighters": the user of the weapon
    is the doer, the "against"/"on" phrase of the verb of using its target; only roles the
    trigger's own arcs left empty are filled."""
    deed = deed_noun(token)
    verb = deed.head
    if deed.dep_ != "dobj" or verb.lemma_.lower() not in USING_VERBS:
        return roles
    actor1 = roles.actor1 or child_actor(verb, ("nsubj",), actors)
    actor2 = roles.actor2
    for prep in verb.children:
        if actor2 is None and prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS:
            actor2 = child_actor(prep, ("pobj",), actors)
    return replace(roles, actor1=actor1, actor2=actor2 if actor2 != actor1 else None)


def dead_outside(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """The dead a "when"-clause deed left, named by the clause it hangs on: "Several children
    were among the dead when regime helicopters dropped barrel bombs", "five Hezbollah
    fighters, killed when Israeli jets struck their base".  Only an empty target is filled."""
    clause = clause_top(token)  # "a bomb exploded", "hit a checkpoint with mortar shells"
    if roles.actor2 is not None or clause.dep_ != "advcl":
        return roles
    head = clause.head
    victim = None
    if head.dep_ in ("acl", "relcl") and head.lemma_.lower() in CASUALTY_VERBS:
        victim = phrase_actor(head.head, actors)  # "fighters, killed when ..."
    elif told_cause(clause) and _toll_without_cause(head):
        victim = child_actor(head, ("nsubj", "nsubjpass"), actors)  # "X died when ..."
    elif head.lemma_ == "be" and any(
        p.lower_ == "among" and any(o.lemma_.lower() in DEAD_NOUNS for o in p.children)
        for p in head.children
    ):
        victim = child_actor(head, ("nsubj", "attr"), actors)  # "X were among the dead"
    if victim is None or victim == roles.actor1:
        return roles
    return replace(roles, actor2=victim)


def _toll_without_cause(verb: Token) -> bool:
    """ "Nine soldiers died when ...", "were killed when ...": a verb of dying, or a passive
    casualty verb, whose subject suffered the deed of the clause hung on it; not one that names
    its own killer or cause ("were killed by a landmine, while ...")."""
    lemma = verb.lemma_.lower()
    suffered = lemma in DYING_VERBS or (
        lemma in CASUALTY_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children)
    )
    return suffered and not any(
        c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in OWN_CAUSE_PREPS)
        for c in verb.children
    )


def _in_answer(span: Span, trigger: Token) -> bool:
    """Whether ``span`` lies in an "in retaliation for / in response to" phrase that does not
    hold ``trigger``."""
    for up in span.root.ancestors:
        if up.lemma_.lower() in ANSWERING_NOUNS and up.dep_ == "pobj":
            return not up.left_edge.i <= trigger.i <= up.right_edge.i
    return False


def answered_sides_out(roles: ActorRoles, token: Token) -> ActorRoles:
    """ "Nusra militants fired rockets at Hermel in retaliation for Hezbollah's role in
    Qusayr": Hezbollah belongs to the deed answered, so it is no side of the rockets."""
    actor1 = None if roles.actor1 is not None and _in_answer(roles.actor1, token) else roles.actor1
    actor2 = None if roles.actor2 is not None and _in_answer(roles.actor2, token) else roles.actor2
    return replace(roles, actor1=actor1, actor2=actor2)


def pronoun_of_main(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """ "Islamic State fighters killed 12 civilians after they attacked the village": the
    pronoun subject of an adverbial clause is the subject of the clause it hangs on, whatever
    word of the clause the trigger is ("... when they attacked an outpost with rockets")."""
    token = clause_top(token)
    if token.dep_ != "advcl" or token.pos_ != "VERB":
        return roles
    if not any(c.dep_ == "nsubj" and c.lower_ in SUBJECT_PRONOUNS for c in token.children):
        return roles
    main = child_actor(token.head, ("nsubj",), actors)
    if main is None:
        return roles
    return replace(roles, actor1=main, actor2=None if roles.actor2 == main else roles.actor2)


def read_first(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """The readings that turn the attacher's sides round, before any gap is mended."""
    roles = blamed(came_under(roles, token, actors), token, actors)
    return pronoun_of_main(used_on(roles, token, actors), token, actors)


def read_last(roles: ActorRoles, token: Token, actors: list[Span], dead: Span | None) -> ActorRoles:
    """The readings that check the mended sides: the one blamed (mending may have put the
    blamer back), the dead named outside the clause, the sides of a deed answered, the
    holder of the place struck."""
    roles = dead_outside(blamed(roles, token, actors), token, actors)
    return holder_gives_way(answered_sides_out(roles, token), token, actors, dead)
