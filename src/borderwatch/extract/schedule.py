"""Schedule the parsing of several articles' sentences: what is parsed, how fully, and when.

Candidate sentences (those the trigger prefilter accepts) are parsed in full, several articles'
worth per ``nlp.pipe`` call: the models' matrix products run on batches far larger than one
sentence, which makes each sentence two to three times cheaper.  Neighbours that may supply a
date or a place are read beforehand in further batches — for their entities only where that is
all they are needed for (leaving out the tagger, parser and lemmatizer costs a third) — and
only around the candidates whose parse holds a trigger: the prefilter reads words, not senses,
and on real news about two in five of the sentences it passes hold no event once parsed (their
neighbours were a third of all the sentences read).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article
from .context import PLACE_CONTEXT_SENTENCES, ArticleContext, Sentence, context_order
from .homeland import article_countries
from .search import ContextSearch
from .tree_places import place_spans
from .triggers import Prefilter, TriggerMatch, sentence_words

# The pipeline components that find entities; an entities-only reading runs only these.
ENTITY_FINDERS = ("ner", "entity_ruler")


class ParseScheduler:
    """Splits articles into sentences and parses the ones extraction will read, in batches."""

    def __init__(
        self,
        nlp: Language,
        splitter: Language,
        prefilter: Prefilter,
        search: ContextSearch,
        triggers: Callable[[Doc, Callable[[], list[set[str]]]], list[TriggerMatch]],
    ) -> None:
        self.nlp = nlp
        self.splitter = splitter
        self.prefilter = prefilter
        self.search = search
        # a parsed sentence's trigger matches, senses checked, given the words told before it
        self.triggers = triggers
        self.entity_only = [
            name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory not in ENTITY_FINDERS
        ]

    def split(self, text: str) -> list[Sentence]:
        """The text's sentences, each with its paragraph and character offset."""
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

    def contexts(self, articles: Sequence[Article]) -> list[ArticleContext]:
        """Each article's context with its candidates, their trigger matches, and the
        neighbours the candidates that hold a trigger need parsed."""
        contexts = [self._context(article) for article in articles]
        # 1. the candidate sentences, fully parsed, and the triggers in each
        self._parse([(ctx, i) for ctx in contexts for i in ctx.candidates], full=True)
        for ctx in contexts:
            docs = {i: ctx.docs[i] for i in ctx.candidates}
            by_places = self.search.countries(docs)
            ctx.countries = article_countries(by_places, list(docs.values()), self.search.resolver)
            ctx.place_anchors = self.search.anchors(ctx.docs, ctx.countries)
            ctx.matches = {
                i: self.triggers(ctx.docs[i], partial(_words_before, ctx.sentences, i))
                for i in ctx.candidates
            }
        # 2. the sentence before an undated event, for its date: entities only
        undated = self.search.undated
        self._parse([(ctx, i - 1) for ctx in contexts for i in _eventful(ctx) if undated(ctx, i)])
        # 3. the sentence an event without a place takes one from (found ring by ring,
        # entities only), fully parsed: whether the place acts as an actor there takes the tree
        self._parse(self._context_places(contexts), full=True)
        return contexts

    def _context(self, article: Article) -> ArticleContext:
        sentences = self.split(article.text)
        candidates = [
            s.index
            for s in sentences
            if self.prefilter.accepts(s.text, partial(_words_before, sentences, s.index))
        ]
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

    def _context_places(self, contexts: list[ArticleContext]) -> list[tuple[ArticleContext, int]]:
        """For each candidate that names no place finer than a country, the first sentence
        around it (in the order :meth:`ContextSearch.context_place` tries them) that does; read
        ring by ring, entities only, so that sentences past the one that answers are never
        read."""
        fine = self.search.fine
        pending = [
            (ctx, i)
            for ctx in contexts
            for i in _eventful(ctx)
            if not any(fine(e, ctx.countries) for e in place_spans(ctx.docs[i][:]))
        ]
        found: list[tuple[ArticleContext, int]] = []
        for ring in range(2 * PLACE_CONTEXT_SENTENCES):
            self._parse([(ctx, context_order(i)[ring]) for ctx, i in pending])
            still = []
            for ctx, i in pending:
                j = context_order(i)[ring]
                doc = ctx.entities(j, parse=False)
                if doc is not None and any(fine(e, ctx.countries) for e in place_spans(doc[:])):
                    found.append((ctx, j))
                else:
                    still.append((ctx, i))
            pending = still
        return found


def _eventful(ctx: ArticleContext) -> list[int]:
    """The candidates whose parse holds a trigger: the only ones an event is built from."""
    return [i for i in ctx.candidates if ctx.matches[i]]


def _words_before(sentences: list[Sentence], index: int) -> list[set[str]]:
    """The words of each sentence before ``index``: the story a definite noun may refer back
    to ("The exchange took place ...")."""
    return [sentence_words(s.text) for s in sentences[:index]]
