"""How a text ties one place name to another, with character-level phrase rules that hold for
English news in general.

- a container: "X in (the northern) Y", "X, Y" (Y a governorate or a country: "Arsal, Qusayr
  and Hermel" is a list), "Y's X", "the Y neighbourhood of X" put X inside Y;
- a list: "A, B and C in Y" puts every name of the list where its last one is;
- a vicinity: "X near Y", "X, a village 10 km south of Y", "X (south-west of Y)", "the nearby
  village of X" after Y put X in Y's surroundings: a namesake of X far from Y is another place,
  and an X no gazetteer knows there is "an unknown village near Y" (Y, precision 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from .folding import normalise

_DIRECTION = r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+)?"
IN, COMMA, NEAR = "in", "comma", "near"
# "X in (the) (northern) (rural) Y", "X village/city/neighbourhood/area in Y", "X, Y", "X town,
# Y", and as coders' notes write it: "X, southern Y countryside", "X (Y)" (Y coarser: checked
# when resolving). Not "X town of Y": "the Idleb town of Saraqib" reads the other way.
_PLACE_NOUN = (
    r"(?:village|town|city|hamlet|area|neighbou?rhood|district|sub-district|quarter|suburb|camp)"
)
CONTAINER_LINK = re.compile(
    r"^(?:(?:\s+"
    + _PLACE_NOUN
    + r")?\s+(?:in|inside|within)\s+(?:the\s+)?|(?:\s+"
    + _PLACE_NOUN
    + r")?\s*,\s*)(?:"
    + _DIRECTION
    + r")?(?:rural\s+)?$|^\s*\(\s*$",
    re.I,
)
# "Y's X", "the Y neighbourhood of X", "Y's X district": the first name holds the second.
CONTAINER_BEFORE = re.compile(
    r"^(?:(?:'s|’s)\s+(?:" + _DIRECTION + r")?|\s+(?:neighbou?rhood|suburb|district|quarter|"
    r"village|town|countryside|province|governorate)s?\s+of\s+(?:the\s+)?(?:"
    + _DIRECTION
    + r")?)$",
    re.I,
)
_COMPASS = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
_KM = r"(?P<km>\d+(?:\.\d+)?)\s*(?P<unit>km|kilomet(?:er|re)s?|miles?)\s+"
# "X near Y", "X, a small village 10 km south of the town of Y", "X, 45 km north of Y",
# "X (south-west of Y)", "the X district on the outskirts of Y": X lies in Y's surroundings.
# After a comma the appositive names what X is ("a village", "an enclave"), states a distance or
# says "near": "Aleppo, north of Hama" says nothing new.
_NOUN = (
    r"(?P<noun>village|town|hamlet|settlement|city|suburb|area|enclave|neighbou?rhood|"
    r"district|locality|farm|camp|base|checkpoint)s?"
)
VICINITY_LINK = re.compile(
    r"^(?:(?:\s+(?:district|neighbou?rhood|quarter|area|suburb|village|camp))?\s+|\s*\(\s*|"
    r"\s*,\s*(?:(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}?" + _NOUN + r"\s+"
    r"(?:(?:located|situated|lying|some)\s+)?)?)"
    r"(?:(?:about|around|some|roughly|nearly|almost|just)\s+)?(?:" + _KM + r")?"
    r"(?:near|outside|close\s+to|not\s+far\s+from|" + _COMPASS + r"\s+of|"
    r"(?:on|in|at)\s+the\s+(?:outskirts|edge|edges|vicinity)\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
    re.I,
)
# "the nearby village of X", "the neighbouring town of X": X lies near the place named before.
NEARBY_BEFORE = re.compile(
    r"\b(?:nearby|neighbou?ring|adjacent|surrounding)\s+(?:village|town|hamlet|settlement|"
    r"city|area)s?\s+of\s+(?:the\s+)?$",
    re.I,
)
# "X, near Y" says X is near Y even without a noun ("Aleppo, north of Hama" says nothing new).
NEAR_WORD = re.compile(r"\b(?:near|close\s+to|not\s+far\s+from|outside)\b", re.I)
# Names of one list: "A, B and C", "A or B".
COORDINATED = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$", re.I)
MILES_KM = 1.609
# An alias that wraps a town's name in a vicinity or region word (see ``_narrowed``).
WRAPPED_BEFORE = re.compile(
    r"^(?:the\s+)?(?:(?:outskirts|vicinity|edges?|environs|suburbs|countryside|surroundings|"
    r"rural\s+areas)\s+of\s+(?:the\s+)?|(?:rural|near|outside|around)\s+)(?P<rest>\S.*)$",
    re.I,
)
WRAPPED_AFTER = re.compile(
    r"^(?P<rest>.*\S)(?:'s|’s)?\s+(?:outskirts|countryside|front|frontline|suburbs|environs|"
    r"surroundings|rural\s+areas|area)$",
    re.I,
)
# "the A district of B" reads both ways: "the Aleppo district of Sheikh Maqsoud" (A holds B)
# and "the Jobar district of Damascus" (B holds A). B holds A when B names a governorate (or its
# city) and A does not (``links``' ``governs``).
QUARTER_OF = re.compile(
    r"^\s+(?:neighbou?rhood|suburb|district|quarter)s?\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.I,
)
# Search windows: how much text may stand between two linked names.
CONTAINER_CHARS, BEFORE_CHARS, VICINITY_CHARS, NEARBY_CHARS = 30, 40, 80, 200


class Named(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Link:
    """The name (index) another name lies in or near, how (``IN``, ``COMMA``, ``NEAR``) and the
    distance the text states between them, if any."""

    holder: int
    kind: str
    km: float | None = None


def links(
    text: str, names: Sequence[Named], governs: Callable[[str], bool] | None = None
) -> dict[int, Link]:
    """For each name the text ties to another (see the module), that other name's link.
    ``governs``: whether a name is a governorate's (or its city's), which decides which way
    "the A district of B" reads (:data:`QUARTER_OF`)."""
    found: dict[int, Link] = {}
    ordered = sorted(range(len(names)), key=lambda i: names[i].start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        between = text[names[a].end : names[b].start]
        if len(between) <= CONTAINER_CHARS and CONTAINER_LINK.match(between):
            # "X, Y" and "X (Y)": Y a governorate or a country only ("Kobane (Ain al-Arab)")
            found[a] = Link(b, COMMA if "," in between or "(" in between else IN)
        elif (
            governs is not None
            and QUARTER_OF.match(between)
            and governs(names[b].text)
            and not governs(names[a].text)
        ):
            found[a] = Link(b, IN)  # "the Jobar district of Damascus"
        elif len(between) <= BEFORE_CHARS and CONTAINER_BEFORE.match(between) and b not in found:
            found[b] = Link(a, IN)
        elif len(between) <= VICINITY_CHARS and (match := VICINITY_LINK.match(between)):
            bare = (
                between.lstrip().startswith(",")
                and not (match["noun"] or match["km"])
                and not NEAR_WORD.search(between)
            )
            if not bare:
                found[a] = Link(b, NEAR, _km(match))
    for a, b in zip(ordered, ordered[1:], strict=False):
        before = text[max(names[a].end, names[b].start - 60) : names[b].start]
        gap = names[b].start - names[a].end
        if b not in found and gap <= NEARBY_CHARS and NEARBY_BEFORE.search(before):
            found[b] = Link(a, NEAR)
    # "A, B and C in Idleb": the names listed before a contained one share its container
    for a, b in reversed(list(zip(ordered, ordered[1:], strict=False))):
        link = found.get(b)
        between = text[names[a].end : names[b].start]
        listed = a not in found or found[a].kind == COMMA  # "A, B": a list, not "A in B"
        if listed and link and link.kind != COMMA and COORDINATED.match(between):
            found[a] = link
    return found


def _km(match: re.Match[str]) -> float | None:
    if not match.group("km"):
        return None
    value = float(match.group("km"))
    return value * MILES_KM if match.group("unit").lower().startswith("mile") else value


N = TypeVar("N", bound=Any)  # a name span (``toponyms.NameSpan``)


def narrowed(names_of: Callable[[str], frozenset[str]], name: N) -> N:
    """A gazetteer alias that holds a vicinity or region word around another name of the same
    place ("outskirts of Arsal", "rural Qusayr", "Tal Kalakh countryside" as aliases of the
    town) narrowed to that name, so that the words around it read as they do for any town
    (its surroundings, precision 2): an alias never swallows the phrase's meaning. An alias
    that names another place ("Damascus countryside": Rif Dimashq) is left whole.
    ``names_of``: a hand-made entry's id -> the exact keys of its names."""
    if not name.entry_id.startswith("place:"):
        return name
    for pattern in (WRAPPED_BEFORE, WRAPPED_AFTER):
        match = pattern.match(name.text)
        if match is None:
            continue
        rest = match.group("rest")
        if normalise(rest) in names_of(name.entry_id.removeprefix("place:")):
            start = name.start + match.start("rest")
            return replace(name, start=start, end=start + len(rest), text=rest)
    return name
