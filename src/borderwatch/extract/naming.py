"""Actors named as ACLED names them where the words alone name none.

The parse says which words acted (:mod:`.arguments`); this module says what ACLED calls them
when the knowledge base does not know the words: a nationality standing for its state ("Russian
raids") or its people ("three Israelis"), an official for the government, a person for the group
described with them or, when acted on, for civilians; the crowd of a protest or a riot; the
unnamed air force of an air strike; one person doing violence for an unidentified armed group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from ..acled import with_country
from ..model import EXPORTED_MODALITIES, ActorRef, Mention
from ..resolve.actors import ActorResolver, country_name, nationality
from .candidates import GROUP_NOUNS
from .naming_spans import (
    STATE_DEED_NOUNS,
    STATE_HELD_NOUNS,
    armed_unit_named_in,
    before_deed,
    bombed,
    led_modifier,
    named_in,
    said_owner,
    says_its_force_did,
)
from .place_words import BORDER_NOUNS
from .state_owner import owning_state

# Event types in which a country acting stands for its armed forces, not its government.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# The knowledge base's generic entries for civilians and for forces whose state is not said.
CIVILIANS_ID = "civilians"
REFUGEES_ID = "refugees"
UNIDENTIFIED_FORCES_ID = "unidentified-military-forces"
ARMED_GROUP_ID = "unidentified-armed-group"
REBELS_ID = "rebels"
# The crowd ACLED names actor1 of a protest and of a riot.
CROWD_IDS = {"Protests": "protesters", "Riots": "rioters"}
# The protest sub-type whose deed is the force used on the crowd, not the crowd's gathering.
EXCESSIVE_FORCE = "Excessive force against protesters"
# Words of a trigger that say the doers fired guns ("opened fire", "shot", "gunned down").
FIRING_WORDS = frozenset({"fire", "shoot", "shot", "gun", "gunfire"})
# Words by which a report withholds who the doers were ("unknown persons", "unidentified
# men", "masked men"): an unidentified armed group, never civilians.
UNKNOWN_WORDS = frozenset({"unknown", "unidentified", "masked", "anonymous"})
# Sub-event types whose doer, when the text does not say it, is still known to be a state's
# military (ACLED: an air or drone strike by an unnamed air force is Unidentified Military
# Forces' — only states fly warplanes in the conflicts ACLED codes).
STATE_DOER_SUB_TYPES = frozenset({"Air/drone strike"})
# Counts that tell an event's casualties, and the sub-types whose unnamed casualties are
# civilians (an abduction's or a sexual violence's victims are named by its own rules).
CASUALTY_COUNTS = ("killed", "injured")
CIVILIAN_VICTIM_SUB_TYPES = frozenset(
    {
        "Attack",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    }
)
# Nouns a nationality makes a place of, not an actor ("the Thai border", "Syrian airspace").
NATIONAL_PLACE_NOUNS = BORDER_NOUNS | {"territory", "soil", "waters", "airspace", "coast"}
# Arcs by which a nationality word modifies a noun ("Russian raids", "an Israeli strike").
NATIONALITY_MODIFIER_ARCS = frozenset({"amod", "compound", "nmod"})

# Words naming a state as the owner of its weapons or deeds ("government tanks", "army
# shelling"): in a violent event, the state's forces (ACLED: Military Forces of the country),
# though "the government" alone is its government.
STATE_OWNER_WORDS = frozenset({"government", "army", "military", "regime"})
# Ranks and posts of a state's military ("an Iranian general", "a Russian pilot"): the
# nationality before them says whose forces the person served in.
MILITARY_RANKS = frozenset(
    {"general", "colonel", "brigadier", "lieutenant", "pilot", "adviser", "advisor", "officer"}
)
# Heads and titles of people who act for their state: ACLED codes them as its government.
OFFICIAL_HEADS = frozenset(
    {
        "official",
        "diplomat",
        "negotiator",
        "envoy",
        "minister",
        "president",
        "premier",
        "king",
        "ambassador",
        "delegation",
        "spokesman",
        "government",
        "ministry",
        "authority",
        "chancellor",
    }
)


def _titled(span: Span) -> bool:
    """A name with an office before it ("Gambian President Dawda Jawara")."""
    return span.label_ == "PERSON" and any(t.lemma_.lower() in OFFICIAL_HEADS for t in span)


def _named(actor: ActorRef | None) -> bool:
    """Whether an actor carries a name an analyst can count (a base entry or a state's)."""
    return actor is not None and bool(actor.canonical)


def _crowd(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter in (5, 6)


def _civilian(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter == 7


class ActorNamer:
    """ACLED names for what the knowledge base does not name by its words."""

    def __init__(self, actors: ActorResolver) -> None:
        self.actors = actors

    def nationals(self, doc: Doc) -> list[Span]:
        """Nationality words that stand for an actor: a state modifying what it did ("Russian
        raids", "an Israeli helicopter attack") or people named by nationality alone ("three
        Israelis and an Iranian were killed")."""
        spans = []
        for ent in doc.ents:
            if ent.label_ not in ("NORP", "GPE") or ent.ent_id_ or len(ent) > 2:
                continue
            if self.actors.nationals(ent.root.text) is None:
                continue
            root = ent.root
            head = root.head
            modifier = (
                root.dep_ in NATIONALITY_MODIFIER_ARCS
                and head.pos_ == "NOUN"
                and head.lemma_.lower() in STATE_DEED_NOUNS | MILITARY_RANKS | STATE_HELD_NOUNS
            )
            if head.lemma_.lower() in NATIONAL_PLACE_NOUNS:
                continue  # "near the Thai border", "in Syrian airspace": a place, no actor
            if modifier or (root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("poss",)):
                spans.append(ent)
        for token in doc:
            led = led_modifier(token)
            if led is not None:
                spans.append(led)
                continue
            # a group word modifying what it did: "coalition raids", "army shelling"
            head = token.head
            bare = not any(True for _ in token.children)  # not "the Saudi-led coalition"
            group = token.dep_ == "compound" and token.lemma_.lower() in GROUP_NOUNS
            deed = head.pos_ == "NOUN" and head.lemma_.lower() in STATE_DEED_NOUNS
            if bare and group and deed:
                spans.append(doc[token.i : token.i + 1])
        return spans

    def finish(self, mention: Mention) -> None:
        """The names an admitted mention's actors take once its type is known: a lone doer of
        violence is armed, a crowd takes its protest or riot roles, and the names settle."""
        mention.actor1 = self.armed_doer(mention.actor1, mention.event_type)
        self.crowd_roles(mention)
        words = mention.actor2
        if mention.event_type == "Violence against civilians" and not _named(words):
            # its targets are civilians by definition (ACLED codebook), whatever the words
            # the base does not know ("a local council member") say of them
            mention.actor2 = None
        self.unnamed_victims(mention)
        if words is not None and mention.actor2 is None:
            mention.actor2 = words  # no country to name them by: the words stay
        elif words is not None and mention.actor2 is not None and not mention.actor2.text:
            mention.actor2 = replace(mention.actor2, text=words.text)
        self.displaced_victims(mention)
        self.settle(mention)

    def unnamed_victims(self, mention: Mention) -> None:
        """Victims the report does not name: violence against civilians is done to civilians
        by definition (ACLED codebook), and the dead or wounded of a strike, a shelling or a
        bomb told only by their number ("killing five", "three were wounded") are civilians
        unless named otherwise (ACLED codes unnamed casualties of remote violence as Civilians
        of the event's country); a battle's unnamed dead are no side of it."""
        if mention.actor2 is not None or mention.modality not in EXPORTED_MODALITIES:
            return
        hurt = any(mention.counts.get(k, 0) > 0 for k in CASUALTY_COUNTS)
        remote = mention.event_type == "Explosions/Remote violence" and hurt
        if not (remote or mention.event_type == "Violence against civilians"):
            return
        against_civilians = mention.event_type == "Violence against civilians"
        if mention.sub_event_type not in CIVILIAN_VICTIM_SUB_TYPES and not against_civilians:
            return  # an abduction's unnamed captives are civilians too (its type says so)
        civilians = self.actors.by_id(CIVILIANS_ID)
        if civilians is None:
            return
        code = mention.place.country_code if mention.place else None
        # placed nowhere: the country the doer was named in ("Rebels (Syria)" shelled ...)
        doers = (mention.actor1, mention.assoc_actor_1)
        code = code or next(
            (r.country for r in doers if r is not None and r.country and r.inter != 8), None
        )  # a foreign force's own country is not where it fought
        name = with_country(civilians.canonical, country_name(code)) if code else None
        if name is None:
            return  # ACLED names civilians by their country; when none is said, none
        mention.actor2 = ActorRef("", name, civilians.actor_id, civilians.inter, code)

    def displaced_victims(self, mention: Mention) -> None:
        """Refugees or displaced people acted on are civilians, with their group associated:
        ACLED codes them "Civilians (<where it happened>)" and "Refugees/IDPs (<theirs>)" as
        assoc_actor_2 (ACLED Codebook, associated actors)."""
        victims = mention.actor2
        if victims is None or victims.actor_id != REFUGEES_ID or mention.assoc_actor_2 is not None:
            return
        civilians = self.actors.by_id(CIVILIANS_ID)
        code = mention.place.country_code if mention.place else None
        code = code or victims.country
        if civilians is None or code is None:
            return
        name = with_country(civilians.canonical, country_name(code))
        mention.actor2 = ActorRef(victims.text, name, civilians.actor_id, civilians.inter, code)
        mention.assoc_actor_2 = victims

    def withheld(self, actor: ActorRef | None) -> ActorRef | None:
        """People whose identity the report withholds, doing violence ("unknown persons
        planted the bomb", "unidentified men opened fire"): ACLED's unidentified armed group,
        never civilians (who are violence's victims)."""
        if actor is None or actor.actor_id != CIVILIANS_ID:
            return actor
        if not UNKNOWN_WORDS & set(actor.text.lower().split()):
            return actor
        return self._armed_group(actor, localised=False)

    def armed_doer(self, actor: ActorRef | None, event_type: str) -> ActorRef | None:
        """ "A man opened fire", "a man blew himself up": one person doing political violence
        is an armed actor, not a civilian (ACLED: civilians are its victims), named so once
        the event is admitted (a man alone is no evidence of an organised group); a crowd
        ("dozens of people attacked the post") stays a crowd, typed by its words."""
        singular = actor is not None and len(actor.text.split()) <= 2
        if not singular or actor is None or actor.actor_id != CIVILIANS_ID:
            return actor
        if event_type not in VIOLENT_TYPES or actor.text.split()[-1].lower().endswith("s"):
            return actor
        return self._armed_group(actor)

    def gunmen(self, actor: ActorRef | None, trigger: Span) -> ActorRef | None:
        """ "Men in a car opened fire on the checkpoint", "two men shot a policeman": people
        who fire guns are gunmen, ACLED's unidentified armed group, not civilians or a mob
        (a crowd throwing stones stays a crowd, typed by its words)."""
        if actor is None or actor.actor_id != CIVILIANS_ID:
            return actor
        if not FIRING_WORDS & {t.lemma_.lower() for t in trigger}:
            return actor
        return self._armed_group(actor)

    def _armed_group(self, actor: ActorRef, *, localised: bool = True) -> ActorRef:
        """``actor``'s words named as ACLED's unidentified armed group (of its country when
        ``localised``)."""
        armed = self.actors.by_id(ARMED_GROUP_ID)
        if armed is None:
            return actor
        named = ActorRef(actor.text, armed.canonical, armed.actor_id, armed.inter, actor.country)
        return self.actors.localise(named, actor.country, None) if localised else named

    def crowd_roles(self, mention: Mention) -> None:
        """A protest's or riot's actors as ACLED codes them: actor1 is the crowd, Protesters
        (or Rioters) of the event's country, whoever the report says took part ("residents",
        "students", "lorry drivers"); an organisation named as leading or joining it is
        associated; a peaceful protest has no actor2 (what it is against is no party to it)."""
        crowd_id = CROWD_IDS.get(mention.event_type)
        entry = self.actors.by_id(crowd_id) if crowd_id else None
        if entry is None or mention.modality not in EXPORTED_MODALITIES:
            return
        actor1, actor2, ally = mention.actor1, mention.actor2, mention.assoc_actor_1
        # "police dispersed protesters": the crowd first (rioters and the forces they fight
        # stay in the report's order, as in "forces clashed with rioters")
        state_first = actor1 is not None and actor1.inter == 1
        crowd_second = _crowd(actor2) and not (_crowd(actor1) or _civilian(actor1))
        if mention.event_type == "Protests" and (state_first or crowd_second):
            actor1, actor2 = actor2, actor1
        elif state_first:
            return
        if actor1 is None or actor1.inter != entry.inter:
            organiser = actor1 is not None and actor1.inter not in (None, 5, 6, 7)
            organiser = organiser and bool(actor1 and actor1.canonical)
            ally = actor1 if organiser else ally
            text = actor1.text if actor1 is not None and not organiser else ""
            # the crowd of the country where it gathered ("Syrian refugees protesting in Arsal":
            # Protesters (Lebanon)), whatever their nationality
            code = mention.place.country_code if mention.place else None
            if code is None and actor1 is not None and not organiser:
                code = actor1.country  # placed nowhere: the crowd's own country, if said
            name = with_country(entry.canonical, country_name(code)) if code else entry.canonical
            actor1 = ActorRef(text, name, entry.actor_id, entry.inter, code)
        if mention.sub_event_type == EXCESSIVE_FORCE:
            # "police opened fire on protesters": the force used is the deed, so its user is
            # actor1 and the crowd it was used on actor2 (the codebook's one-sided violence)
            actor1, actor2 = actor2, actor1
        mention.actor1, mention.actor2, mention.assoc_actor_1 = actor1, actor2, ally
        if mention.sub_event_type == "Peaceful protest":
            mention.actor2 = None

    def default_doer(self, actor1: ActorRef | None, sub_event_type: str) -> ActorRef | None:
        """An air or drone strike whose doer the text does not name was still flown by a
        state: ACLED's Unidentified Military Forces (the event's country does not say whose
        aircraft they were)."""
        if (actor1 is not None and actor1.canonical) or sub_event_type not in STATE_DOER_SUB_TYPES:
            return actor1
        unknown = self.actors.by_id(UNIDENTIFIED_FORCES_ID)
        if unknown is None:
            return actor1
        return ActorRef("", unknown.canonical, unknown.actor_id, unknown.inter)

    def home_country(self, refs: Iterable[ActorRef | None]) -> str | None:
        """Where an event the report places nowhere happened, as far as its actors say: the
        home country of a national actor in it ("regime forces clashed with rebels": Syria);
        foreign forces (ACLED's external forces, code 8) say nothing of where they fought."""
        for ref in refs:
            national = ref is not None and ref.country and ref.inter not in (None, 8)
            if national and ref and self.actors.kind_of(ref.actor_id) not in (None, "generic"):
                return ref.country
        return None

    def demonym(self, span: Span) -> bool:
        """A nationality word the model took for a name ("Russian" tagged as a place)."""
        return (
            span.label_ in ("NORP", "GPE")
            and not span.ent_id_
            and len(span) <= 2
            and self.actors.nationals(span.root.text) is not None
        )

    def unnamed(
        self,
        span: Span,
        on: date | None,
        *,
        violent: bool,
        victim: bool,
        resolve: Callable[[Span], ActorRef | None],
    ) -> ActorRef | None:
        """An actor the base does not name by these words: a nationality ("Russian raids":
        Russia's forces; "three Israelis were killed": Israeli civilians), a person named with
        the group they belong to ("X, the head of ISIS security") or, when acted on, a
        civilian ("Fares Saeed was killed")."""
        actors = self.actors
        owned = owning_state(span, actors, on, violent=violent)
        if owned is not None:  # "Kenya's government", "the president of Armenia"
            return owned
        code = actors.nationals(span.root.text) if span.label_ in ("NORP", "GPE") else None
        if code is not None and span.root.dep_ in NATIONALITY_MODIFIER_ARCS:
            return actors.state_of(code, on, violent=violent, text=span.text)
        official = span.root.lemma_.lower() in OFFICIAL_HEADS or _titled(span)
        country = nationality(span.text) if official else None
        if country is not None:  # "a Russian official", "Israeli Prime Minister Ehud Barak"
            return actors.state_of(country, on, violent=False, text=span.text)
        if span.root.lower_.endswith("led") and span.root.dep_ == "amod":
            # "a US-led airstrike": the coalition that state leads, if the base knows one
            coalition = actors.ref(f"{span.text} coalition", on)
            if coalition.actor_id is not None or coalition.country:  # else its leader's forces
                return replace(coalition, text=span.text)
        bare = [t for t in span if t.dep_ != "det"]
        deed = span.root.dep_ == "compound" or before_deed(span) or says_its_force_did(span)
        deed = deed or (violent and bombed(span))
        if code is None and len(bare) == 1 and deed:
            # "coalition raids", "army shelling", "the coalition said its aircraft struck": a
            # name that needs context has it in the deed
            known = actors.in_context(bare[0].text, on)
            if known is None and violent and bare[0].lemma_.lower() in STATE_OWNER_WORDS:
                # "government tanks shelled the town": the state's own forces did it
                known = actors.in_context(f"{bare[0].text} forces", on)
            if known is not None:
                return ActorRef(
                    span.text, known.canonical, known.actor_id, known.inter, known.country
                )
        if not victim or (code is None and span.label_ != "PERSON"):
            return None
        if code is None:
            group = named_in(span)
            if group is not None:
                return resolve(group)
            rebels = actors.by_id(REBELS_ID, on) if armed_unit_named_in(span) else None
            if rebels is not None:  # "X, the commander of Liwa al-Haq": a fighter, no civilian
                return ActorRef(span.text, rebels.canonical, rebels.actor_id, rebels.inter)
        civilians = actors.by_id(CIVILIANS_ID, on)
        if civilians is None:
            return None
        name = with_country(civilians.canonical, country_name(code)) if code else None
        # no inter code until the event is admitted (:meth:`settle`): a name the base does not
        # know is no evidence of what the event is (a politician "clashed with" is no victim)
        return ActorRef(span.text, name or civilians.canonical, civilians.actor_id, None, code)

    def said_owner_of(self, span: Span, on: date | None, *, violent: bool) -> ActorRef | None:
        """Aircraft or forces whose owner the words do not name but a hearsay clause does
        ("a drone believed to belong to the coalition", "jets thought to be Russian"): the
        owner, as the report gives it (ACLED codes the attributed actor)."""
        owner = said_owner(span)
        if owner is None:
            return None
        code = self.actors.nationals(owner.text)
        if code is not None:
            return self.actors.state_of(code, on, violent=violent, text=span.text)
        marked = next((t for t in owner.subtree if t.ent_id_.startswith("actor:")), None)
        if marked is not None:  # "the coalition", "IS members": the name the words carry
            entry = self.actors.by_id(marked.ent_id_.removeprefix("actor:"), on)
        else:
            entry = self.actors.in_context(owner.text, on)
        if entry is not None and entry.kind == "generic":
            return None  # "believed to be militants" says no more than the words
        if entry is None:
            return None
        return ActorRef(span.text, entry.canonical, entry.actor_id, entry.inter, entry.country)

    def settle(self, mention: Mention) -> None:
        """Civilians named from people the base does not know take ACLED's civilian code
        once their event is admitted."""
        for field in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            ref = getattr(mention, field)
            if ref is not None and ref.actor_id == CIVILIANS_ID and ref.inter is None:
                setattr(mention, field, replace(ref, inter=7))
