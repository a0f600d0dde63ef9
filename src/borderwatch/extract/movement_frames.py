"""Strategic developments told by verbs of moving, giving up and entering (issue 22 item 4).

ACLED codes, under Strategic developments, what armed actors do without fighting (ACLED
codebook; ../shared/reference/EVENT_CODING.md):

* Non-violent transfer of territory: ground given up or taken over with no fight ("the rebels
  vacated the town", "handed control of the city to the army", "troops entered the town
  unopposed", "took the district without a fight");
* Change to group/activity, which covers the movement of forces: troops, reinforcements and
  armour sent, moved or rushed somewhere, a military convoy arriving.

The verbs are everyday words ("hand", "abandon", "send", "enter"), deeds of this kind only in
their frame: what is given up is ground, who gives it up is an armed side, what is sent is a
force.  Each check below is a frame of :mod:`.deed_frames` (``out_of_frame``): the trigger
names an event only where its frame holds.  And a violent word negated by "without" ("without
a fight") tells the absence of the deed, no event (:func:`named_absent`).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..region import Lexicon

OBJECT_ARCS = ("dobj", "nsubjpass")
SUBJECT_ARCS = ("nsubj", "nsubjpass")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# What is given up when ground is: the ground nouns of the lexicon's ``ground`` class and
# these, which name hold over ground ("handed control of the town", "abandoned positions").
HOLD_NOUNS = frozenset({"control", "position", "territory", "authority", "capital", "positions"})
# Particles that keep the sense of giving up ("handed over control"); any other makes another
# verb ("handed out leaflets", "gave up smoking" is no trigger here).
YIELD_PARTICLES = frozenset({"over", "back"})
# Words of a move made without fighting ("entered the town unopposed", "peacefully").
PEACEFUL_WORDS = frozenset({"unopposed", "peacefully", "uncontested", "unchallenged"})
# What "without" negates when a move is made with no fight ("without a fight", "without
# firing a shot", "without resistance").
FIGHT_WORDS = frozenset(
    {"fight", "fighting", "resistance", "shot", "clash", "battle", "bloodshed", "firing",
     "combat", "confrontation", "struggle", "opposition", "violence"}
)  # fmt: skip
# What a base is named as when one is made or moved ("turned the school into a military
# base", "moved its headquarters to Jilib"), beside the lexicon's base_site class.
BASE_NOUNS = frozenset({"headquarters", "hq", "base", "camp", "command", "barracks", "outpost"})


def _base_words(tokens: list[Token], lexicon: Lexicon) -> bool:
    sites = lexicon.classes.get("base_site", frozenset()) | BASE_NOUNS
    return any(t.lemma_.lower() in sites or t.lower_ in sites for t in tokens)


def made_into_base(token: Token, lexicon: Lexicon) -> bool:
    """ "The militants turned a school into a military base", "converted a farm into a
    training camp": a base established in a building taken for it (Codebook: Headquarters or
    base established), by an armed side."""
    into = [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "into"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if not _base_words([t for g in into for t in _object_words(g)], lexicon):
        return False
    return _armed_doer(token, lexicon)


def base_moved(token: Token, lexicon: Lexicon) -> bool:
    """ "Al-Shabaab moved its headquarters to Jilib", "the rebels relocated their command to
    the hills": a base set up anew by an armed side (a company moving its head office is
    none)."""
    moved = [c for c in token.children if c.dep_ in OBJECT_ARCS]
    if not _base_words([t for m in moved for t in _object_words(m)], lexicon):
        return False
    return _armed_doer(token, lexicon)


# Forces that are moved ("sent reinforcements", "moved troops", "tanks were rushed"); not
# "units" or a patrol sent to search after an incident, a step of the incident's response.
FORCE_NOUNS = frozenset(
    {"troop", "soldier", "reinforcement", "tank", "battalion", "brigade", "regiment",
     "contingent", "personnel", "commando", "paratrooper", "marine", "gendarme",
     "militiaman", "fighter", "force", "convoy", "column", "armour", "armor", "division",
     "warship", "frigate", "destroyer", "jet", "warplane", "helicopter", "artillery"}
)  # fmt: skip
# Words that make a convoy or a column a military one ("a Turkish military convoy", "a convoy
# of tanks"), not an aid convoy.
MILITARY_WORDS = frozenset(
    {"military", "army", "troop", "armoured", "armored", "tank", "soldier", "reinforcement",
     "armour", "armor", "artillery", "militia", "vehicle"}
)  # fmt: skip
MOVING_NOUNS = frozenset({"convoy", "column", "reinforcement"})


def _armed_doer(token: Token, lexicon: Lexicon, named: bool = True) -> bool:
    """Who acts (subject or agent, with the heads of its phrase) is an armed side: a word of
    the armed, ground-forces or armed-unit classes, a known actor or (with ``named``) any
    named organisation or group."""
    classes = lexicon.classes
    armed = (
        classes.get("armed", frozenset())
        | classes.get("ground_forces", frozenset())
        | classes.get("armed_unit", frozenset())
        | classes.get("state_forces", frozenset())
    )
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    doers += [g for c in token.children if c.dep_ == "agent" for g in c.children]
    if not doers and token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
        return _armed_doer(token.head, lexicon, named)  # "withdrew and vacated the town"
    for doer in doers:
        words = [doer] + [c for c in doer.children if c.dep_ in ("compound", "amod")]
        if any(w.lemma_.lower() in armed for w in words):
            return True
        if doer.ent_id_.startswith("actor:") or (named and doer.ent_type_ in ("ORG", "NORP")):
            return True
    return False


def _ground_object(token: Token, lexicon: Lexicon) -> bool:
    ground = lexicon.classes.get("ground", frozenset()) | HOLD_NOUNS
    return any(
        t.lemma_.lower() in ground or t.ent_type_ in PLACE_LABELS
        for t in token.children
        if t.dep_ in OBJECT_ARCS and t.pos_ != "PRON"
    )


def ground_yielded(token: Token, lexicon: Lexicon) -> bool:
    """ "Rebels vacated the town", "the militia handed control of the city to the army",
    "IS abandoned its positions": what is given up is ground or hold over it, and an armed
    side gives it up (residents abandoning their village flee; they transfer nothing)."""
    if any(c.dep_ == "prt" and c.lower_ not in YIELD_PARTICLES for c in token.children):
        return False
    return _ground_object(token, lexicon) and _armed_doer(token, lexicon)


def made_without_fight(token: Token) -> bool:
    """The move was made with no fight: "unopposed", "peacefully", or "without" a fight, a
    shot or resistance hangs on the verb, or on what it took ("took over the positions
    abandoned by the rebels without any clashes"), not on a clause of its own."""
    for child in token.children:
        if child.dep_ in OBJECT_ARCS and any(
            c.dep_ == "acl" and made_without_fight(c) for c in child.children
        ):
            return True
        if child.lemma_.lower() in PEACEFUL_WORDS or child.lower_ in PEACEFUL_WORDS:
            return True
        negated = child.dep_ == "prep" and child.lower_ == "without"
        if negated and any(t.lemma_.lower() in FIGHT_WORDS for t in child.subtree):
            return True
        if child.dep_ in ("advmod", "acomp", "oprd", "advcl", "xcomp") and any(
            t.lower_ in PEACEFUL_WORDS for t in child.subtree
        ):
            return True
    return False


# Verbs of the other side leaving ground ("after the rebels withdrew", "once the militants
# pulled out"), and words of violence that show a fight in the sentence all the same.
LEAVING_VERBS = frozenset(
    {"withdraw", "leave", "vacate", "abandon", "evacuate", "depart", "pull", "hand"}
)
VIOLENCE_WORDS = FIGHT_WORDS | frozenset(
    {"attack", "offensive", "assault", "shelling", "shell", "airstrike", "strike", "bombard",
     "bombardment", "kill", "dead", "wound", "storm", "capture", "recapture", "seize", "clash",
     "ambush", "raid", "push", "rout", "drive", "retreat", "flee"}
)  # fmt: skip


def taken_as_left(token: Token) -> bool:
    """Ground taken after the other side left it ("took control of the town after the
    rebels withdrew under a deal", "moved into the base once the militia had pulled out"),
    with no word of violence in the sentence: taken over without fighting (Codebook:
    Non-violent transfer of territory).  "Recaptured the town after the militants retreated
    under heavy shelling" tells a fight and stays a battle."""
    left = any(
        c.dep_ == "advcl"
        and c.lemma_.lower() in LEAVING_VERBS
        and any(m.dep_ == "mark" and m.lower_ in ("after", "once", "when") for m in c.children)
        for c in token.children
    ) or any(  # "took over the positions vacated by the army"
        a.dep_ == "acl" and a.lemma_.lower() in LEAVING_VERBS
        for c in token.children
        if c.dep_ in OBJECT_ARCS
        for a in c.children
    )
    if not left:
        return False
    return not any(t.lemma_.lower() in VIOLENCE_WORDS for t in token.sent if t.i != token.i)


def entered_unopposed(token: Token, lexicon: Lexicon) -> bool:
    """ "Government troops entered the town unopposed", "moved into the city without a
    fight": an armed side entering ground with no fight takes it over without violence."""
    return made_without_fight(token) and _armed_doer(token, lexicon)


# Those whose naming is a change of a group's leadership ("named a new leader", "appointed a
# new commander"): Codebook, Change to group/activity.
LEADER_NOUNS = frozenset({"leader", "chief", "commander", "emir", "spokesman"})


def new_leader(token: Token, lexicon: Lexicon) -> bool:
    """ "The Islamic State named a new leader", "the rebels appointed a new commander": a
    non-state armed group choosing its leader; "the company named a new chief" (no armed side)
    and a state's appointments ("the army named a new chief of staff") are none."""
    chosen = [c for c in token.children if c.dep_ in OBJECT_ARCS]
    if not any(c.lemma_.lower() in LEADER_NOUNS for c in chosen):
        return False
    state = lexicon.classes.get("state_forces", frozenset())
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    if any(t.lemma_.lower() in state for d in doers for t in _object_words(d)):
        return False
    return _armed_doer(token, lexicon, named=False)


def forces_moved(token: Token, lexicon: Lexicon) -> bool:
    """ "The army sent reinforcements to the front", "fresh troops were moved to the border",
    "rushed tanks to the city": what is sent or moved is a force (Codebook: Change to
    group/activity covers the movement of forces)."""
    if any(c.dep_ == "prt" and c.lower_ not in ("in", "out") for c in token.children):
        return False  # "sent off", "brought down", "moved on": other verbs
    moved = [c for c in token.children if c.dep_ in OBJECT_ARCS]
    return any(
        t.lemma_.lower() in FORCE_NOUNS
        for obj in moved
        for t in [obj, *(c for c in obj.children if c.dep_ in ("compound", "conj"))]
    )


def military_arrival(token: Token, lexicon: Lexicon) -> bool:
    """ "A Turkish military convoy entered Idlib", "reinforcements arrived in the city", "a
    column of tanks crossed into the province": a military convoy or column, or reinforcements,
    arriving (an aid convoy arriving is no movement of forces)."""
    for subject in (c for c in token.children if c.dep_ in SUBJECT_ARCS):
        lemma = subject.lemma_.lower()
        if lemma not in MOVING_NOUNS:
            continue
        if lemma == "reinforcement":
            return True
        if any(t.lemma_.lower() in MILITARY_WORDS for t in subject.subtree if t.i != subject.i):
            return True
    return False


# Verbs of flight by which a participle describes people by the violence they fled ("women
# fleeing the fighting", "families escaping the shelling").
FLEEING_VERBS = frozenset({"flee", "escape"})


def fled_as_description(token: Token) -> bool:
    """A violent noun that only describes people as those who fled it ("soldiers raped women
    fleeing the fighting"): the sentence's event is what was done to them, not the fighting."""
    verb = token.head
    return token.dep_ == "dobj" and verb.lemma_.lower() in FLEEING_VERBS and verb.dep_ == "acl"


# Verbs that end the doing they take as complement ("agreed to stop fighting").
ENDING_VERBS = frozenset({"stop", "cease", "halt", "end"})


def named_absent(token: Token) -> bool:
    """A violent word negated by "without" ("withdrew without a fight", "entered without
    resistance") or ended ("the militias agreed to stop fighting") tells no deed of its own
    here: the sentence's event is the withdrawal or the agreement."""
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True
    # a verb's complement only ("stop fighting"): "troops stopped the attack" repelled one
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in ENDING_VERBS


# "Of his own accord", "in accord with": the noun "accord" is no agreement there.
OWN_WORDS = frozenset({"own"})


# Prepositions by which a standing accord is the ground of another act ("handed over the
# prisoners under a judicial cooperation accord", "in line with the treaty").
BASIS_PREPS = frozenset({"in", "under", "per", "with"})


def not_own_accord(token: Token, lexicon: Lexicon) -> bool:
    """ "Signed a peace accord", "the accord was reached": an agreement; "of their own
    accord", "in accord with the law" and an accord that is only the ground of another act
    ("handed over under a cooperation accord": the handover is the event) are none."""
    if any(c.lower_ in OWN_WORDS for c in token.children):
        return False
    return not (token.dep_ == "pobj" and token.head.lower_ in BASIS_PREPS)


# Nouns of offenders and their rings that an abduction word may only describe ("a kidnap
# suspect", "a kidnapping gang", "a kidnap kingpin"): the word names their trade, no abduction
# here (the event is whatever is done to them: an arrest, a killing).
OFFENDER_NOUNS = frozenset(
    {"suspect", "kingpin", "gang", "ring", "syndicate", "mastermind", "boss", "accused",
     "convict", "racket", "network", "gangster", "cartel", "charge", "case", "trial"}
)  # fmt: skip


def not_offender_word(token: Token, lexicon: Lexicon) -> bool:
    """An abduction word names an abduction unless it only describes an offender ("arrested
    a kidnap suspect", "busted a kidnapping ring")."""
    if token.dep_ not in ("compound", "amod", "nmod"):
        return True
    return token.head.lemma_.lower() not in OFFENDER_NOUNS


# Words of a munition that did not go off or was never used ("an unexploded shell", "unused
# mortar rounds"): a thing found or removed, never an attack of its own (Codebook: Disrupted
# weapons use covers the munitions found and made safe).
UNUSED_WORDS = frozenset({"unexploded", "undetonated", "unused", "stockpiled", "dud"})


def unexploded(token: Token) -> bool:
    """A weapon noun described as never gone off ("an unexploded artillery shell")."""
    words = [c for c in token.children if c.dep_ in ("amod", "compound")]
    if token.dep_ == "compound":
        words += [c for c in token.head.children if c.dep_ == "amod"]
    return any(w.lower_ in UNUSED_WORDS for w in words)


# Groups one joins in arms ("joined the rival faction", "joined the rebels"), beside the
# lexicon's armed-unit and armed classes.
JOINED_GROUPS = frozenset({"rank", "insurgency", "rebellion", "uprising", "opposition"})


def armed_men_joined(token: Token, lexicon: Lexicon) -> bool:
    """ "Commanders of the militia joined the rival faction", "dozens of fighters joined the
    rebels": armed men joining an armed group; "joined the protest", "joined the talks" and a
    state joining a coalition are none."""
    classes = lexicon.classes
    groups = (
        classes.get("armed_unit", frozenset()) | classes.get("armed", frozenset()) | JOINED_GROUPS
    )
    joined = [c for c in token.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() == "force" and not list(o.children) for o in joined):
        return False  # "joined forces": worked together, the idiom
    if not any(t.lemma_.lower() in groups for obj in joined for t in _object_words(obj)):
        return False
    return _armed_doer(token, lexicon, named=False)


def _object_words(token: Token) -> list[Token]:
    """The head of a phrase and its modifiers ("the rival faction" -> faction, rival)."""
    return [token] + [c for c in token.children if c.dep_ in ("compound", "amod")]
