"""One article's sentences during extraction, and which of them have been parsed how.

Candidate sentences are parsed in full; the sentences around them are read only when an event
needs them, and then for their entities alone where that is all it takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ..model import ActorRef, Article, DateSpan
from ..resolve.toponyms import Anchor
from .triggers import TriggerMatch

# How many sentences either side are searched for a place when the event sentence names none
# (or only a country).
PLACE_CONTEXT_SENTENCES = 2


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    text: str


@dataclass
class ArticleContext:
    """One article's sentences.  The candidates are fully parsed; other sentences are read
    when an event needs them (a place, a date or a speaker the event sentence leaves
    implicit): for their entities only where that is all it takes, fully where the tree
    matters.  Those an event is likely to need are read beforehand, in batches."""

    article: Article
    sentences: list[Sentence]
    candidates: list[int]
    nlp: Language
    entity_only: list[str]  # the components to leave out for an entities-only reading
    docs: dict[int, Doc] = field(default_factory=dict)
    entity_docs: dict[int, Doc] = field(default_factory=dict)
    countries: tuple[str, ...] = ()
    place_anchors: tuple[Anchor, ...] = ()  # the places the candidates name, matched exactly
    matches: dict[int, list[TriggerMatch]] = field(default_factory=dict)  # by candidate
    dates: dict[int, DateSpan | None] = field(default_factory=dict)
    last_speaker: str | None = None
    last_actor: ActorRef | None = None  # the last event's actor1, for "they" in a later one
    sides: list[ActorRef] = field(default_factory=list)  # armed sides of violent events
    groups: list[ActorRef] = field(default_factory=list)  # non-state armed groups named

    def doc(self, index: int) -> Doc | None:
        """Sentence ``index`` fully parsed."""
        if not 0 <= index < len(self.sentences):
            return None
        if index not in self.docs:
            self.docs[index] = self.nlp(self.sentences[index].text)
        return self.docs[index]

    def entities(self, index: int, *, parse: bool = True) -> Doc | None:
        """Sentence ``index`` with its entities (and perhaps no tree); None past the ends, or
        when it is not parsed yet and ``parse`` is false."""
        if not 0 <= index < len(self.sentences):
            return None
        if index in self.docs:
            return self.docs[index]
        if index not in self.entity_docs:
            if not parse:
                return None
            text = self.sentences[index].text
            self.entity_docs[index] = self.nlp(text, disable=self.entity_only)
        return self.entity_docs[index]

    def same_paragraph(self, a: int, b: int) -> bool:
        return min(a, b) >= 0 and self.sentences[a].paragraph == self.sentences[b].paragraph


def context_order(index: int) -> list[int]:
    """The sentences around ``index`` a place is sought in, nearest first, after before."""
    return [index + d for k in range(1, PLACE_CONTEXT_SENTENCES + 1) for d in (k, -k)]
