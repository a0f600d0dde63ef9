"""Extract crossing status claims from an article: which crossing, what state, since when, says
who, from which sentence.

1. Each sentence's crossings: names found by the registry (a town's name only beside a word
   such as "crossing"), "all crossings" (every official crossing, less those after "except"),
   or "the crossing" of the sentence before.
2. The sentence is cut into clauses ("Masnaa reopened, but Arida stayed closed"); each clause
   with a crossing and a status cue makes one claim per crossing.  Plans, conditions, denials
   and negations make none (a report of a state, not of an intention).
3. The status: a restriction wins ("reopened to pedestrians only" is restricted); a reopening
   wins over a closure it ends; a strike on a crossing that says nothing else closes it
   (``damaged``); otherwise the first cue.  Then the reason, the side and the speaker.
4. The window comes from the clause's (else the sentence's) time expression that belongs to a
   cue of that state (:mod:`.dating`), resolved against the publication date by the pipeline's
   date resolver: "since 3 February" starts the window on 3 February, "on Monday" is that
   Monday.  Without one, a claim is dated to the publication day (``dated_by='published'``);
   without that either, it is dropped.  An opening that dates the closure it ends ("closed on
   12 August, reopened on Saturday") makes that closure's claim too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Article, DateSpan, Mention, Place, Span
from . import cues
from .dating import time_expression, window_of
from .records import CrossingClaim, claim_key
from .registry import Crossing, Crossings, NameMatch, fold
from .sentences import SentenceText, split_sentences
from .state import State, read_state, reason_of

__all__ = ["ClaimExtractor", "SentenceText", "split_sentences"]

# "the crossing" may refer back this many sentences to a crossing named alone.
BACK_REFERENCE_SENTENCES = 2
# Clause breaks: a new statement about another crossing or another state.
CLAUSE_BREAK = re.compile(
    r";|,? (?:but|while|whereas|although|though) |, and (?=the |its )|, (?=as )"
    r"| (?=(?:since|because|after|when|as|following) (?:the |its |their |an? ))"
)
# A clause that gives the background of the report's statement ("... since the northern
# crossings were damaged"): what it says is an earlier state, undated, so it makes no claim.
BACKGROUND = re.compile(r"(?:since|because|after|following) ")
# Words just before a crossing's name that put a strike beside it, not on it.
NEAR = re.compile(
    r"\b(?:near|close to|outside|around|next to|by|towards?|approaching|in the vicinity of"
    r"|(?:metres|meters|km|kilometres|kilometers|miles) (?:from|away from))(?: the)? $"
)


@dataclass(frozen=True)
class _Ref:
    crossing_id: str
    start: int  # in the sentence
    scope: str


class ClaimExtractor:
    """Finds crossing claims in articles; build once per process over the region's crossings."""

    def __init__(self, crossings: Crossings) -> None:
        self.crossings = crossings

    def mentions_crossing(self, text: str) -> bool:
        """A cheap test: could the text make any claim (a crossing's name or the word)?"""
        folded = fold(text)
        return self.crossings.any_name(folded) or bool(cues.CROSSING_NOUN.search(folded))

    def records(
        self, article: Article, mentions: Sequence[Mention]
    ) -> tuple[list[CrossingClaim], list[tuple[str, str, str]]]:
        """The article's claims, and (mention id, crossing id, doc key) for each crossing an
        event mention's sentence or place names: what the store keeps for the board."""
        if not self.mentions_crossing(article.text):
            return [], []
        claims = self.extract(article, split_sentences(article.text))
        named = []
        for mention in mentions:
            for crossing_id in self.named_in(mention.sentence.text, mention.place):
                named.append((mention.mention_id, crossing_id, mention.doc_key))
        return claims, named

    def named_in(self, sentence: str, place: Place | None) -> list[str]:
        """The crossings (and crossing areas) an event's sentence names -- a town's name only
        beside "crossing" -- and the crossing its place is, when it is one by name."""
        has_noun = bool(cues.CROSSING_NOUN.search(fold(sentence)))
        found = {
            m.crossing_id for m in self.crossings.find_names(sentence) if m.own_name or has_noun
        }
        if place is not None:
            found |= {m.crossing_id for m in self.crossings.find_names(place.name) if m.own_name}
        return sorted(found)

    def extract(self, article: Article, sentences: Sequence[SentenceText]) -> list[CrossingClaim]:
        """Every claim the article makes, in text order."""
        claims: list[CrossingClaim] = []
        recent: list[tuple[int, list[str]]] = []  # (sentence index, crossings named alone)
        if article.title:  # the headline names what "the crossing" of the first lines is
            titled = {r.crossing_id for r in self._refs(article.title, fold(article.title))}
            recent.append((-1, sorted(titled)))
        for index, sentence in enumerate(sentences):
            folded = fold(sentence.text)
            refs = self._refs(sentence.text, folded)
            named = sorted({r.crossing_id for r in refs if r.scope == "named"})
            if not refs:
                refs = _back_reference(folded, index, recent)
            if named:
                recent.append((index, named))
            before: list[_Ref] = []
            for bounds in _clauses(folded, {r.start for r in refs}):
                if BACKGROUND.match(folded, bounds[0]):
                    continue
                in_clause = [r for r in refs if bounds[0] <= r.start < bounds[1]]
                in_clause = in_clause or _same_crossing(folded, bounds, before)
                claims += self._clause_claims(article, sentence, folded, bounds, in_clause)
                before = in_clause or before
        return _unique(claims)

    def _refs(self, text: str, folded: str) -> list[_Ref]:
        """The crossings a sentence speaks of, with how it names each."""
        has_noun = bool(cues.CROSSING_NOUN.search(folded))
        matches = [m for m in self.crossings.find_names(text) if has_noun or self._alone(m)]
        everything = cues.ALL_CROSSINGS.search(folded)
        if everything is None:
            return [_Ref(m.crossing_id, m.start, "named") for m in matches]
        return self._all_but(folded, everything, matches)

    def _in_area(self, phrase: str) -> list[Crossing]:
        """The official crossings in the part of the border ``phrase`` names (all if none)."""
        areas = {m.group(1).replace(" ", "") for m in cues.AREA.finditer(phrase)}
        official = self.crossings.official
        if not areas:
            return official
        chosen = [c for c in official if areas & {a.replace(" ", "") for a in c.areas}]
        return chosen or official

    def _alone(self, match: NameMatch) -> bool:
        """Whether a name means a crossing by itself: an official crossing's own name ("Masnaa"),
        not a town's, nor an area's ("Wadi Khaled" is a valley unless crossings are spoken of)."""
        crossing = self.crossings.get(match.crossing_id)
        return match.own_name and crossing is not None and crossing.kind == "official"

    def _all_but(self, folded: str, every: re.Match[str], matches: list[NameMatch]) -> list[_Ref]:
        """ "all crossings except X": every official crossing (of the part of the border the
        phrase names: "all the crossings in northern Lebanon") but X, and X as the exception."""
        at = every.start()
        exception = cues.EXCEPTION.search(folded, at)
        excepted = {m.crossing_id for m in matches if exception and m.start > exception.start()}
        refs = [
            _Ref(c.crossing_id, at, "all")
            for c in self._in_area(folded[max(0, at - 20) : every.end() + 30])
            if c.crossing_id not in excepted
        ]
        refs += [_Ref(cid, at, "except") for cid in sorted(excepted)]
        named = [m for m in matches if m.crossing_id not in excepted and m.start < at]
        return refs + [_Ref(m.crossing_id, m.start, "named") for m in named]

    def _clause_claims(
        self,
        article: Article,
        sentence: SentenceText,
        folded: str,
        bounds: tuple[int, int],
        refs: list[_Ref],
    ) -> list[CrossingClaim]:
        if not refs:
            return []
        clause = folded[bounds[0] : bounds[1]]
        state = read_state(clause)
        if state is None:
            return []
        window, dated_by = window_of(clause, folded, bounds[0], state, article.published)
        if window is None:
            return []
        span = Span(sentence.start, sentence.start + len(sentence.text), sentence.text)
        made = _ClaimMaker(article, span, _attribution(sentence.text))
        claims = []
        for ref in {r.crossing_id: r for r in refs}.values():
            if state.damage_only and NEAR.search(folded, max(0, ref.start - 30), ref.start):
                continue  # "a strike near the crossing" says nothing of the crossing's state
            claims += made.claims(ref, state, window, dated_by)
            if ref.scope in ("named", "context") and state.closure_at is not None:
                claims += made.closure(ref, state, clause, window)
        return claims


@dataclass(frozen=True)
class _ClaimMaker:
    """Claims of one sentence of one article."""

    article: Article
    span: Span
    attribution: str | None

    def claims(
        self, ref: _Ref, state: State, window: DateSpan, dated_by: str
    ) -> list[CrossingClaim]:
        """The clause's claim about ``ref`` (the opposite state for an "except" crossing)."""
        excepted = ref.scope == "except"
        status = _opposite(state.status) if excepted else state.status
        if status is None:
            return []
        return [
            self._claim(
                ref,
                status,
                window,
                dated_by,
                restriction=None if excepted else state.restriction,
                reason=None if excepted else state.reason,
                side=state.side,
                damaged=state.damaged and not excepted,
            )
        ]

    def closure(
        self, ref: _Ref, state: State, clause: str, opened: DateSpan
    ) -> list[CrossingClaim]:
        """The closure an opening ends, when the clause dates it ("closed on 12 August,
        reopened on Saturday"; "closed since March, it reopened"): a claim of its own."""
        published = self.article.published
        assert state.closure_at is not None and published is not None
        cues_at = state.cues_at or (state.closure_at,)
        window = time_expression(
            clause, published, state.closure_at, cues_at, False, family=(state.closure_at,)
        )
        if window is None or window.start >= opened.start:
            return []
        window = DateSpan(
            window.start, min(window.end, opened.start), window.precision, window.text
        )
        reason = reason_of(clause, False)
        return [self._claim(ref, "closed", window, "wording", reason=reason, side=state.side)]

    def _claim(
        self, ref: _Ref, status: str, window: DateSpan, dated_by: str, **values: Any
    ) -> CrossingClaim:
        article = self.article
        return CrossingClaim(
            claim_id=claim_key(article.doc_key, ref.crossing_id, self.span.start, status),
            crossing_id=ref.crossing_id,
            status=status,
            window=window,
            sentence=self.span,
            doc_key=article.doc_key,
            doc=article.source,
            outlet=article.outlet,
            published=article.published,
            attribution=self.attribution,
            dated_by=dated_by,
            scope=ref.scope,
            **values,
        )


def _attribution(text: str) -> str | None:
    match = cues.ATTRIBUTION.search(text)
    if match is None:
        return None
    return next(g for g in match.groups() if g).strip()


def _opposite(status: str) -> str | None:
    """The state of the exception in "all crossings closed except X" (X stayed open)."""
    return {"closed": "open", "open": "closed"}.get(status)


def _clauses(folded: str, ref_starts: set[int]) -> list[tuple[int, int]]:
    """The sentence's clauses, a clause naming no crossing (nor speaking of others) joined to
    the one before it ("Masnaa reopened, but trucks remain barred" is one statement)."""
    bounds, start = [], 0
    for match in CLAUSE_BREAK.finditer(folded):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(folded)))
    merged: list[tuple[int, int]] = []
    for clause_start, clause_end in bounds:
        names = any(clause_start <= r < clause_end for r in ref_starts)
        # "... since the northern crossings were closed": about other crossings, kept apart
        others = cues.CROSSING_NOUN.search(folded, clause_start, clause_end)
        if merged and not names and not others:
            merged[-1] = (merged[-1][0], clause_end)
        else:
            merged.append((clause_start, clause_end))
    return merged


def _same_crossing(folded: str, bounds: tuple[int, int], before: list[_Ref]) -> list[_Ref]:
    """ "..., but the crossing remained open": the one crossing of the clause before."""
    if len({r.crossing_id for r in before}) != 1 or before[0].scope in ("all", "except"):
        return []
    if not cues.DEFINITE_CROSSING.search(folded, bounds[0], bounds[1]):
        return []
    return [_Ref(before[0].crossing_id, bounds[0], before[0].scope)]


def _back_reference(folded: str, index: int, recent: list[tuple[int, list[str]]]) -> list[_Ref]:
    """ "the crossing" (or "it") as the one crossing named alone in the sentences before."""
    match = cues.DEFINITE_CROSSING.search(folded)
    if match is None or not recent:
        return []
    at, named = recent[-1]
    reach = 1 if match.group(0).startswith("it ") else BACK_REFERENCE_SENTENCES
    if index - at > reach or len(named) != 1:
        return []
    return [_Ref(named[0], match.start(), "context")]


def _unique(claims: list[CrossingClaim]) -> list[CrossingClaim]:
    seen: dict[str, CrossingClaim] = {}
    for claim in claims:
        seen.setdefault(claim.claim_id, claim)
    return list(seen.values())
