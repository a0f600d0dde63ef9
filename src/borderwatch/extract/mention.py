"""Assemble one event ``Mention`` from its triggers: type, actors, place, date, counts, modality.

The collaborators each answer one question — :class:`ActorChooser` who, :class:`ContextSearch`
where, when and who said so — and this module puts their answers, and the span each came from,
into the record.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..model import DateSpan, Mention, Place
from ..model import Span as TextSpan
from ..region import Lexicon
from .claimants import fill_from_wording
from .clauses import WHOLE, Clause
from .confidence import confidence_of
from .context import ArticleContext
from .counts import find_counts
from .definite_groups import as_named, record_groups, referred_back
from .fired_from import record_sides
from .forces_country import sentence_country
from .modality import attribution_of, group_modality, is_pronoun
from .roles import ActorChooser, ChosenActors
from .scope import ScopeJudge, admit
from .search import ContextSearch
from .triggers import TriggerMatch
from .typing import EventType, refine_type

# An event dated more than this many days before its report is background ("historical").
HISTORICAL_AFTER_DAYS = 30
# The sub-type whose attempt is already the deed (see ``MentionBuilder._modality``).
INTERVENTION = "Protest with intervention"


class MentionBuilder:
    """Builds the mention for one group of triggers in one candidate sentence."""

    def __init__(
        self,
        lexicon: Lexicon,
        search: ContextSearch,
        actors: ActorChooser,
        scope: ScopeJudge | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.search = search
        self.actors = actors
        self.scope = scope

    def build(
        self,
        ctx: ArticleContext,
        index: int,
        doc: Doc,
        group: list[TriggerMatch],
        recent: bool = False,
        clause: Clause = WHOLE,
    ) -> Mention:
        """``recent``: an event was admitted a few sentences before (see :mod:`.scope`);
        ``clause``: the words the event takes its counts and, first, its place from."""
        primary = group[0]
        token = primary.span.root
        offset = ctx.sentences[index].start
        attribution, source_span = self._attribution(ctx, index, token, doc)
        excluded = [source_span] if source_span is not None else []
        when, when_span = self.search.date(ctx, index, token, doc)
        on = when.best if when else None
        chosen = self.actors.choose(ctx, doc, group, excluded, on)
        skip = excluded + chosen.candidates
        place, place_span = self.search.place(ctx, index, token, doc, skip, clause)
        chosen, kind = self._named(ctx, doc, group, chosen, place, on)
        counts, count_spans = self._counts(doc, skip, clause.foreign(doc))
        found = {"place": place_span, "date": when_span, "attribution": source_span}
        mention = Mention(
            mention_id=_mention_id(
                ctx.article.doc_key, offset + primary.span.start_char, primary.trigger.trigger_id
            ),
            doc_key=ctx.article.doc_key,
            event_type=kind.event_type,
            sub_event_type=kind.sub_event_type,
            trigger=_text_span(primary.span, offset),
            sentence=TextSpan(offset, offset + len(doc.text), doc.text),
            plover_type=kind.plover_type,
            plover_mode=kind.plover_mode,
            tags=self._tags(group, doc),
            actor1=chosen.actor1,
            actor2=chosen.actor2,
            assoc_actor_1=chosen.ally,
            assoc_actor_2=chosen.ally2,
            place=place,
            date=when,
            counts=counts,
            modality=self._modality(
                [m.span.root for m in group], attribution, primary.trigger.sub_event_type
            ),
            attribution=attribution,
            historical=_historical(when, ctx),
            evidence=_evidence(primary.span, offset, chosen, found, count_spans),
        )
        admitted_on = self._admitted_on(ctx, index, doc, mention, primary, excluded, recent)
        fill_from_wording(mention, source_span, self.actors, on, token)
        mention.confidence = confidence_of(mention, admitted_on)
        self.actors.naming.finish(mention)
        record_sides(ctx, mention)  # for fire told later only by where it came from
        record_groups(ctx, mention)  # for "the group" told later (definite_groups)
        return mention

    def _named(
        self,
        ctx: ArticleContext,
        doc: Doc,
        group: list[TriggerMatch],
        chosen: ChosenActors,
        place: Place | None,
        on: date | None,
    ) -> tuple[ChosenActors, EventType]:
        """The chosen actors named as ACLED names them in the event's country, and the event's
        type, which both the actors and the names depend on ("unknown gunmen" in an attack,
        the default doer of a sub-type); a definite noun naming the armed group the previous
        event was done by is that group (:mod:`.definite_groups`).  The article's last named doer
        is kept for a pronoun in a later sentence ("They shelled the town")."""
        primary = group[0]
        country = self._country(ctx, place, chosen, primary.span.sent)
        chosen = self.actors.localise(chosen, country, on)
        kinds = self.actors.resolver.actors
        generic = kinds.kind_of(chosen.actor1.actor_id if chosen.actor1 else None) in (
            None,
            "generic",
        )
        said, last = chosen.spans.actor1, ctx.last_actor
        named = last is not None and kinds.kind_of(last.actor_id) not in (None, "generic")
        if said is not None and last is not None and named and referred_back(said, generic, last):
            chosen = replace(chosen, actor1=as_named(said, last))  # "The militants killed ..."
        chosen = replace(chosen, actor1=self.actors.naming.gunmen(chosen.actor1, primary.span))
        kind = self._kind(doc, group, chosen)
        chosen = replace(
            chosen, actor1=self.actors.naming.default_doer(chosen.actor1, kind.sub_event_type)
        )
        if chosen.actor1 is not None:
            ctx.last_actor = chosen.actor1
        return chosen, kind

    def _country(
        self, ctx: ArticleContext, place: Place | None, chosen: ChosenActors, sent: Span
    ) -> str | None:
        """The event's country: its place's; else the one its sentence says (a national area
        it happened in, the state that tells it: :mod:`.forces_country`); an event placed
        nowhere is in the country the article's places are most in, else its actors' home
        country."""
        country = (place.country_code if place else None) or sentence_country(sent)
        if country is None and place is None:
            country = next(iter(ctx.countries), None)
        return country or self.actors.naming.home_country(
            (chosen.actor1, chosen.actor2, chosen.ally, chosen.ally2)
        )

    def _attribution(
        self, ctx: ArticleContext, index: int, token: Token, doc: Doc
    ) -> tuple[str | None, Span | None]:
        """Who the sentence says reported the event, and the words that say so.

        A pronoun ("he said") names nobody, so the speaker named in an earlier sentence is taken
        when there is one.
        """
        attribution, source_span = attribution_of(token, doc[:], self.lexicon)
        if attribution and is_pronoun(attribution):
            attribution = self.search.speaker_before(ctx, index) or attribution
        return attribution, source_span

    def _modality(self, tokens: list[Token], attribution: str | None, sub_type: str) -> str:
        """The triggers' modality; a plain assertion someone is quoted for is only "reported".
        An attempt to disperse or remove a crowd ("police tried to disperse the protesters",
        "struggled to drag them away") is itself the intervention, on a protest that was there
        (ACLED Protest with intervention)."""
        modality = group_modality(tokens, self.lexicon)
        if modality == "attempted" and sub_type == INTERVENTION:
            modality = "asserted"
        if modality == "asserted" and attribution:
            return "reported"
        return modality

    def _admitted_on(
        self,
        ctx: ArticleContext,
        index: int,
        doc: Doc,
        mention: Mention,
        primary: TriggerMatch,
        excluded: list[Span],
        recent: bool,
    ) -> frozenset[str]:
        """The scope evidence the mention was admitted on; it feeds the mention's confidence.

        Without a scope judge nothing was checked, so there is no evidence (empty set).
        """
        if self.scope is None:
            return frozenset()
        before = ctx.sentences[index - 1].text if ctx.same_paragraph(index - 1, index) else ""
        return admit(
            self.scope,
            mention,
            primary.trigger.trigger_id,
            primary.span.root,
            doc[:],
            excluded,
            (recent, before),
            ctx.article.text,
        ).evidence

    def _kind(self, doc: Doc, group: list[TriggerMatch], chosen: ChosenActors) -> EventType:
        """The event's type from its primary trigger, refined by its words and actors."""
        primary = group[0]
        sent = doc[:]
        actor1, actor2 = chosen.actor1, chosen.actor2
        kind = refine_type(primary.trigger, primary.span.root, sent, actor1, actor2, self.lexicon)
        captured_people = kind.sub_event_type in ("Arrests", "Abduction/forced disappearance")
        if captured_people and primary.trigger.kind in ("territory", "seize"):
            # people "captured during clashes": the event is the clash
            for other in group[1:]:
                alt = refine_type(
                    other.trigger, other.span.root, sent, actor1, actor2, self.lexicon
                )
                if alt.event_type == "Battles" and other.trigger.kind == "attack":
                    return alt
        return kind

    def _counts(
        self, doc: Doc, excluded: list[Span], outside: list[Span]
    ) -> tuple[dict[str, int], dict[str, Span]]:
        counts: dict[str, int] = {}
        spans: dict[str, Span] = {}
        found = find_counts(doc[:], self.lexicon, excluded, outside)
        for i, (key, value) in sorted(found.items()):
            if key not in counts:
                counts[key] = value
                spans[key] = doc[i : i + 1]
        return counts, spans

    def _tags(self, group: list[TriggerMatch], doc: Doc) -> tuple[str, ...]:
        tags = {tag for match in group for tag in match.trigger.tags}
        lemmas = " " + " ".join(t.lemma_.lower() for t in doc) + " "
        text = " " + doc.text.lower() + " "
        for tag, words in self.lexicon.tag_words.items():
            if any(f" {w} " in lemmas or f" {w} " in text for w in words):
                tags.add(tag)
        return tuple(sorted(tags))


def _historical(when: DateSpan | None, ctx: ArticleContext) -> bool:
    published = ctx.article.published
    return bool(when and published and when.end < published - timedelta(days=HISTORICAL_AFTER_DAYS))


def _text_span(span: Span, offset: int) -> TextSpan:
    return TextSpan(offset + span.start_char, offset + span.end_char, span.text)


def _mention_id(doc_key: str, offset: int, trigger_id: str) -> str:
    return hashlib.sha1(f"{doc_key}:{offset}:{trigger_id}".encode()).hexdigest()[:16]


def _evidence(
    trigger: Span,
    offset: int,
    chosen: ChosenActors,
    found: dict[str, Span | None],
    count_spans: dict[str, Span],
) -> dict[str, TextSpan]:
    """The text span each field was read from, keyed by field, so every value can be checked
    against the sentence it came from.

    ``found`` holds the place, date and attribution spans (in that order); a field with no span
    has no entry.
    """
    evidence = {"trigger": _text_span(trigger, offset)}
    for name, span in (
        ("actor1", chosen.spans.actor1),
        ("actor2", chosen.spans.actor2),
        ("assoc_actor_1", chosen.spans.ally),
        ("assoc_actor_2", chosen.spans.ally2),
        *found.items(),
    ):
        if span is not None:
            evidence[name] = _text_span(span, offset)
    for key, span in count_spans.items():
        evidence[f"counts.{key}"] = _text_span(span, offset)
    return evidence
