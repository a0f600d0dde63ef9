"""Choose an event's actors: which spans of its sentence acted, were acted on, or took part.

Candidates come from :mod:`.candidates` (organisations, people, groups — never places, times or
fragments); the attachment is done on the parse by :mod:`.arguments` over all the triggers of
one event.  A pronoun subject with no antecedent in the sentence ("They shelled the town") is
the last actor the article named.  Every span is resolved against the actor knowledge base at
the event's date; a country in an actor's place is its military in a violent event, else its
government; generic actors take the event's country once the place is known (:meth:`localise`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..acled import with_country
from ..model import EXPORTED_MODALITIES, ActorRef, Mention
from ..region import Outlet
from ..resolve import Resolver
from ..resolve.actors import country_name, nationality
from .arguments import ActorRoles, attach_actors, personal_pronoun, place_spans
from .candidates import (
    CIVILIAN_HEADS,
    GROUP_NOUNS,
    actor_candidates,
    names_outlet,
    outlet_key,
)
from .clauses import acts_on
from .context import ArticleContext
from .search import ContextSearch, overlaps
from .syntax import SUPPORT_VERBS, governing_verb
from .triggers import TriggerMatch

# Event types in which a country acting stands for its armed forces, not its government.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Events whose coordinated subjects are the two sides ("Lebanon and Syria agreed", "the army
# and gunmen clashed"), by ACLED sub-event type and PLOVER type.
SYMMETRIC_SUB_TYPES = frozenset({"Armed clash", "Agreement"})
SYMMETRIC_PLOVER = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# The knowledge base's generic entries for civilians and for forces whose state is not said.
CIVILIANS_ID = "civilians"
UNIDENTIFIED_FORCES_ID = "unidentified-military-forces"
ARMED_GROUP_ID = "unidentified-armed-group"
# The crowd ACLED names actor1 of a protest and of a riot.
CROWD_IDS = {"Protests": "protesters", "Riots": "rioters"}
# Sub-event types whose doer, when the text does not say it, is still known to be a state's
# military (ACLED: an air or drone strike by an unnamed air force is Unidentified Military
# Forces' — only states fly warplanes in the conflicts ACLED codes).
STATE_DOER_SUB_TYPES = frozenset({"Air/drone strike"})
# Arcs by which a nationality word modifies a noun ("Russian raids", "an Israeli strike").
NATIONALITY_MODIFIER_ARCS = frozenset({"amod", "compound", "nmod"})


@dataclass(frozen=True)
class ChosenActors:
    """The spans chosen for an event's roles and what they resolve to on its date."""

    spans: ActorRoles
    actor1: ActorRef | None
    actor2: ActorRef | None
    ally: ActorRef | None
    ally2: ActorRef | None
    candidates: list[Span]  # every actor candidate of the sentence (not places, counts...)


def _side(span: Span | None, event_type: str) -> Span | None:
    """A victim named by another trigger of the event ("a soldier was wounded"): one side of a
    battle when armed, never a civilian (civilians killed in a battle are not its side)."""
    if span is None or event_type != "Battles":
        return span
    civilian = span.root.lemma_.lower() in CIVILIAN_HEADS or span.ent_id_ == f"actor:{CIVILIANS_ID}"
    return None if civilian else span


# Pronouns by which a speaker says what it did ("the army said it had seized ...").
SPEAKER_PRONOUNS = {"it": False, "we": None, "they": True}  # plural speaker needed?
# Speakers who report what others did, not what they did themselves.
REPORTERS = frozenset({"official", "source", "spokesman", "spokeswoman", "spokesperson"})


def speaker_as_subject(trigger: Token, excluded: list[Span]) -> Span | None:
    """ "The Lebanese army said it had seized ...": a pronoun subject standing for the speaker
    named before it is the speaker, which then acted (it is still the event's source)."""
    verb = governing_verb(trigger) if trigger.pos_ == "NOUN" else None
    carrier = verb if verb is not None and verb.lemma_ in SUPPORT_VERBS else trigger
    pronoun = personal_pronoun(carrier, ("nsubj",))
    if pronoun is None or pronoun.lower_ not in SPEAKER_PRONOUNS:
        return None
    plural = SPEAKER_PRONOUNS[pronoun.lower_]
    for span in excluded:
        root = span.root
        if span.end > pronoun.i or root.lemma_.lower() in REPORTERS:
            continue
        named = any(t.ent_type_ in ("ORG", "NORP") or t.ent_id_.startswith("actor:") for t in span)
        if not (named or root.lemma_.lower() in GROUP_NOUNS):
            continue
        # "they" for a group ("the rebel group announced they captured ..."), not a person
        collective = root.tag_ != "NNS" and root.lemma_.lower() in GROUP_NOUNS - CIVILIAN_HEADS
        if plural is None or (root.tag_ == "NNS") == plural or (plural and collective):
            return span
    return None


def _with_nationality(span: Span) -> str:
    """The span's text with a nationality word right before it that modifies it: the actor
    ruler marks "security forces" in "Turkish security forces", whose country is Turkey's."""
    start = span.start
    for child in reversed([c for c in span.root.lefts if c.i < span.start]):
        if child.i != start - 1 or child.dep_ not in ("amod", "compound", "npadvmod"):
            break
        start = child.i
    if start == span.start or nationality(span.doc[start : span.start].text) is None:
        return span.text
    return span.doc[start : span.end].text


def _carrier_patient(trigger: Token, actors: list[Span]) -> Span | None:
    """The actor on whom the verb carrying a noun trigger's phrase acted: the soldiers of
    "soldiers were killed during clashes with rebels"."""
    if trigger.pos_ != "NOUN" or trigger.head.dep_ != "prep" or trigger.head.head.pos_ != "VERB":
        return None
    verb = trigger.head.head
    patients = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    for actor in actors:
        named = any(actor.start <= p.i < actor.end or p.i == actor.root.head.i for p in patients)
        if named and not actor.start <= trigger.i < actor.end:
            return _member_group(actor, actors)
    return None


def _answers(extra: TriggerMatch, primary: TriggerMatch) -> bool:
    """Whether ``extra``'s clause acts on the primary's initiators ("protesters rallied before
    police dispersed them"): its doer is the event's other side, not another initiator."""
    return acts_on(extra.span.root, primary.span.root, (extra.trigger, primary.trigger))


# What a state does or strikes with, named with its nationality ("Russian raids", "an Israeli
# helicopter attack", "Turkish shelling"): the nationality is the doer.  Before other nouns
# ("Lebanese sources", "his Syrian counterpart") it says whose someone is, not who acted.
STATE_DEED_NOUNS = frozenset(
    {
        "raid",
        "strike",
        "airstrike",
        "attack",
        "shelling",
        "bombardment",
        "bombing",
        "fire",
        "gunfire",
        "offensive",
        "operation",
        "assault",
        "incursion",
        "helicopter",
        "jet",
        "warplane",
        "aircraft",
        "plane",
        "drone",
        "artillery",
        "tank",
        "missile",
        "rocket",
        "shell",
        "mortar",
        "sniper",
        "navy",
        "gunboat",
    }
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
        "authority",
        "chancellor",
    }
)


def _titled(span: Span) -> bool:
    """A name with an office before it ("Gambian President Dawda Jawara")."""
    return span.label_ == "PERSON" and any(t.lemma_.lower() in OFFICIAL_HEADS for t in span)


def _crowd(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter in (5, 6)


def _civilian(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter == 7


def _named_in(person: Span) -> Span | None:
    """The group a person is described as belonging to ("Abu X, the ISIS governor of Azaz",
    "the leader of Jund al-Farouq"): a knowledge-base actor in the words that describe them."""
    doc = person.doc
    root = person.root
    while root.dep_ in ("compound", "nmod") and root.head.i != root.i:
        root = root.head  # "Abu X at-Tounisi, ISIS governor of Azaz": the whole phrase
    described = [t for t in root.subtree if not person.start <= t.i < person.end]
    for ent in doc.ents:
        if ent.ent_id_.startswith("actor:") and any(ent.start <= t.i < ent.end for t in described):
            return ent
    return None


def _member_group(actor: Span, actors: list[Span]) -> Span:
    """ "Members of the pro-regime forces": the forces they belong to."""
    for prep in actor.root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        below = {t.i for c in prep.children if c.dep_ == "pobj" for t in c.subtree}
        for other in actors:
            if other is not actor and other.root.i in below:
                return other
    return actor


class ActorChooser:
    """Actor roles for an event from the parse, resolved at the event's date."""

    def __init__(
        self, resolver: Resolver, search: ContextSearch, outlets: tuple[Outlet, ...] = ()
    ) -> None:
        self.resolver = resolver
        self.search = search
        self.outlets = frozenset(outlet_key(n) for o in outlets for n in (o.name, *o.aliases))

    def candidates(self, doc: Doc, excluded: list[Span]) -> list[Span]:
        """The sentence's actor candidates, less the words of ``excluded`` (the speaker) and
        the news outlets it names (a source is never an actor)."""

        def precision(span: Span) -> int | None:
            place = self.search.resolve_place(span, ())
            return place.precision if place is not None else None

        found = [
            a
            for a in actor_candidates(doc[:], precision)
            if not overlaps(a, excluded) and not names_outlet(a, self.outlets)
        ]
        found += [n for n in self._nationals(doc) if not overlaps(n, found + excluded)]
        return sorted(found, key=lambda a: a.start)

    def _nationals(self, doc: Doc) -> list[Span]:
        """Nationality words that stand for an actor: a state modifying what it did ("Russian
        raids", "an Israeli helicopter attack") or people named by nationality alone ("three
        Israelis and an Iranian were killed")."""
        spans = []
        for ent in doc.ents:
            if ent.label_ not in ("NORP", "GPE") or ent.ent_id_ or len(ent) > 2:
                continue
            if self.resolver.actors.nationals(ent.root.text) is None:
                continue
            root = ent.root
            head = root.head
            modifier = (
                root.dep_ in NATIONALITY_MODIFIER_ARCS
                and head.pos_ == "NOUN"
                and head.lemma_.lower() in STATE_DEED_NOUNS
            )
            if modifier or (root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("poss",)):
                spans.append(ent)
        for token in doc:
            # a group word modifying what it did: "coalition raids", "army shelling"
            head = token.head
            bare = not any(True for _ in token.children)  # not "the Saudi-led coalition"
            group = token.dep_ == "compound" and token.lemma_.lower() in GROUP_NOUNS
            deed = head.pos_ == "NOUN" and head.lemma_.lower() not in GROUP_NOUNS
            if bare and group and deed:
                spans.append(doc[token.i : token.i + 1])
        return spans

    def choose(
        self,
        ctx: ArticleContext,
        doc: Doc,
        group: list[TriggerMatch],
        excluded: list[Span],
        on: date | None,
    ) -> ChosenActors:
        """Actors of the event whose triggers are ``group`` (primary first)."""
        primary = group[0].trigger
        token = group[0].span.root
        symmetric = (
            primary.sub_event_type in SYMMETRIC_SUB_TYPES or primary.plover_type in SYMMETRIC_PLOVER
        )
        actors = self.candidates(doc, excluded)
        roles = attach_actors(token, actors, primary.kind, symmetric=symmetric)
        victims = [_side(_carrier_patient(token, actors), primary.event_type)]
        for extra in group[1:]:
            if roles.actor1 is None or roles.actor2 is None:
                more = attach_actors(extra.span.root, actors, extra.trigger.kind)
                if _answers(extra, group[0]) and roles.actor2 is None and more.actor1 is not None:
                    roles = replace(roles, actor2=more.actor1)  # "... police dispersed them"
                    continue
                victims.append(_side(more.actor2, primary.event_type))
                taken = (roles.actor1, roles.actor2)
                roles = ActorRoles(
                    roles.actor1 or more.actor1,
                    roles.actor2 or _side(more.actor2, primary.event_type),
                    roles.ally or (more.ally if more.ally not in taken else None),
                    roles.ally2 or _side(more.ally2, primary.event_type),
                )
        if roles.actor1 is None and roles.actor2 is not None and primary.event_type == "Battles":
            # "20 soldiers were killed during clashes with rebels": the soldiers' side fought,
            # named first as coders name a clash's sides in the order the report gives them
            side = next((v for v in victims if v is not None and v != roles.actor2), None)
            roles = replace(roles, actor1=side)
        if roles.actor1 is None:
            state = self._state_subject(token, doc) or speaker_as_subject(token, excluded)
            if state is not None:
                roles = replace(roles, actor1=state)
        violent = primary.event_type in VIOLENT_TYPES
        actor1 = self.resolve(roles.actor1, on, violent=violent)
        if actor1 is None and personal_pronoun(token, ("nsubj", "agent")) is not None:
            actor1 = ctx.last_actor  # "They shelled the town": the last actor named
        return ChosenActors(
            roles,
            actor1,
            self.resolve(roles.actor2, on, violent=violent, victim=True),
            self.resolve(roles.ally, on, violent=violent),
            self.resolve(roles.ally2, on, violent=violent, victim=True),
            actors,
        )

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
        armed = self.resolver.actors.by_id(ARMED_GROUP_ID)
        if armed is None:
            return actor
        named = ActorRef(actor.text, armed.canonical, armed.actor_id, armed.inter, actor.country)
        return self.resolver.actors.localise(named, actor.country, None)

    def crowd_roles(self, mention: Mention) -> None:
        """A protest's or riot's actors as ACLED codes them: actor1 is the crowd, Protesters
        (or Rioters) of the event's country, whoever the report says took part ("residents",
        "students", "lorry drivers"); an organisation named as leading or joining it is
        associated; a peaceful protest has no actor2 (what it is against is no party to it)."""
        crowd_id = CROWD_IDS.get(mention.event_type)
        entry = self.resolver.actors.by_id(crowd_id) if crowd_id else None
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
        mention.actor1, mention.actor2, mention.assoc_actor_1 = actor1, actor2, ally
        if mention.sub_event_type == "Peaceful protest":
            mention.actor2 = None

    def with_default_doer(self, chosen: ChosenActors, sub_event_type: str) -> ChosenActors:
        """An air or drone strike whose doer the text does not name was still flown by a
        state: ACLED's Unidentified Military Forces (the event's country does not say whose
        aircraft they were)."""
        if (chosen.actor1 is not None and chosen.actor1.canonical) or (
            sub_event_type not in STATE_DOER_SUB_TYPES
        ):
            return chosen
        unknown = self.resolver.actors.by_id(UNIDENTIFIED_FORCES_ID)
        if unknown is None:
            return chosen
        ref = ActorRef("", unknown.canonical, unknown.actor_id, unknown.inter)
        return replace(chosen, actor1=ref)

    def home_country(self, chosen: ChosenActors) -> str | None:
        """Where an event the report places nowhere happened, as far as its actors say: the
        home country of a national actor in it ("regime forces clashed with rebels": Syria);
        foreign forces (ACLED's external forces, code 8) say nothing of where they fought."""
        for ref in (chosen.actor1, chosen.actor2, chosen.ally, chosen.ally2):
            if ref is not None and ref.actor_id and ref.country and ref.inter not in (None, 8):
                if self.resolver.actors.kind_of(ref.actor_id) != "generic":
                    return ref.country
        return None

    def localise(
        self, chosen: ChosenActors, country_code: str | None, on: date | None
    ) -> ChosenActors:
        """Generic actors named as ACLED names them in the event's country."""

        actors = self.resolver.actors

        def local(ref: ActorRef | None) -> ActorRef | None:
            return actors.acled_name(actors.localise(ref, country_code, on) if ref else None)

        return replace(
            chosen,
            actor1=local(chosen.actor1),
            actor2=local(chosen.actor2),
            ally=local(chosen.ally),
            ally2=local(chosen.ally2),
        )

    def _state_subject(self, trigger: Token, doc: Doc) -> Span | None:
        """A country named as the subject of the trigger ("Lebanon and Syria agreed")."""
        subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
        for ent in place_spans(doc[:]):
            if ent.root in subjects or (ent.root.dep_ == "conj" and ent.root.head in subjects):
                place = self.search.resolve_place(ent, ())
                if place is not None and place.precision == 4:
                    return ent
        return None

    def resolve(
        self, span: Span | None, on: date | None, *, violent: bool, victim: bool = False
    ) -> ActorRef | None:
        """The knowledge-base actor ``span`` names on ``on`` (a country: its forces in a
        violent event, else its government).  A government that fights ("the Assad regime
        used cluster munitions in attacks") is its military forces: ACLED codes a state's
        armed forces as Military Forces of X, not as its government."""
        demonym = span is not None and self._demonym(span)
        ref = None if demonym else self._resolve(span, on, violent=violent)
        if span is not None and (demonym or (ref is not None and ref.actor_id is None)):
            ref = self._unnamed(span, on, violent=violent, victim=victim) or ref
        if ref is None or not violent or not ref.canonical.startswith("Government of "):
            return ref
        forces = self.resolver.actors.forces_of(ref.country or "", on, police=False)
        if forces is None:
            return ref
        return ActorRef(ref.text, forces.canonical, forces.actor_id, forces.inter, forces.country)

    def _demonym(self, span: Span) -> bool:
        """A nationality word the model took for a name ("Russian" tagged as a place)."""
        return (
            span.label_ in ("NORP", "GPE")
            and not span.ent_id_
            and len(span) <= 2
            and self.resolver.actors.nationals(span.root.text) is not None
        )

    def _unnamed(
        self, span: Span, on: date | None, *, violent: bool, victim: bool
    ) -> ActorRef | None:
        """An actor the base does not name by these words: a nationality ("Russian raids":
        Russia's forces; "three Israelis were killed": Israeli civilians), a person named with
        the group they belong to ("X, the head of ISIS security") or, when acted on, a
        civilian ("Fares Saeed was killed")."""
        actors = self.resolver.actors
        code = actors.nationals(span.root.text) if span.label_ in ("NORP", "GPE") else None
        if code is not None and span.root.dep_ in NATIONALITY_MODIFIER_ARCS:
            return actors.state_of(code, on, violent=violent, text=span.text)
        official = span.root.lemma_.lower() in OFFICIAL_HEADS or _titled(span)
        country = nationality(span.text) if official else None
        if country is not None:  # "a Russian official", "Israeli Prime Minister Ehud Barak"
            return actors.state_of(country, on, violent=False, text=span.text)
        if code is None and len(span) == 1 and span.root.dep_ == "compound":
            known = actors.in_context(span.text, on)  # "coalition raids", "army shelling"
            if known is not None:
                return ActorRef(
                    span.text, known.canonical, known.actor_id, known.inter, known.country
                )
        if not victim or (code is None and span.label_ != "PERSON"):
            return None
        if code is None:
            group = _named_in(span)
            if group is not None:
                return self._resolve(group, on, violent=violent)
        civilians = actors.by_id(CIVILIANS_ID, on)
        if civilians is None:
            return None
        name = with_country(civilians.canonical, country_name(code)) if code else None
        return ActorRef(span.text, name or civilians.canonical, civilians.actor_id, 7, code)

    def _resolve(self, span: Span | None, on: date | None, *, violent: bool) -> ActorRef | None:
        if span is None:
            return None
        known = span.ent_id_.startswith("actor:")
        if span.ent_id_.startswith("place:") or (span.label_ in ("GPE", "ORG") and not known):
            place = self.search.resolve_place(span, ())
            if place is not None and span.label_ == "ORG" and place.precision != 4:
                place = None  # an organisation that shares a town's name
            if place is not None and place.country_code:
                state = self.resolver.actors.state_of(
                    place.country_code, on, violent=violent, text=span.text
                )
                if state is not None:
                    return state
        actor_id = (
            span.ent_id_.removeprefix("actor:") if span.ent_id_.startswith("actor:") else None
        )
        ref = self.resolver.actors.ref(_with_nationality(span), on, actor_id)
        root = span.root
        if ref.actor_id is None and root.tag_ == "NN" and span.end - span.start <= 3:
            # the base lists plurals ("soldiers"); "a soldier" is the same kind of actor
            plural = self.resolver.actors.ref(
                f"{span.doc[span.start : root.i].text} {root.text}s".strip(), on
            )
            if plural.actor_id is not None:
                ref = ActorRef(
                    span.text, plural.canonical, plural.actor_id, plural.inter, plural.country
                )
        if ref.actor_id is None and root.lemma_.lower() in CIVILIAN_HEADS:
            civilians = self.resolver.actors.by_id(CIVILIANS_ID, on)
            if civilians is not None:  # "a man", "two farmers": civilians, as ACLED codes them
                return ActorRef(span.text, civilians.canonical, civilians.actor_id, 7)
        return ref
