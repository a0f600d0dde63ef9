"""Fuse: event mentions (from one article or many) -> events that keep every source.

Two mentions describe the same happening when their types agree, their date windows overlap,
their places are close for their precision, and their actors do not contradict each other.
Mentions from one article must also agree on their counts (an article that gives two different
tolls is telling of two events); across articles differing counts are conflicting claims and are
kept side by side.

An event's fields are derived from its mentions by explicit rules: the narrowest date window all
reports allow, the most precise place, the most cited actors, and counts by the fatality rule
(``conservative`` = the lowest reported figure as ACLED does, ``best`` = the median, ``high`` =
the highest).  The event id comes from the earliest report, so re-running the same documents in
any order gives the same ids.
"""

from __future__ import annotations

import functools
import hashlib
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TypeGuard

from .model import (
    EXPORTED_MODALITIES,
    ActorRef,
    Claim,
    DateSpan,
    DocInfo,
    Event,
    Mention,
    Place,
    SourceRef,
)
from .region import load_region
from .resolve.folding import fold

# Distance within which two places can be the same event's, by the coarser precision of the two.
MAX_KM_BY_PRECISION = {1: 15.0, 2: 30.0, 3: 80.0, 4: 400.0}
# Mentions of one article this close (in characters) may be one event even if they share no
# actor or place: the second sentence usually continues the first.
NEARBY_SENTENCE_CHARS = 400
# Event types that are catch-alls: their mentions fuse only when the sub-types agree as well.
CATCH_ALL_TYPES = frozenset({"Strategic developments"})
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


def haversine_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _dates_overlap(a: DateSpan | None, b: DateSpan | None) -> bool:
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def _places_close(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    limit = MAX_KM_BY_PRECISION.get(max(a.precision, b.precision), 400.0)
    return haversine_km(a, b) <= limit


def _actor_key(actor: ActorRef | None) -> str | None:
    if actor is None:
        return None
    # an actor with no ACLED name still tells reports apart by its words ("the delegations")
    return actor.actor_id or (actor.canonical or actor.text).lower()


# ACLED interaction codes of non-state armed actors (rebels, political and identity militias): a
# report's "militants" or "gunmen" may be the group another report names.
NON_STATE_INTERS = frozenset({2, 3, 4})


@functools.lru_cache(maxsize=1)
def _generic_actor_ids() -> frozenset[str]:
    """The packaged actors that name no one ("militants", "gunmen", "rebels")."""
    return frozenset(a.actor_id for a in load_region().actors if a.kind == "generic")


def _same_actor(x: ActorRef | None, y: ActorRef | None) -> bool:
    """Whether actors ``x`` and ``y`` can be one: the same actor, or a generic non-state one
    ("militants") and a named non-state group ("Islamic State")."""
    kx, ky = _actor_key(x), _actor_key(y)
    if kx is None or ky is None or kx == ky:
        return kx == ky
    return _stands_for(x, y) or _stands_for(y, x)


def _stands_for(generic: ActorRef | None, named: ActorRef | None) -> bool:
    if generic is None or named is None or generic.actor_id not in _generic_actor_ids():
        return False
    return generic.inter in NON_STATE_INTERS and named.inter in NON_STATE_INTERS


def _actors_compatible(a: Mention, b: Mention) -> bool:
    a1, a2, b1, b2 = a.actor1, a.actor2, b.actor1, b.actor2
    k = _actor_key
    if k(a1) and k(b1) and not _same_actor(a1, b1):
        return _same_actor(a1, b2) and (not k(b1) or _same_actor(b1, a2) or not k(a2))
    return not (k(a2) and k(b2) and not _same_actor(a2, b2) and not _same_actor(a2, b1))


def _actor_keys(m: Mention) -> set[str]:
    return {k for k in (_actor_key(a) for a in (m.actor1, m.actor2, m.assoc_actor_1)) if k}


def _happened(m: Mention) -> bool:
    """Reports that an event took place, as against plans, denials, hypotheses."""
    return m.modality in EXPORTED_MODALITIES


def _positive_evidence(a: Mention, b: Mention) -> bool:
    """Something the two mentions share beyond not contradicting each other.  Within one
    article a shared actor is enough (the article tells one story); across articles, reports
    that cannot be placed together must be dated to the same day and name the same two sides,
    one of them by name: "civilians were killed" in two reports of one day, or "a group lost two
    fighters in clashes", are as likely two happenings as one, and fusing them mixes their tolls
    and actors."""
    if (
        _place_evidence(a.place)
        and _place_evidence(b.place)
        and (a.place.name == b.place.name or _places_close(a.place, b.place))
    ):
        return True
    if _same_unfound_place(a.place, b.place):
        return True
    if a.doc_key != b.doc_key:
        return _same_day(a.date, b.date) and _same_sides(a, b)
    if _actor_keys(a) & _actor_keys(b):
        return True
    return abs(a.sentence.start - b.sentence.start) <= NEARBY_SENTENCE_CHARS


def _same_day(a: DateSpan | None, b: DateSpan | None) -> bool:
    """Both reports date the happening to one and the same day (a report dated only by its
    week or its publication could be telling of any of that week's happenings)."""
    if a is None or b is None or not a.precision == 1 == b.precision:
        return False
    return (a.start, a.end) == (b.start, b.end)


def _same_sides(a: Mention, b: Mention) -> bool:
    """Whether two reports name the same actor1 and actor2 (either way round), at least one of
    them an actor with a name rather than a generic one ("civilians", "gunmen")."""
    sides = (a.actor1, a.actor2, b.actor1, b.actor2)
    if any(_actor_key(x) is None for x in sides):
        return False
    a1, a2, b1, b2 = sides
    same = (_actor_key(a1) == _actor_key(b1) and _actor_key(a2) == _actor_key(b2)) or (
        _actor_key(a1) == _actor_key(b2) and _actor_key(a2) == _actor_key(b1)
    )
    generic = _generic_actor_ids()
    return same and any(x is not None and x.actor_id not in (None, *generic) for x in (a1, a2))


def _place_evidence(place: Place | None) -> TypeGuard[Place]:
    """Whether a shared ``place`` can tell that two reports are one event: a point or a part of
    a district, found as such. A governorate or a country is shared by too many events, and a
    fallback (a village not found, placed at its governorate) says nothing of where it was."""
    return place is not None and place.precision <= 2 and not place.named


def _same_unfound_place(a: Place | None, b: Place | None) -> bool:
    """Two reports naming one village the gazetteer does not hold, in one governorate: the
    name is the evidence a point would have been ("Kafr X, in Idlib" twice is one place)."""
    if a is None or b is None or not (a.named and b.named):
        return False
    same_region = (a.country_code, a.admin1 or a.name) == (b.country_code, b.admin1 or b.name)
    return same_region and fold(a.named) == fold(b.named)


def _different_named_places(a: Place | None, b: Place | None) -> bool:
    """Two reports naming different places, at least one of which fell back to its region
    ("Kafr X" and "Tal Y", both placed at their governorate): never the same event."""
    if a is None or b is None or not (a.named or b.named):
        return False
    return fold(a.named or a.name) != fold(b.named or b.name)


def same_event(a: Mention, b: Mention) -> bool:
    """Whether mentions ``a`` and ``b`` can describe one happening."""
    if a.event_type != b.event_type or a.historical != b.historical:
        return False
    if a.event_type in CATCH_ALL_TYPES and (a.sub_event_type, a.plover_type, a.plover_mode) != (
        b.sub_event_type,
        b.plover_type,
        b.plover_mode,
    ):
        return False
    if _happened(a) != _happened(b):
        return False
    if not (_dates_overlap(a.date, b.date) and _places_close(a.place, b.place)):
        return False
    if _different_named_places(a.place, b.place):
        return False
    if not _actors_compatible(a, b) or not _positive_evidence(a, b):
        return False
    if a.doc_key == b.doc_key:
        if a.sentence.start == b.sentence.start:
            return False  # extraction already told one sentence's events apart
        shared = set(a.counts) & set(b.counts)
        return all(a.counts[k] == b.counts[k] for k in shared)
    return True


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
        kind: tuple[object, ...] = (m.event_type, m.historical, _happened(m))
        if m.event_type in CATCH_ALL_TYPES:
            kind += (m.sub_event_type, m.plover_type, m.plover_mode)
        keys: list[tuple[object, ...]] = [(kind, "actor", k) for k in _actor_keys(m)]
        keys.append((kind, "doc", m.doc_key))
        if _place_evidence(m.place):
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
    known = [a for a in actors if a is not None]
    if not known:
        return None
    counts = Counter(_actor_key(a) for a in known)
    return max(
        known, key=lambda a: (bool(a.canonical), counts[_actor_key(a)], a.actor_id is not None)
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
