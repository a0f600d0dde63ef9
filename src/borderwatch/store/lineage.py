"""Lineages: what a review is about, kept apart from the event ids fusion hands out.

An event id comes from the event's earliest report and changes when an earlier report joins;
fusion merges and splits events; re-processing with a new lexicon can give a sentence's mention
a new id.  A review therefore names the *reports* it was made on -- its anchors: each mention's
id, and the sentence it was read from (document key, character offset) with the event type the
machine gave it -- and is applied to whichever event now holds them.  Git names history by
content the same way, not by where it sits.

Matching a mention to an anchor is tiered: the same mention id counts most, the same sentence
read as the same type next, the same sentence alone least (a changed lexicon may read it as
another type).  Each lineage goes to the event it scores highest on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import REVIEW_STATUSES

# Weights of a mention that matches an anchor by id, by sentence and type, by sentence alone.
SAME_MENTION, SAME_SENTENCE_AND_TYPE, SAME_SENTENCE = 4, 2, 1
VERDICTS = ("confirm", "edit", "reject")
STATUSES = REVIEW_STATUSES


@dataclass(frozen=True)
class Anchor:
    """A report a review was made on: one mention and the sentence it was read from."""

    mention_id: str
    doc_key: str
    sentence_start: int
    event_type: str | None = None


@dataclass(frozen=True)
class MentionKey:
    """What of a stored mention anchors are matched against."""

    mention_id: str
    doc_key: str
    sentence_start: int
    event_type: str


@dataclass(frozen=True)
class Action:
    """One row of the review log."""

    action_id: int
    lineage: str
    event_id: str
    action: str
    field: str | None
    machine_value: Any
    analyst_value: Any
    patch: dict[str, Any]
    note: str | None
    by: str
    at: str


@dataclass
class Lineage:
    """One reviewed event's history: its actions (in order) and its anchors."""

    lineage: str
    actions: list[Action] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)

    @property
    def merged_into(self) -> str | None:
        """The lineage this one was merged into (an analyst's merge), if any."""
        found = [a for a in self.actions if a.action == "merged"]
        return str(found[-1].analyst_value["lineage"]) if found else None

    @property
    def verdict(self) -> Action | None:
        found = [a for a in self.actions if a.action in VERDICTS]
        return found[-1] if found else None

    def fields(self) -> dict[str, Action]:
        """The analyst's value of each edited field: the last edit of it wins."""
        edited: dict[str, Action] = {}
        for action in self.actions:
            if action.action == "edit" and action.field:
                edited[action.field] = action
        return edited

    @property
    def status(self) -> str:
        verdict = self.verdict
        if verdict is not None and verdict.action == "reject":
            return "rejected"
        if self.fields():
            return "edited"
        return "confirmed" if verdict is not None else "unreviewed"

    @property
    def last_id(self) -> int:
        return max((a.action_id for a in self.actions), default=0)


@dataclass(frozen=True)
class FusionLink:
    """``together``: these reports are one event (named ``event_id``); ``apart``: these
    reports are an event of their own."""

    kind: str
    anchors: tuple[Anchor, ...]
    event_id: str | None = None


def score(anchors: Iterable[Anchor], mentions: Iterable[MentionKey]) -> int:
    """How strongly ``mentions`` (an event's) hold ``anchors`` (a lineage's)."""
    by_id = {a.mention_id for a in anchors}
    anchors = list(anchors)
    by_sentence = {(a.doc_key, a.sentence_start): a.event_type for a in anchors}
    total = 0
    for m in mentions:
        if m.mention_id in by_id:
            total += SAME_MENTION
        elif (m.doc_key, m.sentence_start) in by_sentence:
            same_type = by_sentence[(m.doc_key, m.sentence_start)] == m.event_type
            total += SAME_SENTENCE_AND_TYPE if same_type else SAME_SENTENCE
    return total


def holds(anchors: Iterable[Anchor], m: MentionKey) -> bool:
    """Whether mention ``m`` is one of ``anchors``' reports: the same mention, or the same
    sentence read as the same type (what fusion constraints follow)."""
    for a in anchors:
        if a.mention_id == m.mention_id:
            return True
        if (a.doc_key, a.sentence_start, a.event_type) == (
            m.doc_key,
            m.sentence_start,
            m.event_type,
        ):
            return True
    return False


def assign(
    lineages: Mapping[str, Lineage], events: Mapping[str, list[MentionKey]]
) -> dict[str, str]:
    """lineage -> the event it applies to now (the one holding its anchors most strongly; ties
    to the smaller id).  Merged-away lineages and those whose reports are all gone get none."""
    found: dict[str, str] = {}
    for name, lineage in lineages.items():
        if lineage.merged_into is not None or not lineage.anchors:
            continue
        scored = [(score(lineage.anchors, keys), event_id) for event_id, keys in events.items()]
        best = min(((-s, e) for s, e in scored if s > 0), default=None)
        if best is not None:
            found[name] = best[1]
    return found


def fusion_links(lineages: Mapping[str, Lineage]) -> list[FusionLink]:
    """Analysts' merges (``together``) and splits (``apart``) as fusion constraints, in the
    order they were made."""
    found: list[tuple[int, FusionLink]] = []
    for lineage in lineages.values():
        for action in lineage.actions:
            if action.action == "merge" and lineage.merged_into is None:
                kept = FusionLink("together", tuple(lineage.anchors), action.event_id)
                found.append((action.action_id, kept))
            elif action.action == "split_from":
                split = FusionLink("apart", tuple(lineage.anchors), action.event_id)
                found.append((action.action_id, split))
    return [link for _, link in sorted(found, key=lambda pair: pair[0])]
