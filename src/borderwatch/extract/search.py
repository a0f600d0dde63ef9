"""Search an event's sentence and its neighbours for what it leaves implicit: place, date, speaker.

An event sentence often names no place finer than a country, states no date, or quotes "he";
the answer is then in the sentences around it (the place nearest first, the date in the
sentence before, the speaker last named).  ``ContextSearch`` holds the resolvers those searches
need and reads neighbours through the article's :class:`ArticleContext` (parsed on demand).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..model import DateSpan, Place
from ..region import Lexicon
from ..resolve import Resolver, default_window, report_window, resolve_date
from ..resolve.places import FAR_KM
from ..resolve.toponyms import (
    Anchor,
    Toponym,
    anchors_of,
    names_in,
    part_of_organisation,
    ranking_precision,
    resolve_names,
)
from .clauses import WHOLE, Clause
from .context import ArticleContext, context_order
from .date_offsets import offset_clause, shifted_day
from .delivery import carries
from .place_words import across_the_border, dateline, destination
from .syntax import governing_verb, tree_distance
from .tree_places import MAX_PLACE_SCORE, acts_as_actor, place_spans, rank_place, vicinity
from .triggers import DEFINITE_DETERMINERS, definite_words

# Time expressions relative to an earlier event rather than to the publication date.
# How many sentences back a relative date ("the previous day") looks for the day it counts
# from: a paragraph's worth; further back the report has moved on.
ANCHOR_REACH = 3
RELATIVE_DATE = re.compile(
    r"\b(earlier|later|before|after|prior|previous|next|following|same day)\b", re.I
)


# Times of day that date an event against the publication ("clashes erupted overnight", "a
# strike this morning") but which the small model often leaves untagged or tags TIME
TIME_OF_DAY = re.compile(
    r"\b(?:overnight|(?:late\s+)?last\s+night|tonight|this\s+(?:morning|afternoon|evening)|"
    r"(?:earlier|later)\s+today)\b",
    re.I,
)


def date_spans(doc: Doc | Span) -> list[Span]:
    """The spans of ``doc`` that may state a date, in text order: DATE and TIME entities ("last
    night", "Tuesday night"; a TIME that names no day resolves to nothing and is skipped by the
    caller) and untagged times of day."""
    spans = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    offset = doc.start_char if isinstance(doc, Span) else 0
    whole = doc.doc if isinstance(doc, Span) else doc
    for match in TIME_OF_DAY.finditer(doc.text):
        start, end = offset + match.start(), offset + match.end()
        if any(e.start_char < end and start < e.end_char for e in spans):
            continue
        span = whole.char_span(start, end)
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda e: e.start_char)


class ContextSearch:
    """Places, dates and speakers for an event, from its sentence or the ones around it."""

    def __init__(self, resolver: Resolver, lexicon: Lexicon) -> None:
        self.resolver = resolver
        self.lexicon = lexicon

    # places ------------------------------------------------------------------------------------
    def resolve_place(self, ent: Span, countries: tuple[str, ...]) -> Place | None:
        if ent.ent_id_.startswith("place:"):
            return self.resolver.places.by_id(ent.ent_id_.removeprefix("place:"))
        return self.resolver.places.resolve(ent.text, countries=countries)

    def fine(self, ent: Span, countries: tuple[str, ...]) -> bool:
        """Whether ``ent`` names a place finer than a country."""
        place = self.resolve_place(ent, countries)
        return place is not None and place.precision < 4

    def countries(self, docs: dict[int, Doc]) -> tuple[str, ...]:
        """The countries the article's places lie in, most named first (for ambiguous names)."""
        counts: Counter[str] = Counter()
        for doc in docs.values():
            for ent in place_spans(doc[:]):
                if ent.end < len(doc) and doc[ent.end].text == "-":
                    continue  # "a UK-based group", "Iran-backed militias": no place of the news
                place = self.resolve_place(ent, ())
                if place is not None:
                    counts[place.country_code] += 1
        return tuple(code for code, _ in counts.most_common())

    def anchors(self, docs: dict[int, Doc], countries: tuple[str, ...]) -> tuple[Anchor, ...]:
        """The places the article's candidate sentences name, matched exactly: a name's
        namesakes are weighed against them (see ``resolve.toponyms``)."""
        names = [n for doc in docs.values() for n in names_in(doc)]
        return anchors_of(self.resolver.places, names, countries)

    def read_places(self, ctx: ArticleContext, doc: Doc) -> dict[tuple[int, int], Place | None]:
        """Each place name of ``doc`` (by character span) resolved in the sentence's and the
        article's context: containers, region and vicinity phrases, namesakes."""
        return _event_places(doc.text, self._toponyms(ctx, doc))

    def _toponyms(self, ctx: ArticleContext, doc: Doc) -> list[Toponym]:
        return resolve_names(
            self.resolver.places,
            doc.text,
            names_in(doc),
            countries=ctx.countries,
            anchors=ctx.place_anchors,
            max_km=FAR_KM,
        )

    def place(
        self,
        ctx: ArticleContext,
        index: int,
        trigger: Token,
        doc: Doc,
        excluded: list[Span],
        clause: Clause = WHOLE,
    ) -> tuple[Place | None, Span | None]:
        """The event's place: the best-ranked one in its sentence, one of its own ``clause``
        first (another event's clause lends it its place only when its own names none), else
        (when that is only a country) the nearest finer one in the sentences around it."""
        best: tuple[tuple[bool, bool, float], Place, Span] | None = None
        reporting = self.lexicon.reporting_verbs
        toponyms = self._toponyms(ctx, doc)
        read = _event_places(doc.text, toponyms)
        # a container standing for a name inside it: its own vicinity words are not that name's
        inner = {(t.start, t.end) for t in toponyms if t.inner is not None}
        for ent in place_spans(doc[:]):
            if overlaps(ent, excluded) or acts_as_actor(ent) or across_the_border(ent):
                continue
            place = read.get((ent.start_char, ent.end_char))
            if place is None:
                continue
            span = (ent.start_char, ent.end_char)
            if vicinity(ent) and place.precision < 2 and span not in inner:
                place = replace(place, precision=2)
            score = rank_place(trigger, ent, ranking_precision(place))
            if score > MAX_PLACE_SCORE:
                continue
            key = (not clause.holds(ent), _other_clause(trigger, ent.root, reporting), score)
            if best is None or key < best[0]:
                best = (key, place, ent)
        if best is not None and best[1].precision == REGION_PRECISION:
            finer = self.retold_place(ctx, index, trigger, best[1].country_code)
            if finer is not None:
                return finer, None
        if best is not None and best[1].precision < 4:
            return best[1], best[2]
        country = best[1].country_code if best else None
        context = self.context_place(ctx, index, country)
        if context is not None:
            return context, None
        return (best[1], best[2]) if best else (None, None)

    def context_place(self, ctx: ArticleContext, index: int, country: str | None) -> Place | None:
        """The nearest more specific place named in the sentences around ``index``."""
        for j in context_order(index):
            named = ctx.entities(j)
            if named is None or not any(
                self.fine(ent, ctx.countries) for ent in place_spans(named[:])
            ):
                continue
            doc = ctx.doc(j)  # whether a place acts as an actor takes the tree
            assert doc is not None
            read = self.read_places(ctx, doc)
            for ent in place_spans(doc[:]):
                if acts_as_actor(ent) or destination(ent):
                    continue
                place = read.get((ent.start_char, ent.end_char))
                if place and place.precision < 4 and country in (None, place.country_code):
                    return place
        return None

    # dates -------------------------------------------------------------------------------------
    def undated(self, ctx: ArticleContext, index: int) -> bool:
        """Whether candidate ``index`` may take its date from the sentence before it (in the
        same paragraph): it states none, or one relative to an earlier event."""
        dates = date_spans(ctx.docs[index])
        needs = not dates or any(RELATIVE_DATE.search(e.text) for e in dates)
        return needs and ctx.same_paragraph(index - 1, index)

    def date_of(self, ctx: ArticleContext, index: int, depth: int = 0) -> DateSpan | None:
        """The first date sentence ``index`` states (parsed on demand), resolved against the
        publication date and, for "two days earlier", the sentence before it."""
        published = ctx.article.published
        doc = ctx.entities(index)
        if published is None or doc is None:
            return None
        if index not in ctx.dates:
            ctx.dates[index] = None
            for ent in date_spans(doc):
                relative = depth < 3 and RELATIVE_DATE.search(ent.text)
                anchor = self._told_before(ctx, index, depth) if relative else None
                span = resolve_date(ent.text, published, anchor=anchor.best if anchor else None)
                if span is not None:
                    ctx.dates[index] = span
                    break
        return ctx.dates[index]

    def _told_before(self, ctx: ArticleContext, index: int, depth: int) -> DateSpan | None:
        """The day the nearest of the few sentences before ``index`` states: "The previous
        day, troops shot down a drone" after a sentence telling no day of its own counts from
        the last day the report told, not from its publication."""
        for j in range(index - 1, max(-1, index - 1 - ANCHOR_REACH), -1):
            found = self.date_of(ctx, j, depth + 1)
            if found is not None:
                return found
        return None

    def date(
        self, ctx: ArticleContext, index: int, trigger: Token, doc: Doc
    ) -> tuple[DateSpan | None, Span | None]:
        """The event's date window and the span that says it (None when inherited)."""
        published = ctx.article.published
        if published is None:
            return None, None

        def anchor() -> DateSpan | None:  # parsed only when needed
            if not ctx.same_paragraph(index - 1, index):
                return None
            return self.date_of(ctx, index - 1)

        own = _own_verbs(trigger)
        reporting = self.lexicon.reporting_verbs
        spans = date_spans(doc)
        offset = offset_clause(trigger, spans)
        if offset is not None:  # "reopened on Tuesday, a week after drivers protested"
            shifted = shifted_day(offset, spans, published)
            if shifted is not None:
                return shifted, offset[0]
        found: list[tuple[tuple[int, bool, int], DateSpan, Span, bool]] = []
        for ent in spans:
            # "The previous day" counts from the last day told, a paragraph before if need be
            relative = RELATIVE_DATE.search(ent.text)
            before = self._told_before(ctx, index, 0) if relative else None
            span = resolve_date(ent.text, published, anchor=before.best if before else None)
            if span is not None:
                verb = _dated_verb(ent, reporting)
                report = verb is not None and verb not in own and verb.lemma_ in reporting
                report = report or dateline(ent)
                # the event's own clause first (the trigger's own verb before one joined to it:
                # "shepherds abducted last week were freed on Sunday" tells a release on Sunday),
                # then other dates by distance, the report's last
                rank = (
                    2 if report else 0 if verb in own else 1,
                    verb != (trigger if trigger.pos_ in ("VERB", "AUX") else verb),
                    tree_distance(trigger, ent.root),
                )
                found.append((rank, span, ent, report))
        for _, span, ent, report in sorted(found, key=lambda f: f[0]):
            if report:
                return self.retold_date(ctx, index, trigger) or (report_window(span), ent)
            if not _foreign_clause(ent.root, own, reporting):
                return span, ent
            # the date belongs to another clause ("... a statement which said the operation
            # was continuing on Wednesday"): it does not date this event
        retold = self.retold_date(ctx, index, trigger)
        if retold is not None:
            return retold
        inherited = anchor()
        if inherited is not None:
            return inherited, None
        return default_window(published), None

    def retold_date(
        self, ctx: ArticleContext, index: int, trigger: Token
    ) -> tuple[DateSpan, Span] | None:
        """The date a following sentence gives the event when it tells it again with a definite
        noun for what the event acted on ("Security forces intercepted two trucks ..., the
        ministry said on Saturday. The trucks were stopped on Thursday night"): a report that
        dates only its statement leaves the event's own day to the sentence that retells it."""
        published = ctx.article.published
        if published is None:
            return None
        for doc, verbs in _retellings(ctx, index, trigger):
            for ent in date_spans(doc):
                if _dated_verb(ent, self.lexicon.reporting_verbs) in verbs:
                    span = resolve_date(ent.text, published)
                    if span is not None:
                        return span, ent
        return None

    def retold_place(
        self, ctx: ArticleContext, index: int, trigger: Token, country: str | None
    ) -> Place | None:
        """The town or spot a following sentence that tells the event again places it at, when
        its own sentence names only a region ("intercepted trucks in the Homs countryside ...
        The trucks were stopped outside the village of Jousieh"): the report's finer word on
        where the deed was done."""
        for doc, verbs in _retellings(ctx, index, trigger):
            read = self.read_places(ctx, doc)
            for ent in place_spans(doc[:]):
                if acts_as_actor(ent) or not any(v.is_ancestor(ent.root) for v in verbs):
                    continue
                place = read.get((ent.start_char, ent.end_char))
                if place and place.precision <= 2 and country in (None, place.country_code):
                    return place
        return None

    # speakers ----------------------------------------------------------------------------------
    def speaker_before(self, ctx: ArticleContext, index: int) -> str | None:
        """Whom a pronoun speaker ("he said") refers to: the last named speaker so far, else
        one named in the three sentences before."""
        if ctx.last_speaker:
            return ctx.last_speaker
        for j in range(index - 1, max(-1, index - 4), -1):
            doc = ctx.doc(j)
            if doc is not None:
                self.note_speaker(ctx, doc)
                if ctx.last_speaker:
                    return ctx.last_speaker
        return None

    def note_speaker(self, ctx: ArticleContext, doc: Doc) -> None:
        for token in doc:
            if token.lemma_ in self.lexicon.reporting_verbs:
                for child in token.children:
                    if child.dep_ == "nsubj" and child.ent_type_ in ("PERSON", "ORG"):
                        ent = next(e for e in doc.ents if e.start <= child.i < e.end)
                        ctx.last_speaker = ent.text


def overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def _own_verbs(trigger: Token) -> set[Token]:
    """The verbs whose dates are the event's own: the trigger's (or the verbs carrying a noun
    trigger) and those coordinated with it, which tell one operation ("seized two trucks on
    Sunday and arrested their drivers": the arrests are Sunday's too)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    own = {trigger} | ({verb} if verb is not None else set())
    # "clashes that broke out on Monday": a clause that only carries a noun trigger dates it
    own.update(c for c in trigger.children if carries(c, trigger))
    for token in list(own):
        if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
            own.add(token.head)
        own.update(c for c in token.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
    return own


# How many sentences after an event may retell it with the date of its own (see
# ``ContextSearch.retold_date``).
RETELLING_SENTENCES = 2
# A place of this precision is a whole region (ACLED's geo_precision 3): a retelling sentence's
# town or spot is the finer word on where the event was.
REGION_PRECISION = 3
# A later sentence tells the event again when a definite noun for what it acted on is the
# subject or the object of its verb ("the trucks were stopped", "troops stopped the truck").
RETOLD_ARCS = frozenset({"nsubj", "nsubjpass", "dobj"})
# How many words after the object's head its phrase is read for nouns ("pills hidden in a truck
# loaded with potatoes": a few words, not the clauses trailing after).
OBJECT_REACH = 8


def _retellings(
    ctx: ArticleContext, index: int, trigger: Token
) -> Iterator[tuple[Doc, list[Token]]]:
    """The next sentences that tell the event at ``index`` again, each with the verbs that
    retell it: a definite noun for what the event acted on is their subject or object ("The
    trucks were stopped on Thursday night outside Jousieh")."""
    told = {t.lower_ for t in _acted_on(trigger)}
    for j in range(index + 1, min(index + 1 + RETELLING_SENTENCES, len(ctx.sentences))):
        if not told & definite_words(ctx.sentences[j].text):
            continue
        doc = ctx.doc(j)
        assert doc is not None
        verbs = [
            t.head
            for t in doc
            if t.dep_ in RETOLD_ARCS
            and t.lower_ in told
            and any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in t.children)
        ]
        if verbs:
            yield doc, verbs


def _acted_on(trigger: Token) -> list[Token]:
    """The nouns the event acted on (the objects of its own verbs, with the nouns their phrase
    names: "seized pills hidden in a truck") and a noun trigger itself: what a later sentence
    names with "the" when it tells the event again ("troops stopped the truck on Tuesday")."""
    found = [trigger] if trigger.pos_ == "NOUN" else []
    for verb in _own_verbs(trigger):
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            found += [t for t in obj.subtree if t.pos_ == "NOUN" and t.i - obj.i < OBJECT_REACH]
    return found


def _dated_verb(ent: Span, reporting: tuple[str, ...]) -> Token | None:
    """The verb a date dates.  A date between a reporting verb and the subject of the clause it
    reports ("the army said on Monday it seized ...") dates the statement, wherever the parse
    hung it."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ != "ccomp" or verb.head.lemma_ not in reporting:
        return verb
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and verb.head.i < ent.start and ent.end <= min(subjects):
        return verb.head
    return verb


def _foreign_clause(date_root: Token, own: set[Token], reporting: tuple[str, ...]) -> bool:
    """Whether a date hangs from a clause of its own (with its own subject, or a report) rather
    than from the event's clause (``own``: its verbs): "... a statement which said the operation
    was continuing on Wednesday" does not date the fighting."""
    for token in date_root.ancestors:
        if token in own or any(token.is_ancestor(o) for o in own):
            return False
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_ in reporting:
            return True
        if _at_the_same_time(token, own):
            continue  # "shot down a drone as it approached the base late on Thursday"
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        if has_subject and token.dep_ in ("relcl", "ccomp", "advcl", "conj"):
            return True
    return False


# Words opening a clause that tells the moment of the clause above it ("as it approached the
# base", "when the patrol passed", "while they were crossing"): its date is that clause's too.
SAME_TIME_MARKS = frozenset({"as", "when", "while"})


def _at_the_same_time(clause: Token, own: set[Token]) -> bool:
    """An adverbial clause of one of the event's own verbs opened by ``SAME_TIME_MARKS``."""
    return (
        clause.dep_ == "advcl"
        and clause.head in own
        and any(c.dep_ == "mark" and c.lower_ in SAME_TIME_MARKS for c in clause.children)
    )


def _other_clause(trigger: Token, place: Token, reporting: tuple[str, ...]) -> bool:
    """Whether ``place`` lies in another clause than ``trigger``'s: it hangs from an adverbial or
    joined clause with its own subject, below the trigger ("forces took the hills near A as the
    authorities shut the B crossing") or below the reporting verb that frames both ("..., the
    ministry said, as ..."). B is the closure's place, not the capture's."""
    above = {t.i for t in [trigger, *trigger.ancestors]}
    below: Token | None = None
    for token in [place, *place.ancestors]:
        if token.i in above:
            framed = token.i == trigger.i or token.lemma_ in reporting
            return framed and below is not None and _own_clause(below)
        below = token
    return False


def _own_clause(head: Token) -> bool:
    return head.dep_ in ("advcl", "conj", "parataxis") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in head.children
    )


def _event_places(text: str, toponyms: list[Toponym]) -> dict[tuple[int, int], Place | None]:
    """Each toponym's place as an event's candidate place: a container holding a name the
    recogniser missed stands for that name's place; one holding a placed name ("X in Y", "X,
    a village south of Y") yields to it; a name inside an organisation's ("the Free Idlib
    Army") is no place of an event."""
    return {
        (t.start, t.end): t.inner
        or (None if t.holds or part_of_organisation(text, t.start, t.end) else t.place)
        for t in toponyms
    }
