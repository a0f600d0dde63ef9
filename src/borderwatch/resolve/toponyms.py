"""Every toponym of a text, resolved in the context of the whole text.

The text decides what a name stands for, with character-level phrase rules that hold for English
news in general:

- a container: "X in Y", "X in the Y countryside", "X, Y" (Y a governorate or a country) puts X
  inside Y; among namesakes the one inside wins, and an X no gazetteer knows falls back to Y's
  governorate at precision 3, named as the governorate (ACLED);
- a region: "rural X", "X countryside", "X province/governorate", "villages of X", "a town in X"
  mean X's governorate (precision 3, named as the governorate, not its capital); "X district"
  its district;
- a vicinity: "near X", "outskirts of X", "X front", "the road between A and B", "north of X"
  put the event at X with precision 2 (never 1: the place itself was not where it happened).

Every name is resolved with the countries the text is about, the countries it names and the
points of the other places it names (see :class:`PlaceContext`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..model import Place
from .containment import TOWN_KM, inside
from .links import (
    COMMA,
    CONTAINER_BEFORE,
    CONTAINER_LINK,
    IN,
    NEAR,
    NEARBY_BEFORE,
    Link,
    links,
    narrowed,
)
from .names import DEMONYM, GUESS, PLACE_HEAD_WORDS, NameSpan, names_in
from .places import PlaceContext, PlaceResolver, distance_km
from .together import Points, read_together
from .together import isolated as _isolated
from .together import points_besides as _points_besides

# kept importable from here
__all__ = [
    "CONTAINER_BEFORE",
    "CONTAINER_LINK",
    "IN",
    "NEAR",
    "NameSpan",
    "PLACE_HEAD_WORDS",
    "names_in",
]

_DIRECTION = r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+)?"
REGION_BEFORE = re.compile(
    r"\b(?:rural|countryside\s+of|(?:province|governorate|region|villages|towns)\s+of|"
    r"(?:a|one|two|three|several|some)\s+(?:village|town|hamlet|farm)s?\s+(?:in|of))\s+"
    r"(?:the\s+)?" + _DIRECTION + r"$",
    re.I,
)
REGION_AFTER = re.compile(
    r"^(?:'s)?\s+(?:countryside|province|governorate|region|hinterland)\b", re.I
)
DISTRICT_AFTER = re.compile(r"^\s+(?:district|area)\b", re.I)
# "southern Idleb", "in northern Hama": a part of the governorate (not "eastern Aleppo city")
COMPASS_BEFORE = re.compile(r"\b(?:north|south|east|west|central)(?:east|west)?(?:ern)?\s+$", re.I)
# ... unless a part of a town follows: "eastern Aleppo city", "the south Baghdad neighbourhood of
# X", "west Mosul's streets" name the town, not its governorate
CITY_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:city|town|neighbou?rhoods?|quarters?|suburbs?|streets|old\s+city|"
    r"(?:city|town)\s+cent(?:re|er)|downtown)\b",
    re.I,
)
NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|around|close\s+to|vicinity\s+of|edge\s+of|outskirts\s+of|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"(?:road|highway|route)\s+(?:between|from|linking|connecting)|between|outskirts)\s+"
    r"(?:the\s+)?(?:town\s+of\s+|village\s+of\s+|city\s+of\s+)?$",
    re.I,
)
NEAR_AFTER = re.compile(
    r"^(?:(?:'s)?\s+(?:front|frontline|outskirts|suburbs|environs)\b|"
    # "the Homs-Palmyra road", "the Aleppo–Gaziantep highway": a road between two towns
    r"(?:\s*[-–—/]\s*[A-Z][\w'’]*(?:[\s-]+[A-Z][\w'’]*)?)?\s+(?:road|highway|motorway)\b)",
)
# "the road between A and B", "the highway from A to B": B as near as A.
ROAD_BEFORE = re.compile(
    r"\b(?:road|highway|route|motorway)\s+(?:between|from|linking|connecting)\s+"
    r"[\w'’ -]{1,40}?\s+(?:and|to|with)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?$",
    re.I,
)
# "the Free Idlib Army", "the Homs Liberation Movement": a place name inside an organisation's
# name is no place of the event (capitalised words, then the organisation's head noun).
ORGANISATION_AFTER = re.compile(
    r"^(?:\s+[A-Z][\w'’-]*){0,2}\s+(?:Army|Movement|Brigades?|Division|Battalions?|Regiment|"
    r"Front|Corps|Council|Shield|Falcons|Legion|Gathering|Union|Party|Committee|Revolutionaries|"
    r"Operations\s+Room|Media\s+Cent(?:er|re)|Coordination|Liberation)\b"
)
# "the Shuqef neighbourhood", "the neighbourhood of Shuqef": a quarter of a city.
QUARTER_AFTER = re.compile(r"^\s+(?:neighbou?rhood|quarter|district)\b", re.I)
QUARTER_BEFORE = re.compile(r"\b(?:neighbou?rhood|quarter)\s+of\s+(?:the\s+)?$", re.I)
# "X, a village 45 km south of T": X's namesakes count as near T within this many times the
# stated distance (distances in news are rounded, and measured by road).
STATED_KM_FACTOR = 1.5
# A place named somewhere in the document, with the name the text used for it.
Anchor = tuple[str, Place]


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    place: Place | None
    reading: str = "place"  # place | region | near | fallback | unresolved | demonym
    # For a container: the place of the name the text puts in it that the recogniser did not
    # take for a place ("Kafr Zorbeyat in Hama", Kafr Zorbeyat read as a person): that name's
    # point when a gazetteer knows it, else the container's governorate (a fallback).
    inner: Place | None = None
    # Whether the text puts another name that has a place in or near this one ("X in Y", "X,
    # a village south of Y"): the event's place is then that name, not this one.
    holds: bool = False


def resolve_names(
    places: PlaceResolver,
    text: str,
    names: list[NameSpan],
    *,
    countries: tuple[str, ...] = (),
    anchors: tuple[Anchor, ...] = (),
    max_km: float | None = None,
) -> list[Toponym]:
    """Each of ``names`` (spans of ``text``) resolved in the context of all of them; a
    demonym (``entry_id`` "demonym") is kept only when it names a country. ``anchors``: the
    places the rest of the document names (:func:`anchors_of`), when ``text`` is a part of it.
    ``max_km``: a place further than this from every other place the document names is left
    unresolved, unless the text states its container (extraction: an event is never placed
    hundreds of km from everything its report names)."""
    demonyms = [n for n in names if n.entry_id == DEMONYM]
    names = [narrowed(places.names_of, n) for n in names if n.entry_id != DEMONYM]
    first = _first_readings(places, names, countries)
    settled, countries, named = first.settled, first.countries, first.named
    containers = {  # a country is in no other place ("Turkey's Syria policy")
        i: link
        for i, link in links(text, names, places.names_governorate).items()
        if first.places[i] is None or first.places[i].precision < 4  # type: ignore[union-attr]
    }
    resolved: dict[int, Place | None] = {}
    contained = set(containers)
    order = sorted(range(len(names)), key=lambda i: i in contained)  # containers first
    for i in order:
        container, radius = _container_of(places, text, i, names, containers, resolved)
        others = [(n.text, p) for n, p in zip(names, settled, strict=True) if p is not None]
        points = _evidence_points(i, names, containers, [*others, *anchors])
        ctx = PlaceContext(countries, named, points, container, radius)
        resolved[i] = _in_context(places, names[i], ctx)
        placed = resolved[i]
        if _listed(containers.get(i), resolved) and (
            placed is None or container is None or not inside(placed, container)
        ):
            del containers[i]  # "Homs, Hama and Aleppo": a list after all, not "Jasem, Daraa"
            ctx = PlaceContext(countries, named, points)
            container, resolved[i] = None, _in_context(places, names[i], ctx)
        if max_km is not None and container is None and _isolated(resolved[i], points, max_km):
            resolved[i] = None
        if container is None and NEARBY_BEFORE.search(_before(text, names[i])):
            resolved[i] = _nearby(names[i], resolved[i], [*others, *anchors])
    read_together(
        [n.text for n in names],
        settled,
        set(containers),
        resolved,
        anchors,
        read=lambda i, points: _in_context(
            places, names[i], PlaceContext(countries, named, points)
        ),
        max_km=max_km,
    )
    held = {i: _container_of(places, text, i, names, containers, resolved)[0] for i in containers}
    found = [_read(places, text, n, resolved[i], held.get(i)) for i, n in enumerate(names)]
    holders = {i: containers[i].holder for i, place in held.items() if place is not None}
    found = _place_guesses(names, _holders_marked(found, names, holders), containers)
    return sorted([*found, *_countries_of(places, demonyms)], key=lambda t: t.start)


def _evidence_points(
    i: int, names: list[NameSpan], containers: dict[int, Link], named: list[tuple[str, Place]]
) -> Points:
    """The points that name ``i`` is read near: the other places named, less the names said to
    lie in it -- those are read by it, not evidence for it ("Talin in rural Hama" must not
    drop Hama as far from Talin's Armenian namesake)."""
    within = {names[j].text for j, link in containers.items() if link.holder == i}
    return _points_besides(names[i].text, [(n, p) for n, p in named if n not in within])


def _before(text: str, name: NameSpan) -> str:
    """The words before a name that may frame it ("rural", "near", "southern")."""
    return text[max(0, name.start - 60) : name.start]


@dataclass(frozen=True)
class _FirstReadings:
    """Each name read alone, before any reads another: what the document's countries and the
    other names' points are taken from."""

    places: list[Place | None]  # each name's plain reading (None for a guess)
    settled: list[Place | None]  # the readings with no namesake far away in their country
    countries: tuple[str, ...]  # the document's countries, given or most named first
    named: frozenset[str]  # the countries the text names as such


def _first_readings(
    places: PlaceResolver, names: list[NameSpan], countries: tuple[str, ...]
) -> _FirstReadings:
    first = [None if n.entry_id == GUESS else _plain(places, n, countries) for n in names]
    # what the other names are placed by: a reading with no namesake far away in its country
    settled = [
        p and _plain(places, n, countries, settled=True) for n, p in zip(names, first, strict=True)
    ]
    if not countries:
        counts = Counter(p.country_code for p in first if p is not None and p.country_code)
        countries = tuple(code for code, _ in counts.most_common())
    named = frozenset(p.country_code for p in first if p and p.precision == 4 and p.country_code)
    return _FirstReadings(first, settled, countries, named)


def _countries_of(places: PlaceResolver, demonyms: list[NameSpan]) -> list[Toponym]:
    """The demonyms that name a country ("Syrian"), as that country."""
    found = []
    for n in demonyms:
        country = places.demonym_country(n.text)
        if country is not None:
            found.append(Toponym(n.start, n.end, n.text, country, "demonym"))
    return found


def _place_guesses(
    names: list[NameSpan], found: list[Toponym], containers: dict[int, Link]
) -> list[Toponym]:
    """Guessed names (``GUESS``) are kept when a gazetteer knows them or the text puts them in a
    container; the container then carries their place as its ``inner``."""
    kept: list[Toponym | None] = list(found)
    for i, name in enumerate(names):
        if name.entry_id != GUESS:
            continue
        t = found[i]
        if t.place is None:
            kept[i] = None
        elif i in containers:
            j = containers[i].holder
            holder = kept[j]
            if holder is not None and holder.place is not None:
                kept[j] = replace(holder, inner=t.place)
    return [t for t in kept if t is not None]


def ranking_precision(place: Place) -> int:
    """The precision an event's candidate place ranks with: a village no gazetteer knows,
    placed at its container's governorate (a fallback: ``named`` set), is still the place the
    text names, as specific as the words go ("killed in the village of X in northern Y": X,
    not Y), so it ranks as a point while keeping precision 3 for export."""
    return 1 if place.named else place.precision


def anchors_of(
    places: PlaceResolver, names: list[NameSpan], countries: tuple[str, ...] = ()
) -> tuple[Anchor, ...]:
    """The places ``names`` (all of a document's) match exactly: what a name elsewhere in the
    document is checked against."""
    found = (
        (n.text, _plain(places, n, countries, settled=True))
        for n in names
        if n.entry_id not in (DEMONYM, GUESS)  # a guess anchors nothing ("UN" is no town)
    )
    return tuple((text, p) for text, p in found if p is not None)


def _plain(
    places: PlaceResolver, name: NameSpan, countries: tuple[str, ...], *, settled: bool = False
) -> Place | None:
    """The reading of ``name`` without context: exact matches only, and only when no
    namesake in another country (``settled``: nor far away in its own) comes close."""
    return places.resolve_confident(name.text, countries, settled=settled)


def _in_context(places: PlaceResolver, name: NameSpan, ctx: PlaceContext) -> Place | None:
    hand = places.by_id(name.entry_id.removeprefix("place:")) if name.entry_id else None
    return places.resolve(name.text, context=ctx) or hand


def _holders_marked(
    found: list[Toponym], names: list[NameSpan], holders: dict[int, int]
) -> list[Toponym]:
    """``found`` (one per name) with the names a placed, recognised name lies in or near
    marked ``holds`` (``holders``: name -> the name holding it; a guessed name's place is
    its holder's ``inner`` instead)."""
    held = {
        j for i, j in holders.items() if found[i].place is not None and names[i].entry_id != GUESS
    }
    return [replace(t, holds=True) if k in held else t for k, t in enumerate(found)]


def _listed(link: Link | None, resolved: dict[int, Place | None]) -> bool:
    """Whether a comma link to a town named as a governorate may be a list instead ("X,
    Hama": X in Hama governorate, unless no X lies there)."""
    if link is None or link.kind != COMMA:
        return False
    holder = resolved.get(link.holder)
    return holder is not None and holder.precision < 3


def _container_of(
    places: PlaceResolver,
    text: str,
    i: int,
    names: list[NameSpan],
    containers: dict[int, Link],
    resolved: dict[int, Place | None],
) -> tuple[Place | None, float | None]:
    """The place name ``i`` is said to lie in or near, and the radius around it a town's
    surroundings have for this link (None: the default). After a comma only a governorate or
    a country ("Arsal, Lebanon"), since "Arsal, Qusayr and Hermel" is a list. A container
    whose name is a governorate's ("Kafr Nabl in Idleb") is the governorate, not its capital
    city (ACLED), unless the name is a quarter ("the X neighbourhood in Homs": the city)."""
    link = containers.get(i)
    if link is None:
        return None, None
    container = resolved.get(link.holder)
    if container is None:
        return None, None
    holder = names[link.holder]
    # "the X neighbourhood in Homs", and "the Damascus district of Jobar" (the holder first)
    quarter = QUARTER_AFTER.match(text[names[i].end : names[i].end + 20]) or (
        holder.end <= names[i].start and QUARTER_AFTER.match(text[holder.end : holder.end + 20])
    )
    governorate = not quarter and places.names_governorate(
        names[link.holder].text, container.country_code
    )
    if link.kind == COMMA and container.precision < 3 and not governorate:
        return None, None
    if link.kind == NEAR:
        return container, max(TOWN_KM, link.km * STATED_KM_FACTOR) if link.km else None
    if container.precision < 3 and governorate:
        region = places.region(names[link.holder].text, container.country_code)
        if region is not None:
            return region, None
    return container, None


def _read(
    places: PlaceResolver, text: str, name: NameSpan, place: Place | None, container: Place | None
) -> Toponym:
    before = _before(text, name)
    after = text[name.end : name.end + 30]
    rural = bool(REGION_BEFORE.search(before) or REGION_AFTER.match(after))
    country = place.country_code if place else None
    compass = bool(COMPASS_BEFORE.search(before)) and not CITY_AFTER.match(after)
    # "rural Idleb", "Hama province", "southern Idleb": the governorate; "rural Qusayr": not
    if (rural or compass) and (place is None or places.names_governorate(name.text, country)):
        region = places.region(name.text, country)
        if region is not None:
            return Toponym(name.start, name.end, name.text, region, "region")
    if DISTRICT_AFTER.match(after):
        district = places.region(name.text, place.country_code if place else None, district=True)
        if district is not None:
            return Toponym(name.start, name.end, name.text, district, "region")
    if place is None:
        quarter = bool(QUARTER_AFTER.match(after) or QUARTER_BEFORE.search(before))
        fallback = _fallback(places, name, container, quarter=quarter)
        reading = "fallback" if fallback else "unresolved"
        return Toponym(name.start, name.end, name.text, fallback, reading)
    # "rural Qusayr", "the Yabroud countryside" (no governorate of that name), "near X", "the
    # Homs-Palmyra road": the town's surroundings, precision 2 (ACLED)
    if rural or NEAR_BEFORE.search(before) or NEAR_AFTER.match(after) or ROAD_BEFORE.search(before):
        if place.precision < 2:
            place = replace(place, precision=2)
        return Toponym(name.start, name.end, name.text, place, "near")
    return Toponym(name.start, name.end, name.text, place)


def _nearby(name: NameSpan, place: Place | None, named: list[Anchor]) -> Place | None:
    """ "The nearby village of X" where the text names no place before it: X lies near the
    first town the document names; a namesake farther than ``TOWN_KM`` from every town it
    names is another place, and X is then "an unknown village near" that first town (the
    town, precision 2)."""
    towns = [p for text, p in named if p.precision <= 2 and text != name.text]
    if not towns:
        return place
    if place is not None and any(
        distance_km(place.latitude, place.longitude, t.latitude, t.longitude) <= TOWN_KM
        for t in towns
    ):
        return place
    return replace(towns[0], precision=2, named=name.text)


def _fallback(
    places: PlaceResolver, name: NameSpan, container: Place | None, *, quarter: bool = False
) -> Place | None:
    """Where a name no gazetteer knows (there) is placed: in or near a town, "an unknown
    village near the town" (the town, precision 2), a quarter of a city the city itself
    (precision 1, ACLED); in a governorate, the governorate (precision 3, never its capital);
    all named as the text named the place."""
    if container is None:
        return None
    if container.precision < 3:
        return replace(container, precision=1 if quarter else 2, named=name.text)
    return places.governorate_of(container, named=name.text)


def part_of_organisation(text: str, start: int, end: int) -> bool:
    """Whether the place name at ``start:end`` of ``text`` begins an organisation's name ("the
    Free Idlib Army", "the Homs Liberation Movement"): no place of an event."""
    return bool(ORGANISATION_AFTER.match(text[end : end + 60]))


def geoparse_text(nlp: object, places: PlaceResolver, text: str) -> list[Toponym]:
    """Every toponym of ``text`` (not cleaned: offsets index ``text``), resolved in context.
    Only the entity finders of ``nlp`` run: the tree is not needed."""
    finders = ("ner", "entity_ruler", "place_frames")
    pipe = nlp  # a spaCy Language
    disable = [n for n in pipe.pipe_names if pipe.get_pipe_meta(n).factory not in finders]  # type: ignore[attr-defined]
    doc = pipe(text, disable=disable)  # type: ignore[operator]
    return resolve_names(places, text, names_in(doc, demonyms=True, places=places))
