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

from ..model import ActorRef
from ..region import Outlet
from ..resolve import Resolver
from ..resolve.actors import nationality
from .arguments import (
    ActorRoles,
    attach_actors,
    personal_pronoun,
    place_spans,
)
from .candidates import (
    CIVILIAN_HEADS,
    actor_candidates,
    controller,
    mend_split_names,
    names_outlet,
    outlet_key,
)
from .casualties import carrier_patient, doer_of_how, repelled
from .clauses import acts_on
from .context import ArticleContext
from .membership import MEMBER_HEADS, affiliated, members_of
from .naming import CIVILIANS_ID, UNIDENTIFIED_FORCES_ID, VIOLENT_TYPES, ActorNamer
from .pairs import paired_sides
from .parties import deal_parties, other_than, party_led
from .search import ContextSearch, overlaps
from .sides import (
    accused,
    blamed,
    claimant,
    controlling_subject,
    deed_owner,
    inside_instrument,
    instrument_sender,
    lost_people,
    mark_premodifier_names,
    name_before,
    named_before,
    other_side,
    pejorative_rebels,
    weapon_phrase_doer,
)
from .speakers import (
    SPEAKER_POSSESSIVES,
    custody_without_its_maker,
    reporting_force,
    speaker_as_subject,
    speakers_own,
    speakers_target,
)
from .triggers import TriggerMatch

# Events whose coordinated subjects are the two sides ("Lebanon and Syria agreed", "the army
# and gunmen clashed"), by ACLED sub-event type and PLOVER type.
SYMMETRIC_SUB_TYPES = frozenset({"Armed clash", "Agreement"})
# Deeds one side does to another: "Hezbollah and the army launched an offensive" is one side
# (actor1 and its associate, as ACLED codes coordinated doers), not a clash between them.
ONE_SIDED_NOUNS = frozenset({"offensive", "attack", "assault", "raid", "ambush", "operation"})
SYMMETRIC_PLOVER = frozenset({"AGREE", "CONSULT", "COOPERATE"})


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


def _with_nationality(span: Span) -> str:
    """The span's text with a nationality word right before it that modifies it: the actor
    ruler marks "security forces" in "Turkish security forces", whose country is Turkey's;
    the word may modify any word of the marked name ("Russian fighter jets": "Russian" is
    the parser's modifier of "fighter")."""
    doc = span.doc
    start = span.start
    while start > 0:
        child = doc[start - 1]
        within = start <= child.head.i < span.end
        if not within or child.dep_ not in ("amod", "compound", "npadvmod"):
            break
        start = child.i
    if start == span.start or nationality(span.doc[start : span.start].text) is None:
        return span.text
    return span.doc[start : span.end].text


def _led_prefix(span: Span) -> str | None:
    """ "Saudi-led" right before ``span`` ("the Saudi-led coalition's jets"), as one word."""
    doc = span.doc
    led = doc[span.start - 1] if span.start > 0 else None
    if led is None or not led.lower_.endswith("led") or led.dep_ != "amod":
        return None
    if led.lower_ != "led":
        return led.text  # "Saudi-led" as one token
    leader = [t for t in doc[max(0, led.i - 2) : led.i] if t.dep_ in ("npadvmod", "compound")]
    return f"{leader[0].text}-led" if leader else None


# Weapons that only one force used, named in the knowledge base as that force ("barrel bombs":
# the Syrian air force): the words are its instrument, never its target.
WEAPON_NOUNS = frozenset({"bomb"})
# The base's forces whose owner the words do not say ("helicopters", "security forces").
UNNAMED_FORCES = frozenset({f"actor:{UNIDENTIFIED_FORCES_ID}", "actor:state-forces-unidentified"})


# "fought each other", "attacked one another": the coordinated subjects fought between them.
RECIPROCAL_WORDS = frozenset({"other", "another", "each"})


def _done_to_an_object(verb: Token) -> bool:
    """A fighting verb with a direct object ("A and B stormed the village", "attacked army
    posts") is done by its coordinated subjects together, to the object: they are one side,
    not two ("A and B clashed", "fought each other")."""
    if verb.pos_ != "VERB":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.lower_ not in RECIPROCAL_WORDS for o in objects)


def _weapon_owner(actors: list[Span]) -> Span | None:
    return next(
        (a for a in actors if a.ent_id_.startswith("actor:") and a.root.lemma_ in WEAPON_NOUNS),
        None,
    )


def _completed(
    roles: ActorRoles,
    token: Token,
    actors: list[Span],
    victims: list[Span | None],
    event_type: str,
) -> ActorRoles:
    """The roles the parse left open, filled as ACLED codes one-sided reports: a clash's dead
    are its sides, the clause saying how victims died names their killer, the victims of the
    verb carrying the event are its actor2, and a weapon only one force used names that force
    when the doer is unnamed aircraft or unsaid ("helicopters dropped barrel bombs")."""
    if roles.actor1 is None and roles.actor2 is not None and event_type == "Battles":
        # "20 soldiers were killed during clashes with rebels": the soldiers' side fought;
        # coders name a clash's sides in the order the report gives them ("15 soldiers
        # were killed and 9 rebels died": the soldiers first)
        side = next(
            (v for v in victims if v is not None and v != roles.actor2 and not lost_people(v)),
            None,
        )
        if side is not None and side.start > roles.actor2.start and side != roles.ally:
            roles = replace(roles, actor1=roles.actor2, actor2=side)
        else:
            roles = replace(roles, actor1=side)
    if roles.actor1 is None or inside_instrument(roles.actor1, token):
        # "killed by a (sniper) bullet fired by regime troops": whoever sent the thing
        sender = instrument_sender(token, actors)
        roles = replace(roles, actor1=sender or roles.actor1)
    if roles.actor1 is None:
        roles = replace(roles, actor1=doer_of_how(token, actors, roles.actor2))
    weapon = _weapon_owner(actors)
    if weapon is not None:
        if roles.actor2 == weapon:
            roles = replace(roles, actor2=None)
        unnamed = roles.actor1 is None or roles.actor1.ent_id_ in UNNAMED_FORCES
        if unnamed:
            roles = replace(roles, actor1=weapon)
    if roles.actor2 is None and victims[0] is not None and victims[0] != roles.actor1:
        roles = replace(roles, actor2=victims[0])  # "civilians died in the shelling"
    named = (name_before(span, actors) for span in astuple_roles(roles))
    return ActorRoles(*(named_before(span, actors) for span in named))


def _gaps_filled(
    roles: ActorRoles,
    token: Token,
    group: list[TriggerMatch],
    actors: list[Span],
    victims: list[Span | None],
) -> ActorRoles:
    """The roles the parse left open or filled wrongly, read from how news names the sides
    (:mod:`.sides`): the holder of a shelled place is not its victim when the dead are told,
    the actor before the deed did it, and a clash's other side is the armed group nearest it."""
    primary = group[0].trigger
    held = roles.actor2 is not None and (controller(roles.actor2) or _whose(roles.actor2))
    if held and primary.kind != "territory":
        # "shelled the regime-held town, killing two civilians": the dead, not the holder
        hurt = [attach_actors(m.span.root, actors, m.trigger.kind).actor2 for m in group[1:]]
        dead = next((v for v in victims + hurt if v is not None and v != roles.actor2), None)
        roles = replace(roles, actor2=dead or roles.actor2)
    if roles.actor1 is None:
        deeds = [t for m in group for t in m.span]
        roles = replace(roles, actor1=deed_owner(deeds, actors, astuple_roles(roles)))
    if roles.actor1 is None:  # "rebels claimed to have killed", "accused IS of killing"
        said = (
            (
                controlling_subject(m.span.root, actors),
                accused(m.span.root, actors),
                blamed(m.span.root, actors),
            )
            for m in group
        )
        doer = next((d for found in said for d in found if d is not None), None)
        roles = replace(roles, actor1=doer if doer != roles.actor2 else None)
    if primary.event_type == "Battles":
        return other_side(roles, actors, token)
    if primary.event_type in VIOLENT_TYPES and roles.actor1 is not None and roles.actor2 is None:
        # "its fighters killed 11 IS militants", the object misparsed: the armed group
        # named after the deed is who it was done to
        # (a weapon only one force used names its user, never whom it was dropped on)
        after = [a for a in actors if a.start > token.i and a != _weapon_owner(actors)]
        return other_side(roles, after, token)
    return roles


def _same_side(actor1: ActorRef | None, actor2: ActorRef | None) -> bool:
    """Two refs that name one actor (by its ACLED name; unnamed words name nobody)."""
    return bool(actor1 and actor2 and actor1.canonical and actor1.canonical == actor2.canonical)


def _owned_candidate(span: Span, actors: list[Span]) -> Span | None:
    """ "Assad's troops": the phrase of the candidate ``span`` is the possessive of."""
    root = span.root
    owned = next((a for a in actors if a != span and a.root == root.head), None)
    if root.dep_ != "poss" or owned is None or owned.start < span.end:
        return None
    return span.doc[span.start : owned.end]


def _whose(span: Span) -> bool:
    """ "opened fire on their convoy, killing two soldiers": a thing the base does not name,
    said only to be someone's by a pronoun; its people, when told, are the victims."""
    pronoun = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in span.root.children)
    people = span.root.lemma_.lower() in MEMBER_HEADS | CIVILIAN_HEADS  # "our forces"
    return pronoun and not people and not span.ent_id_.startswith("actor:")


def astuple_roles(roles: ActorRoles) -> tuple[Span | None, ...]:
    return (roles.actor1, roles.actor2, roles.ally, roles.ally2)


def _answers(extra: TriggerMatch, primary: TriggerMatch) -> bool:
    """Whether ``extra``'s clause acts on the primary's initiators ("protesters rallied before
    police dispersed them"): its doer is the event's other side, not another initiator."""
    return acts_on(extra.span.root, primary.span.root, (extra.trigger, primary.trigger))


class ActorChooser:
    """Actor roles for an event from the parse, resolved at the event's date."""

    def __init__(
        self, resolver: Resolver, search: ContextSearch, outlets: tuple[Outlet, ...] = ()
    ) -> None:
        self.resolver = resolver
        self.search = search
        self.outlets = frozenset(outlet_key(n) for o in outlets for n in (o.name, *o.aliases))
        self.naming = ActorNamer(resolver.actors)

    def candidates(self, doc: Doc, excluded: list[Span]) -> list[Span]:
        """The sentence's actor candidates, less the words of ``excluded`` (the speaker) and
        the news outlets it names (a source is never an actor)."""

        def precision(span: Span) -> int | None:
            place = self.search.resolve_place(span, ())
            return place.precision if place is not None else None

        mark_premodifier_names(doc, self.resolver.actors)
        mend_split_names(doc)
        # "five rebels were reported dead": the passive subject of a reporting verb is what
        # was reported, not who reported it
        excluded = [s for s in excluded if s.root.dep_ != "nsubjpass"]
        found = [
            a
            for a in actor_candidates(doc[:], precision)
            if not overlaps(a, excluded) and not names_outlet(a, self.outlets)
        ]
        found += [n for n in self.naming.nationals(doc) if not overlaps(n, found + excluded)]
        return sorted(found, key=lambda a: a.start)

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
            (
                primary.sub_event_type in SYMMETRIC_SUB_TYPES
                or primary.plover_type in SYMMETRIC_PLOVER
            )
            and token.lemma_.lower() not in ONE_SIDED_NOUNS
            and not (primary.event_type == "Battles" and _done_to_an_object(token))
        )
        actors = self.candidates(doc, excluded)
        roles = attach_actors(token, actors, primary.kind, symmetric=symmetric)
        roles = weapon_phrase_doer(
            roles, token, actors, lambda verb: attach_actors(verb, actors, primary.kind).actor2
        )
        if primary.event_type == "Battles":
            roles = paired_sides(roles, token, actors)
        victims = [_side(carrier_patient(token, actors), primary.event_type)]
        if repelled(token) and roles.actor2 is None:
            roles = replace(roles, actor2=victims[0])  # before the dead of other triggers
        roles = _with_other_triggers(roles, group, actors, victims)
        roles = _completed(roles, token, actors, victims, primary.event_type)
        roles = self._speakers_acting(
            _gaps_filled(roles, token, group, actors, victims), token, doc, excluded
        )
        if roles.actor1 is None:  # "rebels claimed to have killed 30 soldiers": the claimant
            said = (controlling_subject(m.span.root, excluded) for m in group)
            roles = replace(roles, actor1=next((s for s in said if s is not None), None))
        deal = primary.sub_event_type == "Agreement" or primary.plover_type in SYMMETRIC_PLOVER
        if deal:
            roles = deal_parties(roles, token, actors, excluded)
        if roles.actor1 is not None and controller(roles.actor1) and primary.kind != "territory":
            # "attacks on the rebel-held area": who holds the place did not attack it
            roles = replace(roles, actor1=None)
        violent = primary.event_type in VIOLENT_TYPES
        actor1 = self.resolve(roles.actor1, on, violent=violent)
        if actor1 is None and custody_without_its_maker(token, primary.kind):
            actor1 = reporting_force(excluded, lambda s: self.resolve(s, on, violent=False))
        # "a number of Assad's troops": the forces the victim's words own, not a victim himself
        owned = _owned_candidate(roles.actor2, actors) if roles.actor2 is not None else None
        actor2 = self.resolve(owned or roles.actor2, on, violent=violent, victim=owned is None)
        actor1, actor2 = pejorative_rebels(actor1, actor2, self.resolver.actors, on)
        actor1, actor2 = self._one_side_each(roles, actor1, actor2, victims[0], on, violent)
        if roles.actor1 is not None and overlaps(roles.actor1, excluded):
            actor1 = party_led(
                self.resolver.actors, actor1, on, deal=deal
            )  # a speaker speaks for a side
        if actor1 is None and personal_pronoun(token, ("nsubj", "agent")) is not None:
            actor1 = ctx.last_actor  # "They shelled the town": the last actor named
        return ChosenActors(
            roles,
            actor1,
            actor2,
            other_than(self.resolve(roles.ally, on, violent=violent), actor1, actor2),
            other_than(self.resolve(roles.ally2, on, violent=violent, victim=True), actor2),
            actors,
        )

    def _one_side_each(
        self,
        roles: ActorRoles,
        actor1: ActorRef | None,
        actor2: ActorRef | None,
        dead: Span | None,
        on: date | None,
        violent: bool,
    ) -> tuple[ActorRef | None, ActorRef | None]:
        """A named side is never its own target ("the regime forces targeted districts ...
        the regime's positions"): the dead told, if any, were.  When the twice-named side's
        are the dead ("the ISIS security chief was killed in clashes"), its doer was the one
        guessed.  Unnamed rebels may fight unnamed rebels."""
        named_twice = _same_side(actor1, actor2) and roles.actor2 != roles.actor1
        kind = self.resolver.actors.kind_of(actor1.actor_id if actor1 else None)
        if not named_twice or kind == "generic":
            return actor1, actor2
        sides = (roles.actor1, roles.actor2)
        if (dead is not None and dead in sides) or (
            roles.actor2 is not None and roles.actor2.root.dep_ == "nsubjpass"
        ):
            return None, actor2
        other = self.resolve(dead if dead not in sides else None, on, violent=violent, victim=True)
        return actor1, None if _same_side(actor1, other) else other

    def _speakers_acting(
        self, roles: ActorRoles, token: Token, doc: Doc, excluded: list[Span]
    ) -> ActorRoles:
        """The speaker (or the state) as the doer when the doer is unsaid, unnamed forces or
        the speaker's own ("the coalition said its aircraft killed ..."), and the people a
        speaker calls its own as the speaker ("one of its fighters")."""
        doer = roles.actor1
        possessed = doer is not None and any(
            c.dep_ == "poss" and c.lower_ in SPEAKER_POSSESSIVES for c in doer.root.children
        )
        if doer is None or doer.ent_id_ in UNNAMED_FORCES or possessed:
            state = self._state_subject(token, doc) or speaker_as_subject(token, excluded)
            state = state or claimant([token], excluded)  # the claimer is also who spoke
            if state is not None:
                roles = replace(roles, actor1=state)
        target = speakers_target(token, excluded) if roles.actor2 is None else None
        return replace(
            roles,
            actor1=speakers_own(roles.actor1, excluded),
            actor2=speakers_own(roles.actor2, excluded) or target,
        )

    def localise(
        self, chosen: ChosenActors, country_code: str | None, on: date | None
    ) -> ChosenActors:
        """Generic actors named as ACLED names them in the event's country."""

        actors = self.resolver.actors

        def local(ref: ActorRef | None) -> ActorRef | None:
            return actors.acled_name(actors.localise(ref, country_code, on) if ref else None)

        actor1, actor2 = local(chosen.actor1), local(chosen.actor2)
        named = actors.kind_of(actor1.actor_id if actor1 else None) not in (None, "generic")
        if named and _same_side(actor1, actor2):
            # words that named two sides ("officers ... the Lebanese army") made one state's
            # forces: a side is never its own target (as in ``_one_side_each``)
            actor2 = None
            chosen = replace(chosen, spans=replace(chosen.spans, actor2=None))
        return replace(
            chosen,
            actor1=actor1,
            actor2=actor2,
            ally=other_than(local(chosen.ally), actor1, actor2),
            ally2=other_than(local(chosen.ally2), actor2),
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
        armed forces as Military Forces of X, not as its government; so is a state official
        named as the doer ("Assad's forces")."""
        demonym = span is not None and self.naming.demonym(span)
        ref = None if demonym else self._resolve(span, on, violent=violent)
        if span is not None and (demonym or (ref is not None and ref.actor_id is None)):
            named = self.naming.unnamed(
                span,
                on,
                violent=violent,
                victim=victim,
                resolve=lambda group: self._resolve(group, on, violent=violent),
            )
            ref = named or ref
        if not victim and violent:
            ref = self.naming.withheld(ref)  # "unknown persons planted the bomb"
        actors = self.resolver.actors
        official = ref is not None and ref.inter == 1 and not victim
        official = official and actors.kind_of(ref.actor_id if ref else None) == "person"
        # a ministry that fights ("the Defence Ministry said its jets struck") is the state's
        # forces as much as its government is
        government = ref is not None and (
            ref.canonical.startswith("Government of ")
            or (ref.inter == 1 and "Ministry of " in ref.canonical)
        )
        if ref is None or not violent or not (government or official):
            return ref
        # a head of state or an official doing violence ("Assad's forces shelled ..."): ACLED
        # codes the state's armed forces, never the person
        forces = actors.forces_of(ref.country or "", on, police=False)
        if forces is None:
            return ref
        return ActorRef(ref.text, forces.canonical, forces.actor_id, forces.inter, forces.country)

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
        led = _led_prefix(span)
        if led is not None:
            # "Saudi-led coalition warplanes": the leader says which coalition ("coalition
            # warplanes" alone are the anti-IS coalition's)
            ref = self.resolver.actors.ref(f"{led} {span.text}", on)
            if ref.canonical:
                return ref
        words = _with_nationality(span)
        named = self.resolver.actors.by_id(actor_id, on) if actor_id else None
        own = nationality(words)
        if named is not None and own and named.country and named.country != own:
            # "the Russian Defence Ministry": the marked short name is another state's body
            named = actor_id = None
        ref = self.resolver.actors.ref(words, on, actor_id)
        if named is not None and named.kind != "generic" and ref.actor_id != named.actor_id:
            # the name marked on the words ("IS militants") wins over their generic head
            ref = ActorRef(span.text, named.canonical, named.actor_id, named.inter, named.country)
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
        if ref.actor_id is None and affiliated(span):
            # "forces loyal to Assad": the name alone needs the context the loyalty gives
            entry = self.resolver.actors.in_context(span.text, on)
            if entry is not None:
                ref = ActorRef(
                    span.text, entry.canonical, entry.actor_id, entry.inter, entry.country
                )
        members = members_of(span) if ref.actor_id is None else None
        if members is not None:
            # "rebel fighters of the Hamza Brigade": a group the base does not know is named
            # by what its members are, the generic actor ACLED counts
            generic = self.resolver.actors.ref(members.text, on)
            if generic.actor_id is not None:
                return replace(generic, text=span.text)
        if ref.actor_id is None and root.lemma_.lower() in CIVILIAN_HEADS:
            civilians = self.resolver.actors.by_id(CIVILIANS_ID, on)
            if civilians is not None:  # "a man", "two farmers": civilians, as ACLED codes them
                return ActorRef(span.text, civilians.canonical, civilians.actor_id, 7)
        return ref


def _with_other_triggers(
    roles: ActorRoles, group: list[TriggerMatch], actors: list[Span], victims: list[Span | None]
) -> ActorRoles:
    """The gaps of ``roles`` filled from the event's other triggers ("... police dispersed
    them": the dispersers answer the crowd); their victims join ``victims``."""
    primary = group[0].trigger
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
    return roles
