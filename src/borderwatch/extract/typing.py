"""Refine a trigger's ACLED type from its arguments, following the ACLED codebook's rules.

- Battles need two organised armed sides; an attack on civilians is Violence against civilians.
- A state's arrests are Strategic developments/Arrests; a non-state group's are abductions.
- Capturing a place is a territorial Battle (government or non-state by who took it); capturing
  people is an arrest or abduction; seizing goods is a seizure (Strategic developments/Other).
- A protest met with dispersal is "Protest with intervention"; with lethal force, "Excessive force".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import ActorRef
from ..region import Lexicon, Trigger


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
    for head in heads:
        for child in head.children:
            if child == trigger:
                continue
            if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr") or (
                child.dep_ == "prep" and child.lower_ in ("of", "on", "against", "at")
            ):
                lemmas |= {t.lemma_.lower() for t in child.subtree}
    return lemmas


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
    if kind == "attack":
        if _crowd(actor1) or _crowd(actor2):
            # protesters or rioters fighting police: a violent demonstration, not a battle
            return EventType("Riots", "Violent demonstration", "PROTEST", "riot")
        if actor1 is not None and actor1.inter == 7 and trigger.event_type == "Battles":
            # an unorganised crowd or villagers doing the violence: mob violence (ACLED Riots)
            return EventType("Riots", "Mob violence", "ASSAULT", base.plover_mode)
        return _attack(base, actor1, actor2, objects, sent, classes)
    if kind == "arrest":
        return _arrest(base, actor1)
    if kind == "territory":
        return _territory(base, actor1, objects, classes)
    if kind == "seize":
        goods = objects & classes["goods"]
        if objects & classes["territory"] and not goods:
            return _territory(base, actor1, objects, classes)
        if objects & classes["weapon"] and not goods - classes["weapon"]:
            # seized arms caches are disrupted weapons use in ACLED
            return EventType(
                "Strategic developments", "Disrupted weapons use", "COERCE", "confiscate"
            )
        if objects & classes["person"] and not goods:
            return _arrest(
                EventType("Strategic developments", "Arrests", "COERCE", "arrest"), actor1
            )
        return base
    if trigger.event_type == "Protests":
        return _protest(base, sent, lexicon)
    return base


def _attack(
    base: EventType,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    objects: set[str],
    sent: Span,
    classes: dict[str, frozenset[str]],
) -> EventType:
    if _is_civilian(actor2, objects, classes["civilian"]):
        return EventType("Violence against civilians", "Attack", "ASSAULT", base.plover_mode)
    if base.event_type == "Violence against civilians":
        # A killing of armed people (soldiers, fighters) by an armed actor is a battle.
        if actor2 is not None and actor2.inter in (1, 2, 3, 4, 8):
            return EventType("Battles", "Armed clash", "ASSAULT", base.plover_mode)
        sentence_lemmas = {t.lemma_.lower() for t in sent}
        if sentence_lemmas & classes["armed"]:
            return EventType("Battles", "Armed clash", "ASSAULT", base.plover_mode)
    return base


def _arrest(base: EventType, actor1: ActorRef | None) -> EventType:
    if actor1 is not None and actor1.inter not in (None, 1, 8):
        return EventType(
            "Violence against civilians", "Abduction/forced disappearance", "ASSAULT", "abduct"
        )
    return base


def _territory(
    base: EventType, actor1: ActorRef | None, objects: set[str], classes: dict[str, frozenset[str]]
) -> EventType:
    if objects & classes["person"] and not objects & classes["territory"]:
        return _arrest(EventType("Strategic developments", "Arrests", "COERCE", "arrest"), actor1)
    sub = (
        "Government regains territory"
        if _is_state(actor1)
        else "Non-state actor overtakes territory"
    )
    return EventType("Battles", sub, base.plover_type, base.plover_mode)


def _mentions_any(sent: Span, words: tuple[str, ...]) -> bool:
    text = " " + sent.text.lower() + " "
    lemmas = " " + " ".join(t.lemma_.lower() for t in sent) + " "
    return any(f" {w} " in lemmas or f" {w}" in text for w in words)


def _protest(base: EventType, sent: Span, lexicon: Lexicon) -> EventType:
    if _mentions_any(sent, lexicon.protest_excessive_force):
        return EventType("Protests", "Excessive force against protesters", base.plover_type, None)
    if _mentions_any(sent, lexicon.protest_violence):
        return EventType("Riots", "Violent demonstration", base.plover_type, "riot")
    if _mentions_any(sent, lexicon.protest_intervention):
        return EventType("Protests", "Protest with intervention", base.plover_type, None)
    return base
