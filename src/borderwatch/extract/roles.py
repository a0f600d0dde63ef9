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
)
from .candidates import (
    actor_candidates,
    controller,
    mend_split_names,
    names_outlet,
    outlet_key,
)
from .casualties import carrier_patient
from .clause_roles import roles_of
from .context import ArticleContext
from .deed_frames import frame_sides
from .definite_groups import named_before
from .fired_from import fired_from
from .generic_readings import generic_reading
from .naming import (
    ARMED_GROUP_ID,
    UNIDENTIFIED_FORCES_ID,
    VIOLENT_TYPES,
    ActorNamer,
)
from .naming_loyalty import loyal_actor
from .pairs import paired_sides
from .parties import deal_parties, other_than, party_led
from .relatives import blamed_on
from .role_gaps import (
    ONE_SIDED_NOUNS,
    UNNAMED_FORCES,
    completed,
    done_to_an_object,
    gaps_filled,
    led_prefix,
    owned_candidate,
    same_side,
    side_of,
    with_nationality,
    with_other_triggers,
)
from .role_syntax import read_first, read_last
from .search import ContextSearch, overlaps
from .second_parties import other_party, own_forces, thwarted_by
from .sides import (
    claimant,
    controlling_subject,
    mark_premodifier_names,
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
from .tree_places import place_spans
from .triggers import TriggerMatch
from .whole_names import whole_reading

# Events whose coordinated subjects are the two sides ("Lebanon and Syria agreed", "the army
# and gunmen clashed"), by ACLED sub-event type and PLOVER type.
SYMMETRIC_SUB_TYPES = frozenset({"Armed clash", "Agreement"})
SYMMETRIC_PLOVER = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Generic words for fighters that a report also uses for a group it names in the same
# sentence ("jihadists ... the Islamic State group"); "rebels" and "fighters" are left out:
# they name the opposition, or anyone's men.
STAND_IN_HEADS = frozenset({"jihadist", "militant", "extremist"})
REBELS_ID = "rebels"


@dataclass(frozen=True)
class ChosenActors:
    """The spans chosen for an event's roles and what they resolve to on its date."""

    spans: ActorRoles
    actor1: ActorRef | None
    actor2: ActorRef | None
    ally: ActorRef | None
    ally2: ActorRef | None
    candidates: list[Span]  # every actor candidate of the sentence (not places, counts...)


def _symmetric(match: TriggerMatch) -> bool:
    """Whether the event's coordinated subjects are its two sides ("Lebanon and Syria agreed",
    "the army and gunmen clashed"), not one doer: not for a one-sided noun ("an offensive") or
    a battle done to an object ("fought off the attack")."""
    primary, token = match.trigger, match.span.root
    return (
        (primary.sub_event_type in SYMMETRIC_SUB_TYPES or primary.plover_type in SYMMETRIC_PLOVER)
        and token.lemma_.lower() not in ONE_SIDED_NOUNS
        and not (primary.event_type == "Battles" and done_to_an_object(token))
    )


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
        """Actors of the event whose triggers are ``group`` (primary first): the spans in
        their roles (:meth:`_role_spans`), then what they name on the event's date
        (:meth:`_named_sides`)."""
        primary = group[0].trigger
        token = group[0].span.root
        actors = self.candidates(doc, excluded)
        victims = [side_of(carrier_patient(token, actors), primary.event_type)]
        roles = self._role_spans(token, group, actors, victims, doc, excluded)
        deal = primary.sub_event_type == "Agreement" or primary.plover_type in SYMMETRIC_PLOVER
        if deal:
            roles = deal_parties(roles, token, actors, excluded)
        if roles.actor1 is not None and controller(roles.actor1) and primary.kind != "territory":
            # "attacks on the rebel-held area": who holds the place did not attack it
            roles = replace(roles, actor1=None)
        violent = primary.event_type in VIOLENT_TYPES
        actor1, actor2 = self._named_sides(
            ctx, token, primary.kind, roles, actors, victims, excluded, on, violent, deal
        )
        return ChosenActors(
            roles,
            actor1,
            actor2,
            other_than(self.resolve(roles.ally, on, violent=violent), actor1, actor2),
            other_than(self.resolve(roles.ally2, on, violent=violent, victim=True), actor2),
            actors,
        )

    def _role_spans(
        self,
        token: Token,
        group: list[TriggerMatch],
        actors: list[Span],
        victims: list[Span | None],
        doc: Doc,
        excluded: list[Span],
    ) -> ActorRoles:
        """The spans in the event's roles: attached to the trigger's words, then mended from
        the other triggers, the speakers and a claimant."""
        primary = group[0].trigger
        roles = attach_actors(token, actors, primary.kind, symmetric=_symmetric(group[0]))
        roles = read_first(roles, token, actors)  # "came under attack by X" (role_syntax)
        roles = frame_sides(roles, token, actors)  # "died at the hands of X" (deed_frames)
        roles = other_party(roles, token, actors)  # recipients, would-be doers (second_parties)
        roles = weapon_phrase_doer(
            roles, token, actors, lambda verb: attach_actors(verb, actors, primary.kind).actor2
        )
        if primary.event_type == "Battles":
            roles = paired_sides(roles, token, actors)
        if roles.actor2 is None and victims[0] is not None:
            # "the YPG repelled an ISIS attack", "... and that a civilian died when a shell
            # struck": the act's own casualties before the dead of other triggers
            roles = replace(roles, actor2=victims[0])
        roles = with_other_triggers(roles, group, actors, victims)
        roles = completed(roles, token, actors, victims, primary.event_type)
        roles = self._speakers_acting(
            gaps_filled(roles, token, group, actors, victims), token, doc, excluded
        )
        if roles.actor1 is None:  # "rebels claimed to have killed 30 soldiers": the claimant
            said = (controlling_subject(m.span.root, excluded) for m in group)
            roles = replace(roles, actor1=next((s for s in said if s is not None), None))
        roles = frame_sides(roles, token, actors)  # mending may have undone them
        return read_last(roles, token, actors, victims[0])  # (role_syntax)

    def _named_sides(
        self,
        ctx: ArticleContext,
        token: Token,
        kind: str | None,
        roles: ActorRoles,
        actors: list[Span],
        victims: list[Span | None],
        excluded: list[Span],
        on: date | None,
        violent: bool,
        deal: bool,
    ) -> tuple[ActorRef | None, ActorRef | None]:
        """What the role spans name on the event's date, with the readings the sentence and
        the article add: an owner said or blamed, the side of the dead, a thwarted attempt,
        a speaker's side, a pronoun or a definite group that refers back."""
        actor1 = self.resolve(roles.actor1, on, violent=violent)
        if actor1 is None or actor1.actor_id in (UNIDENTIFIED_FORCES_ID, ARMED_GROUP_ID):
            # "gunmen believed to be IS members", "jets thought to be Russian"
            actor1 = self._said_owner(token, on, violent) or actor1
            laid = blamed_on(token, actors)  # "an air strike, which activists blamed on ..."
            actor1 = self.resolve(laid, on, violent=violent) if laid is not None else actor1
        if actor1 is None and custody_without_its_maker(token, kind):
            actor1 = reporting_force(excluded, lambda s: self.resolve(s, on, violent=False))
        # "a number of Assad's troops": the forces the victim's words own, not a victim himself
        owned = owned_candidate(roles.actor2, actors) if roles.actor2 is not None else None
        actor2 = self.resolve(owned or roles.actor2, on, violent=violent, victim=owned is None)
        actor1, actor2 = pejorative_rebels(actor1, actor2, self.resolver.actors, on)
        actor1 = self._stand_in(actor1, roles.actor1, actors, actor2, on, violent)
        actor2 = self._stand_in(actor2, roles.actor2, actors, actor1, on, violent)
        actor1, actor2 = self._one_side_each(roles, actor1, actor2, victims[0], on, violent)
        if actor2 is None or own_forces(self.resolver.actors, actor1, actor2):
            foiled = thwarted_by(roles.actor1, token, actors)  # the would-be doers of an
            actor2 = self.resolve(foiled, on, violent=violent) if foiled else actor2  # attempt
        if roles.actor1 is not None and overlaps(roles.actor1, excluded):
            # a speaker speaks for a side
            actor1 = party_led(self.resolver.actors, actor1, on, deal=deal)
        if actor1 is None and personal_pronoun(token, ("nsubj", "agent")) is not None:
            actor1 = ctx.last_actor  # "They shelled the town": the last actor named
        if actor1 is None and violent:  # "shells fired from the Syrian side" (fired_from)
            actor1 = fired_from(token, ctx, self._country_of)
        actor1 = named_before(actor1, roles.actor1, ctx)  # "the group" (definite_groups)
        actor2 = named_before(actor2, roles.actor2, ctx)
        return actor1, actor2

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
        named_twice = same_side(actor1, actor2) and roles.actor2 != roles.actor1
        kind = self.resolver.actors.kind_of(actor1.actor_id if actor1 else None)
        if not named_twice or kind == "generic":
            return actor1, actor2
        sides = (roles.actor1, roles.actor2)
        if (dead is not None and dead in sides) or (
            roles.actor2 is not None and roles.actor2.root.dep_ == "nsubjpass"
        ):
            return None, actor2
        other = self.resolve(dead if dead not in sides else None, on, violent=violent, victim=True)
        return actor1, None if same_side(actor1, other) else other

    def _stand_in(
        self,
        ref: ActorRef | None,
        span: Span | None,
        actors: list[Span],
        other: ActorRef | None,
        on: date | None,
        violent: bool,
    ) -> ActorRef | None:
        """A generic word for fighters ("jihadists", "militants") in a sentence that names one
        armed group besides the event's other side ("clashes between Kurdish fighters and
        jihadists ... where the Islamic State group has been trying to advance"): the
        report's other word for that group.  Two such groups named leave the word as it is
        ("militants attacked an IS position": IS is the other side, the militants rebels)."""
        if ref is None or span is None or ref.actor_id != REBELS_ID:
            return ref
        if span.root.lemma_.lower() not in STAND_IN_HEADS or len(span) > 2:
            return ref
        kinds = self.resolver.actors
        named = {
            found.canonical: found
            for a in actors
            if a != span
            for found in [self.resolve(a, on, violent=violent)]
            if found is not None
            and found.inter in (2, 3)
            and kinds.kind_of(found.actor_id) not in (None, "generic")
            and not same_side(found, other)
        }
        if len(named) != 1:
            return ref
        return replace(next(iter(named.values())), text=span.text)

    def _said_owner(self, token: Token, on: date | None, violent: bool) -> ActorRef | None:
        """The owner a hearsay clause gives the deed's unnamed doer ("a drone believed to
        belong to the coalition hit a car", "warplanes thought to be Russian carried out
        strikes"): who the report attributes it to."""
        for doer in roles_of(token).subjects:
            found = self.naming.said_owner_of(doer.doc[doer.i : doer.i + 1], on, violent=violent)
            if found is not None:
                return found
        return None

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
        if named and same_side(actor1, actor2):
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

    def _country_of(self, ent: Span) -> str | None:
        """The country a place name names, when it names a whole country ("Syria")."""
        place = self.search.resolve_place(ent, ())
        return place.country_code if place is not None and place.precision == 4 else None

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
        whole = whole_reading(span, self.resolver.actors, on) if span is not None else None
        if whole is not None:  # "armed men from Lebanese clans" (whole_names)
            return whole
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

    def _state_named(self, span: Span, on: date | None, *, violent: bool) -> ActorRef | None:
        """A country (or a name the base does not know that is a country's) in an actor's
        place: its military in a violent event, else its government."""
        known = span.ent_id_.startswith("actor:")
        if not (span.ent_id_.startswith("place:") or (span.label_ in ("GPE", "ORG") and not known)):
            return None
        place = self.search.resolve_place(span, ())
        if place is not None and span.label_ == "ORG" and place.precision != 4:
            return None  # an organisation that shares a town's name
        if place is None or not place.country_code:
            return None
        return self.resolver.actors.state_of(
            place.country_code, on, violent=violent, text=span.text
        )

    def _resolve(self, span: Span | None, on: date | None, *, violent: bool) -> ActorRef | None:
        if span is None:
            return None
        state = self._state_named(span, on, violent=violent)
        if state is not None:
            return state
        loyal = loyal_actor(span, self.resolver.actors, on)
        if loyal is not None:  # "gunmen loyal to the regime": a pro-government militia
            return replace(loyal, text=span.text)
        actor_id = (
            span.ent_id_.removeprefix("actor:") if span.ent_id_.startswith("actor:") else None
        )
        led = led_prefix(span)
        if led is not None:
            # "Saudi-led coalition warplanes": the leader says which coalition ("coalition
            # warplanes" alone are the anti-IS coalition's)
            ref = self.resolver.actors.ref(f"{led} {span.text}", on)
            if ref.canonical:
                return ref
        ref = self._marked_reading(span, actor_id, on)
        return (
            ref
            if ref.actor_id is not None
            else generic_reading(span, ref, self.resolver.actors, on)
        )

    def _marked_reading(self, span: Span, actor_id: str | None, on: date | None) -> ActorRef:
        """The actor the knowledge base reads in ``span``'s words, a nationality before them
        and the name marked on them weighed against each other."""
        words = with_nationality(span)
        named = self.resolver.actors.by_id(actor_id, on) if actor_id else None
        own = nationality(words)
        if named is not None and own and named.country and named.country != own:
            # "the Russian Defence Ministry": the marked short name is another state's body
            named = actor_id = None
        ref = self.resolver.actors.ref(words, on, actor_id)
        # the name marked on the words ("IS militants") wins over their generic head, unless
        # it did not exist yet and the words name what was there then ("Turkish-backed rebels"
        # in 2016, before the Syrian National Army was formed: opposition rebels)
        marked = named is not None and named.kind != "generic" and ref.actor_id != named.actor_id
        if named is not None and marked and (named.valid_on(on) or ref.actor_id is None):
            ref = ActorRef(span.text, named.canonical, named.actor_id, named.inter, named.country)
        return ref
