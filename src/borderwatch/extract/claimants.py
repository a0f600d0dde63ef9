"""Who did an event the sentence leaves unnamed, where border reporting's wording says it.

Three readings of the coding convention (GUIDE.md, EVENT_CODING.md), each for a gap the
sentence's syntax leaves and its wording fills:

- A state's military reporting an air or drone strike in *another* country, with no other
  attacker named, reports its own strike ("The Israeli army said a drone strike near Hermel
  killed two Hezbollah members": Military Forces of Israel).  A military tells of strikes
  abroad as its own; a strike by another state would be named as that state's.  Inside its
  own country ("the Lebanese army said a drone strike hit Hermel") it is a witness, not the
  doer, so nothing is filled.
- A state body of the country whose crossing opened or closed, telling that it did, is who
  opened or closed it ("The Arida crossing reopened on Tuesday, Lebanon's General Security
  said": the agency that runs the crossing).  ACLED's actor1 of a Strategic development is
  the one whose decision it was.
- People a state arrests in a report of smuggling (its words: captagon, contraband, fuel,
  smuggled...), named only as people ("seized captagon pills and arrested two men"), are the
  smugglers caught with the goods (ACLED's generic "Smugglers" of the country), not civilians.
- A state handing over another country's nationals with no recipient named hands them to that
  country ("On September 27 Lebanon handed over 27 Syrian detainees at the same crossing": the
  Government of Syria), the border 'handover' of EVENT_CODING.md (one state to another).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ..model import ActorRef, Mention
from ..resolve.demonyms import nationality
from .roles import ActorChooser

# The sub-types a foreign military's report of an unnamed attacker is its own strike.
STRIKE_SUB_TYPES = frozenset({"Air/drone strike"})
# The knowledge base's words for ACLED's state actors (EVENT_CODING.md: named with their period).
MILITARY = "Military Forces of "
# Border tags whose doer is the state body that announces them.
CROSSING_TAGS = frozenset({"border_opening", "border_closure"})
# Words that name arrested people as people only: no group, trade or office ("two men",
# "three people", "a suspect"); a named group or trade keeps its own name.
BARE_PEOPLE = frozenset(
    {
        "man",
        "men",
        "people",
        "person",
        "persons",
        "individual",
        "individuals",
        "suspect",
        "suspects",
    }
)
SMUGGLERS_ID = "smugglers"
UNNAMED_DOERS = frozenset({"unidentified-military-forces", "state-forces-unidentified"})


def fill_from_wording(
    mention: Mention, source: Span | None, chooser: ActorChooser, on: date | None, trigger: Token
) -> None:
    """Fill ``mention``'s unnamed actor1 (or its bare-people or missing actor2) by the
    readings above; ``source`` is the span naming who told the event (its attribution),
    ``trigger`` the event's word."""
    country = mention.place.country_code if mention.place else None
    doer = mention.actor1
    unnamed = doer is None or not doer.canonical or doer.actor_id in UNNAMED_DOERS
    if unnamed and source is not None:
        claimant = _claimant(mention, source, chooser, on, country)
        if claimant is not None:
            mention.actor1 = claimant
            mention.why["claimant"] = f"actor1 from who told it: {source.text!r}"
    if mention.sub_event_type == "Arrests" and "smuggling" in mention.tags:
        caught = _smugglers(mention.actor2, chooser, on, country)
        if caught is not None:
            mention.actor2 = caught
            mention.why["smugglers"] = "people arrested in a smuggling report"
    if "handover" in mention.tags and mention.actor2 is None:
        mention.actor2 = _recipient(mention.actor1, trigger, chooser, on)


def _claimant(
    mention: Mention, source: Span, chooser: ActorChooser, on: date | None, country: str | None
) -> ActorRef | None:
    """The teller as the doer, where one of the first two readings holds."""
    strike = mention.sub_event_type in STRIKE_SUB_TYPES
    crossing = bool(CROSSING_TAGS & set(mention.tags))
    if not (strike or crossing):
        return None
    ref = chooser.resolve(source, on, violent=strike)
    if ref is None or not ref.canonical or not ref.country:
        return None
    actors = chooser.resolver.actors
    if actors.kind_of(ref.actor_id) in (None, "generic", "person"):
        return None
    if strike:
        foreign = country is not None and ref.country != country
        target = mention.actor2
        if not (ref.canonical.startswith(MILITARY) and foreign):
            return None
        if target is not None and target.canonical == ref.canonical:
            return None
        return ref
    state_body = ref.inter == 1 or ref.canonical.startswith("Government of ")
    if not state_body or (country is not None and ref.country != country):
        return None
    return actors.acled_name(actors.localise(ref, country, on))


def _smugglers(
    victim: ActorRef | None, chooser: ActorChooser, on: date | None, country: str | None
) -> ActorRef | None:
    """ACLED's Smugglers of the event's country for arrested people named only as people."""
    words = victim.text.lower().split() if victim is not None else []
    if victim is None or not words or words[-1] not in BARE_PEOPLE:
        return None
    actors = chooser.resolver.actors
    if victim.canonical and actors.kind_of(victim.actor_id) != "generic":
        return None  # a named group's members ("two Hezbollah men") keep the group
    entry = actors.by_id(SMUGGLERS_ID, on)
    if entry is None:
        return None
    ref = ActorRef(victim.text, entry.canonical, entry.actor_id, entry.inter)
    return actors.acled_name(actors.localise(ref, country, on)) or ref


def _recipient(
    giver: ActorRef | None, trigger: Token, chooser: ActorChooser, on: date | None
) -> ActorRef | None:
    """The government of the country whose nationals a state hands over ("handed over 27
    Syrian detainees"), where it is not the giver's own."""
    if giver is None or not giver.country or giver.inter not in (1, None):
        return None
    handed = [c for c in trigger.children if c.dep_ == "dobj"]
    handed += [o for p in trigger.children if p.lower_ == "of" for o in p.children]
    codes = {
        nationality(m.text)
        for thing in handed
        for m in thing.children
        if m.dep_ in ("amod", "compound")
    }
    codes.discard(None)
    if len(codes) != 1 or giver.country in codes:
        return None
    entry = chooser.resolver.actors.government_of(codes.pop() or "", on)
    if entry is None:
        return None
    return ActorRef("", entry.canonical, entry.actor_id, entry.inter, entry.country)
