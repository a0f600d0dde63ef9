"""What a clause says of a crossing's state: status, restriction, reason, side, damage, and
where its cues are (for dating it), from the cue words of :mod:`.cues`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues


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
    reason = None if status == "open" else reason_of(clause, damage is not None)
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


def reason_of(clause: str, struck: bool) -> str | None:
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
