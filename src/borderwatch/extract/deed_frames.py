"""Deeds English tells in words that are deeds only in one frame (issue 22).

Some trigger words of the lexicon name an event only inside a construction, and the same word
outside it is an idiom or another sense (syria_actors GUIDE.md; ACLED codebook):

* "Y came under fire from X": the noun "fire" is a deed as what its subject came, fell or
  remained under; "the minister came under fire for his remarks" is criticism
  (:func:`under_fire`);
* "X took the village from Y", "X took the hill overlooking Z": "take" is a capture when what
  is taken is ground ("took the floor", "took the lead", "took part" are none;
  :func:`ground_taken`);
* "three detainees died at the hands of regime forces": a death dealt by the hands' owner
  (:func:`at_hands_of`).

And the sides of such frames (:func:`frame_sides`): the one under fire suffered it, the one
whose hands dealt a death did it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..region import Lexicon, Trigger
from .arguments import ActorRoles
from .custody_frames import held_by_forces
from .labour_frames import workers_struck
from .movement_frames import (
    armed_men_joined,
    base_moved,
    entered_unopposed,
    fled_as_description,
    forces_moved,
    ground_yielded,
    made_into_base,
    military_arrival,
    named_absent,
    new_leader,
    not_offender_word,
    not_own_accord,
    unexploded,
)
from .role_syntax import UNDERGOING_VERBS, child_actor, deed_noun, phrase_actor, undergoing_verb

SUBJECT_ARCS = ("nsubj", "nsubjpass")  # the one a frame says suffered or dealt the deed

# Prepositions that give the reason one is criticised ("came under fire for his remarks",
# "over the decision"): criticism, not gunfire.
REASON_PREPS = frozenset({"for", "over"})
# Nouns of time a "for" may count without giving a reason ("for the second time", "for hours").
TIME_NOUNS = frozenset(
    {"time", "hour", "minute", "day", "night", "week", "month", "while", "moment"}
)
# Those whose words are the "fire" of criticism ("came under fire from critics").
CRITICS = frozenset(
    {"critic", "lawmaker", "legislator", "opposition", "media", "press", "activist", "campaigner",
     "commentator", "mp", "parliament", "parliamentarian", "senator", "union", "newspaper",
     "columnist", "editorial", "rival", "fan", "party", "politician", "group", "watchdog",
     "public", "analyst", "expert", "supporter", "colleague"}
)  # fmt: skip
# Subjects of office or of policy, whom fire is aimed at only in words ("the minister came
# under fire", "the plan came under fire"): people and things of politics and business.
OFFICE = frozenset(
    {"minister", "ministry", "president", "government", "official", "politician", "party",
     "leader", "administration", "spokesman", "spokeswoman", "envoy", "ambassador", "council",
     "company", "firm", "club", "coach", "agency", "plan", "policy", "decision", "report",
     "bill", "law", "proposal", "campaign", "premier", "chancellor", "mayor", "governor",
     "senator", "lawmaker", "mp", "secretary", "chairman", "board", "commission", "un",
     "organisation", "organization", "regulator", "court", "judge", "police chief", "head"}
)  # fmt: skip
# Particles after "take" that keep a capture ("took back the town"); any other makes another
# verb ("took up positions", "took off", "took on the rebels").
TAKING_PARTICLES = frozenset({"back"})
# Entity labels of a place taken by its name ("took Palmyra").
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# ACLED's type of weapons used at a distance, and the nouns of using one ("the use of").
REMOTE = "Explosions/Remote violence"
USE_NOUNS = frozenset({"use", "usage", "deployment", "employment"})
# Types of violence, whose word negated by "without" names no deed ("without a fight").
VIOLENT_TYPES = frozenset({"Battles", REMOTE, "Violence against civilians"})
# Entities that make a use one incident: a day, a time, a place.
TOLD_ENTITIES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
# Verbs a death dealt "at the hands of" someone is told by.
DEALT_DEATH = frozenset({"die", "perish", "kill", "murder", "execute", "torture", "slaughter"})


def out_of_frame(span: Span, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether the words ``span`` of ``trigger`` stand outside the one frame in which they
    are a deed, or are a verb phrase whose verb is here the noun one came under ("came under
    fire on Thursday" is no "fire on": the noun is read by trigger under-fire)."""
    if len(span) > 1 and span[0].dep_ == "pobj" and span[0].head.lower_ == "under":
        return True
    if trigger.event_type == REMOTE and weapon_in_use(span.root):
        return True
    if trigger.event_type in VIOLENT_TYPES and named_absent(span.root):
        return True  # "withdrew without a fight": the fight did not happen
    if trigger.event_type in VIOLENT_TYPES and fled_as_description(span.root):
        return True  # "women fleeing the fighting": who they are, not the event told
    if trigger.event_type == REMOTE and unexploded(span.root):
        return True  # "an unexploded shell was removed": a thing found, not an attack
    check = _FRAMES.get(trigger.trigger_id)
    return check is not None and not check(span.root, lexicon)


def weapon_in_use(token: Token) -> bool:
    """A weapon named in bare plural as what is used, with no day, place or number told in
    its clause ("condemned the use of barrel bombs against civilian areas", "the use of
    chemical weapons is a war crime"): a practice judged, no strike reported (GUIDE: generic
    statements are no event); "the use of barrel bombs on Daraya on Sunday" tells one."""
    if token.tag_ != "NNS" or any(c.dep_ in ("det", "nummod", "poss") for c in token.children):
        return False
    use = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if use is None or use.lemma_.lower() not in USE_NOUNS:
        return False
    clause = use
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl") and clause.head.i != clause.i:
        clause = clause.head
    return not any(t.ent_type_ in TOLD_ENTITIES or t.like_num for t in clause.subtree)


def under_fire(token: Token, lexicon: Lexicon) -> bool:
    """ "Kurdish fighters came under heavy fire from IS militants": the noun under "under",
    which hangs on a verb of undergoing, and no reason or critics named (criticism)."""
    verb = undergoing_verb(token)
    if verb is None:
        return False
    for prep in (*verb.children, *token.children):
        objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if prep.dep_ != "prep" or not objects:
            continue
        if prep.lower_ in REASON_PREPS and objects[0].lemma_.lower() not in TIME_NOUNS:
            return False  # "for his remarks", "over the decision"
        if prep.lower_ == "from" and objects[0].lemma_.lower() in CRITICS:
            return False  # "from critics", "from the opposition"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not any(s.lemma_.lower() in OFFICE for s in subjects)


def ground_taken(token: Token, lexicon: Lexicon) -> bool:
    """ "IS took the village", "rebels took back Palmyra", "the hill was taken by the army":
    what is taken is ground (a word of the ``ground`` class or a place's name), and no
    particle makes another verb of "take"."""
    if any(c.dep_ == "prt" and c.lower_ not in TAKING_PARTICLES for c in token.children):
        return False
    ground = lexicon.classes.get("ground", frozenset())
    taken = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        t.lemma_.lower() in ground or t.ent_type_ in PLACE_LABELS or t.ent_id_.startswith("place:")
        for t in taken
        if t.pos_ != "PRON"
    )


def hands_owner(verb: Token) -> Token | None:
    """The noun after "at the hands of" hung on ``verb``, or None."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "at":
            continue
        for hand in prep.children:
            if hand.dep_ != "pobj" or hand.lemma_.lower() != "hand":
                continue
            for of in hand.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    return next((o for o in of.children if o.dep_ == "pobj"), None)
    return None


def at_hands_of(token: Token, lexicon: Lexicon) -> bool:
    """ "died at the hands of regime forces": the dying verb has an "at the hands of"."""
    return hands_owner(token) is not None


def sufferers(token: Token) -> list[Token]:
    """Who suffered a frame's deed, named as the subject of its verb ("an aid convoy came
    under fire", "three civilians died at the hands of ..."): the deed's target, for typing."""
    verb = None
    if token.dep_ == "pobj" and token.head.lower_ == "under":
        verb = token.head.head if token.head.head.lemma_.lower() in UNDERGOING_VERBS else None
    elif token.lemma_.lower() in ("die", "perish") and hands_owner(token) is not None:
        verb = token
    if verb is None:
        return []
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


_FRAMES = {
    "under-fire": under_fire,
    "territory-take": ground_taken,
    "died-at-hands": at_hands_of,
    "territory-yield": ground_yielded,
    "territory-entered": entered_unopposed,
    "troop-movement": forces_moved,
    "military-arrival": military_arrival,
    "accord": not_own_accord,
    "joining": armed_men_joined,
    "new-leader": new_leader,
    "labour-strike": workers_struck,
    "arrest-held": held_by_forces,
    "base-made": made_into_base,
    "base-moved": base_moved,
    "abduction": not_offender_word,
}


def frame_sides(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """The sides of the frames: "X died / were killed at the hands of Y" (Y acted, X
    suffered), and "Y came under X shelling / under fire" (told by the doer's name before
    the deed noun, or by the parser as a gerund: Y suffered, X acted)."""
    return _under_named_doer(_hands_sides(roles, token, actors), token, actors)


def _hands_sides(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    if token.pos_ != "VERB" or token.lemma_.lower() not in DEALT_DEATH:
        return roles
    owner = hands_owner(token)
    doer = phrase_actor(owner, actors) if owner is not None else None
    if doer is None:
        return roles
    victim = child_actor(token, SUBJECT_ARCS, actors)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if victim is None or not (passive or token.lemma_.lower() in ("die", "perish")):
        victim = roles.actor2
    return replace(roles, actor1=doer, actor2=victim if victim != doer else None)


def _under_named_doer(roles: ActorRoles, token: Token, actors: list[Span]) -> ActorRoles:
    """ "Government troops came under rebel shelling": the name before the deed noun (or the
    noun the parser took for the object of "under", the deed then read as a gerund) dealt it;
    the subject of "came" suffered it."""
    deed, doer = token, None
    if token.dep_ == "advcl" and token.tag_ == "VBG":
        under = next((c for c in token.head.children if c.lower_ == "under"), None)
        verb = token.head
        named = [c for c in under.children if c.dep_ == "pobj"] if under is not None else []
        doer = phrase_actor(named[0], actors) if named else None
    else:
        deed = deed_noun(token)
        if deed.dep_ != "pobj" or deed.head.lower_ != "under":
            return roles
        verb = deed.head.head
        for child in deed.children:
            if doer is None and child.dep_ in ("amod", "compound", "poss", "nmod"):
                doer = phrase_actor(child, actors)
    if doer is None or verb.lemma_.lower() not in UNDERGOING_VERBS:
        return roles
    subject = child_actor(verb, SUBJECT_ARCS, actors)
    if subject is None or subject == doer:
        return roles
    return replace(roles, actor1=doer, actor2=subject)


# Nouns of what is left of the dead: "the bodies of men shot dead" were killed, whoever found them.
# (by form too: the lemmatizer reads "corpses" as "corps")
REMAINS_NOUNS = frozenset({"body", "bodies", "corpse", "corpses", "remains"})
# Participles that tell how the dead were killed ("shot dead", "executed", "beheaded"): a deed
# of its own; "killed" alone most often gives the toll of a deed told elsewhere ("the bodies of
# fighters killed in the clashes"), which is that deed's and no new one.
MANNER_OF_DEATH = frozenset(
    {"shoot", "execute", "behead", "decapitate", "slay", "murder", "stab", "torture", "hang"}
)


def of_the_found_dead(participle: Token) -> bool:
    """A participle of the people whose bodies are told ("the bodies of 12 men shot dead were
    found", "the corpses of soldiers executed by the group"): the killing is what the bodies
    report (GUIDE: a toll of one incident is an event), not a description of the men."""
    if participle.lemma_.lower() not in MANNER_OF_DEATH:
        return False  # "the bodies of fighters killed in the clashes": that clash's toll
    people = participle.head
    if people.dep_ != "pobj" or people.head.lower_ != "of":
        return False
    remains = people.head.head
    return remains.lemma_.lower() in REMAINS_NOUNS or remains.lower_ in REMAINS_NOUNS
