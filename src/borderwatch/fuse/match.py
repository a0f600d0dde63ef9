"""Whether two mentions can describe one happening (:func:`same_event`).

Two mentions describe the same happening when their types agree, their date windows overlap,
their places are close for their precision, and their actors do not contradict each other; and
they share positive evidence (a place found as such, the same unfound village, an actor within
one article, or across articles the same day and the same two sides).  Mentions from one
article must also agree on their counts (an article that gives two different tolls is telling of
two events); across articles differing counts are conflicting claims and are kept side by side.
"""

from __future__ import annotations

import functools
import math
from typing import TypeGuard

from ..model import EXPORTED_MODALITIES, ActorRef, DateSpan, Mention, Place
from ..region import load_region
from ..resolve.folding import fold

# Distance within which two places can be the same event's, by the coarser precision of the two.
MAX_KM_BY_PRECISION = {1: 15.0, 2: 30.0, 3: 80.0, 4: 400.0}
# Mentions of one article this close (in characters) may be one event even if they share no
# actor or place: the second sentence usually continues the first.
NEARBY_SENTENCE_CHARS = 400
# The vaguest date precision (3: a month) at which reports of different articles may fuse; a
# report dated to a year or not at all (an undated article) names no happening another can join.
CLOSEST_FUSING_PRECISION = 3
# Event types that are catch-alls: their mentions fuse only when the sub-types agree as well.
CATCH_ALL_TYPES = frozenset({"Strategic developments"})


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


def actor_key(actor: ActorRef | None) -> str | None:
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
    kx, ky = actor_key(x), actor_key(y)
    if kx is None or ky is None or kx == ky:
        return kx == ky
    return _stands_for(x, y) or _stands_for(y, x)


def _stands_for(generic: ActorRef | None, named: ActorRef | None) -> bool:
    if generic is None or named is None or generic.actor_id not in _generic_actor_ids():
        return False
    return generic.inter in NON_STATE_INTERS and named.inter in NON_STATE_INTERS


def _actors_compatible(a: Mention, b: Mention) -> bool:
    a1, a2, b1, b2 = a.actor1, a.actor2, b.actor1, b.actor2
    k = actor_key
    if k(a1) and k(b1) and not _same_actor(a1, b1):
        return _same_actor(a1, b2) and (not k(b1) or _same_actor(b1, a2) or not k(a2))
    return not (k(a2) and k(b2) and not _same_actor(a2, b2) and not _same_actor(a2, b1))


def actor_keys(m: Mention) -> set[str]:
    return {k for k in (actor_key(a) for a in (m.actor1, m.actor2, m.assoc_actor_1)) if k}


def happened(m: Mention) -> bool:
    """Reports that an event took place, as against plans, denials, hypotheses."""
    return m.modality in EXPORTED_MODALITIES


def _positive_evidence(a: Mention, b: Mention) -> bool:
    """Something the two mentions share beyond not contradicting each other.  Within one
    article a shared actor is enough (the article tells one story); across articles, reports
    that cannot be placed together must be dated to the same day and name the same two sides,
    one of them by name: "civilians were killed" in two reports of one day, or "a group lost two
    fighters in clashes", are as likely two happenings as one, and fusing them mixes their tolls
    and actors."""
    if a.doc_key != b.doc_key and not (_dated_closely(a) and _dated_closely(b)):
        return False
    if (
        place_evidence(a.place)
        and place_evidence(b.place)
        and (a.place.name == b.place.name or _places_close(a.place, b.place))
    ):
        return True
    if _same_unfound_place(a.place, b.place):
        return True
    if a.doc_key != b.doc_key:
        return _same_day(a.date, b.date) and _same_sides(a, b)
    if actor_keys(a) & actor_keys(b):
        return True
    return abs(a.sentence.start - b.sentence.start) <= NEARBY_SENTENCE_CHARS


def may_fuse_across_articles(m: Mention) -> bool:
    """Whether ``m`` can share positive evidence with a report of another article at all (see
    :func:`_positive_evidence`): a place found as such, an unfound village it names, or a day.
    One that cannot -- no place or only a region, no day -- fuses only within its own article,
    so fusion need not read the store for its partners (a month-wide, region-wide report in a
    store of 100,000 events would read most of them to find none)."""
    return _dated_closely(m) and (
        place_evidence(m.place)
        or (m.place is not None and bool(m.place.named))
        or (m.date is not None and m.date.precision == 1)
    )


def _dated_closely(m: Mention) -> bool:
    """Dated to a month or closer: across articles, a report dated only to a year or not at
    all ("earlier this year", an article without a publication date) is no evidence that it
    tells the same happening as another -- a town sees many events of one type in a year, and
    such a report would join whichever came first (and, in a store of 100,000 events, fusion
    compared it with every one of them at its town: minutes per article)."""
    return m.date is not None and m.date.precision <= CLOSEST_FUSING_PRECISION


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
    if any(actor_key(x) is None for x in sides):
        return False
    a1, a2, b1, b2 = sides
    same = (actor_key(a1) == actor_key(b1) and actor_key(a2) == actor_key(b2)) or (
        actor_key(a1) == actor_key(b2) and actor_key(a2) == actor_key(b1)
    )
    generic = _generic_actor_ids()
    return same and any(x is not None and x.actor_id not in (None, *generic) for x in (a1, a2))


def place_evidence(place: Place | None) -> TypeGuard[Place]:
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
    if happened(a) != happened(b):
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
