"""Every toponym of a text, resolved in the context of the whole document (BASELINE)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model import Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    place: Place | None


def toponyms_of(nlp: Any, resolver: Any, text: str) -> list[Toponym]:
    doc = nlp(text)
    spans = [e for e in doc.ents if e.label_ in PLACE_LABELS or e.ent_id_.startswith("place:")]
    places = resolver.places
    counts: Counter[str] = Counter()
    for ent in spans:
        p = _resolve(places, ent, ())
        if p is not None:
            counts[p.country_code] += 1
    countries = tuple(c for c, _ in counts.most_common())
    return [
        Toponym(e.start_char, e.end_char, e.text, _resolve(places, e, countries)) for e in spans
    ]


def _resolve(places: Any, ent: Any, countries: tuple[str, ...]) -> Place | None:
    if ent.ent_id_.startswith("place:"):
        return places.by_id(ent.ent_id_.removeprefix("place:"))
    return places.resolve(ent.text, countries=countries)


def choose_event_place(resolver: Any, doc: Any, verb: Any) -> tuple[int, int] | None:
    from ..extract.arguments import acts_as_actor, place_spans, rank_place

    best = None
    for ent in place_spans(doc[:]):
        if acts_as_actor(ent):
            continue
        p = _resolve(resolver.places, ent, ())
        if p is None:
            continue
        score = rank_place(verb, ent, p.precision)
        if best is None or score < best[0]:
            best = (score, (ent.start_char, ent.end_char))
    return best[1] if best else None
