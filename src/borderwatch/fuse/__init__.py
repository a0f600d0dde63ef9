"""Fuse: event mentions (from one article or many) -> events that keep every source.

Which mentions can be one happening is :mod:`.match`'s (:func:`same_event`); here they are
clustered into events, found through an index of what they can share, and each event is built.

An event's fields are derived from its mentions by explicit rules: the narrowest date window all
reports allow, the most precise place, the most cited actors, and counts by the fatality rule
(``conservative`` = the lowest reported figure as ACLED does, ``best`` = the median, ``high`` =
the highest).  The event id comes from the earliest report, so re-running the same documents in
any order gives the same ids.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from ..acled import identified_armed
from ..model import (
    ActorRef,
    Claim,
    DateSpan,
    DocInfo,
    Event,
    Mention,
    Place,
    SourceRef,
)
from .match import (
    CATCH_ALL_TYPES,
    actor_key,
    actor_keys,
    happened,
    haversine_km,
    may_fuse_across_articles,
    place_evidence,
    same_event,
)

__all__ = [
    "build_event",
    "cluster",
    "haversine_km",
    "linked",
    "may_fuse_across_articles",
    "same_event",
]

MODALITY_RANK = {
    "asserted": 0,
    "reported": 1,
    "attempted": 2,
    "speculated": 3,
    "planned": 4,
    "hypothetical": 5,
    "denied": 6,
    "negated": 7,
    "generic": 8,
    "out_of_scope": 9,
}


def cluster(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Group mentions into events, in a fixed order so the result does not depend on input order:
    each mention, by id, joins the first cluster all of whose members it can be one event with.
    Only clusters it shares positive evidence with (an actor, a place, its article) can take it,
    so an index of their first members finds the few worth checking among thousands."""
    ordered = sorted(mentions, key=lambda m: m.mention_id)
    clusters: list[list[Mention]] = []
    firsts = EvidenceIndex()
    for mention in ordered:
        home = next(
            (
                clusters[k]
                for k in firsts.candidates(mention)
                if all(same_event(mention, m) for m in clusters[k])
            ),
            None,
        )
        if home is None:
            firsts.add(len(clusters), mention)
            clusters.append([mention])
        else:
            home.append(mention)
    return clusters


def linked(mentions: Sequence[Mention], seeds: Iterable[str]) -> list[Mention]:
    """The mentions joined to a seed (a mention id) by a chain of pairs that can be one event.

    :func:`cluster` never puts two mentions of different chains together: a cluster is a set of
    mutual partners, so it lies within one chain, and a mention is only ever taken by a cluster
    of its own chain.  Clustering these mentions alone therefore gives exactly the clusters that
    clustering all of ``mentions`` gives them -- which lets fusion re-cluster only what a new
    report can change instead of every mention of the same weeks."""
    index = EvidenceIndex()
    for number, mention in enumerate(mentions):
        index.add(number, mention)
    wanted = set(seeds)
    found = {i for i, m in enumerate(mentions) if m.mention_id in wanted}
    todo = list(found)
    while todo:
        mention = mentions[todo.pop()]
        for other in index.candidates(mention):
            if other not in found and _either_way(mention, mentions[other]):
                found.add(other)
                todo.append(other)
    return [mentions[i] for i in sorted(found)]


def _either_way(a: Mention, b: Mention) -> bool:
    # :func:`same_event` is not symmetric when actors swap roles ("A arrested B" against "B");
    # :func:`cluster` asks it of the later mention, so a chain must allow both orders
    return same_event(a, b) or same_event(b, a)


# The index keys of the mentions seen last, by identity (each with the mention, so that an id
# is never mistaken for a later object's): a store hands fusion the same decoded mentions for
# every report of the same weeks, and working their keys out again was most of fusion's cost.
# A mention must not be changed once fusion has seen it.
KEYS_KEPT = 20_000  # as many as a store keeps decoded (store.transaction.DECODED_MENTIONS)
_KEYS: dict[int, tuple[Mention, list[tuple[object, ...]]]] = {}


class EvidenceIndex:
    """Numbered mentions by what :func:`_positive_evidence` can share between two of them --
    actor keys, place name, article, and (for precise places) a band of latitude wide enough for
    the largest distance two precise places may be apart -- each under what :func:`same_event`
    requires to be equal (type, history, whether it happened; sub-type for catch-all types), so
    that a lookup returns only the few mentions worth comparing."""

    BAND_DEGREES = 1.0  # > MAX_KM_BY_PRECISION[2] / 111 km per degree of latitude

    def __init__(self) -> None:
        self.by_key: dict[tuple[object, ...], list[int]] = {}

    def _keys(self, m: Mention) -> list[tuple[object, ...]]:
        memo = _KEYS.get(id(m))
        if memo is not None and memo[0] is m:
            return memo[1]
        keys = self._compute_keys(m)
        if len(_KEYS) >= KEYS_KEPT:
            del _KEYS[next(iter(_KEYS))]
        _KEYS[id(m)] = (m, keys)
        return keys

    def _compute_keys(self, m: Mention) -> list[tuple[object, ...]]:
        kind: tuple[object, ...] = (m.event_type, m.historical, happened(m))
        if m.event_type in CATCH_ALL_TYPES:
            kind += (m.sub_event_type, m.plover_type, m.plover_mode)
        keys: list[tuple[object, ...]] = [(kind, "actor", k) for k in actor_keys(m)]
        keys.append((kind, "doc", m.doc_key))
        if place_evidence(m.place):
            keys.append((kind, "place", m.place.name))
            keys.append((kind, "band", math.floor(m.place.latitude / self.BAND_DEGREES)))
        return keys

    def add(self, number: int, mention: Mention) -> None:
        for key in self._keys(mention):
            self.by_key.setdefault(key, []).append(number)

    def candidates(self, m: Mention) -> list[int]:
        """The numbers of the mentions ``m`` may share positive evidence with, in order."""
        found: set[int] = set()
        for key in self._keys(m):
            if key[1] == "band":
                kind, _, band = key
                assert isinstance(band, int)
                for near in (band - 1, band, band + 1):
                    found.update(self.by_key.get((kind, "band", near), ()))
            else:
                found.update(self.by_key.get(key, ()))
        return sorted(found)


def event_id_for(mentions: list[Mention], docs: dict[str, DocInfo]) -> str:
    """The id of an event: from its earliest report (publication date, then mention id)."""

    def order(m: Mention) -> tuple[date, str]:
        published = docs[m.doc_key].published if m.doc_key in docs else None
        return (published or date.max, m.mention_id)

    first = min(mentions, key=order)
    return "BW-" + hashlib.sha1(first.mention_id.encode()).hexdigest()[:12].upper()


def build_event(
    mentions: list[Mention], docs: dict[str, DocInfo], *, fatality_rule: str = "conservative"
) -> Event:
    """Derive one event from its mentions; every differing value is kept as a claim."""
    primary = max(mentions, key=lambda m: (m.confidence, -MODALITY_RANK.get(m.modality, 9)))
    sub = Counter(m.sub_event_type for m in mentions).most_common(1)[0][0]
    counts, claims = _counts(mentions, docs, fatality_rule)
    claims += _field_claims(mentions, docs)
    killed = [m.counts["killed"] for m in mentions if "killed" in m.counts]
    sources = [_source(m, docs) for m in mentions]
    event = Event(
        event_id=event_id_for(mentions, docs),
        event_type=primary.event_type,
        sub_event_type=sub,
        date=_narrowest_date([m.date for m in mentions if m.date]),
        place=_best_place([m.place for m in mentions if m.place]),
        actor1=_most_cited([m.actor1 for m in mentions]),
        actor2=_most_cited([m.actor2 for m in mentions]),
        assoc_actor_1=_most_cited([m.assoc_actor_1 for m in mentions]),
        assoc_actor_2=_most_cited([m.assoc_actor_2 for m in mentions]),
        plover_type=primary.plover_type,
        plover_mode=primary.plover_mode,
        tags=tuple(sorted({t for m in mentions for t in m.tags})),
        fatalities=counts.get("killed"),
        fatality_range=_fatality_range(killed),
        counts=counts,
        modality=min((m.modality for m in mentions), key=lambda x: MODALITY_RANK.get(x, 9)),
        historical=all(m.historical for m in mentions),
        notes=_notes(primary),
        sources=sources,
        claims=claims,
        mention_ids=sorted(m.mention_id for m in mentions),
        n_sources=independent_outlets(mentions, docs),
        why=dict(primary.why),
        scope="acled" if any(m.scope == "acled" for m in mentions) else "border",
    )
    event.confidence = _confidence(mentions, docs)
    return event


def _fatality_range(killed: list[int]) -> dict[str, int]:
    """UCDP's low / best / high estimates over the reported death tolls."""
    if not killed:
        return {}
    return {"low": min(killed), "best": statistics.median_low(killed), "high": max(killed)}


def _field_claims(mentions: list[Mention], docs: dict[str, DocInfo]) -> list[Claim]:
    """Each report's value for the fields where reports disagree (type, date, place, actors)."""
    readers: dict[str, Callable[[Mention], object]] = {
        "sub_event_type": lambda m: m.sub_event_type,
        "date": lambda m: [m.date.start.isoformat(), m.date.end.isoformat()] if m.date else None,
        "location": lambda m: m.place.name if m.place else None,
        "actor1": lambda m: m.actor1.name if m.actor1 else None,
        "actor2": lambda m: m.actor2.name if m.actor2 else None,
        "modality": lambda m: m.modality,
    }
    claims: list[Claim] = []
    for name, read in readers.items():
        values = [read(m) for m in mentions]
        if len({repr(v) for v in values if v is not None}) > 1:
            claims += [
                Claim(name, v, _doc_name(m, docs), m.sentence.text)
                for m, v in zip(mentions, values, strict=True)
                if v is not None
            ]
    return claims


def _doc_name(m: Mention, docs: dict[str, DocInfo]) -> str:
    return docs[m.doc_key].doc if m.doc_key in docs else m.doc_key


def _source(m: Mention, docs: dict[str, DocInfo]) -> SourceRef:
    info = docs.get(m.doc_key, DocInfo(m.doc_key, None, None))
    return SourceRef(
        info.doc,
        info.outlet,
        info.published,
        m.sentence.text,
        m.attribution,
        m.doc_key,
        m.mention_id,
    )


def _counts(
    mentions: list[Mention], docs: dict[str, DocInfo], rule: str
) -> tuple[dict[str, int], list[Claim]]:
    values: dict[str, list[int]] = {}
    claims: list[Claim] = []
    for m in mentions:
        for key, value in m.counts.items():
            values.setdefault(key, []).append(value)
            claims.append(Claim(f"counts.{key}", value, _doc_name(m, docs), m.sentence.text))
    pick: dict[str, Callable[[list[int]], int]] = {
        "conservative": min,
        "high": max,
        "best": statistics.median_low,
    }
    return {k: pick[rule](v) for k, v in values.items()}, claims


def _narrowest_date(spans: list[DateSpan]) -> DateSpan | None:
    if not spans:
        return None
    start, end = max(s.start for s in spans), min(s.end for s in spans)
    if start <= end:
        precision = min(s.precision for s in spans)
        text = min(spans, key=lambda s: (s.precision, (s.end - s.start).days)).text
        return DateSpan(start, end, precision if start == end or precision > 1 else 2, text)
    return min(spans, key=lambda s: (s.precision, (s.end - s.start).days))


def _best_place(places: list[Place]) -> Place | None:
    if not places:
        return None
    counts = Counter(p.name for p in places)
    return min(places, key=lambda p: (p.precision, -counts[p.name], p.name))


def _most_cited(actors: list[ActorRef | None]) -> ActorRef | None:
    """The reports' actor for one role: an identified armed actor before a bare "unidentified"
    one (one report saying "clan gunmen" where another says "gunmen" tells who they were), then
    the most cited."""
    known = [a for a in actors if a is not None]
    if not known:
        return None
    counts = Counter(actor_key(a) for a in known)
    return max(
        known,
        key=lambda a: (
            bool(a.canonical),
            identified_armed(a.canonical, a.inter),
            counts[actor_key(a)],
            a.actor_id is not None,
        ),
    )


def _notes(m: Mention) -> str:
    text = " ".join(m.sentence.text.split())
    return text if len(text) <= 240 else text[:237] + "..."


def independent_outlets(mentions: list[Mention], docs: dict[str, DocInfo]) -> int:
    """Distinct outlets, counting a syndicated copy of a wire story once (with its original
    when the original is among the event's reports, else with the other copies)."""
    present = {m.doc_key for m in mentions}
    keys: set[str] = set()
    for doc_key in present:
        info = docs.get(doc_key)
        if info is None:
            keys.add(doc_key)
        elif info.near_duplicate_of in present:
            continue
        elif info.near_duplicate_of:
            keys.add("copy-of:" + info.near_duplicate_of)
        else:
            keys.add((info.outlet or info.doc).lower())
    return len(keys)


def _confidence(mentions: list[Mention], docs: dict[str, DocInfo]) -> float:
    best = max(m.confidence for m in mentions)
    bonus = 0.1 * (independent_outlets(mentions, docs) - 1)
    return round(min(0.99, best + bonus), 2)
