"""Place names the statistical recogniser did not mark at all, found by the gazetteers and the
words around them (geoparsing whole articles; extraction keeps to the recogniser's names and
``frames``).

The small spaCy model misses many towns outright ("a soldier of the regiment in Colchester"),
every all-caps dateline ("TORONTO — ..."), and place names inside the names of organisations
and venues ("the Cavan Institute", "Dubai Police"), which geoparsing counts as toponyms. A
run of capitalised words the recogniser left unmarked (or marked as a number or an amount:
"15 billion US dollars") is a place when a gazetteer knows it *and* the text supports it:

- a country, a US state or a state/province of the world: known wherever it stands (its name
  is rarely anything else), except as a sentence's first word;
- a town (its own GeoNames name, ``MIN_TOWN_POPULATION`` people or more): only after a
  locative or relational preposition ("in", "from", "near", "to", "of"...) or before ", "
  and a country or US state;
- always the whole run of capitalised words: "Adrian Dunbar" or "Aston Villa" is no town;
- an all-caps run opening a line or a sentence, followed by a dash or a comma: a dateline;
  a country's initials ("US", "UAE") anywhere.

Inside an organisation's or a venue's name, the longest leading or trailing run that names a
town (of ``MIN_HELD_TOWN_POPULATION``), a country, a state or a province counts ("Toronto
Police Services Board", "the Dubai World Trade Centre"); a person's name never does ("Nelson
Mandela").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .areas import COMPASS_WORDS
from .folding import normalise
from .geonames import (
    areas_named,
    cities_by_name,
    countries_by_name,
    state_by_abbreviation,
    states_by_name,
)

# A town found by the gazetteers alone must be this large: a name that many people know as a
# town (smaller namesakes of ordinary words and surnames abound); inside an organisation's
# name, larger still (firms and clubs are named after founders: "Orange", "Tyler").
MIN_TOWN_POPULATION = 15_000
MIN_HELD_TOWN_POPULATION = 250_000
MAX_TOKENS = 4
# Labels whose spans are still searched: numbers and amounts ("billion US dollars").
SEARCHED_LABELS = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT", "DATE", "TIME"})
# Labels whose names may hold a place name at their start or end.
HOLDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})
CUE_BEFORE = re.compile(
    r"\b(?:in|at|of|from|to|near|outside|into|across|around|towards?|via|between|"
    r"visit(?:ed|ing)?)\s+(?:the\s+)?$",
    re.I,
)
POLITY_AFTER = re.compile(r"^,\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")
DATELINE_AFTER = re.compile(r"^\s*(?:[,:(]|[-–—]\s)")
CALENDAR_WORDS = frozenset(
    w.lower()
    for w in [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)

Known = Callable[[str], str]  # "" unknown, else "polity" or "town"
POLITY, TOWN = "polity", "town"


def place_kind(text: str, min_town: int = MIN_TOWN_POPULATION) -> str:
    """How a gazetteer knows ``text``: POLITY (a country, a US state, a state or province of
    the world, by its own name, not a compass word: "Central", "Western"), TOWN (a town of
    ``min_town`` people, by its own name), or "" (not at all)."""
    key = normalise(text)
    if not key or key in CALENDAR_WORDS:
        return ""
    if key in countries_by_name() or key in states_by_name() or state_by_abbreviation(text):
        return POLITY
    if key not in COMPASS_WORDS and any(
        a[6] == 1 and normalise(a[0]) == key for a in areas_named(key)
    ):
        return POLITY
    if any(normalise(c[0]) == key and c[5] >= min_town for c in cities_by_name().get(key, ())):
        return TOWN
    return ""


def held_place_kind(text: str) -> str:
    return place_kind(text, MIN_HELD_TOWN_POPULATION)


def uncovered_names(doc: object, known: Known = place_kind) -> list[tuple[int, int]]:
    """Character spans of the place names of ``doc`` (a parsed spaCy Doc) that its entities
    do not cover, by the module's rules."""
    tokens = list(doc)  # type: ignore[call-overload]
    text: str = doc.text  # type: ignore[attr-defined]
    covered: set[int] = set()
    for ent in doc.ents:  # type: ignore[attr-defined]
        if ent.label_ not in SEARCHED_LABELS:
            covered.update(range(ent.start, ent.end))
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        span = _name_at(tokens, i, covered, text, known)
        if span is None:
            i += 1
            continue
        found.append((tokens[span[0]].idx, _end(tokens[span[1] - 1])))
        i = span[1]
    return found


def _name_at(
    tokens: list, i: int, covered: set[int], text: str, known: Known
) -> tuple[int, int] | None:
    first = tokens[i]
    if i in covered or not first.text[:1].isupper():
        return None
    stop = i
    while stop < len(tokens) and stop - i < MAX_TOKENS and stop not in covered:
        if not tokens[stop].text[:1].isupper():
            break
        stop += 1
    # the whole run or nothing: "Adrian Dunbar" and "Aston Villa" hold no place
    for end in (stop,):
        start_char, end_char = first.idx, _end(tokens[end - 1])
        name = text[start_char:end_char]
        caps = name.isupper()
        kind = known(name.title() if caps else name)
        if not kind:
            continue
        before = text[max(0, start_char - 40) : start_char]
        after = text[end_char : end_char + 40]
        if caps:
            # a dateline opens a line or a sentence; a country's initials stand anywhere
            opens = _line_start(text, start_char) or first.is_sent_start
            if (opens and DATELINE_AFTER.match(after) and len(name) > 3) or _initials(name):
                return i, end
            continue
        if first.is_sent_start:
            continue
        if kind == POLITY or CUE_BEFORE.search(before) or _polity_follows(after, known):
            return i, end
    return None


def _initials(name: str) -> bool:
    """ "US", "UK", "UAE", "DPRK": a country known by its initials."""
    return "." not in name and " " not in name and normalise(name) in countries_by_name()


def _line_start(text: str, start: int) -> bool:
    """Whether only spaces (or "and"-like joiners of two datelines: "TIJUANA & SAN DIEGO")
    stand between the line's start and ``start``."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return not line.strip() or bool(re.fullmatch(r"\s*[A-Z .]+\s*[&/]\s*", line))


def _polity_follows(after: str, known: Known) -> bool:
    match = POLITY_AFTER.match(after)
    return bool(match) and known(match.group(1)) == POLITY  # type: ignore[union-attr]


def _end(token: object) -> int:
    return token.idx + len(token.text)  # type: ignore[attr-defined]


def held_names(ent: object, known: Known = held_place_kind) -> list[tuple[int, int]]:
    """The place name at the start or the end of an organisation's or venue's name
    (``ent``, a spaCy Span), longest first: "Toronto" in "Toronto Police Services Board",
    "Dubai" in "Smart Dubai"."""
    if ent.label_ not in HOLDING_LABELS:  # type: ignore[attr-defined]
        return []
    tokens = [t for t in ent if t.text.lower() != "the"]  # type: ignore[attr-defined]
    text: str = ent.doc.text  # type: ignore[attr-defined]
    for size in range(min(MAX_TOKENS, len(tokens)), 0, -1):
        for part in (tokens[:size], tokens[-size:]):
            start, end = part[0].idx, _end(part[-1])
            name = text[start:end]
            if name[:1].isupper() and not name.isupper() and known(name):
                return [(start, end)]
    return []
