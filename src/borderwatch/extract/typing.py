"""Refine a trigger's ACLED type from its arguments, following the ACLED codebook's rules.

- Battles need two organised armed sides; an attack on civilians is Violence against civilians.
- A state's arrests are Strategic developments/Arrests; a non-state group's are abductions.
- Capturing a place is a territorial Battle (government or non-state by who took it); capturing
  people is an arrest or abduction; seizing goods is a seizure (Strategic developments/Other).
- A protest met with dispersal is "Protest with intervention"; with lethal force, "Excessive force".
  Arresting protesters at a protest is an intervention in it, not a separate arrest.
- The means decides remote violence: an attack by aircraft is an Air/drone strike, one with a
  grenade a Grenade, with a bomb or mine a Remote explosive, with artillery or rockets Shelling.
- Setting fire and looting: by protesters a Violent demonstration, by a mob Mob violence,
  otherwise Looting/property destruction.  A mob, vigilantes or a lynching: Mob violence.
- Establishing a base is "Headquarters or base established"; forming a unit or brigade is a
  "Change to group/activity".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import ActorRef
from ..region import Lexicon, Trigger
from .clause_roles import phrase_heads, roles_of, shared_subjects
from .crowd_typing import crowd_at_forces as _crowd_at_forces
from .crowd_typing import doers_in as _doers_in
from .crowd_typing import word_in as _word_in
from .deed_frames import hands_owner, sufferers
from .means import MEANS_MODE, means_sub_type
from .movement_frames import made_without_fight, taken_as_left
from .sense import CASUALTY_VERBS

REMOTE = "Explosions/Remote violence"
# What flies at a target and is destroyed in the air ("air defences destroyed 20 drones"):
# intercepted, a disrupted weapons use whoever destroyed it (Codebook; EVENT_CODING.md).
AERIAL_MUNITIONS = frozenset({"drone", "uav", "unmanned", "missile", "rocket", "projectile"})
# Prepositions that introduce what an attack is on ("opened fire inside a mosque").
OBJECT_PREPS = frozenset({"of", "on", "against", "at", "inside", "into"})
# Sub-types the means never overrides: named by their own trigger (a chemical attack).
FIXED_REMOTE = frozenset({"Chemical weapon", "Suicide bomb"})
# Verbs that tell who an attack harmed ("..., killing three workers", "and shot the owner",
# "killed two drivers in an ambush"): their objects are the attack's victims.
HARM_VERBS = CASUALTY_VERBS | {"shoot", "murder", "slay"}


@dataclass(frozen=True)
class EventType:
    event_type: str
    sub_event_type: str
    plover_type: str | None
    plover_mode: str | None


def _object_lemmas(trigger: Token) -> set[str]:
    """Lemmas of the trigger's object phrases: what was captured, seized or attacked.  For a
    noun carried by a verb ("opened fire on shepherds") the verb's objects count too."""
    heads = [trigger]
    if trigger.dep_ in ("dobj", "attr") and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)
    lemmas: set[str] = set()
    for sufferer in sufferers(trigger):  # "an aid convoy came under fire" (deed_frames)
        lemmas |= {t.lemma_.lower() for t in sufferer.subtree}
    for head in heads:
        for child in head.children:
            if child == trigger:
                continue
            if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr") or (
                child.dep_ == "prep" and child.lower_ in OBJECT_PREPS
            ):
                lemmas |= {t.lemma_.lower() for t in child.subtree}
    return lemmas


def _victim_lemmas(trigger: Token) -> set[str]:
    """Lemmas of who an attack harmed, where the report tells it beside the attack word: the
    objects of a harm verb joined to it ("attacked a bar, killing eight people"; "stormed a
    shop and shot the owner") or carrying it ("killed two drivers in an ambush", "ten men were
    shot dead when gunmen opened fire")."""
    verbs = [
        c
        for c in trigger.children
        if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in HARM_VERBS
    ]
    carrier = trigger.head.head if trigger.dep_ == "pobj" else None
    if trigger.dep_ == "advcl":  # "two people were killed when gunmen opened fire on a car"
        carrier = trigger.head
    if carrier is not None and carrier.lemma_.lower() in HARM_VERBS:
        verbs.append(carrier)
    lemmas: set[str] = set()
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                lemmas |= {t.lemma_.lower() for t in child.subtree}
    return lemmas


def _doer_tokens(trigger: Token) -> set[int]:
    """Indices of the tokens naming who attacked (the trigger's subjects and agents, with
    their phrases): their being armed says nothing of the victims' side.  Who died "at the
    hands of" someone is the victim; the hands' owner did it (deed_frames)."""
    owner = hands_owner(trigger)
    if owner is not None:
        return {t.i for t in owner.subtree}
    roles = roles_of(trigger)
    doers = [*roles.subjects, *shared_subjects(trigger, roles.subjects), *roles.causes]
    return {t.i for d in doers for t in d.subtree}


def _crowd(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter in (5, 6)


def _is_state(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter == 1


def _is_civilian(actor: ActorRef | None, objects: set[str], civilian: frozenset[str]) -> bool:
    if actor is not None and actor.inter is not None:
        return actor.inter == 7
    return bool(objects & civilian)


def refine_type(
    trigger: Trigger,
    token: Token,
    sent: Span,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    lexicon: Lexicon,
) -> EventType:
    """The event's ACLED and PLOVER types given who did it to whom."""
    base = EventType(
        trigger.event_type, trigger.sub_event_type, trigger.plover_type, trigger.plover_mode
    )
    objects = _object_lemmas(token)
    classes = lexicon.classes
    kind = trigger.kind
    if kind == "remote" and _crowd(actor1) and base.sub_event_type not in FIXED_REMOTE:
        # protesters or rioters throwing bombs: a violent demonstration (Codebook: Riots)
        return EventType("Riots", "Violent demonstration", "PROTEST", "riot")
    if kind in ("attack", "remote") and base.sub_event_type not in FIXED_REMOTE:
        sub = means_sub_type(token, classes, noun_of=kind == "remote")
        if sub is not None:
            return EventType(REMOTE, sub, "ASSAULT", MEANS_MODE[sub])
    if kind == "attack":
        return _attack_by_sides(base, trigger, token, sent, actor1, actor2, objects, lexicon)
    if kind == "arrest":
        if _at_protest(token, objects, classes):
            return _protest(
                EventType("Protests", "Protest with intervention", "PROTEST", None), sent, lexicon
            )
        return _arrest(base, actor1)
    if kind == "handover" and objects & classes["territory"] and not objects & classes["person"]:
        # territory handed over: a non-violent transfer (Codebook: Strategic developments)
        return EventType(
            "Strategic developments", "Non-violent transfer of territory", "RETREAT", "withdraw"
        )
    if (
        kind == "disrupt"
        and token.lemma_.lower() == "destroy"
        and _doers_in(token, classes.get("means_air", frozenset()))
        and not _struck_heads(token) & AERIAL_MUNITIONS
    ):
        # "jets destroyed weapons depots": an air strike on them (Codebook: Air/drone strike);
        # jets or air defences shooting down a drone still disrupt it
        return EventType(REMOTE, "Air/drone strike", "ASSAULT", "aerial")
    if kind == "destroy":
        return _destruction(base, token, sent, classes)
    if kind == "establish":
        if objects & classes.get("armed_unit", frozenset()) and not objects & classes.get(
            "base_site", frozenset()
        ):
            return EventType("Strategic developments", "Change to group/activity", "MOBILIZE", None)
        return base
    if kind == "territory":
        return _territory(base, actor1, objects, classes, token)
    if kind == "seize":
        return _seizure(base, token, actor1, objects, classes)
    if trigger.event_type == "Protests":
        return _protest(base, sent, lexicon)
    return base


def _attack_by_sides(
    base: EventType,
    trigger: Trigger,
    token: Token,
    sent: Span,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    objects: set[str],
    lexicon: Lexicon,
) -> EventType:
    """An attack typed by who attacked whom: forces on peaceful protesters, crowds fighting
    police, mobs, or else an attack or a clash (:func:`_attack`)."""
    classes = lexicon.classes
    peaceful_target = (
        actor2 is not None
        and actor2.inter == 6
        and not _crowd(actor1)
        and not _mentions_any(sent, lexicon.protest_violence)
    )
    if peaceful_target:
        # forces firing on protesters who did no violence (Codebook: Protests)
        return EventType("Protests", "Excessive force against protesters", "PROTEST", None)
    if _crowd(actor1) or _crowd(actor2):
        # protesters or rioters fighting police: a violent demonstration, not a battle
        return EventType("Riots", "Violent demonstration", "PROTEST", "riot")
    if _crowd_at_forces(token, actor1, actor2, objects, sent, lexicon):
        return EventType("Riots", "Violent demonstration", "PROTEST", "riot")
    if _doers_in(token, classes.get("mob", frozenset())):
        # a mob or vigilantes attacking: mob violence (Codebook: Riots)
        return EventType("Riots", "Mob violence", "ASSAULT", base.plover_mode)
    if _unorganised_on_protest(token, actor1, objects, classes):
        # a crowd, a party's supporters, "a group of men" attacking a rally: mob violence
        return EventType("Riots", "Mob violence", "ASSAULT", base.plover_mode)
    if _force_on_protest(token, actor1, objects, sent, classes):
        return EventType("Protests", "Excessive force against protesters", "PROTEST", None)
    if actor1 is not None and actor1.inter == 7 and trigger.event_type == "Battles":
        # an unorganised crowd or villagers doing the violence: mob violence (ACLED Riots)
        return EventType("Riots", "Mob violence", "ASSAULT", base.plover_mode)
    return _attack(base, token, actor1, actor2, objects, sent, classes)


def _struck_heads(token: Token) -> set[str]:
    """The head nouns of what ``token`` acts on, through a count ("20 of 25 drones" -> drone),
    not their modifiers ("a rocket launcher" -> launcher)."""
    heads = set()
    for obj in (c for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
        heads.add(obj.lemma_.lower())
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            heads |= {g.lemma_.lower() for g in prep.children if g.dep_ == "pobj"}
    return heads


# Words of the lexicon's goods class that measure or carry what was seized rather than name it.
MEASURES = frozenset(
    {"gram", "kg", "kilogram", "ton", "tonne", "load", "consignment", "shipment", "cargo", "haul"}
)


def _seizure(
    base: EventType,
    token: Token,
    actor1: ActorRef | None,
    objects: set[str],
    classes: dict[str, frozenset[str]],
) -> EventType:
    """A seizure typed by what was seized: ground, arms, or people."""
    # a measure or a load of arms ("30 kilograms of explosives", "a shipment of rifles") is
    # arms seized, no other goods
    goods = objects & classes["goods"] - MEASURES
    if objects & classes["territory"] and not goods:
        return _territory(base, actor1, objects, classes, token)
    if objects & classes["weapon"] and not goods - classes["weapon"]:
        # seized arms caches are disrupted weapons use in ACLED
        return EventType("Strategic developments", "Disrupted weapons use", "COERCE", "confiscate")
    if objects & classes["person"] and not goods:
        if _at_protest(token, objects, classes):
            return EventType("Protests", "Protest with intervention", "PROTEST", None)
        return _arrest(EventType("Strategic developments", "Arrests", "COERCE", "arrest"), actor1)
    return base


def _attack(
    base: EventType,
    token: Token,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    objects: set[str],
    sent: Span,
    classes: dict[str, frozenset[str]],
) -> EventType:
    # "a military camp", "a police convoy": an armed target, whoever else is named; and the
    # victims a harm verb beside the attack names ("..., killing three workers") are its target
    victims = _victim_lemmas(token)
    armed_target = (
        objects & classes.get("armed_site", frozenset())
        or victims & classes["armed"]
        or _held_by_armed(objects, classes)
    )
    civilian_objects = set() if armed_target else objects | victims
    if _is_civilian(actor2, civilian_objects, classes["civilian"]):
        return EventType("Violence against civilians", "Attack", "ASSAULT", base.plover_mode)
    if base.event_type == "Violence against civilians":
        # A killing of armed people (soldiers, fighters) by an armed actor is a battle.
        if actor2 is not None and actor2.inter in (1, 2, 3, 4, 8):
            return EventType("Battles", "Armed clash", "ASSAULT", base.plover_mode)
        # armed words of the victims' side, not of the doers' ("gunmen shot dead a lawyer")
        doers = _doer_tokens(token)
        victims_side = {t.lemma_.lower() for t in sent if t.i not in doers}
        if victims_side & classes["armed"]:
            return EventType("Battles", "Armed clash", "ASSAULT", base.plover_mode)
    return base


# Words that tell who holds a place ("a village held by Kurdish fighters", "the regime-held
# town", "areas controlled by the militia").
HOLDING = frozenset({"hold", "held", "control", "controlled", "occupy", "occupied"})


def _held_by_armed(objects: set[str], classes: dict[str, frozenset[str]]) -> bool:
    """The place attacked is held by an armed side ("stormed a village held by Kurdish
    fighters"): an attack on that side's ground is a battle, not violence against civilians."""
    armed = classes["armed"] | classes.get("state_forces", frozenset())
    return bool(objects & HOLDING and objects & armed)


def _arrest(base: EventType, actor1: ActorRef | None) -> EventType:
    if actor1 is not None and actor1.inter not in (None, 1, 8):
        return EventType(
            "Violence against civilians", "Abduction/forced disappearance", "ASSAULT", "abduct"
        )
    return base


def _territory(
    base: EventType,
    actor1: ActorRef | None,
    objects: set[str],
    classes: dict[str, frozenset[str]],
    token: Token | None = None,
) -> EventType:
    weapons_taken = token is not None and _direct_objects(token) & classes["weapon"]
    if weapons_taken or (
        objects & classes["weapon"] and not objects & (classes["territory"] | classes["person"])
    ):
        # "captured a weapons cache": arms taken is disrupted weapons use
        return EventType("Strategic developments", "Disrupted weapons use", "COERCE", "confiscate")
    if objects & classes["person"] and not objects & classes["territory"]:
        return _arrest(EventType("Strategic developments", "Arrests", "COERCE", "arrest"), actor1)
    if token is not None and (made_without_fight(token) or taken_as_left(token)):
        # "took the town without a fight", "seized control unopposed": ground changing hands
        # with no fighting is no battle (Codebook: Non-violent transfer of territory)
        return EventType(
            "Strategic developments", "Non-violent transfer of territory", "RETREAT", "withdraw"
        )
    # who took it as the sentence names them ("Chadian army troops") over a resolved actor
    state = _is_state(actor1) or (
        token is not None and _doers_in(token, classes.get("state_forces", frozenset()))
    )
    sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    return EventType("Battles", sub, base.plover_type, base.plover_mode)


def _mentions_any(sent: Span, words: tuple[str, ...], *, prefixes: bool = True) -> bool:
    """Whether the sentence holds one of ``words`` (phrases by lemma); with ``prefixes`` also
    as the start of a written word ("stone-throwing" for "stone").  Without, whole lemmas
    only: "killer" is no "kill", "deadly" no "dead", "detainees" no "detain"; nor a participle
    that only describes a noun ("detained prisoners began a hunger strike": no one was
    detained at the protest)."""
    text = " " + sent.text.lower() + " "
    lemmas = " " + " ".join(t.lemma_.lower() for t in sent if prefixes or not _described(t))
    lemmas += " "
    return any(f" {w} " in lemmas or (prefixes and f" {w}" in text) for w in words)


def _described(token: Token) -> bool:
    """A participle describing a noun ("the detained activists"), no act of the sentence."""
    return token.dep_ == "amod" and token.tag_ == "VBN"


def _protest(base: EventType, sent: Span, lexicon: Lexicon) -> EventType:
    if _mentions_any(sent, lexicon.protest_excessive_force, prefixes=False):
        return EventType("Protests", "Excessive force against protesters", base.plover_type, None)
    if _mentions_any(sent, lexicon.protest_violence):
        return EventType("Riots", "Violent demonstration", base.plover_type, "riot")
    if _mentions_any(sent, lexicon.protest_intervention, prefixes=False):
        return EventType("Protests", "Protest with intervention", base.plover_type, None)
    return base


def _at_protest(token: Token, objects: set[str], classes: dict[str, frozenset[str]]) -> bool:
    """Whether an arrest is made at a protest: protesters are who was taken, or the trigger's
    clause places it at one ("detained during a rally", "while trying to hold a protest")."""
    if objects & classes.get("protester", frozenset()):
        return True
    gathering = classes.get("gathering", frozenset())
    if token.dep_ in ("advcl", "conj") and any(
        c.dep_ == "dobj" and _word_in(c, gathering) for c in token.head.children
    ):
        return True  # "suppressed the protest, detaining thousands"
    for child in token.children:
        placed = child.dep_ in ("prep", "advcl") and child.lower_ not in ("for", "over", "after")
        if placed and any(_word_in(t, gathering) for t in child.subtree):
            return True
    return False


def _destruction(
    base: EventType, token: Token, sent: Span, classes: dict[str, frozenset[str]]
) -> EventType:
    """Fire-setting and looting typed by who does it: protesters or rioters make it a violent
    demonstration, a mob mob violence; anyone else, destruction of property (Codebook: Riots;
    Strategic developments)."""
    if _doers_in(token, classes.get("mob", frozenset())):
        return EventType("Riots", "Mob violence", "ASSAULT", "riot")
    protest = classes.get("protester", frozenset()) | classes.get("gathering", frozenset())
    if _doers_in(token, protest) or any(_word_in(t, protest) for t in sent):
        return EventType("Riots", "Violent demonstration", "PROTEST", "riot")
    return base


def _unorganised_on_protest(
    token: Token, actor1: ActorRef | None, objects: set[str], classes: dict[str, frozenset[str]]
) -> bool:
    """An attack on a protest ("attacked a peaceful rally", "assaulted demonstrators") by
    people who are no armed or state force: rioters against protesters, ACLED's mob violence
    (Codebook: Riots).  State forces doing it use excessive force or intervene (below)."""
    if not objects & (
        classes.get("protester", frozenset()) | classes.get("gathering", frozenset())
    ):
        return False
    if actor1 is not None and actor1.inter in (1, 2, 3, 4, 8):
        return False
    armed = classes["armed"] | classes.get("state_forces", frozenset())
    return not _doers_in(token, armed) and bool(roles_of(token).subjects)


def _force_on_protest(
    token: Token,
    actor1: ActorRef | None,
    objects: set[str],
    sent: Span,
    classes: dict[str, frozenset[str]],
) -> bool:
    """Violence against protesters: protesters are its target, or state forces (or no one
    named) kill or attack people in a sentence about a protest (Codebook: Excessive force
    against protesters)."""
    protesters = classes.get("protester", frozenset())
    if objects & protesters:
        return True
    protest = protesters | classes.get("gathering", frozenset())
    if not any(_word_in(t, protest) for t in sent):
        return False
    doers = roles_of(token).subjects
    state = _is_state(actor1) or _doers_in(token, classes.get("state_forces", frozenset()))
    return state or (not doers and actor1 is None)


def _direct_objects(token: Token) -> set[str]:
    """Lemmas of the heads of what ``token`` directly acts on, with their compounds ("a
    weapons cache" -> cache, weapon), not what hangs further below them."""
    return {
        t.lemma_.lower()
        for c in token.children
        if c.dep_ in ("dobj", "nsubjpass")
        for t in phrase_heads(c)
    }
