"""Analysts' merges and splits as constraints on fusion, so that re-fusion (a new report, a
re-run, ``reprocess``) never undoes them.

A merge ties the reports of two events together: every mention holding the kept lineage's
anchors goes into one cluster, which keeps the id the analyst kept.  A split sets one report's
mentions apart: in any cluster holding them and other mentions, they become a cluster of their
own.  Constraints apply in the order the analysts made them (see :mod:`store.lineage` for how a
mention is matched to the reports a review was made on).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .model import Event, Mention
from .store.lineage import FusionLink, MentionKey, holds


def _key(m: Mention) -> MentionKey:
    return MentionKey(m.mention_id, m.doc_key, m.sentence.start, m.event_type)


def constrain(clusters: list[list[Mention]], links: Sequence[FusionLink]) -> list[list[Mention]]:
    """``clusters`` with every link applied, in order."""
    for link in links:
        if link.kind == "apart":
            clusters = _apart(clusters, link)
        elif link.kind == "together":
            clusters = _together(clusters, link)
    return clusters


def _apart(clusters: list[list[Mention]], link: FusionLink) -> list[list[Mention]]:
    found: list[list[Mention]] = []
    for members in clusters:
        inside = [m for m in members if holds(link.anchors, _key(m))]
        outside = [m for m in members if not holds(link.anchors, _key(m))]
        found += [part for part in (outside, inside) if part]
    return found


def _together(clusters: list[list[Mention]], link: FusionLink) -> list[list[Mention]]:
    joined = [c for c in clusters if any(holds(link.anchors, _key(m)) for m in c)]
    if len(joined) < 2:
        return clusters
    rest = [c for c in clusters if not any(c is j for j in joined)]
    return [*rest, [m for c in joined for m in c]]


def named_ids(links: Sequence[FusionLink]) -> list[str]:
    """The event ids analysts' links give (what ``name_events`` may rename an event to)."""
    return sorted({link.event_id for link in links if link.event_id})


def name_events(
    events: Sequence[Event],
    clusters: Sequence[list[Mention]],
    links: Sequence[FusionLink],
    taken: Collection[str] = (),
) -> None:
    """Give the event made by an analyst's merge (``events[i]`` is built from ``clusters[i]``)
    the id the analyst kept, and a report split off the id it was given: fusion names an event
    after its earliest report, which may be the other event's.  An id another event holds is
    given once that event has been renamed (a few passes settle it); an id in ``taken`` (held
    by a stored event this rewrite leaves in place) is never given: a link's anchors match by
    sentence, so a rewritten event may hold a report of a merge whose event is elsewhere."""
    for _ in range(len(links) + 1):
        renamed = False
        for link in links:
            renamed |= _rename(events, clusters, link, taken)
        if not renamed:
            return


def _rename(
    events: Sequence[Event],
    clusters: Sequence[list[Mention]],
    link: FusionLink,
    taken: Collection[str],
) -> bool:
    """Rename the event ``link`` names, unless some event holds its id already."""
    if not link.event_id or link.event_id in taken:
        return False
    if any(e.event_id == link.event_id for e in events):
        return False
    test = any if link.kind == "together" else all
    for event, members in zip(events, clusters, strict=True):
        if test(holds(link.anchors, _key(m)) for m in members):
            event.event_id = link.event_id
            return True
    return False
