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
4. The window comes from the clause's (else the sentence's) time expression, resolved against
   the publication date by the pipeline's date resolver: "since 3 February" starts the window on
   3 February, "on Monday" is that Monday.  Without one, a claim is dated to the publication
   day (``dated_by='published'``); without that either, it is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import Article, DateSpan, Mention, Place, Span
from ..resolve.dates import RULES, resolve_date
from . import cues
from .records import CrossingClaim, claim_key
from .registry import Crossing, Crossings, NameMatch, fold

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
# Words before a time expression that make it where a state began, or not when it held.
SINCE = re.compile(r"\b(?:since|from|as of|starting|beginning)\s+(?:\w+\s+){0,1}$")
NOT_A_START = re.compile(r"\b(?:until|till|by|before|for)\s+(?:\w+\s+){0,1}$")
# Words just before a crossing's name that put a strike beside it, not on it.
NEAR = re.compile(
    r"\b(?:near|close to|outside|around|next to|by|towards?|approaching|in the vicinity of"
    r"|(?:metres|meters|km|kilometres|kilometers|miles) (?:from|away from))(?: the)? $"
)
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
        window, dated_by = _window(clause, folded, bounds[0], state, article.published)
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
        window = _time_expression(
            clause, published, state.closure_at, cues_at, False, family=(state.closure_at,)
        )
        if window is None or window.start >= opened.start:
            return []
        window = DateSpan(
            window.start, min(window.end, opened.start), window.precision, window.text
        )
        reason = _reason(clause, False)
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


@dataclass(frozen=True)
class State:
    """What a clause says of a crossing's state."""

    status: str
    restriction: str | None
    reason: str | None
    side: str | None
    damaged: bool
    cue_at: int = 0  # where the decisive cue starts in the clause
    opening: bool = False  # said by "reopened"/"opened": a "since ..." dates the closure
    cues_at: tuple[int, ...] = ()  # where every status cue starts in the clause
    closure_at: int | None = None  # an opening's clause: where the closure it ends is said
    damage_only: bool = False  # closed only because struck (nothing said of traffic)
    family_at: tuple[int, ...] = ()  # the cues that say the status (a date of theirs dates it)


def read_state(clause: str) -> State | None:
    """The state a (folded) clause reports, or None: no cue, or not an assertion."""
    closed, opened = cues.CLOSED.search(clause), cues.OPEN.search(clause)
    reopened, still = cues.REOPENED.search(clause), cues.STILL_CLOSED.search(clause)
    earlier = cues.EARLIER_STATE.search(clause)
    labour = cues.LABOUR_STRIKE.search(clause)
    damage = None if labour else cues.DAMAGE.search(clause)
    if earlier and damage and _within(damage, earlier) and (reopened or opened):
        damage = None  # "reopened after the strike": the damage is the earlier state
    restriction = _restriction(clause)
    cued = (closed, opened, reopened, damage)
    first = min((m for m in cued if m), key=lambda m: m.start(), default=None)
    if first is None and restriction is None:
        return None
    if _not_asserted(clause, first):
        return None
    said_closed = closed
    if closed is not None and earlier is not None and _within(closed, earlier):
        closed = None  # "opened after a month's closure": the closure is the earlier state
    # None: only damage was said ("struck"), so the crossing is out of service
    status = _status(closed, opened, reopened, still, restriction) or "closed"
    reason = None if status == "open" else _reason(clause, damage is not None)
    decisive = _decisive(status, closed, opened, reopened, still, damage) or first
    opening = decisive is not None and decisive in (opened, reopened)
    cue_at = decisive.start() if decisive is not None else 0
    damaged = damage is not None and status != "open"  # "reopened the repaired bridge"
    every = tuple(sorted(m.start() for m in (said_closed, opened, reopened, still, damage) if m))
    closure = said_closed.start() if status == "open" and said_closed is not None else None
    only_damage = not (said_closed or opened or reopened or still or restriction)
    closing = (said_closed, still, damage)
    family = {"open": (opened, reopened), "closed": closing}.get(
        status, (*closing, opened, reopened)
    )
    family_at = tuple(m.start() for m in family if m is not None)
    side = _side(clause)
    return State(
        status,
        restriction,
        reason,
        side,
        damaged,
        cue_at,
        opening,
        every,
        closure,
        only_damage,
        family_at,
    )


def _decisive(status: str, *cued: re.Match[str] | None) -> re.Match[str] | None:
    """The cue the status rests on: the first cue that says it (for the window's date)."""
    closed, opened, reopened, still, damage = cued
    by_status = {
        "open": (reopened, opened),
        "closed": (still, closed, damage),
        "restricted": (reopened, opened, closed, still),
    }
    return next((m for m in by_status[status] if m is not None), None)


def _status(
    closed: re.Match[str] | None,
    opened: re.Match[str] | None,
    reopened: re.Match[str] | None,
    still: re.Match[str] | None,
    restriction: str | None,
) -> str | None:
    """The status the cues say, in order of precedence (None: only damage was said)."""
    if restriction is not None:
        return "restricted"
    if still is not None:
        return "closed"
    if reopened is not None:
        return "open"
    if closed is not None and opened is not None:
        return "closed" if closed.start() < opened.start() else "open"
    if closed is not None:
        return "closed"
    return "open" if opened is not None else None


def _restriction(clause: str) -> str | None:
    if not cues.RESTRICTING.search(clause):
        return None
    for name, pattern in cues.RESTRICTIONS:
        if pattern.search(clause):
            return name
    return None


def _within(inner: re.Match[str], outer: re.Match[str]) -> bool:
    return outer.start() <= inner.start() < outer.end()


def _not_asserted(clause: str, cue: re.Match[str] | None) -> bool:
    """A plan, condition or denial ("will reopen", "did not close"), judged on the words
    before the status cue (and the whole clause for a denial)."""
    before = clause[: cue.start()] if cue else clause
    if cues.IRREALIS.search(before[-40:]) or cues.DENIAL.search(before):
        return True
    if cue is None:
        return False  # a restriction alone: its "not" is the restriction ("not allowed")
    negated = cues.NEGATION.search(before[-25:])
    return negated is not None and not cues.STILL_CLOSED.search(clause)


def _reason(clause: str, struck: bool) -> str | None:
    if struck:
        return "strike"
    for name, pattern in cues.REASONS:
        if pattern.search(clause):
            if name == "strike" and cues.LABOUR_STRIKE.search(clause):
                return "other"
            return name
    return None


def _side(clause: str) -> str | None:
    match = cues.SIDE.search(clause) or cues.SIDE_SUBJECT.search(clause)
    if match is None:
        return None
    return "SY" if match.group(1).startswith(("syria", "damascus")) else "LB"


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


def _window(
    clause: str, sentence: str, offset: int, state: State, published: date | None
) -> tuple[DateSpan | None, str]:
    """The claim's window from the clause's time expression nearest the status cue (else the
    sentence's), or the publication day when the wording gives none."""
    if published is None:
        return None, "wording"
    for text, shift in ((clause, 0), (sentence, offset)):
        cues_at = tuple(shift + c for c in state.cues_at) or (shift + state.cue_at,)
        family = tuple(shift + c for c in state.family_at) or (shift + state.cue_at,)
        found = _time_expression(
            text, published, shift + state.cue_at, cues_at, state.opening, family=family
        )
        if found is not None:
            return found, "wording"
    return DateSpan(published, published, 1, ""), "published"


def _time_expression(
    text: str,
    published: date,
    cue_at: int,
    cues_at: tuple[int, ...],
    opening: bool,
    *,
    family: tuple[int, ...],
) -> DateSpan | None:
    """The time expression of ``text`` that dates the status cue at ``cue_at``: a date belongs
    to the cue before it ("closed on 12 August, reopened on Saturday"), else to the one after
    it ("On Monday, it reopened"); only a date of a cue in ``family`` (those saying the same
    state: "struck on Friday and closed") counts, the decisive cue's own first, then the
    nearest.  After "since" or "from" the window runs from the date to the publication day;
    for an opening such a phrase dates the closure it ends, not it."""
    found: list[tuple[bool, int, DateSpan]] = []
    for start, end, span in _expressions(text, published, opening):
        preceding = [c for c in cues_at if c < start]
        owner = max(preceding) if preceding else min(cues_at)
        if owner not in family:
            continue  # the date of another state ("closed in 2012, reopened")
        distance = cue_at - end if end <= cue_at else max(0, start - cue_at)
        found.append((owner != cue_at, distance, span))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _expressions(text: str, published: date, opening: bool) -> list[tuple[int, int, DateSpan]]:
    """The text's time expressions (start, end, window), none inside a longer one ("October"
    of "7 October"); those after "until" or "for" left out (not when a state began)."""
    found: list[tuple[int, int, DateSpan]] = []
    for pattern, _rule in RULES:
        for match in pattern.finditer(text):
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            before = text[:start]
            if NOT_A_START.search(before):
                continue
            span = resolve_date(match.group(0), published)
            if span is None:
                continue
            if SINCE.search(before):
                if opening:
                    continue
                span = DateSpan(span.start, published, span.precision, f"since {match.group(0)}")
            found.append((start, match.end(), span))
    return [
        (s, e, span)
        for s, e, span in found
        if not any(o_s <= s and e <= o_e and (o_s, o_e) != (s, e) for o_s, o_e, _ in found)
    ]


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


def _unique(claims: list[CrossingClaim]) -> list[CrossingClaim]:
    seen: dict[str, CrossingClaim] = {}
    for claim in claims:
        seen.setdefault(claim.claim_id, claim)
    return list(seen.values())
