"""Choose an event's actors: which spans of its sentence acted, were acted on, or took part.

The attachment itself is done on the parse by :mod:`.arguments`; this module applies it over
all the triggers of one event, falls back to a country named as the subject ("Lebanon and Syria
agreed" -> their governments), and resolves every span against the actor knowledge base at the
event's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import ActorRef
from ..resolve import Resolver
from .arguments import ActorRoles, actor_spans, attach_actors, place_spans
from .search import ContextSearch, overlaps
from .triggers import TriggerMatch


@dataclass(frozen=True)
class ChosenActors:
    """The spans chosen for an event's roles and what they resolve to on its date."""

    spans: ActorRoles
    actor1: ActorRef | None
    actor2: ActorRef | None
    ally: ActorRef | None
    candidates: list[Span]  # every actor span of the sentence (not places, counts...)


class ActorChooser:
    """Actor roles for an event from the parse, resolved at the event's date."""

    def __init__(self, resolver: Resolver, search: ContextSearch) -> None:
        self.resolver = resolver
        self.search = search

    def choose(
        self, doc: Doc, group: list[TriggerMatch], excluded: list[Span], on: date | None
    ) -> ChosenActors:
        """Actors of the event whose triggers are ``group`` (primary first)."""
        token = group[0].span.root
        actors = [a for a in actor_spans(doc[:]) if not overlaps(a, excluded)]
        roles = attach_actors(token, actors, group[0].trigger.kind)
        for extra in group[1:]:
            if roles.actor1 is None or roles.actor2 is None:
                more = attach_actors(extra.span.root, actors, extra.trigger.kind)
                roles = ActorRoles(
                    roles.actor1 or more.actor1,
                    roles.actor2 or more.actor2,
                    roles.ally or more.ally,
                )
        if roles.actor1 is None:
            state = self._state_subject(token, doc)
            if state is not None:
                roles = ActorRoles(state, roles.actor2, roles.ally)
        return ChosenActors(
            roles,
            self.resolve(roles.actor1, on),
            self.resolve(roles.actor2, on),
            self.resolve(roles.ally, on),
            actors,
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

    def resolve(self, span: Span | None, on: date | None) -> ActorRef | None:
        """The knowledge-base actor ``span`` names on ``on`` (a country: its government)."""
        if span is None:
            return None
        if span.ent_id_.startswith("place:") or span.label_ == "GPE":
            place = self.search.resolve_place(span, ())
            government = (
                self.resolver.actors.government_of(place.country_code, on) if place else None
            )
            if government is not None:
                return ActorRef(
                    span.text,
                    government.canonical,
                    government.actor_id,
                    government.inter,
                    government.country,
                )
        actor_id = (
            span.ent_id_.removeprefix("actor:") if span.ent_id_.startswith("actor:") else None
        )
        return self.resolver.actors.ref(span.text, on, actor_id)
