"""Sentences of an article for the claim extractor: cheap, rule-based, with offsets (no
model needed: claims are read from every article, not only from event candidates)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words shortened with a stop that never end a sentence in news copy.
ABBREVIATIONS = frozenset(
    ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
    + ("mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "no", "vs")
)
# Sentence ends: a stop, then space and a capital, quote or digit (cheap; no model needed).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(0-9])")


@dataclass(frozen=True)
class SentenceText:
    """A sentence of the article and where it starts in the article's text."""

    start: int
    text: str


def split_sentences(text: str) -> list[SentenceText]:
    """The text's sentences with their offsets: paragraphs, then stops before a capital."""
    found: list[SentenceText] = []
    offset = 0
    for block in text.split("\n"):
        start = 0
        ends = [m.start() for m in SENTENCE_END.finditer(block) if not _abbreviation(block, m)]
        for end in [*ends, len(block)]:
            piece = block[start:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                found.append(SentenceText(offset + start + lead, piece.strip()))
            start = end
        offset += len(block) + 1
    return found


def _abbreviation(block: str, stop: re.Match[str]) -> bool:
    """A stop that ends an abbreviation or an initial ("Oct. 5", "Gen. Aoun", "U.S. Army"),
    not a sentence."""
    word = re.search(r"([A-Za-z]+)\.[\"”’)]?$", block[: stop.start()])
    if word is None:
        return False
    return len(word.group(1)) == 1 or word.group(1).lower() in ABBREVIATIONS
