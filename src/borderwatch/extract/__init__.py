"""Extract: ``Article`` -> event ``Mention`` records, each field with the span it came from.

1. Split the article into paragraphs and sentences (cheap, rule-based).
2. Keep the sentences a trigger prefilter accepts and parse them, several articles' worth in one
   batch; read the neighbours that supply a place, date or speaker the event sentence leaves
   implicit in later batches, for their entities only where that is all they are needed for
   (:class:`~.schedule.ParseScheduler`).
3. In each candidate sentence, find triggers; triggers close in the tree describe one event
   ("captured ... in a joint offensive"), distant ones separate events (:mod:`.grouping`).
4. For each event (:class:`~.mention.MentionBuilder`): actors by dependency role, resolved at
   the event's date (:class:`~.roles.ActorChooser`); the date, the place and the speaker from
   the sentence or its neighbours (:class:`~.search.ContextSearch`); counts, modality,
   attribution and type refinement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from ..model import EXPORTED_MODALITIES, Article, Mention
from ..nlp import load_pipeline, load_splitter
from ..region import Lexicon, load_outlets
from ..resolve import Resolver
from .context import ArticleContext, Sentence
from .continuation import bare_toll, carried_out, continued
from .grouping import agreed_to, clauses_of_groups, group_triggers, refers_back
from .mention import MentionBuilder
from .roles import ActorChooser
from .schedule import ParseScheduler
from .scope import ScopeJudge
from .search import ContextSearch
from .sense import Cues, Senses
from .triggers import Prefilter, TriggerMatch, TriggerMatcher, find_triggers, irregular_forms

__all__ = ["Extractor"]


class Extractor:
    """Holds the parsed pipeline, matcher and resolvers; call :meth:`extract` per article."""

    def __init__(
        self, *, model: str, region_dirs: tuple[str, ...] = (), resolver: Resolver | None = None
    ) -> None:
        self.nlp = load_pipeline(model, region_dirs)
        self.splitter = load_splitter(self.nlp)
        self.resolver = resolver or Resolver.for_region(region_dirs)
        self.lexicon: Lexicon = self.resolver.region.lexicon
        irregular = irregular_forms(self.nlp)
        self.matcher = TriggerMatcher(self.lexicon, irregular)
        self.prefilter = Prefilter(self.lexicon, irregular)
        self.search = ContextSearch(self.resolver, self.lexicon)
        self.scheduler = ParseScheduler(
            self.nlp, self.splitter, self.prefilter, self.search, self._triggers
        )
        self.actors = ActorChooser(self.resolver, self.search, load_outlets(region_dirs))
        cues = Cues(self.lexicon)
        self.senses = Senses(self.lexicon, cues)
        generic = frozenset(a.actor_id for a in self.resolver.region.actors if a.kind == "generic")
        self.scope = ScopeJudge(self.lexicon, cues, generic)
        self.builder = MentionBuilder(self.lexicon, self.search, self.actors, self.scope)

    def extract(self, article: Article) -> list[Mention]:
        """Every event mention ``article`` reports, in text order."""
        return self.extract_many([article])[0]

    def extract_many(self, articles: Sequence[Article]) -> list[list[Mention]]:
        """:meth:`extract` for several articles, their sentences parsed in a few ``nlp.pipe``
        calls rather than one by one (see :class:`~.schedule.ParseScheduler`)."""
        return [self._mentions(ctx) for ctx in self.scheduler.contexts(articles)]

    def _in_sense(self, match: TriggerMatch) -> bool:
        return self.senses.misfit(match.trigger.trigger_id, match.span.root) is None

    def _triggers(
        self, doc: Doc, story: Callable[[], list[set[str]]] | None = None
    ) -> list[TriggerMatch]:
        return find_triggers(doc, self.matcher, self.lexicon, self._in_sense, story)

    def split(self, text: str) -> list[Sentence]:
        """The text's sentences, as extraction reads them."""
        return self.scheduler.split(text)

    def _mentions(self, ctx: ArticleContext) -> list[Mention]:
        mentions: list[Mention] = []
        done: list[Mention] = []  # what a later "the exchange" can be a second mention of
        agreed: dict[str, Mention] = {}  # agreements to do something later, by what is agreed
        for index in ctx.candidates:
            doc = ctx.docs[index]
            groups = group_triggers(ctx.matches[index], self.lexicon.classes.get("armed", NONE))
            for group, clause in zip(groups, clauses_of_groups(groups), strict=True):
                if refers_back(group[0], done):
                    continue
                recent = _admitted_recently(ctx, index, mentions)
                mention = self.builder.build(ctx, index, doc, group, recent, clause)
                mention = continued(ctx, index, group, mention, mentions)
                if bare_toll(group, mention):
                    continue
                mention = carried_out(group, mention, agreed, ctx.article.published)
                mentions.append(mention)
                if not agreed_to(group[0]):
                    done.append(mention)
                elif mention.modality in EXPORTED_MODALITIES:
                    agreed[group[0].trigger.trigger_id] = mention
            self.search.note_speaker(ctx, doc)
        return mentions


# No words of a class the lexicon lacks.
NONE: frozenset[str] = frozenset()
# A sentence may take the evidence its event type needs from an event admitted this many
# sentences before (the same article's account continuing).
CONTEXT_SENTENCES = 3


def _admitted_recently(ctx: ArticleContext, index: int, earlier: list[Mention]) -> bool:
    """Whether an event was admitted on its own evidence in the last few sentences: a sentence
    lacking the arguments its type needs may continue it ("Exchanges of fire went on into
    Monday night")."""
    start = ctx.sentences[max(0, index - CONTEXT_SENTENCES)].start
    return any(
        m.modality in EXPORTED_MODALITIES
        and m.sentence.start >= start
        and "context" not in m.why.get("scope", "")  # no chains of context
        for m in earlier
    )
