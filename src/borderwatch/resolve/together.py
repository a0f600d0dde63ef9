"""A document's names read together: each is placed by the others.

A name with namesakes across one country ("Peoria": Arizona or Illinois; "Springfield": a
dozen states) is no anchor for the others, and is read again, once every name has a reading,
in the light of the others' readings: "Peoria" beside "Springfield" is Illinois' pair, and
"Paris" beside "Murray, Ky." and "Henry County" is the Tennessee town. A name the document
also puts in a container ("Parkland, Florida") keeps that reading wherever it recurs (one
place per name in a document).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Place
from .places import distance_km

Points = tuple[tuple[float, float], ...]


def points_besides(name: str, named: list[tuple[str, Place]]) -> Points:
    """The points of the other places named (not ``name`` itself, no country)."""
    return tuple(
        (p.latitude, p.longitude) for named_as, p in named if p.precision < 4 and named_as != name
    )


def isolated(place: Place | None, points: Points, max_km: float) -> bool:
    if place is None or place.precision >= 4 or not points:
        return False
    return all(distance_km(place.latitude, place.longitude, *p) > max_km for p in points)


def read_together(
    texts: list[str],
    settled: list[Place | None],
    contained: set[int],
    resolved: dict[int, Place | None],
    anchors: tuple[tuple[str, Place], ...],
    *,
    read: Callable[[int, Points], Place | None],
    max_km: float | None,
) -> None:
    """Read again (``read``: name ``i`` among ``points``) into ``resolved`` the names placed
    by neither a settled reading of their own (``settled``) nor a container (``contained``),
    among the others' readings; a name a container placed elsewhere in the document takes
    that reading."""
    loose = [
        i
        for i in range(len(texts))
        if settled[i] is None and i not in contained and resolved.get(i) is not None
    ]
    if len(loose) + sum(p is not None for p in settled) < 2:
        return
    fixed = {texts[i]: p for i in contained if (p := resolved.get(i)) is not None}
    for i in loose:
        if texts[i] in fixed:
            resolved[i] = fixed[texts[i]]
            continue
        others = [(t, p) for j, t in enumerate(texts) if (p := resolved.get(j)) is not None]
        points = points_besides(texts[i], [*others, *anchors])
        placed = read(i, points)
        if max_km is None or not isolated(placed, points, max_km):
            resolved[i] = placed
