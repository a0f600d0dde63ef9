"""The means of an attack, which decides its ACLED remote-violence sub-type (Codebook:
Explosions/Remote violence): an attack by aircraft is an Air/drone strike, one with a grenade a
Grenade, with a bomb or mine a Remote explosive, with artillery, mortars or rockets Shelling.

The means is read where a report names it: who or what does it ("warplanes struck"), the attack
word's own modifiers ("a grenade blast"), its instrument ("attacked with mortars", "killed in an
air strike"), or the cause of a toll ("killed under heavy mortar fire", "were killed as jets
struck the market").  A toll told by two verbs joined by "and" has one cause, whichever verb
the parse hung it on ("nine were killed and dozens wounded under the shelling").
"""

from __future__ import annotations

from spacy.tokens import Token

from .clause_roles import carrier, phrase_heads, phrase_tokens, roles_of
from .sense import CASUALTY_VERBS

# Means classes (triggers.yaml) in the order they decide, and the sub-type each gives.
MEANS = (
    ("means_chemical", "Chemical weapon"),
    ("means_suicide", "Suicide bomb"),
    ("means_air", "Air/drone strike"),
    ("means_grenade", "Grenade"),
    ("means_explosive", "Remote explosive/landmine/IED"),
    ("means_artillery", "Shelling/artillery/missile attack"),
)
MEANS_MODE = {
    "Chemical weapon": "chemical",
    "Suicide bomb": "suicide-attack",
    "Air/drone strike": "aerial",
    "Grenade": "explosives",
    "Remote explosive/landmine/IED": "explosives",
    "Shelling/artillery/missile attack": "heavy-weapons",
}
# Prepositions and clause words that introduce a means ("with mortars", "using drones", "in an
# air strike", "by a roadside bomb").
MEANS_PREPS = frozenset({"with", "using", "by", "in", "from", "of"})
# Of those, the ones that also introduce an instrument when the parse hangs them on the verb's
# object ("shelled positions with mortars"); "of", "in", "from" there tell the object's own
# parts or place ("positions in the town").
INSTRUMENT_PREPS = frozenset({"with", "using"})
# Prepositions of cause that introduce the means of a toll ("killed under heavy mortar fire",
# "due to the bombings", "because of the shelling"), and the clause words that tell what
# killed them in a clause of its own ("were killed as jets struck the market").
CAUSE_PREPS = frozenset({"under", "due", "because"})
CAUSE_MARKS = frozenset({"as", "when"})
# Raids and bombings told by whose they are: a power that wages its war from the air (the
# triggers.yaml class "air_powers": "coalition raids", "Russian raids", "the coalition
# bombing") raids from the air, an Air/drone strike; an army's or police raid is on the ground.
AIR_RAID_NOUNS = frozenset({"raid", "bombing", "strike"})
AIR_RAID_VERBS = frozenset({"bomb", "raid"})
# Arcs that name whose a raid is ("coalition raids", "Russia's raids", "raids by the coalition").
OWNER_ARCS = frozenset({"compound", "amod", "nmod", "poss"})


def means_sub_type(
    token: Token, classes: dict[str, frozenset[str]], *, noun_of: bool
) -> str | None:
    """The remote-violence sub-type the means named at ``token`` gives, as the ACLED codebook
    defines the sub-types; None when no means is named."""
    found = means_tokens(token, noun_of)
    lemmas = {t.lemma_.lower() for t in found} | {t.lower_ for t in found}
    if _air_power_raid([token, *found], classes.get("air_powers", frozenset())):
        lemmas.add("air")
    for name, sub in MEANS:
        if lemmas & classes.get(name, frozenset()):
            return sub
    return None


def means_tokens(token: Token, noun_of: bool) -> list[Token]:
    """What names the means of the event at ``token``: who or what does it ("warplanes
    struck", "the regime and Russian warplanes launched attacks"), the trigger's own modifiers
    ("a grenade blast", "aerial bombardment"), and its instrument after with/using/by/in
    ("killed in an air strike", "attacked with mortars").  For remote-violence nouns also what
    "of" names ("the explosion of two grenades")."""
    roles = roles_of(token)
    subjects = list(roles.subjects) or _controlling_subjects(token)
    found = subjects + list(roles.causes)
    found += [c for s in subjects for c in s.conjuncts]
    found += [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    for child in token.children:
        if child.dep_ in ("prep", "acl", "advcl") and child.lower_ in MEANS_PREPS | CAUSE_PREPS:
            for obj in _prep_objects(child):
                found += phrase_heads(obj)
    found += _instrument_on_object(token)
    if token.lemma_.lower() in CASUALTY_VERBS:
        found += _causes_of_toll(token)
    for child in token.children:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and not _has_subject(child):
            # "violated the truce, firing mortars at villages": the participle tells how
            found += [g for c in child.children if c.dep_ == "dobj" for g in phrase_heads(c)]
    if noun_of and token.pos_ == "NOUN":
        found += list(roles.objects)
    if not roles.subjects and token.dep_ == "advcl" and token.tag_ == "VBG":
        # "helicopters dropped barrel bombs on the town, killing five": the killing was done
        # by what the clause it follows names ("jets continue to pound the town, killing four")
        verb = token.head
        doers = [c for c in verb.children if c.dep_ == "nsubj"] or _controlling_subjects(verb)
        found += [c for d in doers for c in (d, *d.conjuncts)]
        found += [h for c in verb.children if c.dep_ == "dobj" for h in phrase_heads(c)]
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in ("in", "during"):
        toll = token.head.head  # "suicide bombers killed 22 worshippers in an attack"
        if toll.lemma_.lower() in CASUALTY_VERBS:
            found += [h for c in toll.children if c.dep_ == "nsubj" for h in phrase_heads(c)]
    if _misread_clause(token):
        found += phrase_heads(token.head)  # "Another bombing, in July, killed 50 civilians"
    return found


def _instrument_on_object(token: Token) -> list[Token]:
    """The instrument the parse hung on the verb's object ("struck YPG positions with
    artillery fire", "attacked the village with mortars": "with" read as the positions'):
    "with" or "using" after a verb's object tells how the verb was done far more often than
    what the object holds."""
    if token.pos_ != "VERB":
        return []
    return [
        head
        for obj in token.children
        if obj.dep_ == "dobj"
        for prep in obj.children
        if prep.dep_ == "prep" and prep.lower_ in INSTRUMENT_PREPS
        for found in _prep_objects(prep)
        for head in phrase_heads(found)
    ]


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _controlling_subjects(token: Token) -> list[Token]:
    """Who does what an infinitive without a subject of its own tells: the subject of the verb
    it completes ("the regime and Russian warplanes continue to launch attacks")."""
    verb = carrier(token) if token.pos_ == "NOUN" else token
    if verb is None or verb.dep_ != "xcomp":
        return []
    return [c for c in verb.head.children if c.dep_ == "nsubj"]


def _causes_of_toll(token: Token) -> list[Token]:
    """What a toll verb, or a verb joined to it by "and", says caused it: "killed under heavy
    mortar fire", "were killed and dozens wounded under the shelling", "were killed and six
    injured as the army shelled the town"."""
    found: list[Token] = []
    joined = [c for c in token.conjuncts if c.pos_ == "VERB" or c.lemma_ in CASUALTY_VERBS]
    for verb in (token, *joined):  # "twenty hurt": a toll verb the tagger read as a noun
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in CAUSE_PREPS:
                # the whole cause ("under heavy regime shelling of the district", "under the
                # rubble of buildings hit by warplanes"): it names nothing but what killed them
                found += [t for obj in _prep_objects(child) for t in obj.subtree]
            elif verb.i != token.i and child.dep_ == "prep" and child.lower_ in MEANS_PREPS:
                # "were killed and fourteen wounded in a landmine attack"
                found += [t for obj in _prep_objects(child) for t in phrase_heads(obj)]
            if _cause_clause(child):
                found += phrase_tokens(child)  # its doer, its target and its weapons
    return found


def _misread_clause(token: Token) -> bool:
    """An active past verb with an object that the parse hung below the noun before it, as if
    a reduced clause ("Another bombing, also in July, killed at least 50 civilians": "killed"
    read as a clause of "bombing"): the noun is who or what did it.  A true reduced clause is
    passive and takes no object ("the men killed in the raid")."""
    return (
        token.dep_ == "acl"
        and token.tag_ in ("VBD", "VBN")
        and token.head.pos_ == "NOUN"
        and any(c.dep_ == "dobj" for c in token.children)
        and any(c.text == "," for c in token.doc[token.head.i : token.i])
    )


def _air_power_raid(tokens: list[Token], air_powers: frozenset[str]) -> bool:
    """A raid, a bombing or a strike whose owner is a power that strikes from the air
    ("coalition raids", "Russian raids", "raids by the coalition")."""
    for token in tokens:
        if token.pos_ == "VERB" and token.lemma_.lower() in AIR_RAID_VERBS:
            owners = [c for c in token.children if c.dep_ == "nsubj"]  # "Russia bombed"
        elif token.pos_ == "NOUN" and token.lemma_.lower() in AIR_RAID_NOUNS:
            owners = [c for c in token.children if c.dep_ in OWNER_ARCS]
        else:
            continue
        owners += [o for c in token.children if c.lower_ == "by" for o in _prep_objects(c)]
        words = {w for o in owners for t in o.subtree for w in (t.lemma_.lower(), t.lower_)}
        if words & air_powers:
            return True
    return False


def _prep_objects(prep: Token) -> list[Token]:
    """The objects a preposition introduces, also through a second word ("due to the
    bombings", "because of the shelling")."""
    found = [c for c in prep.children if c.dep_ in ("pobj", "dobj")]
    for part in prep.children:
        if part.dep_ == "pcomp":
            found += [c for c in part.children if c.dep_ in ("pobj", "dobj")]
        if part.dep_ == "pcomp" and part.tag_ == "VBG":
            found.append(part)  # "by shelling army posts", "by firing rockets"
    return found


def _cause_clause(child: Token) -> bool:
    """A clause of its own that tells what did the killing ("were killed as the army shelled
    the town with artillery", "when jets struck the market")."""
    return child.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CAUSE_MARKS for c in child.children
    )
