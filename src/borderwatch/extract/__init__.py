"""Extract: ``Article`` -> event ``Mention`` records, each field with the span it came from.

1. Split the article into paragraphs and sentences (cheap, rule-based).
2. Keep the sentences a trigger prefilter accepts and parse them, several articles' worth in one
   batch; read the neighbours that supply a place, date or speaker the event sentence leaves
   implicit in later batches, for their entities only where that is all they are needed for.
3. In each candidate sentence, find triggers; triggers close in the tree describe one event
   ("captured ... in a joint offensive"), distant ones separate events.
4. For each event: actors by dependency role, the date (resolved against the publication date),
   the place (resolved through the gazetteer), counts, modality, attribution and type refinement.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..model import ActorRef, Article, DateSpan, Mention, Place
from ..model import Span as TextSpan
from ..nlp import load_pipeline, load_splitter
from ..region import Lexicon, Trigger
from ..resolve import Resolver, default_window, report_window, resolve_date
from .arguments import (
    MAX_PLACE_SCORE,
    actor_spans,
    acts_as_actor,
    attach_actors,
    find_counts,
    place_spans,
    rank_place,
    vicinity,
)
from .context import PLACE_CONTEXT_SENTENCES, ArticleContext, Sentence, context_order
from .modality import attribution_of, is_pronoun, modality_of
from .syntax import governing_verb, tree_distance
from .triggers import Prefilter, TriggerMatch, TriggerMatcher, find_triggers, irregular_forms
from .typing import refine_type

# Shelling and strikes reported in the same sentence as a battle belong to the battle (ACLED).
BATTLE_PARTS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})
# Time expressions relative to an earlier event rather than to the publication date.
RELATIVE_DATE = re.compile(
    r"\b(earlier|later|before|after|prior|previous|next|following|same day)\b", re.I
)
# Triggers at most this many arcs apart in one sentence describe the same event.
SAME_EVENT_MAX_ARCS = 3
# An event dated more than this many days before its report is background ("historical").
HISTORICAL_AFTER_DAYS = 30


class Extractor:
    """Holds the parsed pipeline, matcher and resolvers; call :meth:`extract` per article."""

    def __init__(
        self, *, model: str, region_dirs: tuple[str, ...] = (), resolver: Resolver | None = None
    ) -> None:
        self.nlp = load_pipeline(model, region_dirs)
        self.splitter = load_splitter()
        self.resolver = resolver or Resolver.for_region(region_dirs)
        self.lexicon: Lexicon = self.resolver.region.lexicon
        self.matcher = TriggerMatcher(self.lexicon)
        self.prefilter = Prefilter(self.lexicon, irregular_forms(self.nlp))
        # Only the entity finders (rulers and the recogniser) are needed to read a sentence's
        # places and dates; leaving out the tagger, parser and lemmatizer costs a third.
        finders = ("ner", "entity_ruler")
        self.entity_only = [
            name
            for name in self.nlp.pipe_names
            if self.nlp.get_pipe_meta(name).factory not in finders
        ]

    def extract(self, article: Article) -> list[Mention]:
        """Every event mention ``article`` reports, in text order."""
        return self.extract_many([article])[0]

    def extract_many(self, articles: Sequence[Article]) -> list[list[Mention]]:
        """:meth:`extract` for several articles, their sentences parsed in a few ``nlp.pipe``
        calls rather than one by one: the models' matrix products run on batches far larger
        than one sentence, which makes each sentence two to three times cheaper."""
        contexts = [self._context(article) for article in articles]
        # 1. the candidate sentences, fully parsed
        self._parse([(ctx, i) for ctx in contexts for i in ctx.candidates], full=True)
        for ctx in contexts:
            ctx.countries = self._countries({i: ctx.docs[i] for i in ctx.candidates})
        # 2. the sentence before an undated event, for its date: entities only
        self._parse(
            [(ctx, i - 1) for ctx in contexts for i in ctx.candidates if self._undated(ctx, i)]
        )
        # 3. the sentence an event without a place takes one from (found ring by ring,
        # entities only), fully parsed: whether the place acts as an actor there takes the tree
        self._parse(self._context_places(contexts), full=True)
        return [self._extract_parsed(ctx) for ctx in contexts]

    def _context(self, article: Article) -> ArticleContext:
        sentences = self.split(article.text)
        candidates = [s.index for s in sentences if self.prefilter.accepts(s.text)]
        return ArticleContext(article, sentences, candidates, self.nlp, self.entity_only)

    def _parse(self, wanted: list[tuple[ArticleContext, int]], *, full: bool = False) -> None:
        """Parse the sentences ``wanted`` that are not yet (entities only unless ``full``)."""
        todo: dict[tuple[int, int], tuple[ArticleContext, int]] = {}
        for ctx, i in wanted:
            done = i in ctx.docs or (not full and i in ctx.entity_docs)
            if 0 <= i < len(ctx.sentences) and not done:
                todo[(id(ctx), i)] = (ctx, i)
        texts = (ctx.sentences[i].text for ctx, i in todo.values())
        disable = [] if full else self.entity_only
        for (ctx, i), doc in zip(todo.values(), self.nlp.pipe(texts, disable=disable), strict=True):
            (ctx.docs if full else ctx.entity_docs)[i] = doc

    def _undated(self, ctx: ArticleContext, index: int) -> bool:
        """Whether candidate ``index`` may take its date from the sentence before it (in the
        same paragraph): it states none, or one relative to an earlier event."""
        dates = [e for e in ctx.docs[index].ents if e.label_ == "DATE"]
        needs = not dates or any(RELATIVE_DATE.search(e.text) for e in dates)
        return needs and ctx.same_paragraph(index - 1, index)

    def _context_places(self, contexts: list[ArticleContext]) -> list[tuple[ArticleContext, int]]:
        """For each candidate that names no place finer than a country, the first sentence
        around it (in the order :meth:`_context_place` tries them) that does; read ring by
        ring, entities only, so that sentences past the one that answers are never read."""
        pending = [
            (ctx, i)
            for ctx in contexts
            for i in ctx.candidates
            if not any(self._fine(e, ctx.countries) for e in place_spans(ctx.docs[i][:]))
        ]
        found: list[tuple[ArticleContext, int]] = []
        for ring in range(2 * PLACE_CONTEXT_SENTENCES):
            self._parse([(ctx, context_order(i)[ring]) for ctx, i in pending])
            still = []
            for ctx, i in pending:
                j = context_order(i)[ring]
                doc = ctx.entities(j, parse=False)
                if doc is not None and any(
                    self._fine(e, ctx.countries) for e in place_spans(doc[:])
                ):
                    found.append((ctx, j))
                else:
                    still.append((ctx, i))
            pending = still
        return found

    def _fine(self, ent: Span, countries: tuple[str, ...]) -> bool:
        place = self._resolve_place(ent, countries)
        return place is not None and place.precision < 4

    def _extract_parsed(self, ctx: ArticleContext) -> list[Mention]:
        candidates = ctx.candidates
        docs = {i: ctx.docs[i] for i in candidates}
        mentions: list[Mention] = []
        for index in candidates:
            doc = docs[index]
            for group in self._group(find_triggers(doc, self.matcher, self.lexicon)):
                if _refers_back(group[0], mentions):
                    continue
                mentions.append(self._mention(ctx, index, doc, group))
            self._note_speaker(ctx, doc)
        return mentions

    # 1. sentences ----------------------------------------------------------------------------
    def split(self, text: str) -> list[Sentence]:
        sentences: list[Sentence] = []
        offset = 0
        for paragraph, block in enumerate(text.split("\n")):
            if block.strip():
                for sent in self.splitter(block).sents:
                    if sent.text.strip():
                        sentences.append(
                            Sentence(len(sentences), paragraph, offset + sent.start_char, sent.text)
                        )
            offset += len(block) + 1
        return sentences

    # 2. the countries the article is about (for ambiguous place names) ------------------------
    def _countries(self, docs: dict[int, Doc]) -> tuple[str, ...]:
        counts: Counter[str] = Counter()
        for doc in docs.values():
            for ent in place_spans(doc[:]):
                place = self._resolve_place(ent, ())
                if place is not None:
                    counts[place.country_code] += 1
        return tuple(code for code, _ in counts.most_common())

    # 3. group triggers into events -------------------------------------------------------------
    @staticmethod
    def _group(matches: list[TriggerMatch]) -> list[list[TriggerMatch]]:
        """Triggers close in the tree are one event; shelling or strikes in a sentence that
        reports a battle are part of that battle (ACLED)."""
        groups: list[list[TriggerMatch]] = []
        ordered = sorted(matches, key=lambda m: -m.trigger.priority)
        battle = next((m for m in ordered if m.trigger.event_type == "Battles"), None)
        if battle is not None and any(_battle_part(m) for m in ordered if m is not battle):
            ordered = [battle] + [m for m in ordered if m is not battle]
        for match in ordered:
            for group in groups:
                close = tree_distance(
                    group[0].span.root, match.span.root
                ) <= SAME_EVENT_MAX_ARCS and _compatible(group[0].trigger, match.trigger)
                part_of_battle = group[0] is battle and _battle_part(match)
                if close or part_of_battle:
                    group.append(match)
                    break
            else:
                groups.append([match])
        return sorted(groups, key=lambda g: g[0].span.start)

    # 4. one event mention ----------------------------------------------------------------------
    def _mention(
        self, ctx: ArticleContext, index: int, doc: Doc, group: list[TriggerMatch]
    ) -> Mention:
        primary = group[0]
        token = primary.span.root
        sent = doc[:]
        offset = ctx.sentences[index].start
        attribution, source_span = attribution_of(token, sent, self.lexicon)
        if attribution and is_pronoun(attribution):
            attribution = self._speaker_before(ctx, index) or attribution
        excluded = [source_span] if source_span is not None else []
        when, when_span = self._date(ctx, index, token, doc)
        actors = [a for a in actor_spans(sent) if not _overlaps(a, excluded)]
        roles = attach_actors(token, actors, primary.trigger.kind)
        for extra in group[1:]:
            if roles.actor1 is None or roles.actor2 is None:
                more = attach_actors(extra.span.root, actors, extra.trigger.kind)
                roles = type(roles)(
                    roles.actor1 or more.actor1,
                    roles.actor2 or more.actor2,
                    roles.ally or more.ally,
                )
        on = when.best if when else None
        if roles.actor1 is None:
            state = self._state_subject(token, doc)
            if state is not None:
                roles = type(roles)(state, roles.actor2, roles.ally)
        actor1 = self._actor(roles.actor1, on)
        actor2 = self._actor(roles.actor2, on)
        ally = self._actor(roles.ally, on)
        kind = refine_type(primary.trigger, token, sent, actor1, actor2, self.lexicon)
        captured_people = kind.sub_event_type in ("Arrests", "Abduction/forced disappearance")
        if captured_people and primary.trigger.kind in ("territory", "seize"):
            # people "captured during clashes": the event is the clash
            for other in group[1:]:
                alt = refine_type(
                    other.trigger, other.span.root, sent, actor1, actor2, self.lexicon
                )
                if alt.event_type == "Battles" and other.trigger.kind == "attack":
                    kind = alt
                    break
        place, place_span = self._place(ctx, index, token, doc, excluded + actors)
        counts, count_spans = self._counts(doc, group, excluded + actors)
        modality = modality_of(token, self.lexicon)
        if modality == "asserted" and attribution:
            modality = "reported"
        evidence = {"trigger": _text_span(primary.span, offset)}
        for name, span in (
            ("actor1", roles.actor1),
            ("actor2", roles.actor2),
            ("assoc_actor_1", roles.ally),
            ("place", place_span),
            ("date", when_span),
            ("attribution", source_span),
        ):
            if span is not None:
                evidence[name] = _text_span(span, offset)
        for key, span in count_spans.items():
            evidence[f"counts.{key}"] = _text_span(span, offset)
        published = ctx.article.published
        historical = bool(
            when and published and when.end < published - timedelta(days=HISTORICAL_AFTER_DAYS)
        )
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
            actor1=actor1,
            actor2=actor2,
            assoc_actor_1=ally,
            place=place,
            date=when,
            counts=counts,
            modality=modality,
            attribution=attribution,
            historical=historical,
            evidence=evidence,
        )
        mention.confidence = _confidence(mention)
        return mention

    def _state_subject(self, trigger: Token, doc: Doc) -> Span | None:
        """A country named as the subject of the trigger ("Lebanon and Syria agreed")."""
        subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
        for ent in place_spans(doc[:]):
            if ent.root in subjects or (ent.root.dep_ == "conj" and ent.root.head in subjects):
                place = self._resolve_place(ent, ())
                if place is not None and place.precision == 4:
                    return ent
        return None

    def _actor(self, span: Span | None, on: date | None) -> ActorRef | None:
        if span is None:
            return None
        if span.ent_id_.startswith("place:") or span.label_ == "GPE":
            place = self._resolve_place(span, ())
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

    def _tags(self, group: list[TriggerMatch], doc: Doc) -> tuple[str, ...]:
        tags = {tag for match in group for tag in match.trigger.tags}
        lemmas = " " + " ".join(t.lemma_.lower() for t in doc) + " "
        text = " " + doc.text.lower() + " "
        for tag, words in self.lexicon.tag_words.items():
            if any(f" {w} " in lemmas or f" {w} " in text for w in words):
                tags.add(tag)
        return tuple(sorted(tags))

    # dates -------------------------------------------------------------------------------------
    def _date_of(self, ctx: ArticleContext, index: int, depth: int = 0) -> DateSpan | None:
        """The first date sentence ``index`` states (parsed on demand), resolved against the
        publication date and, for "two days earlier", the sentence before it."""
        published = ctx.article.published
        doc = ctx.entities(index)
        if published is None or doc is None:
            return None
        if index not in ctx.dates:
            ctx.dates[index] = None
            for ent in doc.ents:
                if ent.label_ != "DATE":
                    continue
                relative = depth < 3 and RELATIVE_DATE.search(ent.text)
                anchor = self._date_of(ctx, index - 1, depth + 1) if relative else None
                span = resolve_date(ent.text, published, anchor=anchor.best if anchor else None)
                if span is not None:
                    ctx.dates[index] = span
                    break
        return ctx.dates[index]

    def _date(
        self, ctx: ArticleContext, index: int, trigger: Token, doc: Doc
    ) -> tuple[DateSpan | None, Span | None]:
        published = ctx.article.published
        if published is None:
            return None, None

        def anchor() -> DateSpan | None:  # parsed only when needed
            if not ctx.same_paragraph(index - 1, index):
                return None
            return self._date_of(ctx, index - 1)

        own = {trigger} if trigger.pos_ in ("VERB", "AUX") else {trigger, governing_verb(trigger)}
        found: list[tuple[tuple[int, int], DateSpan, Span, Token | None]] = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            before = anchor() if RELATIVE_DATE.search(ent.text) else None
            span = resolve_date(ent.text, published, anchor=before.best if before else None)
            if span is not None:
                verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
                rank = (0 if verb in own else 1, tree_distance(trigger, ent.root))
                found.append((rank, span, ent, verb))
        if found:
            _, span, ent, verb = min(found, key=lambda f: f[0])
            if verb is not None and verb != trigger and verb.lemma_ in self.lexicon.reporting_verbs:
                return report_window(span), ent
            if not _foreign_clause(ent.root, trigger, self.lexicon.reporting_verbs):
                return span, ent
            # the date belongs to another clause ("... a statement which said the operation
            # was continuing on Wednesday"): it does not date this event
        inherited = anchor()
        if inherited is not None:
            return inherited, None
        return default_window(published), None

    # places ------------------------------------------------------------------------------------
    def _resolve_place(self, ent: Span, countries: tuple[str, ...]) -> Place | None:
        if ent.ent_id_.startswith("place:"):
            return self.resolver.places.by_id(ent.ent_id_.removeprefix("place:"))
        return self.resolver.places.resolve(ent.text, countries=countries)

    def _place(
        self, ctx: ArticleContext, index: int, trigger: Token, doc: Doc, excluded: list[Span]
    ) -> tuple[Place | None, Span | None]:
        best: tuple[float, Place, Span] | None = None
        for ent in place_spans(doc[:]):
            if _overlaps(ent, excluded) or acts_as_actor(ent):
                continue
            place = self._resolve_place(ent, ctx.countries)
            if place is None:
                continue
            if vicinity(ent) and place.precision < 2:
                place = _with_precision(place, 2)
            score = rank_place(trigger, ent, place.precision)
            if score > MAX_PLACE_SCORE:
                continue
            if best is None or score < best[0]:
                best = (score, place, ent)
        if best is not None and best[1].precision < 4:
            return best[1], best[2]
        country = best[1].country_code if best else None
        context = self._context_place(ctx, index, country)
        if context is not None:
            return context, None
        return (best[1], best[2]) if best else (None, None)

    def _context_place(self, ctx: ArticleContext, index: int, country: str | None) -> Place | None:
        """The nearest more specific place named in the sentences around ``index``."""
        for j in context_order(index):
            named = ctx.entities(j)
            if named is None or not any(
                self._fine(ent, ctx.countries) for ent in place_spans(named[:])
            ):
                continue
            doc = ctx.doc(j)  # whether a place acts as an actor takes the tree
            assert doc is not None
            for ent in place_spans(doc[:]):
                if acts_as_actor(ent):
                    continue
                place = self._resolve_place(ent, ctx.countries)
                if place and place.precision < 4 and country in (None, place.country_code):
                    return place
        return None

    # counts ------------------------------------------------------------------------------------
    def _counts(
        self, doc: Doc, group: list[TriggerMatch], excluded: list[Span]
    ) -> tuple[dict[str, int], dict[str, Span]]:
        counts: dict[str, int] = {}
        spans: dict[str, Span] = {}
        for i, (key, value) in sorted(find_counts(doc[:], self.lexicon, excluded).items()):
            if key not in counts:
                counts[key] = value
                spans[key] = doc[i : i + 1]
        return counts, spans

    def _speaker_before(self, ctx: ArticleContext, index: int) -> str | None:
        """Whom a pronoun speaker ("he said") refers to: the last named speaker so far, else
        one named in the three sentences before."""
        if ctx.last_speaker:
            return ctx.last_speaker
        for j in range(index - 1, max(-1, index - 4), -1):
            doc = ctx.doc(j)
            if doc is not None:
                self._note_speaker(ctx, doc)
                if ctx.last_speaker:
                    return ctx.last_speaker
        return None

    def _note_speaker(self, ctx: ArticleContext, doc: Doc) -> None:
        for token in doc:
            if token.lemma_ in self.lexicon.reporting_verbs:
                for child in token.children:
                    if child.dep_ == "nsubj" and child.ent_type_ in ("PERSON", "ORG"):
                        ent = next(e for e in doc.ents if e.start <= child.i < e.end)
                        ctx.last_speaker = ent.text


def _refers_back(primary: TriggerMatch, earlier: list[Mention]) -> bool:
    """ "The agreement", "the protest", "this deal": a definite noun naming an event the article
    has already reported is a second mention of it, not a new event."""
    token = primary.span.root
    if token.pos_ != "NOUN" or not any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
        for c in token.children
    ):
        return False
    if any(c.dep_ in ("amod", "nummod", "compound") for c in token.children):
        return False  # "the first meeting", "the border agreement": may be new
    return any(m.sub_event_type == primary.trigger.sub_event_type for m in earlier)


def _battle_part(match: TriggerMatch) -> bool:
    """Remote violence and killings reported alongside a battle are part of it."""
    return match.trigger.sub_event_type in BATTLE_PARTS or match.trigger.trigger_id == "killing"


def _foreign_clause(date_root: Token, trigger: Token, reporting: tuple[str, ...]) -> bool:
    """Whether a date hangs from a clause of its own (with its own subject, or a report) rather
    than from the trigger's clause: "... a statement which said the operation was continuing on
    Wednesday" does not date the fighting."""
    for token in date_root.ancestors:
        if token == trigger or token.is_ancestor(trigger):
            return False
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_ in reporting:
            return True
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        if has_subject and token.dep_ in ("relcl", "ccomp", "advcl", "conj"):
            return True
    return False


def _compatible(a: Trigger, b: Trigger) -> bool:
    """Two strategic developments are one event only when they are the same kind of one
    ("evacuation" + "deal"); a closure and a reopening, or an arrest and a handover, are two."""
    if a.event_type == b.event_type == "Strategic developments":
        return (
            a.sub_event_type == b.sub_event_type
            and set(a.tags) == set(b.tags)
            or (not a.tags or not b.tags)
            and a.sub_event_type == b.sub_event_type
        )
    return True


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def _text_span(span: Span, offset: int) -> TextSpan:
    return TextSpan(offset + span.start_char, offset + span.end_char, span.text)


def _with_precision(place: Place, precision: int) -> Place:
    return replace(place, precision=precision)


def _mention_id(doc_key: str, offset: int, trigger_id: str) -> str:
    return hashlib.sha1(f"{doc_key}:{offset}:{trigger_id}".encode()).hexdigest()[:16]


def _confidence(mention: Mention) -> float:
    """A 0-1 score from how complete and how certain the mention is."""
    score = 0.4
    score += 0.15 if mention.actor1 and mention.actor1.actor_id else 0.05 if mention.actor1 else 0
    score += (
        0.15 if mention.place and mention.place.precision <= 2 else 0.05 if mention.place else 0
    )
    score += 0.1 if mention.date and mention.date.precision == 1 else 0.05 if mention.date else 0
    score -= 0.2 if mention.modality not in ("asserted", "reported") else 0
    return round(max(0.05, min(score, 0.95)), 2)
