"""Who a deed's subject or object is when the clause names it by a word that points elsewhere.

English news often tells a deed in a clause whose subject or object is not the actor's name:

* a relative pronoun stands for the noun it refers back to: "Hezbollah, which fought a war
  with Israel" (Hezbollah fought), "the gunmen who kidnapped the farmer" (the gunmen did),
  "two soldiers who were ambushed by rebels" (the soldiers were ambushed), "the man whom
  militants abducted" (the man was abducted).  When that noun is a deed rather than a doer,
  its own doer is meant: "the rebels' attacks, which killed ten civilians" (the rebels killed);
* a verb of saying or believing in the passive hands its subject to the deed it introduces
  (subject raising): "two soldiers were said to have been killed by rebels" (the soldiers were
  killed), "the rebels were reported to have attacked the post" (the rebels attacked);
* a relative clause that only carries a deed noun names the deed's doer as its own subject:
  "the offensive, which the army launched in May" (the army's offensive), "the raid the
  militants carried out" (see :func:`.delivery.carries`).

Each reader returns the token that stands where the deed's argument would, and the arc it would
hang on, so that :mod:`.arguments` gives it the role it gives any subject or object.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .candidates import PLACE_NOUNS
from .delivery import carries

# Tags of relative pronouns ("which", "that": WDT; "who", "whom": WP).
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# The arcs a relative pronoun takes in its clause that stand for an argument of the deed.
RELATIVE_ARCS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Verbs that, in the passive, raise the subject of the infinitive they introduce ("were said /
# reported / believed / thought / alleged to have killed"): news attribution, not a deed.
RAISING_VERBS = frozenset(
    {"say", "report", "believe", "think", "allege", "understand", "know", "fear", "suppose"}
)
# Carrying verbs whose subject is where or by whom a deed was seen, not its doer ("the clashes
# the town saw", "the shelling residents had"): no doer for :func:`carrier_subject`.
WITNESS_VERBS = frozenset({"see", "witness", "have", "be", "hear"})


def referent(verb: Token) -> tuple[Token, str] | None:
    """The noun a relative pronoun argument of ``verb`` refers back to, and the pronoun's arc:
    "Hezbollah, which fought ..." gives (Hezbollah, nsubj)."""
    if verb.dep_ != "relcl" or verb.head.i == verb.i:
        return None
    for child in verb.children:
        if child.dep_ in RELATIVE_ARCS and child.tag_ in RELATIVE_TAGS:
            if child.dep_ == "nsubj" and _place(verb.head):
                return _phrase_head(verb.head), child.dep_
            return verb.head, child.dep_
    return None


# Entity labels of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions by which a place hangs in the phrase of the deed done there or to it ("attacks
# on police posts in Helmand", "a raid near the village of X").
PHRASE_PREPS = frozenset({"in", "near", "at", "on", "of", "outside", "around", "upon", "against"})


def _place(token: Token) -> bool:
    return token.ent_type_ in PLACE_LABELS or token.lemma_.lower() in PLACE_NOUNS


def _phrase_head(place: Token) -> Token:
    """The noun at the top of the phrase a place ends ("the Taliban's attacks on police posts
    in Helmand, which killed nine officers": attacks): the parser hangs a relative clause on
    the nearest noun, but a place does nothing, so the subject "which" of an active verb
    stands for what the whole phrase names.  The place itself when nothing but places is
    above it ("the town of Kafr Nabl, which ...")."""
    top = place
    while top.dep_ == "pobj" and top.head.lower_ in PHRASE_PREPS:
        noun = top.head.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i == top.i:
            break
        top = noun
    return place if _place(top) else top


def raised_subject(trigger: Token) -> tuple[Token, str] | None:
    """The subject a passive verb of saying raises from the deed it introduces, and the arc it
    would have on the deed: "soldiers were said to have been killed" gives (soldiers,
    nsubjpass); "rebels were reported to have attacked" gives (rebels, nsubj)."""
    head = trigger.head
    if trigger.dep_ != "xcomp" or head.lemma_.lower() not in RAISING_VERBS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    passive = any(c.dep_ == "auxpass" for c in trigger.children)
    return subject, "nsubjpass" if passive else "nsubj"


# Arcs by which a name premodifies the noun of its people ("Nusra Front militants", "the
# group's fighters"): the name stands for the noun.
NAMING_ARCS = frozenset({"compound", "amod", "nmod", "poss"})


def holder(token: Token, actors: list[Span]) -> Span | None:
    """The actor whose words hold ``token``, or the name premodifying it ("the Nusra Front
    militants who ...": the Nusra Front)."""
    held = next((a for a in actors if a.start <= token.i < a.end), None)
    return held or next(
        (a for a in actors if a.root.head.i == token.i and a.root.dep_ in NAMING_ARCS), None
    )


def deed_doer(noun: Token, actors: list[Span]) -> Span | None:
    """The doer written on a deed noun that a relative clause refers back to: its possessive
    ("the rebels' attacks, which killed ..."), or its "by" phrase ("attacks by the rebels,
    which killed ...")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "by"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in CARRYING_VERBS:
        # "the strike, which hit the depot, was carried out by coalition jets"
        owners += [g for c in noun.head.children if c.dep_ == "agent" for g in c.children]
    return next((a for a in actors for o in owners if a.start <= o.i < a.end), None)


# Verbs by which a deed noun is said done, in the passive, by its doer ("the strike was
# carried out / conducted / launched by X").
CARRYING_VERBS = frozenset({"carry", "conduct", "launch", "stage", "mount", "execute"})
# Verbs of aiming a deed at someone: their object is whom the deed was done to.
AIMING_VERBS = frozenset({"target", "hit", "strike", "aim"})


def aimed_clause(trigger: Token) -> Token | None:
    """The clause that says at whom a deed was aimed, besides the deed's own object: a
    relative clause on the deed noun whose subject stands for it ("an attack that targeted an
    army checkpoint killed three soldiers": the army was attacked) or a participle after the
    deed without a subject of its own ("jets struck a convoy, targeting Hezbollah fighters")."""
    for child in trigger.children:
        if child.lemma_.lower() not in AIMING_VERBS:
            continue
        subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        if child.dep_ == "relcl" and any(c.tag_ in RELATIVE_TAGS for c in subjects):
            return child
        if child.dep_ in ("advcl", "acl") and child.tag_ == "VBG" and not subjects:
            return child
    return None


def carrier_subject(path: list[Token], trigger: Token) -> bool:
    """Whether ``path`` (from an actor up to a deed noun) runs through the subject of a
    relative clause that only carries the deed: "the offensive, which the army launched"."""
    if len(path) < 2:
        return False
    clause, below = path[-1], path[-2]
    return (
        clause.dep_ in ("relcl", "acl")
        and below.dep_ == "nsubj"
        and below.tag_ not in RELATIVE_TAGS
        and clause.lemma_.lower() not in WITNESS_VERBS
        and carries(clause, trigger)
    )


# Verbs that lay a deed "on" someone ("a bombing blamed on IS", "strikes activists blamed on
# Russian jets"): the "on" phrase names the deed's (alleged) doer.
LAYING_VERBS = frozenset({"blame", "attribute", "pin"})
# Arcs of a clause that hangs under another (a relative or participle clause).
SUBORDINATE_ARCS = frozenset({"acl", "relcl", "advcl"})


def blamed_on(trigger: Token, actors: list[Span]) -> Span | None:
    """ "A car bomb blamed on Islamic State", "an air strike on Kafr Batna, which activists
    blamed on government warplanes": a subordinate clause after the deed that lays it on
    someone names its doer, as ACLED codes the attributed actor.  The parser often hangs such
    a relative clause on the wrong noun, so any subordinate one after the deed counts; a blame
    in a main clause ("The ministry blamed the attack on Israel.") is left to the rest of the
    role reading."""
    for verb in trigger.doc[trigger.i : trigger.sent.end]:  # the clause comes after the deed
        if verb.lemma_.lower() not in LAYING_VERBS or verb.dep_ not in SUBORDINATE_ARCS:
            continue
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "on":
                continue
            objects = [c.i for c in prep.children if c.dep_ == "pobj"]
            found = next((a for a in actors if any(a.start <= i < a.end for i in objects)), None)
            if found is not None:
                return found
    return None
