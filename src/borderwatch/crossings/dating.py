"""Dating a claim from the report's wording: the time expression that belongs to the status
cue, resolved against the publication date by the pipeline's date resolver."""

from __future__ import annotations

import re
from datetime import date

from ..model import DateSpan
from ..resolve.dates import RULES, resolve_date
from .state import State

# Words before a time expression that make it where a state began, or not when it held.
SINCE = re.compile(r"\b(?:since|from|as of|starting|beginning)\s+(?:\w+\s+){0,1}$")
NOT_A_START = re.compile(r"\b(?:until|till|by|before|for)\s+(?:\w+\s+){0,1}$")


def window_of(
    clause: str, sentence: str, offset: int, state: State, published: date | None
) -> tuple[DateSpan | None, str]:
    """The claim's window from the clause's time expression nearest the status cue (else the
    sentence's), or the publication day when the wording gives none."""
    if published is None:
        return None, "wording"
    for text, shift in ((clause, 0), (sentence, offset)):
        cues_at = tuple(shift + c for c in state.cues_at) or (shift + state.cue_at,)
        family = tuple(shift + c for c in state.family_at) or (shift + state.cue_at,)
        found = time_expression(
            text, published, shift + state.cue_at, cues_at, state.opening, family=family
        )
        if found is not None:
            return found, "wording"
    return DateSpan(published, published, 1, ""), "published"


def time_expression(
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
    for start, end, span in expressions(text, published, opening):
        preceding = [c for c in cues_at if c < start]
        owner = max(preceding) if preceding else min(cues_at)
        if owner not in family:
            continue  # the date of another state ("closed in 2012, reopened")
        distance = cue_at - end if end <= cue_at else max(0, start - cue_at)
        found.append((owner != cue_at, distance, span))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def expressions(text: str, published: date, opening: bool) -> list[tuple[int, int, DateSpan]]:
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
